"""What the WordPress shortcodes an archive can keep become: plain HTML the converter reads.

`[caption]` becomes a figure with its caption, `[gallery]` and `[playlist]` the item's
attachments, `[audio]`, `[video]` and `[embed]` a media element (the converter makes it a
link and a transcript placeholder), `[code]`/`[sourcecode]` a code block. Any other
shortcode is left as literal text and reported, so nothing vanishes unseen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from legacy_archive.core.importing.items import SourceFile
from legacy_archive.core.importing.shortcodes import Escaped, Node, Shortcode, parse

KNOWN = (
    "audio", "caption", "code", "embed", "gallery", "playlist", "sourcecode", "video",
    "wp_caption",
)  # fmt: skip
"""Shortcodes this module converts; every other one is kept as text and reported."""

_IMAGE_PART = re.compile(r"^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$", re.I | re.S)
"""The image a `[caption]` wraps (maybe in a link), then its caption: WordPress's layout."""
_AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "wav", "wma", "flac")
_VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
MEDIA_TAG = "archive-import-media"
"""The element `[audio]`, `[video]` and `[embed]` become: the converter turns it into a
link and a transcript placeholder, as it does with `<iframe>`, `<video>` and `<audio>`."""


@dataclass
class Marks:
    """How expansion leaves a note for the converter: a token standing for literal text
    or for a problem, which the converter resolves to a line in the Markdown."""

    literal: Callable[[str, str | None], str]
    """`literal(text, problem)`: a token shown as `text` (Markdown-escaped), reported with
    `problem` at its line when not None."""
    problem: Callable[[str], str]
    """`problem(message)`: a token that shows nothing, reported at its line."""


@dataclass
class Expansion:
    """What expanding shortcodes needs besides the text."""

    marks: Marks
    attachments: Mapping[str, str | SourceFile] = field(default_factory=dict)
    """Attachments by WordPress id -> URL (or the file with its alt and caption): what
    `ids="..."` names."""
    own: Sequence[str | SourceFile] | None = None
    """The item's own attachments, in order: what a `[gallery]` without ids shows. None
    when `attachments` holds the item's own only."""


def expand(text: str, context: Expansion) -> str:
    """The text with every shortcode replaced by HTML, or by a literal token if unknown."""
    return "".join(_expand_nodes(parse(text), context))


def _expand_nodes(nodes: list[Node], context: Expansion) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, str):
            yield node
        elif isinstance(node, Escaped):
            yield html.escape(node.text, quote=False)
        else:
            yield _expand_one(node, context)


def _expand_one(code: Shortcode, context: Expansion) -> str:
    handler = _HANDLERS.get(code.name)
    if handler is not None:
        return handler(code, context)
    expected = ", ".join(KNOWN)
    opening = context.marks.literal(
        _one_line(code.raw),
        f"unknown shortcode [{code.name}] kept as text (expected one of: {expected}; "
        "replace it with what it showed)",
    )
    if code.content is None:
        return opening
    inner = expand(code.content, context)
    return opening + inner + context.marks.literal(code.closing, None)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text))


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _caption(code: Shortcode, context: Expansion) -> str:
    """`[caption]<a><img></a> Text[/caption]` (or `caption="Text"`): a figure."""
    content = expand(code.content or "", context)
    match = _IMAGE_PART.match(content)
    if match is None:
        message = (
            f"[{code.name}] holds no image (expected an <img> followed by the caption text); "
            "its text is kept"
        )
        return context.marks.problem(message) + content
    image, rest = match.groups()
    caption = code.attrs.get("caption", "") and html.escape(code.attrs["caption"], quote=False)
    caption = caption or rest.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{figcaption}</figure>\n\n"


def _ids(code: Shortcode, *names: str) -> list[str] | None:
    for name in names:
        if name in code.attrs:
            return [part.strip() for part in code.attrs[name].split(",") if part.strip()]
    return None


def _file(value: str | SourceFile) -> SourceFile:
    return value if isinstance(value, SourceFile) else SourceFile(url=value)


_KINDS = {
    "image": re.compile(r"\.(jpe?g|png|gif|webp|avif|svg)$", re.I),
    "audio": re.compile(r"\.(mp3|m4a|ogg|oga|wav|flac)$", re.I),
    "video": re.compile(r"\.(mp4|m4v|webm|ogv|mov)$", re.I),
}
_NOUN = {"image": "an image", "audio": "a sound", "video": "a video"}


def _is(kind: str, item: SourceFile) -> bool:
    """Whether an attachment is an image (or sound, or video), by its type or its name."""
    if item.mime:
        return item.mime.lower().startswith(kind + "/")
    return bool(_KINDS[kind].search(urlsplit(item.url).path))


def _chosen(code: Shortcode, context: Expansion, kind: str) -> tuple[list[SourceFile], str]:
    """The attachments of `kind` a gallery or playlist shows, and a problem token for the
    ids it names that are missing or of another kind."""
    ids = _ids(code, "ids", "include")
    if ids is None:
        excluded = {
            _file(context.attachments[key]).url
            for key in _ids(code, "exclude") or []
            if key in context.attachments
        }
        values = context.own if context.own is not None else list(context.attachments.values())
        pool = [_file(value) for value in values]
        return [item for item in pool if item.url not in excluded and _is(kind, item)], ""
    named = {key: _file(context.attachments[key]) for key in ids if key in context.attachments}
    missing = [key for key in ids if key not in named]
    other = [key for key, item in named.items() if not _is(kind, item)]
    problems = ""
    if missing:
        problems += context.marks.problem(
            f"[{code.name}] names attachment {', '.join(missing)} that the export does not "
            "hold (expected ids of its attachments); add the file by hand"
        )
    if other:
        problems += context.marks.problem(
            f"[{code.name}] names attachment {', '.join(other)}, which is not {_NOUN[kind]} "
            f"(expected ids of {kind} files); it is left out"
        )
    return [item for key, item in named.items() if key not in other], problems


def _gallery(code: Shortcode, context: Expansion) -> str:
    """`[gallery ids="1,2"]`, or the item's attachments: one figure per image."""
    files, problems = _chosen(code, context, "image")
    parts = [problems]
    if not files and not problems:
        parts.append(
            context.marks.problem(
                f"[{code.name}] shows no image (expected attachments on the item or ids=...)"
            )
        )
    for item in files:
        image = f'<img src="{_attr(item.url)}" alt="{_attr(item.alt)}">'
        caption = html.escape(item.caption, quote=False)
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        parts.append(f"\n\n<figure>{image}{figcaption}</figure>\n\n")
    return "".join(parts)


def media_element(kind: str, url: str, origin: str) -> str:
    """The element a piece of media becomes before conversion (see MEDIA_TAG); `origin`
    names what it was, for a message."""
    attrs = f'kind="{_attr(kind)}" src="{_attr(url)}" origin="{_attr(origin)}"'
    return f"\n\n<{MEDIA_TAG} {attrs}></{MEDIA_TAG}>\n\n"


def _media_url(code: Shortcode, keys: tuple[str, ...]) -> str:
    for key in keys:
        if code.attrs.get(key, "").strip():
            return code.attrs[key].strip()
    for value in code.positional:
        if value.startswith(("http://", "https://", "/")):
            return value
    return (code.content or "").strip() if code.content and "<" not in code.content else ""


def _media(kind: str, keys: tuple[str, ...]) -> Callable[[Shortcode, Expansion], str]:
    def handler(code: Shortcode, context: Expansion) -> str:
        url = _media_url(code, keys)
        if not url:
            return context.marks.problem(
                f'[{code.name}] names no file (expected {keys[0]}="address of the file")'
            )
        return media_element(kind, html.unescape(url), f"[{code.name}]")

    return handler


def _embed(code: Shortcode, context: Expansion) -> str:
    """`[embed]https://...[/embed]`: the address is the content."""
    url = html.unescape(re.sub(r"<[^>]*>", "", code.content or "")).strip()
    if not url:
        url = code.attrs.get("src", "") or next(iter(code.positional), "")
    if not url.startswith(("http://", "https://", "//")):
        return context.marks.problem(
            f"[{code.name}] holds no address (expected [embed]https://...[/embed])"
        )
    return media_element(provider_kind(url), url, f"[{code.name}]")


def _playlist(code: Shortcode, context: Expansion) -> str:
    """`[playlist ids="1,2" type="video"]`: each attachment as media."""
    kind = "video" if code.attrs.get("type", "audio") == "video" else "audio"
    files, problems = _chosen(code, context, kind)
    return problems + "".join(media_element(kind, item.url, f"[{code.name}]") for item in files)


def _code(code: Shortcode, context: Expansion) -> str:
    """`[code lang="php"]...[/code]` (SyntaxHighlighter): the content is code, not HTML;
    the editor may have stored it with `&lt;` or with `<`, so both read the same."""
    language = (
        code.attrs.get("language")
        or code.attrs.get("lang")
        or next((value for value in code.positional if "=" not in value), "")
    )
    language = re.sub(r"[^a-z0-9_+#.-]", "", language.lower())[:40]
    body = html.unescape(code.content or "").strip("\n")
    cls = f' class="language-{language}"' if language else ""
    return f"\n\n<pre><code{cls}>{html.escape(body, quote=False)}</code></pre>\n\n"


_HANDLERS: dict[str, Callable[[Shortcode, Expansion], str]] = {
    "caption": _caption,
    "wp_caption": _caption,
    "gallery": _gallery,
    "audio": _media("audio", _AUDIO_KEYS),
    "video": _media("video", _VIDEO_KEYS),
    "embed": _embed,
    "playlist": _playlist,
    "code": _code,
    "sourcecode": _code,
}

_PROVIDERS = (
    (re.compile(r"^https?://(?:www\.|m\.)?youtube\.com/(?:watch\?|embed/|shorts/|live/)", re.I), "video"),
    (re.compile(r"^https?://(?:www\.)?youtu\.be/[\w-]+", re.I), "video"),
    (re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?\d+", re.I), "video"),
    (re.compile(r"^https?://(?:www\.|w\.|m\.)?soundcloud\.com/[\w-]+", re.I), "audio"),
)  # fmt: skip
"""The oEmbed providers WordPress embedded from a bare address on its own line."""


def provider_kind(url: str) -> str:
    """`video` or `audio` for a known oEmbed provider's address, else `embed`."""
    for pattern, kind in _PROVIDERS:
        if pattern.match(url):
            return kind
    return "embed"


def is_oembed(url: str) -> bool:
    """True for an address WordPress turned into an embedded player by itself."""
    return any(pattern.match(url) for pattern, _ in _PROVIDERS)
