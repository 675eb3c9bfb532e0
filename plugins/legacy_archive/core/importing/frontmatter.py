"""A source item's front matter: every field the mapping fills, in the schema's order.

Values are converted to what each field's schema expects (numbers, booleans, dates,
lists); vocabulary fields come from the term maps; old addresses become `legacy_urls`
where a static host can answer them. A value the import cannot place is a problem or a
note for the report, never a made-up value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Mapping as Lookup
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from legacy_archive.core.importing.items import SourceItem
from legacy_archive.core.importing.mapping import CollectionMap
from legacy_archive.core.importing.record_text import (
    IMAGE_EXTENSIONS,
    MEDIA_FILE,
    Wanted,
    markdown_paragraphs,
    paths_in,
    plain_text,
    summary_of,
)
from legacy_archive.core.importing.terms import map_terms
from legacy_archive.core.load.vocabulary import Vocabulary
from legacy_archive.core.publish.address_rules import address_problem
from legacy_archive.core.validate.schema.fields import FieldSpec


@dataclass(frozen=True)
class OldAddresses:
    """What deciding which old addresses to keep needs to know about the import."""

    is_page: Callable[[str], bool]
    """Whether a URL is a page address of the old site."""
    pages: frozenset[str]
    """The page URL of every record the import writes (`reports/intro/`)."""
    root: Path
    docs_dir: str


@dataclass(frozen=True)
class Fields:
    """What filling in one collection's fields needs."""

    specs: dict[str, FieldSpec]
    vocabularies: Lookup[str, Vocabulary]
    mapping_file: str
    addresses: OldAddresses
    alt_of: Callable[[str], str]
    """The alt text the old site stored for a file, by URL."""


def field_value(spec: FieldSpec, raw: str) -> Any:
    """A source text as the field's kind: numbers, booleans, dates, lists."""
    text = plain_text(raw) if "<" in raw else raw.strip()
    kind = spec.kind
    if kind == "integer" and re.fullmatch(r"-?\d+", text):
        return int(text)
    if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?", text):
        return float(text)
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("1", "yes", "true", "on", "y"):
            return True
        if lowered in ("0", "no", "false", "off", "n", ""):
            return False
    if spec.date or (spec.item is not None and spec.item.date):
        text = text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text
    if kind == "list":
        return [text]
    return text


def _attribute(item: SourceItem, attribute: str, summary: str) -> str:
    if attribute.startswith(("field:", "column:")):
        return item.fields.get(attribute.split(":", 1)[1], "")
    return {
        "title": item.title,
        "summary": summary,
        "excerpt": plain_text(item.excerpt),
        "date": item.date,
        "modified": item.modified,
        "author": item.author,
        "slug": item.slug,
        "url": item.url,
    }.get(attribute, "")


def legacy_paths(
    item: SourceItem, ctx: OldAddresses, given: Sequence[str] = ()
) -> tuple[list[str], list[str]]:
    """The item's old addresses a redirect page can keep, and notes on those it cannot;
    `given` are addresses the mapping names (any host: a spreadsheet has no site)."""
    paths: list[str] = []
    notes: list[str] = []
    for url in (item.url, *item.old_urls, *given):
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and not ctx.is_page(url) and url not in given:
            continue
        path = parts.path or "/"
        if parts.query:  # `/?p=123`: the page of its path (or the 404 page) forwards it
            address = f"{path}?{parts.query}"
            if (why := address_problem(address)) is not None:
                notes.append(f"old address '{url}' cannot become a redirect: {why}")
            elif address not in paths:
                paths.append(address)
            continue
        if path == "/" or address_problem(path) is not None:
            notes.append(
                f"old address '{url}' cannot become a redirect: {address_problem(path) or 'it is the home page'}"
            )
            continue
        as_page = _page_of(path)
        if as_page in ctx.pages:
            notes.append(
                f"old address '{path}' is an imported record's new address too: kept as that page"
            )
            continue
        page = _site_page(ctx.root, ctx.docs_dir, path)
        if page:
            notes.append(
                f"old address '{path}' is the archive's own page {page} now: not kept as a "
                "redirect (readers of the old address get that page)"
            )
            continue
        if path not in paths:
            paths.append(path)
    return paths, notes


def _page_of(path: str) -> str:
    """The page URL a static host answers an old path with (`/a/b` and `/a/b/` → `a/b/`)."""
    stem = unquote(path).strip("/")
    last = stem.rsplit("/", 1)[-1]
    if "." in last:
        return stem
    return f"{stem}/" if stem else ""


def _site_page(root: Path, docs: str, path: str) -> str:
    """The archive's own page (in docs_dir) that answers an old path, or ""."""
    stem = unquote(path).strip("/")
    for rel in (f"{docs}/{stem}.md", f"{docs}/{stem}/index.md"):
        if stem and (root / rel).is_file():
            return rel
    return ""


def front_matter(
    item: SourceItem,
    collection: CollectionMap,
    about: Fields,
    media: Sequence[Any],
    have: dict[str, Wanted],
    body: str,
) -> tuple[dict[str, Any], list[tuple[str, str]], list[str]]:
    """The record's fields in schema order, problems `(field, message)` and notes."""
    specs = about.specs
    problems: list[tuple[str, str]] = []
    notes: list[str] = []
    summary_spec = specs.get("summary")
    limit = summary_spec.max_length if summary_spec is not None else 0
    summary_source = (
        plain_text(item.excerpt)
        or item.fields.get("_yoast_wpseo_metadesc", "")
        or item.fields.get("_aioseop_description", "")
        or " ".join(markdown_paragraphs(body)[:2])
    )
    summary = summary_of(summary_source, limit)
    values: dict[str, Any] = {}
    mapped_paths: list[str] = []
    for record_field, attribute in collection.fields.items():
        spec = specs.get(record_field)
        raw = _attribute(item, attribute, summary)
        if spec is None or not raw:
            continue
        if record_field == "legacy_urls":
            mapped_paths += paths_in(raw)
            continue
        values[record_field] = field_value(spec, raw)
    outcome = map_terms(item, collection, about.vocabularies, about.mapping_file)
    for record_field, ids in outcome.values.items():
        spec = specs.get(record_field)
        if spec is None:
            continue
        values[record_field] = ids if spec.kind == "list" else ids[0]
        if spec.kind != "list" and len(ids) > 1:
            notes.append(
                f"{record_field}: kept '{ids[0]}' of {', '.join(ids)} (the field takes one value)"
            )
    problems += outcome.unknown
    for record_field, value in outcome.left_out:
        notes.append(f"{record_field}: '{value}' left out, as {about.mapping_file} says (~)")
    for record_field, value in collection.defaults.items():
        if record_field not in values:
            values[record_field] = value
    paths, address_notes = legacy_paths(item, about.addresses, mapped_paths)
    notes += address_notes
    if paths and "legacy_urls" in specs:
        values["legacy_urls"] = paths
    featured = have.get(item.featured) if item.featured else None
    is_image = featured is not None and featured.name.rsplit(".", 1)[-1] in IMAGE_EXTENSIONS
    if featured is not None and is_image and "image" in specs:
        values["image"] = featured.name
        alt = featured.alt or about.alt_of(featured.url)
        if alt and "image_alt" in specs:
            values["image_alt"] = alt
    if "downloads" in specs:
        downloads = [
            {"title": w.title or w.name, "file": w.name}
            for w in have.values()
            if w.role in ("file", "link") and w.name.rsplit(".", 1)[-1] not in IMAGE_EXTENSIONS
        ]
        if downloads:
            values["downloads"] = downloads
    if media and collection.media:
        first = media[0]
        if first.url in have and MEDIA_FILE.search(have[first.url].name):
            values[collection.media] = {"file": have[first.url].name}
        else:
            values[collection.media] = {"url": first.url}
    elif media:
        notes.append(
            f"{len(media)} video or audio without a transcript, and {collection.name} "
            "records have no media field: write the transcript into the body"
        )
    ordered = {name: values[name] for name in specs if name in values}
    return ordered, problems, notes
