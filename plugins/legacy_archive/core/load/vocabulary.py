"""Controlled vocabularies and the organisations registry, read from one data file.

Records refer to terms and organisations by id, so a label can be corrected in one place
and every page, filter and export follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.common.textfile import read_text
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.common.yamlpos import YamlError, parse

TERM_KEYS = ("id", "label", "description", "url")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    """One allowed value of a vocabulary."""

    id: str
    label: str
    description: str = ""
    url: str = ""
    """A web page about the term (a licence's legal text), checked like every link."""


@dataclass
class Vocabulary:
    """A named list of allowed values (subjects, audiences, formats, ...)."""

    name: str
    label: str
    terms: dict[str, Term] = field(default_factory=dict)

    def label_of(self, term_id: str) -> str:
        term = self.terms.get(term_id)
        return term.label if term else term_id


@dataclass(frozen=True)
class Organisation:
    """A partner, funder or provider that records credit by id."""

    id: str
    name: str
    url: str = ""
    logo: str = ""
    description: str = ""


@dataclass
class Registry:
    """Everything the data file defines."""

    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    lists_organisations: bool = False
    """Whether the data file has an `organisations` section (an empty one is deliberate)."""

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocabularies.get(name) or Vocabulary(name, name)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def load_registry(path: str, file: Path, root: Path) -> tuple[Registry, list[Problem]]:
    """Read vocabularies and organisations, reporting every problem with its line."""
    registry = Registry()
    text, problems = read_text(path, file)
    if text is None:
        return registry, problems
    try:
        doc = parse(text)
    except YamlError as error:
        return registry, [Problem(path, error.line, "file", error.message)]
    if not isinstance(doc.data, dict):
        return registry, [
            Problem(path, 1, "file", "expected a mapping with 'vocabularies' and 'organisations'")
        ]
    for key in doc.data:
        if key not in ("vocabularies", "organisations"):
            problems.append(
                Problem(
                    path,
                    doc.line_of((key,)),
                    str(key),
                    "unknown section (expected 'vocabularies' or 'organisations')",
                )
            )

    vocabularies = doc.data.get("vocabularies") or {}
    if not isinstance(vocabularies, dict):
        problems.append(
            Problem(
                path,
                doc.line_of(("vocabularies",)),
                "vocabularies",
                "expected a mapping of vocabulary names to their terms",
            )
        )
        vocabularies = {}
    for name, spec in vocabularies.items():
        where = ("vocabularies", name)
        if not isinstance(spec, dict) or not isinstance(spec.get("terms"), list):
            problems.append(
                Problem(
                    path,
                    doc.line_of(where),
                    f"vocabularies.{name}",
                    "expected 'label' and a list of 'terms'",
                )
            )
            continue
        vocab = Vocabulary(str(name), _text(spec.get("label")) or str(name))
        for index, entry in enumerate(spec["terms"]):
            line = doc.line_of((*where, "terms", index))
            field_name = f"vocabularies.{name}.terms[{index + 1}]"
            if not isinstance(entry, dict):
                problems.append(Problem(path, line, field_name, "expected 'id' and 'label'"))
                continue
            term_id, label = _text(entry.get("id")), _text(entry.get("label"))
            if not ID_PATTERN.match(term_id):
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{field_name}.id",
                        f"'{term_id}' is not a valid id (expected lowercase words joined by hyphens, like 'further-education')",
                    )
                )
                continue
            if not label:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{field_name}.label",
                        "label is missing (expected the text shown to readers)",
                    )
                )
            if term_id in vocab.terms:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{field_name}.id",
                        f"duplicate id '{term_id}' (expected each id once per vocabulary)",
                    )
                )
                continue
            url = _text(entry.get("url"))
            if url and (why := check_link(url)) is not None:
                problems.append(Problem(path, line, f"{field_name}.url", why))
                url = ""
            for key in entry:
                if key not in TERM_KEYS:
                    problems.append(
                        Problem(
                            path,
                            line,
                            f"{field_name}.{key}",
                            f"unknown field (expected {', '.join(TERM_KEYS)})",
                        )
                    )
            vocab.terms[term_id] = Term(
                term_id, label or term_id, _text(entry.get("description")), url
            )
        registry.vocabularies[vocab.name] = vocab

    registry.lists_organisations = "organisations" in doc.data
    organisations = doc.data.get("organisations") or []
    if not isinstance(organisations, list):
        problems.append(
            Problem(
                path,
                doc.line_of(("organisations",)),
                "organisations",
                "expected a list of organisations",
            )
        )
        organisations = []
    for index, entry in enumerate(organisations):
        line = doc.line_of(("organisations", index))
        field_name = f"organisations[{index + 1}]"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    path, line, field_name, "expected 'id', 'name' and optionally 'url' and 'logo'"
                )
            )
            continue
        org_id, name, url, logo = (_text(entry.get(k)) for k in ("id", "name", "url", "logo"))
        for key in entry:
            if key not in ("id", "name", "url", "logo", "description"):
                problems.append(
                    Problem(
                        path,
                        doc.line_of(("organisations", index, key)),
                        f"{field_name}.{key}",
                        "unknown field (expected id, name, url, logo or description)",
                    )
                )
        if not ID_PATTERN.match(org_id):
            problems.append(
                Problem(
                    path,
                    line,
                    f"{field_name}.id",
                    f"'{org_id}' is not a valid id (expected lowercase words joined by hyphens, like 'queen-mary')",
                )
            )
            continue
        if not name:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{field_name}.name",
                    "name is missing (expected the organisation's name)",
                )
            )
        if url and (why := check_link(url)) is not None:
            problems.append(
                Problem(
                    path, doc.line_of(("organisations", index, "url")), f"{field_name}.url", why
                )
            )
            url = ""
        if logo:
            logo_file = (root / logo).resolve()
            if not logo_file.is_relative_to(root.resolve()) or not logo_file.is_file():
                problems.append(
                    Problem(
                        path,
                        doc.line_of(("organisations", index, "logo")),
                        f"{field_name}.logo",
                        f"file '{logo}' does not exist (expected a path inside the repository)",
                    )
                )
                logo = ""
        if org_id in registry.organisations:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{field_name}.id",
                    f"duplicate id '{org_id}' (expected each organisation once)",
                )
            )
            continue
        registry.organisations[org_id] = Organisation(
            org_id, name or org_id, url, logo, _text(entry.get("description"))
        )
    return registry, problems
