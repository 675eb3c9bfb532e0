"""Benchmark Pagefind search on synthetic archives of 1,000 and 10,000 records.

Prints, per size: site build time, Pagefind index time, index size, and the bytes headless
Chromium transfers for search (Pagefind's files under /pagefind/ and the Find page's browse
data under /find/data/) for first header queries, a filtered Find page query and a
filters-only link. Measured from Chromium's network events through Playwright, with the
site served under a sub-path and text gzip-compressed as GitHub Pages serves it.

    python scripts/bench_search.py [--records 1000 10000] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_archive import generate
from harness.browser import CHROMIUM_FLAGS, chromium_path
from harness.preview import serve
from legacy_archive.core.publish.search_index import build_search_index

CHROMIUM = str(chromium_path())
FLAGS = list(CHROMIUM_FLAGS)
TYPING_DELAY_MS = 120
"""A brisk typist: fast enough that the search box waits for the whole word."""
UI_FILES = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def kb(size: float) -> str:
    return f"{size / 1000:,.1f} KB"


def folder_size(folder: Path, skip: tuple[str, ...] = ()) -> tuple[int, int]:
    files = [f for f in folder.rglob("*") if f.is_file() and not f.name.startswith(skip)]
    return sum(f.stat().st_size for f in files), len(files)


class Transfer:
    """Bytes of finished search requests of one browser context, page and workers
    included (Pagefind fetches its chunks from a web worker), as Chromium reports them."""

    def __init__(self, context: Any) -> None:
        self.finished: list[Any] = []
        context.on("requestfinished", lambda request: self.finished.append(request))

    def total(self) -> tuple[int, int]:
        mine = [r for r in self.finished if "/pagefind/" in r.url or "/find/data/" in r.url]
        sizes = [r.sizes() for r in mine]
        return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes), len(mine)


def measure_browser(site: Path, queries: list[str]) -> dict[str, tuple[int, int]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, tuple[int, int]] = {}
    query = queries[0]
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for first in queries:
            # A fresh browser context per query: nothing cached, as for a first visit.
            context = browser.new_context()
            transfer = Transfer(context)
            page = context.new_page()
            page.goto(base)
            page.keyboard.press("/")
            page.keyboard.type(first, delay=TYPING_DELAY_MS)
            page.wait_for_selector(".md-search-result__item", timeout=60_000)
            page.wait_for_load_state("networkidle")
            out[f"first query '{first}'"] = transfer.total()
            context.close()

        for name, params in (
            ("filtered query", f"q={query}&audience=secondary&subject=animation"),
            ("filters, no query", "audience=secondary&subject=animation"),
        ):
            context = browser.new_context()
            transfer = Transfer(context)
            page = context.new_page()
            page.goto(f"{base}find/?{params}")
            page.wait_for_selector("#archive-find[data-state=ready]", timeout=300_000)
            page.wait_for_load_state("networkidle")
            out[name] = transfer.total()
            context.close()
        browser.close()
    return out


def bench(records: int, work: Path, queries: list[str]) -> None:
    root = generate(work / f"archive-{records}", records)
    site = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env=env,
        cwd=root,
    )
    build_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = build_search_index(site)
    index_seconds = time.perf_counter() - started
    total, files = folder_size(result.bundle)
    index_only, index_files = folder_size(result.bundle, UI_FILES)
    transfers = measure_browser(site, queries)
    print(f"\n== {records:,} records ({result.pages:,} pages indexed) ==")
    print(f"site build (mkdocs build, incl. Pagefind): {build_seconds:.1f} s")
    print(f"Pagefind index time:                       {index_seconds:.1f} s")
    print(f"index size (without Pagefind's UI files):  {kb(index_only)} in {index_files} files")
    print(f"pagefind/ folder in total:                 {kb(total)} in {files} files")
    for name, (size, requests) in transfers.items():
        print(f"browser transfer, {name + ':':<24}{kb(size)} in {requests} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, help="where to write the projects (default: temp)")
    parser.add_argument(
        "--queries",
        nargs="+",
        default=["podcast", "animation", "careers"],
        help="first header queries, each in a fresh browser (the first is reused for the filtered query)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = args.work or Path(temp)
        for records in args.records:
            bench(records, work, args.queries)


if __name__ == "__main__":
    main()
