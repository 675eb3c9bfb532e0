"""What a built page says: the visible text of its main content, and the diff of two.

A reviewer reads what changed on the page, not in the Markdown: the theme's chrome
(header, navigation, footer), scripts, styles and heading permalinks are left out.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg", "button"})


def page_file(root: Path, path: str) -> Path:
    return root / path / "index.html" if path.endswith("/") or not path else root / path


def _chrome(element: etree._Element) -> bool:
    """A heading's permalink (the `¶` beside it), which is not part of what a page says."""
    return "headerlink" in (element.get("class") or "").split()


def visible_text(html: bytes) -> list[str]:
    """What a reader sees in the page's main content, one block per line.

    The theme's chrome (header, navigation, footer) is left out: it is the same on
    every page. Scripts, styles and buttons are not text a reader reads."""
    if not html.strip():
        return []
    document = lxml.html.document_fromstring(html)
    main = None
    for query in (".//article", ".//main", ".//body"):
        main = document.find(query)
        if main is not None:
            break
    if main is None:
        return []
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in HIDDEN or element.get("hidden") is not None or _chrome(element):
            if element.tail:
                parts.append(element.tail)
            return
        if tag in BLOCKS:
            parts.append("\n")
        if tag == "img" and element.get("alt"):
            parts.append(f"[image: {element.get('alt')}]")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if tag in BLOCKS:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    walk(main)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def page_text(root: Path, path: str) -> list[str]:
    file = page_file(root, path)
    return visible_text(file.read_bytes()) if file.is_file() else []


NOT_PAGES = ("admin/", "assets/", "pagefind/", "data/", "404.html")
"""The form editor, the theme's files, the search index, data exports and the 404 page."""


def html_pages(root: Path) -> set[str]:
    """Every HTML page of a build by path (`about/`, `old/page.html`), but `NOT_PAGES`."""
    out: set[str] = set()
    for file in root.rglob("*.html"):
        path = file.relative_to(root).as_posix()
        path = path.removesuffix("index.html")
        if not path.startswith(NOT_PAGES):
            out.add(path)
    return out


def text_diff(before: list[str], after: list[str]) -> tuple[str, ...]:
    lines = list(difflib.unified_diff(before, after, "before", "after", lineterm="", n=1))
    return tuple(lines[2:])  # without the file header lines
