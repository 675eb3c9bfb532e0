"""Emit the archive as engine-neutral page sources: record pages, listings, attachments.

Pages are Markdown with HTML blocks rendered by Jinja with autoescape on, so record fields
(untrusted text) are always escaped, while the record body stays Markdown for the engine,
between markers that `bodyclean` cleans it by once it is rendered.
Every URL is made relative, so the site works under a GitHub Pages project sub-path.
"""

from __future__ import annotations

import calendar
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.emit.bodyclean import wrap
from legacy_archive.core.emit.htmlblocks import set_aside
from legacy_archive.core.emit.taxonomy import taxonomy_pages
from legacy_archive.core.load.attachments import attachments as record_attachments
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive, Collection
from legacy_archive.core.model.facets import record_filters
from legacy_archive.core.model.related import RelatedIndex
from legacy_archive.core.speed.page_cache import PageMemo, shared_inputs
from legacy_archive.core.speed.template_cache import COMPILED
from legacy_archive.core.validate.schema.check import SchemaChecker, load_schemas

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"
BODY_STAND_IN = "\x00archive-record-body\x00"
"""Rendered in place of the record body, which goes in after HTML blocks are set aside."""
SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper when PyYAML has it: the pure-Python one costs ~5 ms a page."""
FILE_FORMATS = {
    "pdf": "PDF",
    "pptx": "PowerPoint",
    "ppt": "PowerPoint",
    "docx": "Word",
    "doc": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument text",
    "odp": "OpenDocument slides",
    "zip": "ZIP archive",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
    "svg": "SVG image",
    "webp": "WebP image",
    "mp3": "MP3 audio",
    "mp4": "MP4 video",
    "webm": "WebM video",
    "vtt": "WebVTT captions",
    "txt": "Text",
    "md": "Text",
    "csv": "CSV data",
    "sb3": "Scratch project",
}


TERM_PAGES = {
    "subjects": "subjects",
    "audiences": "audiences",
    "partners": "partners",
    "partner": "partners",
}
"""Record fields whose values link to a generated taxonomy page."""


@dataclass(frozen=True)
class PageSource:
    """A page for the engine to render: where it lives, and its Markdown source."""

    src_uri: str
    content: str
    in_nav: bool = False
    """True for generated pages that `mkdocs.yml`'s nav may list (the Find page)."""
    blocks: tuple[str, ...] = ()
    """HTML blocks set aside from `content` (see `htmlblocks`), for the adapter to put back."""


@dataclass(frozen=True)
class Attachment:
    """A file copied from a record's folder to the site beside the record page."""

    src_uri: str
    abs_path: Path
    content: bytes | None = None
    """What to publish instead of the file itself (a cleaned SVG), if anything."""


def relative_url(from_page: str, to: str) -> str:
    """Relative link between two site-relative directory URLs (`a/b/` -> `c/`)."""
    if re.match(r"^[a-z]+:", to):
        return to
    base = from_page.rstrip("/") or "."
    target, slash = to.rstrip("/") or ".", "/" if to.endswith("/") or not to else ""
    rel = _relpath(target, base)
    return "./" if rel == "." else rel + slash


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath` for site-relative paths, without its `os.getcwd()` per call
    (a tenth of the emit stage at 10,000 records); anything unusual goes to `relpath`."""
    if target.startswith("/") or base.startswith("/") or ".." in target or ".." in base:
        return posixpath.relpath(target, base)
    to_parts = [part for part in target.split("/") if part not in ("", ".")]
    base_parts = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    for mine, theirs in zip(to_parts, base_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + to_parts[common:]) or "."


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1_000_000:.1f} MB"


def date_label(value: str) -> str:
    """`2021-06-30` -> `30 June 2021`; `2021-06` -> `June 2021`; `2021` stays."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return value


def paragraphs(text: str) -> list[str]:
    """Split plain text on blank lines, for transcripts and long quotes."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def template_environment(
    settings: ProjectSettings, keep_trailing_newline: bool = False
) -> jinja2.Environment:
    """Jinja with autoescape on, the project's templates first, then the package's defaults."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(settings.root / settings.templates_dir)),
                jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
            ]
        ),
        autoescape=True,
        bytecode_cache=COMPILED,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )


class TemplateFailure(Exception):
    """A page template could not be rendered; the message names the template and line."""


class PageEmitter:
    """Renders every page of an archive with one Jinja environment, built once per build."""

    def __init__(
        self,
        archive: Archive,
        checker: SchemaChecker | None = None,
        set_aside_html: bool = False,
        memo: PageMemo | None = None,
        footnotes_marker: str = "",
    ) -> None:
        self.archive = archive
        self.footnotes_marker = footnotes_marker
        """Where the engine's footnotes extension, when on, puts a body's footnotes: inside
        the body's span, so they are cleaned with it."""
        self.memo = memo
        """A live preview's pages of the previous emit, reused where inputs are unchanged."""
        self.set_aside_html = set_aside_html
        """Set HTML blocks aside from the Markdown (the adapter must put them back)."""
        settings = archive.settings
        if checker is None:
            from legacy_archive.core.validate.schema.check import CheckContext

            schemas, _ = load_schemas(settings.root / settings.schemas_dir)
            checker = SchemaChecker(schemas, CheckContext(archive.registry))
        self.checker = checker
        self.env = template_environment(settings, keep_trailing_newline=True)
        self.env.filters["date_label"] = date_label
        self.env.filters["paragraphs"] = paragraphs
        self._templates: dict[str, jinja2.Template] = {}
        self._facts: dict[str, list[str]] = {}
        """Card facts by record: a record's card appears on its listing and on every browse
        page of its subjects, audiences and partners, so its facts are worked out once."""
        self.related_index = RelatedIndex(archive)

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            try:
                self._templates[name] = self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                where = f"{self._template_path(error.filename, error.name or name)}:{error.lineno}"
                raise TemplateFailure(
                    f"{where}: template: {error.message} (expected valid Jinja syntax)"
                ) from None
            except jinja2.TemplateNotFound as error:
                raise TemplateFailure(
                    f"{self.archive.settings.templates_dir}/{error.name}:1: template: not found (expected the file to exist)"
                ) from None
        return self._templates[name]

    def _template_path(self, filename: str | None, name: str) -> str:
        """Where a template lives, relative to the project when it is the project's own."""
        if filename:
            file = Path(filename).resolve()
            if file.is_relative_to(self.archive.settings.root):
                return file.relative_to(self.archive.settings.root).as_posix()
        return f"{self.archive.settings.templates_dir}/{name}"

    def _render(self, name: str, page: str, **context: Any) -> str:
        """Render a template, turning Jinja errors into one readable line."""
        try:
            return self._template(name).render(**self._context(page), **context)
        except jinja2.TemplateError as error:
            raise TemplateFailure(
                f"{self.archive.settings.templates_dir}/{name}:1: template: {error} while rendering {page} (expected the template to use only fields the schema defines)"
            ) from None

    # -- helpers exposed to templates -------------------------------------------------

    def display(self, record: Record, name: str) -> list[dict[str, str]]:
        """A field as display items (`label`, optional `url`), whatever its type."""
        value = record.fields.get(name)
        if value is None or value == [] or value == "":
            return []
        values = value if isinstance(value, list) else [value]
        schema = self.checker.property_schema(self._schema_name(record), (name,))
        item_schema = (
            schema.get("items", schema) if isinstance(schema.get("items"), dict) else schema
        )
        items: list[dict[str, str]] = []
        for item in values:
            if "x-vocabulary" in item_schema:
                label = self.archive.registry.vocabulary(item_schema["x-vocabulary"]).label_of(
                    str(item)
                )
                items.append({"label": label, "url": "", "id": str(item)})
            elif item_schema.get("x-organisation"):
                org = self.archive.registry.organisations.get(str(item))
                items.append(
                    {
                        "label": org.name if org else str(item),
                        "url": org.url if org else "",
                        "id": str(item),
                    }
                )
            elif item_schema.get("x-date"):
                items.append({"label": date_label(str(item)), "url": "", "id": str(item)})
            elif isinstance(item, bool):
                items.append({"label": "Yes" if item else "No", "url": "", "id": str(item).lower()})
            else:
                items.append({"label": str(item), "url": "", "id": str(item)})
        return items

    def term_links(
        self, items: list[dict[str, str]], name: str, page_url: str
    ) -> list[dict[str, str]]:
        """Point subjects, audiences and partners at their browse pages."""
        taxonomy = TERM_PAGES.get(name)
        if taxonomy is None:
            return items
        return [
            {**item, "url": relative_url(page_url, self.archive.url_of_term(taxonomy, item["id"]))}
            for item in items
        ]

    def _schema_name(self, record: Record) -> str:
        return self.archive.collections[record.collection].spec.schema

    def attachment(self, record: Record, name: str) -> dict[str, str]:
        """URL, human size and format of a file beside the record."""
        assert record.folder is not None
        size = (record.folder / name).stat().st_size
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return {
            "url": name,
            "size": human_size(size),
            "format": FILE_FORMATS.get(extension, extension.upper() or "File"),
        }

    def related_records(self, record: Record) -> list[Record]:
        """Related records: explicit first, then computed."""
        if self.memo is None:
            return self.related_index.related(record)
        refs = self.memo.related_refs(record, lambda: self.related_index.related(record))
        return [target for ref in refs if (target := self.archive.get(ref)) is not None]

    def related(self, record: Record, page_url: str, targets: list[Record]) -> list[dict[str, str]]:
        """Related records as title, kind and relative URL."""
        out = []
        for target in targets:
            if target is not None:
                spec = self.archive.collections[target.collection].spec
                out.append(
                    {
                        "title": target.title,
                        "kind": spec.singular,
                        "url": relative_url(page_url, self.archive.url_of(target)),
                        "summary": target.summary,
                    }
                )
        return out

    def _context(self, page_url: str) -> dict[str, Any]:
        return {
            "archive": self.archive,
            "registry": self.archive.registry,
            "settings": self.archive.settings,
            "url": lambda to: relative_url(page_url, to),
            "page_url": page_url,
        }

    # -- pages ---------------------------------------------------------------------------

    @staticmethod
    def _front_matter(meta: dict[str, Any]) -> str:
        return (
            "---\n"
            + yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
            + "---\n\n"
        )

    def record_page(self, record: Record) -> PageSource:
        related = self.related_records(record)
        # Folder records show their attachments' sizes, which no source holds: never reused.
        if self.memo is None or record.folder is not None:
            return self._record_page(record, related)
        return self.memo.page(record, related, lambda: self._record_page(record, related))

    def _record_page(self, record: Record, related_records: list[Record]) -> PageSource:
        collection = self.archive.collections[record.collection]
        page_url = self.archive.url_of(record)
        html = self._render(
            collection.spec.template,
            page_url,
            record=record,
            fields=record.fields,
            collection=collection.spec,
            show=lambda name: self.term_links(self.display(record, name), name, page_url),
            body=Markup(BODY_STAND_IN) if self.set_aside_html else Markup(self._body(record)),
            attachment=lambda name: self.attachment(record, name),
            related=self.related(record, page_url, related_records),
            filters=record_filters(record),
            licence=self.licence(record),
        )
        # Themes print meta title and description unescaped, so they are escaped here.
        meta = {"title": escape(record.title), "description": escape(record.summary)}
        blocks: list[str] = []
        if self.set_aside_html:
            html, blocks = set_aside(html, keep=BODY_STAND_IN)
            html = html.replace(BODY_STAND_IN, self._body(record))
        content = self._front_matter(meta) + html
        return PageSource(self.archive.page_path(record), content, blocks=tuple(blocks))

    def _body(self, record: Record) -> str:
        """The body between the markers `bodyclean` cleans it by once it is rendered."""
        return wrap(record.body, self.footnotes_marker)

    def licence(self, record: Record) -> dict[str, str]:
        licence_id = str(record.fields.get("licence") or self.archive.settings.default_licence)
        vocab = self.archive.registry.vocabulary("licences")
        term = vocab.terms.get(licence_id)
        return {
            "id": licence_id,
            "label": term.label if term else licence_id,
            "url": term.url if term else "",
        }

    def listing_page(self, collection: Collection) -> PageSource:
        page_url = collection.url
        cards = [self.card(record, page_url) for record in collection.records]
        html = self._render("_listing.md.j2", page_url, collection=collection.spec, cards=cards)
        meta = {
            "title": escape(collection.spec.title),
            "description": escape(collection.spec.description),
            "search": {"exclude": True},
        }
        return PageSource(f"{collection.name}/index.md", self._front_matter(meta) + html)

    def card(self, record: Record, page_url: str) -> dict[str, Any]:
        """What a listing shows of one record: title, link, summary and key facts."""
        spec = self.archive.collections[record.collection].spec
        facts = self._facts.get(record.ref)
        if facts is None:
            facts = [
                item["label"] for name in spec.card_facts for item in self.display(record, name)
            ]
            self._facts[record.ref] = facts
        return {
            "title": record.title,
            "url": relative_url(page_url, self.archive.url_of(record)),
            "summary": record.summary,
            "kind": spec.singular,
            "facts": facts,
            "date": record.date,
        }

    def pages(self, records: bool = True) -> list[PageSource]:
        """Every page: listings, records (unless `records` is false: the adapter then emits
        each with `record_page` where it renders it), withdrawn records, browse pages."""
        if self.memo is not None:
            self.memo.begin(shared_inputs(self.archive.settings), self.related_index.digest())
            self.memo.forget_all_but({r.ref for r in self.archive.every_record()})
        out = [self.listing_page(c) for c in self.archive.collections.values()]
        if records:
            out += [self.record_page(r) for r in self.archive.records()]
            out += [self.record_page(r) for r in self.archive.withdrawn]
        out += taxonomy_pages(self)
        if self.set_aside_html:
            out = [page if page.blocks else self._set_aside(page) for page in out]
        return out

    @staticmethod
    def _set_aside(page: PageSource) -> PageSource:
        content, blocks = set_aside(page.content)
        return PageSource(page.src_uri, content, page.in_nav, tuple(blocks))

    # Public names for the generated browse pages in `taxonomy.py`.
    render_page = _render
    front_matter = _front_matter
    relative = staticmethod(relative_url)

    def attachments(self) -> list[Attachment]:
        """Every publishable file in record folders (see `attachments.scan`), to be copied
        beside its page; SVG images as cleaned."""
        found = []
        for record in self.archive.every_record():
            for file in record_attachments(record.folder, record.path):
                found.append(
                    Attachment(
                        f"{record.collection}/{record.slug}/{file.rel}",
                        file.path,
                        file.published_bytes(),
                    )
                )
        return found
