"""Facets as an archive declares them: the `facets:` list under the `archive` plugin.

A facet is a record property readers filter by on the Find page; it may also have browse
pages and count towards related resources. Declared here rather than in Python, an archive
with a `sector` facet or `strands/` browse pages builds with no code of its own.

This module checks the option's shape only. Whether the fields exist, and what their values
are (vocabulary ids, organisation ids, text), depends on the collections' schemas, which are
not loaded yet when settings are read: `model/facet_fields.py` checks that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from legacy_archive.core.common.problems import did_you_mean
from legacy_archive.core.config.option_lines import ConfigError, Key

KEYS = ("key", "field", "label", "browse", "related_weight")
BUILT_IN = {"collection": "the record's collection", "year": "the year of the record's date"}
"""Facets that read no field of their own: what each one is, for messages."""
RESERVED_KEYS = ("q", "sort")
"""The Find page's own URL parameters (the query and the sort order)."""
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""A key goes into URLs, HTML ids and Pagefind's `key:value` filters: no spaces, no colons."""
FIELD_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
BROWSE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FacetSpec:
    """One facet as written in `mkdocs.yml`, before the schemas say what its values are."""

    key: str
    """Filter name in Find page URLs and the search index (`subject`)."""
    fields: tuple[str, ...]
    """Record fields it reads, in order (`[partners, partner]`), or `collection` or `year`."""
    label: str = ""
    """Heading of its checkbox group; empty: the vocabulary's label or the field's name."""
    browse: str = ""
    """First URL segment of its browse pages (`subjects` for /subjects/); empty for none."""
    related_weight: float = 0.0
    """How much a shared value counts towards related resources; 0 leaves it out."""
    position: int = -1
    """Its index in `facets:`, for messages; -1 for a default facet nobody wrote."""

    @property
    def built_in(self) -> str:
        """`collection` or `year` when the facet is one of those, else empty."""
        return self.fields[0] if self.fields and self.fields[0] in BUILT_IN else ""

    def where(self, option: str) -> Key:
        """The option's place in the plugin's options, for a message about it."""
        return ("facets", self.position, option)


def read_facets(
    raw: object, collections: Sequence[str] = ()
) -> tuple[tuple[FacetSpec, ...] | None, list[ConfigError]]:
    """Read `facets:`; None when it is not written (the defaults apply), with every error.

    `collections` are the collections' names: their addresses are not free for browse pages.
    """
    if raw is None:
        return None, []
    if not isinstance(raw, list):
        return None, [
            (("facets",), "expected a list of facets, like '- {key: subject, field: subjects}'")
        ]
    specs: list[FacetSpec] = []
    errors: list[ConfigError] = []
    keys: dict[str, int] = {}
    paths: dict[str, str] = {}
    for position, entry in enumerate(raw):
        spec, found = _facet(position, entry)
        errors += found
        if spec is None:
            continue
        if spec.key in keys:
            errors.append(
                (
                    spec.where("key"),
                    f"duplicate key '{spec.key}' (expected each facet once; "
                    f"facets[{keys[spec.key] + 1}] has it already)",
                )
            )
            continue
        keys[spec.key] = position
        if spec.browse in collections:
            errors.append(
                (
                    spec.where("browse"),
                    f"'{spec.browse}' is the address of the {spec.browse} collection "
                    "(expected a path no collection uses, like 'subjects')",
                )
            )
            spec = replace(spec, browse="")
        elif spec.browse in paths:
            errors.append(
                (
                    spec.where("browse"),
                    f"'{spec.browse}' is already the browse path of facet '{paths[spec.browse]}' "
                    "(expected each browse path once)",
                )
            )
            spec = replace(spec, browse="")
        if spec.browse:
            paths[spec.browse] = spec.key
        specs.append(spec)
    return tuple(specs), errors


def _facet(position: int, raw: object) -> tuple[FacetSpec | None, list[ConfigError]]:
    where: Key = ("facets", position)
    if not isinstance(raw, dict):
        return None, [
            (where, "expected a facet with 'key' and 'field', like {key: subject, field: subjects}")
        ]
    errors: list[ConfigError] = [
        (
            (*where, str(name)),
            f"unknown option (expected one of: {', '.join(KEYS)}{did_you_mean(str(name), KEYS)})",
        )
        for name in raw
        if name not in KEYS
    ]
    fields, found = _fields(raw.get("field"))
    errors += [((*where, "field"), message) for message in found]
    key = raw.get("key", fields[0] if fields else None)
    key_problem = _key_problem(key) if "key" in raw or fields else ""
    if key_problem:
        errors.append(((*where, "key"), key_problem))
    label = raw.get("label", "")
    if not isinstance(label, str) or ("label" in raw and not label.strip()):
        errors.append(((*where, "label"), f"got {_got(label)} (expected text, like 'Subject')"))
        label = ""
    browse = raw.get("browse", "")
    if not isinstance(browse, str) or ("browse" in raw and not BROWSE_PATTERN.match(browse)):
        errors.append(
            (
                (*where, "browse"),
                f"{_got(browse)} is not a browse path (expected lowercase words joined by "
                "hyphens, like 'subjects' for pages at /subjects/)",
            )
        )
        browse = ""
    weight = raw.get("related_weight", 0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not _weight_ok(weight):
        errors.append(
            (
                (*where, "related_weight"),
                f"got {_got(weight)} (expected a number, 0 or more, like 3; "
                "0 leaves the facet out of related resources)",
            )
        )
        weight = 0
    if not fields or key_problem:
        return None, errors
    assert isinstance(key, str)
    return FacetSpec(key, fields, label.strip(), browse, float(weight), position), errors


def _fields(raw: object) -> tuple[tuple[str, ...], list[str]]:
    """The field names of `field:` (one name or a list) and what is wrong with them."""
    example = "(expected a record field, like 'subjects', or several, like [partners, partner])"
    if raw is None:
        return (), [f"missing {example}"]
    listed: list[object] = raw if isinstance(raw, list) else [raw]
    names = [name for name in listed if isinstance(name, str)]
    if not names or len(names) != len(listed):
        return (), [f"got {_got(raw)} {example}"]
    bad = [name for name in names if not FIELD_PATTERN.match(name)]
    if bad:
        return (), [f"'{bad[0]}' is not a field name {example}"]
    if len(set(names)) != len(names):
        return (), [f"names a field twice {example}"]
    built_in = next((name for name in names if name in BUILT_IN), None)
    if built_in is not None and len(names) > 1:
        return (), [
            f"'{built_in}' is built in ({BUILT_IN[built_in]}) and reads no other field "
            f"(expected '{built_in}' alone)"
        ]
    return tuple(names), []


def _key_problem(key: object) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        return (
            f"{_got(key)} is not a valid key (expected lowercase letters, digits and '_', "
            "starting with a letter, like 'key_stage')"
        )
    if key in RESERVED_KEYS:
        return (
            f"'{key}' is one of the Find page's own parameters (expected a key other than "
            f"{' and '.join(repr(k) for k in RESERVED_KEYS)})"
        )
    return ""


def _weight_ok(weight: float) -> bool:
    return math.isfinite(weight) and weight >= 0


def _got(value: object) -> str:
    """A value for a message: text quoted, anything else by its type."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return "nothing" if value is None else type(value).__name__
