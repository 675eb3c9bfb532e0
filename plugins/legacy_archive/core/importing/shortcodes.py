"""WordPress shortcodes read as WordPress reads them.

A WordPress body is HTML with `[name attr="value"]` tags in it that plugins expanded on
every page view; with WordPress gone nothing expands them, and an importer that leaves
them in publishes `[caption id="attachment_5" ...]` to every reader. This module parses
them with WordPress's own rules (quoted, single-quoted and bare attribute values,
positional values, `[x /]`, `[x]...[/x]` closed by the first `[/x]`, `[[x]]` escaped as
the literal `[x]`, other shortcodes nested in an enclosing one's content, none inside an
HTML tag); `shortcode_html.py` says what each known one becomes.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

_NAME = r"[a-z][a-z0-9_-]*"
_OPEN = re.compile(r"\[(\[?)(" + _NAME + r")(?![\w-])((?:[^\]\[/]|/(?!\]))*)(/?)\](\]?)")
"""`[` (a second `[` escapes), the name, the attributes (no `]`, `[` or a closing `/`),
an optional self-closing `/`, `]` (and the escape's second `]`)."""
_ATTR = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_CLOSE = re.compile(r"\[/(" + _NAME + r")\](\])?")
_HTML_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>")


@dataclass
class Shortcode:
    """One shortcode as written: where it is, its attributes and its content."""

    name: str
    attrs: dict[str, str]
    """Named attributes, names lower-cased, values with character references decoded."""
    positional: list[str]
    content: str | None
    """The text between `[x]` and `[/x]`, raw; None for a shortcode with no closing tag."""
    start: int
    end: int
    raw: str
    """The shortcode's opening tag as written."""
    closing: str = ""
    """The closing tag as written, or empty."""


@dataclass
class Escaped:
    """`[[x]]`: WordPress shows the literal `[x]`."""

    text: str


Node = str | Shortcode | Escaped


def parse_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """Named and positional attributes, as WordPress's `shortcode_parse_atts` splits them."""
    named: dict[str, str] = {}
    positional: list[str] = []
    for match in _ATTR.finditer(text.replace("\u00a0", " ").replace("\u200b", " ")):
        groups = match.groups()
        for name_at, value_at in ((0, 1), (2, 3), (4, 5)):
            if groups[name_at] is not None:
                named[groups[name_at].lower()] = html.unescape(groups[value_at] or "")
                break
        else:
            value = next((g for g in groups[6:] if g is not None), "")
            positional.append(html.unescape(value))
    return named, positional


class _TagSpans:
    """Where the HTML tags are, to tell a `[` in text from one inside a tag."""

    def __init__(self, text: str) -> None:
        spans = [match.span() for match in _HTML_TAG.finditer(text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def end_of_tag_at(self, offset: int) -> int | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return self.ends[index]
        return None


class _Closings:
    """Where each `[/name]` is, found in one pass: looking each one up from every opening
    tag instead would be quadratic in a body of many unclosed shortcodes."""

    def __init__(self, text: str) -> None:
        self.at: dict[str, list[int]] = {}
        self.escaped: dict[str, list[int]] = {}
        for match in _CLOSE.finditer(text):
            self.at.setdefault(match.group(1), []).append(match.start())
            if match.group(2):
                self.escaped.setdefault(match.group(1), []).append(match.start())

    def after(self, name: str, offset: int, *, escaped: bool = False) -> int:
        """The first `[/name]` (`[/name]]` if `escaped`) at or after `offset`, or -1."""
        places = (self.escaped if escaped else self.at).get(name, [])
        index = bisect.bisect_left(places, offset)
        return places[index] if index < len(places) else -1


def parse(text: str) -> list[Node]:
    """The text split into plain text, shortcodes and escaped shortcodes, in order.

    Linear: each `[` is looked at once, and an enclosing shortcode's closing tag is found
    by one search from its opening tag (a shortcode cannot nest inside one of its own name,
    in WordPress as here)."""
    nodes: list[Node] = []
    at = 0
    search_from = 0
    tags = _TagSpans(text)
    closings = _Closings(text)
    while True:
        match = _OPEN.search(text, search_from)
        if match is None:
            break
        inside = tags.end_of_tag_at(match.start())
        if inside is not None:  # `[x]` in an attribute value is not a shortcode
            search_from = inside
            continue
        escape_open, name, attrs, slash, escape_close = match.groups()
        start, end = match.span()
        if escape_open and escape_close:
            if start > at:
                nodes.append(text[at:start])
            nodes.append(Escaped(match.group()[1:-1]))
            at = search_from = end
            continue
        if escape_open and not slash:
            escaped_close = closings.after(name, end, escaped=True)
            if escaped_close >= 0:  # `[[x]...[/x]]`: the whole shortcode is literal
                stop = escaped_close + len(name) + 4
                if start > at:
                    nodes.append(text[at:start])
                nodes.append(Escaped(text[start + 1 : stop - 1]))
                at = search_from = stop
                continue
        if escape_open:  # `[[x]`: the first `[` is text
            start += 1
        raw = text[start : end - (1 if escape_close else 0)]
        content: str | None = None
        closing = ""
        after = end - (1 if escape_close else 0)
        if not slash:
            close_tag = f"[/{name}]"
            close_at = closings.after(name, after)
            if close_at >= 0:
                content = text[after:close_at]
                closing = close_tag
                after = close_at + len(close_tag)
        named, positional = parse_attributes(attrs)
        if start > at:
            nodes.append(text[at:start])
        nodes.append(Shortcode(name, named, positional, content, start, after, raw, closing))
        at = search_from = after
    if at < len(text):
        nodes.append(text[at:])
    return nodes
