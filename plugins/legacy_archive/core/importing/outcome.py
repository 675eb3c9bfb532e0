"""What an import did with each source item: the report's material."""

from __future__ import annotations

from dataclasses import dataclass, field

from legacy_archive.core.importing.items import Ignored, Source


@dataclass
class Fate:
    """What became of one source item."""

    key: str
    title: str
    origin: str
    kind: str
    fate: str
    """`new`, `updated`, `unchanged`, `kept`, `skipped` (`would write` etc. in a dry run)."""
    record: str = ""
    why: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """Archive-relative path → what happened to it (`new`, `unchanged`, `kept`, ...)."""


@dataclass
class ImportResult:
    source: Source
    mapping_file: str
    fates: list[Fate] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    dry_run: bool = False
    downloaded_bytes: int = 0
    downloads: int = 0
    state_file: str = ""

    def count(self, fate: str) -> int:
        return sum(1 for f in self.fates if f.fate == fate)
