"""The web archive edition replays: pywb, on 127.0.0.1, serves the exported WARC, and
Chromium opens a record by its original address, and an old address that leads to it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.conftest import CHROMIUM, need_chromium
from harness.browser import CHROMIUM_FLAGS
from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.pipeline import load_archive
from support.builds import build
from support.command import archive
from support.paths import SITE


def export(*argv: str, edition: str = "wacz") -> tuple[int, str]:
    return archive("export", edition, *argv)


pytestmark = [pytest.mark.browser, pytest.mark.build]
BIN = Path(sys.executable).parent
SITE_URL = "https://example.github.io/techpathways-archive/"
DEADLINE = 30.0
"""Seconds pywb may take to start answering (it starts in about three)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture built, exported as WACZ and replayed by pywb with the WACZ's own index;
    yields the collection's address."""
    need_chromium()
    folder = tmp_path_factory.mktemp("replay")
    site = folder / "site"
    assert build(SITE, site).returncode == 0
    target = folder / "archive.wacz"
    code, output = export("-f", str(SITE / "mkdocs.yml"), "--site", str(site), "--out", str(target))
    assert code == 0, output
    manager = str(BIN / "wb-manager")
    subprocess.run([manager, "init", "edition"], cwd=folder, check=True, capture_output=True)
    # `--unpack-wacz` copies the WARC and merges the WACZ's own index (not a new one), so
    # the replay finds each record where `index.cdx.gz` says it is.
    add = [manager, "add", "--unpack-wacz", "edition", str(target)]
    subprocess.run(add, cwd=folder, check=True, capture_output=True)
    (index,) = (folder / "collections" / "edition" / "indexes").glob("*.cdxj")
    assert len(index.read_text(encoding="utf-8").splitlines()) > 300
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "wayback"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/edition/"
    try:
        end = time.monotonic() + DEADLINE
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > end or server.poll() is not None:
                    pytest.fail("pywb did not start answering on 127.0.0.1")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_record_opens_by_its_original_address(replay: str) -> None:
    from playwright.sync_api import sync_playwright

    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    archive = load_archive(settings).archive
    record = next(iter(archive.every_record()))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        # pywb's framed replay: its banner on top, the archived page in a frame below.
        page.goto(f"{replay}2026/{SITE_URL}{archive.url_of(record)}")
        page.wait_for_function(f"document.title.includes({record.title!r})", timeout=10_000)
        inner = page.frame_locator("iframe").first
        assert inner.locator("h1").first.inner_text().strip() == record.title
        # An old address (a redirect page of the site) leads on to the page it names.
        page.goto(f"{replay}2026/{SITE_URL}techpathways/courses.html")
        page.wait_for_function("document.title.includes('Courses')", timeout=10_000)
        assert inner.locator("h1").first.inner_text().strip() == "Courses"
        browser.close()
