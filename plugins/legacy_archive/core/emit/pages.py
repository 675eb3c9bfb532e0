"""Emit the archive as engine-neutral page sources: record pages, listings, attachments.

Pages are Markdown with HTML blocks rendered by Jinja with autoescape on (`environment`),
so record fields (untrusted text) are always escaped, while the record body stays
Markdown for the engine, between markers that `bodyclean` cleans it by once it is
rendered. Browse pages come from `taxonomy`; how fields read, from `field_display`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.emit.bodyclean import wrap
from legacy_archive.core.emit.environment import (
    PageTemplates,
    paragraphs,
    relative_url,
    template_environment,
)
from legacy_archive.core.emit.field_display import FieldDisplay
from legacy_archive.core.emit.htmlblocks import set_aside
from legacy_archive.core.emit.page_sources import Attachment, PageSource, front_matter
from legacy_archive.core.emit.record_page_memo import PageMemo, shared_inputs
from legacy_archive.core.emit.taxonomy import taxonomy_pages
from legacy_archive.core.load.attachments import attachments as record_attachments
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive, Collection
from legacy_archive.core.model.related import RelatedIndex
from legacy_archive.core.validate.schema.check import SchemaChecker
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.load import load_schemas
from legacy_archive.core.validate.schema.resolve import SchemaSet

BODY_STAND_IN = "\x00archive-record-body\x00"
"""Rendered in place of the record body, which goes in after HTML blocks are set aside."""


RECORD_TEMPLATE_NAMES = {
    "record": "the record: `record.title`, `record.summary`, `record.collection`, `record.slug`",
    "fields": "its front matter as written (`fields.duration`); test with `is defined`",
    "collection": "its collection's settings: `collection.name`, `.title`, `.singular`",
    "show": "`show(name)`: a field's values for display (vocabulary labels, organisation "
    "names, dates), each with its browse page's `url` when it has one; for `m.fact`",
    "body": "the record's Markdown body, cleaned once rendered",
    "attachment": "`attachment(name)`: a file beside the record, with its `format` and `size`",
    "related": "related records, explicit first: each a `title`, `kind`, `url` and `summary`",
    "filters": "(facet key, value) pairs the search index files the page under",
    "licence": "the licence the record is published under, with its `label` and `url`",
    "archive": "the whole archive (every collection and record)",
    "registry": "the data file's vocabularies and organisations",
    "settings": "the archive's settings: `settings.programme`, `settings.notices.say(name)`",
    "url": "`url(to)`: a site-relative address made relative to this page",
    "page_url": "this page's own address",
}
"""What a collection's page template may use, besides the `date_label` and `paragraphs`
filters and the macros of `_macros.md.j2` (the builders' reference lists them)."""


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
        if checker is not None:
            fields = checker.fields
        else:
            schemas, _ = load_schemas(settings.root / settings.schemas_dir)
            fields = FieldViews(SchemaSet(schemas))
        self.fields = FieldDisplay(archive, fields)
        env = template_environment(settings, keep_trailing_newline=True)
        env.filters["date_label"] = date_label
        env.filters["paragraphs"] = paragraphs
        self.templates = PageTemplates(settings, env)
        self._facts: dict[str, list[str]] = {}
        """Card facts by record: a record's card appears on its listing and on every browse
        page of its values, so its facts are worked out once."""
        self.related_index = RelatedIndex(archive)

    def render_page(self, name: str, page: str, **context: Any) -> str:
        """Render a page template with what every page's template may use."""
        return self.templates.render(name, page, **self._context(page), **context)

    def _context(self, page_url: str) -> dict[str, Any]:
        return {
            "archive": self.archive,
            "registry": self.archive.registry,
            "settings": self.archive.settings,
            "url": lambda to: relative_url(page_url, to),
            "page_url": page_url,
        }

    # -- record pages --------------------------------------------------------------------

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

    def record_page(self, record: Record) -> PageSource:
        related = self.related_records(record)
        # Folder records show their attachments' sizes, which no source holds: never reused.
        if self.memo is None or record.folder is not None:
            return self._record_page(record, related)
        return self.memo.page(record, related, lambda: self._record_page(record, related))

    def _record_page(self, record: Record, related_records: list[Record]) -> PageSource:
        collection = self.archive.collections[record.collection]
        page_url = self.archive.url_of(record)
        fields = self.fields
        html = self.render_page(
            collection.spec.template,
            page_url,
            record=record,
            fields=record.fields,
            collection=collection.spec,
            show=lambda name: fields.term_links(fields.display(record, name), name, page_url),
            body=Markup(BODY_STAND_IN) if self.set_aside_html else Markup(self._body(record)),
            attachment=lambda name: fields.attachment(record, name),
            related=self.related(record, page_url, related_records),
            filters=self.archive.facets.record_filters(record),
            licence=fields.licence(record),
        )
        # Themes print meta title and description unescaped, so they are escaped here.
        meta = {"title": escape(record.title), "description": escape(record.summary)}
        blocks: list[str] = []
        if self.set_aside_html:
            html, blocks = set_aside(html, keep=BODY_STAND_IN)
            html = html.replace(BODY_STAND_IN, self._body(record))
        content = front_matter(meta) + html
        return PageSource(self.archive.page_path(record), content, blocks=tuple(blocks))

    def _body(self, record: Record) -> str:
        """The body between the markers `bodyclean` cleans it by once it is rendered."""
        return wrap(record.body, self.footnotes_marker)

    # -- listings ------------------------------------------------------------------------

    def listing_page(self, collection: Collection) -> PageSource:
        page_url = collection.url
        cards = [self.card(record, page_url) for record in collection.records]
        html = self.render_page("_listing.md.j2", page_url, collection=collection.spec, cards=cards)
        meta = {
            "title": escape(collection.spec.title),
            "description": escape(collection.spec.description),
            "search": {"exclude": True},
        }
        return PageSource(f"{collection.url}index.md", front_matter(meta) + html)

    def card(self, record: Record, page_url: str) -> dict[str, Any]:
        """What a listing shows of one record: title, link, summary and key facts."""
        facts = self._facts.get(record.ref)
        if facts is None:
            facts = self.fields.card_facts(record)
            self._facts[record.ref] = facts
        return {
            "title": record.title,
            "url": relative_url(page_url, self.archive.url_of(record)),
            "summary": record.summary,
            "kind": self.archive.collections[record.collection].spec.singular,
            "facts": facts,
            "date": record.date,
        }

    # -- the whole archive ---------------------------------------------------------------

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

    def attachments(self) -> list[Attachment]:
        """Every publishable file in record folders (see `attachments.scan`), to be copied
        beside its page; SVG images as cleaned."""
        found = []
        for record in self.archive.every_record():
            for file in record_attachments(record.folder, record.path):
                found.append(
                    Attachment(
                        f"{self.archive.url_of(record)}{file.rel}",
                        file.path,
                        file.published_bytes(),
                    )
                )
        return found
