"""The "Download the whole archive" page every archive gets: linked from the home page and
the site map, naming the files the exports write, with sizes once a release has them."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from legacy_archive.core.cli.export import load_context
from legacy_archive.core.cli.main import check
from legacy_archive.core.emit.downloads import read_editions
from legacy_archive.core.export.bag import SUFFIX as BAG_SUFFIX
from legacy_archive.core.export.common import output_path
from legacy_archive.core.export.wacz import SUFFIX as WACZ_SUFFIX
from support.builds import build, page
from support.paths import SITE
from support.project import COURSE, Project

pytestmark = pytest.mark.build
RELEASES = "https://github.com/techpathways/archive/releases"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("download") / "site"
    result = build(SITE, folder)
    assert result.returncode == 0, result.stderr
    return folder


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_the_home_page_and_the_site_map_link_to_it(site: Path) -> None:
    assert "download/" in links(page(site, ""))
    assert "../download/" in links(page(site, "site-map/"))


def test_before_a_release_it_names_the_files_the_exports_write(site: Path) -> None:
    html = unescape(page(site, "download/"))
    context, problems = load_context(SITE / "mkdocs.yml", site)
    assert context is not None, problems
    for edition, suffix in (("zim", ".zim"), ("wacz", WACZ_SUFFIX), ("bag", BAG_SUFFIX)):
        written = output_path(context, None, suffix).relative_to(SITE).as_posix()
        assert f"<code>archive export {edition}</code>" in html
        assert f"<code>{written}</code>" in html
    assert "/latest/download/" not in html  # no links that would not work yet
    assert f"{RELEASES}" in links(html) and "after the archive's first release" in html
    assert "Read it offline with Kiwix on a phone, laptop or school hotspot" in html
    assert "UK Web Archive" in html and "library or records office" in html


def test_sizes_come_from_the_latest_release(project: Project, tmp_path: Path) -> None:
    editions = {
        "release": "v2.1.0",
        "date": "2026-11-30",
        "editions": [
            {"edition": "zim", "file": "a.zim", "bytes": 12_345_678, "sha256": "ab" * 32},
            {"edition": "wacz", "file": "a.wacz", "bytes": 2_600},
        ],
    }
    project.write("editions.json", json.dumps(editions))
    result = build(project.root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = unescape(page(tmp_path / "site", "download/"))
    assert f"{RELEASES}/latest/download/a.zim" in links(html)
    assert "a.zim, 12.3 MB" in html and "ab" * 32 in html and "a.wacz, 3 KB" in html
    assert "release v2.1.0 of 30 November 2026" in html
    assert "<code>archive export bag</code>" in html  # not released: the command instead


def test_without_a_repository_it_gives_the_commands(project: Project, tmp_path: Path) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\n\s*report_to:[^\n]*", "", text), encoding="utf-8")
    project.write("editions.json", '{"release": "v1", "editions": [{"edition": "zim"}]}')
    result = build(project.root, tmp_path / "site", strict=False)
    assert "editions.json:1: date: '' is not a date (expected YYYY-MM-DD)" in result.stderr
    html = page(tmp_path / "site", "download/")
    assert "github.com" not in html
    for edition in ("zim", "wacz", "bag"):
        assert f"<code>archive export {edition}</code>" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "editions.json:1: file: cannot be read"),
        ("[]", "editions.json:1: editions: missing"),
        (
            '{"release": "v1", "date": "2026-01-01",\n "editions": [{"edition": "epub", "file": "a.epub", "bytes": 1}]}',
            "editions.json:2: editions[0].edition: 'epub' is not an edition (expected one of: zim, wacz, bag)",
        ),
        (
            '{"release": "v1", "date": "2026-01-01", "editions": [{"edition": "zim", "file": "../a.zim", "bytes": 1}]}',
            "editions[0].file: '../a.zim' is not a file name",
        ),
        (
            '{"release": "v1", "date": "2026-01-01", "editions": [{"edition": "bag", "file": "a.tar", "bytes": -4}]}',
            "editions[0].bytes: '-4' is not a size",
        ),
    ],
)
def test_a_broken_editions_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "editions.json").write_text(text, encoding="utf-8")
    facts, problems = read_editions(tmp_path)
    assert any(message in str(p) for p in problems), problems
    assert facts.get("epub") is None and all(r.bytes > 0 for _, r in facts.editions)


def test_an_old_address_cannot_take_the_download_page(project: Project) -> None:
    project.write(
        "courses/audio.md", COURSE.replace("---\n\n", 'legacy_urls: ["/download/"]\n---\n\n', 1)
    )
    out = io.StringIO()
    assert check(project.root / "mkdocs.yml", out=out) == 1
    assert (
        "'/download/index.html' is already the page 'Download the whole archive'" in out.getvalue()
    )
