"""The import mapping file: every mistake said at its line with what was expected, the
scaffold `--init-mapping` writes read back without a problem, rules matched in order, and
source values the vocabulary lacks reported with a suggestion, never dropped unsaid."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from legacy_archive.core.importing.items import Source, SourceItem
from legacy_archive.core.importing.mapping import Mapping
from legacy_archive.core.importing.mapping_file import read_mapping
from legacy_archive.core.importing.mapping_scaffold import scaffold_mapping
from legacy_archive.core.importing.target import TargetArchive
from legacy_archive.core.importing.target_load import read_target
from legacy_archive.core.importing.terms import map_terms
from legacy_archive.core.importing.wxr import read_wxr
from support.starter import import_target

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> TargetArchive:
    root = tmp_path_factory.mktemp("mapping") / "archive"
    import_target(root)
    data = root / "data" / "archive.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "    - id: general\n      label: General\n",
            "    - id: general\n      label: General\n"
            "    - id: computing\n      label: Digital skills\n"
            "    - id: robotics\n      label: Robotics and electronics\n",
        ),
        encoding="utf-8",
    )
    found, problems = read_target(root / "mkdocs.yml")
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def source() -> Source:
    return read_wxr(FIXTURES / "wordpress-6.xml")


def mapping_of(
    tmp_path: Path, text: str, target: TargetArchive, source: Source
) -> tuple[Mapping | None, list[str]]:
    file = tmp_path / "mapping.yml"
    file.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_mapping(file, target, source)


def test_the_scaffold_lists_the_source_and_reads_back_clean(
    tmp_path: Path, target: TargetArchive, source: Source
) -> None:
    text = scaffold_mapping(source, target)
    assert "# categories:\n#   Digital skills (1)\n#   Événements (1)\n" in text
    assert "#   courses: title, summary, date, subjects" in text
    assert "  - when: {type: event}\n    collection: events" in text, "a similar name is guessed"
    assert "          Digital skills: computing   # 1 item" in text, "a label names its id"
    assert "          Événements: ~   # 1 item; no id like it" in text
    assert "        from: audience\n" in text, "a taxonomy named like a field fills it"
    assert "    media: recording" in text
    (tmp_path / "mapping.yml").write_text(text, encoding="utf-8")
    mapping, problems = read_mapping(tmp_path / "mapping.yml", target, source)
    assert problems == []
    assert mapping is not None and mapping.collections["events"].media == "recording"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            """\
            records:
              - when: {type: post}
                collection: event
            """,
            "mapping.yml:3: records[1].collection: 'event' is not a collection of this archive "
            "(expected one of: courses, events, reports, skip; did you mean 'events'?)",
        ),
        (
            """\
            records:
              - when: {typ: post}
                collection: events
            """,
            "mapping.yml:2: records[1].when.typ: unknown key (expected one of: type, category, "
            "tag, path, field; did you mean 'type'?)",
        ),
        (
            """\
            records:
              - when: {type: post, category: Digital skill}
                collection: events
            """,
            "mapping.yml:2: records[1].when.category: 'Digital skill' is not a category of the "
            "source (expected one of: Digital skills, Événements; did you mean 'Digital skills'?)",
        ),
        (
            """\
            collections:
              events:
                fields:
                  venu: "field:venue"
            """,
            "mapping.yml:4: collections.events.fields.venu: 'venu' is not a field of events "
            "records (expected one of: title, summary, date",
        ),
        (
            """\
            collections:
              events:
                fields:
                  venue: "field:venu"
            """,
            "mapping.yml:4: collections.events.fields.venue: 'venu' is not a field of the source "
            "(expected one of: level, venue; did you mean 'venue'?)",
        ),
        (
            """\
            collections:
              events:
                terms:
                  subjects:
                    from: categories
                    values:
                      Digital skills: computng
            """,
            "mapping.yml:7: collections.events.terms.subjects.values.Digital skills: unknown id "
            "'computng' in subjects (expected one of: general, computing, robotics; did you mean "
            "'computing'?; or add the term to the data file's subjects)",
        ),
        (
            """\
            collections:
              events:
                terms:
                  subjects: {from: categorys}
            """,
            "mapping.yml:4: collections.events.terms.subjects.from: 'categorys' is not a kind of "
            "term of the source (expected one of: categories, tags, audience, field:NAME; did you "
            "mean 'categories'?)",
        ),
        (
            """\
            collections:
              reports:
                media: recording
            """,
            "mapping.yml:3: collections.reports.media: 'recording' is not a video or audio field "
            "of reports records (expected no media field: remove this line)",
        ),
        (
            """\
            source: csv
            """,
            "mapping.yml:1: source: this file maps a 'csv' source (expected 'wordpress'",
        ),
        (
            """\
            records:
              - when: {type: post}
                collection: events
                collection: reports
            """,
            "mapping.yml:4: records[1].collection: given twice (first on line 3",
        ),
        (
            """\
            records:
              - when: {type: post
            """,
            "mapping.yml:2: file: YAML syntax error",
        ),
        (
            """\
            records: &rules
              - when: {type: post}
                collection: events
            again: *rules
            """,
            "mapping.yml:1: file: YAML anchors and aliases (& and *) are not allowed",
        ),
    ],
)
def test_every_mistake_is_said_at_its_line(
    tmp_path: Path, target: TargetArchive, source: Source, text: str, expected: str
) -> None:
    mapping, problems = mapping_of(tmp_path, text, target, source)
    assert mapping is None
    assert any(p.startswith(expected) for p in problems), problems


def test_all_mistakes_are_reported_in_one_run(
    tmp_path: Path, target: TargetArchive, source: Source
) -> None:
    _, problems = mapping_of(
        tmp_path,
        """\
        records:
          - when: {type: post}
            collection: event
        collections:
          courses:
            slug: name
            defaults: {level: deep}
        """,
        target,
        source,
    )
    assert [p.split(": ", 2)[:2] for p in problems] == [
        ["mapping.yml:3", "records[1].collection"],
        ["mapping.yml:7", "collections.courses.defaults.level"],
        ["mapping.yml:6", "collections.courses.slug"],
    ]


def item(**fields: object) -> SourceItem:
    base: dict[str, object] = {
        "key": "wp:1", "kind": "post", "title": "A", "html": "", "origin": "x.xml:1",
    }  # fmt: skip
    base.update(fields)
    return SourceItem(**base)  # type: ignore[arg-type]


def test_the_first_rule_that_fits_wins(
    tmp_path: Path, target: TargetArchive, source: Source
) -> None:
    mapping, problems = mapping_of(
        tmp_path,
        """\
        records:
          - when: {type: post, category: Événements}
            collection: events
          - when: {path: /courses/}
            collection: courses
          - when: {field: {level: Beginners}}
            collection: courses
          - when: {type: post}
            collection: reports
          - when: {type: page}
            collection: skip
        """,
        target,
        source,
    )
    assert mapping is not None, problems
    chosen = {
        "event post": item(categories=("Événements",)),
        "course path": item(url="https://old.example.org/courses/intro/"),
        "beginners": item(fields={"level": "Beginners"}),
        "post": item(),
        "page": item(kind="page"),
        "custom type": item(kind="event"),
    }
    found = {
        name: (rule.collection if (rule := mapping.rule_for(i)) else None)
        for name, i in chosen.items()
    }
    assert found == {
        "event post": "events", "course path": "courses", "beginners": "courses",
        "post": "reports", "page": "skip", "custom type": None,
    }  # fmt: skip


def test_source_values_become_ids_or_are_reported_with_a_suggestion(
    tmp_path: Path, target: TargetArchive, source: Source
) -> None:
    mapping, problems = mapping_of(
        tmp_path,
        """\
        collections:
          reports:
            terms:
              subjects:
                from: categories
                values: {News: ~, Coding: [computing, general]}
        """,
        target,
        source,
    )
    assert mapping is not None, problems
    collection = mapping.collection_map("reports")
    outcome = map_terms(
        item(categories=("Coding", "News", "robotics", "Robotics and electronics", "Robotcs")),
        collection,
        target.registry.vocabularies,
        "mapping.yml",
    )
    assert outcome.values == {"subjects": ["computing", "general", "robotics"]}
    assert outcome.left_out == [("subjects", "News")]
    assert outcome.unknown == [
        (
            "subjects",
            "categories value 'Robotcs' has no id in subjects (expected one of: general, "
            "computing, robotics; did you mean 'robotics'?; map it in mapping.yml under "
            "collections.reports.terms.subjects.values, or ~ to leave it out)",
        )
    ]


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        (("coding-club-week-one", "Coding club"), "coding-club-week-one"),
        (("%C3%A9v%C3%A9nements", "x"), "evenements"),
        (("Événements à Łódź",), "evenements-a-odz"),
        (("%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82", "Привет", "post-12"), "post-12"),
        (("", "", ""), "record"),
    ],
)
def test_slugs_are_ascii_and_fall_back_in_order(choices: tuple[str, ...], expected: str) -> None:
    from urllib.parse import unquote

    from legacy_archive.core.importing.plan import clean_slug

    assert clean_slug(*(unquote(c) for c in choices)) == expected
