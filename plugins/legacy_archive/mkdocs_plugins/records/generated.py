"""The emitter's pages, data files and attachments as the engine's generated files.

Record pages are kept out of the nav (a nav listing every record makes the engine and
Material O(N^2)); collection listings and pages the emitter puts in the nav stay in it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from legacy_archive.core.emit.page_sources import Attachment, PageSource

HIDDEN = InclusionLevel.NOT_IN_NAV


def add_pages(
    files: Files, config: MkDocsConfig, pages: Iterable[PageSource], listings: set[str]
) -> dict[str, tuple[str, ...]]:
    """Add generated pages (replacing a hand-written file of the same path); returns the
    HTML blocks each page set aside, by source, to go back in once it is rendered."""
    blocks: dict[str, tuple[str, ...]] = {}
    for page in pages:
        shown = page.src_uri in listings or page.in_nav
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.UNDEFINED if shown else HIDDEN
        files.append(
            File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        )
        if page.blocks:
            blocks[page.src_uri] = page.blocks
    return blocks


def add_data(files: Files, config: MkDocsConfig, data: Iterable[tuple[str, str]]) -> None:
    """Add the Find page's data files (path, text)."""
    for path, text in data:
        files.append(File.generated(config, path, content=text, inclusion=HIDDEN))


def add_attachments(files: Files, config: MkDocsConfig, attachments: Iterable[Attachment]) -> None:
    """Add records' attachments: SVG images as cleaned, every other file as it is."""
    for attachment in attachments:
        if attachment.content is not None:
            file = File.generated(
                config, attachment.src_uri, content=attachment.content, inclusion=HIDDEN
            )
        else:
            file = File.generated(
                config, attachment.src_uri, abs_src_path=str(attachment.abs_path), inclusion=HIDDEN
            )
        files.append(file)
