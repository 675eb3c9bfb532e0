"""Record pages for teachers (issue 16): citations, what can still be used, the page's order.

Tables for the pure parts (citation formats, sizes, report links), then a fixture archive's
record pages rendered by the emitter and asserted on.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from typing import Any

import pytest

from legacy_archive.core.emit.citation import Citation, citation_files, year_of
from legacy_archive.core.emit.field_display import file_size, language_name
from legacy_archive.core.emit.notices import NoticeRenderer
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.emit.usable import materials_zip, report_url, usable
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.attribution import Licence
from legacy_archive.core.validate.schema.fields import FieldSpec
from support.paths import SITE as SITE_ARCHIVE
from support.project import COURSE, Project

SITE = "https://example.org/archive/"
CC_BY = Licence("cc-by-4.0", "Creative Commons Attribution 4.0", "https://cc.org/by/4.0/")


def citation(**changes: object) -> Citation:
    facts: dict[str, object] = {
        "title": "Data Detectives",
        "creators": ("Code Club", "Queen Mary University of London"),
        "year": "2021",
        "kind": "Challenge brief",
        "publisher": "TechPathways London archive",
        "url": "https://example.org/archive/briefs/data-detectives/",
        "licence": CC_BY,
    }
    return Citation(**{**facts, **changes})  # type: ignore[arg-type]


def test_the_plain_line_credits_who_when_where_and_the_licence() -> None:
    assert citation().plain() == (
        "“Data Detectives” by Code Club and Queen Mary University of London (2021), "
        "TechPathways London archive, https://example.org/archive/briefs/data-detectives/, "
        "licensed under Creative Commons Attribution 4.0 (https://cc.org/by/4.0/)."
    )
    reserved = Licence("all-rights-reserved", "All rights reserved", "")
    assert (
        citation(licence=reserved, year="")
        .plain()
        .endswith("/data-detectives/, All rights reserved.")
    )


@pytest.mark.parametrize(
    ("creators", "year", "expected"),
    [
        (("Code Club",), "2021", "Code Club. (2021). Data Detectives [Challenge brief]."),
        (("A", "B"), "2021", "A & B. (2021). Data Detectives [Challenge brief]."),
        (("A", "B", "C"), "2021", "A, B, & C. (2021). Data Detectives [Challenge brief]."),
        ((), "", "TechPathways London archive. (n.d.). Data Detectives [Challenge brief]."),
    ],
)
def test_apa_names_the_authors_year_and_kind(
    creators: tuple[str, ...], year: str, expected: str
) -> None:
    text = citation(creators=creators, year=year).apa()
    assert text.startswith(expected)
    assert text.endswith(
        ". TechPathways London archive. https://example.org/archive/briefs/data-detectives/"
    )


def test_bibtex_braces_organisations_and_escapes_specials() -> None:
    text = citation(title="Maths & data_science 100%", creators=("R&D {Lab}",)).bibtex()
    assert text.startswith("@misc{rdlab2021maths,\n")
    assert r"title = {Maths \& data\_science 100\%}," in text
    assert r"author = {{R\&D \{Lab\}}}," in text
    assert "year = {2021}," in text and "url = {https://example.org/" in text
    assert text.endswith("}") and text.count("{") == text.count("}") + 0


def test_ris_is_one_record_with_crlf_lines_and_no_line_breaks_in_values() -> None:
    text = citation(title="Two\nlines").ris()
    lines = text.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "TI  - Two lines" in lines
    assert [line for line in lines if line.startswith("AU  - ")] == [
        "AU  - Code Club",
        "AU  - Queen Mary University of London",
    ]
    assert "PY  - 2021" in lines and "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize(
    ("date", "year"), [("2021", "2021"), ("2021-06-30", "2021"), ("", ""), ("soon", "")]
)
def test_year_of(date: str, year: str) -> None:
    assert year_of(date) == year


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "1 KB"),
        (847, "1 KB"),
        (1_499, "1 KB"),
        (1_500, "2 KB"),
        (999_499, "999 KB"),
        (999_500, "1.0 MB"),
        (2_100_000, "2.1 MB"),
        (3_200_000_000, "3.2 GB"),
    ],
)
def test_sizes_read_as_teachers_read_them(size: int, expected: str) -> None:
    assert file_size(size) == expected


def test_labels_and_languages() -> None:
    assert FieldSpec("time_needed", "text").label == "Time needed"
    assert FieldSpec("audiences", "list", title="For").label == "For"
    assert language_name("cy") == "Cymraeg" and language_name("en-GB") == "English"
    assert language_name("xx") == "xx"


@pytest.mark.parametrize(
    ("repo", "start"),
    [
        ("https://github.com/org/archive", "https://github.com/org/archive/issues/new?title="),
        ("https://github.com/org/archive/", "https://github.com/org/archive/issues/new?title="),
        ("https://gitlab.com/org/archive", "https://gitlab.com/org/archive/-/issues/new?issue"),
        ("https://example.org/org/archive", ""),
        ("https://github.com/org", ""),
        ("", ""),
    ],
)
def test_report_links_prefill_an_issue_form(repo: str, start: str) -> None:
    url = report_url(repo, "Data & maths", "https://example.org/archive/briefs/x/")
    assert url.startswith(start) if start else url == ""
    if start:
        assert "Problem+with%3A+Data+%26+maths" in url
        assert "https%3A%2F%2Fexample.org%2Farchive%2Fbriefs%2Fx%2F" in url


BRIEF = """---
title: Data Detectives
summary: Learners investigate a data set.
date: "2021-05"
subjects: [data]
audiences: [secondary]
key_stages: [ks3]
illustrative: true
downloads:
  - title: Teacher notes
    file: notes.pdf
  - title: Data set
    file: data.csv
  - title: The data portal
    url: https://data.example.org/portal
---

Body text.
"""

OLD_COURSE = COURSE.replace(
    "format: online", 'format: online\navailable_until: "2023-04"\nlegacy_urls: [/courses/audio/]'
)


def _usable(emitter: PageEmitter, record: Record) -> dict[str, Any]:
    schema = emitter.archive.collections[record.collection].spec.schema
    return usable(
        record,
        emitter.fields.fields,
        schema,
        lambda name: emitter.fields.attachment(record, name),
        SITE,
        emitter.archive.settings.programme,
    )


def _emitter(project: Project, repo_url: str = "") -> PageEmitter:
    return PageEmitter(project.load().archive, site_url=SITE, repo_url=repo_url)


def test_files_come_first_with_titles_formats_sizes_and_one_zip(project: Project) -> None:
    project.write("briefs/data-detectives/index.md", BRIEF)
    project.write("briefs/data-detectives/notes.pdf", b"%PDF-1.4\n" + b"x" * 2_400)
    project.write("briefs/data-detectives/data.csv", "a,b\n1,2\n")
    emitter = _emitter(project)
    (record,) = emitter.archive.collections["briefs"].records
    found = _usable(emitter, record)
    assert [(d["title"], d["format"], d["size"]) for d in found["downloads"]] == [
        ("Teacher notes", "PDF", "2 KB"),
        ("Data set", "CSV data", "1 KB"),
    ]
    assert found["zip"] == "data-detectives-materials.zip"
    assert found["links"] == [
        {"title": "The data portal", "url": "https://data.example.org/portal"}
    ]
    assert found["archived"] == [] and found["successors"] == []
    ((name, first),) = materials_zip(
        record, emitter.fields.fields, emitter.archive.collections["briefs"].spec.schema
    )
    again = _emitter(project)
    (same,) = again.archive.collections["briefs"].records
    assert materials_zip(
        same, again.fields.fields, again.archive.collections["briefs"].spec.schema
    ) == [(name, first)], "a rebuild makes the same ZIP, byte for byte"
    with zipfile.ZipFile(io.BytesIO(first)) as bundle:
        assert bundle.namelist() == ["data.csv", "notes.pdf"]
        assert {info.date_time for info in bundle.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    published = {a.src_uri: a.content for a in emitter.attachments()}
    assert published["briefs/data-detectives/data-detectives-materials.zip"] == first
    assert published["briefs/data-detectives/data-detectives.ris"].startswith(b"TY  - ELEC")


def test_a_record_only_page_says_so_and_points_to_its_archived_copy(project: Project) -> None:
    project.write("courses/a.md", OLD_COURSE)
    emitter = _emitter(project)
    (record,) = emitter.archive.collections["courses"].records
    found = _usable(emitter, record)
    assert found["downloads"] == [] and found["zip"] == ""
    assert found["archived"] == [
        "https://web.archive.org/web/20210301000000/https://example.org/archive/courses/audio/"
    ]
    assert [s["title"] for s in found["successors"]] == [
        "BlendEd, from the Connected Learning Centre"
    ]
    html = emitter.record_page(record).content
    assert "its materials are not in the archive" in html
    assert 'href="https://web.archive.org/web/20210301000000/' in html


def test_a_record_page_puts_the_trail_and_the_resource_before_the_body(project: Project) -> None:
    project.write("briefs/data-detectives/index.md", BRIEF)
    project.write("briefs/data-detectives/notes.pdf", b"%PDF-1.4\n")
    project.write("briefs/data-detectives/data.csv", "a,b\n")
    emitter = _emitter(project, "https://github.com/org/archive")
    (record,) = emitter.archive.collections["briefs"].records
    html = emitter.record_page(record).content
    assert '<nav class="archive-breadcrumb" aria-label="Breadcrumb"' in html
    assert '<li><a href="../../">Home</a></li>' in html
    assert '<li><a href="../">Challenge briefs</a></li>' in html
    assert '<span aria-current="page">Data Detectives</span>' in html
    assert '<a class="archive-record__kind" href="../"' in html
    order = [
        html.index(s)
        for s in (
            "archive-breadcrumb",
            "<h1",
            "What you can still use",
            "notes.pdf",
            "Body text.",
            "archive-facts",
        )
    ]
    assert order == sorted(order), order
    assert (
        'href="https://github.com/org/archive/issues/new?title=Problem+with%3A+Data+Detectives'
        in html
    )


def test_fact_labels_come_from_the_schema_title_or_the_field_name(project: Project) -> None:
    schema = project.root / "schemas" / "record.schema.json"
    text = schema.read_text("utf-8")
    assert '"audiences": {"title": "For", ' in text
    schema.write_text(
        text.replace('"audiences": {"title": "For", ', '"audiences": {"title": "Who it is for", '),
        "utf-8",
    )
    project.write("courses/a.md", COURSE)
    emitter = _emitter(project)
    (record,) = emitter.archive.collections["courses"].records
    html = emitter.record_page(record).content
    assert "<dt>Who it is for</dt>" in html and "<dt>Subjects</dt>" in html
    assert "<dt>For</dt>" not in html


def test_notices_merge_into_one_and_citations_are_published(project: Project) -> None:
    project.write(
        "courses/a.md", OLD_COURSE.replace("level: short", "level: short\nillustrative: true")
    )
    archive = project.load().archive
    (record,) = archive.collections["courses"].records
    renderer = NoticeRenderer(archive, archive.settings.programme, SITE)
    top = str(renderer.record_top(record))
    assert top.count("archive-record-notice") == 1 and top.count("<div") == 1
    assert "Originally available until April 2023." in top and "Illustrative" in top
    assert "has ended" not in top, "the banner says the programme ended; the notice does not"
    bottom = str(renderer.record_bottom(record))
    assert 'id="cite"' in bottom and "(2021)" in bottom and "[Course]" in bottom
    assert 'href="a.bib" download' in bottom and 'href="a.ris" download' in bottom
    files = dict(citation_files(archive, record, archive.settings.programme, SITE))
    assert set(files) == {"a.bib", "a.ris"}
    assert b"https://example.org/archive/courses/a/" in files["a.ris"]


INTERVIEW = """---
title: Sound designer
summary: A sound designer on how games get their sound.
date: "2022"
subjects: [audio]
audiences: [secondary]
role: Sound designer
sector: games
pathway: self-taught
video:
  title: The interview
  file: interview.mp4
  captions: interview.vtt
  transcript: I started by recording sounds around the house for a game jam.
---

Body text.
"""


def test_captions_speak_the_sites_language_and_the_transcript_is_linked(
    project: Project,
) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: cy"), "utf-8")
    shutil.copy(SITE_ARCHIVE / "templates" / "interviews.md.j2", project.root / "templates")
    project.write("interviews/sound-designer/index.md", INTERVIEW)
    project.write("interviews/sound-designer/interview.mp4", b"\x00" * 2_100_000)
    project.write("interviews/sound-designer/interview.vtt", "WEBVTT\n")
    emitter = _emitter(project)
    (record,) = emitter.archive.collections["interviews"].records
    html = emitter.record_page(record).content
    assert '<track kind="captions" srclang="cy" label="Cymraeg"' in html
    assert '<a href="#transcript">Read the transcript</a>' in html
    assert '<details class="archive-transcript" id="transcript">' in html
    assert (
        '<a href="interview.mp4" download>The interview</a> <span class="archive-meta">MP4 video, 2.1 MB</span>'
        in html
    )


def test_a_withdrawn_illustrative_record_has_one_notice(project: Project) -> None:
    project.write("courses/b.md", COURSE.replace("Audio Editing", "Video Editing"))
    project.write(
        "courses/a.md",
        OLD_COURSE.replace(
            "level: short",
            "level: short\nillustrative: true\nwithdrawn:\n  reason: Its partners moved on.\n"
            '  date: "2023-05"\n  alternative: courses/b',
        ),
    )
    archive = project.load().archive
    (record,) = archive.withdrawn
    top = str(NoticeRenderer(archive, archive.settings.programme, SITE).record_top(record))
    assert top.count("<div") == 1 and top.count('role="note"') == 1
    assert "Withdrawn in May 2023" in top and "Its partners moved on." in top
    assert 'Instead, see <a href="../b/">Video Editing and Podcasting</a>.' in top
    assert "Originally available until April 2023." in top and "Illustrative" in top
