"""A live preview's search index: the last complete one at once, a fresh one in the
background, and never an out-of-date one over a newer one (`core/search_refresh.py`)."""

from __future__ import annotations

import logging
from pathlib import Path

from legacy_archive.core.publish.search_refresh import BackgroundIndexer

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"""


def write_site(site: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        folder = site / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(PAGE.format(title=name, text=text), "utf-8")


def fragments(bundle: Path) -> int:
    return len(list((bundle / "fragment").glob("*.pf_fragment")))


def test_the_first_index_is_built_at_once_then_refreshed_in_the_background(
    tmp_path: Path,
) -> None:
    reports: list[tuple[int, str]] = []
    indexer = BackgroundIndexer(lambda level, message: reports.append((level, message)))
    site = tmp_path / "site"
    write_site(site, {"one": "podcasting for teachers"})
    try:
        indexer.index(site, "pagefind")
        assert fragments(site / "pagefind") == 1, "the first build waits for its index"
        write_site(site, {"two": "animation for year 6"})
        indexer.index(site, "pagefind")
        assert fragments(site / "pagefind") == 1, "the last index is served meanwhile"
        assert indexer.thread is not None
        indexer.thread.join(timeout=120)
        assert fragments(site / "pagefind") == 2
        assert not (site / "pagefind.next").exists() and not (site / "pagefind.old").exists()
        assert reports == [(logging.INFO, "search index refreshed (2 pages)")]
    finally:
        indexer.close()
    assert not indexer.kept.exists()


def test_a_newer_build_stops_an_older_refresh(tmp_path: Path) -> None:
    reports: list[tuple[int, str]] = []
    indexer = BackgroundIndexer(lambda level, message: reports.append((level, message)))
    site = tmp_path / "site"
    write_site(site, {"one": "podcasting"})
    try:
        indexer.index(site, "pagefind")
        write_site(site, {f"page-{n}": "more text " * 50 for n in range(200)})
        indexer.index(site, "pagefind")
        indexer.stop()
        assert fragments(site / "pagefind") == 1, "the stopped run swapped nothing in"
        assert reports == []
    finally:
        indexer.close()
