"""Emitter speed-ups give exactly the same pages: HTML blocks set aside from the Markdown
come back in place, and relative URLs match `posixpath.relpath`."""

from __future__ import annotations

import posixpath

import markdown
import pytest

from legacy_archive.core.emit.environment import _relpath
from legacy_archive.core.emit.htmlblocks import put_back, set_aside

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "tables"]
CASES = {
    "facts then body": '<div class="a">\n<p>x &amp; y</p>\n\n<dl>\n<dt>A</dt>\n\n<dd>b</dd>\n</dl>\n</div>\n\n## Body\n\nText *here*.\n',
    "heading right after a block": '<div class="m">\n<ul>\n<li>one</li>\n</ul>\n</div>\n## Modules\n\nText.\n',
    "nested blocks of one tag": "<div>\n<div>\n<p>in</p>\n</div>\n</div>\n\nAfter.\n",
    "markdown inside stays": '<div markdown="1">\n*emphasis*\n</div>\n\nAfter.\n',
    "unclosed block stays": "<div>\n<p>open\n\nText.\n",
    "block after a paragraph line stays": "Some text\n<div>x</div>\n\nMore.\n",
    "several top-level blocks": "<p>one</p>\n\n<figure><img src='a.png' alt='A'></figure>\n\n<details>\n<summary>S</summary>\n<p>t</p>\n</details>\n",
}


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_pages_render_the_same_with_blocks_set_aside(text: str) -> None:
    markdown_text, blocks = set_aside(text)
    assert put_back(render(markdown_text), blocks) == render(text)


def test_blocks_are_set_aside_and_markdown_is_not() -> None:
    text = CASES["heading right after a block"]
    markdown_text, blocks = set_aside(text)
    assert blocks == ['<div class="m">\n<ul>\n<li>one</li>\n</ul>\n</div>']
    assert markdown_text.startswith('<div data-archive-block="0"></div>\n## Modules')
    assert set_aside(CASES["markdown inside stays"]) == (CASES["markdown inside stays"], [])


def test_the_record_body_is_never_set_aside() -> None:
    text = "<div>\nBODY\n</div>\n\n<p>after</p>\n"
    markdown_text, blocks = set_aside(text, keep="BODY")
    assert "BODY" in markdown_text and blocks == ["<p>after</p>"]


@pytest.mark.parametrize(
    ("target", "base"),
    [
        ("courses/a", "courses/b"),
        ("courses/a", "."),
        (".", "courses/a"),
        ("subjects/animation", "courses/a"),
        ("courses/a/slides.pdf", "courses/a"),
        ("courses", "courses/a"),
        ("courses/a", "courses"),
        ("a/b/c", "a/x/y/z"),
        ("./courses//a", "courses/./b"),
        ("../up", "courses/a"),
        ("/abs", "courses"),
    ],
)
def test_relative_paths_match_posixpath(target: str, base: str) -> None:
    assert _relpath(target, base) == posixpath.relpath(target, base)
