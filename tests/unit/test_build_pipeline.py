"""The build pipeline's speed-ups leave no trace in the site, and stage timings are written.

Builds a small synthetic archive (the benchmark's generator) with `ARCHIVE_TIMINGS` set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generate_archive import generate, synthetic_records
from legacy_archive.core.speed.timings import STAGES, TIMINGS_ENV
from support.builds import ENV, build

RECORDS = 40


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = generate(tmp_path_factory.mktemp("pipeline") / "archive", RECORDS)
    timings = root / "timings.json"
    ENV[TIMINGS_ENV] = str(timings)
    try:
        result = build(root, root / "site", strict=False)
    finally:
        del ENV[TIMINGS_ENV]
    assert result.returncode == 0, result.stderr
    return root / "site", timings


def test_stage_timings_are_written_when_asked(built: tuple[Path, Path]) -> None:
    seconds = json.loads(built[1].read_text("utf-8"))
    assert set(seconds) == set(STAGES)
    assert all(value >= 0 for value in seconds.values()), seconds
    assert seconds["render"] > 0 and seconds["search index"] > 0


def test_no_placeholder_is_left_and_titles_survive(built: tuple[Path, Path]) -> None:
    site = built[0]
    pages = list(site.rglob("*.html"))
    assert not [p for p in pages if "data-archive-block" in p.read_text("utf-8")]
    assert "<h1" in (site / "audiences" / "index.html").read_text("utf-8")
    assert ">Browse by audience</h1>" in (site / "audiences" / "index.html").read_text("utf-8")
    record = next(synthetic_records(1))
    html = (site / record.collection / record.slug / "index.html").read_text("utf-8")
    assert f"<title>{record.fields['title']} - " in html
    assert 'class="archive-facts"' in html, "the facts block was put back"


def test_record_pages_stay_under_45_kb(built: tuple[Path, Path]) -> None:
    """A record page stays light for a phone on a poor connection (about 11 KB gzipped); the
    teachers' blocks (what you can still use, citation, breadcrumb) cost about 2.5 KB."""
    site = built[0]
    sizes = {
        page: page.stat().st_size
        for record in synthetic_records(RECORDS)
        for page in [site / record.collection / record.slug / "index.html"]
    }
    assert max(sizes.values()) < 45_000, max(sizes.items(), key=lambda item: item[1])
