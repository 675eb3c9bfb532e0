"""What the collections in `mkdocs.yml` need of the project: a schema file each, and every
vocabulary and the organisations list their schemas name.

Checked once per build rather than per record: a vocabulary missing from the data file
would otherwise show as "unknown value" on every record that uses it, pointing at the
records instead of at the one line to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from legacy_archive.core.common.problems import Problem, did_you_mean
from legacy_archive.core.common.textfile import read_text
from legacy_archive.core.common.yamlpos import Path as KeyPath
from legacy_archive.core.common.yamlpos import field_name, positions_of
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.keywords import ORGANISATION, VOCABULARY


def missing_schemas(
    settings: ProjectSettings, schemas: dict[str, Any], found: list[Problem]
) -> list[Problem]:
    """A problem at the collection's line in mkdocs.yml for each schema file that is not
    there (one that is there but invalid is already reported at its own line)."""
    lines, folder = settings.lines, settings.schemas_dir
    reported = {p.path for p in found}
    problems = []
    for index, spec in enumerate(settings.collections):
        path = f"{folder}/{spec.schema}"
        if spec.schema in schemas or path in reported:
            continue
        key = ("collections", index, "schema")
        if (settings.root / path).is_file():
            what = f"{path} is not read (expected a JSON Schema file whose name ends in .json)"
        else:
            what = (
                f"{path} not found (expected a JSON Schema for the collection '{spec.name}' in "
                f"{folder}/; copy one there and adapt it)"
            )
        problems.append(Problem(lines.file, lines.line_of(*key), lines.field(*key), what))
    return problems


def missing_vocabularies(
    settings: ProjectSettings, schemas: dict[str, Any], registry: Registry
) -> list[Problem]:
    """A problem at its line for every `x-vocabulary` the data file does not define, and
    every `x-organisation` when the data file has no organisations list."""
    data_file = settings.data_file
    vocabularies = sorted(registry.vocabularies)
    problems = []
    for name in sorted(schemas):
        for key, keyword, value in _named(schemas[name], ()):
            if keyword == VOCABULARY and isinstance(value, str) and value not in vocabularies:
                where = (
                    f"one of the vocabularies it defines: {', '.join(vocabularies)}"
                    f"{did_you_mean(value, vocabularies)}"
                    if vocabularies
                    else f"'{value}' under vocabularies: in {data_file}"
                )
                what = f"vocabulary '{value}' is not in {data_file} (expected {where})"
            elif keyword == ORGANISATION and value is True and not registry.lists_organisations:
                what = (
                    f"the field takes organisation ids but {data_file} has no organisations list "
                    f"(expected 'organisations:' in {data_file}, or no {ORGANISATION} here)"
                )
            else:
                continue
            path = f"{settings.schemas_dir}/{name}"
            problems.append(Problem(path, _line(settings, path, key), field_name(key, False), what))
    return problems


def _named(schema: Any, key: KeyPath) -> Iterator[tuple[KeyPath, str, Any]]:
    """(key path, keyword, value) of every `x-vocabulary` and `x-organisation` in a schema."""
    if isinstance(schema, dict):
        for name, value in schema.items():
            if name in (VOCABULARY, ORGANISATION):
                yield (*key, name), name, value
            else:
                yield from _named(value, (*key, name))
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _named(item, (*key, index))


def _line(settings: ProjectSettings, path: str, key: KeyPath) -> int:
    """The line of a key in a schema file (JSON reads as YAML, which keeps positions)."""
    text, _ = read_text(path, settings.root / path)
    return positions_of(text).line_of(key) if text is not None else 1
