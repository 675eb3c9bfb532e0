"""What every importer reads a legacy source into, before mapping decides what becomes a record.

A WordPress export, a crawl of the old site and a spreadsheet differ in everything but this:
a list of items, each with its body as HTML, its old addresses, its terms and its fields.
The mapping, the converter and the record writer only ever see these types, so a new kind
of source needs a reader and nothing else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from legacy_archive.core.importing.throttle import Throttle


@dataclass(frozen=True)
class SourceFile:
    """A file an item carries (a WordPress attachment, a linked PDF), still at its old address."""

    url: str
    """Absolute URL where the file can be fetched now."""
    title: str = ""
    alt: str = ""
    caption: str = ""
    mime: str = ""
    """The type the source declares, if any; the downloader checks the bytes anyway."""


@dataclass
class SourceItem:
    """One post, page, crawled page or spreadsheet row."""

    key: str
    """Stable within the source across runs: `wp:123`, `page:/about/`, `row:5`."""
    kind: str
    """WordPress post type (`post`, `page`, a custom type), `page` for a crawl, `row` for CSV."""
    title: str
    html: str
    """The body as HTML (WordPress content with shortcodes, the main content of a crawled page)."""
    origin: str
    """Where the item is in the source, for the report: `export.xml:123` or the crawled URL."""
    status: str = "publish"
    """`publish`, or why it is not published: `draft`, `private`, `trash`, `future`, `pending`."""
    url: str = ""
    """The item's main old address (permalink, crawled URL)."""
    old_urls: tuple[str, ...] = ()
    """Every other old address: `?p=123`, `?page_id=`, a Wayback copy's original URL."""
    slug: str = ""
    date: str = ""
    """ISO 8601 date or date-time of publication, or empty."""
    modified: str = ""
    author: str = ""
    excerpt: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Other taxonomies by name (WordPress custom taxonomies)."""
    fields: dict[str, str] = field(default_factory=dict)
    """Custom fields (post meta), spreadsheet columns, page metadata."""
    attachments: tuple[SourceFile, ...] = ()
    """Files attached to the item that its body may not link."""
    parent: str = ""
    """The key of the parent item, or empty."""
    line: int = 0
    """The line in the source file where the item starts, when the source is a file."""
    featured: str = ""
    """The URL of the item's featured image (WordPress `_thumbnail_id`), also in `attachments`."""


@dataclass
class Ignored:
    """Something in the source that never becomes a record, listed so nothing vanishes unseen."""

    what: str
    """`menu: Main menu`, `widget: sidebar-1`, `nav_menu_item: 42`."""
    why: str


@dataclass
class Source:
    """Everything an importer read from one source, plus what it saw for `--init-mapping`."""

    kind: str
    """`wordpress`, `site` or `csv`."""
    name: str
    """The file path or URL given on the command line."""
    items: list[SourceItem] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Source-level problems, each `path:line: field: what is wrong (what was expected)`."""
    site_url: str = ""
    """The old site's address, so internal links and files can be told from external ones."""
    throttle: Throttle | None = field(default=None, compare=False, repr=False)
    """A crawl's politeness (its delay raised to robots.txt's `Crawl-delay`), which the
    downloads of the site's files share: they keep the pace of the pages, from the last
    page on, rather than starting afresh."""
    inventory: dict[str, Counter[str]] = field(default_factory=dict)
    """What the source holds, by heading (`post types`, `categories`, `tags`, `custom fields`,
    `page paths`, `columns`), with counts: the scaffold of a mapping file."""
    files: dict[str, SourceFile] = field(default_factory=dict)
    """Every file the source knows by its own id (WordPress attachment ids), attached to an
    item or not: what `[gallery ids=...]` and images without alt text are looked up in."""
