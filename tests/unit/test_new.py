"""`archive new`: a scaffold per collection that fails the check until it is filled in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.project import COLLECTIONS, Project

FILLS = {
    'summary: ""': 'summary: "A scaffolded record, filled in by a test like an editor would."',
    'date: ""': 'date: "2021-06"',
    "subjects: []": "subjects: [computing]",
    "audiences: []": "audiences: [secondary]",
    'format: ""': "format: online",
    'level: ""': "level: short",
    'role: ""': 'role: "Sound designer"',
    'sector: ""': "sector: games",
    'pathway: ""': "pathway: apprenticeship",
    "key_stages: []": "key_stages: [ks3]",
    'venue: ""': 'venue: "Queen Mary University of London"',
}


def archive(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": ""},
        check=False,
    )


def fill(text: str) -> str:
    for placeholder, value in FILLS.items():
        text = text.replace(f"\n{placeholder}  #", f"\n{value}  #")
    return text


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_scaffold_fails_then_passes_once_filled(project: Project, collection: str) -> None:
    created = archive(project.root, "new", collection, "Sound design: a first look")
    assert created.returncode == 0, created.stdout
    path = project.root / collection / "sound-design-a-first-look.md"
    assert created.stdout.startswith(f"created {collection}/sound-design-a-first-look.md")
    text = path.read_text(encoding="utf-8")
    assert 'title: "Sound design: a first look"  # ' in text
    front = text.split("---")[1]
    field_lines = [line for line in front.splitlines() if line and not line.startswith("# A")]
    assert all("  # " in line for line in field_lines[1:]), "every field has a comment"

    unfilled = archive(project.root, "check")
    assert unfilled.returncode == 1
    assert f"{collection}/sound-design-a-first-look.md:6: date: '' is not a date" in unfilled.stdout

    path.write_text(fill(text), encoding="utf-8")
    filled = archive(project.root, "check")
    assert filled.returncode == 0, filled.stdout
    assert "1 records in 1 files, no problems" in filled.stdout


def test_every_schema_field_is_in_the_scaffold(project: Project) -> None:
    archive(project.root, "new", "interviews", "A")
    text = (project.root / "interviews/a.md").read_text(encoding="utf-8")
    for name in ("name", "role", "portrait_alt", "video", "transcript", "downloads", "draft"):
        assert f"{name}: " in text or f"{name}:  #" in text, name
    assert "one of: games, film-and-tv" in text, "allowed values come from the vocabularies"
    assert "# name: " in text, "optional fields start commented out"


def test_slugs_are_unique(project: Project) -> None:
    project.write("courses/podcasting.md", "---\ntitle: x\n---\n")
    (project.root / "courses/podcasting-2").mkdir()
    result = archive(project.root, "new", "courses", "Podcasting!", "--folder")
    assert result.returncode == 0
    assert (project.root / "courses/podcasting-3/index.md").is_file()


def test_unknown_collection(project: Project) -> None:
    result = archive(project.root, "new", "interview", "A")
    assert result.returncode == 2
    assert result.stdout == (
        "archive new: unknown collection 'interview' "
        "(expected one of: courses, briefs, interviews, events)\n"
    )
