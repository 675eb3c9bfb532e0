"""Schema errors as problems: `file:line: field: message (expected ...)`.

jsonschema's own messages speak of instances and validators; editors need to hear what
they wrote, what goes there instead (the field's `x-expected` or `description`) and,
for a near miss, what they probably meant.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from legacy_archive.core.common.problems import Problem, did_you_mean, one_of
from legacy_archive.core.common.yamlpos import field_name
from legacy_archive.core.load.source import Source
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.keywords import EXPECTED


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a set of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


class SchemaMessages:
    """Words for one project's schema errors, with what each field expects (its `FieldSpec`)."""

    def __init__(self, fields: FieldViews) -> None:
        self.fields = fields

    @staticmethod
    def unknown(key: str, known: set[str]) -> str:
        names = sorted(known)
        return f"unknown field (expected {one_of(names, limit=40)}{did_you_mean(key, names)})"

    def expected(self, schema_name: str, path: tuple[Any, ...], schema: dict[str, Any]) -> str:
        """What goes at `path`: the failing subschema's `x-expected`, else the field's."""
        text = schema.get(EXPECTED) or self._field_expected(schema_name, path)
        return str(text).rstrip(".")

    def _field_expected(self, schema_name: str, path: tuple[Any, ...]) -> str:
        if not path:
            record = self.fields.collection(schema_name, schema_name)
            return record.expected or record.description
        spec = self.fields.at(schema_name, path)
        return (spec.expected or spec.description) if spec is not None else ""

    def problems(
        self, error: ValidationError, source: Source, schema_name: str
    ) -> Iterator[Problem]:
        path = tuple(error.absolute_path)
        name = field_name(path, drop_index=not isinstance(error.instance, dict))
        kind = error.validator
        if kind in ("unevaluatedProperties", "additionalProperties") and not path:
            return  # top-level unknown fields are reported with suggestions in `check`
        if kind == "required":
            for missing in error.validator_value:
                if isinstance(error.instance, dict) and missing not in error.instance:
                    field_path = (*path, missing)
                    expected = self.expected(schema_name, field_path, {}) or "a value"
                    line = source.line_of(*path) if path else 1
                    yield Problem(
                        source.path,
                        line,
                        field_name(field_path),
                        f"required field is missing (expected {expected})",
                    )
            return
        if kind == "dependentRequired":
            for trigger, needed in error.validator_value.items():
                if isinstance(error.instance, dict) and trigger in error.instance:
                    for missing in needed:
                        if missing not in error.instance:
                            field_path = (*path, missing)
                            expected = self.expected(schema_name, field_path, {}) or "a value"
                            yield Problem(
                                source.path,
                                source.line_of(*path, trigger),
                                field_name(field_path),
                                f"required when '{trigger}' is given (expected {expected})",
                            )
            return
        line = source.line_of(*path) if path else 1
        where = name or "front matter"
        alternatives = self._required_alternatives(error)
        if alternatives and isinstance(error.instance, dict):
            expected = self.expected(schema_name, path, error.schema)
            given = [key for key in alternatives if key in error.instance]
            if not given:
                missing = field_name((*path, alternatives[0]))
                yield Problem(
                    source.path, line, missing, f"required field is missing (expected {expected})"
                )
            else:
                both = " and ".join(f"'{key}'" for key in given)
                yield Problem(source.path, line, where, f"gives {both} (expected {expected})")
            return
        if kind in ("additionalProperties", "unevaluatedProperties"):
            allowed = sorted(error.schema.get("properties", {}))
            for key in error.instance if isinstance(error.instance, dict) else []:
                if key not in allowed:
                    hint = did_you_mean(str(key), allowed)
                    yield Problem(
                        source.path,
                        source.line_of(*path, key),
                        field_name((*path, key)),
                        f"unknown field (expected {one_of(allowed)}{hint})",
                    )
            return
        message = self._message(error, schema_name, path)
        yield Problem(source.path, line, where, message)

    @staticmethod
    def _required_alternatives(error: ValidationError) -> list[str]:
        """Field names of a `oneOf`/`anyOf` whose branches only say which field is required."""
        if error.validator not in ("oneOf", "anyOf") or not isinstance(error.validator_value, list):
            return []
        names = []
        for branch in error.validator_value:
            if (
                not isinstance(branch, dict)
                or set(branch) != {"required"}
                or len(branch["required"]) != 1
            ):
                return []
            names.append(str(branch["required"][0]))
        return names

    def _message(self, error: ValidationError, schema_name: str, path: tuple[Any, ...]) -> str:
        kind, value, instance = error.validator, error.validator_value, error.instance
        expected = self.expected(
            schema_name, path, error.schema if isinstance(error.schema, dict) else {}
        )
        if str(kind).startswith("x-"):
            return str(error.message)
        if kind == "type":
            wanted = value if isinstance(value, list) else [value]
            words = " or ".join(_TYPE_WORDS.get(str(w), str(w)) for w in wanted)
            hint = ""
            if "array" in wanted and isinstance(instance, str):
                hint = f"; write it as a list: [{instance}]"
            elif "string" in wanted and isinstance(instance, (bool, int, float)):
                hint = "; put the value in quotes"
            return f"got {_type_name(instance)} (expected {words}{hint})"
        if kind == "enum":
            choices = [str(c) for c in value]
            return f"unknown value '{instance}' (expected {one_of(choices)}{did_you_mean(str(instance), choices)})"
        if kind == "const":
            return f"must be {value!r} (got {instance!r})"
        if kind == "minLength":
            return (
                "is empty (expected " + (expected or "some text") + ")"
                if value <= 1
                else f"is {len(instance)} characters long (expected at least {value})"
            )
        if kind == "maxLength":
            return f"is {len(instance)} characters long (expected at most {value}{'; ' + expected if expected else ''})"
        if kind == "minItems":
            return (
                "list is empty (expected " + (expected or f"at least {value} item") + ")"
                if not instance
                else f"has {len(instance)} items (expected at least {value})"
            )
        if kind == "maxItems":
            return f"has {len(instance)} items (expected at most {value})"
        if kind == "uniqueItems":
            counts = Counter(json.dumps(item) for item in instance)
            dupes = [item for item, count in counts.items() if count > 1]
            return f"lists {', '.join(dupes)} more than once (expected each value once)"
        if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bounds = {
                "minimum": "at least",
                "maximum": "at most",
                "exclusiveMinimum": "more than",
                "exclusiveMaximum": "less than",
            }
            return f"{instance} is out of range (expected {bounds[kind]} {value})"
        if kind == "pattern":
            return f"'{instance}' does not match the expected form (expected {expected or 'text matching ' + value})"
        if kind == "format":
            return (
                f"'{instance}' is not a valid {value} (expected {expected or 'a valid ' + value})"
            )
        if kind in ("oneOf", "anyOf"):
            return f"does not fit (expected {expected or 'one of the allowed forms'})"
        if kind == "not":
            return f"'{instance}' is not allowed here (expected {expected or 'something else'})"
        return f"{error.message} (expected {expected or 'a value matching the schema'})"
