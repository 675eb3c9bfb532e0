"""A collection's fields as everything but the validator sees them: flattened from its schema.

The validator works on the schemas directly; the page emitter, the scaffold (`archive
new`), the CMS configuration, open data and the field reference read this simpler view:
each field in order, with its kind, whether it is required, what goes there and which
values are allowed. This module turns the schemas (following `$ref` and `allOf` through
`resolve`) into that view, once per schema, so no reader looks at `x-` keywords itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.keywords import (
    ATTACHMENT,
    BASE,
    DATE,
    EXPECTED,
    LINK,
    ORGANISATION,
    RECORD,
    SCHEMA_ORG,
    SCHEMA_ORG_PROPERTIES,
    VOCABULARY,
)
from legacy_archive.core.validate.schema.resolve import SchemaSet
from legacy_archive.core.validate.schema.schema_org import (
    SchemaOrgProperty,
    read_field_property,
    read_top_properties,
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record, or of an object nested in a record."""

    name: str
    kind: str
    """`text`, `number`, `integer`, `boolean`, `list` (of `item`) or `object` (of `fields`)."""
    required: bool = False
    description: str = ""
    title: str = ""
    """What pages call the field (the schema's `title`), or "" for its humanised name."""
    vocabulary: str = ""
    """Name of the vocabulary the value (or each list item) comes from."""
    organisation: bool = False
    record: bool = False
    """The value (or each item) is a reference to another record, `<collection>/<slug>`."""
    attachment: bool = False
    link: bool = False
    date: bool = False
    item: FieldSpec | None = None
    fields: tuple[FieldSpec, ...] = ()
    min_items: int = 0
    min_length: int = 0
    max_length: int = 0
    minimum: float | None = None
    maximum: float | None = None
    pattern: str = ""
    alternatives: tuple[str, ...] = ()
    """Other fields that can stand in for this one (`key_stages` or `ages`)."""
    expected: str = ""
    """What a message says goes there, when the description will not do (`x-expected`)."""
    schema_org: SchemaOrgProperty | None = None
    """The schema.org property the field fills in the record's JSON-LD (`x-schema-org`)."""

    @property
    def label(self) -> str:
        """What pages call the field: its `title`, else its name in words (`Time needed`)."""
        return self.title or self.name.replace("_", " ").replace("-", " ").strip().capitalize()

    @property
    def each(self) -> FieldSpec:
        """What each value is: a list's item, or the field itself."""
        return self.item if self.item is not None else self


@dataclass(frozen=True)
class CollectionFields:
    """A collection's fields in the order editors fill them in."""

    name: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    expected: str = ""
    """What a record needs besides its fields (`x-expected` at the top of the schema)."""
    schema_org: str = ""
    """The schema.org type of its records (`x-schema-org`), or "" for the default."""
    schema_org_properties: tuple[SchemaOrgProperty, ...] = ()
    """Properties of its JSON-LD that no single field fills (`x-schema-org-properties`)."""


_KINDS = {
    "string": "text",
    "array": "list",
    "object": "object",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}


class FieldReader:
    """Turns schemas into `FieldSpec`s, following `$ref` and `allOf` through `SchemaSet`."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas

    def field(
        self,
        name: str,
        schema: dict[str, Any],
        base: str,
        required: bool,
        alternatives: tuple[str, ...] = (),
    ) -> FieldSpec:
        merged = self.schemas.merged(schema, base)
        kind = _KINDS.get(str(merged.get("type", "string")), "text")
        item = None
        if kind == "list" and isinstance(merged.get("items"), dict):
            item = self.field(name, merged["items"], merged[BASE], True)
        nested: tuple[FieldSpec, ...] = ()
        if kind == "object":
            nested = self.object_fields(merged)
        # A list inherits what its items are, so `subjects` reads as a vocabulary list.
        source = item if item is not None else None
        return FieldSpec(
            name=name,
            kind=kind,
            required=required,
            description=str(merged.get("description", "")).rstrip("."),
            title=str(merged.get("title", "")),
            vocabulary=str(merged.get(VOCABULARY, "")) or (source.vocabulary if source else ""),
            organisation=bool(merged.get(ORGANISATION)) or bool(source and source.organisation),
            record=bool(merged.get(RECORD)) or bool(source and source.record),
            attachment=bool(merged.get(ATTACHMENT)),
            link=bool(merged.get(LINK)),
            date=bool(merged.get(DATE)),
            item=item,
            fields=nested,
            min_items=int(merged.get("minItems", 0)),
            min_length=int(merged.get("minLength", 0)),
            max_length=int(merged.get("maxLength", 0)),
            minimum=merged.get("minimum"),
            maximum=merged.get("maximum"),
            pattern=str(merged.get("pattern", "")),
            alternatives=alternatives,
            expected=str(merged.get(EXPECTED, "")),
            schema_org=read_field_property(merged.get(SCHEMA_ORG)),
        )

    def object_fields(self, merged: dict[str, Any]) -> tuple[FieldSpec, ...]:
        required = set(merged.get("required", []))
        groups = _required_groups(merged)
        return tuple(
            self.field(
                str(name),
                sub,
                merged[BASE],
                name in required,
                tuple(n for n in groups.get(str(name), ()) if n != name),
            )
            for name, sub in merged.get("properties", {}).items()
            if isinstance(sub, dict)
        )


def _required_groups(schema: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Fields of an `anyOf: [{required: [a]}, {required: [b]}]`: one of them is needed."""
    groups: dict[str, tuple[str, ...]] = {}
    branches = schema.get("anyOf", [])
    names = [
        b["required"][0]
        for b in branches
        if isinstance(b, dict) and set(b) == {"required"} and len(b["required"]) == 1
    ]
    if names and len(names) == len(branches):
        for name in names:
            groups[str(name)] = tuple(str(n) for n in names)
    return groups


class FieldViews:
    """Every collection's fields, worked out once per schema and then looked up by name."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self._reader = FieldReader(schemas)
        self._fields: dict[str, tuple[FieldSpec, ...]] = {}
        self._by_name: dict[str, dict[str, FieldSpec]] = {}

    def in_order(self, schema_name: str) -> tuple[FieldSpec, ...]:
        """Every field of a collection's records in schema order, shared fields first."""
        if schema_name not in self._fields:
            merged = self.schemas.merged(self.schemas.root(schema_name), schema_name)
            self._fields[schema_name] = self._reader.object_fields(merged)
        return self._fields[schema_name]

    def field(self, schema_name: str, name: str) -> FieldSpec | None:
        """One top-level field of a collection's records, or None if the schema has none."""
        if schema_name not in self._by_name:
            self._by_name[schema_name] = {spec.name: spec for spec in self.in_order(schema_name)}
        return self._by_name[schema_name].get(name)

    def at(self, schema_name: str, path: tuple[Any, ...]) -> FieldSpec | None:
        """The field at a path into a record (`("downloads", 0, "file")`), or None."""
        spec = self.field(schema_name, str(path[0])) if path else None
        for part in path[1:]:
            if spec is None:
                return None
            if isinstance(part, int):
                spec = spec.item
            else:
                spec = next((sub for sub in spec.fields if sub.name == part), None)
        return spec

    def own(self, schema_name: str) -> tuple[FieldSpec, ...]:
        """The fields a schema declares itself, in its order (not those it refers to)."""
        every = {spec.name: spec for spec in self.in_order(schema_name)}
        own = self.schemas.root(schema_name).get("properties", {})
        return tuple(every[name] for name in own if name in every)

    def collection(self, schema_name: str, name: str, title: str = "") -> CollectionFields:
        """The fields of one collection, required ones first, then the collection's own."""
        root = self.schemas.root(schema_name)
        own = set(root.get("properties", {}))

        def rank(spec: FieldSpec) -> int:
            if spec.required and spec.name not in own:
                return 0
            return 1 if spec.name in own else 2

        ordered = sorted(self.in_order(schema_name), key=rank)  # stable: schema order in a group
        return CollectionFields(
            name=name,
            title=title or str(root.get("title", name)),
            description=str(root.get("description", "")),
            fields=tuple(ordered),
            expected=str(root.get(EXPECTED, "")),
            schema_org=str(root.get(SCHEMA_ORG, "")),
            schema_org_properties=read_top_properties(
                self.schemas.merged(root, schema_name).get(SCHEMA_ORG_PROPERTIES), None
            )[0],
        )


def collection_fields(
    schemas: dict[str, dict[str, Any]], schema_name: str, name: str, title: str = ""
) -> CollectionFields:
    """The fields of one collection (see `FieldViews.collection`), from schemas as loaded."""
    return FieldViews(SchemaSet(schemas)).collection(schema_name, name, title)


def allowed_values(spec: FieldSpec, registry: Registry) -> list[tuple[str, str]]:
    """`(id, label)` pairs a field accepts, from its vocabulary or the organisations list."""
    if spec.vocabulary:
        vocab = registry.vocabulary(spec.vocabulary)
        return [(term.id, term.label) for term in vocab.terms.values()]
    if spec.organisation:
        return [(org.id, org.name) for org in registry.organisations.values()]
    return []


def field_help(spec: FieldSpec, registry: Registry, with_required: bool = True) -> str:
    """Short help for a field: what goes there, whether it is needed, which values are allowed."""
    what = spec.description or spec.name.replace("_", " ")
    rules: list[str] = []
    if with_required and spec.required:
        rules.append("required")
    elif with_required and spec.alternatives:
        others = " or ".join(f"'{n}'" for n in spec.alternatives)
        rules.append(f"required unless {others} is given")
    elif with_required:
        rules.append("optional")
    values = [value for value, _ in allowed_values(spec, registry)]
    if values:
        rules.append(
            ("one or more of: " if spec.kind == "list" else "one of: ") + ", ".join(values)
        )
    if spec.date and "YYYY" not in what:
        rules.append("YYYY-MM-DD, YYYY-MM or YYYY")
    if spec.min_length > 1 and spec.max_length:
        rules.append(f"{spec.min_length} to {spec.max_length} characters")
    elif spec.max_length:
        rules.append(f"at most {spec.max_length} characters")
    if spec.kind == "boolean":
        rules.append("true or false")
    return f"{what} ({'; '.join(rules)})" if rules else what
