"""The editing forms at `/admin/`: a Decap CMS (or Sveltia CMS) configuration from the schemas.

Both CMSs read the same `config.yml`. Every collection becomes a folder collection, every
field a form widget with its help text, required flag and allowed values, so editors who
never touch YAML fill in a form, and saving opens a pull request (editorial workflow) that
the same checks as any other pull request then look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml

from legacy_archive.core.config.settings import CollectionSpec, ProjectSettings
from legacy_archive.core.emit.csp import policy
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.fields import (
    CollectionFields,
    FieldSpec,
    allowed_values,
    collection_fields,
    field_help,
)
from legacy_archive.core.validate.schema.load import load_schemas

CMS_SCRIPT = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"
"""The CMS's official CDN build, pinned so the forms do not change under the editors."""
CMS_SCRIPT_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
"""Subresource Integrity of `CMS_SCRIPT` (the npm package's `dist/decap-cms.js`, checked
by a test against `node_modules`): a changed file on the CDN is refused by the browser."""
ADMIN_SOURCES = {
    "connect-src": "https://api.github.com",
    "img-src": "blob: https://*.githubusercontent.com",
}
"""What the form editor reaches besides the site: GitHub's API and its images."""

DATE_REGEX = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
LONG_TEXT = ("summary", "transcript", "quote")


@dataclass(frozen=True)
class CmsOptions:
    """Where saved records go: the GitHub repository, its branch and the OAuth helper."""

    repo: str = ""
    branch: str = "main"
    backend: str = "github"
    base_url: str = ""
    """Address of the OAuth helper that lets editors log in with GitHub (see CONTRIBUTING)."""
    site_url: str = ""
    media_folder: str = "content/assets/uploads"
    public_folder: str = "/assets/uploads"


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _options(values: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": f"{label} ({value})", "value": value} for value, label in values]


def widget(
    spec: FieldSpec, registry: Registry, record_options: list[dict[str, str]]
) -> dict[str, Any]:
    """One field as a CMS widget: its kind, required flag, help text and allowed values.

    `record_options` is the one list of every record that each record field shares: the
    YAML then holds it once, under an anchor, instead of once per collection."""
    out: dict[str, Any] = {"label": _label(spec.name), "name": spec.name}
    item = spec.item
    values = allowed_values(spec, registry)
    options = record_options if spec.record and record_options else _options(values)
    if options:
        out |= {"widget": "select", "options": options}
        if spec.kind == "list":
            out["multiple"] = True
            if spec.min_items:
                out["min"] = spec.min_items
    elif spec.kind == "boolean":
        out |= {"widget": "boolean", "default": False}
    elif spec.kind in ("integer", "number"):
        out |= {"widget": "number", "value_type": "int" if spec.kind == "integer" else "float"}
        out |= {k: v for k, v in (("min", spec.minimum), ("max", spec.maximum)) if v is not None}
    elif spec.kind == "object":
        out |= {
            "widget": "object",
            "collapsed": not spec.required,
            "fields": [widget(sub, registry, record_options) for sub in spec.fields],
        }
    elif spec.kind == "list" and item is not None and item.kind == "object":
        out |= {
            "widget": "list",
            "fields": [widget(sub, registry, record_options) for sub in item.fields],
        }
    elif spec.kind == "list":
        one = widget(item, registry, record_options) if item is not None else {"widget": "string"}
        one |= {"label": _label(spec.name), "name": spec.name}
        out |= {"widget": "list", "field": one}
    else:
        long = spec.name in LONG_TEXT or spec.max_length > 150 or spec.min_length >= 20
        out["widget"] = "text" if long else "string"
        if spec.date:
            out["pattern"] = [DATE_REGEX, "a date like 2021-06-30, 2021-06 or 2021"]
        elif spec.link:
            out["pattern"] = ["^(https?://|mailto:)", "a web address starting with https://"]
    out["required"] = spec.required
    # A select shows its allowed values itself; the hint only says what goes there.
    out["hint"] = spec.description if options else field_help(spec, registry, with_required=False)
    if spec.alternatives and not spec.required:
        others = " or ".join(f"'{_label(n)}'" for n in spec.alternatives)
        out["hint"] = out["hint"].rstrip(".") + f". Required unless {others} is filled in."
    return out


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
    """The whole CMS configuration; `records` are `(ref, label)` pairs for `related`."""
    backend: dict[str, Any] = {"name": options.backend, "branch": options.branch}
    if options.repo:
        backend["repo"] = options.repo
    if options.base_url:
        backend["base_url"] = options.base_url
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": options.media_folder,
        "public_folder": options.public_folder,
    }
    if options.site_url:
        config |= {"site_url": options.site_url, "display_url": options.site_url}
    record_options = _options(records)
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


_PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{{ policy }}">
  <title>Edit {{ site_name }}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript>The editing forms need JavaScript. You can also edit records on GitHub.</noscript>
  <script src="{{ script }}"{% if integrity %} integrity="{{ integrity }}" crossorigin="anonymous"{% endif %}></script>
</body>
</html>
"""
)


def admin_page(
    site_name: str, script: str = CMS_SCRIPT, integrity: str | None = None, auth_url: str = ""
) -> str:
    """The `/admin/` page: it loads the CMS, which reads `config.yml` beside it.

    Its Content-Security-Policy lets scripts come only from the site and the CMS's own
    folder on its CDN, and lets the page talk only to GitHub (and the OAuth helper, when
    there is one). `integrity` defaults to the pinned build's hash for the default script."""
    if integrity is None:
        integrity = CMS_SCRIPT_INTEGRITY if script == CMS_SCRIPT else ""
    folder = script.split("?", 1)[0].rsplit("/", 1)[0] + "/" if "://" in script else ""
    extra = dict(ADMIN_SOURCES)
    # Decap compiles its configuration's schema with `new Function` (ajv): 'unsafe-eval'
    # on this page only; inline scripts and handlers stay refused.
    extra["script-src"] = f"{folder} 'unsafe-eval'".strip()
    if folder:
        extra["style-src"] = folder
    if auth_url:
        extra["connect-src"] += " " + auth_url
    return _PAGE.render(
        site_name=site_name,
        script=script,
        integrity=integrity,
        policy=policy(extra=extra, wasm=False),
    )


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
