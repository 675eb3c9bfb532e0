"""A collection's fields as editors' tools see them: flattened from its JSON Schema.

The validator works on the schemas directly; the scaffold (`archive new`), the CMS
configuration and the editor schemas need a simpler view: each field in order, with its
kind, whether it is required, what goes there and which values are allowed. This module
turns the schemas (following `$ref` and `allOf`) into that view, once, for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legacy_archive.core.load.vocabulary import Registry


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record, or of an object nested in a record."""

    name: str
    kind: str
    """`text`, `number`, `integer`, `boolean`, `list` (of `item`) or `object` (of `fields`)."""
    required: bool = False
    description: str = ""
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


@dataclass(frozen=True)
class CollectionFields:
    """A collection's fields in the order editors fill them in."""

    name: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]


_KINDS = {
    "string": "text",
    "array": "list",
    "object": "object",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}


class SchemaReader:
    """Resolves `$ref` and `allOf` across the schema files of one project."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas

    def _resolve(self, ref: str, base: str) -> tuple[dict[str, Any], str]:
        file, _, pointer = ref.partition("#")
        file = file or base
        target: Any = self.schemas.get(file, {})
        for part in (p for p in pointer.split("/") if p):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        return (target if isinstance(target, dict) else {}), file

    def merged(self, schema: dict[str, Any], base: str) -> dict[str, Any]:
        """One schema with its `$ref` and `allOf` parts folded in (its own keys win)."""
        out: dict[str, Any] = {}
        parts: list[tuple[dict[str, Any], str]] = []
        if isinstance(schema.get("$ref"), str):
            parts.append(self._resolve(schema["$ref"], base))
        parts += [(sub, base) for sub in schema.get("allOf", []) if isinstance(sub, dict)]
        for sub, sub_base in parts:
            folded = self.merged(sub, sub_base)
            for key, value in folded.items():
                if key == "properties":
                    out.setdefault("properties", {}).update(value)
                elif key == "required":
                    out["required"] = [*out.get("required", []), *value]
                else:
                    out.setdefault(key, value)
        for key, value in schema.items():
            if key in ("$ref", "allOf"):
                continue
            if key == "properties":
                # The collection's own fields come after the fields every record shares.
                out["properties"] = {**out.get("properties", {}), **value}
            elif key == "required":
                out["required"] = [*out.get("required", []), *value]
            else:
                out[key] = value
        out["x-base"] = base
        return out

    def field(
        self,
        name: str,
        schema: dict[str, Any],
        base: str,
        required: bool,
        alternatives: tuple[str, ...] = (),
    ) -> FieldSpec:
        merged = self.merged(schema, base)
        kind = _KINDS.get(str(merged.get("type", "string")), "text")
        item = None
        if kind == "list" and isinstance(merged.get("items"), dict):
            item = self.field(name, merged["items"], merged["x-base"], True)
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
            vocabulary=str(merged.get("x-vocabulary", "")) or (source.vocabulary if source else ""),
            organisation=bool(merged.get("x-organisation")) or bool(source and source.organisation),
            record=bool(merged.get("x-record")) or bool(source and source.record),
            attachment=bool(merged.get("x-attachment")),
            link=bool(merged.get("x-link")),
            date=bool(merged.get("x-date")),
            item=item,
            fields=nested,
            min_items=int(merged.get("minItems", 0)),
            min_length=int(merged.get("minLength", 0)),
            max_length=int(merged.get("maxLength", 0)),
            minimum=merged.get("minimum"),
            maximum=merged.get("maximum"),
            pattern=str(merged.get("pattern", "")),
            alternatives=alternatives,
        )

    def object_fields(self, merged: dict[str, Any]) -> tuple[FieldSpec, ...]:
        required = set(merged.get("required", []))
        groups = _required_groups(merged)
        return tuple(
            self.field(
                str(name),
                sub,
                merged["x-base"],
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


def collection_fields(
    schemas: dict[str, dict[str, Any]], schema_name: str, name: str, title: str = ""
) -> CollectionFields:
    """The fields of one collection, required ones first, then the collection's own."""
    reader = SchemaReader(schemas)
    merged = reader.merged(schemas.get(schema_name, {}), schema_name)
    fields = reader.object_fields(merged)
    own = set(schemas.get(schema_name, {}).get("properties", {}))

    def rank(spec: FieldSpec) -> int:
        if spec.required and spec.name not in own:
            return 0
        return 1 if spec.name in own else 2

    ordered = sorted(fields, key=rank)  # stable: schema order within each group
    return CollectionFields(
        name=name,
        title=title or str(schemas.get(schema_name, {}).get("title", name)),
        description=str(schemas.get(schema_name, {}).get("description", "")),
        fields=tuple(ordered),
    )


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
