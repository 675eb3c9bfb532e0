"""The one way across a project's schema files: `$ref` and `allOf`.

Collection schemas share fields by referring to `record.schema.json`; the field view
(`fields`), and through it the checker's messages, and the known-fields list all follow
those references through here, so a schema means the same thing to every reader.
"""

from __future__ import annotations

from typing import Any

Part = tuple[dict[str, Any], str]
"""A subschema and the file its relative `$ref`s are resolved against."""


class SchemaSet:
    """A project's schemas, keyed by file name (`courses.schema.json`)."""

    def __init__(self, files: dict[str, dict[str, Any]]) -> None:
        self.files = files
        self._known: dict[str, set[str]] = {}

    def root(self, name: str) -> dict[str, Any]:
        """A schema file's top level, or {} when there is no such file."""
        return self.files.get(name, {})

    def target(self, ref: str, base: str) -> Part:
        """What a `$ref` points at (`file#/json/pointer`, the file defaulting to `base`)."""
        file, _, pointer = ref.partition("#")
        file = file or base
        found: Any = self.files.get(file, {})
        for part in (p for p in pointer.split("/") if p):
            found = found.get(part, {}) if isinstance(found, dict) else {}
        return (found if isinstance(found, dict) else {}), file

    def parts(self, schema: dict[str, Any], base: str) -> list[Part]:
        """The subschemas a schema pulls in directly: its `$ref`, then its `allOf`."""
        out: list[Part] = []
        if isinstance(schema.get("$ref"), str):
            out.append(self.target(schema["$ref"], base))
        out += [(sub, base) for sub in schema.get("allOf", []) if isinstance(sub, dict)]
        return out

    def expand(self, schema: dict[str, Any], base: str) -> list[Part]:
        """A subschema, then everything it pulls in (depth first), nearest first."""
        out = [(schema, base)]
        for sub, sub_base in self.parts(schema, base):
            out += self.expand(sub, sub_base)
        return out

    def merged(self, schema: dict[str, Any], base: str) -> dict[str, Any]:
        """One schema with its `$ref` and `allOf` parts folded in (its own keys win);
        `x-base` says which file its nested relative `$ref`s belong to."""
        out: dict[str, Any] = {}
        for sub, sub_base in self.parts(schema, base):
            for key, value in self.merged(sub, sub_base).items():
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

    def known_fields(self, name: str) -> set[str]:
        """Top-level fields a collection allows: its own properties and those it refers to."""
        if name not in self._known:
            self._known[name] = {
                field
                for schema, _ in self.expand(self.root(name), name)
                for field in schema.get("properties", {})
            }
        return self._known[name]
