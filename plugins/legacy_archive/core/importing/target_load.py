"""The archive an import writes into, read through the engine's own loaders (settings, data
file, schemas), so the mapping is checked against what `archive check` checks records by."""

from __future__ import annotations

from pathlib import Path

from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.importing.target import TargetArchive
from legacy_archive.core.load.vocabulary import load_registry
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.load import load_schemas
from legacy_archive.core.validate.schema.resolve import SchemaSet


def read_target(config_file: Path) -> tuple[TargetArchive | None, list[str]]:
    """The archive behind an mkdocs.yml, or the problems that keep it from being read."""
    settings, errors = read_settings(config_file)
    if settings is None or errors:
        return None, errors or [f"{config_file}:1: file: cannot be read (expected mkdocs.yml)"]
    root = settings.root
    registry, found = load_registry(settings.data_file, root / settings.data_file, root)
    schemas, schema_problems = load_schemas(root / settings.schemas_dir)
    problems = [str(p) for p in [*found, *schema_problems]]
    if problems:
        return None, problems
    return TargetArchive(settings, registry, FieldViews(SchemaSet(schemas))), []
