"""Search metadata, taxonomy pages and the Find page in a full build of the demo archive."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from html import unescape
from pathlib import Path

import pytest

from legacy_archive.core.emit.find_data import DATA_DIR
from legacy_archive.core.pipeline import LoadResult
from support.builds import build, page
from support.paths import SITE

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadResult, Path]:
    from legacy_archive.core.cli.main import read_settings
    from legacy_archive.core.pipeline import load_archive

    root = SITE
    site = tmp_path_factory.mktemp("search") / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    settings, _ = read_settings(root / "mkdocs.yml")
    assert settings is not None
    return load_archive(settings), site


def test_pagefind_bundle_is_written(demo: tuple[LoadResult, Path]) -> None:
    _, site = demo
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists(), "lunr search is gone"


def test_only_records_and_hand_written_pages_are_indexed(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    for record in archive.records():
        assert "data-pagefind-body" in page(site, archive.url_of(record)), record.ref
    for url in ("", "about/"):
        assert "data-pagefind-body" in page(site, url), url
    generated = [c.url for c in archive.collections.values()]
    # The editors' guide (`search: {exclude: true}` in its front matter) and the site map.
    generated += ["contribute/", "site-map/"]
    generated += [archive.url_of_find(), "subjects/", "subjects/animation/", "partners/ucl/"]
    for url in generated:
        assert "data-pagefind-body" not in page(site, url), url


def test_record_pages_carry_their_filters(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    for record in archive.records():
        html = page(site, archive.url_of(record))
        found = re.findall(r'data-pagefind-filter="([^"]+)"', html)
        expected = [f"{k}:{v}" for k, v in archive.facets.record_filters(record)]
        assert found[:-1] == expected, record.ref
        assert found[-1] in ("materials:included", "materials:record-only"), record.ref
        assert f"collection:{record.collection}" in found
    brief = archive.get("briefs/design-a-podcast-for-your-school")
    assert brief is not None
    html = page(site, archive.url_of(brief))
    assert 'data-pagefind-meta="kind"' in html
    assert "key_stage:" in " ".join(re.findall(r'data-pagefind-filter="([^"]+)"', html))


def _fragments(site: Path) -> dict[str, dict[str, object]]:
    """Pagefind's page fragments (gzipped "pagefind_dcd" + JSON) by page id."""
    out: dict[str, dict[str, object]] = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        out[path.name.removesuffix(".pf_fragment")] = json.loads(data[len(b"pagefind_dcd") :])
    return out


def test_no_sort_orders_go_into_the_search_index(demo: tuple[LoadResult, Path]) -> None:
    """Pagefind puts every sort order in the metadata each search downloads (44 KB at 10,000
    records); the Find page sorts with its browse data instead."""
    loaded, site = demo
    archive = loaded.archive
    for url in ["", "about/", *(archive.url_of(r) for r in archive.records())]:
        assert "data-pagefind-sort" not in page(site, url), url


def test_search_ids_name_the_pagefind_page_of_every_record(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    data = site / DATA_DIR
    ids = json.loads((data / "search-ids.json").read_text(encoding="utf-8"))
    shards = sorted(data.glob("cards-*.json"), key=lambda p: int(p.stem.removeprefix("cards-")))
    cards = [card for path in shards for card in json.loads(path.read_text(encoding="utf-8"))]
    assert len(ids) == len(cards) == len(list(archive.records()))
    fragments = _fragments(site)
    for key, card in zip(ids, cards, strict=True):
        named = [i for i in fragments if i == key.removesuffix(".") or i.startswith(key)]
        assert len(named) == 1, f"{key} names one Pagefind page, not {named}"
        assert fragments[named[0]]["url"] == f"/{card[0]}"
    assert sum(map(len, ids)) < 6 * len(ids), "prefixes, not whole ids"


def test_search_text_leaves_out_what_every_record_repeats(demo: tuple[LoadResult, Path]) -> None:
    """Record text is indexed once: not the attribution line (title again, the address and
    the licence words), the illustrative-content note, the 'originally available until'
    notice or heading permalinks; a fact's term and value stay separate words."""
    loaded, site = demo
    archive = loaded.archive
    course = archive.get("courses/audio-editing-and-podcasting")
    assert course is not None and course.fields.get("illustrative")
    assert course.fields.get("available_until")
    (content,) = [
        str(f["content"])
        for f in _fragments(site).values()
        if f["url"] == f"/{archive.url_of(course)}"
    ]
    assert course.title in content and course.summary in content
    for left_out in (
        "How to credit",
        "Creative Commons",
        "Illustrative sample content",
        "Originally available until",
        "¶",
    ):
        assert left_out not in content, left_out
    assert "For Secondary teachers" in content, "a fact's term and value are two words"


def test_term_pages_list_every_record_with_the_term(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    assert [facet.browse for facet in archive.facets.browsable] == [
        "audiences",
        "subjects",
        "partners",
    ]
    for facet in archive.facets.browsable:
        index = unescape(page(site, archive.url_of_taxonomy(facet.browse)))
        values = {v for r in archive.records() for v in facet.values(r)}
        assert values, facet.key
        for value in values:
            expected = {archive.url_of(r) for r in archive.records() if value in facet.values(r)}
            html = page(site, archive.url_of_term(facet.browse, value))
            links = re.findall(r'<h2 class="archive-card__title"><a href="([^"]+)"', html)
            base = archive.url_of_term(facet.browse, value)
            listed = {posixpath.normpath(posixpath.join(base, link)) + "/" for link in links}
            assert listed == expected, value
            assert len(links) == len(expected), "each record once"
            label = facet.label_of(archive.registry, value)
            noun = "resource" if len(expected) == 1 else "resources"
            assert f'{label}</a> <span class="archive-meta">({len(expected)} {noun})' in index


def test_partner_page_shows_the_organisation(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    partner = archive.facets.by_key["partner"]
    used = sorted({v for r in archive.records() for v in partner.values(r)})
    assert used
    org = archive.registry.organisations[used[0]]
    html = unescape(page(site, archive.url_of_term("partners", org.id)))
    assert f"<title>{org.name} - " in html
    if org.url:
        assert f'href="{org.url}"' in html


def test_record_facts_link_to_term_pages(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    course = loaded.archive.get("courses/audio-editing-and-podcasting")
    assert course is not None
    html = page(site, loaded.archive.url_of(course))
    assert 'href="../../subjects/audio/"' in html
    assert 'href="../../audiences/secondary/"' in html


def test_find_page_is_in_the_nav_and_works_as_a_plain_form(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    html = page(site, "find/")
    assert re.search(r'<form class="archive-find"[^>]*method="get"', html)
    audience = re.findall(r'name="audience" value="([^"]+)"', html)
    assert audience and set(audience) <= set(loaded.archive.registry.vocabulary("audiences").terms)
    for url in ("../courses/", "../subjects/", "../audiences/", "../partners/"):
        assert f'href="{url}"' in html, "without JavaScript the Find page leads to every record"
    home = page(site, "")
    assert re.search(r'href="find/"[^>]*>\s*Find resources', home)
    assert 'href="../find/"' in page(site, "about/")
