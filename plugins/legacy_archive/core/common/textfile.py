"""Reading an editor's text file: UTF-8, no NUL bytes, not huge, any line endings.

Every file the archive reads as text (records, the data file) comes through here, so a
file that cannot be used is one problem with its path, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from legacy_archive.core.common.problems import Problem

MAX_RECORD_BYTES = 1_000_000
"""Records are text; anything larger belongs in an attachment, and would slow every build."""


def decode_text(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes, or a `Problem` saying why they are not text we take."""
    if len(raw) > MAX_RECORD_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        return None, [
            Problem(
                path,
                1,
                "file",
                f"record is {size} (expected at most 1 MB of text; put long material in an attachment)",
            )
        ]
    if b"\x00" in raw[:8192]:
        return None, [
            Problem(
                path,
                1,
                "file",
                "file is binary, not text (expected a Markdown file with YAML front matter)",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                path,
                line,
                "file",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8 (expected a file saved as UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(path: str, file: Path) -> tuple[str | None, list[Problem]]:
    """Read a text file, or explain in a `Problem` why it cannot be read."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [
            Problem(path, 1, "file", f"cannot be read: {error.strerror} (expected a readable file)")
        ]
    return decode_text(path, raw)
