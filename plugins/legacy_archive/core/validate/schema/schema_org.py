"""The schema.org mapping a schema declares, read into typed values for the JSON-LD emitter.

A collection's type is the `x-schema-org` string at its schema's top (`PodcastEpisode`);
a field says which property it fills with its own `x-schema-org` (`"episodeNumber"`, or an
object for more: a wrapping type, a list, a default); properties no single field fills
(a constant, a choice between cases, a nested object) sit in `x-schema-org-properties` at
the top. So a new kind of record gets rich JSON-LD without a line of Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from legacy_archive.core.common.problems import did_you_mean

PROGRAMME = "@programme"
"""A source standing for the programme, as a schema.org `Organization`."""
PROPERTY_NAME = re.compile(r"^[a-z][A-Za-z0-9]*$")
TYPE_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
FIELD_OPTIONS = ("property", "type", "key", "list", "default", "format")
TOP_OPTIONS = ("from", "value", "cases", "properties", "type", "key", "list", "default", "format")


@dataclass(frozen=True)
class SchemaOrgProperty:
    """How one schema.org property is filled. Constants are kept as JSON text, so the
    declaration stays hashable like the `FieldSpec` that holds it."""

    property: str
    """The schema.org property it fills (`episodeNumber`)."""
    sources: tuple[str, ...] = ()
    """Fields (or `@programme`) whose values fill it, in order."""
    value: str = ""
    """A constant, as JSON text; "" when it comes from fields."""
    cases: tuple[tuple[tuple[str, ...], str], ...] = ()
    """(fields that must all be set, value as JSON text): the first that holds wins."""
    properties: tuple[SchemaOrgProperty, ...] = ()
    """A nested object's properties (its `@type` is `type`)."""
    type: str = ""
    """A schema.org type each value is wrapped in (`{"@type": type, key: value}`)."""
    key: str = "name"
    """The key each wrapped value goes under (`contentUrl` for a `MediaObject`)."""
    as_list: bool = False
    """Always a list, even from a single value."""
    default: str = ""
    """JSON text, or `@programme`, used when no source has a value."""
    format: str = ""
    """How an object value becomes text, naming its fields: `{from}-{to}`."""


Errors = list[tuple[tuple[str, ...], str]]
"""(where below the keyword, what is wrong) pairs, for the schema checker to place."""


def _names(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def read_property(
    raw: Any,
    name: str,
    options: tuple[str, ...],
    fields: Iterable[str] | None,
    where: tuple[str, ...] = (),
) -> tuple[SchemaOrgProperty | None, Errors]:
    """One declaration. `name` is the property (a top-level entry's key) or "" for a field's
    own, whose `property` option names it; `fields`, when known, are the fields a `from`
    or a case may name."""
    shorthand = isinstance(raw, str)
    if isinstance(raw, str):
        raw = {"property": raw} if not name else {"from": raw}
    if not isinstance(raw, dict):
        expected = "a property name or an object" if not name else "a field name or an object"
        return None, [(where, f"got {raw!r} (expected {expected})")]
    errors: Errors = [
        (
            (*where, str(key)),
            f"unknown option (expected one of: {', '.join(options)}{did_you_mean(str(key), options)})",
        )
        for key in raw
        if key not in options
    ]
    prop = name or raw.get("property")
    if not isinstance(prop, str) or not PROPERTY_NAME.match(prop):
        errors.append(
            (
                where if shorthand else (*where, "property"),
                f"'{prop}' is not a schema.org property (expected a name like 'episodeNumber')",
            )
        )
        prop = ""
    known = set(fields) if fields is not None else None

    def field_names(value: Any, at: tuple[str, ...]) -> tuple[str, ...]:
        found = _names(value)
        if found is None:
            errors.append((at, f"got {value!r} (expected a field name or a list of field names)"))
            return ()
        for source in found:
            if known is not None and source != PROGRAMME and source not in known:
                hint = did_you_mean(source, sorted(known))
                errors.append(
                    (
                        at,
                        f"no field '{source}' (expected a field of the collection or '{PROGRAMME}'{hint})",
                    )
                )
        return found

    sources = (
        field_names(raw["from"], where if shorthand else (*where, "from")) if "from" in raw else ()
    )
    cases: list[tuple[tuple[str, ...], str]] = []
    for index, case in enumerate(
        raw.get("cases", []) if isinstance(raw.get("cases", []), list) else [None]
    ):
        at = (*where, "cases", str(index))
        if not isinstance(case, dict) or set(case) != {"when", "value"}:
            errors.append((at, f"got {case!r} (expected {{when: [fields], value: ...}})"))
            continue
        cases.append((field_names(case["when"], (*at, "when")), _json(case["value"])))
    nested: list[SchemaOrgProperty] = []
    raw_nested = raw.get("properties", {})
    if not isinstance(raw_nested, dict):
        errors.append(
            (
                (*where, "properties"),
                f"got {raw_nested!r} (expected properties mapped to declarations)",
            )
        )
        raw_nested = {}
    for key, sub in raw_nested.items():
        found, more = read_property(
            sub, str(key), TOP_OPTIONS, fields, (*where, "properties", str(key))
        )
        errors += more
        if found is not None:
            nested.append(found)
    given = [k for k in ("from", "value", "cases", "properties") if k in raw]
    if name and len(given) != 1:
        has = " and ".join(f"'{k}'" for k in given) if given else "none of them"
        errors.append(
            (
                where,
                f"has {has} (expected exactly one of 'from', 'value', 'cases' or 'properties')",
            )
        )
    kind = raw.get("type", "")
    if not isinstance(kind, str) or (kind and not TYPE_NAME.match(kind)):
        errors.append(
            ((*where, "type"), f"'{kind}' is not a schema.org type (expected a name like 'Person')")
        )
        kind = ""
    if "properties" in raw and not kind:
        errors.append(
            (
                (*where, "type"),
                "a nested object needs its type (expected a name like 'CourseInstance')",
            )
        )
    key = raw.get("key", "name")
    if not isinstance(key, str) or not PROPERTY_NAME.match(key):
        errors.append(
            (
                (*where, "key"),
                f"'{key}' is not a schema.org property (expected a name like 'contentUrl')",
            )
        )
        key = "name"
    as_list = raw.get("list", False)
    if not isinstance(as_list, bool):
        errors.append(((*where, "list"), f"got {as_list!r} (expected true or false)"))
        as_list = False
    text = raw.get("format", "")
    if not isinstance(text, str):
        errors.append(
            (
                (*where, "format"),
                f"got {text!r} (expected text naming fields, like '{{from}}-{{to}}')",
            )
        )
        text = ""
    default = raw.get("default")
    declared = SchemaOrgProperty(
        property=prop,
        sources=sources,
        value=_json(raw["value"]) if "value" in raw else "",
        cases=tuple(cases),
        properties=tuple(nested),
        type=kind,
        key=key,
        as_list=as_list,
        default="" if default is None else PROGRAMME if default == PROGRAMME else _json(default),
        format=text,
    )
    return (None if errors else declared), errors


def read_field_property(raw: Any) -> SchemaOrgProperty | None:
    """A field's own `x-schema-org`, or None when it has none (or it is wrong: the schema
    check reports that)."""
    if raw is None:
        return None
    return read_property(raw, "", FIELD_OPTIONS, None)[0]


def read_top_properties(
    raw: Any, fields: Iterable[str] | None
) -> tuple[tuple[SchemaOrgProperty, ...], Errors]:
    """`x-schema-org-properties` at a schema's top: property names mapped to declarations."""
    if raw is None:
        return (), []
    if not isinstance(raw, dict):
        return (), [((), f"got {raw!r} (expected schema.org properties mapped to declarations)")]
    known = list(fields) if fields is not None else None
    out: list[SchemaOrgProperty] = []
    errors: Errors = []
    for name, sub in raw.items():
        found, more = read_property(sub, str(name), TOP_OPTIONS, known, (str(name),))
        errors += more
        if found is not None:
            out.append(found)
    return tuple(out), errors
