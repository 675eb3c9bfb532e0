"""How this project starts Chromium, for browser tests and measuring scripts alike.

Debian's Chromium is driven through Playwright's `executable_path` (Playwright's own browser
download cannot reach its host here). The flags keep a headless run from reaching for the
network: without them Chromium tries Google's update and sync hosts at every start.
"""

from __future__ import annotations

import os
from pathlib import Path

from legacy_archive.core.editors.preview.screenshots import CHROMIUM_FLAGS

__all__ = ["CHROMIUM_FLAGS", "chromium_path"]


def chromium_path() -> Path:
    """Debian's Chromium, or the one named by $CHROMIUM."""
    return Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
