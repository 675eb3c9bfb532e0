"""A built page's title and readable text, for a web archive's page list and its search.

Replay tools (ReplayWeb.page, the Internet Archive's and national libraries' portals) search
`pages.jsonl`, so its text is what a reader reads: the page's main content when it marks
one, without scripts, styles, navigation, headers or footers.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html  # type: ignore[import-untyped]

SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "nav", "header", "footer"})
BLOCKS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dd", "dt", "br"}
)


@dataclass(frozen=True)
class PageText:
    title: str
    text: str
    """The main content's words, one space between them."""
    listed: bool
    """False for pages that ask not to be indexed (redirect pages, the form editor)."""


def page_text(html: str | bytes) -> PageText:
    """The title and text of a page (its `<main>` when it has one, else its body). Text is
    read as UTF-8 bytes (lxml refuses a string whose page declares an encoding)."""
    data = html.encode("utf-8") if isinstance(html, str) else html
    if not data.strip():
        return PageText("", "", True)
    root = lxml.html.document_fromstring(data)
    title = " ".join((root.findtext(".//title") or "").split())
    noindex = any(
        "noindex" in (meta.get("content") or "").lower()
        for meta in root.iter("meta")
        if (meta.get("name") or "").lower() == "robots"
    )
    for element in list(root.iter(*SKIPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    for anchor in root.xpath(
        '//a[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]'
    ):
        anchor.drop_tree()  # the heading's `¶` link, not its words
    for block in root.iter(*BLOCKS):
        block.tail = " " + (block.tail or "")  # words of adjacent blocks stay apart
    main = root.find(".//main")
    body = main if main is not None else root.find("body")
    words = " ".join((body if body is not None else root).text_content().split())
    return PageText(title, words, not noindex)
