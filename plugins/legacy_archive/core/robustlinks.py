"""Robust Links: every external link on a record page also points at an archived copy.

Links die; an archive is read for years. Each external `<a>` gets `data-originalurl`,
`data-versiondate` and `data-versionurl` (the Wayback Machine at the record's date) and a
small visible "archived copy" link after it. The page HTML is read with a real HTML parser;
new tags are rendered by Jinja with autoescape, never built from strings.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import jinja2

from .pages import DEFAULT_TEMPLATES

WAYBACK = "https://web.archive.org/web/"
SKIPPED_HOSTS = ("web.archive.org", "archive.org")

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def version_date(date: str) -> str:
    """A record date (`2021`, `2021-06`, `2021-06-30`) as a full day: `2021-06-30`."""
    parts = [*date.split("-"), "01", "01"][:3] if date else ["1996", "01", "01"]
    return "-".join(parts)


def wayback_url(url: str, date: str) -> str:
    """The Wayback Machine's copy of `url` nearest to `date` (14-digit timestamp)."""
    return f"{WAYBACK}{version_date(date).replace('-', '')}000000/{url}"


def is_external(href: str, site_url: str) -> bool:
    if not href.startswith(("http://", "https://")):
        return False
    if site_url and href.startswith(site_url.rstrip("/") + "/"):
        return False
    return urlsplit(href).hostname not in SKIPPED_HOSTS


class _LinkFinder(HTMLParser):
    """Finds the start and end of every external `<a>` element, as character offsets."""

    def __init__(self, site_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.line_starts: list[int] = [0]
        self.links: list[tuple[int, int, list[tuple[str, str | None]], int]] = []
        """(start of `<a`, end of its start tag, attributes, end of `</a>`)"""
        self._open: tuple[int, int, list[tuple[str, str | None]]] | None = None
        self._text = ""

    def run(self, html: str) -> None:
        self._text = html
        offset = 0
        for line in html.splitlines(keepends=True):
            offset += len(line)
            self.line_starts.append(offset)
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        values = dict(attrs)
        href = values.get("href") or ""
        rel = (values.get("rel") or "").split()
        if not is_external(href, self.site_url) or "license" in rel or "data-versionurl" in values:
            return
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self._open = (start, start + len(raw), attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            end = self._text.index(">", self._offset()) + 1
            self.links.append((*self._open, end))
            self._open = None


_ENCODED_HREF = re.compile(r"""href\s*=\s*["']?[^"'>]*&""", re.IGNORECASE)
_ABSOLUTE_HREF = re.compile(r"""href\s*=\s*["']?\s*(https?://[^\s"'>]*)""", re.IGNORECASE)


def may_have_external_links(html: str, site_url: str = "") -> bool:
    """A cheap over-approximation: can `html` hold an external link at all?

    Parsing a whole page costs milliseconds; most record pages link nowhere outside, so
    they skip the parser. Entity-encoded or unusual hrefs still count as possible links."""
    if _ENCODED_HREF.search(html):
        return True
    return any(is_external(m.group(1), site_url) for m in _ABSOLUTE_HREF.finditer(html))


def add_robust_links(html: str, date: str, site_url: str = "") -> str:
    """Return `html` with Robust Links attributes and an archived-copy link on external links."""
    if not may_have_external_links(html, site_url):
        return html
    finder = _LinkFinder(site_url)
    finder.run(html)
    if not finder.links:
        return html
    tag = _env.get_template("_robust_link.html.j2")
    copy = _env.get_template("_archived_copy.html.j2")
    out: list[str] = []
    position = 0
    for start, tag_end, attrs, end in finder.links:
        href = dict(attrs).get("href") or ""
        version = wayback_url(href, date)
        attrs = [
            *attrs,
            ("data-originalurl", href),
            ("data-versiondate", version_date(date)),
            ("data-versionurl", version),
        ]
        out.append(html[position:start])
        out.append(tag.render(attrs=attrs).strip())
        out.append(html[tag_end:end])
        out.append(copy.render(url=version).rstrip())
        position = end
    out.append(html[position:])
    return "".join(out)
