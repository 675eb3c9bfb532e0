"""Checks on a record's Markdown body, said to an editor with the line at fault.

Bodies are untrusted text, and Markdown passes raw HTML through. Safety does not rest on
this module: every rendered body is cleaned by `htmlpolicy.clean_html` before it reaches a
page. This module is the friendly half: it finds, in the Markdown as written, what the
cleaner would take out (scripts, event handlers, unsafe links, files from other sites)
and what Markdown would mangle (an HTML comment or block never closed), so the editor
gets `path:line` messages instead of a silently changed page.

It reads the body as a whole, not line by line: code is masked first (inline spans,
indented blocks, closed fences when the site enables them), then the remaining text goes
through the standard library's HTML tokenizer (quoted `>`, tags over several lines and
character references handled as a browser does), and Markdown's own links, images,
reference definitions and attribute lists are parsed with their destinations decoded.
Every step is linear in the body's length and none raises.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.validate.code_mask import LineIndex, mask_code
from legacy_archive.core.validate.htmlpolicy import (
    CONTROL,
    control_message,
    inspect_html,
    link_problem,
    parsable,
    reserved_id,
    reserved_id_message,
)
from legacy_archive.core.validate.htmlpolicy import resource_problem as _resource_problem

_REFERENCE = re.compile(
    r"^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE
)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]+?)[ \t]*\}")
_ATTR_PAIR = re.compile(r"""([^\s=}"']+)=("[^"\n]*"|'[^'\n]*'|[^\s}]+)""")
_SNIPPET = re.compile(r"^[ \t]*;?-{1,}8<-{1,}", re.MULTILINE)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_INLINE_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
        "figure", "footer", "header", "main", "nav", "ol", "pre", "section", "table", "ul",
    }
)  # fmt: skip
"""Raw HTML blocks Markdown keeps as they are until their closing tag: left open, they
swallow the rest of the body as unrendered text."""

ALT_MESSAGE = "image '{src}' has no alt text (expected ![description of the image]({src}))"

TRANSCRIPT_NEEDED = "Transcript needed:"
"""Opens the line an importer leaves under a recording it brought in without a transcript:
flagged wherever it stands, so a collection with no media field still gets the message."""
_TRANSCRIPT_NEEDED = re.compile(re.escape(TRANSCRIPT_NEEDED))


def check_body(
    path: str, body: str, first_line: int, fenced_code: bool = False
) -> Iterator[Problem]:
    """Every unsafe link, raw script, image without alt text or unclosed HTML in a Markdown
    body, in line order; `fenced_code` when the site's Markdown has fenced code blocks."""
    try:
        found = _findings(body, fenced_code)
    except Exception as error:  # an editor gets a line, never a traceback
        found = [(1, f"could not be checked ({type(error).__name__}: {error})")]
    seen: set[tuple[int, str]] = set()
    for line, message in sorted(found, key=lambda item: item[0]):
        if (line, message) not in seen:
            seen.add((line, message))
            yield Problem(path, first_line + line - 1, "body", message)


def _findings(body: str, fenced_code: bool) -> list[tuple[int, str]]:
    text = mask_code(body, fenced_code)
    lines = LineIndex(text)
    html_text = text
    found: list[tuple[int, str]] = [
        (finding.line, finding.message) for finding in inspect_html(html_text)
    ]
    # Markdown's inline view as well: it takes `<...>` with no `<` or `>` inside as a tag,
    # so `<a href=<script>` holds a `<script>` for it and not for a browser.
    for tag in _INLINE_TAG.finditer(html_text):
        found += [
            (lines.line(tag.start()) + finding.line - 1, finding.message)
            for finding in inspect_html(tag.group())
        ]
    found = [item for item in found if not item[1].startswith("contains the control character")]
    found += _control_characters(body)
    found += _markdown_links(text, lines)
    found += _references(text, lines)
    found += _attribute_lists(text, lines)
    found += _unclosed(text, lines)
    found += [
        (
            lines.line(match.start()),
            "'--8<--' includes another file into the page (expected the text itself: a "
            "record cannot include files)",
        )
        for match in _SNIPPET.finditer(text)
    ]
    found += [
        (
            lines.line(match.start()),
            f"'{TRANSCRIPT_NEEDED} …' stands where a recording's transcript should be "
            "(expected the transcript, or a link to it, in place of this line)",
        )
        for match in _TRANSCRIPT_NEEDED.finditer(text)
    ]
    return found


def _decoded(destination: str) -> str:
    """A link destination as the browser will see it: backslash escapes and character
    references resolved, angle brackets dropped."""
    value = destination.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    return html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", value))


def _destination(text: str, start: int) -> tuple[int, str] | None:
    """The destination of an inline link whose `(` is at `start - 1`: its offset and text.
    It may start on the next line, be in `<...>`, and hold balanced parentheses."""
    at = start
    while at < len(text) and text[at] in " \t\n":
        at += 1
    if at >= len(text):
        return None
    if text[at] == "<":
        newline = text.find("\n", at)
        end = text.find(">", at, newline if newline >= 0 else len(text))
        if end > 0:
            return at, text[at : end + 1]
    depth = 0
    end = at
    while end < len(text):
        char = text[end]
        if char in " \t\n":
            break
        if char == "\\":
            end += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return at, text[at:end]


def _markdown_links(text: str, lines: LineIndex) -> Iterator[tuple[int, str]]:
    """Inline links and images, whatever their text holds (nested brackets, an image
    inside a link): each `](` is a destination; a `]` whose matching `[` follows a `!`
    ends an image's alt text."""
    openers = _matching_brackets(text)
    covered_to = 0
    for match in re.finditer(r"\]\(", text):
        if match.start() < covered_to:
            continue
        found = _destination(text, match.end())
        if found is None:
            continue
        offset, raw = found
        covered_to = offset + len(raw)
        value = _decoded(raw)
        if not value:
            continue
        opener = openers.get(match.start())
        if opener is not None and opener > 0 and text[opener - 1] == "!":
            why = _resource_problem("img", "src", value)
            if not text[opener + 1 : match.start()].strip():
                yield lines.line(match.start()), ALT_MESSAGE.format(src=value)
        else:
            why = link_problem(value)
        if why is not None:
            yield lines.line(offset), why


_BRACKET = re.compile(r"\\.|\[|\]|\n[ \t]*\n", re.DOTALL)


def _matching_brackets(text: str) -> dict[int, int]:
    """Offset of each `]` -> offset of its matching `[` (escapes skipped, a blank line
    ends every bracket), in one pass."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for match in _BRACKET.finditer(text):
        token = match.group()
        if token == "[":
            stack.append(match.start())
        elif token == "]":
            if stack:
                pairs[match.start()] = stack.pop()
        elif token[0] == "\n":
            stack.clear()
    return pairs


def _references(text: str, lines: LineIndex) -> Iterator[tuple[int, str]]:
    """Reference definitions (`[id]: address`), the destination maybe on the next line."""
    for match in _REFERENCE.finditer(text):
        value = _decoded(match.group(2))
        if (why := link_problem(value)) is not None:
            yield lines.line(match.start(2)), why


def _attribute_lists(text: str, lines: LineIndex) -> Iterator[tuple[int, str]]:
    """`{: key=value }` (the attr_list extension) puts attributes on any element."""
    for block in _ATTR_LIST.finditer(text):
        line = lines.line(block.start())
        for pair in _ATTR_PAIR.finditer(block.group(1)):
            key = pair.group(1).lower()
            value = html.unescape(pair.group(2).strip("\"'"))
            if key.startswith("on"):
                yield (
                    line,
                    (
                        f"{{: {key}=... }} event handlers are not allowed (expected plain "
                        "Markdown without scripts)"
                    ),
                )
            elif key == "style":
                yield (
                    line,
                    (
                        "{: style=... } style attributes are not allowed (expected Markdown "
                        "formatting; the site's stylesheet styles records)"
                    ),
                )
            elif key.startswith("data-pagefind"):
                yield (
                    line,
                    (
                        f"{{: {key}=... }} search attributes are set by the archive (expected "
                        "none in a record)"
                    ),
                )
            elif key in ("href", "src", "action", "formaction", "srcdoc", "xlink:href"):
                why = link_problem(value) if key == "href" else None
                yield (
                    line,
                    why
                    or (
                        f"{{: {key}=... }} is not allowed in an attribute list (expected a "
                        "Markdown link or image)"
                    ),
                )
            elif key == "id" and reserved_id(value):
                yield line, reserved_id_message(value)
        for token in block.group(1).split():
            if token.startswith("#") and reserved_id(token[1:]):
                yield line, reserved_id_message(token[1:])


def _control_characters(body: str) -> Iterator[tuple[int, str]]:
    """The first control character of each line: invisible, and never wanted."""
    lines = LineIndex(body)
    last = 0
    for match in CONTROL.finditer(body):
        line = lines.line(match.start())
        if line != last:
            last = line
            yield line, control_message(match.group())


class _Blocks(HTMLParser):
    """Open and close tags of Markdown's raw HTML blocks, to find one never closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: dict[str, list[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.open.setdefault(tag, []).append(self.getpos()[0])

    def handle_endtag(self, tag: str) -> None:
        if self.open.get(tag):
            self.open[tag].pop()


def _unclosed(text: str, lines: LineIndex) -> Iterator[tuple[int, str]]:
    comment = text.rfind("<!--")
    if comment >= 0 and text.find("-->", comment + 4) < 0:
        yield (
            lines.line(comment),
            (
                "an HTML comment opened here is never closed, so it hides the rest of the "
                "body (expected '-->' to end it)"
            ),
        )
        text = text[:comment]
    blocks = _Blocks()
    try:
        blocks.feed(parsable(text))
        blocks.close()
    except (AssertionError, ValueError):
        return
    for tag, opened in blocks.open.items():
        if opened:
            yield (
                opened[0],
                (
                    f"<{tag}> is opened here but never closed, so Markdown leaves the rest of the "
                    f"body unformatted (expected </{tag}> after its content)"
                ),
            )
