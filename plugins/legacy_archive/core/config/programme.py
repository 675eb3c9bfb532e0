"""The programme behind the archive: who ran it, when it ended, and where readers go now.

A legacy site is visited for years by people who do not know the programme ended, so these
facts live in `mkdocs.yml` (under the `archive` plugin's `programme:`) and every page says
them. Dates may be written `2022`, `2022-12` or `2022-12-31`; YAML dates are accepted too.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.config.option_lines import ConfigError

DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
KEYS = (
    "name",
    "funder",
    "partners",
    "start",
    "end",
    "closing_note",
    "successors",
    "last_reviewed",
)


@dataclass(frozen=True)
class Successor:
    """Where a reader can go now: a title and, when there is one, a web address."""

    title: str
    """What the successor is called (`Digital Skills Hub`)."""
    url: str = ""
    """Its web address (`https://...`); empty when it has none."""
    description: str = ""
    """One sentence on what a reader finds there."""


@dataclass(frozen=True)
class Programme:
    """Facts every page of the archive repeats, so no visitor mistakes it for a live site."""

    name: str
    """The programme's name, as the banner and every page's footer say it."""
    start: str
    """When it began: `2020`, `2020-09` or `2020-09-01`."""
    end: str
    """When it ended, written as `start` is."""
    last_reviewed: str
    """When someone last checked the archive's pages, written as `start` is."""
    funder: str = ""
    """Who paid for it (`the Mayor of London`)."""
    partners: tuple[str, ...] = ()
    """Organisations that ran it with the funder, by name."""
    closing_note: str = ""
    """A paragraph on the home page about how the programme ended (Markdown)."""
    successors: tuple[Successor, ...] = field(default_factory=tuple)
    """Where readers can go now: a list of `{title, url, description}`."""

    @property
    def start_label(self) -> str:
        return date_label(self.start)

    @property
    def end_label(self) -> str:
        return date_label(self.end)

    @property
    def reviewed_label(self) -> str:
        return date_label(self.last_reviewed)


def _date(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and DATE_PATTERN.match(value):
        return value
    return None


def read_programme(raw: object) -> tuple[Programme | None, list[ConfigError]]:
    """Read and check `programme:`; every problem names its option (`programme.end`)."""
    errors: list[ConfigError] = []

    def problem(*key: str | int, message: str) -> None:
        errors.append((("programme", *key), message))

    if raw is None or raw == {}:
        return None, []
    if not isinstance(raw, dict):
        problem(message="expected a set of fields (name, start, end, last_reviewed)")
        return None, errors
    for key in raw:
        if key not in KEYS:
            problem(str(key), message=f"unknown field (expected one of: {', '.join(KEYS)})")
    texts: dict[str, str] = {}
    for key in ("name", "funder", "closing_note"):
        value = raw.get(key, "")
        if not isinstance(value, str) or (key == "name" and not value.strip()):
            problem(key, message=f"expected text (the programme's {key.replace('_', ' ')})")
            value = ""
        texts[key] = value.strip()
    dates: dict[str, str] = {}
    valid = True
    for key in ("start", "end", "last_reviewed"):
        value = _date(raw.get(key))
        if value is None:
            valid = False
            written = f"'{raw[key]}' is not a date" if key in raw else "missing"
            problem(key, message=f"{written} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
            value = "1970"
        dates[key] = value
    if valid and dates["end"] < dates["start"]:
        problem("end", message=f"ends before it starts (expected an end after {dates['start']})")
    partners = raw.get("partners", [])
    if not isinstance(partners, list) or not all(isinstance(p, str) for p in partners):
        problem("partners", message="expected a list of organisation names")
        partners = []
    programme = Programme(
        name=texts["name"],
        funder=texts["funder"],
        partners=tuple(partners),
        start=dates["start"],
        end=dates["end"],
        closing_note=texts["closing_note"],
        successors=_successors(raw.get("successors", []), errors),
        last_reviewed=dates["last_reviewed"],
    )
    return programme, errors


def _successors(raw: object, errors: list[ConfigError]) -> tuple[Successor, ...]:
    """Where readers go now; a successor with a bad address keeps its title."""
    if not isinstance(raw, list):
        errors.append((("programme", "successors"), "expected a list of {title, url}"))
        return ()
    found: list[Successor] = []
    for index, item in enumerate(raw):
        where = ("programme", "successors", index)
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            errors.append((where, "expected a title and optionally a url"))
            continue
        url = item.get("url", "")
        why = check_link(url) if isinstance(url, str) else "expected text (a web address)"
        if url and why is not None:
            errors.append(((*where, "url"), why))
            url = ""
        for key in item:
            if key not in ("title", "url", "description"):
                errors.append(
                    ((*where, str(key)), "unknown field (expected title, url, description)")
                )
        found.append(Successor(item["title"], url, str(item.get("description", ""))))
    return tuple(found)
