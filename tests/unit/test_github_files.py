"""The repository's GitHub files: workflows pass actionlint; forms and templates are complete."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from legacy_archive.core.cli.main import read_settings
from support.github import actionlint
from support.paths import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
FORMS = sorted(p for p in (REPO / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow: Path) -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.evnt.number }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and "evnt" in result.stdout


def test_the_three_workflows_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "pages.yml", "link-rot.yml"} <= names


def test_every_action_is_pinned_to_a_commit() -> None:
    for workflow in WORKFLOWS:
        for use in re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), f"{workflow.name}: {use}"


def test_pages_workflow_is_minimal_and_official() -> None:
    text = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    data = load(REPO / ".github/workflows/pages.yml")
    # Nothing at the top; the build job (which runs contributed content) can only read.
    assert data["permissions"] == {}
    assert data["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"] == "pages"
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    assert "cache: pip" in text
    assert "mkdocs build --strict" in text


def test_pull_request_workflow_checks_builds_and_tests() -> None:
    text = (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    data = load(REPO / ".github/workflows/pull-request.yml")
    assert data["permissions"] == {"contents": "read"}
    for command in ("archive check --base", "mkdocs build --strict", "make test"):
        assert command in text, command


def test_link_rot_runs_weekly() -> None:
    data = load(REPO / ".github/workflows/link-rot.yml")
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert len(triggers["schedule"]) == 1
    _minute, _hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert day == "*" and month == "*" and weekday != "*"


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_issue_forms_are_complete(form: Path) -> None:
    data = load(form)
    assert data["name"] and data["description"] and isinstance(data["body"], list)
    ids = [item["id"] for item in data["body"] if "id" in item]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for item in data["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if item["type"] != "markdown":
            assert item["attributes"]["label"], item
        if item["type"] == "dropdown":
            assert item["attributes"]["options"], item
    assert any(item.get("validations", {}).get("required") for item in data["body"])


def test_the_three_issue_forms_exist() -> None:
    titles = {load(form)["name"] for form in FORMS}
    assert titles == {
        "Suggest a resource",
        "Report a broken link",
        "Request a correction or withdrawal",
    }
    assert load(REPO / ".github/ISSUE_TEMPLATE/config.yml")["blank_issues_enabled"] is False


def test_pull_request_template_has_a_checklist() -> None:
    text = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 6


def test_pre_commit_runs_archive_check_on_record_changes() -> None:
    hooks = load(REPO / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    hook = next(h for h in hooks if h["id"] == "archive-check")
    assert hook["entry"].endswith("archive check")
    pattern = re.compile(hook["files"])
    settings, errors = read_settings(REPO / "mkdocs.yml")
    assert settings is not None and not errors, errors
    folders = [spec.directory for spec in settings.collections]
    assert folders and all(pattern.search(f"{folder}/new-one.md") for folder in folders)
    assert pattern.search("data/archive.yml") and pattern.search("mkdocs.yml")
    assert not pattern.search("plugins/legacy_archive/core/cli.py")
