"""Check records against their collection's JSON Schema and turn errors into `Problem`s.

Schemas are declarative and engine-free; they use a few `x-` keywords for what JSON Schema
cannot know on its own: vocabulary ids (`x-vocabulary`), organisation ids
(`x-organisation`), references to other records (`x-record`), attachments beside the record
(`x-attachment`), web links (`x-link`) and partial ISO dates (`x-date`). Each property's
`description` doubles as the "expected" part of a message.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry as SchemaRegistry
from referencing import Resource
from referencing.jsonschema import DRAFT202012

from legacy_archive.core.common.problems import Problem, did_you_mean, one_of
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.common.yamlpos import field_name
from legacy_archive.core.load.source import Source
from legacy_archive.core.load.vocabulary import Registry

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str) -> str | None:
    """Return why `value` is not a YYYY, YYYY-MM or YYYY-MM-DD date, or None if it is."""
    match = DATE_PATTERN.match(value)
    if not match:
        return f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, like 2021-06-30)"
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f"'{value}' has no month {month} (expected a month from 01 to 12)"
    if day is not None and month is not None and year is not None:
        import calendar

        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"'{value}' has no day {day} (expected a day from 01 to {last:02d})"
    return None


def check_attachment(value: str, folder: Path | None, collection: str, slug: str) -> str | None:
    """Return why `value` is not an existing file inside the record's own folder."""
    if folder is None:
        return (
            f"'{value}' cannot be attached to a single-file record (expected the record as "
            f"{collection}/{slug}/index.md with '{value}' beside it)"
        )
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or "\\" in value:
        return f"'{value}' is not a path inside the record's folder (expected a file name like 'handout.pdf')"
    target = (folder / value).resolve()
    if _through_link(folder, value):
        return f"'{value}' is a symbolic link (expected a real file in {collection}/{slug}/: links are never published)"
    if not target.is_relative_to(folder.resolve()):
        return f"'{value}' leaves the record's folder (expected a file inside {collection}/{slug}/)"
    if not target.is_file():
        return f"file '{value}' does not exist (expected it in {collection}/{slug}/)"
    return None


def _through_link(folder: Path, value: str) -> bool:
    """Whether any part of `folder/value` below `folder` is a symbolic link."""
    current = folder
    for part in Path(value).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


@dataclass
class CheckContext:
    """What the `x-` keywords need to know; `record` is set before each record is checked."""

    registry: Registry
    refs: dict[str, bool] = field(default_factory=dict)
    """Every record reference (`courses/intro`) mapped to whether it is a draft."""
    record_ref: str = ""
    folder: Path | None = None


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


def _make_validator_class(context: CheckContext) -> type[Any]:
    """Draft 2020-12 plus our `x-` keywords, bound to this run's context."""

    def vocabulary(_v: Any, name: str, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if not isinstance(instance, str):
            return
        vocab = context.registry.vocabulary(name)
        if instance not in vocab.terms:
            ids = list(vocab.terms)
            yield ValidationError(
                f"unknown value '{instance}' (expected {one_of(ids)}{did_you_mean(instance, ids)})"
            )

    def organisation(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and instance not in context.registry.organisations:
            ids = list(context.registry.organisations)
            yield ValidationError(
                f"unknown organisation '{instance}' (expected an id from the organisations list in the data file"
                f"{did_you_mean(instance, ids)})"
            )

    def record(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if not enabled or not isinstance(instance, str):
            return
        if instance == context.record_ref:
            yield ValidationError(
                f"'{instance}' refers to this record itself (expected another record)"
            )
        elif instance not in context.refs:
            hint = did_you_mean(instance, [r for r in context.refs if r != context.record_ref])
            yield ValidationError(
                f"no record '{instance}' (expected '<collection>/<slug>' of an existing record{hint})"
            )
        elif context.refs[instance]:
            yield ValidationError(
                f"'{instance}' is a draft and will not be published (expected a published record)"
            )

    def attachment(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str):
            collection, _, slug = context.record_ref.partition("/")
            if (why := check_attachment(instance, context.folder, collection, slug)) is not None:
                yield ValidationError(why)

    def link(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and (why := check_link(instance)) is not None:
            yield ValidationError(why)

    def date(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and (why := check_date(instance)) is not None:
            yield ValidationError(why)

    validator_class: type[Any] = jsonschema.validators.extend(
        Draft202012Validator,
        {
            "x-vocabulary": vocabulary,
            "x-organisation": organisation,
            "x-record": record,
            "x-attachment": attachment,
            "x-link": link,
            "x-date": date,
        },
    )
    return validator_class


_VALID_SCHEMAS: set[str] = set()
"""Digests of schema texts found valid in this process: checking a schema against the
meta-schema costs ~0.1 s a build, paid again on every `mkdocs serve` rebuild."""


def _check_schema(text: str, data: Any) -> None:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    if digest not in _VALID_SCHEMAS:
        Draft202012Validator.check_schema(data)
        _VALID_SCHEMAS.add(digest)


def load_schemas(directory: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Read every `*.json` schema in `directory`, keyed by file name."""
    schemas: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for file in sorted(directory.glob("*.json")):
        rel = f"{directory.name}/{file.name}"
        try:
            text = file.read_text(encoding="utf-8")
            data = json.loads(text)
            _check_schema(text, data)
        except (OSError, UnicodeDecodeError) as error:
            problems.append(
                Problem(rel, 1, "schema", f"cannot be read: {error} (expected a UTF-8 JSON file)")
            )
            continue
        except json.JSONDecodeError as error:
            problems.append(
                Problem(
                    rel,
                    error.lineno,
                    "schema",
                    f"invalid JSON: {error.msg} (expected a JSON Schema)",
                )
            )
            continue
        except jsonschema.SchemaError as error:
            where = ".".join(str(p) for p in error.absolute_path) or "schema"
            problems.append(
                Problem(
                    rel, 1, where, f"{error.message} (expected a valid JSON Schema, draft 2020-12)"
                )
            )
            continue
        schemas[file.name] = data
    return schemas, problems


class SchemaChecker:
    """Validates records of every collection against their schemas in one run."""

    def __init__(self, schemas: dict[str, dict[str, Any]], context: CheckContext) -> None:
        self.schemas = schemas
        self.context = context
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
        self._class = _make_validator_class(context)
        self._validators: dict[str, Any] = {}
        self._known: dict[str, set[str]] = {}
        self._properties: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}

    def _expand(self, schema: dict[str, Any], base: str) -> list[tuple[dict[str, Any], str]]:
        """A subschema plus everything it pulls in through `$ref` and `allOf`."""
        out = [(schema, base)]
        ref = schema.get("$ref")
        if isinstance(ref, str):
            file, _, pointer = ref.partition("#")
            file = file or base
            target: Any = self.schemas.get(file, {})
            for part in (p for p in pointer.split("/") if p):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            out += self._expand(target if isinstance(target, dict) else {}, file)
        for sub in schema.get("allOf", []):
            out += self._expand(sub, base)
        return out

    def known_fields(self, schema_name: str) -> set[str]:
        """Top-level fields a collection allows: its own properties and those it refers to."""
        if schema_name not in self._known:
            expanded = self._expand(self.schemas.get(schema_name, {}), schema_name)
            self._known[schema_name] = {
                name for schema, _ in expanded for name in schema.get("properties", {})
            }
        return self._known[schema_name]

    def property_schema(self, schema_name: str, path: tuple[Any, ...]) -> dict[str, Any]:
        """The subschema describing `path` (following refs, `allOf` and `items`), or {}."""
        key = (schema_name, tuple(0 if isinstance(part, int) else part for part in path))
        if key not in self._properties:
            self._properties[key] = self._find_property_schema(schema_name, key[1])
        return self._properties[key]

    def _find_property_schema(self, schema_name: str, path: tuple[Any, ...]) -> dict[str, Any]:
        candidates = [(self.schemas.get(schema_name, {}), schema_name)]
        for part in path:
            found: list[tuple[dict[str, Any], str]] = []
            for schema, base in (pair for c, b in candidates for pair in self._expand(c, b)):
                if isinstance(part, int) and isinstance(schema.get("items"), dict):
                    found.append((schema["items"], base))
                elif isinstance(part, str) and part in schema.get("properties", {}):
                    found.append((schema["properties"][part], base))
            candidates = found
        merged: dict[str, Any] = {}
        for schema, _ in reversed([pair for c, b in candidates for pair in self._expand(c, b)]):
            merged.update(schema)
        return merged

    def _validator(self, schema_name: str) -> Any:
        """The collection schema's validator, minus its top-level `unevaluatedProperties`:
        `check` reports unknown top-level fields itself (with suggestions), and that one
        keyword was nearly half of all validation time (jsonschema re-walks every subschema
        for it on every record)."""
        if schema_name not in self._validators:
            root = {k: v for k, v in self.schemas.get(schema_name, {}).items() if k != "$schema"}
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
        known = self.known_fields(schema_name)
        for key in source.fields:
            if key not in known:
                problems.append(
                    Problem(source.path, source.line_of(key), key, self._unknown(key, known))
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
                for problem in self._to_problems(error, source, schema_name)
                if not (
                    problem.field in misspelt
                    and problem.message.startswith("required field is missing")
                )
            )
        return problems

    @staticmethod
    def _unknown(key: str, known: set[str]) -> str:
        names = sorted(known)
        return f"unknown field (expected {one_of(names, limit=40)}{did_you_mean(key, names)})"

    def _expected(self, schema_name: str, path: tuple[Any, ...], schema: dict[str, Any]) -> str:
        text = schema.get("x-expected") or self.property_schema(schema_name, path).get("x-expected")
        if not text:
            text = self.property_schema(schema_name, path).get("description", "")
        return str(text).rstrip(".")

    def _to_problems(
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
                    expected = self._expected(schema_name, field_path, {}) or "a value"
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
                            expected = self._expected(schema_name, field_path, {}) or "a value"
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
            expected = self._expected(schema_name, path, error.schema)
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
        expected = self._expected(
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
