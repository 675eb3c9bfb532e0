"""A WordPress export (WXR 1.0-1.2, Tools → Export in wp-admin) read into the shared model.

The export is untrusted XML, parsed with defusedxml (no DTD, entities or external
references: an entity bomb is a message, not exhausted memory). Posts, pages and custom
post types become items, with their status (the mapping skips drafts and says so);
attachments become files of their parent item; menus, reusable blocks and revisions are
listed as ignored. Each item keeps the line where it starts, for the report.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import defusedxml
import defusedxml.ElementTree as SafeTree

from legacy_archive.core.importing.items import Ignored, Source, SourceFile, SourceItem

MAX_EXPORT_BYTES = 1024 * 1024 * 1024
"""A larger export is split with WordPress's own export filters (by date or post type)."""

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"

IGNORED_TYPES = {
    "nav_menu_item": "a menu entry: menus are rebuilt from the collections",
    "wp_block": "a reusable block: its text is in the posts that use it",
    "revision": "an earlier revision of a post",
    "customize_changeset": "theme customizer settings",
    "custom_css": "the theme's custom CSS",
    "oembed_cache": "WordPress's cache of embeds",
    "user_request": "a personal data request",
    "wp_template": "a block theme template",
    "wp_template_part": "a block theme template part",
    "wp_global_styles": "block theme styles",
    "wp_navigation": "a block theme menu",
    "wp_font_family": "a font",
    "wp_font_face": "a font",
    "scheduled-action": "a plugin's scheduled task",
    "shop_order": "a shop order (personal data)",
    "wpcf7_contact_form": "a contact form",
    "acf-field-group": "custom field settings",
    "acf-field": "custom field settings",
}
"""Post types that never become records, and why (everything else can be mapped)."""

INVENTORY = (
    "post types",
    "statuses",
    "categories",
    "tags",
    "taxonomies",
    "custom fields",
    "authors",
)
"""What `--init-mapping` lists of an export, in this order."""
USEFUL_INTERNAL_META = ("_yoast_wpseo_metadesc", "_aioseop_description")
"""Internal (`_`-prefixed) meta worth keeping: SEO descriptions make good summaries."""


class ExportError(Exception):
    """The file is not a WordPress export that can be read; nothing is imported."""


class _LineBuilder(ElementTree.TreeBuilder):
    """Remembers the line where each `<item>` starts (expat knows; ElementTree forgets)."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None
        self.item_lines: list[int] = []

    def start(self, tag: str, attrs: dict[str, str]) -> ElementTree.Element:
        if tag == "item" and self.parser is not None:
            self.item_lines.append(int(self.parser.CurrentLineNumber))
        return super().start(tag, attrs)


def _parse(path: Path, name: str) -> tuple[ElementTree.Element, list[int]]:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExportError(
            f"{name}:1: file: cannot be read: {error.strerror} (expected a WordPress export file)"
        ) from None
    if size > MAX_EXPORT_BYTES:
        raise ExportError(
            f"{name}:1: file: {size // (1024 * 1024)} MB (expected at most "
            f"{MAX_EXPORT_BYTES // (1024 * 1024)} MB; export by post type or date in Tools → Export)"
        )
    builder = _LineBuilder()
    parser = SafeTree.DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser.parser
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                parser.feed(chunk)
        root = parser.close()
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden) as error:
        line = getattr(parser.parser, "CurrentLineNumber", 1)
        raise ExportError(
            f"{name}:{line}: file: declares a DTD or entities ({type(error).__name__}), which "
            "a WordPress export never does (refused: entities can expand to gigabytes; "
            "expected the file as Tools → Export wrote it)"
        ) from None
    except defusedxml.DefusedXmlException as error:
        raise ExportError(
            f"{name}:1: file: refused unsafe XML: {error} (expected a plain WordPress export)"
        ) from None
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else 1
        what = str(error).split(":")[0]
        hint = "cut off before its end" if "no element found" in what else "broken"
        raise ExportError(
            f"{name}:{line}: file: the XML is {hint}: {what} (expected a complete WordPress "
            "export: download it again from Tools → Export)"
        ) from None
    except OSError as error:
        raise ExportError(f"{name}:1: file: cannot be read: {error.strerror}") from None
    return root, builder.item_lines


class _Names:
    """The export's namespaces, whatever WXR version wrote them."""

    def __init__(self, root: ElementTree.Element) -> None:
        uris = {tag[1:].split("}")[0] for tag in _all_tags(root) if tag.startswith("{")}
        self.wp = next((u for u in sorted(uris) if WP_NAMESPACE.match(u)), "")
        self.excerpt = next((u for u in sorted(uris) if EXCERPT_NAMESPACE.match(u)), "")

    def tag(self, prefix: str, local: str) -> str:
        uri = {
            "wp": self.wp,
            "excerpt": self.excerpt,
            "content": CONTENT_NAMESPACE,
            "dc": DC_NAMESPACE,
        }[prefix]
        return f"{{{uri}}}{local}"


def _all_tags(root: ElementTree.Element) -> set[str]:
    channel = root.find("channel")
    return {element.tag for element in channel.iter()} if channel is not None else set()


def _text(element: ElementTree.Element, tag: str) -> str:
    return _raw(element, tag).strip()


def _raw(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def _date(wp_date: str, pub_date: str) -> str:
    """`2019-05-01 10:00:00` as `2019-05-01T10:00:00`; WordPress writes zeros for no date."""
    if wp_date and not wp_date.startswith("0000"):
        return wp_date.replace(" ", "T")
    if pub_date:
        try:
            return parsedate_to_datetime(pub_date).strftime("%Y-%m-%dT%H:%M:%S")
        except (TypeError, ValueError, IndexError):
            return ""
    return ""


def _same_site(url: str, site: str) -> bool:
    def host(value: str) -> str:
        return (urlsplit(value).hostname or "").lower().removeprefix("www.")

    return bool(url) and bool(site) and host(url) == host(site)


def read_wxr(path: Path, name: str = "") -> Source:
    """Read a WordPress export; raise ExportError (one clear message) when it is not one."""
    name = name or path.name
    root, item_lines = _parse(path, name)
    channel = root.find("channel") if root.tag == "rss" else None
    names = _Names(root)
    if channel is None or not names.wp:
        raise ExportError(
            f"{name}:1: file: not a WordPress export (expected an RSS file with WordPress's "
            "export namespace, as Tools → Export in wp-admin writes it)"
        )
    wp = names.wp
    site = (
        _text(channel, f"{{{wp}}}base_blog_url")
        or _text(channel, "link")
        or _text(channel, f"{{{wp}}}base_site_url")
    ).rstrip("/")
    source = Source(kind="wordpress", name=name, site_url=site)
    inventory: dict[str, Counter[str]] = {key: Counter() for key in INVENTORY}
    authors = {
        _text(a, f"{{{wp}}}author_login"): _text(a, f"{{{wp}}}author_display_name")
        or _text(a, f"{{{wp}}}author_login")
        for a in channel.findall(f"{{{wp}}}author")
    }
    for term in channel.findall(f"{{{wp}}}term"):
        if _text(term, f"{{{wp}}}term_taxonomy") == "nav_menu":
            source.ignored.append(
                Ignored(f"menu: {_text(term, f'{{{wp}}}term_name')}", "menus are not records")
            )
    items = channel.findall("item")
    lines = item_lines if len(item_lines) == len(items) else [0] * len(items)
    files: dict[str, SourceFile] = {}
    attached: dict[str, list[str]] = {}
    for element in items:
        if _text(element, f"{{{wp}}}post_type") != "attachment":
            continue
        post_id = _text(element, f"{{{wp}}}post_id")
        meta = _meta(element, wp)
        url = _text(element, f"{{{wp}}}attachment_url") or _text(element, "guid")
        files[post_id] = SourceFile(
            url=urljoin(site + "/", url),
            title=_text(element, "title"),
            alt=meta.get("_wp_attachment_image_alt", ""),
            caption=_text(element, names.tag("excerpt", "encoded")),
            mime=_text(element, f"{{{wp}}}post_mime_type"),
        )
        parent = _text(element, f"{{{wp}}}post_parent")
        if parent and parent != "0":
            attached.setdefault(parent, []).append(post_id)
    source.files = files
    for element, line in zip(items, lines, strict=True):
        kind = _text(element, f"{{{wp}}}post_type") or "post"
        post_id = _text(element, f"{{{wp}}}post_id")
        title = _text(element, "title")
        if kind == "attachment":
            continue
        inventory["post types"][kind] += 1
        if kind in IGNORED_TYPES:
            source.ignored.append(
                Ignored(f"{kind} {post_id}: {title or '(untitled)'}", IGNORED_TYPES[kind])
            )
            continue
        source.items.append(
            _item(element, line, names, site, name, authors, files, attached, inventory)
        )
    source.inventory = {key: counter for key, counter in inventory.items() if counter}
    return source


def _meta(element: ElementTree.Element, wp: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for entry in element.findall(f"{{{wp}}}postmeta"):
        key = _text(entry, f"{{{wp}}}meta_key")
        if key and key not in meta:
            meta[key] = _raw(entry, f"{{{wp}}}meta_value").strip()
    return meta


def _item(
    element: ElementTree.Element,
    line: int,
    names: _Names,
    site: str,
    name: str,
    authors: dict[str, str],
    files: dict[str, SourceFile],
    attached: dict[str, list[str]],
    inventory: dict[str, Counter[str]],
) -> SourceItem:
    wp = names.wp
    kind = _text(element, f"{{{wp}}}post_type") or "post"
    post_id = _text(element, f"{{{wp}}}post_id")
    status = _text(element, f"{{{wp}}}status") or "publish"
    if status == "publish" and _text(element, f"{{{wp}}}post_password"):
        status = "password-protected"
    inventory["statuses"][status] += 1
    meta = _meta(element, wp)
    fields = {
        key: value
        for key, value in sorted(meta.items())
        if (not key.startswith("_") or key in USEFUL_INTERNAL_META) and value
    }
    for key in fields:
        inventory["custom fields"][key] += 1
    categories: list[str] = []
    tags: list[str] = []
    terms: dict[str, list[str]] = {}
    for category in element.findall("category"):
        domain = category.get("domain", "category")
        value = (category.text or "").strip()
        if not value:
            continue
        if domain == "category":
            categories.append(value)
            inventory["categories"][value] += 1
        elif domain == "post_tag":
            tags.append(value)
            inventory["tags"][value] += 1
        else:
            terms.setdefault(domain, []).append(value)
            inventory["taxonomies"][f"{domain}: {value}"] += 1
    login = _text(element, names.tag("dc", "creator"))
    author = authors.get(login, login)
    if author:
        inventory["authors"][author] += 1
    link = urljoin(site + "/", _text(element, "link")) if _text(element, "link") else ""
    old = [f"{site}/?page_id={post_id}" if kind == "page" else f"{site}/?p={post_id}"]
    guid = _text(element, "guid")
    if _same_site(guid, site) and guid != link:
        old.append(guid)
    old_slug = meta.get("_wp_old_slug", "")
    slug = _text(element, f"{{{wp}}}post_name")
    if old_slug and slug and link.rstrip("/").endswith("/" + slug):
        base = link.rstrip("/")[: -len(slug)]
        old.append(base + old_slug + ("/" if link.endswith("/") else ""))
    own = [files[i] for i in attached.get(post_id, []) if i in files]
    featured = files.get(meta.get("_thumbnail_id", ""))
    if featured is not None and featured not in own:
        own.insert(0, featured)
    parent = _text(element, f"{{{wp}}}post_parent")
    return SourceItem(
        key=f"wp:{post_id}",
        kind=kind,
        title=title_text(_text(element, "title")),
        html=_raw(element, names.tag("content", "encoded")),
        origin=f"{name}:{line}" if line else name,
        status=status,
        url=link,
        old_urls=tuple(dict.fromkeys(u for u in old if u and u != link)),
        slug=slug,
        date=_date(_text(element, f"{{{wp}}}post_date"), _text(element, "pubDate")),
        modified=_date(_text(element, f"{{{wp}}}post_modified"), ""),
        author=author,
        excerpt=_raw(element, names.tag("excerpt", "encoded")).strip(),
        categories=tuple(dict.fromkeys(categories)),
        tags=tuple(dict.fromkeys(tags)),
        terms={key: tuple(dict.fromkeys(values)) for key, values in sorted(terms.items())},
        fields=fields,
        attachments=tuple(own),
        parent=f"wp:{parent}" if parent and parent != "0" else "",
        line=line,
        featured=featured.url if featured is not None else "",
    )


def title_text(title: str) -> str:
    """WordPress titles hold HTML entities and the odd tag (`Tips &amp; <em>tricks</em>`)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", title)).split())
