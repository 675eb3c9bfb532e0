"""A parsed body made fit for Markdown, in one walk over its tree.

What runs code, submits data or draws what Markdown cannot hold is dropped and reported;
a player becomes a link to its recording and, for sound and video, a transcript
placeholder; every link, image and media address is made absolute against the page's
address and passed through the importer's `rewrite` (an unsafe one is refused); a figure
becomes its image and an italic caption; a `<pre>` becomes one code block with its
language; text is escaped (`mdtext.py`). What the walk saw is noted in `Converted`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from legacy_archive.core.importing import fragment, mdtext, recordings, shortcode_html
from legacy_archive.core.importing.recordings import MediaRef
from legacy_archive.core.validate.htmlpolicy import link_problem


@dataclass(frozen=True)
class ImageRef:
    """An image the body shows, at its old absolute address (what to download)."""

    src: str
    alt: str = ""
    caption: str = ""


@dataclass
class Converted:
    """A converted body and what the importer must still do for it."""

    markdown: str
    images: list[ImageRef] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Absolute addresses of every link, in order of first appearance, each once."""
    media: list[MediaRef] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(1-based line in `markdown`, `what is wrong (what was expected)`), by line."""


_DROPPED = frozenset(
    {
        "applet", "base", "button", "canvas", "datalist", "dialog", "fieldset", "form",
        "frame", "frameset", "head", "input", "link", "map", "math", "meta", "noembed",
        "noframes", "noscript", "optgroup", "option", "param", "portal", "script",
        "select", "slot", "style", "svg", "template", "textarea", "title", "xmp",
    }
)  # fmt: skip
"""Elements dropped with their content: they run code, submit data or draw what Markdown
cannot hold. Each one is reported."""
_MEDIA = frozenset({"iframe", "video", "audio", "embed", "object", shortcode_html.MEDIA_TAG})
_RENAMED = {"s": "del", "strike": "del", "tt": "code", "b": "strong", "i": "em"}
_CODE = frozenset({"code", "kbd", "samp", "tt", "pre"})
_KEEP_ATTRIBUTES = {
    "a": ("href",),
    "img": ("src", "alt"),
    "code": ("class",),
    "ol": ("start",),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
}
_TRACKERS = re.compile(
    r"^https?://(?:[^/]*\.)?(?:pixel\.wp\.com|stats\.wp\.com|google-analytics\.com|"
    r"googletagmanager\.com|doubleclick\.net|facebook\.com/tr|feeds\.feedburner\.com/~r|"
    r"quantserve\.com|scorecardresearch\.com)",
    re.I,
)
_LANGUAGE = re.compile(r"(?:^|\s)(?:language-|lang-|brush:\s*)([A-Za-z0-9_+#.-]{1,40})")
_UNSAFE_IN_DESTINATION = re.compile(r"[\s()<>\"\\`]")

_CAPTION = "data-archive-import-caption"
"""Where a figure leaves its caption for the images it holds, until they are walked."""


class Walk:
    """One pass over the parsed body: sanitise, note addresses, shape what Markdown holds."""

    def __init__(
        self,
        base_url: str,
        rewrite: Callable[[str], str],
        tokens: mdtext.Tokens,
        converted: Converted,
    ) -> None:
        self.base_url = base_url
        self.rewrite = rewrite
        self.tokens = tokens
        self.converted = converted
        self.seen_links: set[str] = set()

    def report(self, element: Any, message: str) -> None:
        """Drop `element`, leaving a token so the message gets the line it was on."""
        fragment.remove(element, self.tokens.problem(message))

    def children(self, parent: Any) -> None:
        for child in list(parent):
            self.element(child)

    def element(self, element: Any) -> None:
        tag = fragment.tag(element)
        if not tag:  # a comment or processing instruction: WordPress's `<!--more-->`
            fragment.remove(element)
            return
        if tag in _MEDIA:
            self.media(element, tag)
            return
        if tag in _DROPPED:
            self.report(
                element, f"leftover HTML <{tag}> dropped (expected content Markdown can hold)"
            )
            return
        if tag in _RENAMED:
            element.tag = tag = _RENAMED[tag]
        if tag == "pre":
            self.code_block(element)
            return
        if tag == "figure":
            self.figure(element)
            return
        if tag == "img":
            self.image(element)
            return
        if tag == "a":
            self.link(element)
            return
        if tag == "p" and self.empty(element):
            fragment.remove(element)
            return
        keep = _KEEP_ATTRIBUTES.get(tag, ())
        for name in list(element.attrib):
            if name not in keep:
                del element.attrib[name]
        self.children(element)

    @staticmethod
    def empty(element: Any) -> bool:
        """`<p>&nbsp;</p>`, which the visual editor left between paragraphs."""
        text = element.text_content().replace("\u00a0", "").strip()
        return not text and element.find(".//*") is None

    def absolute(self, url: str) -> str:
        value = url.strip()
        if not value or value.startswith("#"):
            return value
        try:
            return urljoin(self.base_url, value)
        except ValueError:
            return value

    def output(self, absolute: str) -> str:
        """A token for the destination: the converter would percent-encode it its own way."""
        return self.tokens.address(self.destination(absolute))

    def destination(self, absolute: str) -> str:
        """What goes in the Markdown for an address: rewritten, with only what would end
        or break a Markdown destination percent-encoded (spaces, parentheses, angle
        brackets, quotes, backslashes), so the address is otherwise the one rewritten."""
        return _UNSAFE_IN_DESTINATION.sub(lambda m: quote(m.group()), self.rewrite(absolute))

    def link(self, element: Any) -> None:
        """A link, its address made absolute and rewritten; with an unsafe scheme, its text."""
        href = element.get("href")
        if href is None or not href.strip():
            self.children(element)
            fragment.unwrap(element)
            return
        absolute = self.absolute(href)
        if absolute.startswith("#"):
            element.attrib.clear()
            element.set("href", absolute)
            self.children(element)
            return
        target = self.destination(absolute)
        why = link_problem(absolute) or link_problem(target)
        if why is not None:
            token = self.tokens.problem(f"link dropped, its text kept: {why}")
            fragment.append_run(element, [token])
            self.children(element)
            fragment.unwrap(element)
            return
        if absolute not in self.seen_links:
            self.seen_links.add(absolute)
            self.converted.links.append(absolute)
        element.attrib.clear()
        element.set("href", self.tokens.address(target))
        self.children(element)

    def image(self, element: Any) -> None:
        caption = element.get(_CAPTION) or ""
        src = (element.get("src") or "").strip()
        if not src or src.startswith("data:"):
            lazy = element.get("data-lazy-src") or element.get("data-src") or ""
            src = lazy.strip() or src
        alt = re.sub(r"\s+", " ", element.get("alt") or "").strip()
        if not src or src.lower().startswith("data:"):
            self.report(
                element,
                "leftover HTML <img> with its picture inside the page dropped (expected an "
                "image file; add it beside the record)",
            )
            return
        absolute = self.absolute(src)
        if _tracking(absolute, element):
            self.report(
                element,
                f"tracking image '{absolute}' dropped (expected images readers see)",
            )
            return
        target = self.destination(absolute)
        if (why := link_problem(absolute) or link_problem(target)) is not None:
            self.report(element, f"image dropped: {why}")
            return
        self.converted.images.append(ImageRef(absolute, alt, caption))
        element.attrib.clear()
        element.set("src", self.tokens.address(target))
        element.set("alt", self.tokens.escape(alt))

    def figure(self, element: Any) -> None:
        """An image with its caption (a `[caption]`, a block-editor image) as the image
        then its caption in italics: the archive has no figure syntax of its own."""
        captions = element.findall(".//figcaption")
        caption_text = " ".join(
            re.sub(r"\s+", " ", node.text_content()).strip() for node in captions
        ).strip()
        blocks: list[Any] = []
        for node in captions:
            paragraph = lxml.html.Element("p")
            emphasis = etree.SubElement(paragraph, "em")
            emphasis.text = node.text
            for child in list(node):
                emphasis.append(child)
            for inner in emphasis.findall(".//em") + emphasis.findall(".//i"):
                fragment.unwrap(inner)
            blocks.append(paragraph)
            fragment.remove(node)
        for image in element.iter("img"):
            image.set(_CAPTION, caption_text)
        parent = element.getparent()
        index = parent.index(element)
        tail = element.tail
        element.tag = "div"
        element.attrib.clear()
        element.tail = None
        for offset, block in enumerate(blocks, start=1):
            parent.insert(index + offset, block)
        (blocks[-1] if blocks else element).tail = tail
        self.children(element)
        for block in blocks:
            self.children(block)

    def code_block(self, element: Any) -> None:
        """Any `<pre>` (SyntaxHighlighter's `brush: php`, `language-x` on the `<code>`,
        highlighting spans inside) as `<pre><code class="language-x">text</code></pre>`."""
        code = element.find("code")
        names = [
            element.get("class") or "",
            "language-" + element.get("lang", "") if element.get("lang") else "",
            code.get("class") or "" if code is not None else "",
        ]
        classes = " ".join(names)
        match = _LANGUAGE.search(classes)
        nested = element.findall(".//pre")  # trafilatura's `<pre><pre>`: the inner one
        text = _code_text((nested[-1] if nested else element).text_content())
        tail = element.tail
        element.clear()
        element.tail = tail
        inner = etree.SubElement(element, "code")
        inner.text = text
        if match is not None:
            inner.set("class", "language-" + match.group(1).lower())

    def media(self, element: Any, tag: str) -> None:
        """A player (iframe, video, audio, a media shortcode) as a link to the recording
        and, for sound and video, a transcript placeholder; a plug-in (`<object>`, `<embed>`
        of anything but a recording) and a player with no address are dropped."""
        src = recordings.address_of(element)
        what = element.get("origin") or f"leftover HTML <{tag}>"
        if not src.strip():
            self.report(
                element, f"{what} dropped (expected a recording or page to link; none named)"
            )
            return
        absolute = self.absolute(src)
        if not absolute.startswith(("http://", "https://")):
            self.report(
                element,
                f"{what} dropped: '{src}' is not a web address (expected an https:// address "
                "or one relative to the page)",
            )
            return
        kind = recordings.kind_of(element, tag, absolute)
        if kind is None:
            self.report(
                element,
                f"leftover HTML <{tag}> '{absolute}' dropped (expected a recording or a "
                "page: browsers no longer run plug-ins)",
            )
            return
        target = self.destination(absolute)
        if (why := link_problem(target)) is not None:
            self.report(element, f"{what} dropped: {why}")
            return
        self.converted.media.append(MediaRef(absolute, kind))
        shown = recordings.shown(kind, absolute, self.tokens.address(target))
        recordings.put_in_place_of(element, shown)

    def escape(self, element: Any, *, in_code: bool) -> None:
        """Every text node outside code with Markdown's syntax characters as tokens."""
        inside = in_code or fragment.tag(element) in _CODE
        if element.text and not inside:
            element.text = self.tokens.escape(element.text)
        for child in element:
            self.escape(child, in_code=inside)
            if child.tail and not inside:
                child.tail = self.tokens.escape(child.tail)


def _code_text(text: str) -> str:
    """A code block's text without the blank lines and the common indentation a page's
    pretty-printing put around it."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return textwrap.dedent("\n".join(lines))


def _tracking(url: str, element: Any) -> bool:
    """A 1x1 image or one from a known counter: it tells a tracker who reads the page."""
    tiny = all((element.get(size) or "").strip() in ("0", "1") for size in ("width", "height"))
    return tiny or bool(_TRACKERS.match(url))
