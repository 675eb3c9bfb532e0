"""Record pages as a teacher with five minutes uses them (issue 16), in headless Chromium.

The demo archive is copied and given a `repo_url` (so "Report a problem" has a form to
fill), built once and served under a sub-path. What only a browser shows is asserted: where
the resource starts on a phone's first screen, the trail, the copy button putting the
citation on the clipboard, and the print stylesheet's computed styles.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from support.paths import REPO

pytestmark = [pytest.mark.browser, pytest.mark.build]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
REPORT_TO = "https://github.com/techpathways/archive"
"""The fixture archive's `report_to`."""
BRIEF = "briefs/design-a-podcast-for-your-school/"
"""A brief with a PDF of its own."""
COURSE = "courses/audio-editing-and-podcasting/"
"""A course whose materials are not in the archive, with an old address."""
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _open(browser: Any, url: str, viewport: dict[str, int], **options: Any) -> Any:
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def _top(page: Any, selector: str) -> float:
    """Distance in CSS pixels from the top of the document to the element."""
    return float(
        page.eval_on_selector(selector, "e => e.getBoundingClientRect().top + window.scrollY")
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_what_you_can_still_use_starts_on_the_first_screen(
    browser: Any, base_url: str, viewport: dict[str, int]
) -> None:
    for path in (BRIEF, COURSE):
        page = _open(browser, base_url + path, viewport)
        top = _top(page, ".archive-usable")
        assert top < viewport["height"] - 100, (path, top)
        page.context.close()
    page = _open(browser, base_url + BRIEF, viewport)
    link = 'section.archive-usable a[href$=".pdf"][download]'
    bottom = _top(page, link) + page.eval_on_selector(link, "e => e.offsetHeight")
    assert bottom <= viewport["height"], f"the PDF link ends {bottom:.0f} px down"
    assert "PDF, 1 KB" in page.inner_text("section.archive-usable")
    zip_link = page.get_attribute("section.archive-usable a[href$='.zip']", "href")
    response = page.request.get(page.url + str(zip_link))
    assert response.ok and response.body()[:2] == b"PK"
    page.context.close()


def test_a_record_only_page_says_so_and_links_its_archived_copy(
    browser: Any, base_url: str
) -> None:
    page = _open(browser, base_url + COURSE, PHONE)
    text = page.inner_text("section.archive-usable")
    assert "its materials are not in the archive" in text
    href = page.get_attribute(
        "section.archive-usable a[href^='https://web.archive.org/web/']", "href"
    )
    assert href is not None and href.endswith("/techpathways-archive/courses/podcasting/")
    assert page.locator(".archive-record-notice").count() == 1, "one notice, not a stack"
    page.context.close()


def test_the_breadcrumb_and_the_type_pill_lead_to_the_collection(
    browser: Any, base_url: str
) -> None:
    page = _open(browser, base_url + BRIEF, PHONE)
    trail = page.locator("nav[aria-label=Breadcrumb]")
    assert trail.count() == 1
    items = trail.locator("li")
    assert items.count() == 3
    assert items.nth(2).locator("[aria-current=page]").inner_text() == page.inner_text("h1")
    assert _top(page, "nav[aria-label=Breadcrumb]") < _top(page, "h1")
    listing = items.nth(1).locator("a").evaluate("a => a.href")
    assert listing == base_url + "briefs/"
    assert page.locator("a.archive-record__kind").evaluate("a => a.href") == listing
    page.context.close()


def test_copy_citation_puts_the_citation_on_the_clipboard(browser: Any, base_url: str) -> None:
    page = _open(
        browser,
        base_url + BRIEF,
        DESKTOP,
        permissions=["clipboard-read", "clipboard-write"],
    )
    button = page.locator("button.archive-cite__copy[data-copy=cite-plain]")
    assert button.is_visible(), "the script shows the Copy button"
    button.click()
    page.wait_for_function("() => document.querySelector('#cite ~ p [role=status]').textContent")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("#cite-plain").strip()
    assert copied.startswith("“Design a Podcast for Your School” by ") and "(2021)" in copied
    ris = page.get_attribute("a[href$='.ris'][download]", "href")
    response = page.request.get(page.url + str(ris))
    assert response.ok and response.text().startswith("TY  - ELEC")
    page.context.close()


def test_report_a_problem_opens_a_prefilled_issue(browser: Any, base_url: str) -> None:
    page = _open(browser, base_url + BRIEF, PHONE)
    href = page.get_attribute(".archive-report a", "href")
    assert href is not None and href.startswith(REPORT_TO + "/issues/new?title=Problem+with%3A+")
    assert "design-a-podcast-for-your-school" in href
    page.context.close()


def test_the_print_stylesheet_keeps_the_notice_and_shows_link_addresses(
    browser: Any, base_url: str
) -> None:
    page = _open(browser, base_url + COURSE, DESKTOP)
    page.emulate_media(media="print")

    def style(selector: str, name: str, pseudo: str = "") -> str:
        return str(
            page.eval_on_selector(
                selector,
                "(e, [name, pseudo]) => getComputedStyle(e, pseudo || null).getPropertyValue(name)",
                [name, pseudo],
            )
        )

    assert style(".md-banner", "display") != "none", "the archive notice prints"
    assert style(".archive-print-only", "display") == "block", "the page's address prints"
    assert style(".md-header", "display") == "none"
    assert style(".archive-cite__copy", "display") == "none"
    assert style("dl.archive-facts", "break-inside") == "avoid"
    wayback = "section.archive-usable a[href^='https://web.archive.org/']"
    assert "web.archive.org" in style(wayback, "content", "::after")
    assert style("a[href='#cite']", "content", "::after") == "none", "no address for anchors"
    pdf = page.pdf(format="A4")
    pages = max(int(count) for count in re.findall(rb"/Count (\d+)", pdf))
    assert 1 <= pages <= 2, f"a short course prints on {pages} pages"
    page.emulate_media(media="screen")
    assert style(".archive-print-only", "display") == "none"
    page.context.close()


def test_record_pages_have_no_axe_violations(browser: Any, base_url: str) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core not installed (run: npm ci)")
    for viewport, path in ((PHONE, BRIEF), (DESKTOP, BRIEF), (PHONE, COURSE)):
        page = _open(browser, base_url + path, viewport)
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        assert [v["id"] for v in result["violations"]] == [], result["violations"][:2]
        page.context.close()


def test_without_javascript_the_citation_reads_and_no_dead_button_shows(
    browser: Any, base_url: str
) -> None:
    page = _open(browser, base_url + BRIEF, PHONE, java_script_enabled=False)
    assert not page.locator("button.archive-cite__copy").first.is_visible()
    assert "(2021)" in page.inner_text("#cite-plain")
    page.context.close()
