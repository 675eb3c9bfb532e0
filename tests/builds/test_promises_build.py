"""Full builds: the archive says what it is, never breaks a URL, and is findable, citable,
reusable and byte-for-byte reproducible."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import main as archive_main
from site_pages import demo_archive
from support.paths import SITE

pytestmark = pytest.mark.build
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
IGNORE = shutil.ignore_patterns(
    ".venv", "site", "site.*", ".git", "node_modules", "__pycache__", ".*_cache"
)
WITHDRAWN = "courses/industry-pedagogy"
TRICKY_TITLE = "Scripts </script><b>are</b> text & stay text"


def build(root: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    return subprocess.run(
        [*command, "-d", str(site)],
        capture_output=True,
        text=True,
        env={**ENV, **env},
        cwd=root,
        check=False,
    )


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a withdrawn course, an external body link and a title full of markup."""
    root = tmp_path_factory.mktemp("promises") / "demo"
    shutil.copytree(SITE, root, ignore=IGNORE)
    edit(
        root / "courses/industry-pedagogy.md",
        "illustrative: true\n",
        "illustrative: true\nwithdrawn:\n  reason: The course relied on partners who have moved on.\n"
        '  date: "2023-05"\n  alternative: courses/digital-art-and-design\n',
    )
    edit(
        root / "courses/digital-art-and-design.md",
        "## About the course\n",
        "## About the course\n\nSee [the tools list](https://tools.example.org/list?a=1&b=2).\n\n",
    )
    edit(
        root / "events/careers-in-games-panel.md",
        "title: ",
        f"title: {json.dumps(TRICKY_TITLE)}\n# was: ",
    )
    return root


@pytest.fixture(scope="module")
def site(root: Path) -> Path:
    site = root.parent / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def record_urls(site: Path) -> list[str]:
    data = json.loads((site / "data/records.json").read_text(encoding="utf-8"))
    return [entry["path"] for entry in data["records"]]


def test_every_page_carries_the_banner(site: Path) -> None:
    # Redirect stubs and the CMS app at /admin/ are not archive pages.
    pages = [
        p
        for p in site.rglob("*.html")
        if "This page has moved" not in p.read_text("utf-8")
        and p.relative_to(site).parts[0] != "admin"
    ]
    assert len(pages) >= 31 + 4 + 5
    home = site / "index.html"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page == home:  # its block says it once, under the title
            assert "ran from 2020 to 2022 and has ended; its resources are kept here" in text
            assert 'class="archive-banner"' not in text
            continue
        assert "ran from 2020 to 2022 and has ended. This is an archive" in text, page
        assert "last reviewed on 23 November 2026" in text, page


def test_home_page_explains_what_happened(site: Path) -> None:
    html = html_of(site, "")
    assert "<strong>TechPathways London</strong> ran from 2020 to 2022 and has ended" in html
    assert html.count("has ended") == 1, "the closure is said once"
    assert (
        'Where to go now: <a href="https://theclc.co.uk/">BlendEd, from the Connected Learning Centre</a>'
        in html
    )
    assert 'action="find/" method="get" role="search"' in html
    assert 'href="site-map/"' in html


def test_available_until_note(site: Path) -> None:
    html = html_of(site, "courses/audio-editing-and-podcasting/")
    assert "Originally available until April 2023." in html


def test_withdrawn_record_keeps_its_page_but_leaves_listings_and_search(site: Path) -> None:
    html = html_of(site, f"{WITHDRAWN}/")
    assert "Withdrawn in May 2023" in html
    assert "The course relied on partners who have moved on." in html
    assert 'Instead, see <a href="../digital-art-and-design/">Digital Art and Design</a>' in html
    assert f"{WITHDRAWN.split('/')[1]}/" not in html_of(site, "courses/")
    assert "data-pagefind-body" not in html, "Pagefind indexes only pages marked data-pagefind-body"
    assert "data-pagefind-body" in html_of(site, "courses/digital-art-and-design/")
    assert f"/{WITHDRAWN}/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "withdrawn" in html_of(site, "site-map/")


def test_legacy_url_redirect_page(site: Path) -> None:
    html = (site / "courses/podcasting/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../audio-editing-and-podcasting/">' in html
    assert (
        '<link rel="canonical" href="https://example.github.io/techpathways-archive/courses/audio-editing-and-podcasting/">'
        in html
    )
    assert '<a href="../audio-editing-and-podcasting/">' in html
    assert "location.hash" in html, "the #fragment is kept"
    site_rule = (site / "techpathways/courses.html").read_text(encoding="utf-8")
    assert 'url=../courses/"' in site_rule


def test_404_page(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert 'name="q"' in html and 'action="/techpathways-archive/find/"' in html
    archive = demo_archive(SITE)
    for collection in archive.collections.values():
        title = collection.spec.title
        assert f'/techpathways-archive/{collection.url}">{title}</a>' in html
    assert "https://web.archive.org/web/*/" in html
    assert '[{"prefix": "news/", "target": "about/"}]' in html


def test_sitemap_lastmod_comes_from_content(site: Path) -> None:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    for path in record_urls(site):
        assert f"/{path}</loc>" in xml
    entries = dict(
        re.findall(r"<loc>[^<]*/techpathways-archive/([^<]*)</loc>\s*<lastmod>([^<]*)<", xml)
    )
    assert entries["events/techpathways-london-final-conference/"].startswith("2022")
    assert entries[""] == "2026-11-23" and entries[f"{WITHDRAWN}/"] == "2023-05"
    assert "podcasting/" not in entries and "404.html" not in xml
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.github.io/techpathways-archive/sitemap.xml" in robots


def test_html_site_map_links_every_record(site: Path) -> None:
    html = html_of(site, "site-map/")
    for path in record_urls(site):
        assert f'href="../{path}"' in html
    for name in ("records.json", "courses.csv", "courses.schema.json", "record.schema.json"):
        assert f'href="../data/{name}"' in html
    assert '<a href="../contribute/">Contribute</a>' in html, "every page, tab or not"


def test_json_ld_on_every_record_page(site: Path) -> None:
    types = {
        "courses": "Course",
        "briefs": "LearningResource",
        "events": "Event",
        "interviews": "Article",
    }
    for path in record_urls(site):
        html = html_of(site, path)
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
        assert len(scripts) == 1, path
        assert "</" not in scripts[0]
        data = json.loads(scripts[0])
        assert data["@type"] == types[path.split("/")[0]]
        assert data["license"].startswith("https://creativecommons.org/")
        assert data["url"] == f"https://example.github.io/techpathways-archive/{path}"
        if data["@type"] == "Event":
            assert data["eventAttendanceMode"].startswith("https://schema.org/")
        if data["@type"] in ("Course", "LearningResource"):
            assert data["provider"] and data["audience"]
    tricky = html_of(site, "events/careers-in-games-panel/")
    data = json.loads(re.findall(r'ld\+json">(.*?)</script>', tricky, re.DOTALL)[0])
    assert data["name"] == TRICKY_TITLE
    assert "<b>are</b>" not in tricky


def test_licence_and_attribution_line(site: Path) -> None:
    html = html_of(site, "courses/audio-editing-and-podcasting/")
    assert 'rel="license">Creative Commons Attribution-NonCommercial-ShareAlike 4.0</a>' in html
    line = re.search(r'archive-attribution__line"><p>(.*?)</p>', html, re.DOTALL)
    assert line is not None
    assert unescape(line.group(1)) == (
        "“Audio Editing and Podcasting” by TechPathways London (2021), TechPathways London archive, "
        "https://example.github.io/techpathways-archive/courses/audio-editing-and-podcasting/, "
        "licensed under Creative Commons Attribution-NonCommercial-ShareAlike 4.0 "
        "(https://creativecommons.org/licenses/by-nc-sa/4.0/)."
    )


def test_external_links_are_robust(site: Path) -> None:
    html = html_of(site, "courses/digital-art-and-design/")
    assert (
        '<a href="https://tools.example.org/list?a=1&amp;b=2" '
        'data-originalurl="https://tools.example.org/list?a=1&amp;b=2" data-versiondate="2021-01-01" '
        'data-versionurl="https://web.archive.org/web/20210101000000/https://tools.example.org/list?a=1&amp;b=2">'
    ) in html
    assert "(archived copy)</a>" in html


def test_open_data(site: Path, root: Path) -> None:
    data = json.loads((site / "data/records.json").read_text(encoding="utf-8"))
    by_path = {entry["path"]: entry for entry in data["records"]}
    assert len(by_path) == 31
    assert by_path[f"{WITHDRAWN}/"]["withdrawn"] is True
    course = by_path["courses/audio-editing-and-podcasting/"]
    assert course["fields"]["legacy_urls"] == ["/courses/podcasting/"]
    assert course["body"].strip()
    for name in ("courses", "briefs", "interviews", "events"):
        with (site / f"data/{name}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert len(rows) == sum(1 for p in by_path if p.startswith(f"{name}/"))
        assert rows[0]["url"].startswith("https://example.github.io/techpathways-archive/")
        assert (site / f"data/{name}.schema.json").read_bytes() == (
            root / f"schemas/{name}.schema.json"
        ).read_bytes()


def _unstable_in_pagefind(path: Path) -> bool:
    """Pagefind 1.5 writes its filter indexes in hash-map order, so their names and bytes (and
    the two files that list them) change from run to run (Pagefind/pagefind#638). Its word
    index and fragments, and every file we write, are stable."""
    name = path.as_posix()
    return name.startswith("pagefind/filter/") or (
        name.startswith("pagefind/pagefind") and name.endswith((".pf_meta", "-entry.json"))
    )


def test_two_builds_are_byte_identical(site: Path, root: Path) -> None:
    second = root.parent / "second"
    result = build(root, second)
    assert result.returncode == 0, result.stderr
    first_files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in first_files if not _unstable_in_pagefind(f)] == [
        f for f in second_files if not _unstable_in_pagefind(f)
    ]
    assert len(first_files) == len(second_files)
    compared = [f for f in first_files if not _unstable_in_pagefind(f)]
    assert len(compared) > 100 and any(
        f.as_posix().startswith("pagefind/fragment/") for f in compared
    )
    different = [f for f in compared if (site / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_the_committed_ledger_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert archive_main(["ledger", "check", "-f", str(SITE / "mkdocs.yml")]) == 0, (
        capsys.readouterr().out
    )


def test_a_broken_ledger_url_fails_the_build_and_keeps_the_site(root: Path, tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(root, project, ignore=IGNORE)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    (project / "courses/3d-animations.md").rename(project / "courses/3d-animation.md")
    for file in [*project.glob("briefs/*.md"), *project.glob("interviews/*.md")]:
        file.write_text(
            file.read_text("utf-8").replace("courses/3d-animations\n", "courses/3d-animation\n"),
            "utf-8",
        )
    result = build(project, site)
    assert result.returncode != 0
    assert "url-ledger.txt:" in result.stderr
    assert "url: '/courses/3d-animations/' no longer resolves" in result.stderr
    assert (site / "courses/3d-animations/index.html").is_file(), "the previous site is untouched"
    edit(
        project / "courses/3d-animation.md",
        "date:",
        "legacy_urls: [/courses/3d-animations/]\ndate:",
    )
    assert build(project, site).returncode == 0
    moved = (site / "courses/3d-animations/index.html").read_text(encoding="utf-8")
    assert "url=../3d-animation/" in moved


def test_ledger_add_records_new_urls(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "demo"
    shutil.copytree(root, project, ignore=IGNORE)
    shutil.copy(project / "courses/3d-animations.md", project / "courses/3d-animations-two.md")
    config = str(project / "mkdocs.yml")
    assert archive_main(["ledger", "check", "-f", config]) == 1
    assert (
        "'/courses/3d-animations-two/' is published but not in the ledger"
        in capsys.readouterr().out
    )
    assert archive_main(["ledger", "add", "-f", config]) == 0
    assert "added /courses/3d-animations-two/" in capsys.readouterr().out
    assert "/courses/3d-animations-two/\n" in (project / "url-ledger.txt").read_text("utf-8")
    assert archive_main(["ledger", "check", "-f", config]) == 0
