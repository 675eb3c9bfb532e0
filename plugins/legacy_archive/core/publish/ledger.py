"""The URL ledger: every address the site has ever published, so none is ever broken.

A committed text file, one site-relative URL per line (`/courses/intro/`), sorted. The build
fails, naming each URL, when one would no longer resolve; `archive ledger add` records the
new ones. A renamed record keeps its old URL by listing it in `legacy_urls`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.load.attachments import attachments
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.redirects import Redirect

HEADER = """\
# Every URL this site has published, relative to the site root: the build fails when one
# of them no longer resolves, so no link anyone saved ever breaks. `archive ledger add`
# records new ones. When a page moves, keep its line and add its old URL to the record's
# legacy_urls (or to plugins.archive.redirects). Only an archive that was never published
# may start a new ledger: `archive ledger reset` (see the README).
"""
RESET_NOTE = """\
# Started afresh by `archive ledger reset`: it lists what the site published then, and
# none of the URLs of the archive this one was made from.
"""
"""Added below the header of a ledger started afresh, so its history says so."""
RESET_HINT = "`archive ledger reset --forget` (see the README)"
"""What a build that trips on the ledger tells the maker of a new archive."""

FIXED_FILES = ("/404.html", "/robots.txt", "/sitemap.xml")


@dataclass(frozen=True)
class LedgerEntry:
    url: str
    line: int


def read_ledger(path: Path) -> list[LedgerEntry]:
    """The ledger's URLs with their line numbers; a missing ledger is empty."""
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            entries.append(LedgerEntry(text, number))
    return entries


def write_ledger(path: Path, urls: Iterable[str], note: str = "") -> None:
    """Write the ledger, sorted; `note` (such as `RESET_NOTE`) goes below the header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{url}\n" for url in sorted(set(urls)))
    path.write_text(HEADER + note + lines, encoding="utf-8")


def was_reset(path: Path) -> bool:
    """Whether the ledger says it was started afresh (`add` keeps saying so)."""
    return path.is_file() and RESET_NOTE in path.read_text(encoding="utf-8")


def page_url_of(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file (`about.md` -> `about/`)."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    if stem.lower() == "readme" or stem.lower().endswith("/readme"):
        return stem[: -len("readme")]
    return stem + "/"


def docs_pages(docs_dir: Path) -> list[str]:
    """Site-relative URLs of the hand-written pages in the docs folder."""
    if not docs_dir.is_dir():
        return []
    return sorted(
        page_url_of(file.relative_to(docs_dir).as_posix())
        for file in docs_dir.rglob("*.md")
        if not any(part.startswith(".") for part in file.relative_to(docs_dir).parts)
    )


def published_urls(
    archive: Archive,
    page_urls: Iterable[str],
    redirects: Iterable[Redirect],
    data_files: Iterable[str],
) -> set[str]:
    """Every URL a build publishes: pages, record attachments, redirects and data files."""
    urls = {"/" + url for url in page_urls}
    urls.update(FIXED_FILES)
    for record in archive.every_record():
        urls.add("/" + archive.url_of(record))
        for file in attachments(record.folder, record.path):
            urls.add("/" + archive.url_of(record) + file.rel)
    for collection in archive.collections.values():
        urls.add("/" + collection.url)
    urls.update(rule.source for rule in redirects if not rule.wildcard)
    urls.update("/" + name for name in data_files)
    return urls


def resolves(site_dir: Path, url: str) -> bool:
    """Would a static host (GitHub Pages) answer this URL from the built site?"""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return (site_dir / path / "index.html").is_file()
    return any(
        (site_dir / candidate).is_file()
        for candidate in (path, path + ".html", path + "/index.html")
    )


def broken_urls(ledger: Path, entries: list[LedgerEntry], site_dir: Path) -> list[str]:
    """`path:line: url: ...` for every ledger URL the built site no longer answers."""
    return [
        f"{ledger.as_posix()}:{entry.line}: url: '{entry.url}' no longer resolves (expected a page or file at this address; if it moved, add '{entry.url}' to the record's legacy_urls or to plugins.archive.redirects)"
        for entry in entries
        if not resolves(site_dir, entry.url)
    ]
