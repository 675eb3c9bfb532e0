"""`archive check`: exit codes, the problem list and the one-line summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from legacy_archive.core.cli.main import main
from support.project import COURSE, Project


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_clean_archive_exits_0(project: Project) -> None:
    project.write("courses/a.md", COURSE)
    result = run_check(project.root)
    assert result.returncode == 0
    assert result.stdout == "archive check: 1 records in 1 files, no problems.\n"


def test_problems_exit_1_with_summary(project: Project) -> None:
    project.write("courses/a.md", COURSE.replace("level: short", "level: shrt"))
    project.write("courses/b.md", "")
    result = run_check(project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "courses/a.md:8: level: unknown value 'shrt' (expected one of: short, in-depth; did you mean 'short'?)",
        "courses/b.md:1: file: file is empty (expected YAML front matter between '---' lines, then the Markdown body)",
        "archive check: 2 problems in 2 files (0 valid records read from 2 files).",
    ]
    assert "Traceback" not in result.stderr


def test_missing_config_is_reported_not_raised(tmp_path: Path, capsys: object) -> None:
    assert main(["check", "-f", str(tmp_path / "nowhere.yml")]) == 1


def test_bad_collection_config_points_at_its_line(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("- name: briefs")].count("\n") + 1
    config.write_text(text.replace("- name: briefs", "- name: Briefs!"), encoding="utf-8")
    result = run_check(project.root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"mkdocs.yml:{line}: plugins.archive.collections[2].name: 'Briefs!' is not a valid collection name (expected lowercase letters, digits and single hyphens, starting with a letter, like 'reports' or 'case-studies')",
        "archive check: the configuration has problems; no records were checked.",
    ]
