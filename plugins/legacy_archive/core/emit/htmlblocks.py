"""Set generated HTML blocks aside while the engine renders Markdown, then put them back.

Record, listing and browse pages are Markdown with HTML blocks rendered by Jinja (facts,
cards, search data). Python-Markdown passes raw HTML blocks through unchanged, but it
still parses every tag of them first: at 10,000 records that was a third of the render
time. A block set aside becomes one empty placeholder element, which the engine passes
through untouched, and the adapter swaps the block back into the page's HTML.

Only whole top-level blocks of a template's output are set aside: they start with a block
tag after a blank line, end with its closing tag, and ask for no Markdown inside (no
`markdown` attribute). Record bodies are never touched.
"""

from __future__ import annotations

import re

BLOCK_TAGS = ("div", "dl", "figure", "details", "ul", "ol", "table", "section", "p", "nav")
_START = re.compile(r"<(" + "|".join(BLOCK_TAGS) + r")[\s>]")
PLACEHOLDER = '<div data-archive-block="{}"></div>'
_PLACEHOLDER = re.compile(r'<div data-archive-block="(\d+)"></div>')


def set_aside(markdown: str, keep: str = "") -> tuple[str, list[str]]:
    """Markdown with its top-level HTML blocks replaced by numbered placeholders, and the blocks.

    A block starts with a block tag at the start of a line after a blank line (or right
    after another block) and ends on the line that closes it, as in Python-Markdown. Blocks holding `keep` (the record
    body's stand-in) or a `markdown` attribute stay in the Markdown."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _START.match(line)
        follows_text = bool(out and out[-1].strip() and not _PLACEHOLDER.fullmatch(out[-1]))
        if match is None or follows_text:
            out.append(line)
            index += 1
            continue
        tag = match.group(1)
        opening, closing = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
        depth, end = 0, index
        while end < len(lines):
            depth += len(opening.findall(lines[end])) - lines[end].count(closing)
            if depth <= 0:
                break
            end += 1
        block = "\n".join(lines[index : end + 1])
        whole = depth == 0 and lines[min(end, len(lines) - 1)].rstrip().endswith(closing)
        if not whole or "markdown=" in block or (keep and keep in block):
            out.append(line)
            index += 1
            continue
        out.append(PLACEHOLDER.format(len(blocks)))
        blocks.append(block)
        index = end + 1
    return "\n".join(out), blocks


def put_back(html: str, blocks: list[str] | tuple[str, ...]) -> str:
    """The rendered page with every placeholder replaced by its block."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)
