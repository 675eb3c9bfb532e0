"""Which pages stand for each page type of the built archive, for the checkers and screenshots.

One page per type is enough to judge the templates (every record of a collection comes from
the same template); the list follows the archive, so a new collection or taxonomy is
checked without editing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from legacy_archive.core.cli.main import read_settings  # noqa: E402
from legacy_archive.core.model.archive import Archive  # noqa: E402
from legacy_archive.core.pipeline import load_archive  # noqa: E402

FIND_WITH_FILTERS = "find/?q=animation&audience=secondary&subject=animation"
"""The Find page with a query and two filters applied (the demo has matching records)."""


def demo_archive(root: Path = ROOT) -> Archive:
    """The archive model of the project at `root`, as the build sees it."""
    settings, errors = read_settings(root / "mkdocs.yml")
    if settings is None or errors:
        raise SystemExit("\n".join(errors))
    return load_archive(settings).archive


def page_types(archive: Archive) -> dict[str, str]:
    """`{page type: site-relative URL}` for every kind of page the site has."""
    pages = {"home": "", "about": "about/", "contribute": "contribute/"}
    for name, collection in archive.collections.items():
        pages[f"listing {name}"] = collection.url
        if collection.records:
            # The record that fills the most fields exercises the most of its template.
            fullest = max(collection.records, key=lambda record: len(record.fields))
            pages[f"record {name}"] = archive.url_of(fullest)
    for facet in archive.facets.browsable:
        pages[f"taxonomy {facet.browse}"] = archive.url_of_taxonomy(facet.browse)
        terms = sorted({value for record in archive.records() for value in facet.values(record)})
        if terms:
            pages[f"term {facet.browse}"] = archive.url_of_term(facet.browse, terms[0])
    pages["find with query and filters"] = FIND_WITH_FILTERS
    pages["site map"] = "site-map/"
    pages["download"] = "download/"
    pages["404"] = "no/such/page/"
    return pages
