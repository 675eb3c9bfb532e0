"""A record body with its code blanked out, line for line, before the body checks read it.

What is inside code blocks and code spans is shown as text, never run, so the checks must
not report it; blanking it (keeping every line break) keeps each finding's line right.
"""

from __future__ import annotations

import bisect
import re

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_BACKTICKS = re.compile(r"`+")


class LineIndex:
    """1-based line of an offset, by binary search over the line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _blank(text: str) -> str:
    """Text of the same length and lines with everything but line ends made spaces."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(body: str, fenced_code: bool = False) -> str:
    """The body with code made blank, lengths and lines kept: what code shows is text."""
    text = _mask_blocks(body, fenced_code)
    return _mask_spans(text)


def _mask_blocks(body: str, fenced_code: bool) -> str:
    lines = body.split("\n")
    out = list(lines)
    fence: tuple[str, int] | None = None
    fence_start = 0
    in_code = in_list = False
    previous_blank = True
    for number, line in enumerate(lines):
        blank = not line.strip()
        if fence is not None:
            match = _FENCE.match(line)
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= fence[1]
                and not match.group(2).strip()
            ):
                for inner in range(fence_start + 1, number):
                    out[inner] = _blank(lines[inner])
                fence = None
            continue
        if fenced_code and (match := _FENCE.match(line)) is not None:
            marker = match.group(1)
            if marker[0] == "~" or "`" not in match.group(2):
                fence, fence_start = (marker[0], len(marker)), number
                in_code = False
                previous_blank = False
                continue
        if in_code and (blank or _INDENTED.match(line)):
            out[number] = _blank(line)
            continue
        in_code = False
        if not blank and _INDENTED.match(line) and previous_blank and not in_list:
            in_code = True
            out[number] = _blank(line)
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif not blank and previous_blank and not _INDENTED.match(line):
            in_list = False
        previous_blank = blank
    # A fence never closed is no fence to Markdown: its lines stay checked as text.
    return "\n".join(out)


_LONGEST_OPENER = 16
"""Openers longer than this are not tried: less is masked, so more is checked."""


def _mask_spans(text: str) -> str:
    """Inline code spans blanked, found as Python-Markdown finds them (its pattern
    `(`+)(.+?)(?<!`)\\1(?!`)`: the leftmost opener, the longest one that closes, the
    first run of exactly that many backticks after some text) but within one line, so a
    span is never assumed across a block Markdown would split."""
    return "\n".join(_mask_line(line) if "`" in line else line for line in text.split("\n"))


def _mask_line(line: str) -> str:
    maximal = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    runs: dict[int, list[int]] = {}
    for begin, end in maximal:
        runs.setdefault(end - begin, []).append(begin)
    chars = list(line)
    at = 0
    for begin, end in maximal:
        for start in range(max(begin, at), end):
            if start < at or (start > 0 and line[start - 1] == "\\"):
                continue
            for size in range(min(end - start, _LONGEST_OPENER), 0, -1):
                starts = runs.get(size, [])
                index = bisect.bisect_right(starts, start + size)
                if index < len(starts):
                    close = starts[index]
                    chars[start + size : close] = " " * (close - start - size)
                    at = close + size
                    break
    return "".join(chars)
