"""The built demo, served under a sub-path like GitHub Pages, crawled from its home page.

Every internal href and src must answer 200, every page must be reachable by following
links, and every address the archive has promised (URL ledger, `legacy_urls`, redirects)
must still answer.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.crawl import CrawlReport, crawl, fetch
from harness.preview import serve
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.ledger_file import read_ledger
from legacy_archive.core.publish.redirects import redirect_rules
from support.paths import SITE

SITE_URL = "https://example.github.io/techpathways-archive/"

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def base_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def report(base_url: str) -> CrawlReport:
    return crawl(base_url, site_url=SITE_URL)


@pytest.fixture(scope="module")
def archive() -> Archive:
    from site_pages import demo_archive

    return demo_archive(SITE)


def _page_url(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def test_the_crawler_reports_what_is_broken(tmp_path: Path) -> None:
    """A small site with one of each mistake: the crawler must name every one."""
    site = tmp_path / "site"
    (site / "orphan").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="missing/">x</a> <link rel="stylesheet" href="/style.css">'
        '<img src="a.png" srcset="a.png 1x, gone.png 2x" alt=""> <a href="#nowhere">y</a>'
        '<a href="https://example.org/elsewhere">z</a> <a href="mailto:a@example.org">m</a>',
        encoding="utf-8",
    )
    (site / "a.png").write_bytes(b"\x89PNG")
    (site / "orphan" / "index.html").write_text("<p>Nobody links here</p>", encoding="utf-8")
    with serve(site, "/repo/") as base:
        found = crawl(base)
    assert found.problems == [
        "(home page): '#nowhere' points at #nowhere, which (home page) does not have",
        "(home page): <link href> '/style.css' leaves the site's sub-path (expected a relative link)",
        "(home page): gone.png answers 404 (expected 200)",
        "(home page): missing/ answers 404 (expected 200)",
    ]
    assert found.pages == {""}, "the orphan page is not reachable"
    assert found.fetched["a.png"] == 200


def test_every_internal_link_and_asset_answers(report: CrawlReport) -> None:
    assert report.problems == []
    assets = [url for url in report.fetched if url.endswith((".css", ".js", ".svg"))]
    assert len(assets) >= 5, "stylesheets, scripts and images were fetched too"
    assert len(report.pages) >= 40


def test_every_page_is_reachable_from_the_home_page(
    report: CrawlReport, demo_site: Path, archive: Archive
) -> None:
    rules, _ = redirect_rules(archive)
    stubs = {rule.file for rule in rules if not rule.wildcard}
    pages = {
        _page_url(demo_site, file)
        for file in demo_site.rglob("*.html")
        if file.relative_to(demo_site).as_posix() not in stubs
    }
    # The 404 page answers unknown addresses; /admin/ is the editors' CMS, linked from CONTRIBUTING.
    expected = {page for page in pages if page != "404.html" and not page.startswith("admin/")}
    assert stubs, "the demo has redirect pages, which need not be linked"
    assert sorted(expected - report.pages) == []


def test_every_promised_address_still_answers(base_url: str, archive: Archive) -> None:
    ledger = [entry.url for entry in read_ledger(SITE / "url-ledger.txt")]
    legacy = [
        str(url)
        for record in archive.every_record()
        for url in record.fields.get("legacy_urls", [])
    ]
    rules, _ = redirect_rules(archive)
    redirects = [rule.source for rule in rules if not rule.wildcard]
    assert len(ledger) > 50 and legacy and redirects
    failing = {}
    for url in sorted(set(ledger + legacy + redirects)):
        status = fetch(base_url + urllib.parse.quote(url.lstrip("/"))).status
        if status != 200:
            failing[url] = status
    assert failing == {}


def test_the_preview_server_compresses_and_answers_robots_at_the_root(tmp_path: Path) -> None:
    """Like GitHub Pages: gzip for clients that ask; robots.txt at the host root on request."""
    import gzip
    import urllib.request

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>" + "archive " * 200 + "</p>", encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    with serve(site, "/repo/", root_files=("robots.txt",)) as base:
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as answer:
            assert answer.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(answer.read()).startswith(b"<p>archive")
        root = base.removesuffix("repo/")
        assert fetch(root + "robots.txt").body == b"User-agent: *\n"
        assert fetch(root + "index.html").status == 404, "only the named files leave the base"
    with serve(site, "/repo/") as base:
        assert fetch(base.removesuffix("repo/") + "robots.txt").status == 404
