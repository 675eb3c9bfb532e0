"""Generated browse pages: for every facet with a browse path, one page per value (an
organisation's shows who it is) and an index with counts; and the Find resources page.

They are plain HTML lists of links, so every record stays reachable without JavaScript,
and they are kept out of the search index (`search.exclude`) so results are records.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any, Protocol

from legacy_archive.core.emit.environment import relative_url
from legacy_archive.core.emit.page_sources import PageSource, front_matter
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.facets import ORGANISATION, Facet, facet_options

SORTS = (("", "Best match"), ("date", "Newest first"), ("title", "Title A to Z"))
"""Find page sort options: URL value and label."""


class Emitter(Protocol):
    """What browse pages need of the page emitter: its archive, templates and cards."""

    archive: Archive

    def find_filters(self) -> list[dict[str, Any]]: ...

    def render_page(self, name: str, page: str, **context: Any) -> str: ...

    def card(self, record: Record, page_url: str) -> dict[str, Any]: ...


def _meta(title: str, description: str) -> dict[str, Any]:
    # Themes print meta title and description unescaped, so they are escaped here.
    return {"title": escape(title), "description": escape(description), "search": {"exclude": True}}


def _browse_meta(title: str, description: str, tab: str) -> dict[str, Any]:
    """A browse page's front matter: its left sidebar would hold nothing of its own, and the
    theme lights the Find page's tab for it (`archive_tab`), as browsing is finding."""
    return {**_meta(title, description), "hide": ["navigation"], "archive_tab": tab}


def records_by_term(emitter: Emitter, facet: Facet) -> dict[str, list[Record]]:
    """Every record carrying each value of a facet, newest first, across collections."""
    found: dict[str, list[Record]] = defaultdict(list)
    for record in emitter.archive.records():
        for value in facet.values(record):
            found[value].append(record)
    for records in found.values():
        records.sort(key=lambda r: r.title.lower())
        records.sort(key=lambda r: r.date, reverse=True)
    return found


def taxonomy_pages(emitter: Emitter) -> list[PageSource]:
    """Index and term pages for every taxonomy, then the Find page."""
    archive = emitter.archive
    out: list[PageSource] = []
    for facet in archive.facets.browsable:
        by_term = records_by_term(emitter, facet)
        options = facet_options(archive.registry, facet, archive.records())
        index_url = archive.url_of_taxonomy(facet.browse)
        title = f"Browse by {facet.label.lower()}"
        terms = [
            {
                "label": option.label,
                "count": option.count,
                "url": relative_url(index_url, archive.url_of_term(facet.browse, option.value)),
            }
            for option in options
        ]
        html = emitter.render_page("_taxonomy.md.j2", index_url, facet=facet, terms=terms)
        description = f"Every resource in the archive, by {facet.label.lower()}."
        out.append(
            PageSource(
                f"{index_url}index.md",
                front_matter(_browse_meta(title, description, archive.url_of_find())) + html,
            )
        )
        for option in options:
            url = archive.url_of_term(facet.browse, option.value)
            organisation = (
                archive.registry.organisations.get(option.value)
                if facet.kind == ORGANISATION
                else None
            )
            cards = [emitter.card(record, url) for record in by_term[option.value]]
            html = emitter.render_page(
                "_term.md.j2",
                url,
                facet=facet,
                term=option,
                organisation=organisation,
                cards=cards,
                index_url=relative_url(url, index_url),
            )
            description = (
                organisation.description
                if organisation and organisation.description
                else f"Resources for {option.label}."
            )
            out.append(
                PageSource(
                    f"{url}index.md",
                    front_matter(_browse_meta(option.label, description, archive.url_of_find()))
                    + html,
                )
            )
    out.append(find_page(emitter))
    return out


def find_page(emitter: Emitter) -> PageSource:
    """The Find resources page: query, facet checkboxes with counts and sort, as a GET form."""
    archive = emitter.archive
    url = archive.url_of_find()
    records = list(archive.records())
    shown = [
        (facet, options)
        for facet in archive.facets
        if (options := facet_options(archive.registry, facet, records))
    ]
    browse = [
        {"label": c.spec.title, "url": relative_url(url, c.url), "count": len(c.records)}
        for c in archive.collections.values()
    ] + [
        {
            "label": f"Browse by {facet.label.lower()}",
            "url": relative_url(url, archive.url_of_taxonomy(facet.browse)),
            "count": None,
        }
        for facet in archive.facets.browsable
    ]
    html = emitter.render_page(
        "_find.md.j2",
        url,
        facets=[{"facet": facet, "options": options} for facet, options in shown]
        + emitter.find_filters(),
        sorts=SORTS,
        total=len(records),
        browse=browse,
    )
    meta = _meta("Find resources", find_description([facet.label for facet, _ in shown]))
    meta["hide"] = ["toc"]
    return PageSource(f"{url}index.md", front_matter(meta) + html, in_nav=True)


def find_description(labels: list[str]) -> str:
    """The Find page's description: what it filters by, in the facets' order."""
    if not labels:
        return "Search the whole archive."
    named = [label.lower() for label in labels]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"Search the whole archive and filter by {listed}."
