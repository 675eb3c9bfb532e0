"""Run `archive export ...` in the test's own process, as a user would from a terminal."""

from __future__ import annotations

import contextlib
import io

from legacy_archive.core.cli.main import main


def archive(*argv: str) -> tuple[int, str]:
    """The exit code of `archive ARGV` and everything it printed."""
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        code = main(list(argv))
    return code, text.getvalue()
