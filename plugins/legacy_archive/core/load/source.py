"""Read a record file from disk without ever trusting it.

Whatever is on disk (empty, binary, not UTF-8, huge, front matter that is a list, an alias
bomb) becomes either a `Source` or a list of `Problem`s, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter.default_handlers

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.common.textfile import read_text
from legacy_archive.core.common.yamlpos import Positioned, YamlError, parse


class SourceChanged(Exception):
    """A record file changed on disk between being read and its body being read again."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}:1: file: changed on disk while the site was being built "
            "(expected it unchanged until the build ends; build again)"
        )


def _stamp(file: Path) -> tuple[int, int]:
    stat = file.stat()
    return stat.st_size, stat.st_mtime_ns


@dataclass
class Source:
    """The front matter (with key lines) and Markdown body of one record file.

    Once checked, the body is let go (`release_body`) and read from the file again when a
    page or the data export needs it: bodies are most of an archive's text (66 MB at
    10,000 records) and each is needed only twice."""

    path: str
    fields: dict[str, Any]
    positions: Positioned
    body_line: int
    """1-based line of the file where the Markdown body starts."""
    file: Path
    body_at: int
    """Where the body starts in the file's text (decoded, line ends made `\\n`)."""
    kept_body: str | None = field(default=None, repr=False)
    stamp: tuple[int, int] = (0, 0)
    """The file's size and modification time when it was read."""

    @property
    def body(self) -> str:
        if self.kept_body is not None:
            return self.kept_body
        try:
            changed = _stamp(self.file) != self.stamp
        except OSError:
            changed = True
        text = None if changed else read_text(self.path, self.file)[0]
        if text is None:
            raise SourceChanged(self.path)
        return text[self.body_at :]

    def release_body(self) -> None:
        """Stop holding the body in memory (it is read again from the file when needed)."""
        self.kept_body = None

    def line_of(self, *path: str | int) -> int:
        return self.positions.line_of(tuple(path))


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split `---` front matter from the body; returns (yaml, body, body start line) or None."""
    handler = frontmatter.default_handlers.YAMLHandler()
    if not handler.detect(text):
        return None
    first_line_end = text.find("\n")
    rest = text[first_line_end + 1 :] if first_line_end >= 0 else ""
    lines = rest.split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() in ("---", "..."):
            fm = "\n".join(lines[:index])
            body = "\n".join(lines[index + 1 :])
            return fm, body, index + 3
    return None


def read_source(path: str, file: Path) -> tuple[Source | None, list[Problem]]:
    """Read and parse one record; `path` is the name used in messages."""
    try:
        stamp = _stamp(file)
    except OSError:
        stamp = (0, 0)
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            Problem(
                path,
                1,
                "file",
                "file is empty (expected YAML front matter between '---' lines, then the Markdown body)",
            )
        ]
    parts = split_front_matter(text)
    if parts is None:
        if text.startswith("---"):
            message = "front matter is not closed (expected a second '---' line after the fields)"
        elif text.lstrip().startswith("---"):
            message = "front matter does not start on line 1 (expected '---' as the very first line; remove what is above it)"
        else:
            message = "no front matter (expected the file to start with a '---' line, the fields, then '---')"
        return None, [Problem(path, 1, "front matter", message)]
    fm_text, body, body_line = parts
    try:
        positioned = parse(fm_text)
    except YamlError as error:
        return None, [Problem(path, error.line + 1, "front matter", error.message)]
    # Shift key lines from front-matter-relative to file-relative (line 1 is the opening ---).
    positioned.lines = {key: line + 1 for key, line in positioned.lines.items()}
    if not isinstance(positioned.data, dict):
        kind = "empty" if positioned.data is None else f"a {_kind(positioned.data)}"
        return None, [
            Problem(
                path,
                2 if positioned.data is not None else 1,
                "front matter",
                f"front matter is {kind} (expected 'field: value' lines)",
            )
        ]
    for key_path, line, first in positioned.duplicates:
        name = ".".join(str(part) for part in key_path)
        problems.append(
            Problem(
                path,
                line + 1,
                name,
                f"field is given twice (expected it once; first given on line {first + 1})",
            )
        )
    bad_keys = [key for key in positioned.data if not isinstance(key, str)]
    for key in bad_keys:
        problems.append(
            Problem(path, 2, str(key), "field name is not text (expected a name like 'title')")
        )
    fields = {key: value for key, value in positioned.data.items() if isinstance(key, str)}
    body_at = len(text) - len(body)
    return Source(path, fields, positioned, body_line, file, body_at, body, stamp), problems


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single piece of text"
    return type(value).__name__
