"""`archive export zim`: the built site as one ZIM file, for Kiwix on phones, laptops and
school hotspots, with no connection at all.

Every file of the site becomes an entry at its own path, so the site's relative links
keep working (a link to a folder is pointed at its `index.html`: a ZIM file has no
folders). Each directory URL (`courses/intro/`) and each old address the archive keeps
(`legacy_urls`, `redirects`) becomes a ZIM redirect, so every URL of the ledger opens in
Kiwix. Pages are indexed for Kiwix's full-text search by their main text, and the search
the site runs with Pagefind gives way to a pointer to Kiwix's own (`offline.py`). What
cannot work offline is left out: the Pagefind index and the Find page's data, which only
that search reads, and the form editor, which edits the repository on GitHub.

The metadata comes from the archive's settings and the date from the
content. Entries go in sorted, with one worker thread, and libzim's random UUIDs are
replaced by UUIDs derived from the content (`zim_identity.py`), so the same commit gives
the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from legacy_archive.core.emit.find_data import DATA_DIR
from legacy_archive.core.export.common import (
    ExportContext,
    ExportError,
    add_export_options,
)
from legacy_archive.core.export.filetypes import media_type
from legacy_archive.core.export.illustration import SIZE, illustration
from legacy_archive.core.export.offline import local_links, offline_page, reading_part
from legacy_archive.core.export.pagetext import page_text
from legacy_archive.core.export.zim_identity import make_reproducible
from legacy_archive.core.publish.address_rules import redirect_file

SUFFIX = ".zim"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml")
NOT_ARTICLES = ("404.html",)
"""Pages that are not for reading on their own (not listed in Kiwix's suggestions)."""


TITLE_LIMIT = 30
DESCRIPTION_LIMIT = 80
LONG_DESCRIPTION_LIMIT = 4000
"""zimcheck's limits on `Title`, `Description` and `LongDescription`, in characters."""


def shortened(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return (cut or text[: limit - 1]) + "\u2026"


def site_icon(context: ExportContext) -> bytes | None:
    """The site's icon: the favicon or logo when it is a PNG of the site, else None."""
    names = [*context.settings.site.icons, "assets/images/favicon.png"]
    for name in names:
        path = name.strip("/")
        if path.lower().endswith(".png") and (context.site_dir / path).is_file():
            file = context.site_dir / path
            if not file.is_symlink() and file.resolve().is_relative_to(context.site_dir.resolve()):
                return file.read_bytes()
    return None


def metadata(context: ExportContext) -> dict[str, str]:
    """The metadata Kiwix's library shows and zimcheck requires, from the settings."""
    programme = context.programme
    name = programme.name if programme else context.site_name
    if programme:
        span = f"{programme.start[:4]}-{programme.end[:4]}"
        about = f"The archive of {programme.name} ({span})"
        if programme.funder:
            about += f", funded by {programme.funder}"
        about += "."
    else:
        about = f"The archive {context.site_name}."
    long = context.site_description or about
    if context.site_description and about not in long:
        long = f"{long} {about}"
    collections = [c.spec.name for c in context.archive.collections.values()]
    tags = ["_category:other", "_ftindex:yes", "_pictures:yes", "_videos:no", "_details:yes"]
    tags += ["archive", "education", *collections]
    publisher = context.site_name
    return {
        "Name": f"{context.slug}_{context.language.split('-')[0].lower()}_all",
        "Title": shortened(context.site_name, TITLE_LIMIT),
        "Description": shortened(context.site_description or about, DESCRIPTION_LIMIT),
        "LongDescription": shortened(long, LONG_DESCRIPTION_LIMIT),
        "Language": context.language3,
        "Creator": ", ".join([name, *(programme.partners if programme else ())]),
        "Publisher": publisher,
        "Date": context.date,
        "Tags": ";".join(dict.fromkeys(tags)),
        "Source": context.site_url,
        "Scraper": "legacy-archive (archive export zim)",
        "Flavour": "all",
    }


@dataclass(frozen=True)
class Entry:
    """One content entry of the ZIM file."""

    path: str
    title: str
    mimetype: str
    content: bytes | None
    """The bytes, for pages (changed for Kiwix); None for files libzim reads from disk."""
    file: Path
    front: bool
    """A page a reader opens (in Kiwix's suggestions and random page)."""
    text: str
    """The words the full-text index holds for it; empty when it is not indexed."""


def page_title(title: str, site_name: str) -> str:
    """A page's title without the site's name that Material appends (`Intro - Site`)."""
    for separator in (" - ", " \u2013 ", " | "):
        if title.endswith(separator + site_name):
            return title[: -len(separator + site_name)]
    return title


def left_out(context: ExportContext) -> tuple[str, ...]:
    """Folders the ZIM file leaves out: those only the site's Pagefind search reads (its
    index and the Find page's data), and the form editor, which edits the repository on
    GitHub and loads its code from the web: neither can work without a connection."""
    site = context.settings.site
    folders = [DATA_DIR, site.search_dir, site.admin_dir]
    return tuple(f"{folder.strip('/')}/" for folder in folders if folder.strip("/"))


def redirect_map(context: ExportContext) -> dict[str, str]:
    """ZIM redirects: path -> the entry it leads to, every one of them to a content entry.

    The old addresses the archive keeps (their redirect pages on the website become
    redirects here, which Kiwix follows without a script), and every directory URL
    (`courses/intro/`, as the site's links and the ledger write them) to its `index.html`."""
    skipped = left_out(context)
    present = {f.path for f in context.files if not f.path.startswith(skipped)}
    old: dict[str, str] = {}
    for source, target in context.redirects.items():
        file = context.file_of(target)
        if file is None or file not in present:
            continue
        old[redirect_file("/" + source)] = file
        if source.endswith("/"):
            old[source] = file
    redirects = dict(old)
    for path in present:
        if path.endswith("/index.html") and path not in old:
            folder = path.removesuffix("index.html")
            redirects.setdefault(folder, path)
    return dict(sorted(redirects.items()))


def entries(context: ExportContext, redirects: dict[str, str]) -> Iterator[Entry]:
    """The content entries, sorted by path: every site file but the redirect pages (now ZIM
    redirects) and the search's folders."""
    skipped = left_out(context)
    kept = [f for f in context.files if f.path not in redirects and not f.path.startswith(skipped)]
    paths = frozenset([*(f.path for f in kept), *redirects])
    base_path = urlsplit(context.site_url).path
    for site_file in kept:
        path = site_file.path
        kind = media_type(path)
        if kind != "text/html":
            yield Entry(path, "", kind, None, site_file.file, False, "")
            continue
        html = local_links(offline_page(site_file.file.read_bytes()), path, base_path, paths)
        text = page_text(reading_part(html).decode("utf-8", errors="replace"))
        front = text.listed and path not in NOT_ARTICLES
        title = page_title(text.title, context.site_name) or path
        yield Entry(path, title, kind, html, site_file.file, front, text.text if front else "")


@contextmanager
def progress_to_stderr() -> Iterator[None]:
    """libzim prints its progress on the process's standard output; send it to standard
    error, so the command's own output stays its one summary line."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def write_zim(context: ExportContext, target: Path) -> str:
    """Write the ZIM file to `target`; return a summary for the command's last line."""
    from libzim.writer import (
        Creator,
        FileProvider,
        Hint,
        IndexData,
        Item,
        StringProvider,
    )

    class PageIndex(IndexData):  # type: ignore[misc]
        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

        def has_indexdata(self) -> bool:
            return bool(self.entry.text)

        def get_title(self) -> str:
            return self.entry.title

        def get_content(self) -> str:
            return self.entry.text

        def get_keywords(self) -> str:
            return ""

        def get_wordcount(self) -> int:
            return len(self.entry.text.split())

        def get_geoposition(self) -> tuple[float, float] | None:
            return None

    class SiteItem(Item):  # type: ignore[misc]
        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

        def get_path(self) -> str:
            return self.entry.path

        def get_title(self) -> str:
            return self.entry.title

        def get_mimetype(self) -> str:
            return self.entry.mimetype

        def get_contentprovider(self) -> object:
            if self.entry.content is not None:
                return StringProvider(self.entry.content)
            return FileProvider(str(self.entry.file))

        def get_hints(self) -> dict[object, bool]:
            text = self.entry.mimetype.startswith(TEXT_TYPES) or self.entry.mimetype.endswith(
                "+xml"
            )
            return {Hint.FRONT_ARTICLE: self.entry.front, Hint.COMPRESS: text}

        def get_indexdata(self) -> object:
            return PageIndex(self.entry)

    redirects = redirect_map(context)
    digest = hashlib.sha256()
    count = pages = 0
    try:
        creator = Creator(str(target)).config_indexing(True, context.language3)
        with progress_to_stderr(), creator.config_nbworkers(1):
            creator.set_mainpath("index.html")
            for entry in entries(context, redirects):
                data = entry.content if entry.content is not None else entry.file.read_bytes()
                digest.update(f"{entry.path}\0{hashlib.sha256(data).hexdigest()}\n".encode())
                creator.add_item(SiteItem(entry))
                count += 1
                pages += entry.front
            for path, into in redirects.items():
                digest.update(f"{path}\0->{into}\n".encode())
                creator.add_redirection(path, "", into, {Hint.FRONT_ARTICLE: False})
            for key, value in metadata(context).items():
                digest.update(f"{key}\0{value}\n".encode())
                creator.add_metadata(key, value)
            icon = illustration(site_icon(context))
            digest.update(icon)
            creator.add_illustration(SIZE, icon)
    except RuntimeError as error:  # libzim's own refusals (an entry it cannot take)
        raise ExportError(f"{target.name}: libzim could not write the file: {error}") from error
    make_reproducible(target, digest.hexdigest(), indexes=2)
    return f"{count} entries ({pages} pages), {len(redirects)} redirects"


def register(subcommands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `archive export zim`."""
    parser = subcommands.add_parser(
        "zim",
        help="one ZIM file for Kiwix: every page, search, no connection needed",
        description="Write the built site as a ZIM file that Kiwix opens offline, with "
        "full-text search, the archive's redirects and the metadata Kiwix's library shows.",
    )
    add_export_options(parser, SUFFIX)
    parser.set_defaults(suffix=SUFFIX, write=write_zim)
