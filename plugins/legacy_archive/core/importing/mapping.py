"""The mapping file: which old items become records of which collection, and how their
categories, tags and fields become record fields and vocabulary ids.

It is YAML an editor reads and changes, so every key is plain English and every mistake is
reported as `mapping.yml:line: key: what is wrong (what was expected)`, all at once, before
anything is written. `--init-mapping` writes a first version (see `scaffold.py`) listing
what the source holds and what the archive accepts.

    records:                      # which items go where; the first rule that fits wins
      - when: {type: post, category: Events}
        collection: events
      - when: {type: page}
        collection: skip          # skip: never imported, listed in the report
    collections:
      events:
        fields: {title: title, summary: summary, date: date, venue: "field:venue"}
        terms:
          subjects: {from: categories, values: {Digital skills: computing, News: ~}}
        defaults: {audiences: [educators]}
        media: recording
        slug: slug
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from legacy_archive.core.importing.items import SourceItem

SKIP = "skip"
TOP_KEYS = ("source", "records", "collections")
WHEN_KEYS = ("type", "category", "tag", "path", "field")
COLLECTION_KEYS = ("fields", "terms", "defaults", "media", "slug", "body")
TERM_KEYS = ("from", "values")
ATTRIBUTES = ("title", "summary", "excerpt", "date", "modified", "author", "slug", "url")
"""What a record field can be filled from, besides `field:NAME` (a custom field or column)."""
TERM_SOURCES = ("categories", "tags")
"""Besides a taxonomy's name (`audience`) and `field:NAME` (values split at commas)."""
SLUG_RULES = ("slug", "title")


@dataclass
class Rule:
    """One entry of `records`: items it fits, and the collection they go to (or `skip`)."""

    collection: str
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0

    def fits(self, item: SourceItem) -> bool:
        if self.types and item.kind not in self.types:
            return False
        if self.categories and not set(self.categories) & set(item.categories):
            return False
        if self.tags and not set(self.tags) & set(item.tags):
            return False
        if self.paths:
            path = urlsplit(item.url).path or "/"
            if not any(path.startswith(prefix) for prefix in self.paths):
                return False
        return all(item.fields.get(name, "") in values for name, values in self.fields.items())


@dataclass
class TermMap:
    """A record field filled from categories, tags, a taxonomy or a field, value by value."""

    field: str
    source: str
    values: dict[str, tuple[str, ...] | None]
    """Source value → vocabulary ids; None: left out on purpose."""
    vocabulary: str = ""
    line: int = 0


@dataclass
class CollectionMap:
    """How items mapped to one collection become its records."""

    name: str
    fields: dict[str, str] = field(default_factory=dict)
    terms: list[TermMap] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    media: str = ""
    slug: str = "slug"
    body: str = ""
    """Where the body comes from: "" for the item's own (the post, the page), or
    `field:NAME` (a spreadsheet column, a custom field), as text or HTML."""


@dataclass
class Mapping:
    """A checked mapping file."""

    file: str
    rules: list[Rule] = field(default_factory=list)
    collections: dict[str, CollectionMap] = field(default_factory=dict)
    source: str = ""

    def rule_for(self, item: SourceItem) -> Rule | None:
        return next((rule for rule in self.rules if rule.fits(item)), None)

    def collection_map(self, name: str) -> CollectionMap:
        return self.collections.get(name) or default_collection_map(name)


def default_collection_map(name: str) -> CollectionMap:
    """What a collection gets when the mapping says nothing about it."""
    return CollectionMap(name, {"title": "title", "summary": "summary", "date": "date"})


def strings(value: Any) -> tuple[str, ...] | None:
    """A value or a list of values as text, or None when it is neither."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list) and all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        return tuple(str(v) for v in value)
    return None
