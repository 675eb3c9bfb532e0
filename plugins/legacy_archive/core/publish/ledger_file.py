"""The URL ledger's file: its header, its lines, and the address a page file publishes.

Kept apart from the checks in `ledger.py`, which need the whole archive, so that writing a
new archive's empty ledger (`archive init`) imports nothing of the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HEADER = """\
# Every URL this site has published, relative to the site root: the build fails when one
# of them no longer resolves, so no link anyone saved ever breaks. `archive ledger add`
# records new ones. When a page moves, keep its line and add its old URL to the record's
# legacy_urls (or to plugins.archive.redirects). Only an archive that was never published
# may start a new ledger: `archive ledger reset` (see the README).
"""
RESET_NOTE = """\
# Started afresh by `archive ledger reset`: it lists what the site published then, and
# none of the URLs of the archive this one was made from.
"""
"""Added below the header of a ledger started afresh, so its history says so."""
RESET_HINT = "`archive ledger reset --forget` (see the README)"
"""What a build that trips on the ledger tells the maker of a new archive."""


@dataclass(frozen=True)
class LedgerEntry:
    url: str
    line: int


def read_ledger(path: Path) -> list[LedgerEntry]:
    """The ledger's URLs with their line numbers; a missing ledger is empty."""
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            entries.append(LedgerEntry(text, number))
    return entries


def write_ledger(path: Path, urls: Iterable[str], note: str = "") -> None:
    """Write the ledger, sorted; `note` (such as `RESET_NOTE`) goes below the header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{url}\n" for url in sorted(set(urls)))
    path.write_text(HEADER + note + lines, encoding="utf-8")


def was_reset(path: Path) -> bool:
    """Whether the ledger says it was started afresh (`add` keeps saying so)."""
    return path.is_file() and RESET_NOTE in path.read_text(encoding="utf-8")


def page_url_of(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file (`about.md` -> `about/`)."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    if stem.lower() == "readme" or stem.lower().endswith("/readme"):
        return stem[: -len("readme")]
    return stem + "/"
