"""Problems found in records, vocabularies and config, in one message format everywhere.

Every problem becomes `path:line: field: what is wrong (what was expected)` so an editor
knows which file, which line, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the archive's input."""

    path: str
    """Path of the file, relative to the project root, with `/` separators."""
    line: int
    """1-based line of the offending key (1 when the whole file is at fault)."""
    field: str
    """Dotted name of the field (`modules.2.title`), or `file` / `front matter`."""
    message: str
    """What is wrong, followed by what was expected in parentheses."""

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.field}: {self.message}")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """One line with every control character shown as an escape (`\\n`, `\\x1b`).

    Messages quote what records hold. Printed raw, a newline in a value would start a
    line of its own, which GitHub Actions reads as a workflow command (`::error ...`,
    `::stop-commands::`) and a terminal reads ESC sequences from."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return `; did you mean 'x'?` for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{matches[0]}'?" if matches else ""


def one_of(choices: Sequence[str], limit: int = 12) -> str:
    """Describe a set of allowed values briefly enough for a one-line message."""
    shown = ", ".join(choices[:limit])
    if len(choices) > limit:
        shown += f", ... ({len(choices)} in all)"
    return f"one of: {shown}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file then line, dropping exact duplicates, so reports read top to bottom."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def summary_line(problems: Sequence[Problem], records: int, files: int) -> str:
    """One line for the end of a check: what was read and how many problems were found."""
    if not problems:
        return f"archive check: {records} records in {files} files, no problems."
    in_files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    file_noun = "file" if in_files == 1 else "files"
    return (
        f"archive check: {len(problems)} {noun} in {in_files} {file_noun} "
        f"({records} valid records read from {files} files)."
    )
