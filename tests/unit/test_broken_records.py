"""A table of broken records and the exact message each must produce.

Editors read these messages on their pull requests; each names the file, the line of the
offending key, the field, what is wrong and what was expected.
"""

from __future__ import annotations

import pytest

from support.project import COURSE, Project

INTERVIEW = COURSE.replace(
    "format: online\nlevel: short", "role: Sound designer\nsector: games\npathway: university"
)


def course(**replace: str) -> str:
    text = COURSE
    for old, new in replace.items():
        assert old.replace("_", " ") in text or old in text
        text = text.replace(old, new)
    return text


def with_fields(extra: str, base: str = COURSE) -> str:
    return base.replace("level: short", "level: short\n" + extra.strip("\n"))


CASES: list[tuple[str, str, str | bytes, list[str]]] = [
    (
        "misspelt field",
        "courses/a.md",
        COURSE.replace("summary:", "sumary:"),
        [
            "courses/a.md:3: sumary: unknown field (expected one of: audiences, available_until, date, "
            "downloads, draft, duration, feedback, format, illustrative, image, image_alt, legacy_urls, "
            "level, licence, modules, outcomes, partners, related, subjects, summary, title, withdrawn; did you mean 'summary'?)"
        ],
    ),
    (
        "unknown vocabulary value",
        "courses/a.md",
        COURSE.replace("[secondary]", "[secondry]"),
        [
            "courses/a.md:6: audiences: unknown value 'secondry' (expected one of: primary, secondary, "
            "further-education, it-professionals, school-leaders, youth-workers; did you mean 'secondary'?)"
        ],
    ),
    (
        "impossible date",
        "courses/a.md",
        COURSE.replace('"2021-03"', '"2021-02-30"'),
        ["courses/a.md:4: date: '2021-02-30' has no day 30 (expected a day from 01 to 28)"],
    ),
    (
        "not a date",
        "courses/a.md",
        COURSE.replace('"2021-03"', "March 2021"),
        [
            "courses/a.md:4: date: 'March 2021' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, like 2021-06-30)"
        ],
    ),
    (
        "YAML syntax error",
        "courses/a.md",
        COURSE.replace("level: short", "level: [short"),
        [
            "courses/a.md:8: front matter: YAML syntax error: while parsing a flow sequence, did not find expected ',' "
            "or ']' (expected valid YAML; check indentation, colons and quotes)"
        ],
    ),
    (
        "empty file",
        "courses/a.md",
        "",
        [
            "courses/a.md:1: file: file is empty (expected YAML front matter between '---' lines, then the Markdown body)"
        ],
    ),
    (
        "binary file",
        "courses/a.md",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        [
            "courses/a.md:1: file: file is binary, not text (expected a Markdown file with YAML front matter)"
        ],
    ),
    (
        "front matter is a list",
        "courses/a.md",
        "---\n- a\n- b\n---\nbody\n",
        ["courses/a.md:2: front matter: front matter is a list (expected 'field: value' lines)"],
    ),
    (
        "front matter is text",
        "courses/a.md",
        "---\njust words\n---\n",
        [
            "courses/a.md:2: front matter: front matter is a single piece of text (expected 'field: value' lines)"
        ],
    ),
    (
        "not UTF-8",
        "courses/a.md",
        "---\ntitle: café\n---\n".encode("latin-1"),
        ["courses/a.md:2: file: byte 0xe9 is not valid UTF-8 (expected a file saved as UTF-8)"],
    ),
    (
        "5 MB record",
        "courses/a.md",
        COURSE + "word " * 1_000_000,
        [
            "courses/a.md:1: file: record is 5.0 MB (expected at most 1 MB of text; put long material in an attachment)"
        ],
    ),
    (
        "YAML alias bomb",
        "courses/a.md",
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n",
        [
            "courses/a.md:2: front matter: YAML anchors and aliases (& and *) are not allowed (expected plain values; write the value out in full)"
        ],
    ),
    (
        "deep nesting",
        "courses/a.md",
        "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        ["courses/a.md:2: front matter: nested more than 32 levels deep (expected a flat record)"],
    ),
    (
        "python tag",
        "courses/a.md",
        "---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n",
        [
            "courses/a.md:2: front matter: YAML syntax error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system' (expected valid YAML; check indentation, colons and quotes)"
        ],
    ),
    (
        "no front matter",
        "courses/a.md",
        "# Just Markdown\n",
        [
            "courses/a.md:1: front matter: no front matter (expected the file to start with a '---' line, the fields, then '---')"
        ],
    ),
    (
        "unclosed front matter",
        "courses/a.md",
        "---\ntitle: x\n",
        [
            "courses/a.md:1: front matter: front matter is not closed (expected a second '---' line after the fields)"
        ],
    ),
    (
        "front matter after a blank line",
        "courses/a.md",
        b"\n" + COURSE.encode(),
        [
            "courses/a.md:1: front matter: front matter does not start on line 1 (expected '---' as the very first line; remove what is above it)"
        ],
    ),
    (
        "duplicate key",
        "courses/a.md",
        with_fields("level: in-depth"),
        ["courses/a.md:9: level: field is given twice (expected it once; first given on line 8)"],
    ),
    (
        "number for text",
        "courses/a.md",
        COURSE.replace("title: Audio Editing and Podcasting", "title: 2021"),
        ["courses/a.md:2: title: got a number (expected text; put the value in quotes)"],
    ),
    (
        "text for a list",
        "courses/a.md",
        COURSE.replace("[audio]", "audio"),
        ["courses/a.md:5: subjects: got text (expected a list; write it as a list: [audio])"],
    ),
    (
        "missing required fields",
        "courses/a.md",
        "---\ntitle: Only a title\n---\n",
        [
            "courses/a.md:1: audiences: required field is missing (expected audience ids from the audiences vocabulary)",
            "courses/a.md:1: date: required field is missing (expected when it was published or held, as YYYY-MM-DD, YYYY-MM or YYYY)",
            "courses/a.md:1: format: required field is missing (expected how it is delivered: online, in-person or blended)",
            "courses/a.md:1: level: required field is missing (expected short or in-depth)",
            "courses/a.md:1: subjects: required field is missing (expected subject ids from the subjects vocabulary)",
            "courses/a.md:1: summary: required field is missing (expected one or two sentences saying what it is and who it is for, shown on cards and in search results)",
        ],
    ),
    (
        "summary too short",
        "courses/a.md",
        COURSE.replace(
            "A short online course on recording and editing audio for podcasts.", "Podcasts."
        ),
        ["courses/a.md:3: summary: is 9 characters long (expected at least 20)"],
    ),
    (
        "reference to a missing record",
        "courses/a.md",
        with_fields("related: [courses/audio-editing]"),
        [
            "courses/a.md:9: related: no record 'courses/audio-editing' (expected '<collection>/<slug>' of an existing record)"
        ],
    ),
    (
        "reference to itself",
        "courses/a.md",
        with_fields("related: [courses/a]"),
        [
            "courses/a.md:9: related: 'courses/a' refers to this record itself (expected another record)"
        ],
    ),
    (
        "unknown organisation",
        "courses/a.md",
        with_fields("partners: [gardian]"),
        [
            "courses/a.md:9: partners: unknown organisation 'gardian' (expected an id from the organisations list in the data file; did you mean 'guardian'?)"
        ],
    ),
    (
        "javascript: download link",
        "courses/a.md",
        with_fields("downloads:\n  - title: Slides\n    url: javascript:alert(1)"),
        [
            "courses/a.md:11: downloads[1].url: link scheme 'javascript:' is not allowed (expected an https:// or http:// address)"
        ],
    ),
    (
        "javascript: hidden with whitespace",
        "courses/a.md",
        with_fields('downloads:\n  - title: Slides\n    url: " jav\\tascript:alert(1)"'),
        [
            "courses/a.md:11: downloads[1].url: link scheme 'javascript:' is not allowed (expected an https:// or http:// address)"
        ],
    ),
    (
        "attachment on a single-file record",
        "courses/a.md",
        with_fields("downloads:\n  - title: Slides\n    file: slides.pdf"),
        [
            "courses/a.md:11: downloads[1].file: 'slides.pdf' cannot be attached to a single-file record (expected the record as courses/a/index.md with 'slides.pdf' beside it)"
        ],
    ),
    (
        "attachment escaping the record folder",
        "courses/a/index.md",
        with_fields("downloads:\n  - title: Config\n    file: ../../mkdocs.yml"),
        [
            "courses/a/index.md:11: downloads[1].file: '../../mkdocs.yml' leaves the record's folder (expected a file inside courses/a/)"
        ],
    ),
    (
        "absolute attachment path",
        "courses/a/index.md",
        with_fields("downloads:\n  - title: Passwords\n    file: /etc/passwd"),
        [
            "courses/a/index.md:11: downloads[1].file: '/etc/passwd' is not a path inside the record's folder (expected a file name like 'handout.pdf')"
        ],
    ),
    (
        "missing attachment",
        "courses/a/index.md",
        with_fields("downloads:\n  - title: Slides\n    file: slides.pdf"),
        [
            "courses/a/index.md:11: downloads[1].file: file 'slides.pdf' does not exist (expected it in courses/a/)"
        ],
    ),
    (
        "download by web address is fine",
        "courses/a.md",
        with_fields("downloads:\n  - title: Slides\n    url: https://example.org/slides"),
        [],
    ),
    (
        "image without alt text",
        "courses/a.md",
        with_fields("image: photo.png"),
        [
            "courses/a.md:9: image: 'photo.png' cannot be attached to a single-file record (expected the record as courses/a/index.md with 'photo.png' beside it)",
            "courses/a.md:9: image_alt: required when 'image' is given (expected alt text describing the image for people who cannot see it)",
        ],
    ),
    (
        "unsafe body",
        "courses/a.md",
        COURSE
        + '\n![](photo.png)\n[click](javascript:alert(1))\n<script>alert(1)</script>\n<a href="#" onclick="x()">x</a>\n',
        [
            "courses/a.md:13: body: image 'photo.png' has no alt text (expected ![description of the image](photo.png))",
            "courses/a.md:14: body: link scheme 'javascript:' is not allowed (expected an https:// or http:// address)",
            "courses/a.md:15: body: <script> is not allowed in a record (expected Markdown text, links and images)",
            "courses/a.md:16: body: <a onclick=...> event handlers are not allowed (expected plain HTML without scripts)",
        ],
    ),
    (
        "video without transcript",
        "interviews/a.md",
        INTERVIEW.replace(
            "pathway: university", "pathway: university\nvideo:\n  url: https://example.org/v"
        ),
        [
            "interviews/a.md:10: video.transcript: required field is missing (expected the full transcript, so the content survives without the video and is accessible)"
        ],
    ),
    (
        "bad slug",
        "courses/Audio_Course.md",
        COURSE,
        [
            "courses/Audio_Course.md:1: slug: 'Audio_Course' is not a valid slug: it becomes the page address (expected lowercase words joined by hyphens; did you mean 'audio-course'?)"
        ],
    ),
    (
        "brief for nobody",
        "briefs/a.md",
        COURSE.replace("format: online\nlevel: short", "time_needed: one lesson"),
        [
            "briefs/a.md:1: key_stages: required field is missing (expected 'key_stages' like [ks3, ks4], or 'ages' like {from: 11, to: 14}, saying who the brief is for)"
        ],
    ),
    (
        "misspelt nested field",
        "courses/a.md",
        with_fields("modules:\n  - title: One\n    sumary: x"),
        [
            "courses/a.md:11: modules[1].sumary: unknown field (expected one of: summary, title; did you mean 'summary'?)"
        ],
    ),
    (
        "stray file in a collection",
        "courses/notes.txt",
        "hello",
        [
            "courses/notes.txt:1: file: not a record (expected '<slug>.md', or a '<slug>/' folder with index.md and its attachments)"
        ],
    ),
    (
        "legacy URL leaving the site",
        "courses/a.md",
        with_fields("legacy_urls: [/courses/../../etc]"),
        [
            "courses/a.md:9: legacy_urls: '/courses/../../etc' is not allowed here (expected a path on the old site starting with '/', like /old/page.html)"
        ],
    ),
]


@pytest.mark.parametrize(
    ("path", "text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_record_message(
    project: Project, path: str, text: str | bytes, expected: list[str]
) -> None:
    project.write(path, text)
    assert project.messages() == expected


def test_every_problem_reported_in_one_run_sorted(project: Project) -> None:
    project.write("courses/b.md", COURSE.replace("[audio]", "[audoi]"))
    project.write("courses/a.md", COURSE.replace("summary:", "sumary:"))
    project.write("briefs/c.md", "")
    messages = project.messages()
    assert [m.split(":")[0] for m in messages] == ["briefs/c.md", "courses/a.md", "courses/b.md"]


def test_duplicate_slug(project: Project) -> None:
    project.write("courses/a.md", COURSE)
    project.write("courses/a/index.md", COURSE)
    assert project.messages() == [
        "courses/a.md:1: slug: duplicate slug 'a': courses/a/index.md has it too (expected one record per slug; rename or merge one of them)"
    ]


def test_reference_to_a_draft(project: Project) -> None:
    project.write("courses/a.md", with_fields("related: [courses/b]"))
    project.write("courses/b.md", with_fields("draft: true"))
    assert project.messages() == [
        "courses/a.md:9: related: 'courses/b' is a draft and will not be published (expected a published record)"
    ]


def test_valid_records_survive_their_neighbours_mistakes(project: Project) -> None:
    project.write("courses/good.md", COURSE)
    project.write("courses/bad.md", COURSE.replace("level: short", "level: shrt"))
    result = project.load()
    assert [r.slug for r in result.archive.collections["courses"].records] == ["good"]
    assert len(result.problems) == 1


def test_folder_record_with_attachments_is_valid(project: Project) -> None:
    project.write(
        "courses/a/index.md",
        with_fields(
            "image: photo.png\nimage_alt: Two teachers editing audio\ndownloads:\n  - title: Slides\n    file: slides.pdf"
        ),
    )
    project.write("courses/a/photo.png", b"\x89PNG\r\n\x1a\n")
    project.write("courses/a/slides.pdf", b"%PDF-1.4\n")
    assert project.messages() == []


def test_broken_template_is_one_clear_line_and_the_base_page_stands_in(project: Project) -> None:
    """The check names the line; a build that goes on renders the records with the base page."""
    from legacy_archive.core.emit.pages import PageEmitter
    from legacy_archive.core.emit.template_check import template_problems

    project.write("courses/a.md", COURSE)
    project.write(
        "templates/courses.md.j2",
        '{% extends "_record.md.j2" %}\n{% block facts %}\n{{ m.fact("Format", show("format") }}\n{% endblock %}\n',
    )
    archive = project.load().archive
    assert [str(problem) for problem in template_problems(archive.settings)] == [
        "templates/courses.md.j2:3: template: unexpected '}', expected ')' (expected valid Jinja syntax)"
    ]
    pages = {page.src_uri: page for page in PageEmitter(archive).pages()}
    record = next(page for path, page in pages.items() if path.startswith("courses/a"))
    assert 'class="archive-record"' in record.content


def test_second_markdown_file_in_a_record_folder(project: Project) -> None:
    project.write("courses/a/index.md", COURSE)
    project.write("courses/a/notes.md", "# Notes\n")
    assert project.messages() == [
        "courses/a/notes.md:1: file: a record folder holds one Markdown file, index.md "
        "(expected attachments such as PDFs and images; merge this text into courses/a/index.md)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - {id: primary, label: Primary teachers}",
            "      - {id: Primary Teachers, label: Primary teachers}",
            "data/archive.yml:{line}: vocabularies.audiences.terms[1].id: 'Primary Teachers' is not a valid id (expected lowercase words joined by hyphens, like 'further-education')",
        ),
        (
            "      - {id: secondary, label: Secondary teachers}",
            "      - {id: primary, label: Secondary teachers}",
            "data/archive.yml:{line}: vocabularies.audiences.terms[2].id: duplicate id 'primary' (expected each id once per vocabulary)",
        ),
        (
            "    url: https://www.theguardian.com/",
            "    url: javascript:alert(1)",
            "data/archive.yml:{line}: organisations[3].url: link scheme 'javascript:' is not allowed (expected an https:// or http:// address)",
        ),
        (
            "    url: https://www.ucl.ac.uk/",
            "    logo: ../../etc/passwd",
            "data/archive.yml:{line}: organisations[4].logo: file '../../etc/passwd' does not exist (expected a path inside the repository)",
        ),
    ],
)
def test_vocabulary_file_problems(project: Project, old: str, new: str, expected: str) -> None:
    data = project.root / "data" / "archive.yml"
    text = data.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    data.write_text(text.replace(old, new), encoding="utf-8")
    assert expected.format(line=line) in project.messages()
