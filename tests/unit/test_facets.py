"""Facets declared in mkdocs.yml: every option error with its line, the checks against the
schemas, browse paths that clash with other pages, and the defaults without `facets:`."""

from __future__ import annotations

import pytest

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.config.option_lines import option_lines
from legacy_archive.core.config.settings import settings_from_options
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.namespace import site_problems
from support.paths import FIXTURES, LEARNING
from support.project import Project

FIRST = "{key: subject, field: subjects, browse: subjects}"
"""The first facet of every case; the second is the one under test, on line 8."""


def config(*facets: str) -> str:
    listed = "".join(f"        - {facet}\n" for facet in facets)
    return (
        "site_name: x\nplugins:\n  - archive:\n      collections:\n"
        f"        - {{name: courses}}\n      facets:\n{listed}"
    )


def option_errors(text: str) -> list[str]:
    import yaml

    options = yaml.safe_load(text)["plugins"][0]["archive"]
    _, errors = settings_from_options(LEARNING, options)
    return [str(p) for p in option_lines("mkdocs.yml", text).problems(errors)]


EXPECTED_FIELD = "(expected a record field, like 'subjects', or several, like [partners, partner])"


@pytest.mark.parametrize(
    ("facet", "expected"),
    [
        (
            "{key: subject, field: audiences}",
            "facets[2].key: duplicate key 'subject' (expected each facet once; facets[1] has it already)",
        ),
        (
            "{key: Sub, field: audiences}",
            "facets[2].key: 'Sub' is not a valid key (expected lowercase letters, digits and '_', starting with a letter, like 'key_stage')",
        ),
        (
            "{key: q, field: audiences}",
            "facets[2].key: 'q' is one of the Find page's own parameters (expected a key other than 'q' and 'sort')",
        ),
        ("{key: audience}", f"facets[2].field: missing {EXPECTED_FIELD}"),
        ("{key: audience, field: 3}", f"facets[2].field: got 3 {EXPECTED_FIELD}"),
        ("{key: audience, field: []}", f"facets[2].field: got list {EXPECTED_FIELD}"),
        (
            "{key: audience, field: 'audience s'}",
            f"facets[2].field: 'audience s' is not a field name {EXPECTED_FIELD}",
        ),
        (
            "{key: when, field: [year, date]}",
            "facets[2].field: 'year' is built in (the year of the record's date) and reads no other field (expected 'year' alone)",
        ),
        (
            "{field: audiences, lable: Audience}",
            "facets[2].lable: unknown option (expected one of: key, field, label, browse, related_weight; did you mean 'label'?)",
        ),
        (
            "{field: audiences, label: ''}",
            "facets[2].label: got '' (expected text, like 'Subject')",
        ),
        (
            "{field: audiences, browse: Sub/Jects}",
            "facets[2].browse: 'Sub/Jects' is not a browse path (expected lowercase words joined by hyphens, like 'subjects' for pages at /subjects/)",
        ),
        (
            "{field: audiences, browse: courses}",
            "facets[2].browse: 'courses' is the address of the courses collection (expected a path no collection uses, like 'subjects')",
        ),
        (
            "{field: audiences, browse: subjects}",
            "facets[2].browse: 'subjects' is already the browse path of facet 'subject' (expected each browse path once)",
        ),
        (
            "{field: audiences, related_weight: -1}",
            "facets[2].related_weight: got -1 (expected a number, 0 or more, like 3; 0 leaves the facet out of related resources)",
        ),
        (
            "{field: audiences, related_weight: heavy}",
            "facets[2].related_weight: got 'heavy' (expected a number, 0 or more, like 3; 0 leaves the facet out of related resources)",
        ),
        (
            "audiences",
            "facets[2]: expected a facet with 'key' and 'field', like {key: subject, field: subjects}",
        ),
    ],
)
def test_option_errors_name_their_line(facet: str, expected: str) -> None:
    assert option_errors(config(FIRST, facet)) == [f"mkdocs.yml:8: plugins.archive.{expected}"]


def test_facets_must_be_a_list() -> None:
    text = "site_name: x\nplugins:\n  - archive:\n      collections: [{name: courses}]\n"
    assert option_errors(text + "      facets: subjects\n") == [
        "mkdocs.yml:5: plugins.archive.facets: expected a list of facets, like '- {key: subject, field: subjects}'"
    ]


def test_every_option_error_is_reported_in_one_run() -> None:
    errors = option_errors(config("{key: Q}", "{field: 2}", "{field: x, browse: courses}"))
    assert [e.split(": ")[1] for e in errors] == [
        "plugins.archive.facets[1].field",
        "plugins.archive.facets[1].key",
        "plugins.archive.facets[2].field",
        "plugins.archive.facets[3].browse",
    ]


def use_facets(project: Project, *facets: str) -> str:
    """Replace the demo's facets with these; returns the new mkdocs.yml text."""
    config_file = project.root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    start = text.index("      facets:\n")
    end = text.index("  - archive-promises")
    listed = "".join(f"        - {facet}\n" for facet in facets)
    text = text[:start] + (f"      facets:\n{listed}" if facets else "") + text[end:]
    config_file.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, facet: str) -> int:
    return text.splitlines().index(f"        - {facet}") + 1


SCHEMA_CASES = [
    (
        "{key: sector, field: sectr}",
        "field: no collection has a field 'sectr' (expected one of: ages, audiences, available_until, collection, date, downloads, draft, duration, end_date, feedback, format, illustrative, ... (43 in all); did you mean 'sector'?)",
    ),
    (
        "{key: mixed, field: [format, partner]}",
        "field: its fields hold different kinds of values: 'formats' ids (format in courses); organisation ids (partner in briefs) (expected ids of one vocabulary, organisation ids or text in every field of a facet)",
    ),
    (
        "{key: modules, field: modules}",
        "field: 'modules' holds fields of its own in courses, not values (expected a field of ids or short text, like 'subjects')",
    ),
    (
        "{key: role, field: role, browse: roles}",
        "browse: 'role' holds text as written, which cannot make page addresses (expected browse pages only for a facet of vocabulary or organisation ids, 'collection' or 'year')",
    ),
    (
        "{key: topic, field: subjects, browse: topics}",
        "browse: its field already links to the browse pages of facet 'subject' (expected each field in one facet with browse pages)",
    ),
]


@pytest.mark.parametrize(("facet", "expected"), SCHEMA_CASES)
def test_facets_are_checked_against_the_schemas(
    project: Project, facet: str, expected: str
) -> None:
    text = use_facets(project, FIRST, facet)
    where = f"mkdocs.yml:{line_of(text, facet)}: plugins.archive.facets[2]."
    assert project.messages() == [where + expected]


def test_schema_problems_of_every_facet_come_together(project: Project) -> None:
    text = use_facets(project, FIRST, *(facet for facet, _ in SCHEMA_CASES[:4]))
    messages = project.messages()
    assert [m.split(": ")[0] for m in messages] == [
        f"mkdocs.yml:{line_of(text, facet)}" for facet, _ in SCHEMA_CASES[:4]
    ]


@pytest.mark.parametrize(
    ("browse", "expected"),
    [
        (
            "about",
            "'/about/index.html' is already the page content/about.md (expected an address no other page or file of this site uses)",
        ),
        (
            "find",
            "'/find/index.html' is already the Find page (expected an address no other page or file of this site uses)",
        ),
        (
            "pagefind",
            "'/pagefind/index.html' is inside the folder of the search index (archive-search) (expected a browse path of its own, like 'subjects')",
        ),
    ],
)
def test_browse_paths_that_another_page_has_are_refused(
    project: Project, browse: str, expected: str
) -> None:
    facet = f"{{key: sector, field: sector, browse: {browse}}}"
    text = use_facets(project, facet)
    project.write(
        "interviews/a.md",
        """
        ---
        title: A sound designer
        summary: An interview with a sound designer about getting into games.
        date: "2021-03"
        subjects: [audio]
        audiences: [secondary]
        role: Sound designer
        sector: games
        pathway: university
        ---

        Body.
        """,
    )
    loaded = project.load()
    assert loaded.problems == []
    where = f"mkdocs.yml:{line_of(text, facet)}: plugins.archive.facets[1].browse: "
    assert [str(p) for p in site_problems(loaded.archive)] == [where + expected]


def test_without_facets_every_vocabulary_and_the_organisations_are_facets(
    project: Project,
) -> None:
    use_facets(project)
    archive = project.load().archive
    described = [
        (f.key, f.label, f.kind, f.fields, f.vocabulary, f.browse, f.related_weight)
        for f in archive.facets
    ]
    assert described == [
        ("collection", "Type", "collection", (), "", "", 0.0),
        ("subjects", "Subjects", "vocabulary", ("subjects",), "subjects", "", 1.0),
        ("audiences", "Audiences", "vocabulary", ("audiences",), "audiences", "", 1.0),
        ("format", "Formats", "vocabulary", ("format",), "formats", "", 1.0),
        ("level", "Levels", "vocabulary", ("level",), "levels", "", 1.0),
        ("organisation", "Organisations", "organisation", ("partners", "partner"), "", "", 1.0),
        ("key_stages", "Key stages", "vocabulary", ("key_stages",), "key_stages", "", 1.0),
        ("sector", "Sectors", "vocabulary", ("sector",), "sectors", "", 1.0),
        ("pathway", "Pathways into the industry", "vocabulary", ("pathway",), "pathways", "", 1.0),
        ("year", "Year", "year", (), "", "", 0.0),
    ]


def test_a_vocabulary_without_a_label_gives_the_field_name(project: Project) -> None:
    use_facets(project, "{field: sector}", "{field: pathway, label: Route in}")
    data = project.root / "data" / "archive.yml"
    text = data.read_text(encoding="utf-8").replace("    label: Sectors\n", "")
    data.write_text(text, encoding="utf-8")
    archive = project.load().archive
    assert [(f.key, f.label) for f in archive.facets] == [
        ("sector", "Sector"),
        ("pathway", "Route in"),
    ]


def test_organisation_fields_come_from_the_schema_not_the_name() -> None:
    settings, errors = read_settings(FIXTURES / "greenskills" / "mkdocs.yml")
    assert settings is not None and not errors
    loaded = load_archive(settings)
    assert loaded.problems == []
    archive = loaded.archive
    assert archive.collections["projects"].organisation_fields == ("lead", "funders")
    assert archive.collections["toolkits"].organisation_fields == ("funders",)
    assert [(f.key, f.kind, f.browse) for f in archive.facets] == [
        ("collection", "collection", ""),
        ("sector", "vocabulary", ""),
        ("strand", "vocabulary", "strands"),
        ("funder", "organisation", "funders"),
        ("year", "year", "years"),
    ]
