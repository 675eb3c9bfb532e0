"""Write a new archive project: settings, collections, pages, workflows, from the facts alone.

The project holds only what is the archive's own (its settings, schemas, templates,
vocabularies, pages and records); the engine, its theme and its tests stay in the installed
package, so an engine fix reaches every archive by changing one pinned version. Nothing
is ever overwritten: the target must be new or empty.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from legacy_archive.core.load.records import slugify
from legacy_archive.core.publish.ledger_file import write_ledger
from legacy_archive.core.starter.facts import ArchiveFacts
from legacy_archive.core.starter.presets import BLANK, STARTER_FILES, read_preset, titled

PROJECT_FILES = STARTER_FILES / "project"
BASE_SCHEMA = STARTER_FILES / "record.schema.json"

BASE_VOCABULARIES: dict[str, Any] = {
    "subjects": {
        "label": "Subjects",
        "terms": [{"id": "general", "label": "General"}],
    },
    "audiences": {
        "label": "Audiences",
        "terms": [
            {"id": "educators", "label": "Educators"},
            {"id": "learners", "label": "Learners"},
        ],
    },
    "licences": {
        "label": "Licences",
        "terms": [
            {
                "id": "cc-by-4.0",
                "label": "Creative Commons Attribution 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
            },
            {
                "id": "cc-by-sa-4.0",
                "label": "Creative Commons Attribution-ShareAlike 4.0",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            },
            {
                "id": "cc-by-nc-sa-4.0",
                "label": "Creative Commons Attribution-NonCommercial-ShareAlike 4.0",
                "url": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            },
            {
                "id": "ogl-3.0",
                "label": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
            {"id": "all-rights-reserved", "label": "All rights reserved"},
        ],
    },
}
"""Vocabularies every record may use: starter terms, to be replaced with the archive's own."""

DATA_HEADER = """\
# Vocabularies and organisations that records refer to by id.
# Change a label here and every page, filter and export follows.
# Ids: lowercase words joined by hyphens. Never reuse or rename an id that records use.
# The terms below are a start: replace them with the programme's own.

"""

CONFIG_HEADER = """\
# The archive's settings: the site, the programme's facts and its collections.
# Written by `archive init`; every option is described in the engine's README.

"""


@dataclass(frozen=True)
class Collection:
    """A collection as the project files describe it."""

    name: str
    title: str
    singular: str
    preset: str
    description: str = ""


class TargetNotEmpty(Exception):
    """The folder already holds files: `archive init` never overwrites."""


def _yaml(value: object) -> str:
    """A YAML scalar for any text: JSON strings are YAML, and quote everything that needs it."""
    return json.dumps(value, ensure_ascii=False)


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=92)


def _collections(facts: ArchiveFacts) -> list[tuple[Collection, dict[str, Any]]]:
    out = []
    for choice in facts.collections:
        preset = read_preset(choice.preset)
        options = dict(preset.collection)
        if choice.preset == BLANK or choice.name != choice.preset:
            title, singular = titled(choice.name)
            if choice.preset == BLANK:
                options["title"], options["singular"] = title, singular
        out.append(
            (
                Collection(
                    choice.name,
                    options["title"],
                    options["singular"],
                    choice.preset,
                    " ".join(str(options.get("description", "")).split()),
                ),
                options,
            )
        )
    return out


def config_data(facts: ArchiveFacts) -> dict[str, Any]:
    """`mkdocs.yml` as data: Material, the archive's plugins, the programme and collections."""
    programme: dict[str, Any] = {"name": facts.name}
    if facts.funder:
        programme["funder"] = facts.funder
    if facts.partners:
        programme["partners"] = list(facts.partners)
    programme["start"], programme["end"] = facts.start, facts.end
    # The day the archive was made is the day its facts were last checked.
    programme["last_reviewed"] = facts.reviewed or datetime.date.today().isoformat()
    collections = []
    for collection, options in _collections(facts):
        entry: dict[str, Any] = {"name": collection.name}
        entry.update({k: v for k, v in options.items() if v not in ("", [], None)})
        collections.append(entry)
    config: dict[str, Any] = {
        "site_name": f"{facts.name} archive",
        "site_description": facts.description
        or f"The archive of {facts.name} ({facts.start} to {facts.end}).",
    }
    if facts.site_url:
        config["site_url"] = facts.site_url
    if facts.repository:
        config["repo_url"] = f"https://github.com/{facts.repository}"
    config.update(
        {
            "docs_dir": "content",
            "site_dir": "site",
            "use_directory_urls": True,
            "theme": {
                "name": "material",
                "language": facts.language,
                "features": ["navigation.tabs", "navigation.top", "content.code.copy"],
                "palette": [{"scheme": "default", "primary": "indigo", "accent": "indigo"}],
                "font": False,
            },
            "markdown_extensions": [
                "admonition",
                "attr_list",
                "md_in_html",
                {"toc": {"permalink": True}},
                "tables",
            ],
            "plugins": [
                "archive-search",
                {
                    "archive": {
                        "data_file": "data/archive.yml",
                        "schemas_dir": "schemas",
                        "templates_dir": "templates",
                        "default_licence": "cc-by-nc-sa-4.0",
                        "url_ledger": "url-ledger.txt",
                        "programme": programme,
                        "collections": collections,
                    }
                },
                "archive-promises",
                "archive-cms",
                "archive-markup",
            ],
        }
    )
    return config


def vocabularies(facts: ArchiveFacts) -> dict[str, Any]:
    """The base vocabularies and every vocabulary a chosen preset's fields name."""
    found = dict(BASE_VOCABULARIES)
    for choice in facts.collections:
        for name, vocabulary in read_preset(choice.preset).vocabularies.items():
            found.setdefault(name, vocabulary)
    return found


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(PROJECT_FILES)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown and YAML, not HTML; YAML values go through `yaml`
    )
    env.filters["yaml"] = _yaml
    return env


OUTPUTS = {
    "README.md.j2": "README.md",
    "Makefile": "Makefile",
    "requirements.txt.j2": "requirements.txt",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "content/index.md.j2": "content/index.md",
    "content/about.md.j2": "content/about.md",
    "content/contribute.md.j2": "content/contribute.md",
    "github/workflows/pages.yml": ".github/workflows/pages.yml",
    "github/workflows/pull-request.yml": ".github/workflows/pull-request.yml",
    "github/workflows/release.yml": ".github/workflows/release.yml",
    "github/ISSUE_TEMPLATE/config.yml.j2": ".github/ISSUE_TEMPLATE/config.yml",
    "github/ISSUE_TEMPLATE/suggest-a-resource.yml.j2": ".github/ISSUE_TEMPLATE/suggest-a-resource.yml",
    "github/ISSUE_TEMPLATE/report-a-problem.yml.j2": ".github/ISSUE_TEMPLATE/report-a-problem.yml",
}
"""Project files: source under `starter_files/project/` -> path in the new archive."""


def write_archive(target: Path, facts: ArchiveFacts) -> list[Path]:
    """Write every file of the new archive into `target`; return them, in writing order."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(str(target))
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    chosen = _collections(facts)
    write("mkdocs.yml", CONFIG_HEADER + _dump(config_data(facts)))
    organisations = [{"id": slugify(facts.funder), "name": facts.funder}] if facts.funder else []
    write(
        "data/archive.yml",
        DATA_HEADER + _dump({"vocabularies": vocabularies(facts), "organisations": organisations}),
    )
    write("schemas/record.schema.json", BASE_SCHEMA.read_text(encoding="utf-8"))
    for collection, _ in chosen:
        preset = read_preset(collection.preset)
        schema = dict(preset.schema)
        schema["$id"] = f"{collection.name}.schema.json"
        if collection.preset == BLANK:
            schema["title"], schema["description"] = (
                collection.singular,
                f"One of the archive's {collection.title.lower()}.",
            )
        write(
            f"schemas/{collection.name}.schema.json",
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n",
        )
        write(f"templates/{collection.name}.md.j2", preset.template)
        write(f"{collection.name}/.gitkeep", "")
    env = _environment()
    context = {"facts": facts, "collections": [c for c, _ in chosen]}
    for source, output in OUTPUTS.items():
        if source.endswith(".j2"):
            write(output, env.get_template(source).render(context))
        else:  # copied as is: workflows are full of `${{ }}`, which is not Jinja
            write(output, (PROJECT_FILES / source).read_text(encoding="utf-8"))
    ledger = target / "url-ledger.txt"
    write_ledger(ledger, [])
    written.append(ledger)
    return written
