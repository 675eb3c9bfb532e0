"""Engine-free description of an archive project: where records, schemas and templates live.

The MkDocs plugin fills this from `mkdocs.yml`; `archive check` does the same without MkDocs,
so both see exactly the same collections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CollectionSpec:
    """One collection of records, as declared in `mkdocs.yml`."""

    name: str
    """Collection id; also the folder of its records and the first URL segment."""
    title: str
    """Plural heading for the listing page and the nav (`Courses`)."""
    singular: str
    """What one record is called on its page and in search (`Course`)."""
    schema: str
    """JSON Schema file, relative to the schemas folder."""
    template: str
    """Jinja template for a record page, relative to the templates folder."""
    description: str = ""
    """Introduction shown at the top of the listing page (Markdown)."""
    card_facts: tuple[str, ...] = ()
    """Fields shown as key facts on listing cards, in order."""
    folder: str = ""
    """Folder of the records, relative to the project root; defaults to `name`."""

    @property
    def directory(self) -> str:
        return self.folder or self.name


@dataclass(frozen=True)
class ProjectSettings:
    """Paths and collections of one archive project."""

    root: Path
    collections: tuple[CollectionSpec, ...]
    data_file: str = "data/archive.yml"
    schemas_dir: str = "schemas"
    templates_dir: str = "templates"
    default_licence: str = "cc-by-nc-sa-4.0"
    extra: dict[str, str] = field(default_factory=dict)
    options: dict[str, object] = field(default_factory=dict)
    """The plugin's raw options, for sections that newer modules read themselves."""


COLLECTION_KEYS = {
    "name",
    "title",
    "singular",
    "schema",
    "template",
    "description",
    "card_facts",
    "folder",
}
PLUGIN_NAMES = ("archive",)


def _collection(index: int, raw: object) -> tuple[CollectionSpec | None, list[str]]:
    where = f"plugins.archive.collections.{index}"
    if not isinstance(raw, dict):
        return None, [
            f"{where}: expected 'name', 'title', 'singular' and optionally 'schema', 'template'"
        ]
    errors = [
        f"{where}.{key}: unknown option (expected one of: {', '.join(sorted(COLLECTION_KEYS))})"
        for key in raw
        if key not in COLLECTION_KEYS
    ]
    name = raw.get("name")
    if not isinstance(name, str) or not name.isidentifier() or name.lower() != name:
        return None, [
            *errors,
            f"{where}.name: '{name}' is not a valid collection name (expected a lowercase word such as 'courses')",
        ]
    facts = raw.get("card_facts", [])
    if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
        errors.append(f"{where}.card_facts: expected a list of field names")
        facts = []
    texts = {}
    for key, default in (
        ("title", name.capitalize()),
        ("singular", name.capitalize().rstrip("s")),
        ("schema", f"{name}.schema.json"),
        ("template", f"{name}.md.j2"),
        ("description", ""),
        ("folder", ""),
    ):
        value = raw.get(key, default)
        if not isinstance(value, str):
            errors.append(f"{where}.{key}: expected text but got {type(value).__name__}")
            value = default
        texts[key] = value
    return CollectionSpec(name=name, card_facts=tuple(facts), **texts), errors


def settings_from_options(
    root: Path, options: dict[str, object]
) -> tuple[ProjectSettings | None, list[str]]:
    """Build settings from the plugin's options in `mkdocs.yml`, returning any config errors."""
    errors: list[str] = []
    raw_collections = options.get("collections")
    if not isinstance(raw_collections, list) or not raw_collections:
        return None, [
            "plugins.archive.collections: expected a list of collections (name, title, singular)"
        ]
    collections = []
    names: set[str] = set()
    for index, raw in enumerate(raw_collections):
        spec, found = _collection(index, raw)
        errors += found
        if spec is not None:
            if spec.name in names:
                errors.append(
                    f"plugins.archive.collections.{index}.name: duplicate collection '{spec.name}' (expected each collection once)"
                )
            names.add(spec.name)
            collections.append(spec)
    texts = {}
    for key, default in (
        ("data_file", "data/archive.yml"),
        ("schemas_dir", "schemas"),
        ("templates_dir", "templates"),
        ("default_licence", "cc-by-nc-sa-4.0"),
    ):
        value = options.get(key, default)
        if not isinstance(value, str):
            errors.append(f"plugins.archive.{key}: expected text but got {type(value).__name__}")
            value = default
        texts[key] = value
    settings = ProjectSettings(
        root=root,
        collections=tuple(collections),
        data_file=texts["data_file"],
        schemas_dir=texts["schemas_dir"],
        templates_dir=texts["templates_dir"],
        default_licence=texts["default_licence"],
        options=dict(options),
    )
    return settings, errors
