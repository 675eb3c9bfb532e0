"""Compact browse data for the Find page's filters-only searches.

Pagefind 1.5 fetches every word-index chunk for a search with filters but no words (22 MB
at 10,000 records), so a shared link like `find/?audience=secondary&subject=animation`
would download the whole index. For those, the Find page instead reads:

- `find/data/facets.json`: for every facet value, the records carrying it, as positions
  in listing order (newest first), delta-encoded; enough to intersect filters and count.
- `find/data/title-order.json`: record positions sorted by title (only for sort by title).
- `find/data/cards-<n>.json`: the cards (URL, title, type, summary) in shards of
  `SHARD_SIZE`, so a page of results fetches only the shards it shows.

Searches with words still go to Pagefind, which loads only the chunks they need.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .archive import Archive
from .facets import FACETS
from .records import Record

SHARD_SIZE = 50
"""Cards per file: small enough that 20 results spread over the archive stay cheap."""
DATA_DIR = "find/data"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _deltas(positions: Iterable[int]) -> list[int]:
    """Each number as the difference from the one before: short numbers, small files."""
    out, last = [], 0
    for position in positions:
        out.append(position - last)
        last = position
    return out


def find_data_files(archive: Archive) -> list[tuple[str, str]]:
    """(site-relative path, JSON text) for every browse data file."""
    records: list[Record] = sorted(archive.records(), key=lambda r: r.title.lower())
    records.sort(key=lambda r: r.date, reverse=True)
    facets: dict[str, dict[str, list[int]]] = {facet.key: {} for facet in FACETS}
    for position, record in enumerate(records):
        for facet in FACETS:
            for value in facet.values(record):
                facets[facet.key].setdefault(value, []).append(position)
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
        cards = [
            [archive.url_of(r), r.title, kind_index[r.collection], r.summary, r.date]
            for r in records[start : start + SHARD_SIZE]
        ]
        files.append((f"{DATA_DIR}/cards-{start // SHARD_SIZE}.json", _dumps(cards)))
    return files
