"""`archive ledger reset`: a new archive starts its own ledger, deliberately and never by
accident forgetting URLs a published site promised."""

from __future__ import annotations

import pytest

from legacy_archive.core.cli.main import main
from legacy_archive.core.publish.ledger_file import HEADER, RESET_NOTE, read_ledger
from support.project import COURSE, Project


def run(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["ledger", *args, "-f", str(project.root / "mkdocs.yml")])
    return code, capsys.readouterr().out.splitlines()


def test_reset_refuses_to_forget_published_urls_without_forget(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("courses/a.md", COURSE)
    assert run(project, capsys, "add")[0] == 0
    ledger = project.root / "url-ledger.txt"
    before = ledger.read_text("utf-8")
    (project.root / "courses/a.md").unlink()
    lines = {e.url: e.line for e in read_ledger(ledger)}
    code, out = run(project, capsys, "reset")
    assert code == 1
    assert out == [
        f"url-ledger.txt:{lines[url]}: url: '{url}' is no longer published and a reset would "
        "forget it (expected it kept while anyone may hold a link to it: add it to a record's "
        "legacy_urls or to plugins.archive.redirects)"
        for url in ("/audiences/secondary/", "/courses/a/", "/subjects/audio/")
    ] + [
        "archive ledger: 3 recorded URL(s) would be forgotten; the ledger is unchanged. If the "
        "site was ever published, links to them would break. If it never was (a new archive "
        "made from another's files), run `archive ledger reset --forget`."
    ]
    assert ledger.read_text("utf-8") == before


def test_reset_with_forget_starts_a_ledger_that_says_so(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("courses/a.md", COURSE)
    run(project, capsys, "add")
    (project.root / "courses/a.md").unlink()
    code, out = run(project, capsys, "reset", "--forget")
    assert code == 0
    ledger = project.root / "url-ledger.txt"
    urls = [e.url for e in read_ledger(ledger)]
    assert out == [
        f"archive ledger: started afresh with the {len(urls)} URL(s) the site publishes now "
        "(3 forgotten) in url-ledger.txt."
    ]
    assert "/courses/a/" not in urls and "/courses/" in urls
    assert ledger.read_text("utf-8").startswith(HEADER + RESET_NOTE)
    assert run(project, capsys, "check")[0] == 0
    project.write("courses/b.md", COURSE)
    assert run(project, capsys, "add")[0] == 0
    text = ledger.read_text("utf-8")
    assert text.startswith(HEADER + RESET_NOTE) and "/courses/b/\n" in text


def test_reset_of_a_ledger_that_forgets_nothing_needs_no_flag(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("courses/a.md", COURSE)
    code, _ = run(project, capsys, "reset")
    assert code == 0
    assert "/courses/a/" in [e.url for e in read_ledger(project.root / "url-ledger.txt")]


def test_reset_with_problems_changes_nothing(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("courses/a.md", COURSE.replace("level: short", "level: shrt"))
    code, out = run(project, capsys, "reset", "--forget")
    assert code == 1
    assert out[-1] == "archive ledger: fix the problems above first; the ledger is unchanged."
    assert not (project.root / "url-ledger.txt").exists()


def test_the_header_names_the_way_to_start_afresh() -> None:
    assert "Never delete" not in HEADER
    assert "`archive ledger reset`" in HEADER
