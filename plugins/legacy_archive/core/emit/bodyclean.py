"""Clean a record body after the engine renders it, and only the body.

A record page is the page template's HTML (trusted, escaped) with the record's Markdown
body in the middle. The emitter puts the body between two HTML comments; the engine
renders the page as one Markdown document, so headings, permalinks and the table of
contents work as on any page; then `clean_rendered` cleans what lies between the first
start marker and the last end marker with `htmlpolicy.clean_html`. The template writes
nothing a body controls outside that span (its fields are escaped), so the first start
and the last end are the real ones whatever the body holds, and a body that writes a
marker itself only ends its own span early inside the cleaned text. Extensions that move
body text elsewhere (footnotes gather at the end of the document) are given a place
marker inside the span (`wrap`).
"""

from __future__ import annotations

import re

import nh3

from legacy_archive.core.validate.htmlpolicy import HtmlFinding, clean_html, inspect_html

BODY_START = "<!-- archive-record-body -->"
BODY_END = "<!-- /archive-record-body -->"


def wrap(body: str, footnotes_marker: str = "") -> str:
    """The body between its markers, as Markdown blocks of their own."""
    tail = f"\n\n{footnotes_marker}" if footnotes_marker else ""
    return f"{BODY_START}\n\n{body}{tail}\n\n{BODY_END}"


def clean_rendered(html: str) -> tuple[str, list[HtmlFinding]]:
    """The page HTML with its body span cleaned and the markers gone, and what was taken
    out that an editor should hear about. Without a start marker nothing is touched; an
    end marker that went missing cleans to the end of the page."""
    start = html.find(BODY_START)
    if start < 0:
        return html, []
    end = html.rfind(BODY_END)
    if end < start:
        end = len(html)
    inner = html[start + len(BODY_START) : end]
    rest = html[end + len(BODY_END) :] if end < len(html) else ""
    findings = inspect_html(inner)
    return html[:start] + clean_html(inner) + rest, findings


_SPACE = re.compile(r"\s+")


def locate(body: str, needle: str) -> int:
    """1-based line of the body where `needle` (a tag, attribute or value the cleaner
    removed) first appears, or 0 when it cannot be found in the source as written."""
    if not needle:
        return 0
    at = body.lower().find(needle.lower())
    if at < 0:
        first = _SPACE.split(needle.strip())[0] if needle.strip() else ""
        at = body.lower().find(first.lower()) if first else -1
    return body.count("\n", 0, at) + 1 if at >= 0 else 0


def clean_text(html: str) -> str:
    """Text-only HTML (a table of contents entry): every tag removed, text kept escaped."""
    return nh3.clean(html, tags=set())
