"""The ZIM edition in Kiwix: `kiwix-serve` on 127.0.0.1 serves the exported file, Chromium
opens a record, follows the site's links, and finds a record with Kiwix's own search.

Without kiwix-serve (Debian's kiwix-tools) these tests skip locally and fail under CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest

from support.builds import build
from support.command import archive
from support.paths import SITE

pytestmark = [pytest.mark.browser, pytest.mark.build]
START_SECONDS = 20.0
"""How long kiwix-serve may take to answer after it starts."""
RECORD = "courses/3d-animations/index.html"
RECORD_TITLE = "3D Animations"


def need_kiwix_serve() -> str:
    found = shutil.which("kiwix-serve")
    if found:
        return found
    reason = "kiwix-serve not found (install it with: apt-get install -y kiwix-tools)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI a missing tool is a failure, not a skip")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@dataclass
class Kiwix:
    server: str
    """`http://127.0.0.1:<port>`"""
    book: str
    """The book's name in kiwix-serve's URLs (the file's name without `.zim`)."""
    content: str
    """Where the book's entries are served: `<server>/<book>/` (kiwix-serve 3.3) or
    `<server>/content/<book>/` (later versions), as the server's catalogue says."""


@pytest.fixture(scope="module")
def kiwix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kiwix]:
    program = need_kiwix_serve()
    folder = tmp_path_factory.mktemp("kiwix")
    result = build(SITE, folder / "site")
    assert result.returncode == 0, result.stderr
    zim = folder / "archive.zim"
    code, said = archive(
        "export",
        "zim",
        "-f",
        str(SITE / "mkdocs.yml"),
        "--site",
        str(folder / "site"),
        "--out",
        str(zim),
    )
    assert code == 0, said
    port = free_port()
    server = f"http://127.0.0.1:{port}"
    log = (folder / "kiwix-serve.log").open("w")
    process = subprocess.Popen(
        [program, "--address=127.0.0.1", f"--port={port}", str(zim)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        catalogue = ""
        deadline = time.monotonic() + START_SECONDS
        while not catalogue:
            try:
                catalogue = fetch(f"{server}/catalog/v2/entries")
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, (folder / "kiwix-serve.log").read_text()
                time.sleep(0.2)
        link = re.search(r'<link type="text/html" href="([^"]+)"', catalogue)
        assert link, catalogue
        path = link.group(1).rstrip("/")
        yield Kiwix(server, path.rsplit("/", 1)[-1], f"{server}{path}/")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """This module's own Chromium: it needs no site served by the other browser tests."""
    from playwright.sync_api import sync_playwright

    from harness.browser import CHROMIUM_FLAGS, chromium_path

    if not chromium_path().is_file():
        reason = f"chromium not found at {chromium_path()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path()), args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def open_page(chromium: Any, url: str) -> tuple[Any, list[str]]:
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.goto(url)
    return page, problems


def test_a_record_opens_with_its_styles_and_links(chromium: Any, kiwix: Kiwix) -> None:
    page, problems = open_page(chromium, kiwix.content + RECORD)
    assert page.inner_text("h1").strip() == RECORD_TITLE
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("", "rgba(0, 0, 0, 0)"), "the theme's stylesheet loaded"
    page.click(".archive-breadcrumb a >> text=Courses")
    page.wait_for_load_state()
    assert page.url.endswith("/courses/index.html"), page.url
    assert page.inner_text("h1").strip() == "Courses"
    assert problems == [], "no script error and nothing blocked by the pages' CSP"
    page.close()


def search_url(kiwix: Kiwix, words: str) -> str:
    """kiwix-serve's full-text search of the book: `content=` (kiwix-serve 3.3), or
    `books.name=` (later versions, which may answer `content=` with an error page)."""
    for scope in ("content", "books.name"):
        url = f"{kiwix.server}/search?{scope}={quote(kiwix.book)}&pattern={quote(words)}"
        try:
            if RECORD in fetch(url):
                return url
        except urllib.error.HTTPError:
            continue
    pytest.fail(f"kiwix-serve's search found no {RECORD} for {words!r}")


def test_kiwix_search_finds_a_record_by_title(chromium: Any, kiwix: Kiwix) -> None:
    page, _ = open_page(chromium, search_url(kiwix, RECORD_TITLE))
    result = page.locator(f"a:has-text('{RECORD_TITLE}')").first
    assert result.get_attribute("href").endswith(RECORD)
    result.click()
    page.wait_for_load_state()
    assert page.inner_text("h1").strip() == RECORD_TITLE
    page.close()


def test_the_find_page_points_to_kiwix_search(chromium: Any, kiwix: Kiwix) -> None:
    page, problems = open_page(chromium, kiwix.content + "find/index.html")
    assert page.is_visible("text=Use the search box of Kiwix")
    assert page.locator("#archive-find-q").count() == 0, "no Pagefind search box"
    page.click(".archive-find__browse a >> text=Challenge briefs")
    page.wait_for_load_state()
    assert page.url.endswith("/briefs/index.html"), page.url
    assert problems == []
    page.close()


def test_an_old_address_redirects_in_kiwix(kiwix: Kiwix) -> None:
    with urllib.request.urlopen(kiwix.content + "courses/podcasting/", timeout=5) as response:
        assert response.url.endswith("/courses/audio-editing-and-podcasting/index.html")
        assert "<h1" in response.read().decode("utf-8")


def test_the_catalogue_shows_the_books_metadata(kiwix: Kiwix) -> None:
    catalogue = fetch(f"{kiwix.server}/catalog/v2/entries")
    assert "<language>eng</language>" in catalogue
    assert "<title>TechPathways London archive</title>" in catalogue
    assert "_ftindex:yes" in catalogue
