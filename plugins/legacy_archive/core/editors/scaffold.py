"""Fresh records for `archive new`: every field of a collection, each with a one-line comment.

Required fields get empty placeholders that `archive check` rejects with a precise message
until they are filled in; optional fields are written commented out, ready to uncomment.
"""

from __future__ import annotations

import json
from pathlib import Path

from legacy_archive.core.load.records import slugify
from legacy_archive.core.load.vocabulary import Registry
from legacy_archive.core.validate.schema.fields import CollectionFields, FieldSpec, field_help

BODY = (
    "Write the record's text here, in Markdown: a paragraph saying what it is, then sections\n"
    "starting with '## ' headings. Delete this paragraph when you are done.\n"
)


def unique_slug(title: str, folder: Path) -> str:
    """A slug from the title that no record of the collection uses yet (`-2`, `-3`, ...)."""
    base = slugify(title)
    slug, number = base, 2
    while (folder / f"{slug}.md").exists() or (folder / slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _placeholder(spec: FieldSpec) -> str:
    return {"list": "[]", "boolean": "false", "object": "", "integer": "", "number": ""}.get(
        spec.kind, '""'
    )


def _field_lines(
    spec: FieldSpec,
    registry: Registry,
    indent: str,
    commented: bool,
    value: str | None = None,
    lead: str | None = None,
) -> list[str]:
    """The YAML lines of one field and, for objects and lists of objects, its sub-fields."""
    prefix = "# " if commented else ""
    head = f"{prefix}{indent if lead is None else lead}{spec.name}:"
    help_text = field_help(spec, registry)
    nested = spec.fields or (spec.item.fields if spec.item is not None else ())
    if not nested:
        shown = value if value is not None else _placeholder(spec)
        return [f"{head} {shown}  # {help_text}" if shown else f"{head}  # {help_text}"]
    lines = [f"{head}  # {help_text}"]
    for index, sub in enumerate(nested):
        if spec.kind == "list":
            child, child_lead = indent + "    ", indent + ("  - " if index == 0 else "    ")
        else:
            child, child_lead = indent + "  ", indent + "  "
        lines += _field_lines(sub, registry, child, commented, lead=child_lead)
    return lines


def record_text(fields: CollectionFields, registry: Registry, title: str) -> str:
    """The text of a new record: front matter with every field commented, then a body."""
    lines = [
        "---",
        f"# A new {fields.title.lower()} record. Fill in every empty value, then run `archive check`.",
        "# Lines starting with '#' are optional fields: delete the '# ' to use one.",
    ]
    taken: set[str] = set()
    for spec in fields.fields:
        active = spec.required or (
            bool(spec.alternatives)
            and not (set(spec.alternatives) & taken)
            and spec.kind != "object"
        )
        if active:
            taken.add(spec.name)
        value = json.dumps(title, ensure_ascii=False) if spec.name == "title" else None
        lines += _field_lines(spec, registry, "", not active, value)
    lines += ["---", "", BODY]
    return "\n".join(lines)
