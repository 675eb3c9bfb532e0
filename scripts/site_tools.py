"""Shared helpers for the scripts that look at the built site: build it, find Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from harness.browser import CHROMIUM_FLAGS  # noqa: E402

__all__ = ["CHROMIUM_FLAGS", "ROOT", "build_site", "chromium"]


def chromium() -> str:
    """Debian's Chromium (Playwright's own browser download does not work here)."""
    found = (
        os.environ.get("CHROME_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not found:
        raise SystemExit("chromium not found: install it with 'apt-get install chromium'")
    return found


def build_site(site: Path, root: Path = ROOT) -> Path:
    """Build the archive at `root` into `site` with a strict build; exit on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return site
