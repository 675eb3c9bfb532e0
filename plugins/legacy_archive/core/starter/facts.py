"""What a new archive is about, from the command line or from questions, checked in one pass.

`archive init` asks only for what it cannot guess; everything it asks is a fact an editor
could later change in `mkdocs.yml`. Every problem with the answers is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from legacy_archive.core.common.problems import did_you_mean
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.config.programme import DATE_PATTERN
from legacy_archive.core.starter.presets import preset_names

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
REPOSITORY = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
RESERVED = ("about", "admin", "assets", "contribute", "find", "index", "pagefind", "search")
"""Top-level addresses the site's own pages use: no collection may take them."""


@dataclass(frozen=True)
class CollectionChoice:
    """A collection of the new archive: its name (folder and address) and its preset."""

    name: str
    preset: str


@dataclass(frozen=True)
class ArchiveFacts:
    """The programme and the choices a new archive is written from."""

    name: str
    start: str
    end: str
    collections: tuple[CollectionChoice, ...]
    funder: str = ""
    partners: tuple[str, ...] = ()
    description: str = ""
    site_url: str = ""
    repository: str = ""
    language: str = "en"
    engine: str = "legacy-archive"
    reviewed: str = ""
    """When the facts were last checked (default: today)."""
    """The pip requirement the archive's workflows and Makefile install the engine with."""


def parse_collection(text: str) -> CollectionChoice:
    """`podcasts` (a preset of that name) or `workshops=events` (a name and its preset)."""
    name, _, preset = text.strip().partition("=")
    return CollectionChoice(name.strip(), (preset or name).strip())


def problems_of(facts: ArchiveFacts) -> list[str]:
    """Every problem with the facts, as `option: what is wrong (what was expected)`."""
    found: list[str] = []
    if not facts.name.strip():
        found.append("--name: the programme's name is empty (expected its public name)")
    for option, value in (("--start", facts.start), ("--end", facts.end)):
        if not DATE_PATTERN.match(value):
            found.append(
                f"--{option[2:]}: '{value}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            )
    if (
        DATE_PATTERN.match(facts.start)
        and DATE_PATTERN.match(facts.end)
        and facts.end < facts.start
    ):
        found.append(
            f"--end: {facts.end} is before --start {facts.start} (expected the year it ended)"
        )
    if not facts.collections:
        found.append("--collection: none chosen (expected at least one, like --collection courses)")
    presets, seen = preset_names(), set()
    for choice in facts.collections:
        where = f"--collection {choice.name}"
        if not SLUG.match(choice.name):
            found.append(
                f"{where}: '{choice.name}' is not a collection name "
                "(expected lowercase letters and digits, words joined by hyphens, like case-studies)"
            )
        elif choice.name in RESERVED:
            found.append(
                f"{where}: '{choice.name}' is an address the site uses itself (expected another name)"
            )
        elif choice.name in seen:
            found.append(f"{where}: chosen twice (expected each collection once)")
        seen.add(choice.name)
        if choice.preset not in presets:
            hint = did_you_mean(choice.preset, presets)
            found.append(
                f"{where}: no preset '{choice.preset}'{hint} "
                f"(expected one of: {', '.join(presets)}; or NAME=blank)"
            )
    if facts.site_url and (check_link(facts.site_url) or not facts.site_url.startswith("https://")):
        found.append(
            f"--site-url: '{facts.site_url}' is not an https:// address "
            "(expected the published address, like https://example.org/archive/)"
        )
    if facts.repository and not REPOSITORY.match(facts.repository):
        found.append(
            f"--repository: '{facts.repository}' is not a GitHub repository (expected OWNER/NAME)"
        )
    return found


Ask = Callable[[str, str], str]
"""Asks one question with a default; returns the answer (the default when left empty)."""


def ask_missing(facts: ArchiveFacts, ask: Ask) -> ArchiveFacts:
    """Fill the facts a command line left out by asking, one question each."""
    name = facts.name or ask("Programme name", "")
    start = facts.start or ask("Year it started", "")
    end = facts.end or ask("Year it ended", "")
    funder = facts.funder or ask("Who funded it (optional)", "")
    collections = facts.collections
    if not collections:
        listed = ", ".join(preset_names())
        answer = ask(
            f"Collections, separated by commas ({listed}; NAME=blank for your own)",
            "courses, events",
        )
        collections = tuple(parse_collection(part) for part in answer.split(",") if part.strip())
    return ArchiveFacts(
        name=name,
        start=start,
        end=end,
        collections=collections,
        funder=funder,
        partners=facts.partners,
        description=facts.description,
        site_url=facts.site_url,
        repository=facts.repository,
        language=facts.language,
        engine=facts.engine,
    )
