"""`archive init`: a new archive's files from the programme's facts, every bad option at once."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from legacy_archive.core.cli.main import main as archive_main
from legacy_archive.core.starter.facts import ArchiveFacts, CollectionChoice, problems_of
from legacy_archive.core.starter.presets import preset_names, read_preset
from legacy_archive.core.starter.writer import write_archive
from support.github import actionlint

DEMO_NAMES = ("techpathways", "queen-mary", "queen mary", "blended", "key_stages")
"""Words from the demo archive that no new archive may inherit."""


def facts(*collections: str, **options: str) -> ArchiveFacts:
    chosen = tuple(
        CollectionChoice(*c.split("=")) if "=" in c else CollectionChoice(c, c) for c in collections
    )
    values = {"name": "Digital Talent Programme", "start": "2018", "end": "2021", **options}
    return ArchiveFacts(collections=chosen, **values)  # type: ignore[arg-type]


def test_every_preset_is_complete() -> None:
    assert preset_names()[-1] == "blank"
    for name in preset_names():
        preset = read_preset(name)
        assert preset.schema["allOf"] == [{"$ref": "record.schema.json"}], name
        assert (
            preset.template.startswith("{#-") and '{% extends "_record.md.j2" %}' in preset.template
        )
        if name != "blank":
            assert preset.collection["title"] and preset.collection["singular"], name


@pytest.mark.parametrize(
    ("options", "collections", "expected"),
    [
        (
            {"name": " ", "start": "18", "end": "2021"},
            ("courses",),
            [
                "--name: the programme's name is empty (expected its public name)",
                "--start: '18' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            ],
        ),
        (
            {"start": "2021", "end": "2018"},
            ("podcast", "Case_Studies", "find", "toolkits", "toolkits"),
            [
                "--end: 2018 is before --start 2021 (expected the year it ended)",
                "--collection podcast: no preset 'podcast'; did you mean 'podcasts'? "
                "(expected one of: briefs, case-studies, courses, events, interviews, podcasts, "
                "toolkits, blank; or NAME=blank)",
                "--collection Case_Studies: 'Case_Studies' is not a collection name (expected "
                "lowercase letters and digits, words joined by hyphens, like case-studies)",
                "--collection Case_Studies: no preset 'Case_Studies'; did you mean 'case-studies'? "
                "(expected one of: briefs, case-studies, courses, events, interviews, podcasts, "
                "toolkits, blank; or NAME=blank)",
                "--collection find: 'find' is an address the site uses itself (expected another name)",
                "--collection find: no preset 'find' (expected one of: briefs, case-studies, "
                "courses, events, interviews, podcasts, toolkits, blank; or NAME=blank)",
                "--collection toolkits: chosen twice (expected each collection once)",
            ],
        ),
        (
            {"site_url": "javascript:alert(1)", "repository": "no slash"},
            (),
            [
                "--collection: none chosen (expected at least one, like --collection courses)",
                "--site-url: 'javascript:alert(1)' is not an https:// address (expected the "
                "published address, like https://example.org/archive/)",
                "--repository: 'no slash' is not a GitHub repository (expected OWNER/NAME)",
            ],
        ),
    ],
)
def test_every_bad_option_is_reported_at_once(
    options: dict[str, str], collections: tuple[str, ...], expected: list[str]
) -> None:
    assert problems_of(facts(*collections, **options)) == expected


def test_init_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    out = io.StringIO()
    code = archive_main_capture(
        [
            "init",
            str(tmp_path),
            "--no-input",
            "--name",
            "X",
            "--start",
            "2020",
            "--end",
            "2021",
            "--collection",
            "courses",
        ],
        out,
    )
    assert code == 2
    assert out.getvalue() == (
        f"archive init: {tmp_path}: not empty (expected a new or empty folder: init never overwrites)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def archive_main_capture(argv: list[str], out: io.StringIO) -> int:
    import contextlib

    with contextlib.redirect_stdout(out):
        return archive_main(argv)


def test_a_new_archive_holds_only_its_own_files(tmp_path: Path) -> None:
    target = tmp_path / "talent"
    written = write_archive(
        target,
        facts(
            "toolkits",
            "case-studies",
            "podcasts",
            "reports=blank",
            funder="Mayor of London",
            repository="example/talent-archive",
            reviewed="2026-12-01",
        ),
    )
    names = sorted(p.relative_to(target).as_posix() for p in written)
    assert names == [
        ".github/ISSUE_TEMPLATE/config.yml",
        ".github/ISSUE_TEMPLATE/report-a-problem.yml",
        ".github/ISSUE_TEMPLATE/suggest-a-resource.yml",
        ".github/workflows/pages.yml",
        ".github/workflows/pull-request.yml",
        ".github/workflows/release.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "Makefile",
        "README.md",
        "case-studies/.gitkeep",
        "content/about.md",
        "content/contribute.md",
        "content/index.md",
        "data/archive.yml",
        "mkdocs.yml",
        "podcasts/.gitkeep",
        "reports/.gitkeep",
        "requirements.txt",
        "schemas/case-studies.schema.json",
        "schemas/podcasts.schema.json",
        "schemas/record.schema.json",
        "schemas/reports.schema.json",
        "schemas/toolkits.schema.json",
        "templates/case-studies.md.j2",
        "templates/podcasts.md.j2",
        "templates/reports.md.j2",
        "templates/toolkits.md.j2",
        "toolkits/.gitkeep",
        "url-ledger.txt",
    ]
    config = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    archive = next(p["archive"] for p in config["plugins"] if isinstance(p, dict))
    assert [c["name"] for c in archive["collections"]] == [
        "toolkits",
        "case-studies",
        "podcasts",
        "reports",
    ]
    assert (
        archive["collections"][3]["title"] == "Reports"
        and archive["collections"][3]["singular"] == "Report"
    )
    assert archive["programme"] == {
        "name": "Digital Talent Programme",
        "funder": "Mayor of London",
        "start": "2018",
        "end": "2021",
        "last_reviewed": "2026-12-01",
    }
    assert "nav" not in config and "custom_dir" not in config["theme"], "the engine adds both"
    data = yaml.safe_load((target / "data/archive.yml").read_text(encoding="utf-8"))
    assert {"subjects", "audiences", "licences", "sectors", "strands"} <= set(data["vocabularies"])
    assert (
        json.loads((target / "schemas/reports.schema.json").read_text())["$id"]
        == "reports.schema.json"
    )
    hook = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert (
        hook["files"]
        == r"^(toolkits|case-studies|podcasts|reports|data|schemas|templates)/|^mkdocs\.yml$"
    )
    form = yaml.safe_load((target / ".github/ISSUE_TEMPLATE/suggest-a-resource.yml").read_text())
    assert form["body"][1]["attributes"]["options"] == [
        "Toolkit",
        "Case study",
        "Podcast episode",
        "Report",
    ]
    assert (target / "url-ledger.txt").read_text().startswith("#")
    for path in written:
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in DEMO_NAMES if w in text], path


def test_the_new_archives_workflows_pass_actionlint(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", facts("courses", "events"))
    for workflow in sorted((tmp_path / "a/.github/workflows").glob("*.yml")):
        result = subprocess.run(
            [actionlint(), "-no-color", str(workflow)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path / "a",
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "steps.pages.outputs.base_url" in (tmp_path / "a/.github/workflows/pages.yml").read_text()
    )
