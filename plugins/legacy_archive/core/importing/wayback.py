"""Web Archive copies of an old site: their addresses, their raw bytes, their original links.

A Wayback address is `<prefix><timestamp>[modifier]/<original>`, the prefix being
`https://web.archive.org/web/` or another Wayback-style service's (pywb and OpenWayback
use the same shape). The `id_` modifier serves the page as it was captured, without the
toolbar or rewritten links, so a crawl fetches that; when only the rewritten page is there,
the toolbar, the injected scripts and styles (`/_static/`) and the rewritten addresses are
taken back out, so the imported record cites the old site, never the archive's copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

__all__ = [
    "KNOWN_PREFIXES",
    "WaybackURL",
    "original_link",
    "parse",
    "strip_wayback",
    "unrewrite",
]

KNOWN_PREFIXES = (
    "https://web.archive.org/web/",
    "http://web.archive.org/web/",
    "https://web.archive.org/",
)
"""Services recognised without being named; others are given as `prefixes`."""

_AFTER_PREFIX = re.compile(r"(?P<ts>\d{4,14})(?P<mod>[a-z]{2}_)?/(?P<original>.+)\Z", re.DOTALL)
# Any host serving `/web/<14-digit timestamp>/<address>` is taken for a Wayback-style service.
_GENERIC = re.compile(
    r"(?P<prefix>https?://[^/?#]+/web/)(?P<ts>\d{14})(?P<mod>[a-z]{2}_)?/(?P<original>.+)\Z",
    re.DOTALL,
)
_SCHEME = re.compile(r"(?i)\A(https?):/*")
_TOOLBAR = re.compile(
    r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
    re.DOTALL | re.IGNORECASE,
)
_HEAD_INSERT = re.compile(
    r"<script[^>]*>(?:(?!</script>).)*__wm\.(?:(?!</script>).)*</script>"
    r"|<!--\s*End Wayback Rewrite JS Include\s*-->"
    r"|<!--\s*FILE ARCHIVED ON.*?-->"
    r"|<!--\s*playback timings.*?-->",
    re.DOTALL | re.IGNORECASE,
)
_URL_ATTRIBUTES = ("href", "src", "action", "poster", "data-src", "background")


@dataclass(frozen=True)
class WaybackURL:
    """One address of an archived copy, split into its parts."""

    prefix: str
    """Up to and including the slash before the timestamp: `https://web.archive.org/web/`."""
    timestamp: str
    modifier: str
    """`id_`, `im_`, `js_`, `cs_`, `if_` or empty."""
    original: str
    """The address the page had on the old site."""

    @property
    def raw(self) -> str:
        """The address that serves the captured bytes, without the toolbar or rewriting."""
        return self.copy(self.original, "id_")

    def copy(self, original: str, modifier: str = "id_") -> str:
        """The address of `original` in this copy (same service and timestamp)."""
        return f"{self.prefix}{self.timestamp}{modifier}/{original}"


def _original(text: str) -> str:
    match = _SCHEME.match(text)
    if match:
        return f"{match.group(1).lower()}://{text[match.end() :]}"
    return f"http://{text}"


def parse(url: str, prefixes: Iterable[str] = ()) -> WaybackURL | None:
    """The parts of a Wayback address, or None when `url` is not one."""
    for prefix in (*prefixes, *KNOWN_PREFIXES):
        if url.startswith(prefix):
            match = _AFTER_PREFIX.match(url, len(prefix))
            if match:
                original = _original(match.group("original"))
                if urlsplit(original).hostname:
                    return WaybackURL(prefix, match.group("ts"), match.group("mod") or "", original)
    match = _GENERIC.match(url)
    if match:
        original = _original(match.group("original"))
        if urlsplit(original).hostname:
            return WaybackURL(
                match.group("prefix"), match.group("ts"), match.group("mod") or "", original
            )
    return None


def original_link(link: str, page_url: str, page: WaybackURL) -> str | None:
    """What a link in an archived page pointed to on the old site; None for the archive's own.

    `page_url` is the address the page was fetched from: a raw (`id_`) page holds original
    links, relative to the original address; a rewritten page holds Wayback ones.
    """
    link = link.strip()
    if not link or link.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    absolute = urljoin(page_url, link)
    found = parse(absolute, (page.prefix,))
    if found is not None:
        return found.original
    service = urlsplit(page.prefix)
    here = urlsplit(absolute)
    if (here.scheme, here.netloc) == (service.scheme, service.netloc):
        own = ("//", "http:", "https:", service.path, "/_static/")
        if link.startswith(own) or here.path.startswith("/_static/"):
            return None  # the archive's own page or file (/_static/, /web/ search pages)
        # A relative link in a raw page: relative to the original address.
        return urljoin(page.original, link)
    return absolute


def strip_wayback(html: str) -> str:
    """`html` without the Wayback toolbar, its injected scripts and styles and its comments."""
    html = _TOOLBAR.sub("", html)
    html = _HEAD_INSERT.sub("", html)
    if "/_static/" not in html:
        return html
    # Injected <script src> and <link href> under /_static/: drop the elements themselves.
    return re.sub(
        r"<(script|link)\b[^>]*\b(?:src|href)=[\"'][^\"']*/_static/[^\"']*[\"'][^>]*>"
        r"(?:\s*</script>)?",
        "",
        html,
        flags=re.IGNORECASE,
    )


def unrewrite(html: str, page_url: str, page: WaybackURL) -> str:
    """`html` with every rewritten address turned back into the old site's address."""
    if not html.strip():
        return html
    try:
        document = lxml.html.document_fromstring(re.sub(r"\A\s*<\?xml[^>]*\?>", "", html))
    except (lxml.etree.LxmlError, ValueError):
        return html
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            original = original_link(value, page_url, page)
            if original is None:
                if not value.strip().startswith(("#", "mailto:", "tel:")):
                    del element.attrib[attribute]
                continue
            element.set(attribute, original)
        srcset = element.get("srcset")
        if srcset is not None:
            element.set("srcset", _unrewrite_srcset(srcset, page_url, page))
    text: str = lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
    return text


def _unrewrite_srcset(value: str, page_url: str, page: WaybackURL) -> str:
    candidates = []
    for candidate in value.split(","):
        address, _, size = candidate.strip().partition(" ")
        original = original_link(address, page_url, page) if address else None
        if original is not None:
            candidates.append(f"{original} {size}".strip())
    return ", ".join(candidates)
