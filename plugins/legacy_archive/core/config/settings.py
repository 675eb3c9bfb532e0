"""Engine-free description of an archive project: where records, schemas and templates live.

The MkDocs plugin fills this from `mkdocs.yml`; `archive check` does the same without MkDocs,
so both see exactly the same collections.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from legacy_archive.core.config.facets import FacetSpec, read_facets
from legacy_archive.core.config.notices import Notices, read_notices
from legacy_archive.core.config.option_lines import ConfigError, Key, OptionLines
from legacy_archive.core.config.programme import Programme, read_programme


@dataclass(frozen=True)
class CollectionSpec:
    """One collection of records, as declared in `mkdocs.yml`."""

    name: str
    """Collection id (`case-studies`): its references, schema, template, folder and exports."""
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
    path: str = ""
    """First URL segment of its pages (`case-studies/`); defaults to `name`."""

    @property
    def directory(self) -> str:
        return self.folder or self.name

    @property
    def url_path(self) -> str:
        """The URL segment its listing and record pages live under."""
        return self.path or self.name


SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
"""A collection name or path: lowercase letters, digits and single inner hyphens."""


FENCED_CODE = ("fenced_code", "markdown.extensions.fenced_code", "pymdownx.superfences")


@dataclass(frozen=True)
class SiteLayout:
    """What the rest of `mkdocs.yml` says that the archive's checks need to know."""

    docs_dir: str = "docs"
    """Folder of the hand-written pages, relative to the project root."""
    markdown_extensions: tuple[str, ...] = ()
    """Names of the Markdown extensions on (record bodies are rendered with them)."""
    admin_dir: str = ""
    """Folder of the form editor (`admin`), or empty when the archive-cms plugin is off."""
    search_dir: str = ""
    """Folder of the search index (`pagefind`), or empty when archive-search is off."""
    language: str = "en"
    """The theme's `language` (`cy`, `fr`): what the pages and their JSON-LD say they are in."""
    site_name: str = ""
    site_description: str = ""
    site_dir: str = "site"
    """Folder the build writes, relative to the project root (the editions read it)."""
    icons: tuple[str, ...] = ()
    """The theme's `favicon` and `logo`, as written, for an edition's illustration."""

    @property
    def fenced_code(self) -> bool:
        """Whether ``` fences make code blocks (their content is then not HTML)."""
        return any(name in self.markdown_extensions for name in FENCED_CODE)


def _plugin_entries(plugins: object) -> dict[str, object]:
    """`plugins:` of mkdocs.yml (a list of names and one-key mappings, or a mapping)."""
    if isinstance(plugins, dict):
        return {str(k): v for k, v in plugins.items()}
    found: dict[str, object] = {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, str):
            found[entry] = {}
        elif isinstance(entry, dict) and entry:
            name, options = next(iter(entry.items()))
            found[str(name)] = options
    return found


def site_layout(config: dict[str, object]) -> SiteLayout:
    """The layout from an mkdocs.yml mapping (as read, or as the engine holds it)."""
    names = []
    for entry in config.get("markdown_extensions") or []:  # type: ignore[attr-defined]
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and entry:
            names.append(str(next(iter(entry))))
    plugins = _plugin_entries(config.get("plugins"))

    def folder(plugin: str, option: str, default: str) -> str:
        if plugin not in plugins:
            return ""
        options = plugins[plugin]
        if isinstance(options, dict):
            if options.get("enabled") is False:
                return ""
            value = options.get(option, default)
            return str(value).strip("/") if isinstance(value, str) else default
        return default

    docs_dir = config.get("docs_dir", "docs")
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    name, description, site_dir = (
        config.get(key) for key in ("site_name", "site_description", "site_dir")
    )
    icons = [theme.get(key) for key in ("favicon", "logo")] if isinstance(theme, dict) else []
    return SiteLayout(
        docs_dir=docs_dir if isinstance(docs_dir, str) else "docs",
        markdown_extensions=tuple(names),
        admin_dir=folder("archive-cms", "admin_dir", "admin"),
        search_dir=folder("archive-search", "output_subdir", "pagefind"),
        language=language if isinstance(language, str) and language else "en",
        site_name=str(name).strip() if name else "",
        site_description=" ".join(str(description).split()) if description else "",
        site_dir=str(site_dir) if site_dir else "site",
        icons=tuple(str(icon) for icon in icons if icon),
    )


@dataclass(frozen=True)
class ProjectSettings:
    """Paths and collections of one archive project."""

    root: Path
    """The folder `mkdocs.yml` is in; every other path is relative to it."""
    collections: tuple[CollectionSpec, ...]
    """The record collections, in the order the nav and the Find page show them."""
    data_file: str = "data/archive.yml"
    """Vocabularies and the organisations registry."""
    schemas_dir: str = "schemas"
    """Folder of the collections' JSON Schemas."""
    templates_dir: str = "templates"
    """Folder of the record page templates (the engine's defaults fill the gaps)."""
    default_licence: str = "cc-by-nc-sa-4.0"
    """Licence id for records that name none."""
    programme: Programme | None = None
    """Who ran the programme and when it ended, repeated on every page."""
    redirects: Mapping[object, object] = field(default_factory=dict)
    """Old paths mapped to pages, as written: checked against the archive's pages later."""
    url_ledger: str = "url-ledger.txt"
    """File of every URL ever published, relative to the project root."""
    facets: tuple[FacetSpec, ...] | None = None
    """What readers filter and browse by, as declared; None: the defaults (see
    `model/facet_fields.py`), worked out from the schemas."""
    notices: Notices = field(default_factory=Notices)
    """What the banner and the record notes say, in the project's words."""
    site: SiteLayout = field(default_factory=SiteLayout)
    """The rest of the site's configuration, as far as the checks need it."""
    lines: OptionLines = field(default_factory=OptionLines, compare=False)
    """Where each option is written, for messages about options checked later."""

    def digest_text(self) -> str:
        """Every setting a page may depend on, as text for a digest (lines left out)."""
        return repr(replace(self, lines=OptionLines()))

    def source_paths(self) -> list[Path]:
        """Every file or folder a build reads the archive from (a preview watches them)."""
        names = [self.data_file, self.schemas_dir, self.templates_dir]
        names += [spec.directory for spec in self.collections]
        return [self.root / name for name in names]


COLLECTION_KEYS = (
    "name",
    "title",
    "singular",
    "schema",
    "template",
    "description",
    "card_facts",
    "folder",
    "path",
)


def _collection(index: int, raw: object) -> tuple[CollectionSpec | None, list[ConfigError]]:
    where: Key = ("collections", index)
    if not isinstance(raw, dict):
        return None, [
            (where, "expected 'name', 'title', 'singular' and optionally 'schema', 'template'")
        ]
    errors: list[ConfigError] = [
        ((*where, str(key)), f"unknown option (expected one of: {', '.join(COLLECTION_KEYS)})")
        for key in raw
        if key not in COLLECTION_KEYS
    ]
    name = raw.get("name")
    if not isinstance(name, str) or not SLUG.match(name):
        message = (
            f"'{name}' is not a valid collection name (expected lowercase letters, digits and "
            "single hyphens, starting with a letter, like 'reports' or 'case-studies')"
        )
        return None, [*errors, ((*where, "name"), message)]
    path = raw.get("path", "")
    if path != "" and (not isinstance(path, str) or not SLUG.match(path)):
        errors.append(
            (
                (*where, "path"),
                f"'{path}' is not a valid collection path (expected one URL segment of lowercase "
                "letters, digits and single hyphens, like 'case-studies')",
            )
        )
        path = ""
    facts = raw.get("card_facts", [])
    if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
        errors.append(
            ((*where, "card_facts"), "expected a list of field names, like [format, level]")
        )
        facts = []
    title = name.replace("-", " ").capitalize()
    texts = {}
    for key, default in (
        ("title", title),
        ("singular", re.sub(r"ies$", "y", title).rstrip("s")),
        ("schema", f"{name}.schema.json"),
        ("template", f"{name}.md.j2"),
        ("description", ""),
        ("folder", ""),
    ):
        value = raw.get(key, default)
        if not isinstance(value, str):
            errors.append(((*where, key), f"got {type(value).__name__} (expected text)"))
            value = default
        texts[key] = value
    return CollectionSpec(name=name, card_facts=tuple(facts), path=str(path), **texts), errors


def settings_from_options(
    root: Path, options: dict[str, object]
) -> tuple[ProjectSettings | None, list[ConfigError]]:
    """Build settings from the plugin's options in `mkdocs.yml`, returning every config error."""
    errors: list[ConfigError] = []
    raw_collections = options.get("collections")
    if not isinstance(raw_collections, list) or not raw_collections:
        return None, [
            (
                ("collections",),
                "no collections (expected a list of collections with name, title, singular)",
            )
        ]
    collections = []
    names: set[str] = set()
    paths: dict[str, str] = {}
    for index, raw in enumerate(raw_collections):
        spec, found = _collection(index, raw)
        errors += found
        if spec is not None:
            if spec.name in names:
                errors.append(
                    (
                        ("collections", index, "name"),
                        f"duplicate collection '{spec.name}' (expected each collection once)",
                    )
                )
            elif spec.url_path in paths:
                errors.append(
                    (
                        ("collections", index, "path" if spec.path else "name"),
                        f"collection '{spec.name}' would publish at '{spec.url_path}/', which "
                        f"collection '{paths[spec.url_path]}' already uses (expected a 'path' "
                        "of its own)",
                    )
                )
            names.add(spec.name)
            paths.setdefault(spec.url_path, spec.name)
            collections.append(spec)
    texts = {}
    for key, default in (
        ("data_file", "data/archive.yml"),
        ("schemas_dir", "schemas"),
        ("templates_dir", "templates"),
        ("default_licence", "cc-by-nc-sa-4.0"),
        ("url_ledger", "url-ledger.txt"),
    ):
        value = options.get(key, default)
        if not isinstance(value, str):
            errors.append(((key,), f"got {type(value).__name__} (expected text)"))
            value = default
        texts[key] = value
    programme, found = read_programme(options.get("programme"))
    errors += found
    notices, found = read_notices(options.get("notices"))
    errors += found
    redirects = options.get("redirects") or {}
    if not isinstance(redirects, dict):
        errors.append(
            (("redirects",), "expected old paths mapped to pages, like '/news.html: about/'")
        )
        redirects = {}
    facets, found = read_facets(options.get("facets"), [spec.name for spec in collections])
    errors += found
    settings = ProjectSettings(
        root=root,
        collections=tuple(collections),
        data_file=texts["data_file"],
        schemas_dir=texts["schemas_dir"],
        templates_dir=texts["templates_dir"],
        default_licence=texts["default_licence"],
        url_ledger=texts["url_ledger"] or "url-ledger.txt",
        programme=programme,
        redirects=redirects,
        facets=facets,
        notices=notices,
    )
    return settings, errors
