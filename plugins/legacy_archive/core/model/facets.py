"""Facets: the record metadata readers filter by, as the archive declares them.

One definition feeds the search filters on record pages, the Find page's checkboxes and
counts, the browse pages and the related-resources index, so they always agree. Values are
ids (stable, URL-safe) or short text; labels come from the vocabularies and organisations.
Which facets an archive has is configuration (`facets:` in `mkdocs.yml`), worked out
against the schemas by `facet_fields.py`; nothing here knows any archive's field names.
`facet_options` lists the values in use, with counts, for the Find page and browse indexes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from legacy_archive.core.load.records import Record
from legacy_archive.core.load.vocabulary import Registry

COLLECTION = "collection"
"""Kind of a facet by the record's collection (its type)."""
YEAR = "year"
"""Kind of a facet by the year of the record's date."""
VOCABULARY = "vocabulary"
"""Kind of a facet whose fields hold ids of one vocabulary (`x-vocabulary`)."""
ORGANISATION = "organisation"
"""Kind of a facet whose fields hold organisation ids (`x-organisation`)."""
TEXT = "text"
"""Kind of a facet whose fields hold short text or numbers, shown as written."""


def field_ids(record: Record, names: Iterable[str]) -> list[str]:
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
    kind: str
    """What its values are: `COLLECTION`, `YEAR`, `VOCABULARY`, `ORGANISATION` or `TEXT`."""
    fields: tuple[str, ...] = ()
    """Record fields it reads, in order; none for the collection and year facets."""
    vocabulary: str = ""
    """The vocabulary its ids come from, for a `VOCABULARY` facet."""
    browse: str = ""
    """First URL segment of its browse pages (`audiences`); empty for facets without pages."""
    related_weight: float = 0.0
    """How much sharing one of its values counts towards related resources; 0: not at all."""
    position: int = -1
    """Its index in `facets:` of `mkdocs.yml`, for messages; -1 for a default facet."""
    titles: tuple[tuple[str, str], ...] = ()
    """Collection names and titles, for a `COLLECTION` facet's labels."""

    def values(self, record: Record) -> list[str]:
        """The ids a record carries."""
        if self.kind == COLLECTION:
            return [record.collection]
        if self.kind == YEAR:
            year = record.date[:4]
            return [year] if year.isdigit() else []
        return field_ids(record, self.fields)

    def label_of(self, registry: Registry, value: str) -> str:
        """Human label of an id."""
        if self.kind == VOCABULARY:
            return registry.vocabulary(self.vocabulary).label_of(value)
        if self.kind == ORGANISATION:
            org = registry.organisations.get(value)
            return org.name if org else value
        if self.kind == COLLECTION:
            return dict(self.titles).get(value, value)
        return value


@dataclass(frozen=True)
class Facets:
    """An archive's facets in their declared order, with the views the emitters need."""

    all: tuple[Facet, ...] = ()

    def __iter__(self) -> Iterator[Facet]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    @cached_property
    def by_key(self) -> dict[str, Facet]:
        return {facet.key: facet for facet in self.all}

    @cached_property
    def browsable(self) -> tuple[Facet, ...]:
        """The facets with browse pages, in order."""
        return tuple(facet for facet in self.all if facet.browse)

    @cached_property
    def weighted(self) -> tuple[Facet, ...]:
        """The facets related resources are computed from."""
        return tuple(facet for facet in self.all if facet.related_weight > 0)

    @cached_property
    def _browse_of_field(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for facet in self.browsable:
            for name in facet.fields:
                out.setdefault(name, facet.browse)
        return out

    def browse_of_field(self, name: str) -> str:
        """The browse pages a record field's values link to, or empty."""
        return self._browse_of_field.get(name, "")

    def record_filters(self, record: Record) -> list[tuple[str, str]]:
        """Every (facet, id) pair a record carries, for `data-pagefind-filter` attributes."""
        return [(facet.key, value) for facet in self.all for value in facet.values(record)]


@dataclass(frozen=True)
class FacetOption:
    """A checkbox on the Find page: id, label and how many records carry it."""

    value: str
    label: str
    count: int


def facet_options(registry: Registry, facet: Facet, records: Iterable[Record]) -> list[FacetOption]:
    """The values of a facet in use, with counts: vocabulary order, collection order,
    organisations and text by name, years newest first."""
    counts = Counter(value for record in records for value in facet.values(record))
    if facet.kind == YEAR:
        order = sorted(counts, reverse=True)
    elif facet.kind == COLLECTION:
        order = [name for name, _ in facet.titles if name in counts]
    elif facet.kind == VOCABULARY:
        vocabulary = registry.vocabulary(facet.vocabulary)
        known = [term for term in vocabulary.terms if term in counts]
        order = known + sorted(v for v in counts if v not in vocabulary.terms)
    else:
        order = sorted(counts, key=lambda v: (facet.label_of(registry, v).lower(), v))
    return [FacetOption(v, facet.label_of(registry, v), counts[v]) for v in order]
