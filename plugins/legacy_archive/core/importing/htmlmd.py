"""A legacy body (WordPress content, a crawled page's main content) as a record's Markdown.

The HTML is untrusted and was written for a browser, not for an archive: it may lean on
WordPress to add its paragraphs (wpautop), hold shortcodes, scripts, iframes, tracking
pixels and forms, and link files by addresses that die with the old site. This module
makes it a body `archive check` accepts, in four steps:

1. shortcodes are expanded (`shortcode_html.py`);
2. the HTML is parsed with lxml and, for classic WordPress content, blank lines become
   paragraphs as WordPress made them (`fragment.py`); then it is walked once: what
   Markdown cannot hold is dropped and reported, media become a link and a transcript
   placeholder, every link, image and media address is made absolute against `base_url`
   and passed through `rewrite`, and text is escaped so nothing in it reads as Markdown
   or HTML (`mdtext.py`);
3. the `html-to-markdown` converter (a Rust library made for this) writes the Markdown:
   headings, nested lists, pipe tables, links, images with alt text, code with language;
4. the tokens left in steps 1 and 2 are resolved, so each problem gets its line in the
   Markdown, `what is wrong (what was expected)`.

Sound and video get a transcript placeholder in the body, but the engine flags a missing
transcript on the record's media field: the importer fills that field from
`Converted.media`.

Every address in the output goes through `rewrite`; with the identity, images keep their
old addresses, which `archive check` reports until the files are downloaded beside the
record: the importer passes a `rewrite` that maps them to the downloaded files.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence

import html_to_markdown
import lxml.html  # type: ignore[import-untyped]
from html_to_markdown import ConversionOptions
from html_to_markdown.exceptions import ConversionError

from legacy_archive.core.importing import fragment, htmlclean, mdtext, shortcode_html
from legacy_archive.core.importing.htmlclean import Converted, ImageRef
from legacy_archive.core.importing.items import SourceFile
from legacy_archive.core.importing.recordings import TRANSCRIPT_PLACEHOLDER, MediaRef
from legacy_archive.core.validate.htmlpolicy import CONTROL

__all__ = ["TRANSCRIPT_PLACEHOLDER", "Converted", "ImageRef", "MediaRef", "to_markdown"]

_PROTECT_OPEN = re.compile(r"<(pre|code|script|style|textarea)\b|<!--", re.IGNORECASE)
_PROTECT_CLOSE = re.compile(r"</(pre|code|script|style|textarea)\s*>|-->", re.IGNORECASE)
_OWN_LINE_URL = re.compile(
    r"^[ \t]*(?:<p>[ \t]*)?(https?://[^\s<>\"']+)[ \t]*(?:</p>)?[ \t]*$", re.MULTILINE
)


def _protect(text: str, tokens: mdtext.Tokens) -> str:
    """`text` with code, scripts, styles and comments made tokens, so no shortcode or
    address on a line of its own is looked for inside them. Each element runs to its
    first closing tag, found by bisecting a list made in one pass (a search per opening
    tag would be quadratic in a body of unclosed `<code>` tags)."""
    closes: dict[str, tuple[list[int], list[int]]] = {}
    for close in _PROTECT_CLOSE.finditer(text):
        starts, ends = closes.setdefault((close.group(1) or "--").lower(), ([], []))
        starts.append(close.start())
        ends.append(close.end())
    out: list[str] = []
    at = search = 0
    while (match := _PROTECT_OPEN.search(text, search)) is not None:
        starts, ends = closes.get((match.group(1) or "--").lower(), ([], []))
        index = bisect.bisect_left(starts, match.end())
        if index == len(starts):  # never closed: the parser reads it as it is
            search = match.end()
            continue
        out += [text[at : match.start()], tokens.protect(text[match.start() : ends[index]])]
        at = search = ends[index]
    return "".join(out) + text[at:]


def to_markdown(
    html: str,
    *,
    base_url: str,
    rewrite: Callable[[str], str] | None = None,
    attachments: Mapping[str, str | SourceFile] | None = None,
    own_files: Sequence[str | SourceFile] | None = None,
    autop: bool | None = None,
    fenced_code: bool = True,
) -> Converted:
    """`html` as Markdown a record body may hold, with what it links and what went wrong.

    `attachments` (WordPress id -> URL or file) are what `[gallery ids="..."]` and
    `[playlist ids="..."]` name; `own_files`, the item's own attachments, what a
    `[gallery]` without ids shows (all of `attachments` when None).
    `autop` adds WordPress's paragraphs; None decides from the content (classic content
    without `<p>`, or with text split by blank lines, gets them; block-editor content never).
    `fenced_code` when the site's Markdown has fenced code blocks (they keep the language);
    else code is indented."""
    converted = Converted(markdown="")
    text = CONTROL.sub("", html).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if not 0xD800 <= ord(char) <= 0xDFFF)
    if not text.strip():
        return converted
    tokens = mdtext.Tokens(text)
    masked = _protect(text, tokens)
    masked = shortcode_html.expand(
        masked, shortcode_html.Expansion(tokens.marks(), dict(attachments or {}), own_files)
    )
    masked = _OWN_LINE_URL.sub(
        lambda m: (
            shortcode_html.media_element(
                shortcode_html.provider_kind(m.group(1)), m.group(1), "the address on its own line"
            )
            if shortcode_html.is_oembed(m.group(1))
            else m.group()
        ),
        masked,
    )
    root, lost = fragment.parse(tokens.unprotect(masked))
    if autop is None:
        autop = "<!-- wp:" not in text and (
            not re.search(r"<p[\s>]", text, re.I) or fragment.loose_text(root)
        )
    fragment.autop(root, top=True, wordpress=autop)
    walk = htmlclean.Walk(base_url, rewrite or (lambda url: url), tokens, converted)
    walk.children(root)
    walk.escape(root, in_code=False)
    body = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    try:
        markdown = _convert(body, fenced_code)
    except ConversionError as error:  # the library's own limits: a message, not a traceback
        converted.problems = [
            (1, f"could not be converted ({error}) (expected HTML a browser reads)")
        ]
        return converted
    converted.markdown, converted.problems = mdtext.resolve(markdown, tokens, fenced_code)
    if lost is not None:
        converted.problems.insert(0, (1, lost))
    return converted


def _convert(body: str, fenced_code: bool) -> str:
    options = ConversionOptions(
        heading_style="atx",
        bullets="-",
        list_indent_width=4,
        strong_em_symbol="*",
        autolinks=False,
        extract_metadata=False,
        expand_abbreviations=False,
        include_blockquote_citations=False,
        highlight_style="none",
        code_block_style="backticks" if fenced_code else "indented",
        preserve_tags=sorted(mdtext.KEPT_INLINE),
    )
    result = html_to_markdown.convert(body, options)
    return result.content or ""
