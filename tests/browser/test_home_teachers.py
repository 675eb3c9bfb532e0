"""A teacher's first minute, in headless Chromium: the home page's first phone screen, the
closure said once, a skip link on every page type, labelled cards and a listing's way into
the Find page filtered. The demo site is built once and served under its sub-path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

PAGE_TYPES = {
    "home": "",
    "listing": "courses/",
    "record": "briefs/design-a-podcast-for-your-school/",
    "find": "find/",
    "taxonomy": "subjects/",
    "term": "subjects/animation/",
    "site map": "site-map/",
    "404": "no-such-page/",
}
"""One page of every type a visitor can land on."""


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport=DESKTOP)
    yield page
    page.close()


def _top_and_bottom(page: Any, selector: str) -> tuple[float, float]:
    box = page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY]; }",
    )
    return box[0], box[1]


def test_search_box_and_first_browse_tile_are_on_a_phones_first_screen(
    phone: Any, base_url: str
) -> None:
    phone.goto(base_url)
    _, search_bottom = _top_and_bottom(phone, "#archive-home-q")
    tile_top, _ = _top_and_bottom(phone, ".archive-home__tile a")
    assert search_bottom <= PHONE["height"], f"search box ends at {search_bottom} px"
    assert tile_top < PHONE["height"], f"first browse tile starts at {tile_top} px"
    label = phone.inner_text("label[for=archive-home-q]")
    assert label.strip(), "the search box is labelled"
    form = phone.eval_on_selector(
        "form.archive-home__search", "f => [f.method, new URL(f.action).pathname]"
    )
    assert form == ["get", "/techpathways-archive/find/"]


def test_home_search_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(base_url)
    page.fill("#archive-home-q", "animation")
    page.click("form.archive-home__search button[type=submit]")
    page.wait_for_load_state()
    assert page.url == f"{base_url}find/?q=animation"
    context.close()


def test_collection_tiles_say_their_counts_in_the_collections_words(
    desktop: Any, base_url: str
) -> None:
    desktop.goto(base_url)
    counts = desktop.eval_on_selector_all(
        ".archive-home__tile .archive-home__count", "els => els.map(e => e.textContent.trim())"
    )
    assert counts and all(re.fullmatch(r"\d+ [a-z ]+", text) for text in counts), counts
    assert not any("record" in text for text in counts)
    headings = desktop.eval_on_selector_all(
        ".archive-home__by-title", "els => els.map(e => e.textContent.trim())"
    )
    assert "By subject" in headings and "By audience" in headings


def test_the_home_page_says_the_programme_ended_once_and_links_its_successor(
    desktop: Any, base_url: str
) -> None:
    desktop.goto(base_url)
    text = desktop.inner_text("body")
    assert len(re.findall(r"has ended|no longer running|has finished", text)) == 1, text
    assert "April 2023" not in text
    assert desktop.locator(".archive-banner").count() == 0, "the home block says it instead"
    successor = desktop.locator("#archive-home-closure a[href^='https://']")
    assert successor.count() == 1
    assert "BlendEd" in successor.inner_text()


def test_other_pages_keep_the_banner(desktop: Any, base_url: str) -> None:
    desktop.goto(f"{base_url}courses/")
    assert "has ended" in desktop.inner_text(".archive-banner")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_a_skip_link_that_moves_focus_to_the_content(
    phone: Any, base_url: str, kind: str
) -> None:
    phone.goto(base_url + PAGE_TYPES[kind])
    assert phone.locator("a.md-skip:visible, a.archive-skip").count() == 1, "one skip link"
    phone.keyboard.press("Tab")
    first = phone.evaluate(
        "[document.activeElement.classList.contains('archive-skip'), document.activeElement.hash]"
    )
    assert first == [True, "#archive-content"], f"first Tab on {kind}: {first}"
    box = phone.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.left]; })()"
    )
    assert 0 <= box[0] < 60 and 0 <= box[1] < 60, f"the focused skip link shows top left: {box}"
    assert phone.locator("#archive-content").count() == 1, "the skip link's target exists"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "archive-content"
    phone.keyboard.press("Tab")
    inside = phone.evaluate("!!document.activeElement.closest('#archive-content')")
    assert inside, f"the next Tab after skipping stays in the content on {kind}"


def test_cards_have_labelled_badges_dates_and_a_materials_mark(desktop: Any, base_url: str) -> None:
    desktop.goto(f"{base_url}briefs/")
    cards = desktop.locator("li.archive-card")
    assert cards.count() >= 2
    for index in range(cards.count()):
        card = cards.nth(index)
        assert card.locator(".archive-card__badge-label").count() >= 1
        assert card.locator("time[datetime]").count() == 1
        marks = card.locator(".archive-card__materials").all_inner_texts()
        assert marks in (["Materials included"], ["Record only"]), marks
    badges = desktop.locator(".archive-card__badge").all_inner_texts()
    assert any(re.fullmatch(r"Key stage: \d–\d", b) for b in badges), badges
    assert desktop.locator(".archive-card__materials--included").count() >= 1


def test_a_card_shows_its_records_image_lazily_and_sized(desktop: Any, base_url: str) -> None:
    desktop.goto(f"{base_url}briefs/")
    image = desktop.locator(".archive-card__image").first
    assert image.get_attribute("loading") == "lazy"
    assert image.get_attribute("width") and image.get_attribute("height")
    assert image.get_attribute("alt")
    assert image.evaluate("i => i.complete && i.naturalWidth > 0")


def test_term_pages_name_each_cards_kind_and_light_the_find_tab(
    desktop: Any, base_url: str
) -> None:
    desktop.goto(f"{base_url}subjects/animation/")
    assert desktop.locator(".archive-card__kind").count() >= 1
    assert "records" not in desktop.inner_text(".archive-count")
    active = desktop.locator(".md-tabs__item--active a").get_attribute("href")
    assert active == "../../find/"


def test_record_pages_light_their_collections_tab(desktop: Any, base_url: str) -> None:
    desktop.goto(base_url + PAGE_TYPES["record"])
    assert desktop.locator(".md-tabs__item--active a").inner_text().strip() == "Challenge briefs"


def test_a_listings_filter_link_opens_find_with_the_collection_ticked(
    desktop: Any, base_url: str
) -> None:
    desktop.goto(f"{base_url}briefs/")
    link = desktop.locator("a.archive-listing__filter")
    assert re.fullmatch(r"Filter these \d+ challenge briefs", link.inner_text())
    link.click()
    desktop.wait_for_selector("#archive-find[data-state=ready]", timeout=10_000)
    assert desktop.url.endswith("find/?collection=briefs")
    ticked = desktop.eval_on_selector_all(
        "input[type=checkbox]:checked", "boxes => boxes.map(b => b.name + '=' + b.value)"
    )
    assert ticked == ["collection=briefs"]
