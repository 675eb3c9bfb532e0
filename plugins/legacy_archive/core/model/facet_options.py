"""The values of a facet in use across records, with labels and counts, in reading order:
the Find page's checkboxes and a browse index list them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.facets import COLLECTION, VOCABULARY, YEAR, Facet


@dataclass(frozen=True)
class FacetOption:
    """A checkbox on the Find page: id, label and how many records carry it."""

    value: str
    label: str
    count: int


def facet_options(archive: Archive, facet: Facet, records: Iterable[Record]) -> list[FacetOption]:
    """The values of a facet in use, with counts: vocabulary order, collection order,
    organisations and text by name, years newest first."""
    counts = Counter(value for record in records for value in facet.values(record))
    if facet.kind == YEAR:
        order = sorted(counts, reverse=True)
    elif facet.kind == COLLECTION:
        order = [name for name in archive.collections if name in counts]
    elif facet.kind == VOCABULARY:
        vocabulary = archive.registry.vocabulary(facet.vocabulary)
        known = [term for term in vocabulary.terms if term in counts]
        order = known + sorted(v for v in counts if v not in vocabulary.terms)
    else:
        order = sorted(counts, key=lambda v: (facet.label_of(archive.registry, v).lower(), v))
    return [FacetOption(v, facet.label_of(archive.registry, v), counts[v]) for v in order]
