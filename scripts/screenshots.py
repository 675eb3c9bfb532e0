"""Screenshots of the home, a listing, a record and the Find page at phone and desktop widths.

Usage: python scripts/screenshots.py [--out DIR]   (default: screenshots/)
Builds the demo, serves it under a sub-path, saves `<page>-<width>.png` (full page) for each
and checks every page type for sideways scrolling at 390 px; exits 1 if any page scrolls.
Needs Debian's chromium (Playwright's own browser download is not used).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness.preview import serve
from site_pages import SCREENSHOT_TYPES, demo_archive, page_types
from site_tools import CHROMIUM_FLAGS, ROOT, build_site, chromium

WIDTHS = (390, 1280)


def _file_name(page_type: str, width: int) -> str:
    return f"{page_type.replace(' ', '-')}-{width}.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = page_types(demo_archive())
    from playwright.sync_api import sync_playwright

    too_wide: list[str] = []
    with tempfile.TemporaryDirectory() as temp:
        site = build_site(Path(temp) / "site")
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 844})
                for name, url in pages.items():
                    page.goto(base + url)
                    page.wait_for_load_state("load")
                    if url.startswith("find/"):
                        page.wait_for_selector("#archive-find[data-state=ready]")
                    scroll, inner = page.evaluate(
                        "[document.documentElement.scrollWidth, innerWidth]"
                    )
                    if scroll > inner:
                        too_wide.append(f"{name} ({url or '/'}): {scroll} px wide at {inner} px")
                    if name in SCREENSHOT_TYPES:
                        target = args.out / _file_name(name, width)
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                page.close()
            browser.close()
    for line in too_wide:
        print(f"scrolls sideways: {line}", file=sys.stderr)
    return 1 if too_wide else 0


if __name__ == "__main__":
    sys.exit(main())
