"""What the home page's block offers a visitor on the first screen: a search box, one tile
per collection with its count, and tiles to browse by the declared facets.

Built from the archive's settings (collections, facets, vocabularies), never from an
archive's names, so every archive's home page gets the same block. A facet with browse
pages links there; another vocabulary facet links its values into the Find page, filtered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from legacy_archive.core.emit.environment import relative_url
from legacy_archive.core.emit.materials import MATERIALS, MATERIALS_FILTER, has_materials
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.facets import VOCABULARY, Facet, facet_options
from legacy_archive.core.validate.schema.fields import FieldViews

TERMS_SHOWN = 4
"""Values a browse tile names before its "all" link: enough to recognise, short on a phone."""


@dataclass(frozen=True)
class Link:
    """One link of a tile: what it says, where it goes and how many records it leads to."""

    label: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class Tile:
    """A home page tile: a heading link and, for browse tiles, a few of its values."""

    title: str
    url: str
    count: int = 0
    noun: str = ""
    """What `count` counts (`courses`, `course`), so the tile says "7 courses"."""
    links: tuple[Link, ...] = field(default_factory=tuple)


def count_of(count: int, title: str, singular: str) -> str:
    """ "1 course", "7 courses": a collection's own words, never "records"."""
    return f"{count} {singular.lower() if count == 1 else title.lower()}"


def collection_tiles(archive: Archive, page_url: str) -> list[Tile]:
    """One tile per collection with records, in the declared order."""
    return [
        Tile(
            c.spec.title,
            relative_url(page_url, c.url),
            len(c.records),
            count_of(len(c.records), c.spec.title, c.spec.singular),
        )
        for c in archive.collections.values()
        if c.records
    ]


def find_filter_url(archive: Archive, page_url: str, key: str, value: str) -> str:
    """The Find page with one filter ticked, as its form writes it (`find/?audience=primary`)."""
    return relative_url(page_url, archive.url_of_find()) + "?" + urlencode({key: value})


def browse_tiles(archive: Archive, page_url: str) -> list[Tile]:
    """A tile per facet with browse pages or a vocabulary, in the declared order, each naming
    its first values: browse pages where they exist, else the Find page filtered."""
    records = list(archive.records())
    facets: list[Facet] = [f for f in archive.facets if f.browse or f.kind == VOCABULARY]
    tiles: list[Tile] = []
    for facet in facets:
        options = facet_options(archive.registry, facet, records)
        if not options:
            continue
        if facet.browse:
            url = relative_url(page_url, archive.url_of_taxonomy(facet.browse))
            links = [
                Link(
                    o.label,
                    relative_url(page_url, archive.url_of_term(facet.browse, o.value)),
                    o.count,
                )
                for o in options[:TERMS_SHOWN]
            ]
        else:
            url = relative_url(page_url, archive.url_of_find())
            links = [
                Link(o.label, find_filter_url(archive, page_url, facet.key, o.value), o.count)
                for o in options[:TERMS_SHOWN]
            ]
        tiles.append(Tile(f"By {facet.label.lower()}", url, links=tuple(links)))
    return tiles


def materials_tile(archive: Archive, fields: FieldViews, page_url: str) -> Tile | None:
    """A tile for what a teacher can take away: the Find page filtered to the records whose
    files the archive holds (`materials`' rule), or None when no record has any."""
    count = sum(
        has_materials(r, fields, archive.collections[r.collection].spec.schema)
        for r in archive.records()
    )
    if not count:
        return None
    noun = "1 resource" if count == 1 else f"{count} resources"
    url = find_filter_url(archive, page_url, MATERIALS_FILTER, MATERIALS)
    return Tile("Materials to download", url, count, noun)
