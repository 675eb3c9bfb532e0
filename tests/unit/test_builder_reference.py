"""The builders' reference in the README says what the engine reads, all of it.

It is generated from the engine's dataclasses and tables; these tests check the README is
up to date, that every option the settings readers accept is in it (an option read from a
raw key but never declared would be missed by the generator), and that the names it lists
for page templates are exactly those a record page's template is given.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

import builder_reference
from legacy_archive.core.config import facets, programme
from legacy_archive.core.config.settings import COLLECTION_KEYS, settings_from_options
from legacy_archive.core.emit.environment import PageTemplates
from legacy_archive.core.emit.pages import RECORD_TEMPLATE_NAMES, PageEmitter
from legacy_archive.core.validate.schema.keywords import DESCRIBED
from legacy_archive.core.validate.schema.schema_org import FIELD_OPTIONS, TOP_OPTIONS
from legacy_archive.mkdocs_plugins.records.settings import CORE_OPTIONS
from support.checks import run_check
from support.paths import REPO
from support.project import COURSE, Project


def section(title: str) -> str:
    text = builder_reference.reference()
    start = text.index(f"#### {title}")
    end = text.find("\n#### ", start + 1)
    return text[start : end if end != -1 else len(text)]


def listed(title: str) -> set[str]:
    """The first column of every row in the section's tables (`name` of "| `name` | ...")."""
    return set(re.findall(r"^\| `([^`]+)`", section(title), flags=re.M))


def test_the_readme_holds_the_current_reference() -> None:
    result = run_check("builder_reference.py")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("title", "accepted"),
    [
        (
            "`plugins: - archive:` options",
            {*CORE_OPTIONS, "enabled", "staging", "render_workers", "report_to"},
        ),
        ("A collection", set(COLLECTION_KEYS)),
        ("`facets:` entries", set(facets.KEYS)),
        ("Schema keywords", {*DESCRIBED, *FIELD_OPTIONS, *TOP_OPTIONS}),
    ],
)
def test_every_option_the_engine_reads_is_in_the_reference(title: str, accepted: set[str]) -> None:
    assert accepted <= listed(title)


def test_every_programme_fact_is_in_the_reference() -> None:
    assert set(programme.KEYS) <= listed("`programme:`")


def test_the_examples_are_read_without_a_problem() -> None:
    examples = re.findall(r"```yaml\n(.*?)```", builder_reference.reference(), flags=re.S)
    options: dict[str, Any] = {}
    for example in examples:
        options |= yaml.safe_load(example)
    assert set(options) == {"collections", "facets"}
    _, errors = settings_from_options(REPO, options)
    assert errors == []


def test_a_record_template_is_given_exactly_the_names_the_reference_lists(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[set[str]] = []
    render = PageTemplates.render

    def spy(self: PageTemplates, name: str, page: str, **context: Any) -> str:
        if name.endswith(".md.j2") and not name.startswith("_"):
            given.append(set(context))
        return render(self, name, page, **context)

    monkeypatch.setattr(PageTemplates, "render", spy)
    project.write("courses/a.md", COURSE)
    loaded = project.load()
    (record,) = loaded.archive.collections["courses"].records
    PageEmitter(loaded.archive).record_page(record)
    assert given == [set(RECORD_TEMPLATE_NAMES)]
    assert set(RECORD_TEMPLATE_NAMES) <= listed("What a page template may use")


def test_every_macro_and_block_is_listed() -> None:
    text = (builder_reference._templates() / "_macros.md.j2").read_text(encoding="utf-8")
    macros = set(re.findall(r"\{% macro (\w+)\(", text))
    assert macros and macros == {
        name.split("(")[0] for name in listed("What a page template may use") if "(" in name
    }
    assert builder_reference._blocks() == ["usable", "details", "facts"]
