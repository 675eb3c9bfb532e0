"""Claims on the site's addresses: one file of the built site and who writes it, and the
claims of the facets' browse pages, which `namespace.py` checks with every other claim."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from legacy_archive.core.model.archive import Archive
from legacy_archive.core.model.facets import facet_options


@dataclass(frozen=True)
class Claim:
    """One file of the built site and who writes it."""

    file: str
    """Site-relative path of the file (`courses/intro/index.html`)."""
    owner: str
    """Who writes it, for messages (`the record page of courses/intro.md`)."""
    path: str = ""
    """File an editor changes to move the claim (a record, `mkdocs.yml`, a content file)."""
    line: int = 1
    field: str = "file"


def browse_claims(archive: Archive) -> Iterator[list[Claim]]:
    """Each facet's browse pages, blamed on its `browse` option: the archive's builder chose
    the path, so a clash with any other page is theirs to move."""
    lines = archive.settings.lines
    for facet in archive.facets.browsable:
        where = ("facets", facet.position, "browse")
        line, field = lines.line_of(*where), lines.field(*where)
        urls = [archive.url_of_taxonomy(facet.browse)]
        urls += [
            archive.url_of_term(facet.browse, option.value)
            for option in facet_options(archive.registry, facet, archive.records())
        ]
        yield [
            Claim(f"{url}index.html", f"the browse page {url}", lines.file, line, field)
            for url in urls
        ]
