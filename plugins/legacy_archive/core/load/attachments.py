"""The files beside a folder record, as the site may publish them.

Everything in a record's folder is published beside its page, so everything there is
checked first, without ever following a link: a symbolic link in a pull request looks
like a one-line file, and copied with its target it would publish the build machine
(`/proc/self/environ` holds the build's tokens, `../../.git/config` the repository's
credentials). Files a browser would run as part of the site (web pages, scripts, XML) are
refused; SVG images are published only as cleaned by `svgsafe`. Names are kept to what
URLs and every file system carry, so no link to an attachment dies of its name.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.load.svgsafe import sanitise_svg

ACTIVE_TYPES = frozenset(
    {
        "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xml", "xsl", "xslt",
        "svgz", "js", "mjs", "cjs", "swf", "hta", "php", "asp", "aspx", "jsp", "cgi",
    }
)  # fmt: skip
"""Extensions a static host serves as something the browser runs on the site's origin."""
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
"""Letters, digits, `.`, `_` and `-`, at most 100 characters: safe in a URL unescaped,
and on Windows, macOS and Linux alike."""
MAX_BYTES = 100_000_000
"""GitHub Pages refuses files over 100 MB."""


@dataclass(frozen=True)
class Attachment:
    """One publishable file beside a record."""

    rel: str
    """Path inside the record's folder, with `/` separators (`slides.pdf`, `img/a.png`)."""
    path: Path
    size: int

    @property
    def is_svg(self) -> bool:
        return self.rel.lower().endswith(".svg")

    def published_bytes(self) -> bytes | None:
        """What the site serves: a cleaned copy of an SVG, the file itself otherwise (None)."""
        if not self.is_svg:
            return None
        return sanitise_svg(self.path.read_bytes()).data or b""


def safe_name(name: str) -> str:
    """A name `NAME` accepts, close to `name`: `Slides (final) #2.PDF` -> `slides-final-2.pdf`."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    words = re.findall(r"[a-z0-9]+", stem.lower()) or ["file"]
    clean = "-".join(words)[:80].strip("-")
    ext = "".join(re.findall(r"[a-z0-9]", extension.lower()))[:10]
    return f"{clean}.{ext}" if ext else clean


def _readable(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False


def scan(
    folder: Path, record_path: str, lines: dict[str, int] | None = None
) -> tuple[list[Attachment], list[Problem]]:
    """Every publishable file of a record folder, and a problem for every other entry.

    Problems are reported on the record file (`record_path`), at the line of the field
    naming the file when one does (`lines`), so an editor finds them where they work."""
    found: list[Attachment] = []
    problems: list[Problem] = []
    base = record_path.rsplit("/", 1)[0] + "/"
    for rel, entry in walk(folder):
        line = (lines or {}).get(rel, 1)

        def problem(message: str, rel: str = rel, line: int = line) -> None:
            problems.append(Problem(record_path, line, "file", f"'{rel}' {message}"))

        try:
            info = entry.lstat()
        except OSError as error:
            problem(f"cannot be read: {error.strerror} (expected a readable file)")
            continue
        if stat.S_ISLNK(info.st_mode):
            problem(
                f"is a symbolic link to '{entry.readlink()}' (expected a real file in "
                f"{base}: links are never published, as they can point anywhere on the "
                "machine that builds the site)"
            )
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        bad_segment = next((part for part in rel.split("/") if not NAME.match(part)), None)
        if bad_segment is not None:
            problem(
                f"is not a file name the site can link to (expected letters, digits, '.', "
                f"'_' and '-', at most 100 characters; did you mean '{safe_name(bad_segment)}'?)"
            )
            continue
        if not stat.S_ISREG(info.st_mode):
            problem("is not a regular file (expected a file such as a PDF or an image)")
            continue
        extension = rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else ""
        if extension in ACTIVE_TYPES:
            problem(
                f"is a .{extension} file, which browsers would run as part of this site "
                f"(expected a PDF, an image or a document; to share its source, rename it "
                f"to '{rel}.txt')"
            )
            continue
        if info.st_size > MAX_BYTES:
            problem(
                f"is {info.st_size / 1_000_000:.0f} MB (expected at most 100 MB, the "
                "largest file GitHub Pages serves; link to a copy elsewhere instead)"
            )
            continue
        if not _readable(entry):
            problem("cannot be read (expected a file the build can read; check its permissions)")
            continue
        attachment = Attachment(rel, entry, info.st_size)
        if attachment.is_svg:
            result = sanitise_svg(entry.read_bytes())
            for finding in result.findings:
                problems.append(
                    Problem(
                        record_path, line, "file", f"'{rel}' line {finding.line}: {finding.message}"
                    )
                )
            if result.data is None:
                continue
        found.append(attachment)
    return found, problems


def walk(folder: Path, prefix: str = "") -> Iterator[tuple[str, Path]]:
    """Entries under `folder`, sorted, never through a link; hidden files and the record's
    own index.md are not attachments."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or (not prefix and entry.name == "index.md"):
            continue
        rel = prefix + entry.name
        path = Path(entry.path)
        yield rel, path
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path, rel + "/")


def attachments(folder: Path | None, record_path: str) -> list[Attachment]:
    """The publishable files of a record that passed its checks (see `scan`)."""
    return scan(folder, record_path)[0] if folder is not None else []
