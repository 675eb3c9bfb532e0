"""Full builds of the demo archive into temporary folders, asserting on the written HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.pipeline import LoadResult, load_archive
from support.builds import build, page
from support.paths import SITE
from support.project import COURSE, Project

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadResult, Path]:
    """The demo archive built once with `mkdocs build --strict`."""
    root = SITE
    site = tmp_path_factory.mktemp("demo") / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    settings, errors = read_settings(root / "mkdocs.yml")
    assert settings is not None and not errors
    return load_archive(settings), site


def test_demo_is_clean_and_big_enough(demo: tuple[LoadResult, Path]) -> None:
    loaded, _ = demo
    assert loaded.problems == []
    counts = {name: len(c.records) for name, c in loaded.archive.collections.items()}
    assert counts["courses"] >= 7 and counts["briefs"] == 7
    assert counts["interviews"] >= 8 and counts["events"] >= 5
    assert sum(counts.values()) >= 30


def test_every_record_has_a_page_and_a_card(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    archive = loaded.archive
    for collection in archive.collections.values():
        listing = page(site, collection.url)
        cards = re.findall(r'<li class="archive-card">.*?href="([^"]+)"', listing, re.DOTALL)
        assert cards == [f"{r.slug}/" for r in collection.records], collection.name
        for record in collection.records:
            html = page(site, archive.url_of(record))
            assert f"<title>{record.title.replace('&', '&amp;')} - " in html.replace("&#39;", "'")
            assert unescape(record.summary) in unescape(html)
            assert f'content="{record.summary}"' in unescape(html), (
                "summary is the meta description"
            )


def test_listings_are_newest_first(demo: tuple[LoadResult, Path]) -> None:
    loaded, _ = demo
    for collection in loaded.archive.collections.values():
        dates = [r.date for r in collection.records]
        assert dates == sorted(dates, reverse=True)


def test_record_pages_stay_out_of_the_nav(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    record = next(iter(loaded.archive.records()))
    for html in (
        (site / "index.html").read_text(encoding="utf-8"),
        page(site, loaded.archive.url_of(record)),
    ):
        tabs = re.findall(r'<a href="([^"]+)" class="md-tabs__link', html)
        nav = re.findall(r'<a href="([^"#]+)" class="md-nav__link', html)
        assert len(tabs) == 7
        assert len(nav) == 7, "the nav lists Home, About, the four collections and Find, no records"
        assert not [url for url in tabs if url.rstrip("/").endswith("contribute")]


def test_the_contributors_guide_is_linked_from_about_not_a_tab(
    demo: tuple[LoadResult, Path],
) -> None:
    _, site = demo
    assert (site / "contribute" / "index.html").is_file(), "its address stays published"
    assert 'href="../contribute/"' in page(site, "about/")


def test_sitemap_lists_every_record(demo: tuple[LoadResult, Path]) -> None:
    loaded, site = demo
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for record in loaded.archive.records():
        assert f"/{loaded.archive.url_of(record)}</loc>" in sitemap


def test_course_page_shows_what_a_teacher_scans(demo: tuple[LoadResult, Path]) -> None:
    _, site = demo
    html = page(site, "courses/audio-editing-and-podcasting/")
    for label in ("Format", "Level", "For", "Subjects", "Licence", "Illustrative sample content"):
        assert label in html
    assert "Online" in html and "Short course" in html


def test_home_page_has_the_programme_figures(demo: tuple[LoadResult, Path]) -> None:
    _, site = demo
    text = unescape((site / "index.html").read_text(encoding="utf-8"))
    for figure in ("986", "637", "53", "5.58", "19", "23"):
        assert figure in text


def test_fields_are_escaped(project: Project, tmp_path: Path) -> None:
    project.write(
        "courses/a.md",
        COURSE.replace(
            "title: Audio Editing and Podcasting",
            'title: "<script>alert(1)</script> & <b>bold</b>"',
        ),
    )
    site = tmp_path / "site"
    result = build(project.root, site)
    assert result.returncode == 0, result.stderr
    html = page(site, "courses/a/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_strict_failure_keeps_the_previous_site(
    demo_copy: Callable[[], Path], tmp_path: Path
) -> None:
    root = demo_copy()
    site = tmp_path / "published"
    assert build(root, site).returncode == 0
    before = {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*")}
    (root / "courses" / "broken.md").write_text(
        COURSE.replace("level: short", "level: shrt"), encoding="utf-8"
    )
    result = build(root, site)
    assert result.returncode == 1
    assert (
        "courses/broken.md:8: level: unknown value 'shrt' (expected one of: short, in-depth; did you mean 'short'?)"
        in result.stderr
    )
    assert "the previous site is untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*")} == before
    assert not list(tmp_path.glob("published.building*"))


def test_non_strict_build_leaves_out_only_the_bad_record(
    demo_copy: Callable[[], Path], tmp_path: Path
) -> None:
    root = demo_copy()
    (root / "courses" / "broken.md").write_text(
        COURSE.replace("level: short", "level: shrt"), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = build(root, site, strict=False)
    assert result.returncode == 0, result.stderr
    assert "Records with problems are left out of this build" in result.stderr
    assert not (site / "courses" / "broken").exists()
    assert (site / "courses" / "audio-editing-and-podcasting" / "index.html").exists()


def test_properdocs_builds_the_same_site(demo: tuple[LoadResult, Path], tmp_path: Path) -> None:
    loaded, mkdocs_site = demo
    root = SITE
    site = tmp_path / "properdocs-site"
    result = build(root, site, engine="properdocs")
    assert result.returncode == 0, result.stderr
    for record in loaded.archive.records():
        assert (site / loaded.archive.url_of(record) / "index.html").is_file()
    assert sorted(p.relative_to(site) for p in site.rglob("*.html")) == sorted(
        p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*.html")
    )


def test_attachments_are_published_with_size_and_format(project: Project, tmp_path: Path) -> None:
    project.write(
        "courses/a/index.md",
        COURSE.replace(
            "level: short",
            "level: short\ndownloads:\n  - title: Session slides\n    file: slides.pdf",
        ),
    )
    project.write("courses/a/slides.pdf", b"%PDF-1.4\n" + b"x" * 2400)
    site = tmp_path / "site"
    assert build(project.root, site).returncode == 0
    assert (site / "courses" / "a" / "slides.pdf").is_file()
    assert (
        '<a href="slides.pdf" download>Session slides</a> <span class="archive-meta">PDF, 2 KB</span>'
        in page(site, "courses/a/")
    )
