"""Categories, tags and taxonomy terms of the old site as the archive's vocabulary ids.

A value becomes an id when the mapping file names it, or when it plainly is one (its id,
its label, or its label as a slug: `Événements` and `evenements`); anything else is
reported with the nearest id, and a value mapped to `~` is left out and listed: nothing
vanishes unsaid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping as Lookup
from dataclasses import dataclass, field

from legacy_archive.core.common.problems import did_you_mean, one_of
from legacy_archive.core.importing.items import SourceItem
from legacy_archive.core.importing.mapping import CollectionMap
from legacy_archive.core.load.vocabulary import Vocabulary


def ascii_slug(text: str) -> str:
    """`Événements` → `evenements`: a slug for ids and file names, accents dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def vocab_choices(vocab: Vocabulary | None) -> dict[str, str]:
    """Every way of writing a term, lowercased → its id: ids, labels and slugged labels."""
    choices: dict[str, str] = {}
    for term in vocab.terms.values() if vocab is not None else ():
        for spelling in (term.id, term.label, ascii_slug(term.label)):
            choices.setdefault(spelling.lower(), term.id)
    return choices


def exact_id(value: str, choices: dict[str, str]) -> str:
    """The id a source value plainly names (its id, label or slug), or ""."""
    return choices.get(value.lower()) or choices.get(ascii_slug(value), "")


def suggestion(value: str, choices: dict[str, str]) -> str:
    """`; did you mean 'x'?` against ids and labels, naming the id."""
    hint = did_you_mean(value.lower(), list(choices))
    if not hint:
        hint = did_you_mean(ascii_slug(value), list(choices))
    if not hint:
        return ""
    spelling = hint.split("'")[1]
    return f"; did you mean '{choices[spelling]}'?"


def item_values(item: SourceItem, origin: str) -> tuple[str, ...]:
    """The values of an item a term map reads: its categories, tags, a taxonomy or a field."""
    if origin == "categories":
        return item.categories
    if origin == "tags":
        return item.tags
    if origin.startswith(("field:", "column:")):
        raw = item.fields.get(origin.split(":", 1)[1], "")
        return tuple(v.strip() for v in re.split(r"[,;|]", raw) if v.strip())
    return item.terms.get(origin, ())


@dataclass
class TermOutcome:
    """What the term maps made of one item's values."""

    values: dict[str, list[str]] = field(default_factory=dict)
    """Record field → vocabulary ids, in source order, without repeats."""
    unknown: list[tuple[str, str]] = field(default_factory=list)
    """(record field, message) for values the mapping does not place."""
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(record field, source value) the mapping leaves out on purpose (`~`)."""


def map_terms(
    item: SourceItem, collection: CollectionMap, vocabularies: Lookup[str, Vocabulary], file: str
) -> TermOutcome:
    """Turn an item's categories, tags and terms into vocabulary ids; nothing vanishes unsaid."""
    outcome = TermOutcome()
    for term in collection.terms:
        vocab = vocabularies.get(term.vocabulary)
        choices = vocab_choices(vocab) if term.vocabulary else {}
        ids: list[str] = []
        for value in item_values(item, term.source):
            if value in term.values:
                mapped = term.values[value]
                if mapped is None:
                    outcome.left_out.append((term.field, value))
                else:
                    ids += mapped
                continue
            if not term.vocabulary:
                ids.append(value)
                continue
            found = exact_id(value, choices)
            if found:
                ids.append(found)
                continue
            known = list(vocab.terms) if vocab is not None else []
            outcome.unknown.append(
                (
                    term.field,
                    f"{term.source} value '{value}' has no id in {term.vocabulary} (expected "
                    f"{one_of(known)}{suggestion(value, choices)}; map it in {file} under "
                    f"collections.{collection.name}.terms.{term.field}.values, or ~ to leave it out)",
                )
            )
        if ids:
            outcome.values.setdefault(term.field, [])
            for value in ids:
                if value not in outcome.values[term.field]:
                    outcome.values[term.field].append(value)
    return outcome
