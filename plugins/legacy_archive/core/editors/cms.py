"""The editing forms at `/admin/`: the Sveltia CMS configuration, generated from the schemas.

Every collection becomes a folder collection, every field a form widget (`widgets`), so
editors who never touch YAML fill in a form whose rules are the ones `archive check`
applies. Saving opens a pull request per record (editorial workflow), which the same
checks as any other pull request look at. The CMS itself ships with the engine, pinned
(`vendored`), and is loaded by the page `admin_page` writes: no CDN, no npm, no server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from legacy_archive.core.config.settings import CollectionSpec, ProjectSettings
from legacy_archive.core.editors.widgets import choices, widget
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.fields import CollectionFields, collection_fields
from legacy_archive.core.validate.schema.load import load_schemas


@dataclass(frozen=True)
class CmsOptions:
    """Where saved records go: the GitHub repository, its branch and how editors sign in."""

    repo: str = ""
    branch: str = "main"
    backend: str = "github"
    base_url: str = ""
    """Address of an OAuth helper, for organisations that want "Sign in with GitHub"; without
    one, editors sign in with a personal access token (no server at all)."""
    site_url: str = ""
    media_folder: str = "content/assets/uploads"
    public_folder: str = "/assets/uploads"


def collection(
    spec: CollectionSpec,
    fields: CollectionFields,
    registry: Registry,
    record_options: list[dict[str, str]],
) -> dict[str, Any]:
    """A folder collection whose saved entries are records `archive check` accepts."""
    return {
        "name": spec.name,
        "label": spec.title,
        "label_singular": spec.singular,
        "description": " ".join(spec.description.split()),
        "folder": spec.directory,
        "create": True,
        "slug": "{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "summary": "{{title}} ({{date}})",
        "sortable_fields": ["title", "date"],
        "fields": [
            *(widget(field, registry, record_options) for field in fields.fields),
            {"label": "Text", "name": "body", "widget": "markdown", "required": False},
        ],
    }


def cms_config(
    collections: Sequence[tuple[CollectionSpec, CollectionFields]],
    registry: Registry,
    options: CmsOptions,
    records: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The whole CMS configuration; `records` are `(ref, label)` pairs for `related`.

    Without an OAuth helper (`base_url`), the sign-in page offers only the token: a
    button that sends editors to a helper that does not exist would be a dead end."""
    backend: dict[str, Any] = {"name": options.backend, "branch": options.branch}
    if options.repo:
        backend["repo"] = options.repo
    if options.backend == "github":
        backend["auth_methods"] = ["oauth", "token"] if options.base_url else ["token"]
    if options.base_url:
        backend["base_url"] = options.base_url
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": options.media_folder,
        "public_folder": options.public_folder,
        # An empty optional field is left out of the record, as `archive new` leaves it
        # commented out: `date: ''` would be a problem, a missing optional date is not.
        "output": {"omit_empty_optional_fields": True},
    }
    if options.site_url:
        config |= {"site_url": options.site_url, "display_url": options.site_url}
    record_options = choices(records)
    config["collections"] = [
        collection(spec, fields, registry, record_options) for spec, fields in collections
    ]
    return config


def config_yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML, with a header saying where it comes from."""
    header = (
        "# Generated from the collection schemas and data/archive.yml at build time:\n"
        "# change those, not this file.\n"
    )
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: 10x faster at 10,000 records
    # Every record field shares one list of every record, so the YAML holds it once under
    # an anchor (`&id001`) and refers to it elsewhere (`*id001`): at 10,000 records the
    # file is 1.3 MB instead of 10 MB, and dumping it takes a quarter of the time.
    text = yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + text


def project_config(
    settings: ProjectSettings,
    registry: Registry,
    options: CmsOptions,
    records: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The CMS configuration of a project, from its settings, schemas and vocabularies."""
    schemas, _ = load_schemas(settings.root / settings.schemas_dir)
    pairs = [
        (spec, collection_fields(schemas, spec.schema, spec.name, spec.singular))
        for spec in settings.collections
    ]
    return cms_config(pairs, registry, options, records)
