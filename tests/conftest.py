"""Shared fixtures: a throwaway copy of the archive project to break in every possible way."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from support.paths import SITE
from support.project import Project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture
def demo_copy(tmp_path: Path) -> Callable[[], Path]:
    """Copy the whole demo archive (records included) for builds that write files."""

    def make() -> Path:
        root = tmp_path / "demo"
        ignore = shutil.ignore_patterns(
            ".venv", "site", "site.*", ".git", "node_modules", "__pycache__", ".*_cache"
        )
        shutil.copytree(SITE, root, ignore=ignore)
        return root

    return make


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive built once per session (strict), for the checkers and the crawler."""
    import subprocess
    import sys

    site = tmp_path_factory.mktemp("checked") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=SITE, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return site


ENGINES = ("mkdocs", "properdocs")


def _builds(argv: object) -> bool:
    """True for a command line that runs an engine's `build` or `serve`."""
    words = [str(word) for word in argv] if isinstance(argv, (list, tuple)) else str(argv).split()
    names = {Path(word).name for word in words}
    return bool(names & set(ENGINES)) and bool({"build", "serve"} & set(words))


@pytest.fixture(autouse=True)
def _unit_tests_build_nothing(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests not marked `build` may not build a site, so `-m "not build"` stays quick.

    Both ways a test could build are refused: running an engine in a subprocess and calling
    an engine's build function in-process."""
    if request.node.get_closest_marker("build"):
        return
    import subprocess

    real = subprocess.Popen

    class Guarded(real):  # type: ignore[misc, valid-type]
        def __init__(self, args: object, *rest: object, **options: object) -> None:
            if _builds(args):
                pytest.fail("this test builds a site: mark it `build` (pytest.mark.build)")
            super().__init__(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", Guarded)

    def refuse(*_args: object, **_options: object) -> None:
        pytest.fail("this test builds a site in-process: mark it `build` (pytest.mark.build)")

    for engine in ENGINES:
        try:
            module = __import__(f"{engine}.commands.build", fromlist=["build"])
        except ImportError:
            continue
        monkeypatch.setattr(module, "build", refuse)
