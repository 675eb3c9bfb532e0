"""What of a record a teacher can still take away: the files the archive itself holds.

A record whose only resource was on the programme's site (now gone) is "record only"; one
whose schema fields name files beside it (`x-attachment`: a PDF, slides, a video file) has
materials that survive with the archive. Cards, the Find page and record pages all say
which, so the rule lives here once, read from the schemas and not from field names.
"""

from __future__ import annotations

from typing import Any

from legacy_archive.core.load.records import Record
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews

MATERIALS_FILTER = "materials"
"""The search filter and Find-page key that holds `MATERIALS` or `RECORD_ONLY`."""
MATERIALS = "included"
RECORD_ONLY = "record-only"


def material_files(record: Record, fields: FieldViews, schema: str) -> list[str]:
    """Every file beside the record that one of its `x-attachment` fields names, in order."""
    found: list[str] = []
    for spec in fields.in_order(schema):
        _collect(spec, record.fields.get(spec.name), found)
    return list(dict.fromkeys(found))


def has_materials(record: Record, fields: FieldViews, schema: str) -> bool:
    """True when the archive holds at least one file of the record's own."""
    return bool(material_files(record, fields, schema))


def _collect(spec: FieldSpec, value: Any, found: list[str]) -> None:
    if value is None:
        return
    if spec.attachment and isinstance(value, str) and value:
        found.append(value)
    elif isinstance(value, list) and spec.item is not None:
        for item in value:
            _collect(spec.item, item, found)
    elif isinstance(value, dict):
        for nested in spec.fields:
            _collect(nested, value.get(nested.name), found)
