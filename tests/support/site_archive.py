"""The fixture archive the site-level tests build (`SITE`), loaded as the build sees it."""

from __future__ import annotations

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.load import load_schemas
from legacy_archive.core.validate.schema.resolve import SchemaSet
from support.paths import SITE


def site_archive() -> Archive:
    """The model of `SITE`, records included; its settings must read cleanly."""
    settings, errors = read_settings(SITE / "mkdocs.yml")
    assert settings is not None and not errors, errors
    return load_archive(settings).archive


def field_views(archive: Archive) -> FieldViews:
    """The archive's fields as its schemas declare them."""
    settings = archive.settings
    schemas, _ = load_schemas(settings.root / settings.schemas_dir)
    return FieldViews(SchemaSet(schemas))
