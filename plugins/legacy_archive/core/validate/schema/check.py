"""Check records against their collection's JSON Schema and turn errors into `Problem`s.

Schemas are declarative and engine-free: draft 2020-12 plus the project's `x-` keywords
(`keywords`), with shared fields reached through `$ref` and `allOf` (`resolve`) and every
error put in an editor's words (`messages`).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry as SchemaRegistry
from referencing import Resource
from referencing.jsonschema import DRAFT202012

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.load.source import Source
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.keywords import CheckContext, validator_class
from legacy_archive.core.validate.schema.messages import SchemaMessages
from legacy_archive.core.validate.schema.resolve import SchemaSet


class SchemaChecker:
    """Validates records of every collection against their schemas in one run."""

    def __init__(self, schemas: dict[str, dict[str, Any]], context: CheckContext) -> None:
        self.schemas = SchemaSet(schemas)
        self.context = context
        self.fields = FieldViews(self.schemas)
        """The same schemas as fields, for the emitter and the editors' tools."""
        self.messages = SchemaMessages(self.fields)
        # Without `$schema`, jsonschema keeps our extended class when following a `$ref`
        # into another file instead of switching to the plain draft 2020-12 validator.
        plain = {
            name: {k: v for k, v in data.items() if k != "$schema"}
            for name, data in schemas.items()
        }
        resources = [
            (name, Resource.from_contents(data, default_specification=DRAFT202012))
            for name, data in plain.items()
        ]
        self.registry: SchemaRegistry[Any] = SchemaRegistry().with_resources(resources)
        self._class = validator_class(context)
        self._validators: dict[str, Any] = {}

    def _validator(self, schema_name: str) -> Any:
        """The collection schema's validator, minus its top-level `unevaluatedProperties`:
        `check` reports unknown top-level fields itself (with suggestions), and that one
        keyword was nearly half of all validation time (jsonschema re-walks every subschema
        for it on every record)."""
        if schema_name not in self._validators:
            root = {k: v for k, v in self.schemas.root(schema_name).items() if k != "$schema"}
            root.pop("unevaluatedProperties", None)
            root.setdefault("$id", schema_name)
            self._validators[schema_name] = self._class(
                root,
                registry=self.registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
        return self._validators[schema_name]

    def check(
        self, schema_name: str, source: Source, ref: str, folder: Path | None
    ) -> list[Problem]:
        """Every schema problem of one record, with lines pointing at the offending keys."""
        self.context.record_ref, self.context.folder = ref, folder
        problems: list[Problem] = []
        known = self.schemas.known_fields(schema_name)
        for key in source.fields:
            if key not in known:
                problems.append(
                    Problem(
                        source.path, source.line_of(key), key, self.messages.unknown(key, known)
                    )
                )
        # A misspelt required field is reported once, as the typo, not also as missing.
        misspelt = {
            match
            for key in source.fields
            if key not in known
            for match in difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        }
        for error in self._validator(schema_name).iter_errors(source.fields):
            problems.extend(
                problem
                for problem in self.messages.problems(error, source, schema_name)
                if not (
                    problem.field in misspelt
                    and problem.message.startswith("required field is missing")
                )
            )
        return problems
