"""The home page's block and the cards: tiles from any archive's settings, the closure said
once with its successor linked, labelled badges with numbered values merged, and listings
that link into the Find page filtered to their collection."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.config.programme import Successor
from legacy_archive.core.emit.field_display import merge_numbered, unprefixed
from legacy_archive.core.emit.home import (
    TERMS_SHOWN,
    browse_tiles,
    collection_tiles,
    count_of,
    find_filter_url,
    materials_tile,
)
from legacy_archive.core.emit.materials import material_files
from legacy_archive.core.emit.navigation import (
    FIND_PAGE,
    FIND_TITLE,
    default_nav,
    editors_pages,
    first_heading,
)
from legacy_archive.core.emit.notices import NoticeRenderer
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.emit.taxonomy import taxonomy_pages
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.resolve import SchemaSet
from support.second_archive import load, talent_archive
from support.site_archive import field_views, site_archive


@pytest.fixture(scope="module")
def archive() -> Archive:
    return site_archive()


@pytest.fixture(scope="module")
def emitter(archive: Archive) -> PageEmitter:
    return PageEmitter(archive)


@pytest.mark.parametrize(
    ("labels", "merged"),
    [
        (["Key stage 3 (ages 11 to 14)", "Key stage 4 (ages 14 to 16)"], ["Key stage 3–4"]),
        (["KS2", "KS3", "KS4"], ["KS2–4"]),
        (["Key stage 2", "Key stage 4"], ["Key stage 2", "Key stage 4"]),
        (["Year 5", "Year 6", "Art"], ["Year 5–6", "Art"]),
        (["3 hours"], ["3 hours"]),
        (["2 weeks", "3 weeks"], ["2 weeks", "3 weeks"]),
        (["Animation", "Art and design"], ["Animation", "Art and design"]),
        ([], []),
    ],
)
def test_consecutive_numbered_values_read_as_a_range(labels: list[str], merged: list[str]) -> None:
    assert merge_numbered(labels) == merged


@pytest.mark.parametrize(
    ("value", "label", "shown"),
    [
        ("Key stage 3–4", "Key stage", "3–4"),
        ("key stage 2", "Key stage", "2"),
        ("Key stage", "Key stage", "Key stage"),
        ("Key stages 1–2", "Key stage", "Key stages 1–2"),
        ("Online", "Format", "Online"),
    ],
)
def test_a_badge_does_not_say_its_label_twice(value: str, label: str, shown: str) -> None:
    assert unprefixed(value, label) == shown


def test_an_events_date_is_said_once_on_its_card(archive: Archive, emitter: PageEmitter) -> None:
    event = next(iter(archive.collections["events"].records))
    card = emitter.card(event, "events/")
    assert card["date_label"] and card["date_label"] not in [b["value"] for b in card["badges"]]


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "0 challenge briefs"), (1, "1 challenge brief"), (7, "7 challenge briefs")],
)
def test_counts_use_the_collections_words(count: int, words: str) -> None:
    assert count_of(count, "Challenge briefs", "Challenge brief") == words


def test_collection_tiles_count_each_collection_in_order(archive: Archive) -> None:
    tiles = collection_tiles(archive, "")
    assert [t.title for t in tiles] == [c.spec.title for c in archive.collections.values()]
    assert [t.count for t in tiles] == [len(c.records) for c in archive.collections.values()]
    assert tiles[0].url == "courses/"
    assert tiles[0].noun == f"{len(archive.collections['courses'].records)} courses"


def test_browse_tiles_use_browse_pages_then_the_find_page_filtered(archive: Archive) -> None:
    tiles = {t.title: t for t in browse_tiles(archive, "")}
    assert tiles["By subject"].url == "subjects/"
    assert tiles["By subject"].links[0].url.startswith("subjects/")
    stage = tiles["By key stage"]
    assert stage.url == "find/"
    assert stage.links[0].url == "find/?key_stage=ks2"
    assert all(len(t.links) <= TERMS_SHOWN for t in tiles.values())
    assert "By type" not in tiles, "collections have their own tiles"


def test_find_filter_urls_are_relative_and_encoded(archive: Archive) -> None:
    assert find_filter_url(archive, "courses/", "collection", "courses") == (
        "../find/?collection=courses"
    )
    assert find_filter_url(archive, "", "q", "a b&c") == "find/?q=a+b%26c"


def test_the_home_block_says_the_end_once_and_links_the_successor(archive: Archive) -> None:
    programme = archive.settings.programme
    assert programme is not None
    html = str(NoticeRenderer(archive, programme, "").home_notice(""))
    assert html.count("has ended") == 1
    before, folded = html.split('<details class="archive-home__story">')
    assert "April 2023" in folded and "April 2023" not in before, "the detail is folded away"
    assert '<form class="archive-home__search" action="find/" method="get"' in html
    assert '<label for="archive-home-q">' in html and 'name="q"' in html
    successor = programme.successors[0]
    assert f'<a href="{successor.url}">{successor.title}</a>' in html
    unlinked = dataclasses.replace(programme, successors=(Successor("Somewhere else"),))
    html = str(NoticeRenderer(archive, unlinked, "").home_notice(""))
    assert "Where to go now: <strong>Somewhere else</strong>." in html


def test_another_archives_home_block_is_made_from_its_own_settings(tmp_path: Path) -> None:
    archive = load(talent_archive(tmp_path)).archive
    html = str(NoticeRenderer(archive, archive.settings.programme, "").home_notice(""))
    assert "Digital Talent Programme</strong> has closed" in html  # its own home_closure
    assert "Where to go now" not in html, "no successor, no promise of one"
    for collection in archive.collections.values():
        if collection.records:
            assert f'href="{collection.url}"' in html
    assert "TechPathways" not in html and "Courses" not in html


def test_cards_carry_labelled_badges_dates_materials_and_images(
    archive: Archive, emitter: PageEmitter
) -> None:
    podcast = archive.get("briefs/design-a-podcast-for-your-school")
    assert podcast is not None
    card = emitter.card(podcast, "briefs/")
    assert card["badges"][0] == {"label": "Key stage", "value": "2–4"}, "the facet's label"
    assert card["facts"][0] == "Key stage 2–4", "the record's facts line reads the same"
    assert card["materials"] is True
    assert card["image"] == "design-a-podcast-for-your-school/microphone.svg"
    assert card["image_alt"]
    assert card["date_label"]
    poster = archive.get("briefs/design-a-campaign-poster-for-a-local-cause")
    assert poster is not None
    assert emitter.card(poster, "briefs/")["materials"] is False
    assert emitter.card(poster, "briefs/")["image"] == ""


def test_a_listing_counts_in_its_own_words_and_links_into_find(
    archive: Archive, emitter: PageEmitter
) -> None:
    page = emitter.listing_page(archive.collections["briefs"])
    count = len(archive.collections["briefs"].records)
    assert f"{count} challenge briefs, newest first." in page.content
    assert (
        f'<a class="archive-listing__filter" href="../find/?collection=briefs">'
        f"Filter these {count} challenge briefs</a>"
    ) in page.content
    assert "hide:\n- navigation" in page.content or "hide: [navigation]" in page.content
    assert 'class="archive-card__badge-label">Key stage:</span> 2–4' in page.content
    assert "Record only" in page.content and "Materials included" in page.content


def test_browse_pages_speak_of_resources_and_belong_to_the_find_tab(
    emitter: PageEmitter,
) -> None:
    pages = {p.src_uri: p.content for p in taxonomy_pages(emitter)}
    index = pages["subjects/index.md"]
    assert "Everything in the archive by subject" in index
    assert "values" not in index and " records)" not in index
    term = pages["subjects/animation/index.md"]
    assert "Everything by subject</a>" in term and "records" not in term
    assert "archive_tab: find/" in term and "archive_tab: find/" in index
    assert 'class="archive-card__kind"' in term, "a browse page mixes kinds, so it names them"


def test_the_default_nav_keeps_the_editors_guide_out_of_the_tabs(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    for name in ("about.md", "contribute.md", "people.md"):
        (root / "content" / name).write_text(f"# {name}\n", encoding="utf-8")
    settings, _ = read_settings(root / "mkdocs.yml")
    assert settings is not None
    nav = default_nav(settings)
    assert nav[:2] == [{"Home": "index.md"}, "about.md"]
    assert {FIND_TITLE: FIND_PAGE} in nav and "people.md" in nav
    assert "contribute.md" not in nav


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("# Contribute\n\nText", "Contribute"),
        ("---\n# a YAML comment\nsearch: {exclude: true}\n---\n# Help keep it\n", "Help keep it"),
        ("No heading here\n", ""),
        ("---\ntitle: x\n---\n## Second level only\n", ""),
    ],
)
def test_a_pages_first_heading_skips_its_front_matter(text: str, heading: str) -> None:
    assert first_heading(text) == heading


def test_the_site_map_still_lists_the_editors_guide_once(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    (root / "content" / "contribute.md").write_text(
        "---\n# for editors\n---\n# Help keep the archive\n", encoding="utf-8"
    )
    settings, _ = read_settings(root / "mkdocs.yml")
    assert settings is not None
    assert editors_pages(settings, [("Home", "")]) == [("Help keep the archive", "contribute/")]
    assert editors_pages(settings, [("Contribute", "contribute/")]) == []
    (root / "content" / "contribute.md").unlink()
    assert editors_pages(settings, []) == []


def test_the_materials_tile_counts_what_the_archive_holds(archive: Archive) -> None:
    fields = field_views(archive)
    tile = materials_tile(archive, fields, "")
    held = [
        r
        for r in archive.records()
        if material_files(r, fields, archive.collections[r.collection].spec.schema)
    ]
    assert tile is not None and tile.count == len(held) >= 1
    assert tile.url == "find/?materials=included"
    assert materials_tile(archive, FieldViews(SchemaSet({})), "") is None, "no files, no tile"
