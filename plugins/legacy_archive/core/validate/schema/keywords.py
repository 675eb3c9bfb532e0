"""The project's own JSON Schema keywords, for what JSON Schema cannot know on its own.

- `x-vocabulary`: an id from a named vocabulary of the data file;
- `x-organisation`: an id from the data file's organisations list;
- `x-record`: a reference to another published record, `<collection>/<slug>`;
- `x-attachment`: a file beside the record, in its own folder;
- `x-link`: a web address (`https://` or `mailto:`);
- `x-date`: a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD);
- `x-expected`: the "expected" part of a message, when the `description` will not do;
- `x-schema-org`: at a schema's top, the schema.org type of a collection's records
  (`PodcastEpisode`); on a field, the property it fills (`episodeNumber`, see `schema_org`);
- `x-schema-org-properties`: at a schema's top, properties no single field fills.

Only this package reads them; everything else reads a field's `FieldSpec`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, ValidationError

from legacy_archive.core.common.problems import did_you_mean, one_of
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.load.vocabulary import Registry

VOCABULARY = "x-vocabulary"
ORGANISATION = "x-organisation"
RECORD = "x-record"
ATTACHMENT = "x-attachment"
LINK = "x-link"
DATE = "x-date"
EXPECTED = "x-expected"
SCHEMA_ORG = "x-schema-org"
SCHEMA_ORG_PROPERTIES = "x-schema-org-properties"
DESCRIBED = {
    VOCABULARY: "the value is an id from the named vocabulary of the data file",
    ORGANISATION: "the value is an id from the data file's organisations list",
    RECORD: "the value is a reference to another published record, `<collection>/<slug>`",
    ATTACHMENT: "the value is a file beside the record, in its own folder",
    LINK: "the value is a web address (`https://` or `mailto:`)",
    DATE: "the value is a partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD",
    EXPECTED: 'the "expected" part of the field\'s messages, when its `description` will not do',
    SCHEMA_ORG: "at a schema's top, the schema.org type of its records; on a field, the "
    "property the field fills (a name, or an object, see below)",
    SCHEMA_ORG_PROPERTIES: "at a schema's top, schema.org properties no single field fills",
}
"""Every keyword a schema may write, with what it means (for the builders' reference)."""
BASE = "x-base"
"""Not written in schemas: where `SchemaSet.merged` notes the file a subschema came from."""

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str) -> str | None:
    """Return why `value` is not a YYYY, YYYY-MM or YYYY-MM-DD date, or None if it is."""
    match = DATE_PATTERN.match(value)
    if not match:
        return f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, like 2021-06-30)"
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        return f"'{value}' has no month {month} (expected a month from 01 to 12)"
    if day is not None and month is not None and year is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"'{value}' has no day {day} (expected a day from 01 to {last:02d})"
    return None


def check_attachment(value: str, folder: Path | None, collection: str, slug: str) -> str | None:
    """Return why `value` is not an existing file inside the record's own folder."""
    if folder is None:
        return (
            f"'{value}' cannot be attached to a single-file record (expected the record as "
            f"{collection}/{slug}/index.md with '{value}' beside it)"
        )
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or "\\" in value:
        return f"'{value}' is not a path inside the record's folder (expected a file name like 'handout.pdf')"
    target = (folder / value).resolve()
    if _through_link(folder, value):
        return f"'{value}' is a symbolic link (expected a real file in {collection}/{slug}/: links are never published)"
    if not target.is_relative_to(folder.resolve()):
        return f"'{value}' leaves the record's folder (expected a file inside {collection}/{slug}/)"
    if not target.is_file():
        return f"file '{value}' does not exist (expected it in {collection}/{slug}/)"
    return None


def _through_link(folder: Path, value: str) -> bool:
    """Whether any part of `folder/value` below `folder` is a symbolic link."""
    current = folder
    for part in Path(value).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


REFERENCE = re.compile(r"^([^/]*)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


def check_reference(value: str, collections: tuple[str, ...]) -> str | None:
    """Return why `value` is not `<collection>/<slug>` with one of `collections`, or None.

    Whether such a record exists is the keyword's next question; this one is about the form,
    so the did-you-mean names a collection, never a record of another form."""
    if not collections:
        return None
    match = REFERENCE.match(value)
    example = f"'{collections[0]}/<slug>'"
    if match is None:
        return (
            f"'{value}' is not a record reference (expected '<collection>/<slug>' in lowercase "
            f"words joined by hyphens, like {example})"
        )
    name = match.group(1)
    if name not in collections:
        return (
            f"'{value}' names no collection '{name}' (expected {one_of(list(collections))}"
            f"{did_you_mean(name, list(collections))})"
        )
    return None


@dataclass
class CheckContext:
    """What the `x-` keywords need to know; `record` is set before each record is checked."""

    registry: Registry
    refs: dict[str, bool] = field(default_factory=dict)
    """Every record reference (`courses/intro`) mapped to whether it is a draft."""
    collections: tuple[str, ...] = ()
    """The archive's collection names: what a reference's first part may be."""
    record_ref: str = ""
    folder: Path | None = None


def validator_class(context: CheckContext) -> type[Any]:
    """Draft 2020-12 plus our `x-` keywords, bound to this run's context."""

    def vocabulary(_v: Any, name: str, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if not isinstance(instance, str) or name not in context.registry.vocabularies:
            return  # a vocabulary the data file lacks is reported once, at the schema's line
        vocab = context.registry.vocabulary(name)
        if instance not in vocab.terms:
            ids = list(vocab.terms)
            yield ValidationError(
                f"unknown value '{instance}' (expected {one_of(ids)}{did_you_mean(instance, ids)})"
            )

    def organisation(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and instance not in context.registry.organisations:
            ids = list(context.registry.organisations)
            yield ValidationError(
                f"unknown organisation '{instance}' (expected an id from the organisations list in the data file"
                f"{did_you_mean(instance, ids)})"
            )

    def record(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if not enabled or not isinstance(instance, str):
            return
        if (why := check_reference(instance, context.collections)) is not None:
            yield ValidationError(why)
        elif instance == context.record_ref:
            yield ValidationError(
                f"'{instance}' refers to this record itself (expected another record)"
            )
        elif instance not in context.refs:
            hint = did_you_mean(instance, [r for r in context.refs if r != context.record_ref])
            yield ValidationError(
                f"no record '{instance}' (expected '<collection>/<slug>' of an existing record{hint})"
            )
        elif context.refs[instance]:
            yield ValidationError(
                f"'{instance}' is a draft and will not be published (expected a published record)"
            )

    def attachment(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str):
            collection, _, slug = context.record_ref.partition("/")
            if (why := check_attachment(instance, context.folder, collection, slug)) is not None:
                yield ValidationError(why)

    def link(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and (why := check_link(instance)) is not None:
            yield ValidationError(why)

    def date(_v: Any, enabled: bool, instance: Any, _s: Any) -> Iterator[ValidationError]:
        if enabled and isinstance(instance, str) and (why := check_date(instance)) is not None:
            yield ValidationError(why)

    validator_class: type[Any] = jsonschema.validators.extend(
        Draft202012Validator,
        {
            VOCABULARY: vocabulary,
            ORGANISATION: organisation,
            RECORD: record,
            ATTACHMENT: attachment,
            LINK: link,
            DATE: date,
        },
    )
    return validator_class
