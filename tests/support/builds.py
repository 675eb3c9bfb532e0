"""Build a project with an engine in a subprocess, as a user's `mkdocs build` would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
"""The engines' "MkDocs 2" notices silenced, as the Makefile does."""


def build(
    root: Path, site: Path, engine: str = "mkdocs", strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """Build `root` into `site` with `engine` (strict by default); never raises."""
    command = [sys.executable, "-m", engine, "build", "-f", str(root / "mkdocs.yml")]
    command += ["-d", str(site)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=root, check=False)


def page(site: Path, url: str) -> str:
    """The HTML written for `url` (a directory URL such as `courses/`)."""
    return (site / url / "index.html").read_text(encoding="utf-8")
