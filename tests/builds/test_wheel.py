"""The engine is a package: its wheel alone, installed outside this checkout, builds an archive.

The wheel is built from a copy of the sources and installed into a new virtual environment.
That environment reaches the third-party packages (MkDocs, Material, ...) of the one
running the tests through a path file, not the engine: the engine, its theme, its page
templates and `archive init`'s presets must all come from the wheel.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support.builds import ENV
from support.paths import REPO
from support.starter import add_records, records_of

pytestmark = pytest.mark.build


def run(command: list[str | Path], cwd: Path) -> str:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=ENV, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_the_wheel_alone_starts_and_builds_an_archive(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "plugins",
        source / "plugins",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, source], tmp_path)
    wheel = next(dist.glob("legacy_archive-*.whl"))

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    python = venv / "bin" / "python"
    site_packages = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path
        ).strip()
    )
    (site_packages / "third_party.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], tmp_path)
    where = run([python, "-c", "import legacy_archive; print(legacy_archive.__file__)"], tmp_path)
    assert Path(where.strip()).is_relative_to(site_packages), "the engine came from the wheel"

    archive = tmp_path / "archive"
    run(
        [
            venv / "bin" / "archive",
            "init",
            archive,
            "--no-input",
            "--name",
            "Digital Talent Programme",
            "--start",
            "2017",
            "--end",
            "2021",
            "--collection",
            "toolkits",
            "--collection",
            "podcasts",
            "--collection",
            "reports=blank",
        ],
        tmp_path,
    )
    add_records(archive, "digital-talent")
    log = run([python, "-m", "mkdocs", "build", "--strict"], archive)
    site = archive / "site"
    records = records_of("digital-talent")
    assert f"Pagefind indexed {len(records) + 4} pages" in log  # home, About, Contribute, Download
    for asset in (
        "javascripts/archive-search.js",
        "stylesheets/archive-search.css",
        "archive.css",
        "promises.css",
    ):
        assert (site / "assets" / asset).is_file(), asset
    home = (site / "index.html").read_text("utf-8")
    assert 'class="archive-home"' in home and "archive-search.js" in home
    about = (site / "about" / "index.html").read_text("utf-8")
    assert 'class="archive-banner"' in about
    assert "Find resources" in (site / "find/index.html").read_text("utf-8")
    assert "assets/archive.css" in (site / "404.html").read_text("utf-8")
