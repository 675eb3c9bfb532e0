"""No stage of the core is quadratic: doubling the records roughly doubles the work.

Work is counted, not timed: the number of Python and C function calls a stage makes
(through `sys.setprofile`), and the related index's own count of postings visited and
terms compared. A quadratic stage would do about 4x the work at twice the records.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generate_archive import generate
from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.emit.taxonomy import taxonomy_pages
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.related import RelatedIndex
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.ledger import broken_urls, published_urls
from legacy_archive.core.publish.ledger_file import LedgerEntry

SMALL, LARGE = 300, 600
LINEAR_ENOUGH = 2.4
"""Work at twice the records may exceed 2x a little (fuller postings, longer lists), but a
quadratic stage would be near 4x."""


def calls(action: Callable[[], Any]) -> int:
    """How many functions `action` calls, Python and C alike."""
    count = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Archive]]:
    found = {}
    for records in (SMALL, LARGE):
        root = generate(tmp_path_factory.mktemp("scale") / f"archive-{records}", records)
        settings, errors = read_settings(root / "mkdocs.yml")
        assert settings is not None and not errors
        result = load_archive(settings)
        assert not result.problems, result.problems[:3]
        assert result.archive.count() == records
        found[records] = result.archive
    yield found


def growth(work: dict[int, int]) -> float:
    return work[LARGE] / work[SMALL]


def test_loading_and_reference_checks_grow_linearly(archives: dict[int, Archive]) -> None:
    work = {n: calls(lambda a=a: load_archive(a.settings)) for n, a in archives.items()}
    assert growth(work) < LINEAR_ENOUGH, work


def test_related_resources_grow_linearly(archives: dict[int, Archive]) -> None:
    operations, work = {}, {}
    for records, archive in archives.items():
        index = RelatedIndex(archive)

        def relate(index: RelatedIndex = index, archive: Archive = archive) -> None:
            for record in archive.records():
                index.related(record)

        work[records] = calls(relate)
        operations[records] = index.operations
    assert growth(operations) < LINEAR_ENOUGH, operations
    assert growth(work) < LINEAR_ENOUGH, work


def test_taxonomy_pages_grow_linearly(archives: dict[int, Archive]) -> None:
    work = {n: calls(lambda a=a: taxonomy_pages(PageEmitter(a))) for n, a in archives.items()}
    assert growth(work) < LINEAR_ENOUGH, work


def test_url_ledger_grows_linearly(archives: dict[int, Archive], tmp_path: Path) -> None:
    work = {}
    for records, archive in archives.items():
        pages = [archive.url_of(record) for record in archive.records()]

        def check(archive: Archive = archive, pages: list[str] = pages) -> None:
            urls = published_urls(archive, pages, [], [])
            entries = [LedgerEntry(url, line) for line, url in enumerate(sorted(urls), 1)]
            assert len(broken_urls(Path("url-ledger.txt"), entries, tmp_path)) == len(entries)

        work[records] = calls(check)
    assert growth(work) < LINEAR_ENOUGH, work


def test_the_counter_would_catch_a_quadratic_stage(archives: dict[int, Archive]) -> None:
    """The measure itself can fail: comparing every pair of records grows about 4x."""

    def pairs(archive: Archive) -> None:
        records = list(archive.records())
        for one in records:
            for other in records:
                one.ref < other.ref  # noqa: B015

    work = {n: calls(lambda a=a: pairs(a)) for n, a in archives.items()}
    assert growth(work) > 3.5, work
