"""Old addresses with a query (WordPress's plain permalinks, `/?p=123`) in headless Chromium.

A static host answers `/?p=123` with the home page and `/index.php?page_id=5` with the 404
page; their scripts read the query, look it up in the map the build writes and go on to the
record, keeping the `#fragment`. A new archive (`archive init`) with one record claiming
such addresses is built once and served under a sub-path, as GitHub Pages serves it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from harness.crawl import fetch
from harness.preview import serve
from support.builds import build
from support.starter import new_archive

pytestmark = [pytest.mark.browser, pytest.mark.build]
BASE = "/skills-bridge/"
RECORD = "courses/intro-to-coding/"
OLD = ["/?p=123", "/index.php?page_id=5&", "/courses.php?b=2&a=1"]
"""The record's old addresses: the home page's path, a path no page answers (with a
trailing '&'), and two parameters the reader may send in any order."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = new_archive(tmp_path_factory.mktemp("queries") / "archive", "skills-bridge")
    record = root / "courses" / "intro-to-coding.md"
    urls = ", ".join(f"'{url}'" for url in OLD)
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("outcomes:", f"legacy_urls: [{urls}]\noutcomes:"), "utf-8")
    config = root / "mkdocs.yml"  # the 404 page's links and script need the sub-path
    config.write_text(f"site_url: https://example.org{BASE}\n" + config.read_text("utf-8"), "utf-8")
    site = tmp_path_factory.mktemp("queries") / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site, BASE) as url:
        yield url


def _landing(browser: Any, url: str) -> tuple[str, list[str]]:
    """Where the browser ends up from `url`, and any Content-Security-Policy refusals."""
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Security Policy" in message.text else None,
    )
    page.goto(url)
    page.wait_for_url(f"**/{RECORD}**", timeout=10_000)
    page.wait_for_load_state("load")
    landed = page.url
    context.close()
    return landed, refused


@pytest.mark.parametrize(
    ("old", "asked"),
    [
        ("/?p=123", "?p=123#week-one"),
        ("/index.php?page_id=5&", "index.php?page_id=5#week-one"),
        ("/courses.php?b=2&a=1", "courses.php?a=1&b=2&utm=#week-one"),
    ],
)
def test_an_old_address_with_a_query_lands_on_its_record(
    browser: Any, site_url: str, old: str, asked: str
) -> None:
    landed, refused = _landing(browser, site_url + asked)
    assert landed == f"{site_url}{RECORD}#week-one", old
    assert not refused, refused


def test_a_query_no_record_claims_stays_where_it_is(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "?p=999")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "?p=999", "an unknown query leaves the home page alone"
    missing = context.new_page()
    response = missing.goto(site_url + "index.php?p=999")
    missing.wait_for_load_state("networkidle")
    assert response is not None and response.status == 404
    assert missing.url == site_url + "index.php?p=999"
    assert "index.php" in str(missing.locator("#archive-wayback").get_attribute("href"))
    context.close()


def test_the_page_says_where_the_old_address_leads(browser: Any, site_url: str) -> None:
    """A visible link, for a reader whose browser does not go on at once: the record's page
    answers 204 here, so the browser stays on the home page, which shows it."""
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.route(
        f"**/{RECORD}", lambda route: (asked.append(route.request.url), route.fulfill(status=204))
    )
    page.goto(site_url + "?p=123#week-one")
    note = page.locator("#archive-content [role=status]")
    note.wait_for(timeout=10_000)
    assert note.inner_text() == f"This old address now leads to {site_url}{RECORD}#week-one."
    assert note.locator("a").get_attribute("href") == f"./{RECORD}#week-one"
    assert asked == [site_url + RECORD]
    context.close()


def test_nothing_is_fetched_without_a_query(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "archive-old-queries" in url]
    context.close()


def test_the_map_is_in_the_built_site(site_url: str) -> None:
    answer = fetch(site_url + "assets/javascripts/archive-old-queries.json")
    assert answer.status == 200
    assert answer.body.decode() == (
        '{"courses.php":{"a=1&b=2":"courses/intro-to-coding/"},'
        '"index.html":{"p=123":"courses/intro-to-coding/"},'
        '"index.php":{"page_id=5":"courses/intro-to-coding/"}}\n'
    )
