"""A throwaway copy of the archive project to break in every possible way, and a valid record."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.pipeline import LoadResult, load_archive
from support.paths import LEARNING

COLLECTIONS = ("courses", "briefs", "interviews", "events")


class Project:
    """A copy of the fixture archive's config, schemas, vocabularies and templates, no records."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in ("schemas", "templates", "data"):
            shutil.copytree(LEARNING / name, root / name)
        for name, title in (("index", "Home"), ("about", "About"), ("contribute", "Contribute")):
            self.write(f"content/{name}.md", f"# {title}\n")
        shutil.copy(LEARNING / "mkdocs.yml", root / "mkdocs.yml")
        for name in COLLECTIONS:
            (root / name).mkdir()

    def write(self, path: str, text: str | bytes) -> Path:
        """Write a file (text is dedented) and return its path."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def load(self) -> LoadResult:
        settings, errors = read_settings(self.root / "mkdocs.yml")
        assert settings is not None and not errors, errors
        return load_archive(settings)

    def messages(self) -> list[str]:
        return [str(p) for p in self.load().problems]


COURSE = """---
title: Audio Editing and Podcasting
summary: A short online course on recording and editing audio for podcasts.
date: "2021-03"
subjects: [audio]
audiences: [secondary]
format: online
level: short
---

Body text.
"""
