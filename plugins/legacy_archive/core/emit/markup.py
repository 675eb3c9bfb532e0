"""Small corrections to the theme's HTML so every page passes the Nu Html Checker.

Material for MkDocs writes `autocomplete="off"` on its checkbox toggles (drawer, search,
palette) to stop Firefox restoring them as ticked on Back; HTML allows `autocomplete` on
text-like inputs only. The toggles sit in Material's `base.html` outside any block, so an
override cannot reach them without copying the whole template; a post-processing step can.
Firefox's restoring is undone instead by a `pageshow` handler in `overrides/main.html`.
"""

from __future__ import annotations

import re

# An <input> start tag: attribute values may not contain ">" unquoted, and ours never do.
_INPUT = re.compile(r"<input\b[^>]*>")
_CHECKABLE = re.compile(r"""\btype=["']?(?:checkbox|radio)\b""")
_AUTOCOMPLETE = re.compile(r"""\s+autocomplete=(?:"[^"]*"|'[^']*'|[^\s>]+)""")


def _fix_input(match: re.Match[str]) -> str:
    tag = match.group(0)
    if not _CHECKABLE.search(tag):
        return tag
    return _AUTOCOMPLETE.sub("", tag)


def without_invalid_autocomplete(html: str) -> str:
    """Drop `autocomplete` from checkbox and radio inputs, where HTML does not allow it."""
    if "autocomplete" not in html:
        return html
    return _INPUT.sub(_fix_input, html)
