"""Times the editors' tools on the demo archive and prints the numbers (never pass/fail).

Run: .venv/bin/python scripts/benchmark_editor_tools.py
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from legacy_archive.core.cli.main import check, read_settings
from legacy_archive.core.editors.cms import CmsOptions, config_yaml, project_config
from legacy_archive.core.load.vocabulary import load_registry

REPO = Path(__file__).resolve().parent.parent


def timed(label: str, runs: int, action: object) -> None:
    assert callable(action)
    start = time.perf_counter()
    for _ in range(runs):
        action()
    print(f"{label}: {(time.perf_counter() - start) / runs * 1000:.1f} ms (mean of {runs})")


def quiet(function: Callable[[list[str]], int], argv: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        function(argv)


def main() -> None:
    settings, _ = read_settings(REPO / "mkdocs.yml")
    assert settings is not None
    registry, _ = load_registry(settings.data_file, REPO / settings.data_file, REPO)
    timed("archive check, demo archive", 5, lambda: check(REPO / "mkdocs.yml", io.StringIO()))
    timed(
        "CMS config.yml generation",
        20,
        lambda: config_yaml(project_config(settings, registry, CmsOptions())),
    )
    size = len(config_yaml(project_config(settings, registry, CmsOptions())).encode())
    print(f"CMS config.yml size: {size / 1024:.1f} KiB")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("mkdocs.yml", "data", "schemas"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        from legacy_archive.core.cli.main import main as cli

        timed(
            "archive new interviews",
            20,
            lambda: quiet(cli, ["new", "interviews", "A title", "-f", str(root / "mkdocs.yml")]),
        )


if __name__ == "__main__":
    main()
