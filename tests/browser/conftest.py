"""What the browser tests share: Debian's Chromium, and the fixture archive built once per
session and served under a sub-path, as GitHub Pages serves a project site.

Debian's chromium is driven by Playwright with `executable_path` (Playwright's own browser
download is not used). Without chromium these tests skip locally but fail under CI=true.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.browser import CHROMIUM_FLAGS, chromium_path
from harness.preview import serve
from support.builds import build
from support.paths import SITE

CHROMIUM = str(chromium_path())
BASE = "/techpathways-archive/"
"""The sub-path the site is served under."""


def need_chromium() -> None:
    """Skip without Debian's chromium; under CI a missing browser fails instead."""
    if Path(CHROMIUM).is_file():
        return
    reason = f"chromium not found at {CHROMIUM} (install it with: apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI a missing browser is a failure, not a skip")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture archive, built strictly once, served at this URL (tests only read it)."""
    need_chromium()
    site = tmp_path_factory.mktemp("browser") / "site"
    result = build(SITE, site)
    assert result.returncode == 0, result.stderr
    with serve(site, BASE) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    """A headless Chromium per test module: Playwright's sync API allows one at a time, and
    the checker, form-editor and hostile-content modules start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
