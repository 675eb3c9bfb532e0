"""Run `archive ...` in the test's own process, as a user would from a terminal."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from legacy_archive.core.cli.main import main


def archive(*argv: str, cwd: Path | None = None) -> tuple[int, str]:
    """The exit code of `archive ARGV` and everything it printed, run in `cwd` when given
    (the import commands read and write beside the archive's mkdocs.yml)."""
    text = io.StringIO()
    here = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(text):
            code = main(list(argv))
    finally:
        os.chdir(here)
    return code, text.getvalue()
