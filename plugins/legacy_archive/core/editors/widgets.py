"""Schema fields as form widgets: kind, required flag, help text, allowed values, patterns.

The rules a form enforces are the ones `archive check` applies, worded as its messages
are, so a record saved from the forms passes the checks of any pull request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.fields import FieldSpec, allowed_values, field_help

DATE_REGEX = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
LONG_TEXT = ("summary", "transcript", "quote")


def choices(values: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": f"{label} ({value})", "value": value} for value, label in values]


def _sentence(text: str) -> str:
    """A hint as editors read it: a capital first letter and a full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!)" else text + "."


def js_pattern(pattern: str) -> str:
    """A schema's regular expression as JavaScript reads it.

    Schemas may start with Python's `(?i)` (ignore case), which JavaScript does not know:
    each letter outside escapes and brackets becomes a bracket of both cases (`[pP]`).
    Letters inside a bracket stay as written (the schemas' brackets hold none)."""
    if not pattern.startswith("(?i)"):
        return pattern
    out: list[str] = []
    body, i, in_class = pattern[4:], 0, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            out.append(body[i : i + 2])
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char.isascii() and char.isalpha() and not in_class:
            char = f"[{char.lower()}{char.upper()}]"
        out.append(char)
        i += 1
    return "".join(out)


def _text_rules(spec: FieldSpec) -> dict[str, Any]:
    """Length and pattern of a text field, with the message `archive check` would give."""
    out: dict[str, Any] = {}
    if spec.min_length > 1:
        out["minlength"] = spec.min_length
    if spec.max_length:
        out["maxlength"] = spec.max_length
    if spec.date:
        out["pattern"] = [DATE_REGEX, "Write a date like 2021-06-30, 2021-06 or 2021."]
    elif spec.link:
        out["pattern"] = ["^(https?://|mailto:)", "Write a web address starting with https://"]
    elif spec.pattern:
        expected = spec.expected or "text in the expected format"
        out["pattern"] = [js_pattern(spec.pattern), _sentence(f"Expected {expected}")]
    return out


def widget(
    spec: FieldSpec, registry: Registry, record_options: list[dict[str, str]]
) -> dict[str, Any]:
    """One field as a CMS widget: its kind, required flag, help text and allowed values.

    `record_options` is the one list of every record that each record field shares: the
    YAML then holds it once, under an anchor, instead of once per collection."""
    out: dict[str, Any] = {"label": spec.label, "name": spec.name}
    item = spec.item
    values = allowed_values(spec, registry)
    options = (
        record_options if (spec.record or spec.each.record) and record_options else choices(values)
    )
    if not options and item is not None:
        options = choices(allowed_values(item, registry))
    if options:
        out |= {"widget": "select", "options": options}
        if spec.kind == "list":
            out["multiple"] = True
            if spec.min_items:
                out["min"] = spec.min_items
    elif spec.kind == "boolean":
        out |= {"widget": "boolean", "default": False}
    elif spec.kind in ("integer", "number"):
        out |= {"widget": "number", "value_type": "int" if spec.kind == "integer" else "float"}
        out |= {k: v for k, v in (("min", spec.minimum), ("max", spec.maximum)) if v is not None}
    elif spec.kind == "object":
        out |= {
            "widget": "object",
            "collapsed": not spec.required,
            "fields": [widget(sub, registry, record_options) for sub in spec.fields],
        }
    elif spec.kind == "list" and item is not None and item.kind == "object":
        out |= {
            "widget": "list",
            "fields": [widget(sub, registry, record_options) for sub in item.fields],
        }
    elif spec.kind == "list":
        one = widget(item, registry, record_options) if item is not None else {"widget": "string"}
        one |= {"label": spec.label, "name": spec.name}
        out |= {"widget": "list", "field": one}
        if spec.min_items:
            out["min"] = spec.min_items
    else:
        long = spec.name in LONG_TEXT or spec.max_length > 150 or spec.min_length >= 20
        out["widget"] = "text" if long else "string"
        out |= _text_rules(spec)
    out["required"] = spec.required
    # A select shows its allowed values itself; the hint only says what goes there.
    hint = _select_hint(spec) if options else field_help(spec, registry, with_required=False)
    if spec.alternatives and not spec.required:
        others = " or ".join(f"'{_label(n)}'" for n in spec.alternatives)
        hint = hint.rstrip(".") + f". Required unless {others} is filled in"
    out["hint"] = _sentence(hint)
    return out


_ID_LIST = re.compile(r"^[\w -]+ ids? from the [\w -]+ (vocabulary|list)[;,.]?\s*", re.IGNORECASE)
"""A description that only says where the ids come from (`subject ids from the subjects
vocabulary`): the form shows the list itself, with labels."""
_FORMAT = re.compile(r"[<`{[]")
"""A description that spells out a YAML format (`<collection>/<slug>`), which a form spares."""


def _select_hint(spec: FieldSpec) -> str:
    """What to do with a list of choices, in plain words, then whatever the schema's
    description adds beyond where the ids come from."""
    hint = "Choose one or more." if spec.kind == "list" else "Choose one."
    rest = _ID_LIST.sub("", spec.description.strip())
    if rest and not _FORMAT.search(rest):
        hint += " " + _sentence(rest)
    return hint


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()
