"""The engine's tests pass whatever archive sits at the top of the repository.

An archive builder who replaces the demo's content with their own programme's must not see
the engine's tests fail: they break and build fixture archives (`tests/fixtures/`), and only
`tests/demo/` reads the demo. This replaces the demo, in a copy of the repository, with an
archive made by `archive init` and its records, then runs the fast tests and the build
tests there (the browser tests build the same fixture as the build tests).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import REPO
from support.starter import new_archive

pytestmark = pytest.mark.build

KEPT = (
    "plugins",
    "scripts",
    "tests",
    "pyproject.toml",
    "requirements.lock",
    ".github",
    "README.md",
    "package.json",
    "package-lock.json",
)
"""The engine, its tests, the npm packages they check against and its README (the builders'
reference is checked there); all else at the top is the demo archive."""


def test_the_engine_tests_pass_with_another_archive_in_place_of_the_demo(tmp_path: Path) -> None:
    other = new_archive(tmp_path / "other", "digital-talent")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", ".*_cache")
    for name in KEPT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=ignore)
        else:
            shutil.copy(source, checkout / name)
    for entry in other.iterdir():
        if entry.name not in KEPT:
            (shutil.copytree if entry.is_dir() else shutil.copy)(entry, checkout / entry.name)
    (checkout / ".venv").symlink_to(REPO / ".venv")  # the pinned tools (actionlint) it uses
    if (REPO / "node_modules").is_dir():  # the CMS files the vendored copies are checked against
        (checkout / "node_modules").symlink_to(REPO / "node_modules")
    assert not (checkout / "courses").exists() and (checkout / "podcasts").is_dir()

    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit"]
    command += ["tests/builds", f"--ignore={Path('tests/builds') / Path(__file__).name}"]
    result = subprocess.run(
        command,
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    summary = result.stdout.strip().splitlines()[-1:]
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert summary and " passed" in summary[0] and "failed" not in summary[0], summary

    demo = subprocess.run(
        [*command[:6], "tests/demo"], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert demo.returncode == 1, "the demo's own checks notice the demo is gone"
