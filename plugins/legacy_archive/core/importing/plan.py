"""Which source items become which records, at which addresses, before anything is written.

Every record's slug is decided first, for every item at once, so a link from the first
post to the last can already point at the last one's new address. Slugs stay what an
earlier run chose; new ones never take a name another record (or another item) has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from legacy_archive.core.importing.items import Source, SourceItem
from legacy_archive.core.importing.mapping import SKIP, Mapping
from legacy_archive.core.importing.state import ImportState
from legacy_archive.core.importing.terms import ascii_slug
from legacy_archive.core.load.records import MAX_SLUG, SLUG_PATTERN

NOT_PUBLISHED = {
    "draft": "a draft, never published",
    "pending": "waiting for review, never published",
    "private": "private: only logged-in editors could read it",
    "trash": "in the bin",
    "future": "scheduled, not yet published when exported",
    "auto-draft": "an automatic draft",
    "password-protected": "password-protected",
    "inherit": "a revision",
}


@dataclass(frozen=True)
class Layout:
    """Where the archive keeps each collection's records and serves their pages."""

    root: Path
    directories: dict[str, str]
    """Collection → its folder, relative to the root."""
    url_paths: dict[str, str]
    """Collection → the first URL segment of its pages."""

    def directory(self, collection: str) -> str:
        return self.directories.get(collection, collection)

    def page_url(self, collection: str, slug: str) -> str:
        return f"{self.url_paths.get(collection, collection)}/{slug}/"


@dataclass
class Planned:
    """An item on its way to a record."""

    item: SourceItem
    collection: str
    slug: str
    previous: str = ""
    """The record path an earlier run wrote for it, or ""."""


@dataclass
class Skipped:
    item: SourceItem
    why: str


@dataclass
class Plan:
    planned: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    addresses: dict[str, str] = field(default_factory=dict)
    """Every old address of a planned item (see `address_key`) → its record's page URL."""


def address_key(url: str) -> str:
    """An old address as links write it, without scheme, host, `www.` or trailing slash."""
    parts = urlsplit(url)
    path = unquote(parts.path).rstrip("/") or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def _slug_basis(item: SourceItem, rule: str) -> str:
    if rule.startswith("field:"):
        return item.fields.get(rule.split(":", 1)[1], "")
    if rule == "title":
        return item.title
    basis = unquote(item.slug) if item.slug else ""
    if not basis and item.url:
        basis = unquote(urlsplit(item.url).path.rstrip("/").rsplit("/", 1)[-1])
        basis = basis.rsplit(".", 1)[0] if basis.endswith((".html", ".htm", ".php")) else basis
    return basis or item.title


def clean_slug(*choices: str) -> str:
    """The first choice that makes a valid slug in ASCII (`Événements` → `evenements`); a
    title in another script (`Привет`) falls through to the next, like `post-12`."""
    for choice in choices:
        slug = ascii_slug(choice)[:MAX_SLUG].strip("-")
        if slug and SLUG_PATTERN.match(slug):
            return slug
    return "record"


def make_plan(source: Source, mapping: Mapping, layout: Layout, state: ImportState) -> Plan:
    """Fates and slugs for every item of the source."""
    plan = Plan()
    taken: dict[str, set[str]] = {}
    for item in source.items:
        if item.status != "publish":
            why = NOT_PUBLISHED.get(item.status, f"status '{item.status}'")
            plan.skipped.append(Skipped(item, f"not imported: {why}"))
            continue
        rule = mapping.rule_for(item)
        if rule is None:
            what = f"type {item.kind}" + (
                f", categories {', '.join(item.categories)}" if item.categories else ""
            )
            plan.skipped.append(
                Skipped(
                    item,
                    f"no rule in {mapping.file} fits it ({what}; expected a rule under records)",
                )
            )
            continue
        if rule.collection == SKIP:
            plan.skipped.append(Skipped(item, f"{mapping.file}:{rule.line} says skip"))
            continue
        kept = state.items.get(item.key)
        collection = rule.collection
        slug = _kept_slug(kept.record if kept is not None else "", layout.directory(collection))
        if slug:
            plan.planned.append(Planned(item, collection, slug, kept.record if kept else ""))
        else:
            plan.planned.append(Planned(item, collection, ""))
    for planned in plan.planned:
        if planned.slug:
            taken.setdefault(planned.collection, set()).add(planned.slug)
    owned = {item.record for item in state.items.values()}
    for planned in plan.planned:
        if planned.slug:
            continue
        names = taken.setdefault(planned.collection, set())
        rule_of = mapping.collection_map(planned.collection).slug
        item = planned.item
        base = clean_slug(
            _slug_basis(item, rule_of), item.title, f"{item.kind}-{item.key.rsplit(':', 1)[-1]}"
        )
        slug, number = base, 2
        while slug in names or _exists(layout, slug, owned, planned.collection):
            slug, number = f"{base[: MAX_SLUG - 4]}-{number}", number + 1
        names.add(slug)
        planned.slug = slug
    for planned in plan.planned:
        url = layout.page_url(planned.collection, planned.slug)
        for old in (planned.item.url, *planned.item.old_urls):
            if old:
                plan.addresses.setdefault(address_key(old), url)
    return plan


def _kept_slug(record: str, directory: str) -> str:
    """The slug an earlier run gave a record of this collection, if the state says one."""
    for suffix in ("/index.md", ".md"):
        head, _, slug = record.removesuffix(suffix).rpartition("/")
        if record.endswith(suffix) and head == directory and SLUG_PATTERN.match(slug):
            return slug
    return ""


def _exists(layout: Layout, slug: str, owned: set[str], collection: str) -> bool:
    """A record of that slug is already there and no earlier run of this import wrote it."""
    directory = layout.directory(collection)
    for rel in (f"{directory}/{slug}.md", f"{directory}/{slug}/index.md"):
        if (layout.root / rel).exists() and rel not in owned:
            return True
    folder = layout.root / directory / slug
    return folder.exists() and f"{directory}/{slug}/index.md" not in owned
