"""The demo archive itself builds strictly, every record a page, and keeps its ledger.

The engine's build, crawl and browser tests build the fixture archive (the demo, frozen in
`tests/fixtures/learning/`); this is where the demo's own site is built, so a change to its
content that breaks the build is caught here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_demo_content import DEMO_RECORDS, demo_archive

from legacy_archive.core.cli.main import main as archive_main
from support.builds import build
from support.paths import REPO


@pytest.mark.build
def test_the_demo_builds_strictly_with_a_page_for_every_record(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build(REPO, site)
    assert result.returncode == 0, result.stderr
    archive = demo_archive().archive
    pages = [site / archive.url_of(record) / "index.html" for record in archive.records()]
    assert len(pages) == sum(DEMO_RECORDS.values())
    assert all(page.is_file() for page in pages)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(archive.url_of(record) in sitemap for record in archive.records())


def test_the_demo_ledger_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert archive_main(["ledger", "check", "-f", str(REPO / "mkdocs.yml")]) == 0, (
        capsys.readouterr().out
    )
