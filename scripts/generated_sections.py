"""Sections of Markdown files written by a script, between two marker comments.

The README's field tables and the builders' reference are generated from the engine's code;
both scripts write their section, or with `--check` only say which files are stale, here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def splice(text: str, start: str, end: str, generated: str) -> str:
    """`text` with what lies between the markers replaced by `generated`."""
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{generated}{end}{tail}"


def refresh(
    files: Iterable[Path], start: str, end: str, generated: str, check: bool
) -> tuple[list[Path], list[Path]]:
    """(stale files, files without the markers); unless `check`, stale files are rewritten."""
    stale, unmarked = [], []
    for file in files:
        text = file.read_text(encoding="utf-8")
        if start not in text:
            unmarked.append(file)
            continue
        updated = splice(text, start, end, generated)
        if updated != text:
            stale.append(file)
            if not check:
                file.write_text(updated, encoding="utf-8")
    return stale, unmarked
