"""What GitHub Pages answers for each address of a built site, from the site folder alone.

A web archive records responses, not files: `/courses/` is served from `courses/index.html`,
`/courses` is a 301 to `/courses/`, redirect pages of old addresses are ordinary HTML pages
(Pages has no server redirects), and a missing address gets `404.html` with status 404.
An old address with a query (`/?p=123`) gets the file of its path (or the 404 page), whose
script reads the query and goes on. This module says which response each address gets, so the WARC writer and its tests agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from legacy_archive.core.export.filetypes import served_type
from legacy_archive.core.publish.address_rules import redirect_file

MOVED_BODY = (
    b"<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n"
    b"<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
"""The body Pages sends with a 301 (its servers are nginx)."""
NOT_FOUND_PAGE = "404.html"


def content_type(name: str) -> str:
    """The Content-Type Pages sends for a file name."""
    return served_type(name)


def address(site_url: str, rel: str) -> str:
    """The absolute URL of a site-relative path, percent-encoded as a browser requests it."""
    return site_url + quote(rel, safe="/:@!$&'()*+,;=")


@dataclass(frozen=True)
class Served:
    """One address and the response Pages gives it."""

    url: str
    """Absolute URL a reader may open."""
    status: int
    """200, 301 or 404."""
    file: str = ""
    """Site-relative file whose bytes are the body; empty for a 301."""
    location: str = ""
    """Where a 301 leads."""
    same_as: str = ""
    """For `a/index.html`: the URL `a/` already recorded with the same body (a revisit)."""

    @property
    def reason(self) -> str:
        return {200: "OK", 301: "Moved Permanently", 404: "Not Found"}[self.status]

    @property
    def content_type(self) -> str:
        return content_type(self.file) if self.file else "text/html"


def served_addresses(
    files: Iterable[str],
    site_url: str,
    missing_prefixes: Iterable[str] = (),
    old_queries: Iterable[str] = (),
) -> Iterator[Served]:
    """Every response of the site, in the order of `files` (site-relative, sorted).

    `missing_prefixes` are old folders a wildcard rule covers (`news/`): Pages answers them
    with the 404 page, whose script sends the reader on, so they are recorded as such.
    `old_queries` are old addresses with a query, site-relative as written (`?p=123`,
    `index.php?page_id=5`): recorded last, each with the page of its path (the same bytes
    as that page, so a revisit) or the 404 page.
    """
    names = list(files)
    present = set(names)
    if site_url.count("/") > 3:  # a project site: `/repository` is a 301 to `/repository/`
        yield Served(site_url.rstrip("/"), 301, location=site_url)
    for rel in names:
        if rel == "index.html" or rel.endswith("/index.html"):
            folder = rel.removesuffix("index.html")
            yield Served(address(site_url, folder), 200, rel)
            yield Served(address(site_url, rel), 200, rel, same_as=address(site_url, folder))
            if folder and folder.rstrip("/") not in present:
                bare = address(site_url, folder.rstrip("/"))
                yield Served(bare, 301, location=address(site_url, folder))
        else:
            yield Served(address(site_url, rel), 200, rel)
    if NOT_FOUND_PAGE in present:
        for prefix in sorted(set(missing_prefixes)):
            if prefix + "index.html" not in present and prefix.rstrip("/") not in present:
                yield Served(address(site_url, prefix), 404, NOT_FOUND_PAGE)
    for old in sorted(set(old_queries)):
        path, _, query = old.partition("?")
        url = address(site_url, path) + "?" + quote(query, safe="/:@!$&'()*+,;=?%")
        file = redirect_file("/" + path)
        if file in present:
            same = file.removesuffix("index.html") if file.endswith("index.html") else file
            yield Served(url, 200, file, same_as=address(site_url, same))
        elif NOT_FOUND_PAGE in present:
            yield Served(url, 404, NOT_FOUND_PAGE)
