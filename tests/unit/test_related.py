"""Related resources: explicit first, then shared subjects/partners/audiences, max 5, never self."""

from __future__ import annotations

from legacy_archive.core.model.related import MAX_RELATED, RelatedIndex
from support.project import Project


def course(slug: str, subjects: str, audiences: str = "secondary", related: str = "[]") -> str:
    return f"""---
title: {slug.replace("-", " ").title()}
summary: A course used to check which records count as related.
date: "2021-0{len(slug) % 9 + 1}"
subjects: [{subjects}]
audiences: [{audiences}]
format: online
level: short
related: {related}
---

Body.
"""


def test_explicit_related_come_first_then_shared_terms(project: Project) -> None:
    project.write("courses/podcasts.md", course("podcasts", "audio", related="[courses/maths]"))
    project.write("courses/radio.md", course("radio", "audio, media"))
    project.write("courses/film.md", course("film", "film", audiences="primary"))
    project.write("courses/maths.md", course("maths", "maths", audiences="primary"))
    archive = project.load().archive
    index = RelatedIndex(archive)
    podcasts = archive.get("courses/podcasts")
    assert podcasts is not None
    refs = [r.ref for r in index.related(podcasts)]
    assert refs[0] == "courses/maths", "explicit related first, even with nothing shared"
    assert refs[1] == "courses/radio", "a shared subject beats nothing shared"
    assert "courses/podcasts" not in refs
    assert "courses/film" not in refs, "records sharing nothing are not related"


def test_at_most_five_and_never_itself(project: Project) -> None:
    for number in range(12):
        project.write(f"courses/audio-{number}.md", course(f"audio-{number}", "audio"))
    archive = project.load().archive
    index = RelatedIndex(archive)
    for record in archive.records():
        related = index.related(record)
        assert len(related) == MAX_RELATED
        assert record.ref not in {r.ref for r in related}
        assert len({r.ref for r in related}) == len(related)


def test_a_record_sharing_nothing_has_no_related(project: Project) -> None:
    project.write("courses/alone.md", course("alone", "data"))
    project.write("courses/other.md", course("other", "maths", audiences="primary"))
    archive = project.load().archive
    alone = archive.get("courses/alone")
    assert alone is not None
    assert RelatedIndex(archive).related(alone) == []
