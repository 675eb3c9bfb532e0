"""Facets: the record metadata readers filter by (collection, audience, subject, ...).

One definition feeds the search filters on record pages, the Find page's checkboxes and
counts, the taxonomy pages and the related-resources index, so they always agree.
Values are ids (stable, URL-safe); labels come from the vocabularies and organisations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive


def _ids(record: Record, *names: str) -> list[str]:
    """The values of some fields as a list of ids, whether each field holds one or many."""
    out: list[str] = []
    for name in names:
        value = record.fields.get(name)
        values = value if isinstance(value, list) else [value]
        out += [str(v) for v in values if v is not None and v != "" and str(v) not in out]
    return out


@dataclass(frozen=True)
class Facet:
    """One filterable property of records."""

    key: str
    """Filter name in the search index and in Find page URLs (`audience`)."""
    label: str
    """Heading of its checkbox group (`Audience`)."""
    values: Callable[[Record], list[str]]
    """The ids a record carries."""
    labeller: Callable[[Archive, str], str]
    """Human label of an id."""
    taxonomy: str = ""
    """URL segment of its generated term pages (`audiences`); empty for facets without pages."""

    def label_of(self, archive: Archive, value: str) -> str:
        return self.labeller(archive, value)


def _vocabulary(name: str) -> Callable[[Archive, str], str]:
    return lambda archive, value: archive.registry.vocabulary(name).label_of(value)


def _organisation(archive: Archive, value: str) -> str:
    org = archive.registry.organisations.get(value)
    return org.name if org else value


def _collection(archive: Archive, value: str) -> str:
    collection = archive.collections.get(value)
    return collection.spec.title if collection else value


FACETS: tuple[Facet, ...] = (
    Facet("collection", "Type", lambda r: [r.collection], _collection),
    Facet(
        "audience",
        "Audience",
        lambda r: _ids(r, "audiences"),
        _vocabulary("audiences"),
        "audiences",
    ),
    Facet("subject", "Subject", lambda r: _ids(r, "subjects"), _vocabulary("subjects"), "subjects"),
    Facet("format", "Format", lambda r: _ids(r, "format"), _vocabulary("formats")),
    Facet("key_stage", "Key stage", lambda r: _ids(r, "key_stages"), _vocabulary("key_stages")),
    Facet(
        "partner", "Partner", lambda r: _ids(r, "partners", "partner"), _organisation, "partners"
    ),
    Facet("year", "Year", lambda r: [r.date[:4]] if r.date[:4].isdigit() else [], lambda _, v: v),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}
TAXONOMIES = tuple(facet for facet in FACETS if facet.taxonomy)


def record_filters(record: Record) -> list[tuple[str, str]]:
    """Every (facet, id) pair a record carries, for `data-pagefind-filter` attributes."""
    return [(facet.key, value) for facet in FACETS for value in facet.values(record)]


@dataclass(frozen=True)
class FacetOption:
    """A checkbox on the Find page: id, label and how many records carry it."""

    value: str
    label: str
    count: int


def facet_options(archive: Archive, facet: Facet, records: Iterable[Record]) -> list[FacetOption]:
    """The values of a facet in use, with counts, in vocabulary order (years newest first)."""
    counts = Counter(value for record in records for value in facet.values(record))
    if facet.key == "year":
        order = sorted(counts, reverse=True)
    elif facet.key == "collection":
        order = [name for name in archive.collections if name in counts]
    elif facet.key == "partner":
        order = sorted(counts, key=lambda v: _organisation(archive, v).lower())
    else:
        vocabulary = archive.registry.vocabulary(_VOCABULARY_OF[facet.key])
        known = [term for term in vocabulary.terms if term in counts]
        order = known + sorted(v for v in counts if v not in vocabulary.terms)
    return [FacetOption(v, facet.label_of(archive, v), counts[v]) for v in order]


_VOCABULARY_OF = {
    "audience": "audiences",
    "subject": "subjects",
    "format": "formats",
    "key_stage": "key_stages",
}
