"""Checks of the `x-` keywords a project's schemas write, before any record is read.

JSON Schema ignores keywords it does not know, so a misspelt `x-vocabluary` or an
`x-schema-org` of the wrong shape would silently do nothing; here each is a message with
its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from legacy_archive.core.common.problems import Problem, did_you_mean
from legacy_archive.core.validate.schema.keywords import (
    ATTACHMENT,
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
    FIELD_OPTIONS,
    TYPE_NAME,
    read_property,
    read_top_properties,
)

FLAGS = (ORGANISATION, RECORD, ATTACHMENT, LINK, DATE)
TEXTS = (VOCABULARY, EXPECTED)
KNOWN = (*TEXTS, *FLAGS, SCHEMA_ORG, SCHEMA_ORG_PROPERTIES)
NAME_MAPS = ("properties", "$defs", "patternProperties", "dependentRequired", "dependentSchemas")
"""Keywords whose keys are names chosen by the schema's author, not keywords."""
DATA = ("enum", "const", "examples", "default")

Path = tuple[str, ...]


def _keywords(schema: Any, path: Path) -> Iterator[tuple[Path, str, Any]]:
    """Every `x-` keyword below `schema` with its path, not looking inside data values."""
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _keywords(item, (*path, str(index)))
        return
    if not isinstance(schema, dict):
        return
    names = path[-1] in NAME_MAPS if path else False
    for key, value in schema.items():
        key = str(key)
        if not names and key.startswith("x-"):
            yield path, key, value
        elif names or key not in DATA:
            yield from _keywords(value, (*path, key))


def line_of(text: str, path: Path) -> int:
    """Line of the key at `path`, found by reading its parents' keys in order."""
    offset = 0
    for part in path:
        if part.isdigit():
            continue
        found = re.compile(re.escape(f'"{part}"') + r"\s*:").search(text, offset)
        if found is None:
            break
        offset = found.start()
    return text.count("\n", 0, offset) + 1


def _value_error(key: str, value: Any, at_top: bool, fields: list[str]) -> list[tuple[Path, str]]:
    if key in FLAGS and not isinstance(value, bool):
        return [((), f"got {value!r} (expected true or false)")]
    if key in TEXTS and (not isinstance(value, str) or not value):
        return [((), f"got {value!r} (expected text)")]
    if key == SCHEMA_ORG and at_top:
        if not isinstance(value, str) or not TYPE_NAME.match(value):
            return [((), f"'{value}' is not a schema.org type (expected a name like 'Course')")]
        return []
    if key == SCHEMA_ORG:
        return read_property(value, "", FIELD_OPTIONS, None)[1]
    if key == SCHEMA_ORG_PROPERTIES:
        if not at_top:
            return [
                (
                    (),
                    "is inside a field (expected it at the schema's top, beside the collection's type)",
                )
            ]
        return read_top_properties(value, fields)[1]
    return []


def check_extensions(texts: dict[str, str], schemas: SchemaSet, folder: str) -> list[Problem]:
    """Every unknown `x-` keyword and every wrong value of a known one, in every file."""
    problems = []
    for name, text in texts.items():
        fields = sorted(schemas.known_fields(name))
        for path, key, value in _keywords(schemas.root(name), ()):
            where = (*path, key)
            found: list[tuple[Path, str]]
            if key not in KNOWN:
                message = f"unknown keyword (expected one of: {', '.join(KNOWN)}{did_you_mean(key, KNOWN)})"
                found = [((), message)]
            else:
                found = _value_error(key, value, not path, fields)
            for below, message in found:
                full = (*where, *below)
                problems.append(
                    Problem(f"{folder}/{name}", line_of(text, full), ".".join(full), message)
                )
    return problems
