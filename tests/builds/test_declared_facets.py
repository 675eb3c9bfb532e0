"""A second archive, unlike the demo (projects and toolkits, a `sector` facet, `strands/`
and `funders/` browse pages), builds with its facets from mkdocs.yml and no Python."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from support.builds import build, page
from support.paths import FIXTURES

pytestmark = pytest.mark.build

ARCHIVE = FIXTURES / "greenskills"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("greenskills") / "project"
    shutil.copytree(ARCHIVE, root)
    site = root.parent / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def test_the_archive_has_no_python_of_its_own() -> None:
    assert not [path for path in ARCHIVE.rglob("*") if path.suffix == ".py"]


def test_find_page_filters_by_the_declared_facets(site: Path) -> None:
    html = unescape(page(site, "find/"))
    groups = re.findall(r'data-facet="([^"]+)">\s*<legend>([^<]+)</legend>', html)
    assert groups == [
        ("collection", "Kind"),
        ("sector", "Sectors"),
        ("strand", "Strand"),
        ("funder", "Funders"),
        ("year", "Year"),
    ]
    assert 'name="sector" value="construction"' in html
    assert "Construction <span" in html, "values are labelled from the vocabulary"
    assert "filter by kind, sectors, strand, funders and year." in html
    for label, url in (
        ("strand", "../strands/"),
        ("funders", "../funders/"),
        ("year", "../years/"),
    ):
        assert f'<a href="{url}">Browse by {label}</a>' in html


def test_browse_data_holds_every_facet(site: Path) -> None:
    data = json.loads((site / "find" / "data" / "facets.json").read_text(encoding="utf-8"))
    assert sorted(data["facets"]) == [
        "collection",
        "funder",
        "materials",
        "sector",
        "strand",
        "year",
    ]
    assert data["kinds"] == ["Project", "Toolkit"]


def test_strand_pages_list_every_record_with_the_strand(site: Path) -> None:
    index = unescape(page(site, "strands/"))
    assert "<title>Browse by strand - " in index
    terms = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', index)
    assert terms == [
        ("retrofit/", "Home retrofit"),
        ("solar/", "Solar installation"),
        ("heat-pumps/", "Heat pumps"),
    ]
    heat_pumps = page(site, "strands/heat-pumps/")
    links = re.findall(r'<h2 class="archive-card__title"><a href="([^"]+)"', heat_pumps)
    assert links == ["../../toolkits/heat-pump-basics/", "../../projects/street-retrofit/"]
    years = re.findall(
        r'<h2 class="archive-card__title"><a href="([^"]+)"', page(site, "years/2021/")
    )
    assert len(years) == 2


def test_funder_pages_show_the_organisation(site: Path) -> None:
    html = unescape(page(site, "funders/leeds-council/"))
    assert "<title>Leeds City Council - " in html
    assert '<a href="https://www.leeds.gov.uk/">Leeds City Council website</a>' in html


def test_record_pages_link_filter_relate_and_credit_by_the_schema(site: Path) -> None:
    html = unescape(page(site, "projects/street-retrofit/"))
    assert '<a href="../../strands/retrofit/">Home retrofit</a>' in html
    assert '<a href="../../funders/leeds-council/">Leeds City Council</a>' in html
    assert re.findall(r'data-pagefind-filter="([^"]+)"', html) == [
        "collection:projects",
        "sector:construction",
        "strand:retrofit",
        "strand:heat-pumps",
        "funder:leeds-council",
        "year:2020",
        "materials:record-only",
    ]
    related = re.search(r'<div class="archive-related".*?</div>', html, re.DOTALL)
    assert related is not None and "Heat Pump Basics" in related.group()
    assert "The Green Trust, Leeds City Council for Green Skills Leeds" in html, (
        "the attribution credits every field the schema marks x-organisation"
    )


def test_without_facets_the_find_page_filters_by_the_defaults(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ARCHIVE, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("      facets:\n"), text.index("  - archive-promises")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = unescape(page(tmp_path / "site", "find/"))
    groups = re.findall(r'data-facet="([^"]+)">\s*<legend>([^<]+)</legend>', html)
    assert groups == [
        ("collection", "Type"),
        ("strands", "Strands"),
        ("sector", "Sectors"),
        ("organisation", "Organisations"),
        ("year", "Year"),
    ]
    assert 'name="organisation" value="green-trust"' in html, "lead and funders, one facet"
    assert not (tmp_path / "site" / "strands").exists(), "browse pages are opted in to"
