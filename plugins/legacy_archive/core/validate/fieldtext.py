"""Text fields hold text: no control characters in any value or field name.

Escaping makes `<` harmless, but not a NUL, an ESC (which repaints an editor's terminal
when a message quotes the value) or a right-to-left override (which shows a title other
than the one stored). Every string in the front matter, at any depth, is checked here
whatever its schema says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.common.yamlpos import field_name
from legacy_archive.core.load.source import Source

INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (tab and line ends excepted) and Unicode direction overrides."""


def invisible_problem(text: str) -> str | None:
    """Why `text` cannot be published as it is, or None."""
    match = INVISIBLE.search(text)
    if match is None:
        return None
    return f"contains the invisible character U+{ord(match.group()):04X} (expected plain text; retype the value)"


def check_text_fields(source: Source) -> list[Problem]:
    """A problem for each value or field name holding an invisible character."""
    return list(_walk(source, source.fields, ()))


def _walk(source: Source, value: Any, path: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(value, str):
        if (why := invisible_problem(value)) is not None:
            yield Problem(
                source.path, source.line_of(*path), field_name(path) or "front matter", why
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (why := invisible_problem(key)) is not None:
                yield Problem(source.path, source.line_of(*path, key), "field name", why)
            yield from _walk(source, item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(source, item, (*path, index))
