"""Every problem with what the collections need, in one run: templates, schemas and the
vocabularies their schemas name, reported alike by `archive check` and the build's check."""

from __future__ import annotations

import subprocess
import sys

from legacy_archive.core.publish.preflight import preflight_problems
from support.project import COURSE, Project
from support.untemplated import add_collections, missing_template


def messages(project: Project) -> list[str]:
    return [str(p) for p in preflight_problems(project.load())]


def test_two_collections_without_templates_are_both_reported(project: Project) -> None:
    toolkits, guides = add_collections(project)
    assert messages(project) == [
        missing_template(toolkits, 5, "toolkits"),
        missing_template(guides, 6, "guides"),
    ]


def test_archive_check_exits_1_with_every_missing_template(project: Project) -> None:
    toolkits, guides = add_collections(project)
    project.write("courses/a.md", COURSE)
    result = subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", "check"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        missing_template(toolkits, 5, "toolkits"),
        missing_template(guides, 6, "guides"),
        "archive check: 2 problems in 1 file (1 valid records read from 1 files).",
    ]
    assert "Traceback" not in result.stderr


def test_every_kind_of_problem_at_once(project: Project) -> None:
    _, guides = add_collections(project)
    project.write(
        "templates/toolkits.md.j2",
        '{% extends "_record.md.j2" %}\n{% block facts %}\n{{ m.fact("x", show("y") }}\n{% endblock %}\n',
    )
    project.write("templates/guides.md.j2", b'{% extends "_record.md.j2" %}\n{# caf\xe9 #}\n')
    project.write("templates/partials/card.md.j2", "{{ title }}\n{% if x %}\n")
    project.write("templates/partials/list.md.j2", '{% import "_macro.md.j2" as m %}\n')
    (project.root / "schemas/guides.schema.json").unlink()
    schema = project.root / "schemas/interviews.schema.json"
    text = schema.read_text(encoding="utf-8")
    line = text[: text.index('"x-vocabulary": "sectors"')].count("\n") + 1
    schema.write_text(
        text.replace('"x-vocabulary": "sectors"', '"x-vocabulary": "sector"'), encoding="utf-8"
    )
    data = project.root / "data/archive.yml"
    data.write_text(
        data.read_text(encoding="utf-8").split("\norganisations:")[0] + "\n", encoding="utf-8"
    )
    org_lines = {
        name: next(
            number
            for number, text in enumerate(
                (project.root / f"schemas/{name}.schema.json").read_text("utf-8").splitlines(), 1
            )
            if "x-organisation" in text
        )
        for name in ("briefs", "record")
    }
    assert messages(project) == [
        f"mkdocs.yml:{guides}: plugins.archive.collections[6].schema: schemas/guides.schema.json not found (expected a JSON Schema for the collection 'guides' in schemas/; copy one there and adapt it)",
        f"schemas/briefs.schema.json:{org_lines['briefs']}: properties.partner.x-organisation: the field takes organisation ids but data/archive.yml has no organisations list (expected 'organisations:' in data/archive.yml, or no x-organisation here)",
        f"schemas/interviews.schema.json:{line}: properties.sector.x-vocabulary: vocabulary 'sector' is not in data/archive.yml (expected one of the vocabularies it defines: audiences, formats, key_stages, levels, licences, pathways, sectors, subjects; did you mean 'sectors'?)",
        f"schemas/record.schema.json:{org_lines['record']}: properties.partners.items.x-organisation: the field takes organisation ids but data/archive.yml has no organisations list (expected 'organisations:' in data/archive.yml, or no x-organisation here)",
        "templates/guides.md.j2:2: template: byte 0xe9 is not valid UTF-8 (expected a file saved as UTF-8)",
        "templates/partials/card.md.j2:2: template: Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. (expected valid Jinja syntax)",
        "templates/partials/list.md.j2:1: template: imports '_macro.md.j2', which is not found (expected a template in templates/ or one the archive ships; did you mean '_macros.md.j2'?)",
        "templates/toolkits.md.j2:3: template: unexpected '}', expected ')' (expected valid Jinja syntax)",
    ]


def test_a_vocabulary_missing_from_the_data_file_is_one_problem_not_one_per_record(
    project: Project,
) -> None:
    schema = project.root / "schemas/courses.schema.json"
    text = schema.read_text(encoding="utf-8")
    assert '"x-vocabulary": "levels"' in text
    schema.write_text(
        text.replace('"x-vocabulary": "levels"', '"x-vocabulary": "level"'), encoding="utf-8"
    )
    project.write("courses/a.md", COURSE)
    project.write("courses/b.md", COURSE.replace("Audio", "Video"))
    found = messages(project)
    assert len(found) == 1 and "vocabulary 'level' is not in data/archive.yml" in found[0], found


def test_the_demo_has_none_of_these_problems(project: Project) -> None:
    project.write("courses/a.md", COURSE)
    assert messages(project) == []
