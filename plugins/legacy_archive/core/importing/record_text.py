"""The text of an imported record: front matter values, a summary, and the Markdown fixes
made after conversion (file names, alt text, hotlinked images, a repeated title).

Pure functions of their arguments, so each is tested and reused on its own.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Any

import nh3
import yaml

FILE_EXTENSIONS = frozenset(
    {
        "pdf", "doc", "docx", "ppt", "pptx", "pps", "ppsx", "xls", "xlsx", "odt", "odp", "ods",
        "rtf", "txt", "csv", "zip", "epub", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "mov",
        "png", "jpg", "jpeg", "gif", "webp", "svg", "vtt", "srt",
    }
)  # fmt: skip
"""Links to the old site with these endings are files to keep, not pages."""
IMAGE_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "webp", "svg")
MEDIA_FILE = re.compile(r"(?i)\.(mp4|webm|mp3|m4a|ogg)$")


@dataclass
class Wanted:
    """A file the record needs from the old site."""

    url: str
    name: str
    """The file name beside the record (`photo.jpg`, `photo-2.jpg` on a clash)."""
    title: str = ""
    alt: str = ""
    role: str = "file"
    """`image` (in the body), `featured`, `media`, `link` (a linked file) or `file` (attached)."""


def plain_text(markup: str) -> str:
    """Text of HTML without tags, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


def markdown_paragraphs(markdown: str) -> list[str]:
    """Paragraphs of a Markdown body as plain text (no headings, lists, tables or images)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(("#", "|", "-", "*", "!", ">", "```", "<", "1.")):
            continue
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"[*_`\\]", "", text)
        text = " ".join(text.split())
        if text:
            paragraphs.append(text)
    return paragraphs


def summary_of(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a sentence where one ends in time, else a word."""
    text = " ".join(text.split())
    if not limit or len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence >= 40:
        return cut[: sentence + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…" if " " in cut else cut


def paths_in(text: str) -> list[str]:
    """Old addresses written in a field (a spreadsheet's column): URLs or paths."""
    return [word for word in re.split(r"[\s,;]+", text) if word.startswith(("/", "http"))]


def without_title(markdown: str, title: str) -> tuple[str, int]:
    """The body without leading blank lines or the title a crawled page starts with (the
    record page shows it already), and how many lines were taken off the top."""
    body = markdown.lstrip("\n")
    first, _, rest = body.partition("\n")
    if first.startswith("# ") and " ".join(first[2:].split()) == title:
        body = rest.lstrip("\n")
    prefix = markdown[: len(markdown) - len(body)]
    return body.rstrip(), prefix.count("\n")


def _as_link(url: str, match: re.Match[str]) -> str:
    return f"[Image: {match.group(1) or 'picture'}]({url})"


def hotlinks_to_links(markdown: str, urls: list[str]) -> str:
    """`![alt](https://elsewhere/x.png)` → `[Image: alt](https://elsewhere/x.png)`."""
    for url in urls:
        pattern = re.compile(r"!\[([^\]]*)\]\(<?" + re.escape(url) + r">?(\s+\"[^\"]*\")?\)")
        markdown = pattern.sub(functools.partial(_as_link, url), markdown)
    return markdown


def fill_alt(markdown: str, alts: dict[str, str]) -> str:
    """Images the body shows without alt text get the alt the old site stored for the file."""
    for name, alt in alts.items():
        if alt:
            clean = alt.replace("]", ")").replace("[", "(").replace("\n", " ")
            markdown = markdown.replace(f"![]({name})", f"![{clean}]({name})")
    return markdown


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key, as editors write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def record_text(fields: dict[str, Any]) -> str:
    dumped = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n"


def line_of(lines: list[str], field_name: str) -> int:
    key = field_name.split(".", 1)[0].split("[", 1)[0]
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
