"""Six things a teacher comes to the demo archive for, done in Chromium the way a teacher would.

Usage: python scripts/teacher_tasks.py [--site DIR] [--widths 390 1280]

Builds the demo (or takes an already built `--site`, such as a build of an older commit),
serves it under its sub-path and, at each width, performs:

  (a) an animation course for primary pupils: search from the home page, then filter
  (b) every interview with someone working in games
  (c) a brief's PDF, from the home page through the briefs listing
  (d) a citation copied from a record page
  (e) a filtered Find link shared, then reopened in a new tab
  (f) the Find page used with the keyboard only: to the query box, search, to a result

For each it prints the clicks, key presses and the distance from the top of the page of the
first useful result (and whether it is on the first screen), so a change to the site can be
compared before and after. It is a measurement, not a test: it prints, it does not judge.
The steps follow the site in front of it: where a page offers a shorter way (a search box
on the home page, a sector filter, a copy button) the teacher takes it; where it does not,
the longer way the old site needed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.preview import serve
from site_pages import demo_archive
from site_tools import CHROMIUM_FLAGS, build_site, chromium

HEIGHTS = {390: 844, 1280: 800}
"""The screen each width is seen on: a common phone and a school PC."""
MAX_TABS = 150


@dataclass
class Outcome:
    """What one task took and where its answer appeared."""

    task: str
    clicks: int = 0
    keys: int = 0
    offset: int | None = None
    """Top of the first useful result from the top of its page, in CSS pixels."""
    found: str = ""
    notes: list[str] = field(default_factory=list)


class Teacher:
    """A browser tab whose clicks and key presses are counted."""

    def __init__(self, browser: Any, base: str, width: int, task: str) -> None:
        context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.context = context
        self.page = context.new_page()
        self.base = base
        self.height = HEIGHTS[width]
        self.outcome = Outcome(task)

    def open(self, url: str = "") -> None:
        self.page.goto(self.base + url)
        self.page.wait_for_load_state("load")

    def click(self, locator: Any) -> None:
        self.outcome.clicks += 1
        locator.scroll_into_view_if_needed(timeout=5_000)
        locator.click(timeout=5_000)

    def type(self, text: str) -> None:
        self.outcome.keys += len(text)
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.outcome.keys += 1
        self.page.keyboard.press(key)

    def visible(self, selector: str) -> Any | None:
        """The first element matching `selector` that is on show, or None."""
        for item in self.page.locator(selector).all():
            if item.is_visible():
                return item
        return None

    def offset_of(self, locator: Any) -> int:
        box = locator.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        return round(box)

    def found_at(self, locator: Any | None, what: str) -> None:
        if locator is None:
            self.outcome.found = f"not found: {what}"
            return
        self.outcome.offset = self.offset_of(locator)
        self.outcome.found = what

    def note(self, text: str) -> None:
        self.outcome.notes.append(text)

    def close(self) -> None:
        self.context.close()


def find_ready(teacher: Teacher) -> None:
    teacher.page.wait_for_selector("#archive-find[data-state=ready]", timeout=15_000)
    teacher.page.wait_for_timeout(300)


def follow_link(teacher: Teacher, href_end: str) -> None:
    """Click a visible link ending in `href_end`: in the page, the tabs, or the phone's menu."""
    selector = f'a[href$="{href_end}"]'
    link = teacher.visible(f".md-content {selector}") or teacher.visible(f".md-tabs {selector}")
    if link is None:
        menu = teacher.visible('label[for="__drawer"]')
        if menu is not None:
            teacher.click(menu)
            teacher.page.wait_for_timeout(300)
        link = teacher.visible(f".md-nav {selector}") or teacher.visible(selector)
    if link is None:
        raise LookupError(f"no visible link to {href_end}")
    teacher.click(link)
    teacher.page.wait_for_load_state("load")


def search_from_home(teacher: Teacher, query: str) -> None:
    """Type `query` into the home page's own search box, else the header's, and press Enter."""
    box = teacher.visible('.md-content input[type="search"]')
    if box is None:
        box = teacher.visible(".archive-search__button") or teacher.visible(".archive-search input")
        teacher.note("no search box on the home page: used the header search")
    if box is None:
        raise LookupError("no search box")
    teacher.click(box)
    if teacher.page.evaluate("document.activeElement.tagName") != "INPUT":
        teacher.page.locator(".archive-search input").focus()
    teacher.type(query)
    teacher.press("Enter")
    teacher.page.wait_for_load_state("load")
    find_ready(teacher)


def tick(teacher: Teacher, facet: str, value: str) -> bool:
    """Tick a Find filter, opening the filters first where they are folded away."""
    box = teacher.page.locator(f'#archive-find input[name="{facet}"][value="{value}"]')
    if box.count() == 0:
        return False
    if not box.first.is_visible():
        toggle = teacher.visible('#archive-find [aria-expanded="false"]')
        if toggle is not None:
            teacher.click(toggle)
    label = teacher.page.locator(f'label[for="{box.first.get_attribute("id")}"]')
    teacher.click(label if label.count() else box.first)
    teacher.page.wait_for_timeout(600)
    return True


def results_in_view(teacher: Teacher) -> None:
    """Fold the filters away again if they now push the results off the screen."""
    first = teacher.page.locator("#archive-find-results a").first
    if first.count() == 0:
        return
    top = first.evaluate("e => e.getBoundingClientRect().top")
    toggle = teacher.visible('#archive-find [aria-expanded="true"]')
    if top > teacher.height and toggle is not None:
        teacher.click(toggle)
        teacher.page.wait_for_timeout(300)


def first_result(teacher: Teacher, urls: set[str]) -> Any | None:
    for link in teacher.page.locator("#archive-find-results a").all():
        href = link.get_attribute("href") or ""
        if any(href.rstrip("/").endswith(url.rstrip("/")) for url in urls):
            return link
    return None


def shown_results(teacher: Teacher) -> set[str]:
    hrefs = teacher.page.eval_on_selector_all(
        "#archive-find-results a", "links => links.map(a => a.getAttribute('href'))"
    )
    return {str(href) for href in hrefs}


@dataclass(frozen=True)
class Targets:
    """The records each task is after, read from the demo's records."""

    animation_for_primary: set[str]
    games_interviews: set[str]
    brief_with_pdf: str


def targets() -> Targets:
    archive = demo_archive()

    def has(record: Any, name: str, value: str) -> bool:
        found = record.fields.get(name) or []
        return value in (found if isinstance(found, list) else [found])

    courses = archive.collections["courses"].records
    briefs = archive.collections["briefs"].records
    interviews = archive.collections["interviews"].records
    with_pdf = [
        record
        for record in briefs
        if any(str(d.get("file", "")).endswith(".pdf") for d in record.fields.get("downloads", []))
    ]
    return Targets(
        {
            archive.url_of(r)
            for r in courses
            if has(r, "subjects", "animation") and has(r, "audiences", "primary")
        },
        {archive.url_of(r) for r in interviews if has(r, "sector", "games")},
        archive.url_of(with_pdf[0]),
    )


def task_a(teacher: Teacher, goal: Targets) -> None:
    teacher.open()
    search_from_home(teacher, "animation")
    if not tick(teacher, "audience", "primary"):
        teacher.note("no audience filter")
    results_in_view(teacher)
    teacher.found_at(first_result(teacher, goal.animation_for_primary), "the course's result")


def task_b(teacher: Teacher, goal: Targets) -> None:
    teacher.open()
    follow_link(teacher, "find/")
    find_ready(teacher)
    if not tick(teacher, "sector", "games"):
        teacher.note("no sector filter: searched 'games' among interviews")
        tick(teacher, "collection", "interviews")
        box = teacher.page.locator("#archive-find-q")
        teacher.click(box)
        teacher.type("games")
        teacher.press("Enter")
        find_ready(teacher)
    results_in_view(teacher)
    shown = shown_results(teacher)
    hits = {
        url
        for url in goal.games_interviews
        if any(h.rstrip("/").endswith(url.rstrip("/")) for h in shown)
    }
    teacher.found_at(first_result(teacher, goal.games_interviews), "the first games interview")
    teacher.outcome.found += (
        f" ({len(hits)} of {len(goal.games_interviews)} shown, {len(shown)} results)"
    )


def task_c(teacher: Teacher, goal: Targets) -> None:
    teacher.open()
    follow_link(teacher, "briefs/")
    card = teacher.page.locator(
        f'.md-content a[href$="{goal.brief_with_pdf.split("/")[-2]}/"]'
    ).first
    teacher.click(card)
    teacher.page.wait_for_load_state("load")
    pdf = teacher.page.locator('.md-content a[href$=".pdf"]')
    teacher.found_at(pdf.first if pdf.count() else None, "the PDF's link")


def task_d(teacher: Teacher, goal: Targets) -> None:
    teacher.open(goal.brief_with_pdf)
    button = teacher.visible(".md-content button:has-text('Copy')")
    if button is None:
        credit = teacher.page.locator(".archive-attribution, .archive-licence").first
        teacher.found_at(credit if credit.count() else None, "the credit line")
        teacher.note("no copy button: the teacher selects and copies the credit by hand")
        return
    teacher.found_at(button, "the copy button")
    teacher.click(button)
    teacher.page.wait_for_timeout(300)
    copied = str(teacher.page.evaluate("navigator.clipboard.readText()"))
    title = teacher.page.locator("h1").first.inner_text().strip()
    teacher.note(
        f"copied {len(copied)} characters{'' if title in copied else ' without the title'}"
    )


def task_e(teacher: Teacher, browser: Any, base: str, width: int, goal: Targets) -> None:
    teacher.open("find/")
    find_ready(teacher)
    tick(teacher, "audience", "primary")
    tick(teacher, "subject", "animation")
    results_in_view(teacher)
    button = teacher.visible("#archive-find button:has-text('Copy link')") or teacher.visible(
        "#archive-find button:has-text('copy link')"
    )
    if button is not None:
        teacher.click(button)
        teacher.page.wait_for_timeout(300)
        link = str(teacher.page.evaluate("navigator.clipboard.readText()"))
    else:
        teacher.note("no copy-link button: copied from the address bar")
        teacher.outcome.clicks += 1
        teacher.outcome.keys += 2
        link = teacher.page.url
    other = Teacher(browser, base, width, teacher.outcome.task)
    try:
        other.page.goto(link)
        find_ready(other)
        restored = other.page.locator("#archive-find input:checked").count()
        teacher.note(f"reopened with {restored} filters ticked")
        teacher.found_at(first_result(other, goal.animation_for_primary), "the course's result")
    finally:
        other.close()


def task_f(teacher: Teacher, goal: Targets) -> None:
    teacher.open("find/")
    find_ready(teacher)
    page = teacher.page

    def tab_until(check: Callable[[], bool]) -> bool:
        for _ in range(MAX_TABS):
            teacher.press("Tab")
            if check():
                return True
        return False

    if not tab_until(lambda: bool(page.evaluate("document.activeElement.id === 'archive-find-q'"))):
        teacher.note("the query box was never reached")
        return
    teacher.type("animation")
    teacher.press("Enter")
    page.wait_for_load_state("load")
    find_ready(teacher)
    page.wait_for_timeout(300)
    focused_on_result = "!!document.activeElement.closest && !!document.activeElement.closest('#archive-find-results')"
    if not tab_until(lambda: bool(page.evaluate(focused_on_result))):
        teacher.note("no result was reached by Tab")
        return
    teacher.found_at(page.locator(":focus"), "a result, focused")


def run(browser: Any, base: str, width: int, goal: Targets) -> list[Outcome]:
    tasks: list[tuple[str, Callable[[Teacher], None]]] = [
        ("a animation course for primary", lambda t: task_a(t, goal)),
        ("b games interviews", lambda t: task_b(t, goal)),
        ("c a brief's PDF", lambda t: task_c(t, goal)),
        ("d copy a citation", lambda t: task_d(t, goal)),
        ("e share a filtered link", lambda t: task_e(t, browser, base, width, goal)),
        ("f Find by keyboard only", lambda t: task_f(t, goal)),
    ]
    outcomes = []
    for name, task in tasks:
        teacher = Teacher(browser, base, width, name)
        try:
            task(teacher)
        except Exception as error:  # a step the site does not offer is a result
            teacher.note(f"could not finish: {str(error).splitlines()[0]}")
        finally:
            teacher.close()
        outcomes.append(teacher.outcome)
    return outcomes


def report(width: int, outcomes: list[Outcome]) -> None:
    print(f"\n{width} x {HEIGHTS[width]} px")
    print(f"{'task':32} {'clicks':>6} {'keys':>5} {'offset':>7}  first screen  found")
    for item in outcomes:
        offset = "-" if item.offset is None else str(item.offset)
        screen = "-" if item.offset is None else ("yes" if item.offset < HEIGHTS[width] else "no")
        print(
            f"{item.task:32} {item.clicks:>6} {item.keys:>5} {offset:>7}  {screen:12}  {item.found}"
        )
        for note in item.notes:
            print(f"{'':32}   note: {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the demo)")
    parser.add_argument("--widths", type=int, nargs="+", default=sorted(HEIGHTS))
    args = parser.parse_args()
    goal = targets()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        site = args.site or build_site(Path(temp) / "site")
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            for width in args.widths:
                report(width, run(browser, base, width, goal))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
