"""Robust Links: every external link on a record page also points at an archived copy.

Links die; an archive is read for years. Each external `<a>` gets `data-originalurl`,
`data-versiondate` and `data-versionurl` (the Wayback Machine at the record's date) and a
small visible "archived copy" link after it. Link start tags are read with a real HTML parser;
new tags are rendered by Jinja with autoescape, never built from strings.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import jinja2

from legacy_archive.core.emit.environment import DEFAULT_TEMPLATES

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


class _StartTag(HTMLParser):
    """Reads the attributes of one start tag, with HTML's own rules for quotes and entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = attrs


_A_START = re.compile(r"""<a(?=[\s>/])(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_A_END = re.compile(r"</a\s*>", re.IGNORECASE)
_SKIPPED = re.compile(
    r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def external_links(
    html: str, site_url: str
) -> list[tuple[int, int, list[tuple[str, str | None]], int]]:
    """(start of `<a`, end of its start tag, attributes, end of `</a>`) of every external link.

    Only `<a>` start tags go through the HTML parser: parsing whole pages cost seconds per
    thousand records. Links inside comments, scripts, styles and textareas are left alone."""
    skipped = [m.span() for m in _SKIPPED.finditer(html)]
    links = []
    for match in _A_START.finditer(html):
        start, tag_end = match.span()
        if any(a <= start < b for a, b in skipped):
            continue
        text = match.group(0)
        # An external href, once its entities are decoded, starts with "http"; a tag whose
        # text has neither "http" nor "&" cannot hold one (most links are the site's own).
        if "http" not in text and "&" not in text:
            continue
        parser = _StartTag()
        parser.feed(text)
        parser.close()
        values = dict(parser.attrs)
        href = values.get("href") or ""
        rel = (values.get("rel") or "").split()
        if not is_external(href, site_url) or "license" in rel or "data-versionurl" in values:
            continue
        closing = _A_END.search(html, tag_end)
        if closing is None:
            continue
        links.append((start, tag_end, parser.attrs, closing.end()))
    return links


def add_robust_links(html: str, date: str, site_url: str = "") -> str:
    """Return `html` with Robust Links attributes and an archived-copy link on external links."""
    links = external_links(html, site_url)
    if not links:
        return html
    tag = _env.get_template("_robust_link.html.j2")
    copy = _env.get_template("_archived_copy.html.j2")
    out: list[str] = []
    position = 0
    for start, tag_end, attrs, end in links:
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
