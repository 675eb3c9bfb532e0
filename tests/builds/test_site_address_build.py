"""Builds made for the address they will be published at, and a new archive's first build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import main as archive_main
from legacy_archive.core.publish.ledger import resolves
from support.builds import ENV, page
from support.project import COURSE, Project

pytestmark = pytest.mark.build
RECORD = "courses/audio-editing-and-podcasting/"
NOTICE = (
    "INFO    -  archive: site address not set: built for http://127.0.0.1:8000/ "
    "(set site_url or ARCHIVE_SITE_URL for the published address)"
)


def build(root: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    environ = {k: v for k, v in ENV.items() if k != "ARCHIVE_SITE_URL"} | env
    return subprocess.run(
        [*command, "-d", str(site)], capture_output=True, text=True, env=environ, cwd=root
    )


def without_site_url(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(?m)^site_url: .*\n", "", text), "utf-8")


def test_a_build_with_no_address_says_once_which_it_assumed(
    project: Project, tmp_path: Path
) -> None:
    without_site_url(project)
    project.write("courses/a.md", COURSE)
    site = tmp_path / "site"
    result = build(project.root, site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines().count(NOTICE) == 1
    assert '<link rel="canonical" href="http://127.0.0.1:8000/courses/a/">' in page(
        site, "courses/a/"
    )


def test_the_published_address_reaches_every_absolute_link(
    demo_copy: Callable[[], Path], tmp_path: Path
) -> None:
    """`ARCHIVE_SITE_URL` beats site_url: canonical links, sitemap, robots.txt, JSON-LD and
    the 404 page's CSS, scripts and links, for a repository of any name."""
    site = tmp_path / "site"
    result = build(demo_copy(), site, ARCHIVE_SITE_URL="https://owner.github.io/any-name")
    assert result.returncode == 0, result.stderr
    assert "site address not set" not in result.stderr
    record = page(site, RECORD)
    assert (
        '<link rel="canonical" href="https://owner.github.io/any-name/courses/audio-editing-and-podcasting/">'
        in record
    )
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', record, re.S)
    assert (
        data
        and json.loads(data.group(1))["url"]
        == "https://owner.github.io/any-name/courses/audio-editing-and-podcasting/"
    )
    assert "<loc>https://owner.github.io/any-name/courses/audio-editing-and-podcasting/</loc>" in (
        site / "sitemap.xml"
    ).read_text("utf-8")
    assert "Sitemap: https://owner.github.io/any-name/sitemap.xml" in (
        site / "robots.txt"
    ).read_text("utf-8")
    assert "example.github.io" not in record
    not_found = (site / "404.html").read_text("utf-8")
    links = re.findall(r'(?:href|src|action)="(/[^"]*)"', not_found)
    assert links and all(link.startswith("/any-name/") for link in links), links
    missing = [link for link in links if not resolves(site, link.removeprefix("/any-name"))]
    assert not missing, "the 404 page's links and files are all in the site"


def test_a_new_archive_without_the_old_records_starts_its_own_ledger(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write("courses/a.md", COURSE)
    config = str(project.root / "mkdocs.yml")
    assert archive_main(["ledger", "add", "-f", config]) == 0
    (project.root / "courses/a.md").unlink()
    site = tmp_path / "site"
    result = build(project.root, site)
    assert result.returncode != 0
    assert "url: '/courses/a/' no longer resolves" in result.stderr
    assert (
        "starts its own ledger: `archive ledger reset --forget` (see the README)." in result.stderr
    )
    assert archive_main(["ledger", "reset", "-f", config]) == 1
    assert archive_main(["ledger", "reset", "--forget", "-f", config]) == 0
    capsys.readouterr()
    result = build(project.root, site)
    assert result.returncode == 0, result.stderr
