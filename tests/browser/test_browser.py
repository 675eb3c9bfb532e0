"""End-to-end tests in headless Chromium of the header search and the Find page, on the
fixture archive's site served under a sub-path (`conftest.py`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.pipeline import load_archive
from support.paths import SITE

pytestmark = [pytest.mark.browser, pytest.mark.build]
PAGE_SIZE = 10
"""Results the Find page shows before "Show more results"."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    return load_archive(settings).archive


class Tab:
    """A page that records console errors and failed requests while it is open."""

    def __init__(self, browser: Any, width: int = 1280) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

    def find_ready(self) -> None:
        self.page.wait_for_selector("#archive-find[data-state=ready]", timeout=10_000)

    def counts(self, facet: str) -> dict[str, int]:
        out: dict[str, int] = self.page.eval_on_selector_all(
            f"input[name={facet}]",
            """boxes => Object.fromEntries(boxes.map(b => [b.value,
                Number(b.parentNode.querySelector('.archive-find__count').textContent)]))""",
        )
        return out


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.page.close()


def test_header_search_finds_the_audio_course(tab: Tab, base_url: str) -> None:
    tab.page.goto(base_url)
    tab.page.keyboard.press("/")
    tab.page.keyboard.type("podcast")
    tab.page.wait_for_selector(".md-search-result__link", timeout=10_000)
    links = tab.page.eval_on_selector_all(".md-search-result__link", "a => a.map(x => x.href)")
    assert f"{base_url}courses/audio-editing-and-podcasting/" in links[:5]
    first = tab.page.locator(".md-search-result__item").first
    assert first.locator(".archive-search__kind").inner_text().strip()
    assert first.locator("mark").count() >= 1, "the match is highlighted"
    tab.page.keyboard.press("ArrowDown")
    focused = tab.page.evaluate("document.activeElement.href")
    assert focused == links[0], "arrow keys move through the results"
    tab.page.keyboard.press("Escape")
    assert not tab.page.is_checked("#__search")
    assert tab.errors == []


STEMS = {
    "animation": "anim",
    "careers": "career",
    "podcasting": "podcast",
    "teachers": "teacher",
    "secondary": "secondari",
    "generously": "generous",
    "adding": "add",
    "hopping": "hop",
    "hoping": "hope",
    "dying": "die",
    "evening": "evening",
    "pasted": "paste",
    "international": "internat",
    "universal": "universal",
    "organization": "organiz",
    "skies": "sky",
    "ab": "ab",
}
"""Snowball English 3 stems (Pagefind 1.5's), including that version's own rules."""


def test_header_search_asks_pagefind_for_stems_that_find_the_same_pages(
    tab: Tab, base_url: str, archive: Archive
) -> None:
    """Pagefind looks up both the word typed and its stem; at 10,000 records the two sit in
    different index chunks (40-50 KB each) whenever the stem is a frequent word, and the
    index holds stems only. The box sends the stem, which finds every page the word finds
    (and pages with longer words on the same stem, as typing the stem would)."""
    tab.page.goto(base_url)
    tab.page.wait_for_function("window.archiveSearch")
    stems = tab.page.evaluate("ws => ws.map(w => archiveSearch.stem(w))", list(STEMS))
    assert dict(zip(STEMS, stems, strict=True)) == STEMS
    query = tab.page.evaluate("archiveSearch.pagefindQuery('Careers in  Animation')")
    assert query == "career in anim"
    phrase = '"careers in animation"'
    assert tab.page.evaluate("q => archiveSearch.pagefindQuery(q)", phrase) == phrase
    text = " ".join(f"{r.title} {r.summary} {r.body}" for r in archive.records()).lower()
    words = sorted({w for w in re.findall(r"[a-z]+", text) if len(w) > 2})
    missed = tab.page.evaluate(
        """async ([words, base]) => {
            const pf = await import(new URL("pagefind/pagefind.js", base).href);
            await pf.options({ baseUrl: new URL(base).pathname });
            const ids = async q => (await pf.search(q)).results.map(r => r.id);
            const missed = [];
            for (const word of words) {
                const stem = archiveSearch.stem(word);
                if (stem === word) { continue; }
                const found = await ids(stem);
                if (!(await ids(word)).every(id => found.includes(id))) { missed.push(word); }
            }
            return missed;
        }""",
        [words, base_url],
    )
    assert len(words) > 500
    assert missed == [], "their stems miss pages these words find"
    assert tab.errors == []


def test_find_page_filters_and_counts_agree(tab: Tab, base_url: str, archive: Archive) -> None:
    records = list(archive.records())
    tab.page.goto(f"{base_url}find/")
    tab.find_ready()
    audience, subject = archive.facets.by_key["audience"], archive.facets.by_key["subject"]
    assert tab.counts("audience")["secondary"] == sum(
        "secondary" in audience.values(r) for r in records
    )
    tab.page.check("#f-audience-secondary")
    tab.find_ready()
    secondary = [r for r in records if "secondary" in audience.values(r)]
    expected = {v: sum(v in subject.values(r) for r in secondary) for v in tab.counts("subject")}
    assert tab.counts("subject") == expected, "subject counts within secondary records"
    tab.page.check("#f-subject-animation")
    tab.find_ready()
    both = [r for r in secondary if "animation" in subject.values(r)]
    assert both, "the demo has secondary animation records"
    status = tab.page.inner_text("#archive-find-status")
    assert status.startswith(f"{len(both)} result"), status
    hrefs = tab.page.eval_on_selector_all(".archive-find__link", "a => a.map(x => x.href)")
    assert sorted(hrefs) == sorted(f"{base_url}{archive.url_of(r)}" for r in both)
    assert re.search(r"[?&]audience=secondary(&|$)", tab.page.url)
    assert re.search(r"[?&]subject=animation(&|$)", tab.page.url)
    assert tab.errors == []


def test_find_page_with_words_filters_counts_and_sorts_with_browse_data(
    tab: Tab, base_url: str, archive: Archive
) -> None:
    """Pagefind says which pages match the words; filters, counts and sort orders come from
    the browse data, so none of Pagefind's filter files is fetched."""
    requested: list[str] = []
    tab.page.on("request", lambda r: requested.append(r.url))
    tab.page.goto(f"{base_url}find/?q=podcast")
    tab.find_ready()
    status = tab.page.inner_text("#archive-find-status")
    matched = int(status.split()[0])
    assert matched > 1 and status.endswith("for “podcast”."), status
    counts = tab.counts("audience")
    assert 0 < counts["secondary"] < matched
    tab.page.check("#f-audience-secondary")
    tab.find_ready()
    hrefs = tab.page.eval_on_selector_all(".archive-find__link", "a => a.map(x => x.href)")
    record_at = {f"{base_url}{archive.url_of(r)}": r for r in archive.records()}
    audience = archive.facets.by_key["audience"]
    status = tab.page.inner_text("#archive-find-status")
    assert status.startswith(f"{counts['secondary']} result"), status
    assert len(hrefs) == min(PAGE_SIZE, counts["secondary"])
    assert all("secondary" in audience.values(record_at[href]) for href in hrefs)
    assert tab.page.locator(".archive-find__teaser mark").count() >= 1, "excerpts stay"
    tab.page.select_option("#archive-find-sort", "date")
    tab.find_ready()
    hrefs = tab.page.eval_on_selector_all(".archive-find__link", "a => a.map(x => x.href)")
    dates = [record_at[href].date for href in hrefs]
    assert len(dates) == min(PAGE_SIZE, counts["secondary"])
    assert dates == sorted(dates, reverse=True)
    assert any(url.endswith("find/data/search-ids.json") for url in requested)
    assert not [url for url in requested if "/pagefind/filter/" in url]
    assert tab.errors == []


def test_shared_url_restores_the_filters(tab: Tab, base_url: str, archive: Archive) -> None:
    tab.page.goto(f"{base_url}find/?q=animation&audience=secondary&sort=title")
    tab.find_ready()
    assert tab.page.input_value("#archive-find-q") == "animation"
    assert tab.page.is_checked("#f-audience-secondary")
    assert not tab.page.is_checked("#f-audience-primary")
    assert tab.page.input_value("#archive-find-sort") == "title"
    titles = tab.page.eval_on_selector_all(".archive-find__title", "h => h.map(x => x.textContent)")
    assert titles and titles == sorted(titles, key=str.lower)
    assert tab.errors == []


def test_every_page_type_loads_without_console_errors(
    tab: Tab, base_url: str, archive: Archive
) -> None:
    urls = ["", "about/", "find/", "subjects/", "subjects/animation/", "audiences/secondary/"]
    urls += ["partners/", "partners/queen-mary/", "404.html"]
    for collection in archive.collections.values():
        urls += [collection.url, archive.url_of(collection.records[0])]
    for url in urls:
        tab.page.goto(f"{base_url}{url}")
        tab.page.wait_for_load_state("load")
        if url == "find/":
            tab.find_ready()
        assert tab.page.locator("h1").count() >= 1, url
        assert [e for e in tab.errors if "404.html" not in url] == [], url


def test_filters_only_link_reads_browse_data_not_the_search_index(
    tab: Tab, base_url: str, archive: Archive
) -> None:
    """Pagefind 1.5 would fetch its whole index for filters without words; the Find page reads
    the small browse data instead, with the same results, counts and sort orders."""
    requested: list[str] = []
    tab.page.on("request", lambda r: requested.append(r.url))
    tab.page.goto(f"{base_url}find/?audience=secondary&sort=title")
    tab.find_ready()
    secondary = [
        r for r in archive.records() if "secondary" in archive.facets.by_key["audience"].values(r)
    ]
    status = tab.page.inner_text("#archive-find-status")
    assert status.startswith(f"{len(secondary)} results"), status
    titles = tab.page.eval_on_selector_all(".archive-find__title", "h => h.map(x => x.textContent)")
    assert titles == sorted((r.title for r in secondary), key=str.lower)[:PAGE_SIZE]
    subject = archive.facets.by_key["subject"]
    expected = {v: sum(v in subject.values(r) for r in secondary) for v in tab.counts("subject")}
    assert tab.counts("subject") == expected
    assert not [url for url in requested if "/pagefind/" in url]
    assert any(url.endswith("find/data/facets.json") for url in requested)
    tab.page.select_option("#archive-find-sort", "date")
    tab.find_ready()
    hrefs = tab.page.eval_on_selector_all(".archive-find__link", "a => a.map(x => x.href)")
    date_of = {f"{base_url}{archive.url_of(r)}": r.date for r in secondary}
    shown = [date_of[href] for href in hrefs]
    assert len(shown) == min(PAGE_SIZE, len(secondary)) and shown == sorted(shown, reverse=True)
    assert len(secondary) > PAGE_SIZE, "the demo fills more than one page"
    tab.page.click("#archive-find-more")
    tab.page.wait_for_function(
        f"document.querySelectorAll('.archive-find__link').length > {PAGE_SIZE}"
    )
    hrefs = tab.page.eval_on_selector_all(".archive-find__link", "a => a.map(x => x.href)")
    shown = [date_of[href] for href in hrefs]
    assert len(shown) == min(2 * PAGE_SIZE, len(secondary)) and shown == sorted(shown, reverse=True)
    assert tab.errors == []
