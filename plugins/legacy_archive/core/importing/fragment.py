"""A body's HTML as a tree to edit: parsed safely, given WordPress's paragraphs, and
changed without losing the text around what is moved or taken out.

lxml keeps text in two places (an element's `text` and the `tail` after it), so removing
or unwrapping an element naively drops the words that follow it; these helpers keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html  # type: ignore[import-untyped]

from legacy_archive.core.importing.shortcode_html import MEDIA_TAG

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "col", "colgroup", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul", "iframe", "video", "audio", "object", "embed",
        MEDIA_TAG,
    }
)  # fmt: skip
"""Elements wpautop never wraps in a paragraph."""
CONTAINERS = frozenset(
    {
        "article", "aside", "blockquote", "dd", "details", "div", "figure", "footer",
        "header", "li", "main", "nav", "section", "td", "th",
    }
)  # fmt: skip
"""Blocks whose content wpautop splits into paragraphs at blank lines."""
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


MAX_DEPTH = 256
"""libxml2's nesting limit: what is nested deeper is not read (and a body nested that deep
is broken HTML, usually tags never closed)."""


def parse(text: str) -> tuple[Any, str | None]:
    """The fragment as the `<body>` of a document (lxml's HTML parser: never raises on
    broken markup, no network, no entities beyond HTML's), and why part of it was not
    read, if it was not."""
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    document = lxml.html.document_fromstring(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>" + text + "</body></html>",
        parser=parser,
    )
    body = document.find("body")
    lost = None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        lost = (
            f"the HTML nests elements more than {MAX_DEPTH} deep and what is deeper was not "
            "read (expected ordinary nesting: look for tags never closed)"
        )
    return (body if body is not None else document), lost


def loose_text(root: Any) -> bool:
    """Text at the top level split by a blank line: paragraphs WordPress would have made."""
    pieces = [root.text or ""] + [child.tail or "" for child in root]
    return any(piece.strip() and PARAGRAPH_BREAK.search(piece) for piece in pieces)


def tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def autop(container: Any, *, top: bool, wordpress: bool = True) -> None:
    """WordPress's wpautop on a tree: runs of text and inline elements between blocks
    become paragraphs at blank lines (always at the top level, inside other blocks only
    when a blank line splits them); a single line break inside a paragraph is a `<br>`.

    Not `wordpress` (a crawled page, block-editor content), line breaks are only spaces,
    but text or an image between two blocks still becomes a paragraph of its own: the
    converter would run it into the block before it (an image into a list's last item)."""
    items: list[Any] = [container.text or ""]
    for child in container:
        items += [child, child.tail or ""]
        child.tail = None
    container.text = None
    for child in list(container):
        container.remove(child)
    run: list[Any] = []
    mixed = any(not isinstance(item, str) and tag(item) in BLOCKS for item in items)
    wrap = top or (mixed and tag(container) not in ("li", "dd", "td", "th"))

    def flush() -> None:
        paragraphs = _split_run(run, always=top) if wordpress else _whole_run(run, wrap=wrap)
        for paragraph in paragraphs:
            append_run(container, paragraph)
        run.clear()

    for item in items:
        if isinstance(item, str) or tag(item) not in BLOCKS:
            run.append(item)
            continue
        flush()
        container.append(item)
        if tag(item) in CONTAINERS:
            autop(item, top=False, wordpress=wordpress)
    flush()


def _whole_run(run: list[Any], *, wrap: bool) -> Iterator[Any]:
    """A run of text and inline elements as one `<p>` (or as itself), whitespace alone
    between blocks dropped."""
    if not any(not isinstance(item, str) or item.strip() for item in run):
        return
    if not wrap:
        yield list(run)
        return
    items = list(run)
    if isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    paragraph = lxml.html.Element("p")
    append_run(paragraph, items)
    yield paragraph


def _split_run(run: list[Any], *, always: bool) -> Iterator[Any]:
    """A run of text and inline elements as `<p>` elements (or as itself, unwrapped)."""
    paragraphs: list[list[Any]] = [[]]
    for item in run:
        if isinstance(item, str):
            parts = PARAGRAPH_BREAK.split(item)
            paragraphs[-1].append(parts[0])
            for part in parts[1:]:
                paragraphs.append([part])
        else:
            paragraphs[-1].append(item)
    wrap = always or len(paragraphs) > 1
    for items in paragraphs:
        if not any(not isinstance(item, str) or item.strip() for item in items):
            continue
        if not wrap:
            yield items
            continue
        paragraph = lxml.html.Element("p")
        append_run(paragraph, _with_breaks(items))
        yield paragraph


def _with_breaks(items: list[Any]) -> list[Any]:
    """Single line breaks inside a paragraph as `<br>` elements, the edges trimmed."""
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    out: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            out.append(item)
            continue
        lines = item.split("\n")
        out.append(lines[0])
        for line in lines[1:]:
            out += [lxml.html.Element("br"), "\n" + line]
    return out


def append_run(parent: Any, items: Any) -> None:
    """Append an element, or a list of strings and elements, keeping lxml's text/tail."""
    if not isinstance(items, list):
        parent.append(items)
        return
    for item in items:
        if isinstance(item, str):
            last = parent[-1] if len(parent) else None
            if last is None:
                parent.text = (parent.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            parent.append(item)


def remove(element: Any, replacement: str = "") -> None:
    """Take `element` out of the tree, its tail (and `replacement`) kept in its place."""
    parent = element.getparent()
    if parent is None:
        return
    text = replacement + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def unwrap(element: Any) -> None:
    """Replace `element` by its content."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    children = list(element)
    text = element.text or ""
    tail = element.tail or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last_child = children[-1] if children else None
    if last_child is not None:
        last_child.tail = (last_child.tail or "") + tail
        parent.remove(element)
    else:
        element.text = None
        remove(element)
