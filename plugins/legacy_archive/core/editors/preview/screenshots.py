"""Screenshots of the changed pages at a phone's and a laptop's width, taken offline.

Every request the page makes to the site's address is answered from the built folder and
every other request is refused, so a record cannot make the browser reach out while it is
photographed. Chromium is Debian's (`/usr/bin/chromium`, or `$CHROMIUM`), else Playwright's.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from typing import Any

WIDTHS = ((390, 844), (1280, 900))
ORIGIN = "http://127.0.0.1:8766"
"""Never listened on: Playwright answers every request to it from the built site."""
PAGE_TIMEOUT_MS = 30_000
MAX_PAGES = 200
"""A pull request touching more pages is photographed in part (the summary lists all)."""
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Keep a headless run from reaching for Google's update and sync hosts."""


class ScreenshotError(Exception):
    """No Playwright, no browser, or a page the browser could not open."""


def chromium() -> str | None:
    """Debian's Chromium (or `$CHROMIUM`) when there is one; None lets Playwright choose."""
    path = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    return str(path) if path.is_file() else None


def site_file(site: Path, url: str) -> Path | None:
    """The built file a request to `ORIGIN` asks for, or None outside the site."""
    relative = url.split("#")[0].split("?")[0].removeprefix(ORIGIN + "/")
    file = (site / relative).resolve()
    root = site.resolve()
    if file != root and not file.is_relative_to(root):
        return None
    file = file / "index.html" if file.is_dir() else file
    return file if file.is_file() else None


def _serve(page: Any, site: Path) -> None:
    def handle(route: Any) -> None:
        url = route.request.url
        if not url.startswith(ORIGIN + "/"):
            route.abort()
            return
        file = site_file(site, url)
        if file is None:
            route.fulfill(status=404, body="not found")
            return
        kind = "application/yaml" if file.suffix == ".yml" else None
        kind = kind or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    page.route("**/*", handle)


def shot_name(path: str, width: int) -> str:
    """`courses/intro/` at 390 px -> `courses--intro-390.png`."""
    return f"{path.strip('/').replace('/', '--') or 'home'}-{width}.png"


def photograph(site: Path, pages: list[str], out: Path) -> list[Path]:
    """Each page of `site` at every width in `WIDTHS`, full length, into `out`."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise ScreenshotError(
            "screenshots need Playwright: pip install playwright, and Chromium"
        ) from None
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), args=list(CHROMIUM_FLAGS)
            )
            for width, height in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": height})
                _serve(page, site)
                for path in pages[:MAX_PAGES]:
                    page.goto(f"{ORIGIN}/{path}", wait_until="load", timeout=PAGE_TIMEOUT_MS)
                    written.append(out / shot_name(path, width))
                    page.screenshot(path=str(written[-1]), full_page=True)
                page.close()
            browser.close()
    except Error as error:
        raise ScreenshotError(f"the browser stopped: {error.message.splitlines()[0]}") from None
    return written
