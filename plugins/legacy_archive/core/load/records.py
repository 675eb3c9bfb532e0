"""Find record files on disk and hold what was read from them.

A record is `<collection>/<slug>.md`, or `<collection>/<slug>/index.md` with its
attachments beside it; the slug is the file or folder name.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.load.source import Source

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100
"""Slugs become folder names of the built site; file systems stop at 255 bytes a name."""


def slugify(text: str) -> str:
    """Turn a title or a bad file name into a slug: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "record"


@dataclass(frozen=True)
class RecordFile:
    """Where a record lives on disk."""

    collection: str
    slug: str
    path: str
    """Project-relative path used in messages (`courses/intro.md`)."""
    file: Path
    folder: Path | None
    """The record's own folder for `<slug>/index.md` records (attachments live there)."""


@dataclass
class Record:
    """A valid record: its fields, its Markdown body and where they came from."""

    collection: str
    slug: str
    path: str
    fields: dict[str, Any]
    body_line: int
    folder: Path | None
    source: Source = field(repr=False)

    @property
    def body(self) -> str:
        """The Markdown body, read from the file (see `Source`)."""
        return self.source.body

    @property
    def ref(self) -> str:
        """How other records refer to this one: `courses/audio-editing-and-podcasting`."""
        return f"{self.collection}/{self.slug}"

    @property
    def title(self) -> str:
        return str(self.fields.get("title", self.slug))

    @property
    def summary(self) -> str:
        return str(self.fields.get("summary", ""))

    @property
    def date(self) -> str:
        return str(self.fields.get("date", ""))

    @property
    def draft(self) -> bool:
        return bool(self.fields.get("draft", False))

    @property
    def withdrawn(self) -> bool:
        """Withdrawn records keep their page (with the reason) but leave listings and search."""
        return isinstance(self.fields.get("withdrawn"), dict)


def discover(root: Path, collection: str, directory: str) -> tuple[list[RecordFile], list[Problem]]:
    """List the record files of one collection, reporting misplaced files and bad slugs."""
    base = root / directory
    found: list[RecordFile] = []
    problems: list[Problem] = []
    if not base.is_dir():
        return found, [
            Problem(
                directory,
                1,
                "collection",
                f"folder '{directory}' does not exist (expected a folder of records for collection '{collection}')",
            )
        ]
    for entry in sorted(base.iterdir()):
        name = entry.name
        if name.startswith((".", "_")) or name.lower() in ("readme.md",):
            continue
        rel = f"{directory}/{name}"
        if (why := _not_plain(entry)) is not None:
            problems.append(Problem(rel, 1, "file", why))
            continue
        if entry.is_dir():
            index = entry / "index.md"
            if index.is_symlink() or (index.exists() and not index.is_file()):
                problems.append(Problem(f"{rel}/index.md", 1, "file", _not_plain(index) or ""))
                continue
            if not index.is_file():
                problems.append(
                    Problem(
                        rel,
                        1,
                        "file",
                        f"folder has no index.md (expected {rel}/index.md holding the record, with its attachments beside it)",
                    )
                )
                continue
            slug, record = name, RecordFile(collection, name, f"{rel}/index.md", index, entry)
            for extra in sorted(entry.rglob("*.md")):
                if extra != index:
                    extra_rel = f"{rel}/{extra.relative_to(entry).as_posix()}"
                    problems.append(
                        Problem(
                            extra_rel,
                            1,
                            "file",
                            f"a record folder holds one Markdown file, index.md (expected attachments such as PDFs and images; merge this text into {rel}/index.md)",
                        )
                    )
        elif entry.suffix == ".md":
            slug, record = entry.stem, RecordFile(collection, entry.stem, rel, entry, None)
        else:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file",
                    "not a record (expected '<slug>.md', or a '<slug>/' folder with index.md and its attachments)",
                )
            )
            continue
        if len(slug) > MAX_SLUG:
            problems.append(
                Problem(
                    record.path,
                    1,
                    "slug",
                    f"slug is {len(slug)} characters long (expected at most {MAX_SLUG}: it becomes the page address)",
                )
            )
            continue
        if not SLUG_PATTERN.match(slug):
            problems.append(
                Problem(
                    record.path,
                    1,
                    "slug",
                    f"'{slug}' is not a valid slug: it becomes the page address (expected lowercase words joined by hyphens; did you mean '{slugify(slug)}'?)",
                )
            )
            continue
        found.append(record)
    return found, problems


def _not_plain(entry: Path) -> str | None:
    """Why a record's file or folder cannot be read as one, without following links or
    opening it (a FIFO named like a record would make every reader wait for ever)."""
    try:
        mode = entry.lstat().st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror} (expected a readable file or folder)"
    if stat.S_ISLNK(mode):
        return (
            "is a symbolic link (expected a real file or folder: links are never followed, "
            "as they can point anywhere on the machine that builds the site)"
        )
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not a regular file (expected a Markdown file or a record folder)"
    return None


def iter_duplicate_slugs(files: list[RecordFile]) -> Iterator[Problem]:
    """Two files claiming one slug would publish two pages at one URL."""
    first: dict[tuple[str, str], RecordFile] = {}
    for record in files:
        key = (record.collection, record.slug)
        if key in first:
            other = first[key]
            yield Problem(
                record.path,
                1,
                "slug",
                f"duplicate slug '{record.slug}': {other.path} has it too (expected one record per slug; rename or merge one of them)",
            )
        else:
            first[key] = record
