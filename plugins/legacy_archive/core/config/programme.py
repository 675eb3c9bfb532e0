"""The programme behind the archive: who ran it, when it ended, and where readers go now.

A legacy site is visited for years by people who do not know the programme ended, so these
facts live in `mkdocs.yml` (under the `archive` plugin's `programme:`) and every page says
them. Dates may be written `2022`, `2022-12` or `2022-12-31`; YAML dates are accepted too.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.weblinks import check_link

DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
KEYS = (
    "name",
    "funder",
    "partners",
    "start",
    "end",
    "closing_note",
    "successors",
    "last_reviewed",
)


@dataclass(frozen=True)
class Successor:
    """Where a reader can go now: a title and, when there is one, a web address."""

    title: str
    url: str = ""
    description: str = ""


@dataclass(frozen=True)
class Programme:
    """Facts every page of the archive repeats, so no visitor mistakes it for a live site."""

    name: str
    start: str
    end: str
    last_reviewed: str
    funder: str = ""
    partners: tuple[str, ...] = ()
    closing_note: str = ""
    successors: tuple[Successor, ...] = field(default_factory=tuple)

    @property
    def start_label(self) -> str:
        return date_label(self.start)

    @property
    def end_label(self) -> str:
        return date_label(self.end)

    @property
    def reviewed_label(self) -> str:
        return date_label(self.last_reviewed)


def option_lines(config_file: Path) -> dict[tuple[str | int, ...], int]:
    """Line of every key under the `archive` plugin's options in mkdocs.yml, for messages.

    Only composes the YAML (never constructs it), so engine tags like `!ENV` are harmless.
    """
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    lines: dict[tuple[str | int, ...], int] = {}

    def walk(current: yaml.Node, path: tuple[str | int, ...]) -> None:
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                lines.setdefault((*path, str(key.value)), key.start_mark.line + 1)
                walk(value, (*path, str(key.value)))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines.setdefault((*path, index), item.start_mark.line + 1)
                walk(item, (*path, index))

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.MappingNode):
                        for name, options in item.value:
                            if name.value == "archive":
                                walk(options, ())
            elif key.value == "plugins" and isinstance(value, yaml.MappingNode):
                for name, options in value.value:
                    if name.value == "archive":
                        walk(options, ())
    return lines


def _date(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and DATE_PATTERN.match(value):
        return value
    return None


def programme_from_options(
    options: dict[str, Any], config_file: Path
) -> tuple[Programme | None, list[str]]:
    """Read and check `programme:`; every problem is `mkdocs.yml:line: field: message`."""
    raw = options.get("programme")
    lines = option_lines(config_file)
    name = config_file.name

    def where(*path: str | int) -> str:
        line = 1
        for end in range(len(path), 0, -1):
            if ("programme", *path[:end]) in lines:
                line = lines[("programme", *path[:end])]
                break
        else:
            line = lines.get(("programme",), 1)
        dotted = ".".join(str(p) for p in ("plugins.archive.programme", *path))
        return f"{name}:{line}: {dotted}"

    if raw is None:
        return None, []
    if not isinstance(raw, dict):
        return None, [f"{where()}: expected a set of fields (name, start, end, last_reviewed)"]
    errors = [
        f"{where(key)}: unknown field (expected one of: {', '.join(KEYS)})"
        for key in raw
        if key not in KEYS
    ]
    texts: dict[str, str] = {}
    for key in ("name", "funder", "closing_note"):
        value = raw.get(key, "")
        if not isinstance(value, str) or (key == "name" and not value.strip()):
            errors.append(f"{where(key)}: expected text (the programme's {key.replace('_', ' ')})")
            value = ""
        texts[key] = value.strip()
    dates: dict[str, str] = {}
    valid = True
    for key in ("start", "end", "last_reviewed"):
        value = _date(raw.get(key))
        if value is None:
            valid = False
            errors.append(
                f"{where(key)}: '{raw.get(key, '')}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            )
            value = "1970"
        dates[key] = value
    if valid and dates["end"] < dates["start"]:
        errors.append(
            f"{where('end')}: ends before it starts (expected an end after {dates['start']})"
        )
    partners = raw.get("partners", [])
    if not isinstance(partners, list) or not all(isinstance(p, str) for p in partners):
        errors.append(f"{where('partners')}: expected a list of organisation names")
        partners = []
    successors: list[Successor] = []
    raw_successors = raw.get("successors", [])
    if not isinstance(raw_successors, list):
        errors.append(f"{where('successors')}: expected a list of {{title, url}}")
        raw_successors = []
    for index, item in enumerate(raw_successors):
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            errors.append(f"{where('successors', index)}: expected a title and optionally a url")
            continue
        url = item.get("url", "")
        why = check_link(url) if isinstance(url, str) else "expected text (a web address)"
        if url and why is not None:
            errors.append(f"{where('successors', index, 'url')}: {why}")
            url = ""
        extra = [k for k in item if k not in ("title", "url", "description")]
        errors += [
            f"{where('successors', index, k)}: unknown field (expected title, url, description)"
            for k in extra
        ]
        successors.append(Successor(item["title"], url, str(item.get("description", ""))))
    programme = Programme(
        name=texts["name"],
        funder=texts["funder"],
        partners=tuple(partners),
        start=dates["start"],
        end=dates["end"],
        closing_note=texts["closing_note"],
        successors=tuple(successors),
        last_reviewed=dates["last_reviewed"],
    )
    return programme, sorted(errors, key=_line_key)


def _line_key(message: str) -> tuple[int, str]:
    parts = message.split(":", 2)
    return (int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0, message)
