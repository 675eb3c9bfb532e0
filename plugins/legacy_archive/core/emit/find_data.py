"""Compact browse data for the Find page: filters, counts, sort orders and cards.

Pagefind 1.5 fetches every word-index chunk for a search with filters but no words (22 MB
at 10,000 records), so a shared link like `find/?audience=secondary&subject=animation`
would download the whole index. The Find page filters with this data instead:

- `find/data/facets.json`: for every facet value, the records carrying it, as positions
  in listing order (newest first), delta-encoded; enough to intersect filters and count.
- `find/data/title-order.json`: record positions sorted by title (only for sort by title).
- `find/data/cards-<n>.json`: the cards (URL, title, type, summary, date, facts) in shards of
  `SHARD_SIZE`, so a page of results fetches only the shards it shows.

Searches with words ask Pagefind which pages match (it loads only the chunks the words
need) and then filter, count and sort with the same data, so the Find page needs neither
Pagefind's filter files nor sort orders in its index. The search step adds:

- `find/data/search-ids.json`: for every position, the record's Pagefind page id, cut to
  the shortest prefix that no other page's id starts with (`null` if it is not indexed),
  written after Pagefind runs (`search_ids`). Four or five hex digits (`en_4548`) tell a
  page apart among 10,000, which makes the file 29 KB compressed where whole ids take 49 KB.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from legacy_archive.core.emit.materials import (
    MATERIALS,
    MATERIALS_FILTER,
    RECORD_ONLY,
    has_materials,
)
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.facets import FacetOption
from legacy_archive.core.validate.schema.fields import FieldViews


class RecordDisplay(Protocol):
    """What the browse data needs of the pages' field display (`field_display.FieldDisplay`,
    not imported: it would add a floor under the page emitter)."""

    fields: FieldViews

    def card_facts(self, record: Record) -> list[str]: ...


SEARCH_IDS = "search-ids.json"
"""Pagefind page id (prefix) per position, in `DATA_DIR`; written by the search step."""
WHOLE_ID = "."
"""Ends a stored id that is whole: another page's id starts with all of it (Pagefind makes
such ids when short hashes collide), so it must match exactly, never as a prefix."""
SHARD_SIZE = 50
"""Cards per file: small enough that a page of results spread over the archive stays cheap."""
DATA_DIR = "find/data"
MATERIALS_LABEL = "Materials"
"""Heading of the Find page's materials filter, which every archive gets."""
MATERIALS_LABELS = {MATERIALS: "Materials included", RECORD_ONLY: "Record only"}
"""Its two choices: the archive holds files of the record's own, or only the record."""


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _deltas(positions: Iterable[int]) -> list[int]:
    """Each number as the difference from the one before: short numbers, small files."""
    out, last = [], 0
    for position in positions:
        out.append(position - last)
        last = position
    return out


def materials_value(archive: Archive, fields: FieldViews, record: Record) -> str:
    """`MATERIALS` when the archive holds files of the record's own, else `RECORD_ONLY`."""
    schema = archive.collections[record.collection].spec.schema
    return MATERIALS if record.folder and has_materials(record, fields, schema) else RECORD_ONLY


def materials_group(archive: Archive, fields: FieldViews) -> dict[str, Any] | None:
    """The Find page's materials filter (as the template's facet groups), or None when every
    record is on the same side: a filter with one choice filters nothing."""
    if MATERIALS_FILTER in archive.facets.by_key:
        return None
    counts = {MATERIALS: 0, RECORD_ONLY: 0}
    for record in archive.records():
        counts[materials_value(archive, fields, record)] += 1
    if not all(counts.values()):
        return None
    options = [FacetOption(v, MATERIALS_LABELS[v], n) for v, n in counts.items()]
    return {"facet": {"key": MATERIALS_FILTER, "label": MATERIALS_LABEL}, "options": options}


def find_data_files(
    archive: Archive, display: RecordDisplay | None = None
) -> list[tuple[str, str]]:
    """(site-relative path, JSON text) for every browse data file; with `display` (the
    records' fields as pages show them), the materials filter and each card's facts too."""
    records: list[Record] = sorted(archive.records(), key=lambda r: r.title.lower())
    records.sort(key=lambda r: r.date, reverse=True)
    facets: dict[str, dict[str, list[int]]] = {facet.key: {} for facet in archive.facets}
    for position, record in enumerate(records):
        for facet in archive.facets:
            for value in facet.values(record):
                facets[facet.key].setdefault(value, []).append(position)
    if display is not None and MATERIALS_FILTER not in facets:
        materials = facets.setdefault(MATERIALS_FILTER, {})
        for position, record in enumerate(records):
            value = materials_value(archive, display.fields, record)
            materials.setdefault(value, []).append(position)
    kinds = [c.spec.singular for c in archive.collections.values()]
    kind_index = {c.name: i for i, c in enumerate(archive.collections.values())}
    index = {
        "count": len(records),
        "shard": SHARD_SIZE,
        "kinds": kinds,
        "facets": {
            key: {value: _deltas(ps) for value, ps in values.items()}
            for key, values in facets.items()
        },
    }
    by_title = sorted(range(len(records)), key=lambda i: (records[i].title.lower(), i))
    files = [
        (f"{DATA_DIR}/facets.json", _dumps(index)),
        (f"{DATA_DIR}/title-order.json", _dumps(_deltas(by_title))),
    ]
    for start in range(0, len(records), SHARD_SIZE):
        cards: list[list[Any]] = [
            [archive.url_of(r), r.title, kind_index[r.collection], r.summary, r.date]
            for r in records[start : start + SHARD_SIZE]
        ]
        if display is not None:
            for card, record in zip(cards, records[start : start + SHARD_SIZE], strict=True):
                card.append(" · ".join(display.card_facts(record)))
        files.append((f"{DATA_DIR}/cards-{start // SHARD_SIZE}.json", _dumps(cards)))
    return files


def card_urls(shards: Iterable[list[list[Any]]]) -> list[str]:
    """The record URLs of the cards files (read in shard order), by position."""
    return [str(card[0]) for shard in shards for card in shard]


def unique_prefixes(ids: Iterable[str]) -> dict[str, str]:
    """Each id's shortest prefix that no other id starts with, or the whole id + `WHOLE_ID`.

    In sorted order, the ids sharing a prefix are neighbours, so it is enough to compare each
    id with the ids before and after it.
    """
    ordered = sorted(set(ids))
    out: dict[str, str] = {}
    for k, page_id in enumerate(ordered):
        others = [other for other in ordered[max(k - 1, 0) : k + 2] if other != page_id]
        length = 1
        while length <= len(page_id) and any(o.startswith(page_id[:length]) for o in others):
            length += 1
        out[page_id] = page_id[:length] if length <= len(page_id) else page_id + WHOLE_ID
    return out


def search_ids(urls: list[str], page_ids: dict[str, str]) -> str:
    """JSON text of `search-ids.json`: the Pagefind page of each position's URL, as the
    shortest prefix of its id that tells it apart from every page Pagefind indexed.

    `page_ids` maps every indexed page's site-relative URL (`courses/x/`) to its id.
    """
    prefixes = unique_prefixes(page_ids.values())
    return _dumps([prefixes[page_ids[url]] if url in page_ids else None for url in urls])
