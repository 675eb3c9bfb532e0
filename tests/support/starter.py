"""New archives made by `archive init`, with a record or two, for tests that must not lean on the demo."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

from legacy_archive.core.starter.facts import ArchiveFacts, CollectionChoice
from legacy_archive.core.starter.writer import write_archive

RECORDS = {
    "courses/intro-to-coding.md": """\
        ---
        title: Introduction to coding for teachers
        summary: A four-week online course on teaching the basics of programming.
        date: "2019-03"
        format: online
        level: short
        duration: 4 weeks, 2 hours a week
        outcomes: [Plan a first programming lesson]
        ---

        Week by week, from variables to a small game.
        """,
    "events/closing-showcase.md": """\
        ---
        title: Closing showcase
        summary: The programme's last event, where schools showed what they had made.
        date: "2021-07-02"
        venue: City Hall, London
        related: [courses/intro-to-coding]
        ---

        Twelve schools showed their projects.
        """,
    "podcasts/careers-in-games-1.md": """\
        ---
        title: Careers in games, episode one
        summary: Two game developers on how they started, and what studios look for.
        date: "2020-05"
        series: Digital Talent Conversations
        episode_number: 1
        duration: PT32M
        audio:
          url: https://example.org/podcasts/careers-in-games-1
          transcript: Welcome to Digital Talent Conversations. Today, two game developers.
        related: [toolkits/working-with-smes]
        ---

        Two developers talk through their first year in a studio.
        """,
    "toolkits/working-with-smes.md": """\
        ---
        title: "Working with SMEs: a placement toolkit"
        summary: Templates and a checklist for placing students with small businesses.
        date: "2019-09"
        strand: skills
        sector: technology
        contents: [A placement agreement template]
        ---

        How to set up a placement that works for the student and the business.
        """,
    "reports/final-report.md": """\
        ---
        title: Final report
        summary: What the programme did in its three years, and what it learned.
        date: "2021-09"
        ---

        The programme reached 1,000 young Londoners.
        """,
}

PROGRAMMES = {
    "skills-bridge": ArchiveFacts(
        name="Skills Bridge",
        start="2018",
        end="2021",
        funder="A City Council",
        collections=(CollectionChoice("courses", "courses"), CollectionChoice("events", "events")),
        reviewed="2026-12-01",
    ),
    "digital-talent": ArchiveFacts(
        name="Digital Talent Programme",
        start="2017",
        end="2021",
        funder="Mayor of London",
        collections=(
            CollectionChoice("toolkits", "toolkits"),
            CollectionChoice("podcasts", "podcasts"),
            CollectionChoice("reports", "blank"),
        ),
        reviewed="2026-12-01",
    ),
}
"""Two programmes that share no collection."""


IMPORT_TARGET = ArchiveFacts(
    name="Skills Bridge",
    start="2018",
    end="2021",
    funder="A Council",
    collections=(
        CollectionChoice("courses", "courses"),
        CollectionChoice("events", "events"),
        CollectionChoice("reports", "blank"),
    ),
    reviewed="2026-12-01",
)
"""The archive the import tests bring old sites into: two presets and a blank collection."""


def import_target(target: Path, *collections: CollectionChoice) -> Path:
    """A new archive with no records, ready for `archive import`: IMPORT_TARGET's
    collections, or `collections` in their place."""
    write_archive(
        target, replace(IMPORT_TARGET, collections=collections or IMPORT_TARGET.collections)
    )
    return target


def new_archive(target: Path, programme: str) -> Path:
    """`archive init` for one of PROGRAMMES, then its records from RECORDS."""
    facts = PROGRAMMES[programme]
    write_archive(target, facts)
    return add_records(target, programme)


def add_records(target: Path, programme: str) -> Path:
    """Write a programme's records from RECORDS into an archive made for it."""
    for path in records_of(programme):
        (target / f"{path}.md").write_text(textwrap.dedent(RECORDS[f"{path}.md"]), encoding="utf-8")
    return target


def records_of(programme: str) -> list[str]:
    """The record paths (`collection/slug`) a programme's archive holds."""
    names = {c.name for c in PROGRAMMES[programme].collections}
    return [p.removesuffix(".md") for p in RECORDS if p.split("/")[0] in names]
