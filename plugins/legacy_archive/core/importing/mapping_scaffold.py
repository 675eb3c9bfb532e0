"""The first mapping file, written by `--init-mapping`: what the source holds, with counts,
and what the archive accepts, so an editor fills in choices instead of inventing a format.

Every guess it makes (a post type to the collection of a similar name, a category to the
vocabulary id of a similar label) is written out where the editor can see and change it;
a value it cannot place is written as `~` (left out) with the nearest ids beside it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter

from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.mapping import SKIP
from legacy_archive.core.importing.target import TargetArchive
from legacy_archive.core.importing.terms import ascii_slug, exact_id, vocab_choices
from legacy_archive.core.validate.schema.fields import FieldSpec

HEADER = """\
# How `archive import` turns {what} into records. Written by --init-mapping: read it,
# change what you need, then run the import again with --mapping {file}.
#
# records:     which items go to which collection. The first rule that fits an item wins;
#              `collection: skip` leaves items out (the report lists them). Conditions:
#              type (post type), category, tag, path (the start of the old address, like
#              /news/), field ({{NAME: value}}, a custom field or spreadsheet column).
# collections: for each collection, how its records are filled in:
#   fields:    record field: where its value comes from: title, summary (the excerpt, or
#              the body's first sentences), excerpt, date, modified, author, slug, url, or
#              "field:NAME" (a custom field or column).
#   terms:     record field filled from categories, tags, a taxonomy or "field:NAME", one
#              value at a time: `Old value: id` (or a list of ids); `~` leaves it out.
#              Values not listed are matched to ids and labels; the rest are reported.
#   defaults:  values for records whose source gives none, like `audiences: [educators]`.
#   media:     the field that gets a post's video or audio; its transcript is left for
#              you, and `archive check` lists every one still missing.
#   slug:      slug (the old address's last part), title, or "field:NAME".
#
# Drafts, private, trashed, scheduled and password-protected items are never imported;
# the report lists them.
"""


_WORDS = ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
"""Words YAML reads as something other than text."""


def _yaml(value: str) -> str:
    """A YAML scalar for any text: plain when safe, else JSON-quoted (valid YAML)."""
    plain = value and all(c.isalnum() or c in " -_./" for c in value)
    if plain and value[0].isalpha() and value == value.strip() and value.lower() not in _WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _listing(counter: Counter[str], limit: int = 40) -> list[str]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    lines = [f"#   {name} ({count})" for name, count in items[:limit]]
    if len(items) > limit:
        lines.append(f"#   ... and {len(items) - limit} more")
    return lines


BODY_COLUMNS = ("description", "body", "text", "content", "details")
"""Spreadsheet columns that usually hold a record's text."""


def _guess_collection(kind: str, target: TargetArchive) -> str:
    names = target.collection_names
    if not names:
        return SKIP
    words = {}
    for name in names:
        spec = target.spec(name)
        for spelling in (name, spec.singular if spec else "", spec.title if spec else ""):
            if spelling:
                words[ascii_slug(spelling)] = name
    found = difflib.get_close_matches(ascii_slug(kind), list(words), n=1, cutoff=0.6)
    return words[found[0]] if found else names[0]


def _field_comment(spec: FieldSpec, target: TargetArchive) -> str:
    each = spec.each
    what = spec.description or spec.name.replace("_", " ")
    if each.vocabulary:
        vocab = target.vocabulary(each.vocabulary)
        ids = ", ".join(vocab.terms) if vocab is not None else ""
        what += f"; ids: {ids}"
    return ("required: " if spec.required else "") + what


def scaffold_mapping(source: Source, target: TargetArchive, file: str = "mapping.yml") -> str:
    """The text of a first mapping file for `source` into `target`."""
    what = {"wordpress": "a WordPress export", "site": "a crawl of the old site"}.get(
        source.kind, "a spreadsheet"
    )
    lines = HEADER.format(what=what, file=file).splitlines()
    lines.append(f"#\n# What {source.name} holds:")
    for heading, counter in source.inventory.items():
        lines.append(f"# {heading}:")
        lines += _listing(counter)
    lines.append("#\n# What the archive accepts:")
    for name in target.collection_names:
        lines.append(f"#   {name}: " + ", ".join(spec.name for spec in target.fields(name)))
    lines += ["", f"source: {source.kind}", "", "records:"]
    kinds = [
        kind
        for kind, _ in sorted(
            source.inventory.get(
                "post types", Counter({"page" if source.kind == "site" else "row": 1})
            ).items(),
            key=lambda kv: (-kv[1], kv[0]),
        )
    ]
    from legacy_archive.core.importing.wxr import IGNORED_TYPES

    used: list[str] = []
    if source.kind == "site":
        for section in sorted(source.inventory.get("page paths", Counter())):
            if section == "/":
                continue
            collection = _guess_collection(section, target)
            others = ", ".join(n for n in [*target.collection_names, SKIP] if n != collection)
            lines.append(f"  - when: {{path: /{section.strip('/')}/}}")
            lines.append(f"    collection: {collection}   # or {others}")
            if collection not in used:
                used.append(collection)
    for kind in kinds:
        if kind in IGNORED_TYPES:
            continue
        collection = _guess_collection(kind, target)
        lines.append(f"  - when: {{type: {_yaml(kind)}}}")
        lines.append(
            f"    collection: {collection}   # or {', '.join(n for n in [*target.collection_names, SKIP] if n != collection)}"
        )
        if collection not in used:
            used.append(collection)
    if source.inventory.get("categories"):
        lines.append("  # A rule for one category goes above the rule for its type, like:")
        first = sorted(source.inventory["categories"])[0]
        lines.append(f"  # - when: {{type: post, category: {_yaml(first)}}}")
        lines.append(
            f"  #   collection: {target.collection_names[0] if target.collection_names else SKIP}"
        )
    lines += ["", "collections:"]
    for name in used:
        if name != SKIP:
            lines += _collection_block(name, source, target)
    return "\n".join(lines) + "\n"


def _collection_block(name: str, source: Source, target: TargetArchive) -> list[str]:
    lines = [f"  {name}:", "    fields:"]
    filled = {"title": "title", "summary": "summary", "date": "date"}
    people = target.people_field(name)
    if people:
        filled[people] = "author"
    custom = sorted(
        {
            *source.inventory.get("custom fields", Counter()),
            *source.inventory.get("columns", Counter()),
        }
    )
    specs = {spec.name: spec for spec in target.fields(name)}
    for column in custom:
        field_name = ascii_slug(column).replace("-", "_")
        if (
            re.search(r"(^|_)(url|urls|address|link|permalink)$", field_name)
            and "legacy_urls" in specs
        ):
            filled.setdefault("legacy_urls", f"field:{column}")
            continue
        spec = specs.get(field_name)
        if (
            spec is not None
            and not spec.each.vocabulary
            and filled.get(field_name) in (None, field_name)
        ):
            filled[field_name] = f"field:{column}"
    if source.kind == "csv":
        body = next((c for c in custom if ascii_slug(c) in BODY_COLUMNS), "")
        if body:
            lines.insert(1, f'    body: "field:{body}"   # the column holding each record\'s text')
    for field_name in sorted(custom):
        if (
            field_name in specs
            and field_name not in filled
            and not specs[field_name].each.vocabulary
        ):
            filled[field_name] = f"field:{field_name}"
    for record_field, attribute in filled.items():
        if record_field in specs:
            lines.append(
                f"      {record_field}: {_yaml(attribute)}   # {_field_comment(specs[record_field], target)}"
            )
    for spec in target.fields(name):
        if spec.name in filled or spec.each.vocabulary or spec.kind == "object":
            continue
        if spec.name in ("legacy_urls", "draft", "image", "image_alt", "downloads", "related"):
            continue
        lines.append(f"      # {spec.name}: field:NAME   # {_field_comment(spec, target)}")
    vocabulary_fields = [spec for spec in target.fields(name) if spec.each.vocabulary]
    lines.append("    terms:")
    taxonomies: dict[str, Counter[str]] = {}
    for key, count in source.inventory.get("taxonomies", Counter()).items():
        taxonomy, _, value = key.partition(": ")
        taxonomies.setdefault(taxonomy, Counter())[value] += count
    columns = {
        key.removeprefix("values: "): counter
        for key, counter in source.inventory.items()
        if key.startswith("values: ")
    }
    categories = source.inventory.get("categories", Counter())
    first_list = next((s.name for s in vocabulary_fields if s.kind == "list"), "")
    written = 0
    for spec in vocabulary_fields:
        close = difflib.get_close_matches(spec.name, list(taxonomies), n=1, cutoff=0.75)
        column = next(
            (c for c in columns if ascii_slug(c).replace("-", "_") in (spec.name, spec.name + "s")),
            "",
        )
        if close:
            origin, counter = close[0], taxonomies[close[0]]
        elif column:
            origin, counter = f"field:{column}", columns[column]
        elif spec.name == first_list and categories:
            origin, counter = "categories", categories
        else:
            lines.append(
                f"      # {spec.name}: {{from: tags, values: {{}}}}   # {_field_comment(spec, target)}"
            )
            continue
        written += 1
        lines.append(f"      {spec.name}:   # {_field_comment(spec, target)}")
        lines.append(f"        from: {_yaml(origin)}")
        lines.append("        values:")
        choices = vocab_choices(target.vocabulary(spec.each.vocabulary))
        for value, count in sorted(counter.items()):
            found = exact_id(value, choices) or _close_id(value, choices)
            items = "1 item" if count == 1 else f"{count} items"
            if found:
                lines.append(f"          {_yaml(value)}: {found}   # {items}")
            else:
                lines.append(
                    f"          {_yaml(value)}: ~   # {items}; no id like it: map it to one of "
                    "the ids above, or add one to the data file"
                )
    if not written:
        lines[lines.index("    terms:")] = "    terms: {}"
    lines.append("    defaults:")
    defaults = 0
    for spec in vocabulary_fields:
        if spec.required or spec.name in ("subjects", "audiences"):
            vocab = target.vocabulary(spec.each.vocabulary)
            first = next(iter(vocab.terms), "") if vocab is not None else ""
            shown = f"[{first}]" if spec.kind == "list" else first
            lines.append(
                f"      # {spec.name}: {shown}   # used when an item gives none; "
                f"{_field_comment(spec, target)}"
            )
            defaults += 1
    if not defaults:
        lines[-1] = "    defaults: {}"
    media = target.media_fields(name)
    if media:
        lines.append(f"    media: {media[0]}   # {', '.join(media)}: gets a post's video or audio")
    lines.append("    slug: slug")
    return lines


def _close_id(value: str, choices: dict[str, str]) -> str:
    found = difflib.get_close_matches(value.lower(), list(choices), n=1, cutoff=0.8)
    return choices[found[0]] if found else ""
