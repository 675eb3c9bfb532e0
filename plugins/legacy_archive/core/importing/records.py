"""One source item as a record: front matter the collection's schema accepts, a Markdown
body, and the files it needs beside it.

The body comes from the converter (`htmlmd.to_markdown`), run twice: once to learn which
images, links and media the item refers to, once with every address rewritten to what the
record should hold (a downloaded file's name, another imported record's new address, the
old URL otherwise). Whatever cannot be made right here (a missing alt text, a video with
no transcript, a value the vocabulary lacks) is left so that `archive check` names it at
its line: the import never invents content to make a record pass.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from legacy_archive.core.emit.environment import relative_url
from legacy_archive.core.importing.download import same_site_key
from legacy_archive.core.importing.frontmatter import Fields, OldAddresses, front_matter
from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.mapping import Mapping
from legacy_archive.core.importing.plan import Planned, address_key
from legacy_archive.core.importing.record_text import (
    FILE_EXTENSIONS,
    MEDIA_FILE,
    Wanted,
    fill_alt,
    hotlinks_to_links,
    line_of,
    record_text,
    without_title,
)
from legacy_archive.core.importing.target import TargetArchive
from legacy_archive.core.load.attachments import ACTIVE_TYPES, safe_name


@dataclass
class Fetched:
    """What downloading the wanted files gave: bytes by URL, or why not."""

    bodies: dict[str, bytes] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


@dataclass
class Prepared:
    """An item's files to fetch and its body as converted while naming them."""

    wanted: list[Wanted]
    hotlinked: list[str]
    converted: Any
    named: set[str]
    """The addresses the body already points at by their downloaded names."""


@dataclass
class RecordDraft:
    """A record ready to write: its text, its files, and what is left for an editor."""

    rel: str
    url: str
    text: str
    files: dict[str, str] = field(default_factory=dict)
    """Archive-relative path → old URL, for the files beside the record."""
    problems: list[str] = field(default_factory=list)
    """`path:line: field: message` for what the import saw and could not fix."""
    notes: list[str] = field(default_factory=list)
    """What the import did that an editor may want to know (kept as a link, not kept)."""


RECORDING_KINDS = frozenset({"audio", "video"})
"""What may fill a collection's media field: a map or slides embedded is a link, not a recording."""

Convert = Callable[..., Any]
"""`htmlmd.to_markdown`, passed in so the converter module is imported in one place."""


@dataclass
class Context:
    source: Source
    mapping: Mapping
    target: TargetArchive
    addresses: dict[str, str]
    convert: Convert
    local_hosts: tuple[tuple[str, int | None], ...]
    """Hosts whose files are the old site's own (the site, a Wayback copy of it)."""
    site_key: tuple[str, int | None] = ("", None)
    pages: frozenset[str] = frozenset()
    """The site-relative page URL of every record this import writes (`reports/intro/`)."""

    def on_site(self, url: str) -> bool:
        return url.startswith(("http://", "https://")) and same_site_key(url) in self.local_hosts

    def is_page_address(self, url: str) -> bool:
        return bool(self.site_key[0]) and same_site_key(url) == self.site_key


def file_extension(url: str) -> str:
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def file_key(address: str) -> tuple[str, str]:
    """The address one downloaded file is known by, and the `#fragment` a link adds to it.

    `report.pdf#page=4` and `report.pdf?ver=2` name the file `report.pdf` (a static copy
    has no query to answer), so they share its download; the fragment stays in the link."""
    file, fragment = urldefrag(address)
    if file_extension(file) in FILE_EXTENSIONS:
        file = urlsplit(file)._replace(query="").geturl()
    return file, fragment


def file_name(url: str, taken: set[str]) -> str:
    """A safe name from the URL's last part, never one already taken (`-2`, `-3`, ...)."""
    raw = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or "file"
    name = safe_name(raw)
    if name.rsplit(".", 1)[-1] in ACTIVE_TYPES or name == "index.md":
        name += ".txt"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{stem}-{number}.{ext}" if ext else f"{stem}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


class RecordBuilder:
    """Builds the record of one planned item (see the module docstring for the order)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._alts = {f.url: f.alt for f in ctx.source.files.values() if f.alt}
        """The alt text the old site stored for each file, by URL."""

    def record_url(self, planned: Planned) -> str:
        spec = self.ctx.target.spec(planned.collection)
        return f"{spec.url_path if spec else planned.collection}/{planned.slug}/"

    def html_of(self, planned: Planned) -> str:
        """The item's body, or the field the mapping names (plain text made paragraphs)."""
        rule = self.ctx.mapping.collection_map(planned.collection).body
        if not rule:
            return planned.item.html
        text = planned.item.fields.get(rule.split(":", 1)[1], "")
        if re.search(r"<[a-zA-Z][^>]*>", text):
            return text
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "".join(
            "<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>\n" for p in paragraphs
        )

    def _page_link(self, address: str, url: str) -> str | None:
        """The new record's relative address for a link to an imported item, or None."""
        if not self.ctx.is_page_address(address):
            return None
        target = self.ctx.addresses.get(address_key(address))
        if target is None:
            return None
        fragment = urlsplit(address).fragment
        return relative_url(url, target) + (f"#{fragment}" if fragment else "")

    def wanted(self, planned: Planned, known: dict[str, str]) -> Prepared:
        """Files to fetch for an item, and its body converted as if every one arrives.

        Names are given as the converter meets each address, so one conversion does;
        a second is needed only when a file fails or an image has no file ending."""
        item, ctx = planned.item, self.ctx
        url = self.record_url(planned)
        taken = {"index.md"} | {posixpath.basename(p) for p in known.values()}
        names: dict[str, str] = {}

        def name_of(address: str) -> str:
            if address not in names:
                names[address] = (
                    posixpath.basename(known[address])
                    if address in known
                    else file_name(address, taken)
                )
            return names[address]

        def rewrite(address: str) -> str:
            page = self._page_link(address, url)
            if page is not None:
                return page
            file, fragment = file_key(address)
            if ctx.on_site(file) and file_extension(file) in FILE_EXTENSIONS:
                return name_of(file) + (f"#{fragment}" if fragment else "")
            return address

        converted = self._convert(planned, rewrite)
        named = set(names)
        wanted: dict[str, Wanted] = {}
        hotlinked: list[str] = []

        def want(address: str, role: str, title: str = "", alt: str = "") -> None:
            address = file_key(address)[0]
            if address in wanted:
                wanted[address].title = wanted[address].title or title
                wanted[address].alt = wanted[address].alt or alt
                return
            if ctx.on_site(address):
                wanted[address] = Wanted(address, name_of(address), title, alt, role)

        for image in converted.images:
            if ctx.on_site(image.src):
                want(image.src, "image", image.caption, image.alt)
            elif image.src.startswith(("http://", "https://")):
                hotlinked.append(image.src)
        for media in converted.media:
            if MEDIA_FILE.search(urlsplit(media.url).path):
                want(media.url, "media")
        for link in converted.links:
            if file_key(link)[0] in named:
                want(link, "link")
        if item.featured:
            featured = next(
                (f for f in item.attachments if file_key(f.url)[0] == file_key(item.featured)[0]),
                None,
            )
            want(
                item.featured,
                "featured",
                featured.title if featured else "",
                featured.alt if featured else "",
            )
        for attachment in item.attachments:
            want(attachment.url, "file", attachment.title, attachment.alt)
        return Prepared(list(wanted.values()), hotlinked, converted, named)

    def build(
        self, planned: Planned, rel: str, prepared: Prepared, fetched: Fetched
    ) -> RecordDraft:
        item, ctx = planned.item, self.ctx
        wanted, hotlinked = prepared.wanted, prepared.hotlinked
        url = self.record_url(planned)
        folder = posixpath.dirname(rel)
        have = {w.url: w for w in wanted if w.url in fetched.bodies}
        draft = RecordDraft(rel, url, "")
        for w in wanted:
            if w.url in fetched.refused:
                draft.notes.append(f"file '{w.url}' was not downloaded: {fetched.refused[w.url]}")

        def rewrite(address: str) -> str:
            file, fragment = file_key(address)
            if file in have:
                return have[file].name + (f"#{fragment}" if fragment else "")
            page = self._page_link(address, url)
            return page if page is not None else address

        converted = prepared.converted
        body_files = {w.url for w in wanted if w.role in ("image", "link", "media")}
        if prepared.named != body_files & set(have):
            converted = self._convert(planned, rewrite)
        body, shift = without_title(converted.markdown, item.title)
        body += "\n"
        alts = {
            have[src].name: have[src].alt or self._alt_of(src)
            for src in (file_key(i.src)[0] for i in converted.images)
            if src in have
        }
        alts.update(
            {w.name: w.alt or self._alt_of(w.url) for w in have.values() if w.role == "image"}
        )
        body = fill_alt(body, alts)
        body = hotlinks_to_links(body, hotlinked)
        for address in hotlinked:
            draft.notes.append(
                f"image '{address}' is on another site: kept as a link, not downloaded "
                "(download it and put it beside the record to show it)"
            )
        dead = sorted(
            {
                link
                for link in converted.links
                if ctx.is_page_address(link)
                and address_key(link) not in ctx.addresses
                and file_key(link)[0] not in have
                and link not in {w.url for w in wanted}
            }
        )
        for link in dead:
            draft.notes.append(f"link to '{link}', a page of the old site that was not imported")
        collection = ctx.mapping.collection_map(planned.collection)
        about = Fields(
            {spec.name: spec for spec in ctx.target.fields(planned.collection)},
            ctx.target.registry.vocabularies,
            ctx.mapping.file,
            OldAddresses(
                ctx.is_page_address, ctx.pages, ctx.target.root, ctx.target.settings.site.docs_dir
            ),
            self._alt_of,
        )
        recordings = [m for m in converted.media if m.kind in RECORDING_KINDS]
        fields, problems, notes = front_matter(item, collection, about, recordings, have, body)
        draft.notes += notes
        text = record_text(fields)
        offset = text.count("\n") + 1
        draft.text = text + "\n" + body
        lines = text.splitlines()
        for line, message in converted.problems:
            draft.problems.append(f"{rel}:{max(1, line - shift) + offset}: body: {message}")
        for field_name, message in problems:
            draft.problems.append(f"{rel}:{line_of(lines, field_name)}: {field_name}: {message}")
        draft.files = {f"{folder}/{w.name}": w.url for w in have.values()}
        return draft

    def _convert(self, planned: Planned, rewrite: Callable[[str], str]) -> Any:
        """The item's body converted: a `[gallery]` without ids shows the item's own files,
        and a crawled page keeps the paragraphs its HTML has (no WordPress autop)."""
        item, ctx = planned.item, self.ctx
        return ctx.convert(
            self.html_of(planned),
            base_url=item.url or ctx.source.site_url or ctx.source.name,
            rewrite=rewrite,
            attachments=ctx.source.files,
            own_files=item.attachments,
            autop=False if ctx.source.kind == "site" else None,
        )

    def _alt_of(self, url: str) -> str:
        return self._alts.get(url, "")
