"""A small archive that is not the demo: hyphenated collections, a podcast, a path of its own.

It lives in `tests/fixtures/talent/` as an archive builder would write it (config, schemas,
templates, vocabularies, records) and is copied into a throwaway folder, so a test can
break any part of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.pipeline import LoadResult, load_archive
from support.paths import FIXTURES


def talent_archive(root: Path) -> Path:
    """Copy the fixture archive into `root` and return it."""
    shutil.copytree(FIXTURES / "talent", root, dirs_exist_ok=True)
    return root


def load(root: Path) -> LoadResult:
    settings, errors = read_settings(root / "mkdocs.yml")
    assert settings is not None and not errors, errors
    return load_archive(settings)


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in load(root).problems]
