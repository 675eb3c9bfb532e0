"""CSS in an SVG attachment that loads or runs nothing, read the way a browser reads it.

Escapes are undone and comments and spaces dropped before a declaration is judged, so
`u\\72l(` or `exp/**/ression(` are caught as `url(` and `expression(`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

EXPECTED_CSS = "expected plain CSS, with url(#id) only for parts of this file"
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.)|$)", re.DOTALL)
_CSS_SPACE = re.compile(r"[\x00-\x20]+")
_CSS_SUSPECT = re.compile(r"[(:@\\]|binding", re.IGNORECASE)
"""Every unsafe piece of CSS has one of these; most attribute values (path data) have none."""
_CSS_URL = re.compile(r"url\((['\"]?)(.?)")
_CSS_LOADS = ("@import", "image-set(", "image(", "cross-fade(", "src(")
_CSS_RUNS = ("expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding")


def css_risk(css: str) -> str | None:
    """Why a piece of CSS is unsafe (it loads a file or runs code), or None.

    Read as a browser reads it: escapes decoded (`u\\72l(` is `url(`), in any case, with
    spaces dropped. Comments stay: a browser never joins tokens across one, and taking out
    what only looks like a comment (inside `url(...)` or a string) could hide what follows.
    """
    if not _CSS_SUSPECT.search(css):
        return None
    text = _CSS_SPACE.sub("", _CSS_ESCAPE.sub(_css_unescape, css)).lower()
    if any(match.group(2) != "#" for match in _CSS_URL.finditer(text)):
        return "loads a file from outside this SVG"
    if any(token in text for token in _CSS_LOADS):
        return "loads a file from outside this SVG"
    if any(token in text for token in _CSS_RUNS):
        return "can run code"
    return None


def _css_unescape(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2) or ""
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def css_pieces(css: str, separators: str) -> Iterator[str]:
    """Split CSS at `separators` outside strings, brackets and escapes."""
    start = depth = 0
    quote = ""
    index = 0
    while index < len(css):
        char = css[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            yield css[start:index]
            start = index + 1
        index += 1
    yield css[start:]


def risky_piece(css: str, separators: str) -> str:
    """The first rule or declaration that makes `css` unsafe, to show the editor."""
    for piece in css_pieces(css, separators):
        if css_risk(piece):
            return piece.strip()
    return css.strip()
