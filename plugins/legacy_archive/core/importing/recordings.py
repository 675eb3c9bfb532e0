"""Recordings a body embedded, as an archive keeps them: a link and a transcript to write.

An old page played its talks and videos in players (an `<iframe>` of YouTube or Vimeo,
`<video>`, `<audio>`, WordPress's `[video]` and `[audio]`, an address on its own line),
which die with the sites behind them. The record keeps a link to each recording and,
under it, a placeholder saying the transcript is still to be written; the engine flags a
missing transcript on the record's media field, which the importer fills from what is
noted here (`MediaRef`). An embed that is not a recording (a map, slides) is kept as a
link alone; a plug-in (Flash) is not kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html  # type: ignore[import-untyped]

from legacy_archive.core.importing import fragment, shortcode_html
from legacy_archive.core.validate.body import TRANSCRIPT_NEEDED

TRANSCRIPT_PLACEHOLDER = f"{TRANSCRIPT_NEEDED} this recording has no transcript in the archive yet."
"""Shown under each recording (sound or video) the body held, below a link to it. `archive
check` flags the line itself (so does the record's media field, where the collection has
one: `transcript` is required there, set by the importer from `Converted.media`), so the
editor replaces it with the transcript. Other embeds (a map, a slideshow) get the link alone."""


@dataclass(frozen=True)
class MediaRef:
    """A recording the body embedded (a file or a player), at its old absolute address."""

    url: str
    kind: str
    """`audio`, `video` (a file, or YouTube/Vimeo) or `embed` (any other player)."""


_MEDIA_EXTENSIONS = re.compile(r"\.(mp3|m4a|ogg|oga|wav|flac|mp4|m4v|webm|ogv|mov)$", re.I)

_AUDIO = frozenset({"mp3", "m4a", "ogg", "oga", "wav", "flac"})


def address_of(element: Any) -> str:
    """The address a player plays: its `src`, an `<object>`'s `data`, a `<source>`'s."""
    src = element.get("src") or element.get("data") or ""
    if not src:
        source = element.find(".//source[@src]")
        src = source.get("src") if source is not None else ""
    return str(src)


def kind_of(element: Any, tag: str, absolute: str) -> str | None:
    """`audio`, `video` or `embed`, or None for a plug-in that is not a recording."""
    if tag == shortcode_html.MEDIA_TAG:
        return str(element.get("kind") or "embed")
    if tag in ("video", "audio"):
        return tag
    kind = shortcode_html.provider_kind(absolute)
    extension = _MEDIA_EXTENSIONS.search(urlsplit(absolute).path)
    if kind == "embed" and extension is not None:
        return "audio" if extension.group(1).lower() in _AUDIO else "video"
    if kind == "embed" and tag in ("object", "embed"):
        return None
    return kind


def shown(kind: str, url: str, href: str) -> list[Any]:
    """A link to the recording at `url` (written `href`), then for sound and video the
    transcript placeholder."""
    link = lxml.html.Element("a", href=href)
    link.text = _label(kind, url)
    elements = [link]
    if kind in ("audio", "video"):
        placeholder = lxml.html.Element("em")
        placeholder.text = TRANSCRIPT_PLACEHOLDER
        elements.append(placeholder)
    return elements


_INLINE_PARENTS = frozenset({"a", "em", "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "strong"})


def put_in_place_of(element: Any, shown: list[Any]) -> None:
    """Each of `shown` as a paragraph where `element` was (in place of the paragraph it
    was alone in), or on lines of their own inside the sentence it was in."""
    parent = element.getparent()
    alone = fragment.tag(parent) == "p" and not parent.text_content().strip() and len(parent) == 1
    if alone:
        element, parent = parent, parent.getparent()
    index = parent.index(element)
    tail = element.tail
    parent.remove(element)
    if alone or fragment.tag(parent) not in _INLINE_PARENTS:
        pieces = []
        for item in shown:
            paragraph = lxml.html.Element("p")
            paragraph.append(item)
            pieces.append(paragraph)
    else:
        pieces = [shown[0]]
        for item in shown[1:]:
            pieces += [lxml.html.Element("br"), item]
    for offset, piece in enumerate(pieces):
        parent.insert(index + offset, piece)
    pieces[-1].tail = tail


def _label(kind: str, url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    where = name if _MEDIA_EXTENSIONS.search(name) else parts.netloc.removeprefix("www.")
    noun = {"audio": "Listen to the recording", "video": "Watch the video"}.get(
        kind, "Open the embedded content"
    )
    return f"{noun} ({where})"
