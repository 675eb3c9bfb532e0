"""How this project starts Chromium, for browser tests and measuring scripts alike.

Debian's Chromium is driven through Playwright's `executable_path` (Playwright's own browser
download cannot reach its host here). The flags keep a headless run from reaching for the
network: without them Chromium tries Google's update and sync hosts at every start.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> Path:
    """Debian's Chromium, or the one named by $CHROMIUM."""
    return Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
