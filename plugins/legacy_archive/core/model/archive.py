"""The Archive: every valid record, grouped by collection, with the one place URLs are made.

It is made by `legacy_archive.core.pipeline.load_archive`, which runs load -> validate ->
model in one pass; everything after (emit, publish, editors' tools) reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from legacy_archive.core.config.settings import CollectionSpec, ProjectSettings
from legacy_archive.core.load.records import Record
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.model.facets import Facets


@dataclass
class Collection:
    """A collection's settings and its published records, newest first."""

    spec: CollectionSpec
    records: list[Record] = field(default_factory=list)
    organisation_fields: tuple[str, ...] = ()
    """Its fields that hold organisation ids (`x-organisation`), the collection's own first."""

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def url(self) -> str:
        return f"{self.spec.url_path}/"


@dataclass
class Archive:
    """The whole archive as the emitters see it."""

    settings: ProjectSettings
    registry: Registry
    collections: dict[str, Collection]
    drafts: list[Record] = field(default_factory=list)
    withdrawn: list[Record] = field(default_factory=list)
    """Records whose page stays (a published URL never dies) but which no listing shows."""
    facets: Facets = field(default_factory=Facets)
    """What readers filter, browse and relate records by."""
    _index: dict[str, Record] = field(default_factory=dict, init=False, repr=False)

    def url_of(self, record: Record) -> str:
        """Site-relative URL of a record's page: the only place this is decided."""
        return f"{self.collections[record.collection].spec.url_path}/{record.slug}/"

    def url_of_term(self, taxonomy: str, term: str) -> str:
        """Site-relative URL of a taxonomy term's page (`subjects/animation/`)."""
        return f"{taxonomy}/{term}/"

    def url_of_taxonomy(self, taxonomy: str) -> str:
        """Site-relative URL of a taxonomy's index page (`subjects/`)."""
        return f"{taxonomy}/"

    def url_of_find(self) -> str:
        """Site-relative URL of the Find resources page."""
        return "find/"

    def organisation_fields(self, record: Record) -> tuple[str, ...]:
        """The record's fields that credit organisations by id, as its schema says."""
        return self.collections[record.collection].organisation_fields

    def page_path(self, record: Record) -> str:
        """Source path the engine renders the record page from."""
        return f"{self.url_of(record)}index.md"

    def records(self) -> Iterable[Record]:
        for collection in self.collections.values():
            yield from collection.records

    def every_record(self) -> Iterable[Record]:
        """Every record with a page: the listed ones, then the withdrawn ones."""
        yield from self.records()
        yield from self.withdrawn

    def get(self, ref: str) -> Record | None:
        """The published record behind a reference like `courses/intro`, if any."""
        return self._index.get(ref)

    def index(self) -> None:
        """Build the reference index once, so lookups stay O(1) at any size."""
        self._index = {record.ref: record for record in self.every_record()}

    def count(self) -> int:
        return sum(len(c.records) for c in self.collections.values())
