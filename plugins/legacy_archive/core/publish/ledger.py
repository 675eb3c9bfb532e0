"""The URL ledger: every address the site has ever published, so none is ever broken.

A committed text file, one site-relative URL per line (`/courses/intro/`), sorted. The build
fails, naming each URL, when one would no longer resolve; `archive ledger add` records the
new ones. A renamed record keeps its old URL by listing it in `legacy_urls`. An old
address with a query (`/?p=123`) is recorded as written and resolves while the map of such
addresses the build writes (`QUERY_MAP`) still leads it somewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from legacy_archive.core.load.attachments import attachments
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.address_rules import (
    QUERY_MAP,
    query_key,
    redirect_file,
    split_query,
)
from legacy_archive.core.publish.ledger_file import LedgerEntry, page_url_of
from legacy_archive.core.publish.redirects import Redirect

FIXED_FILES = ("/404.html", "/robots.txt", "/sitemap.xml")


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


def built_queries(site_dir: Path) -> dict[str, Any]:
    """The built site's map of old addresses with a query (empty when it has none)."""
    try:
        found = json.loads((site_dir / QUERY_MAP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def resolves(site_dir: Path, url: str, queries: dict[str, Any] | None = None) -> bool:
    """Would a static host (GitHub Pages) answer this URL from the built site? A URL with a
    query only when the built map leads it on (the host's page of its path alone is not the
    page it was); `queries` is that map, read from the site when not given."""
    path, query = split_query(url)
    if "?" in url:
        found = built_queries(site_dir) if queries is None else queries
        page = found.get(redirect_file(path))
        return isinstance(page, dict) and query_key(query) in page
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return (site_dir / path / "index.html").is_file()
    return any(
        (site_dir / candidate).is_file()
        for candidate in (path, path + ".html", path + "/index.html")
    )


def broken_urls(ledger: Path, entries: list[LedgerEntry], site_dir: Path) -> list[str]:
    """`path:line: url: ...` for every ledger URL the built site no longer answers."""
    queries = built_queries(site_dir)
    return [
        f"{ledger.as_posix()}:{entry.line}: url: '{entry.url}' no longer resolves (expected a page or file at this address; if it moved, add '{entry.url}' to the record's legacy_urls or to plugins.archive.redirects)"
        for entry in entries
        if not resolves(site_dir, entry.url, queries)
    ]
