"""Reading a project's schema files: the one place they are loaded, for every caller."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.validate.schema.extensions import check_extensions
from legacy_archive.core.validate.schema.resolve import SchemaSet

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
    texts: dict[str, str] = {}
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
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    rel,
                    1,
                    "schema",
                    f"got {type(data).__name__} (expected a JSON object: a JSON Schema)",
                )
            )
            continue
        schemas[file.name] = data
        texts[file.name] = text
    problems += check_extensions(texts, SchemaSet(schemas), directory.name)
    return schemas, problems
