"""`archive check` on GitHub Actions: annotations on the offending lines and a step summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.config.settings import CollectionSpec, ProjectSettings
from legacy_archive.core.editors.report import (
    annotation,
    escape_data,
    escape_property,
    parse_name_status,
    record_url,
)
from support.project import COURSE, Project

SETTINGS = ProjectSettings(
    root=Path(),
    collections=(
        CollectionSpec("courses", "Courses", "Course", "courses.schema.json", "c.md.j2"),
        CollectionSpec("events", "Events", "Event", "events.schema.json", "e.md.j2", folder="ev"),
    ),
)


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("50% off", "50%25 off", "50%25 off"),
        ("a\nb\rc", "a%0Ab%0Dc", "a%0Ab%0Dc"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_escaping_follows_the_workflow_command_spec(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_annotation_points_at_the_line() -> None:
    problem = Problem("courses/a,b.md", 8, "level", "unknown value 'shrt' (expected one of: short)")
    assert annotation(problem) == (
        "::error file=courses/a%2Cb.md,line=8,title=archive check%3A level::"
        "level: unknown value 'shrt' (expected one of: short)"
    )


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("courses/intro.md", "courses/intro/"),
        ("courses/intro/index.md", "courses/intro/"),
        ("ev/final.md", "events/final/"),
        ("courses/intro/slides.pdf", None),
        ("content/about.md", None),
        ("courses/README.txt", None),
    ],
)
def test_record_url(path: str, url: str | None) -> None:
    assert record_url(path, SETTINGS) == url


def test_name_status_keeps_record_files_only() -> None:
    output = "A\tcourses/new.md\nM\tcourses/old.md\nD\tev/gone.md\nM\tmkdocs.yml\nR087\tcourses/a.md\tcourses/b.md\n"
    changes = parse_name_status(output, SETTINGS)
    assert changes.added == ["courses/new.md"]
    assert changes.changed == ["courses/old.md"]
    assert changes.removed == ["ev/gone.md"]
    assert changes.renamed == [("courses/a.md", "courses/b.md")]


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_pull_request_check_annotates_and_summarises(project: Project, tmp_path: Path) -> None:
    root = project.root
    project.write("courses/kept.md", COURSE)
    project.write(
        "courses/gone.md", "---\ntitle: Gone\n---\n\nA record that the pull request deletes.\n"
    )
    project.write("courses/moved.md", COURSE)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    (root / "courses/gone.md").unlink()
    git(root, "mv", "courses/moved.md", "courses/renamed.md")
    project.write("courses/kept.md", COURSE.replace("level: short", "level: shrt"))
    project.write(
        "courses/added.md",
        '---\ntitle: Added\nsummary: Something new and quite different.\ndate: "2021-13"\n---\n',
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "pr")

    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_BASE_REF": "main",
    }
    result = subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert (
        "::error file=courses/kept.md,line=8,title=archive check%3A level::level: unknown value 'shrt'"
        in result.stdout
    )
    assert "::error file=courses/added.md,line=4,title=archive check%3A date::" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert "| Added | `courses/added.md` |" in text
    assert "| Changed | `courses/kept.md` |" in text
    assert "| Removed | `courses/gone.md` |" in text
    assert "| Renamed | `courses/moved.md → courses/renamed.md` |" in text
    assert "#### `courses/kept.md`" in text
    assert "| 8 | `level` | unknown value 'shrt'" in text
    lost = text.split("### URLs that would disappear")[1]
    assert "- `courses/gone/`" in lost and "- `courses/moved/`" in lost
    assert "courses/kept/" not in lost


def test_no_annotations_outside_github_actions(project: Project) -> None:
    project.write("courses/a.md", COURSE.replace("level: short", "level: shrt"))
    env = {**os.environ, "GITHUB_ACTIONS": ""}
    result = subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", "check"],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "::error" not in result.stdout
