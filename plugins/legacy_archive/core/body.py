"""Checks on a record's Markdown body: the parts JSON Schema cannot see.

Bodies are untrusted text that Markdown passes through as HTML, so unsafe links and raw
scripts are refused here, and images without alt text are caught for accessibility.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .problems import Problem
from .schemas import check_link

MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)")
MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>", re.DOTALL)
HTML_ATTR = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
)
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "frame",
    "frameset",
}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href"}


def _scheme_problem(url: str) -> str | None:
    """Relative links are fine; anything with a scheme must be a web or mail link."""
    candidate = re.sub(r"[\x00-\x20]", "", url)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", candidate):
        return check_link(candidate)
    return None


def check_body(path: str, body: str, first_line: int) -> Iterator[Problem]:
    """Every unsafe link, raw script or image without alt text in a Markdown body."""
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in MARKDOWN_IMAGE.finditer(line):
            if not match.group(1).strip():
                yield Problem(
                    path,
                    number,
                    "body",
                    f"image '{match.group(2)}' has no alt text (expected ![description of the image]({match.group(2)}))",
                )
            if (why := _scheme_problem(match.group(2))) is not None:
                yield Problem(path, number, "body", why)
        for url in [*MARKDOWN_LINK.findall(line), *REFERENCE_LINK.findall(line)]:
            if (why := _scheme_problem(url)) is not None:
                yield Problem(path, number, "body", why)
        for tag, attrs in HTML_TAG.findall(line):
            name = tag.lower()
            if name in FORBIDDEN_TAGS:
                yield Problem(
                    path,
                    number,
                    "body",
                    f"<{name}> is not allowed in a record (expected Markdown text, links and images)",
                )
                continue
            parsed = {
                m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
                for m in HTML_ATTR.finditer(attrs)
            }
            for attr, value in parsed.items():
                if attr.startswith("on"):
                    yield Problem(
                        path,
                        number,
                        "body",
                        f"<{name} {attr}=...> event handlers are not allowed (expected plain HTML without scripts)",
                    )
                elif attr in URL_ATTRS and (why := _scheme_problem(value)) is not None:
                    yield Problem(path, number, "body", why)
            if name == "img" and not parsed.get("alt", "").strip():
                yield Problem(
                    path,
                    number,
                    "body",
                    '<img> has no alt text (expected alt="description of the image")',
                )
