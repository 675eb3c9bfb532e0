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
from legacy_archive.core.emit.citation import citation_files
from legacy_archive.core.emit.environment import (
    PageTemplates,
    paragraphs,
    relative_url,
    template_environment,
)
from legacy_archive.core.emit.field_display import FieldDisplay, language_name
from legacy_archive.core.emit.find_data import materials_group
from legacy_archive.core.emit.home import count_of, find_filter_url
from legacy_archive.core.emit.htmlblocks import set_aside
from legacy_archive.core.emit.materials import has_materials
from legacy_archive.core.emit.page_sources import Attachment, PageSource, front_matter
from legacy_archive.core.emit.record_page_memo import PageMemo, shared_inputs
from legacy_archive.core.emit.taxonomy import taxonomy_pages
from legacy_archive.core.emit.usable import materials_zip, report_url, usable
from legacy_archive.core.load.attachments import attachments as record_attachments
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive, Collection
from legacy_archive.core.model.attribution import absolute_url
from legacy_archive.core.model.facets import COLLECTION
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
    "label": "`label(name)`: what the page calls a field (its schema `title`, else its name)",
    "usable": "what a teacher can still use: `downloads` (each a `title`, `url`, `format`, "
    "`size`), `zip`, `links`, `archived` (Wayback copies of `legacy_urls`), `successors`",
    "facts_line": "the record's card facts (its collection's `card_facts`), for one line",
    "breadcrumbs": "the trail to the page: each a `title` and a `url` (the last has none)",
    "collection_url": "the address of the record's collection listing, relative to the page",
    "address": "this page's full web address (under the site's `site_url`), for print",
    "report_url": "a prefilled issue form (or e-mail) to report a problem, or empty",
    "language": "the site's language: `language.code` (`en`) and `language.name` (`English`)",
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
        site_url: str = "",
        repo_url: str = "",
    ) -> None:
        self.archive = archive
        self.site_url = site_url
        """The site's address, for archived copies of old addresses and problem reports."""
        self.repo_url = repo_url
        """The archive's repository (`repo_url`), where readers report problems."""
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
        self._badges: dict[str, list[dict[str, str]]] = {}
        """Card badges by record, worked out once like `_facts`."""
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
        code = self.archive.settings.site.language
        language = {"code": code, "name": language_name(code)}
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
            label=lambda name: fields.label(record, name),
            usable=usable(
                record,
                fields.fields,
                collection.spec.schema,
                lambda name: fields.attachment(record, name),
                self.site_url,
                self.archive.settings.programme,
            ),
            facts_line=self._card_facts(record),
            breadcrumbs=[
                {"title": "Home", "url": relative_url(page_url, "")},
                {"title": collection.spec.title, "url": relative_url(page_url, collection.url)},
                {"title": record.title, "url": ""},
            ],
            collection_url=relative_url(page_url, collection.url),
            address=self._absolute(page_url),
            report_url=report_url(self.repo_url, record.title, self._absolute(page_url)),
            language=language,
        )
        # Themes print meta title and description unescaped, so they are escaped here.
        meta = {"title": escape(record.title), "description": escape(record.summary)}
        blocks: list[str] = []
        if self.set_aside_html:
            html, blocks = set_aside(html, keep=BODY_STAND_IN)
            html = html.replace(BODY_STAND_IN, self._body(record))
        content = front_matter(meta) + html
        return PageSource(self.archive.page_path(record), content, blocks=tuple(blocks))

    def _absolute(self, page_url: str) -> str:
        return absolute_url(self.site_url, page_url)

    def _card_facts(self, record: Record) -> list[str]:
        """A record's card facts, worked out once: its card is on its listing and on every
        browse page of its values, and its page shows them in one line."""
        facts = self._facts.get(record.ref)
        if facts is None:
            facts = self.fields.card_facts(record)
            self._facts[record.ref] = facts
        return facts

    def _body(self, record: Record) -> str:
        """The body between the markers `bodyclean` cleans it by once it is rendered."""
        return wrap(record.body, self.footnotes_marker)

    # -- listings ------------------------------------------------------------------------

    def listing_page(self, collection: Collection) -> PageSource:
        page_url = collection.url
        cards = [self.card(record, page_url) for record in collection.records]
        find_filter = self._find_filter(collection, page_url)
        html = self.render_page(
            "_listing.md.j2",
            page_url,
            collection=collection.spec,
            cards=cards,
            count=count_of(len(cards), collection.spec.title, collection.spec.singular),
            find_filter=find_filter,
        )
        meta = {
            "title": escape(collection.spec.title),
            "description": escape(collection.spec.description),
            "search": {"exclude": True},
            # The left sidebar of a listing holds only the tabs' own entry: the cards get the width.
            "hide": ["navigation"],
        }
        return PageSource(f"{collection.url}index.md", front_matter(meta) + html)

    def _find_filter(self, collection: Collection, page_url: str) -> str:
        """The Find page filtered to this collection, when a facet filters by collection."""
        for facet in self.archive.facets:
            if facet.kind == COLLECTION:
                return find_filter_url(self.archive, page_url, facet.key, collection.spec.name)
        return ""

    def find_filters(self) -> list[dict[str, Any]]:
        """The Find page's filters beyond the facets: whether the archive holds materials."""
        group = materials_group(self.archive, self.fields.fields)
        return [group] if group else []

    def card(self, record: Record, page_url: str) -> dict[str, Any]:
        """What a listing shows of one record: title, link, summary, labelled key facts, its
        date, whether the archive holds its materials, and its image when it has one."""
        facts = self._card_facts(record)
        collection = self.archive.collections[record.collection]
        badges = self._badges.get(record.ref)
        if badges is None:
            badges = self._badges[record.ref] = self.fields.card_badges(record)
        url = self.archive.url_of(record)
        image = record.fields.get("image")
        when = date_label(record.date) if record.date else ""
        # A date among the card facts (an event's) is already the card's date.
        badges = [badge for badge in badges if badge["value"] != when]
        return {
            "title": record.title,
            "url": relative_url(page_url, url),
            "summary": record.summary,
            "kind": collection.spec.singular,
            "kind_url": relative_url(page_url, collection.url),
            "facts": facts,
            "badges": badges,
            "date": record.date,
            "date_label": when,
            "materials": has_materials(record, self.fields.fields, collection.spec.schema),
            "image": relative_url(page_url, url) + image if isinstance(image, str) else "",
            "image_alt": str(record.fields.get("image_alt", "")),
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
        beside its page; SVG images as cleaned; each record's citation files, and the ZIP
        of its materials when it has several."""
        found = []
        programme = self.archive.settings.programme
        for record in self.archive.every_record():
            folder = self.archive.url_of(record)
            source = self.archive.settings.root / record.path
            made = citation_files(self.archive, record, programme, self.site_url)
            schema = self.archive.collections[record.collection].spec.schema
            made += materials_zip(record, self.fields.fields, schema)
            found += [Attachment(f"{folder}{name}", source, content) for name, content in made]
            for file in record_attachments(record.folder, record.path):
                found.append(
                    Attachment(
                        f"{self.archive.url_of(record)}{file.rel}",
                        file.path,
                        file.published_bytes(),
                    )
                )
        return found
