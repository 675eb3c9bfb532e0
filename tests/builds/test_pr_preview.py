"""`archive preview`, on a fixture pull request: two commits of the fixture archive (a record
changed, one added with an old address with a query, one renamed with `legacy_urls`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from legacy_archive.core.cli.main import main as archive_main
from legacy_archive.core.editors.preview import Build, Preview, compare, summary, visible_text
from legacy_archive.core.editors.preview.markdown import _escape, _fenced
from legacy_archive.core.editors.preview.screenshots import ORIGIN, chromium, shot_name, site_file
from support.paths import REPO, SITE

pytestmark = pytest.mark.build

OLD = "A short online course introducing educators to 3D modelling and animation with free tools"
NEW = "A short online course introducing educators to 3D modelling and animation with open-source tools"


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The summary step run on the fixture pull request: (output folder, summary, step summary)."""
    temp = tmp_path_factory.mktemp("pr")
    root = temp / "repo"
    shutil.copytree(SITE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    course = root / "courses/3d-animations.md"
    course.write_text(course.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    added = (root / "courses/digital-art-and-design.md").read_text(encoding="utf-8")
    title = next(line for line in added.splitlines() if line.startswith("title:"))
    added = added.replace(title, 'title: "Sound for Film"\nlegacy_urls: ["/?p=123"]', 1)
    (root / "courses/sound-for-film.md").write_text(added, encoding="utf-8")
    old = root / "events/scratch-maths-with-ucl.md"
    text = old.read_text(encoding="utf-8").replace(
        "\ndate:", "\nlegacy_urls: [/events/scratch-maths-with-ucl/]\ndate:", 1
    )
    (root / "events/scratch-maths-workshop.md").write_text(text, encoding="utf-8")
    old.unlink()
    for path in (*root.glob("courses/*.md"), *root.glob("briefs/*.md")):
        body = path.read_text(encoding="utf-8")
        if "events/scratch-maths-with-ucl" in body:
            body = body.replace("events/scratch-maths-with-ucl", "events/scratch-maths-workshop")
            path.write_text(body, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    out = temp / "preview"
    step = temp / "step-summary.md"
    step.write_text("## Earlier steps\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GITHUB_STEP_SUMMARY", str(step))
        code = archive_main(
            [
                "preview",
                "summary",
                "--repo",
                str(root),
                "--base",
                "HEAD~1",
                "--head",
                "HEAD",
                "--out",
                str(out),
            ]
        )
    assert code == 0
    return out, (out / "summary.md").read_text(encoding="utf-8"), step.read_text(encoding="utf-8")


def test_the_summary_lists_exactly_the_changed_record_pages(
    pull_request: tuple[Path, str, str],
) -> None:
    _, text, _ = pull_request
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Changed: 3D Animations",
        "### Added: Sound for Film",
        "### Moved: Scratch Maths with UCL",
        "### Listings the changed records appear in",
        "### Other pages that now read differently",
        "### Changed addresses",
        "### Redirects added or changed",
        "### Old addresses with a query",
    ]
    assert "1 added, 1 changed, 1 moved, 0 removed record pages." in text
    # Pages the pull request did not touch that read differently because of it: related
    # suggestions now include the new course, subject pages list it, counts go up.
    others = text.split("### Other pages that now read differently", 1)[1]
    others = others.split("### Changed addresses", 1)[0]
    entries = dict(
        re.findall(
            r"<summary><code>(.*?)</code></summary>\n\n`{3,}diff\n(.*?)\n`{3,}", others, re.S
        )
    )
    assert {
        "/",
        "site-map/",
        "subjects/animation/",
        "briefs/design-a-podcast-for-your-school/",
    } <= set(entries)
    touched = {
        "courses/3d-animations/",
        "courses/sound-for-film/",
        "events/scratch-maths-workshop/",
    }
    assert not touched & set(entries) and not {"courses/", "events/"} & set(entries)
    for path, diff in entries.items():
        changed = [line for line in diff.splitlines() if line[:1] in "+-"]
        assert any(
            "Sound for Film" in line
            or "open-source tools" in line
            or re.search(r"\b(8|16|29|7|11)\b", line)
            for line in changed
        ), (path, changed)
    assert "+Sound for Film 2021" in entries["site-map/"]


def test_each_page_shows_what_it_says_before_and_after(
    pull_request: tuple[Path, str, str],
) -> None:
    _, text, _ = pull_request
    changed = text.split("### Changed: 3D Animations", 1)[1].split("###", 1)[0]
    minus = [
        line for line in changed.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    plus = [
        line for line in changed.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    assert len(minus) == len(plus) >= 1, changed
    assert any(OLD in line for line in minus) and any(NEW in line for line in plus)
    assert not any("title:" in line or "summary:" in line for line in minus + plus), "not Markdown"
    added = text.split("### Added: Sound for Film", 1)[1].split("###", 1)[0]
    assert "Address: `courses/sound-for-film/`" in added
    assert "+Sound for Film" in added and "\n-" not in added.split("```diff", 1)[1]
    moved = text.split("### Moved: Scratch Maths with UCL", 1)[1].split("###", 1)[0]
    assert (
        "Moved from `events/scratch-maths-with-ucl/` to `events/scratch-maths-workshop/`." in moved
    )
    assert "-https://example.github.io/techpathways-archive/events/scratch-maths-with-ucl/" in moved
    assert "+https://example.github.io/techpathways-archive/events/scratch-maths-workshop/" in moved
    listings = text.split("### Listings the changed records appear in", 1)[1].split("###", 1)[0]
    assert "`courses/`" in listings and "+Sound for Film" in listings


def test_changed_addresses_and_redirects(pull_request: tuple[Path, str, str]) -> None:
    out, text, step = pull_request
    assert "- `events/scratch-maths-with-ucl/` → `events/scratch-maths-workshop/`" in text
    redirects = text.split("### Redirects added or changed", 1)[1]
    redirects, queries = redirects.split("### Old addresses with a query", 1)
    # No page answers `/?p=123`: the home page's script looks it up in the build's map.
    assert queries.strip().splitlines() == ["- Added: `/?p=123` → `courses/sound-for-film/`"]
    assert redirects.strip().splitlines() == [
        "- `events/scratch-maths-with-ucl/` → "
        "`https://example.github.io/techpathways-archive/events/scratch-maths-workshop/`"
    ]
    assert step.startswith("## Earlier steps\n") and text in step, "appended, not replaced"
    assert (out / "pages.txt").read_text(encoding="utf-8").split() == [
        "courses/3d-animations/",
        "courses/sound-for-film/",
        "events/scratch-maths-workshop/",
        "courses/",
        "events/",
    ]
    assert (out / "site/courses/sound-for-film/index.html").is_file()
    assert not (out / "base/courses/sound-for-film").exists()


def test_record_text_cannot_break_out_of_its_diff_block() -> None:
    block = _fenced(("+```", "+<script>alert(1)</script>", "+`````"))
    assert block[0] == "``````diff" and block[-1] == "``````"
    html = b"<html><body><article><h1>T</h1><p>One <b>two</b></p><script>x()</script><img alt='A cat'></article></body></html>"
    assert visible_text(html) == ["T", "One two", "[image: A cat]"]
    title = _escape("[Win](javascript:alert(1)) <img src=x onerror=alert(1)> *bold*")
    assert not re.search(r"(?<!\\)[\[\]()<>*]", title), title


def test_old_addresses_with_a_query_changed_or_removed(tmp_path: Path) -> None:
    def build(queries: dict[str, str]) -> Build:
        return Build(tmp_path, {}, {}, {}, queries=queries)

    base = build({"/?p=1": "courses/a/", "/?p=2": "courses/b/", "/index.php?id=3": "c/"})
    head = build({"/?p=1": "courses/a/", "/?p=2": "courses/z/", "/?p=4": "courses/d/"})
    preview = compare(base, head)
    assert preview.queries == [
        ("changed", "/?p=2", "courses/z/"),
        ("added", "/?p=4", "courses/d/"),
        ("removed", "/index.php?id=3", ""),
    ]
    text = summary(preview)
    assert "No record page changes" not in text
    assert "- Removed: `/index.php?id=3` no longer answers" in text
    assert "- Changed: `/?p=2` → `courses/z/`" in text


def test_nothing_changed_says_so() -> None:
    assert "No record page changes what it shows." in summary(Preview())


def test_a_request_cannot_reach_outside_the_built_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    (site / "about/index.html").write_text("<p>About</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("token", encoding="utf-8")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert site_file(site, f"{ORIGIN}/about/?q=1#top") == site / "about/index.html"
    assert site_file(site, f"{ORIGIN}/../secret.txt") is None
    assert site_file(site, f"{ORIGIN}/link.txt") is None
    assert site_file(site, f"{ORIGIN}/missing/") is None


@pytest.mark.browser
def test_screenshots_of_each_listed_page_at_both_widths(
    pull_request: tuple[Path, str, str], tmp_path: Path
) -> None:
    if chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is needed under CI")
        pytest.skip("needs chromium")
    out, _, _ = pull_request
    shots = tmp_path / "shots"
    code = archive_main(
        [
            "preview",
            "screenshots",
            "--site",
            str(out / "site"),
            "--pages",
            str(out / "pages.txt"),
            "--out",
            str(shots),
        ]
    )
    assert code == 0
    widths = {}
    for png in sorted(shots.iterdir()):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", png.name
        widths[png.name] = int.from_bytes(data[16:20], "big")
    pages = (out / "pages.txt").read_text(encoding="utf-8").split()
    assert widths == {shot_name(page, width): width for page in pages for width in (390, 1280)}
    assert "courses--sound-for-film-390.png" in widths


def test_screenshots_without_a_summary_say_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "pages.txt"
    shots = tmp_path / "shots"
    code = archive_main(["preview", "screenshots", "--pages", str(missing), "--out", str(shots)])
    assert code == 1 and not shots.exists()
    printed = capsys.readouterr().out
    assert printed.startswith(f"archive preview: {missing}: ") and "run `summary` first" in printed


def test_an_unknown_base_is_refused_and_writes_nothing(
    pull_request: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    out, _, _ = pull_request
    before = sorted(out.rglob("*"))
    argv = ["preview", "summary", "--repo", str(out.parent / "repo"), "--out", str(out)]
    assert archive_main([*argv, "--base", "origin/no-such-branch"]) == 1
    assert archive_main([*argv, "--base=--output=x"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("archive preview: ") and "'origin/no-such-branch'" in printed[0]
    assert "expected a branch or commit" in printed[1]
    assert sorted(out.rglob("*")) == before


def test_new_archives_get_the_same_preview_with_the_tested_playwright() -> None:
    project = REPO / ".github/workflows/pull-request.yml"
    starter = REPO / "plugins/legacy_archive/starter_files/project/github/workflows"
    ours = yaml.safe_load(project.read_text(encoding="utf-8"))["jobs"]["preview"]
    theirs = yaml.safe_load((starter / "pull-request.yml").read_text(encoding="utf-8"))
    theirs = theirs["jobs"]["preview"]

    def runs(job: dict[str, Any]) -> list[str]:
        return [step["run"] for step in job["steps"] if "archive preview" in step.get("run", "")]

    assert runs(theirs) == runs(ours) and len(runs(ours)) == 2
    uploads = [step["with"]["path"] for step in theirs["steps"] if "upload-artifact" in str(step)]
    assert uploads == ["_preview/site", "_preview/screenshots"]
    pinned = re.search(r"^playwright==(\S+)$", (REPO / "requirements.lock").read_text(), re.M)
    assert pinned and f"playwright=={pinned.group(1)}" in str(theirs["steps"])
