"""The archive an import writes into: its collections, their fields and their vocabularies.

Read once through the engine's own loaders (settings, data file, schemas), so the mapping
is checked against exactly what `archive check` will check the records against.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.config.settings import CollectionSpec, ProjectSettings
from legacy_archive.core.load.vocabulary import Registry, Vocabulary
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews

PEOPLE_FIELDS = ("author", "authors", "by", "speaker", "speakers", "presenter", "host", "quote_by")
"""Field names that hold who wrote or presented a record, where a WordPress author fits."""


@dataclass
class TargetArchive:
    """What an import needs to know about the archive it writes into."""

    settings: ProjectSettings
    registry: Registry
    views: FieldViews

    @property
    def root(self) -> Path:
        return self.settings.root

    def spec(self, collection: str) -> CollectionSpec | None:
        return next((s for s in self.settings.collections if s.name == collection), None)

    @property
    def collection_names(self) -> list[str]:
        return [spec.name for spec in self.settings.collections]

    def fields(self, collection: str) -> tuple[FieldSpec, ...]:
        spec = self.spec(collection)
        return self.views.in_order(spec.schema) if spec is not None else ()

    def field(self, collection: str, name: str) -> FieldSpec | None:
        spec = self.spec(collection)
        return self.views.field(spec.schema, name) if spec is not None else None

    def vocabulary(self, name: str) -> Vocabulary | None:
        return self.registry.vocabularies.get(name)

    def media_fields(self, collection: str) -> list[str]:
        """Fields for a video or audio with its transcript (`#/$defs/media` in the schemas)."""
        return [
            spec.name
            for spec in self.fields(collection)
            if spec.kind == "object" and {"transcript", "url"} <= {f.name for f in spec.fields}
        ]

    def people_field(self, collection: str) -> str:
        names = {spec.name for spec in self.fields(collection)}
        return next((name for name in PEOPLE_FIELDS if name in names), "")
