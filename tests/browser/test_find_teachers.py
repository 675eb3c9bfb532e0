"""The Find page and the header search as a teacher on a phone uses them (issue 16): results
on the first screen, filters behind a "Filters" button ("Filters (n)" with n ticked), removable chips, one live
status, a copy-link button, a focus ring on every control, a short keyboard path, partial
matches that say so, and an index without the editors' guide or the site map.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SHARED = "find/?audience=primary&subject=animation"
"""A filtered link as a teacher would share it: two filters, no words."""
PARTIAL = "No resource matches every word; showing resources that match some of them."
MAX_TABS = 8
"""Tab presses from the query box to the first result (38 before issue 16)."""


def open_find(browser: Any, base_url: str, path: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + path)
    page.wait_for_selector("#archive-find[data-state=ready]", timeout=10_000)
    page.errors = errors
    return page


def first_result_top(page: Any) -> float:
    top: float = page.evaluate(
        "document.querySelector('.archive-find__link').getBoundingClientRect().top + scrollY"
    )
    return top


@pytest.mark.parametrize("path", ["find/", SHARED])
def test_the_first_result_is_on_the_first_phone_screen(
    browser: Any, base_url: str, path: str
) -> None:
    page = open_find(browser, base_url, path, PHONE)
    assert first_result_top(page) < PHONE["height"]
    assert page.get_attribute("#archive-find-toggle", "aria-expanded") == "false"
    assert not page.is_visible("#f-audience-primary"), "filters wait behind their button"
    assert page.errors == []
    page.context.close()


def test_a_shared_link_reopens_with_its_filters_and_chips(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, SHARED, PHONE)
    assert page.is_checked("#f-audience-primary") and page.is_checked("#f-subject-animation")
    assert page.inner_text("#archive-find-toggle").strip() == "Filters (2)"
    assert page.get_by_role("button", name="Filters (2)", exact=True).count() == 1
    chips = page.locator(".archive-find__chip")
    assert chips.count() == 2
    assert re.match(r"^\d+ results?\.$", page.inner_text("#archive-find-status"))
    page.context.close()


def test_the_filters_button_opens_and_closes_the_filters(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/", PHONE)
    toggle = page.locator("#archive-find-toggle")
    assert toggle.get_attribute("aria-controls") == "archive-find-facets"
    # No count when no filter is ticked; the name is the text the button shows (WCAG 2.5.3).
    assert toggle.inner_text() == "Filters"
    assert page.get_by_role("button", name="Filters", exact=True).count() == 1
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.is_visible("#f-audience-primary")
    page.check("#f-audience-primary")
    page.wait_for_selector("#archive-find[data-state=ready]")
    assert page.inner_text("#archive-find-toggle").strip() == "Filters (1)"
    page.uncheck("#f-audience-primary")
    page.wait_for_selector("#archive-find[data-state=ready]")
    assert toggle.inner_text() == "Filters", "unticking the last filter drops the count"
    page.check("#f-audience-primary")
    page.wait_for_selector("#archive-find[data-state=ready]")
    done = page.locator("#archive-find-done")
    assert re.match(r"^Show \d+ results?$", done.inner_text()), "the panel says what it found"
    done.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "archive-find-results-heading"
    assert first_result_top(page) < PHONE["height"]
    page.context.close()


def test_chips_remove_their_filter(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, SHARED, PHONE)
    before = page.inner_text("#archive-find-status")
    chip = page.get_by_role("button", name="Remove filter: Animation")
    chip.click()
    page.wait_for_selector("#archive-find[data-state=ready]")
    assert not page.is_checked("#f-subject-animation")
    assert "subject=" not in page.url and "audience=primary" in page.url
    assert page.locator(".archive-find__chip").count() == 1
    assert page.inner_text("#archive-find-status") != before, "the status says the new count"
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith("Remove filter:"), "focus stays among the chips"
    page.context.close()


def test_one_polite_status_says_the_count(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/", DESKTOP)
    regions = page.locator("#archive-find [role=status], #archive-find [aria-live]")
    live = [regions.nth(i).get_attribute("id") for i in range(regions.count())]
    assert live == ["archive-find-status", "archive-find-copied"]
    assert page.get_attribute("#archive-find-status", "aria-live") == "polite"
    page.check("#f-audience-secondary")
    page.wait_for_selector("#archive-find[data-state=ready]")
    shown = page.locator(".archive-find__link").count()
    status = page.inner_text("#archive-find-status")
    assert re.match(r"^\d+ results\.$", status) and shown >= 1
    page.context.close()


def test_copy_link_writes_the_filtered_address(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    origin = re.match(r"https?://[^/]+", base_url)
    assert origin
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.group(0))
    page = context.new_page()
    page.goto(base_url + SHARED)
    page.wait_for_selector("#archive-find[data-state=ready]")
    page.click("#archive-find-copy")
    page.wait_for_function("() => document.getElementById('archive-find-copied').textContent")
    assert page.inner_text("#archive-find-copied") == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    context.close()


def test_copy_link_without_a_clipboard_shows_the_link_selected(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.goto(base_url + SHARED)
    page.wait_for_selector("#archive-find[data-state=ready]")
    page.click("#archive-find-copy")
    assert page.is_visible("#archive-find-link")
    assert page.input_value("#archive-find-link") == page.url
    assert page.evaluate("document.activeElement.id") == "archive-find-link"
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_keyboard_path_to_the_first_result_is_short(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    page = open_find(browser, base_url, "find/?q=animation", viewport)
    page.focus("#archive-find-q")
    for presses in range(1, MAX_TABS + 1):  # noqa: B007 (read after the loop)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.archive-find__link')"):
            break
    else:
        pytest.fail(f"the first result is more than {MAX_TABS} Tabs from the query box")
    assert presses <= MAX_TABS
    page.context.close()


def test_skip_to_results_is_the_forms_first_stop(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/", DESKTOP)
    skip = page.locator("#archive-find a").first
    assert skip.inner_text() == "Skip to results"
    target = skip.get_attribute("href")
    assert target and page.locator(target).count() == 1
    page.context.close()


def test_a_focused_checkbox_shows_a_ring(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/", PHONE)
    page.click("#archive-find-toggle")
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """(() => { const e = document.activeElement, s = getComputedStyle(e);
           return [e.type, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; })()"""
    )
    kind, style, width, shadow = ring
    assert kind == "checkbox"
    assert (style != "none" and width >= 2) or shadow != "none", ring
    page.context.close()


def test_materials_and_sector_filters_are_offered(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/", DESKTOP)
    assert page.locator("fieldset[data-facet=sector] input").count() >= 2
    materials = page.locator("fieldset[data-facet=materials] label")
    assert [re.sub(r"\s*\d+$", "", t) for t in materials.all_inner_texts()] == [
        "Materials included",
        "Record only",
    ]
    page.check("#f-materials-included")
    page.wait_for_selector("#archive-find[data-state=ready]")
    facts = page.locator(".archive-find__article .archive-search__facts").all_inner_texts()
    assert facts and all(text.endswith("Materials included") for text in facts)
    page.context.close()


def test_a_partial_match_says_so_on_the_find_page(browser: Any, base_url: str) -> None:
    page = open_find(browser, base_url, "find/?q=robotics+for+beginners", DESKTOP)
    assert page.inner_text("#archive-find-status").endswith(PARTIAL)
    assert page.locator(".archive-find__link").count() >= 1
    page.context.close()


def test_header_search_partial_matches_facts_and_no_overlay_left_open(
    browser: Any, base_url: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base_url)
    page.fill(".archive-search .md-search__input", "robotics for beginners")
    page.wait_for_selector(".archive-search .md-search-result__item")
    assert page.inner_text(".archive-search .md-search-result__meta").endswith(PARTIAL)
    first = page.locator(".archive-search .md-search-result__item").first
    assert first.locator(".archive-search__kind").inner_text()
    assert first.locator(".archive-search__facts").inner_text()
    assert page.is_checked("#__search")
    page.focus(".archive-search .md-search__input")
    for _ in range(12):
        page.keyboard.press("Tab")
        if not page.evaluate(
            "document.querySelector('.archive-search').contains(document.activeElement)"
        ):
            break
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.close()


def test_the_editors_guide_and_site_map_are_not_in_the_index(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url)
    urls = page.evaluate(
        """async () => {
          const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
          pf.init();
          const out = [];
          for (const q of ['contribute', 'git', 'vocabularies', 'site map', 'animation']) {
            const s = await pf.search(q);
            out.push(...(await Promise.all(s.results.map(r => r.data()))).map(d => d.url));
          }
          return out;
        }"""
    )
    assert any("/courses/" in url for url in urls), "records are found"
    assert not [url for url in urls if url.endswith(("/contribute/", "/site-map/"))]
    page.close()
