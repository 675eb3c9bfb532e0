"""Record pages of the previous emit, reused by a live preview's rebuilds.

Under `mkdocs serve` every save rebuilds the whole archive, and rendering 1,000 record
pages through Jinja (with their related resources) is most of a rebuild. A record page
depends on its own record, on the records it lists as related, and on what all pages
share (settings, data file, schemas, templates). The load memo hands back the same
`Source` object for an unchanged file, so a page is reused while its record's and its
related records' sources are the very same objects, and the shared inputs are unchanged.
Related lists are reused while no record's terms or reference changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.emit.page_sources import PageSource
from legacy_archive.core.load.records import Record


def shared_inputs(settings: ProjectSettings) -> str:
    """A digest of what every record page depends on besides records."""
    digest = hashlib.sha1(settings.digest_text().encode())
    root = settings.root
    paths = [root / settings.data_file]
    for folder in (settings.schemas_dir, settings.templates_dir):
        paths += sorted((root / folder).rglob("*"))
    for path in paths:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


class PageMemo:
    """What the previous emit made, and the inputs it was made from."""

    def __init__(self) -> None:
        self.inputs = ""
        self.terms = ""
        self.related: dict[str, tuple[int, list[str]]] = {}
        """Record ref -> (id of its source, refs of its related records)."""
        self.pages: dict[str, tuple[tuple[int, ...], list[object], PageSource]] = {}
        """Record ref -> (ids of the sources it was made from, those sources, the page)."""

    def begin(self, inputs: str, terms: str) -> None:
        """Start an emit; forget everything if what all pages share has changed."""
        if inputs != self.inputs:
            self.pages.clear()
            self.related.clear()
        elif terms != self.terms:
            self.related.clear()
        self.inputs, self.terms = inputs, terms

    def related_refs(self, record: Record, compute: Callable[[], list[Record]]) -> list[str]:
        kept = self.related.get(record.ref)
        if kept is not None and kept[0] == id(record.source):
            return kept[1]
        refs = [target.ref for target in compute()]
        self.related[record.ref] = (id(record.source), refs)
        return refs

    def page(
        self, record: Record, related: list[Record], make: Callable[[], PageSource]
    ) -> PageSource:
        sources = [record.source, *(target.source for target in related)]
        key = tuple(id(source) for source in sources)
        kept = self.pages.get(record.ref)
        if kept is not None and kept[0] == key:
            return kept[2]
        page = make()
        # Holding the sources keeps their ids from being reused by new objects.
        self.pages[record.ref] = (key, list(sources), page)
        return page

    def forget_all_but(self, refs: set[str]) -> None:
        for memo in (self.pages, self.related):
            for ref in [r for r in memo if r not in refs]:
                del memo[ref]
