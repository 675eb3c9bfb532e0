"""Unit tables for the archive's promises: programme facts, redirects, ledger, Robust Links,
JSON-LD escaping, reproducible sitemaps and open data cells."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.config.option_lines import option_lines
from legacy_archive.core.config.programme import read_programme
from legacy_archive.core.emit.robustlinks import add_robust_links, version_date, wayback_url
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.ledger import resolves
from legacy_archive.core.publish.ledger_file import HEADER, page_url_of, read_ledger, write_ledger
from legacy_archive.core.publish.namespace import site_problems
from legacy_archive.core.publish.opendata import _cell
from legacy_archive.core.publish.redirects import Redirect
from legacy_archive.core.publish.sitemap import gzip_bytes, sitemap_xml
from support.project import COURSE, Project

GOOD = {"name": "TP", "start": "2020", "end": "2022-12", "last_reviewed": "2025-01-31"}


def config(programme: str) -> str:
    return f"site_name: x\nplugins:\n  - archive:\n      programme:\n{programme}"


def test_programme_facts_are_read_with_labels() -> None:
    programme, errors = read_programme(GOOD)
    assert errors == [] and programme is not None
    assert (programme.start_label, programme.end_label) == ("2020", "December 2022")
    assert programme.reviewed_label == "31 January 2025"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"end": "soon"}, "mkdocs.yml:7: plugins.archive.programme.end: 'soon' is not a date"),
        ({"end": "2019"}, "mkdocs.yml:7: plugins.archive.programme.end: ends before it starts"),
        ({"name": ""}, "mkdocs.yml:5: plugins.archive.programme.name: expected text"),
        ({"funders": "x"}, "mkdocs.yml:9: plugins.archive.programme.funders: unknown field"),
        (
            {"successors": [{"title": "Next", "url": "ftp://x"}]},
            "mkdocs.yml:9: plugins.archive.programme.successors[1].url: link scheme 'ftp:' is not allowed (expected an https:// or http:// address)",
        ),
    ],
)
def test_programme_problems_name_the_line(change: dict[str, object], expected: str) -> None:
    raw = {**GOOD, **change}
    body = "".join(f"        {k}: {json.dumps(v)}\n" for k, v in raw.items())
    _, found = read_programme(raw)
    errors = [str(p) for p in option_lines("mkdocs.yml", config(body)).problems(found)]
    assert any(e.startswith(expected) for e in errors), errors
    assert len(errors) == 1, errors


@pytest.mark.parametrize(
    ("source", "file", "folder"),
    [
        ("/courses/podcasting.html", "courses/podcasting.html", "courses/"),
        ("/courses/podcasting/", "courses/podcasting/index.html", "courses/podcasting/"),
        ("/courses/podcasting", "courses/podcasting/index.html", "courses/podcasting/"),
        ("/news.html", "news.html", ""),
    ],
)
def test_redirect_files(source: str, file: str, folder: str) -> None:
    rule = Redirect(source, "about/")
    assert (rule.file, rule.folder_url) == (file, folder)


def test_redirect_rules_are_checked_against_pages(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    rules = "        /news/*: about/\n        /old.html: gone/\n        /about/: courses/a/\n"
    rules += "        /x.html: about/\n"
    text = config.read_text(encoding="utf-8").replace("        /news/*: about/\n", rules)
    config.write_text(text, encoding="utf-8")
    project.write(
        "courses/a.md", COURSE.replace("level: short\n", "level: short\nlegacy_urls: [/x.html]\n")
    )
    settings, _ = read_settings(config)
    assert settings is not None
    loaded = load_archive(settings)
    assert loaded.problems == []
    lines = text.splitlines()
    old, about, x = (
        lines.index(f"        {rule}") + 1
        for rule in ("/old.html: gone/", "/about/: courses/a/", "/x.html: about/")
    )
    assert [str(p) for p in site_problems(loaded.archive)] == [
        f"courses/a.md:9: legacy_urls[1]: '/x.html' is already the old address '/x.html' (mkdocs.yml:{x}) (expected an address no other page or file of this site uses)",
        f"mkdocs.yml:{old}: plugins.archive.redirects./old.html: '/old.html' leads to 'gone/', which is not a page of this site (expected a URL like 'about/' or 'courses/<slug>/')",
        f"mkdocs.yml:{about}: plugins.archive.redirects./about/: '/about/index.html' is already the page content/about.md (expected an address no other page or file of this site uses)",
    ]


@pytest.mark.parametrize(
    ("src", "url"),
    [("index.md", ""), ("about.md", "about/"), ("a/index.md", "a/"), ("a/b.md", "a/b/")],
)
def test_page_urls(src: str, url: str) -> None:
    assert page_url_of(src) == url


def test_ledger_round_trip_and_resolution(tmp_path: Path) -> None:
    ledger = tmp_path / "urls.txt"
    write_ledger(ledger, ["/b/", "/a.html", "/b/"])
    header = HEADER.count("\n")
    assert [(e.url, e.line) for e in read_ledger(ledger)] == [
        ("/a.html", header + 1),
        ("/b/", header + 2),
    ]
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "b" / "index.html").write_text("x")
    (site / "old.html").write_text("x")
    assert resolves(site, "/b/") and resolves(site, "/b") and resolves(site, "/old")
    assert not resolves(site, "/a.html") and not resolves(site, "/")


@pytest.mark.parametrize(
    ("date", "day"),
    [("2021", "2021-01-01"), ("2021-06", "2021-06-01"), ("2021-06-30", "2021-06-30")],
)
def test_version_dates(date: str, day: str) -> None:
    assert version_date(date) == day
    assert wayback_url("https://x.org/", date) == (
        f"https://web.archive.org/web/{day.replace('-', '')}000000/https://x.org/"
    )


def test_robust_links_touch_only_external_links() -> None:
    html = (
        '<p><a href="https://ex.org/?a=1&amp;b=&quot;2&quot;">ex</a> '
        '<a href="../about/">in</a> <a href="https://site.org/repo/x/">self</a> '
        '<a rel="license" href="https://cc.org/">cc</a></p>'
    )
    out = add_robust_links(html, "2021-06", "https://site.org/repo/")
    assert out.count("data-versionurl") == 1 and out.count("archived copy") == 1
    assert 'data-originalurl="https://ex.org/?a=1&amp;b=&#34;2&#34;"' in out
    assert 'data-versiondate="2021-06-01"' in out
    assert (
        'data-versionurl="https://web.archive.org/web/20210601000000/https://ex.org/?a=1&amp;b=&#34;2&#34;"'
        in out
    )
    assert '<a href="../about/">in</a>' in out
    assert add_robust_links(out, "2021-06", "https://site.org/repo/") == out, (
        "already robust links are left alone"
    )


def test_sitemap_and_gzip_are_reproducible() -> None:
    xml = sitemap_xml("https://s.org/r/", [("b/", "2021"), ("", "2025-01-01"), ("a&b/", "")])
    assert xml.index("<loc>https://s.org/r/</loc>") < xml.index("https://s.org/r/a&amp;b/")
    assert "<lastmod>2021</lastmod>" in xml
    assert gzip_bytes(xml.encode()) == gzip_bytes(xml.encode())
    assert gzip.decompress(gzip_bytes(xml.encode())).decode() == xml
    assert gzip_bytes(b"x")[4:8] == b"\0\0\0\0", "no timestamp in the gzip header"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (["a", "b"], "a; b"),
        ([{"t": 1}], '[{"t": 1}]'),
        (4.5, "4.5"),
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1", "'+1"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        (["=a", "b"], "'=a; b"),
        ("plain = text", "plain = text"),
    ],
)
def test_csv_cells(value: object, cell: str) -> None:
    assert _cell(value) == cell


def test_withdrawn_record_leaves_listings_but_keeps_a_page(project: Project) -> None:
    withdrawn = COURSE.replace(
        "level: short\n",
        "level: short\nwithdrawn:\n  reason: Replaced by a newer course.\n  alternative: courses/b\n",
    )
    project.write("courses/a.md", withdrawn)
    project.write("courses/b.md", COURSE.replace("Audio Editing", "Audio Mixing"))
    loaded = project.load()
    assert loaded.problems == []
    archive = loaded.archive
    assert [r.slug for r in archive.collections["courses"].records] == ["b"]
    assert [r.slug for r in archive.withdrawn] == ["a"]
    assert archive.get("courses/a") is not None
    from legacy_archive.core.emit.pages import PageEmitter

    assert "courses/a/index.md" in {p.src_uri for p in PageEmitter(archive).pages()}


def test_withdrawn_needs_a_reason(project: Project) -> None:
    project.write("courses/a.md", COURSE.replace("level: short\n", "level: short\nwithdrawn: {}\n"))
    assert any("withdrawn" in m and "reason" in m for m in project.messages())


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<h1 id="t">Title <a href="#t">¶</a></h1>\n<p>x</p>',
            '<h1 id="t">Title <a href="#t">¶</a></h1>\nN\n<p>x</p>',
        ),
        ("<p>a</p>\n<h1>T</h1><p>b</p>", "<p>a</p>\n<h1>T</h1>\nN<p>b</p>"),
        ("<p>no title</p>", "N<p>no title</p>"),
    ],
)
def test_notice_goes_after_the_title(html: str, expected: str) -> None:
    from legacy_archive.core.emit.notices import after_title

    assert after_title(html, "N") == expected


def test_robust_links_find_hrefs_written_with_entities() -> None:
    """The quick pre-check must not skip a link whose scheme is written as a character reference."""
    html = '<p><a href="&#104;ttps://ex.org/">ex</a> <a href="#top">top</a></p>'
    out = add_robust_links(html, "2021", "")
    assert out.count("data-versionurl") == 1
    assert 'data-originalurl="https://ex.org/"' in out
