"""The Find page's materials filter and the search plugin's excluded pages: which records
hold files of their own (`materials`' rule), as browse data and as a checkbox group, and
which pages are kept out of the search index."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any, cast

import pytest

from legacy_archive.core.emit.field_display import FieldDisplay
from legacy_archive.core.emit.find_data import (
    MATERIALS_LABELS,
    find_data_files,
    materials_group,
    materials_value,
)
from legacy_archive.core.emit.materials import MATERIALS, RECORD_ONLY, material_files
from legacy_archive.core.emit.notices import SITE_MAP_URL
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.resolve import SchemaSet
from support.site_archive import field_views, site_archive


@pytest.fixture(scope="module")
def archive() -> Archive:
    return site_archive()


@pytest.fixture(scope="module")
def fields(archive: Archive) -> FieldViews:
    return field_views(archive)


def _undelta(deltas: list[int]) -> list[int]:
    out, last = [], 0
    for delta in deltas:
        last += delta
        out.append(last)
    return out


def test_materials_follow_the_records_own_files(archive: Archive, fields: FieldViews) -> None:
    values = {r.slug: materials_value(archive, fields, r) for r in archive.records()}
    assert set(values.values()) == {MATERIALS, RECORD_ONLY}, "the demo has both kinds"
    for record in archive.records():
        schema = archive.collections[record.collection].spec.schema
        held = bool(record.folder) and bool(material_files(record, fields, schema))
        assert values[record.slug] == (MATERIALS if held else RECORD_ONLY), record.slug


def test_browse_data_files_every_record_on_one_side(archive: Archive, fields: FieldViews) -> None:
    files = dict(find_data_files(archive, FieldDisplay(archive, fields)))
    index = json.loads(files["find/data/facets.json"])
    materials = {value: _undelta(ps) for value, ps in index["facets"]["materials"].items()}
    included, only = set(materials[MATERIALS]), set(materials[RECORD_ONLY])
    assert not included & only
    assert included | only == set(range(index["count"]))
    cards = json.loads(files["find/data/cards-0.json"])
    by_url = {archive.url_of(r): r for r in archive.records()}
    for position in included:
        if position < len(cards):
            record = by_url[cards[position][0]]
            assert materials_value(archive, fields, record) == MATERIALS
    display = FieldDisplay(archive, fields)
    for card in cards:
        assert card[5] == " · ".join(display.card_facts(by_url[card[0]])), card[0]
    assert any(card[5] for card in cards), "cards carry their facts"


def test_without_the_fields_display_no_materials_or_facts(archive: Archive) -> None:
    files = dict(find_data_files(archive))
    assert "materials" not in json.loads(files["find/data/facets.json"])["facets"]
    assert all(len(card) == 5 for card in json.loads(files["find/data/cards-0.json"]))


def test_materials_group_counts_both_choices(archive: Archive, fields: FieldViews) -> None:
    group = materials_group(archive, fields)
    assert group is not None
    options = {o.value: (o.label, o.count) for o in group["options"]}
    records = list(archive.records())
    held = sum(materials_value(archive, fields, r) == MATERIALS for r in records)
    assert options == {
        MATERIALS: (MATERIALS_LABELS[MATERIALS], held),
        RECORD_ONLY: (MATERIALS_LABELS[RECORD_ONLY], len(records) - held),
    }


def test_a_filter_with_one_choice_is_left_out(archive: Archive) -> None:
    """Without schemas no field names a file: every record is "record only"."""
    assert materials_group(archive, FieldViews(SchemaSet({}))) is None


@pytest.mark.parametrize(
    ("url", "meta", "excluded"),
    [
        (SITE_MAP_URL, {}, True),
        ("about/", {}, True),
        ("courses/x/", {}, False),
        ("courses/x/", {"search": {"boost": 2}}, False),
    ],
)
def test_search_plugin_keeps_the_site_map_and_listed_pages_out(
    url: str, meta: dict[str, Any], excluded: bool
) -> None:
    from legacy_archive.mkdocs_plugins.search.plugin import SearchPlugin

    plugin = SearchPlugin()
    errors, _ = plugin.load_config({"exclude": ["about/"]})
    assert errors == []
    page = SimpleNamespace(url=url, meta=dict(meta))
    plugin.on_page_context(
        cast(Any, {}), page=cast(Any, page), config=cast(Any, None), nav=cast(Any, None)
    )
    assert bool((page.meta.get("search") or {}).get("exclude")) is excluded
    assert {k: v for k, v in page.meta.get("search", {}).items() if k != "exclude"} == meta.get(
        "search", {}
    )
