"""The emit stage as the engine sees it: the archive's generated files for one build, and
what each of its pages needs again once the engine has rendered it."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from legacy_archive.core.emit.environment import TemplateFailure
from legacy_archive.core.emit.find_data import find_data_files
from legacy_archive.core.emit.htmlblocks import put_back
from legacy_archive.core.emit.page_sources import PageSource
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.emit.record_page_memo import PageMemo
from legacy_archive.core.load.records import Record
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.check import SchemaChecker

from .generated import add_attachments, add_data, add_pages
from .safety import clean_record_page, footnotes_marker

log = get_plugin_logger("archive")


class EmitStage:
    """Record pages, listings, data files and attachments of one build."""

    def __init__(
        self,
        archive: Archive,
        checker: SchemaChecker | None,
        config: MkDocsConfig,
        memo: PageMemo | None,
        report_to: str = "",
    ) -> None:
        self.archive = archive
        self.emitter = PageEmitter(
            archive,
            checker,
            set_aside_html=True,
            memo=memo,
            footnotes_marker=footnotes_marker(config),
            site_url=config.site_url or "",
            repo_url=report_to or config.repo_url or "",
        )
        self.record_pages = {archive.page_path(r): r for r in archive.every_record()}
        """Every record page's source, for cleaning its rendered body."""
        self.blocks: dict[str, tuple[str, ...]] = {}
        """HTML blocks the emitter set aside, by page source, until the page is rendered."""
        self.later: dict[str, Record] = {}
        """Record pages emitted only when rendered (see `EngineLoop.emits_late`)."""

    def add_files(self, files: Files, config: MkDocsConfig, emit_late: bool) -> None:
        """Add every generated file; with `emit_late`, record pages start empty and get
        their Markdown just before each is rendered (by a worker, when there are workers),
        so no process holds every record page's Markdown at once."""
        archive = self.archive
        try:
            pages = self.emitter.pages(records=not emit_late)
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        if emit_late:
            later = [*archive.records(), *archive.withdrawn]
            self.later = {archive.page_path(r): r for r in later}
            count = len(archive.collections)
            pages = [*pages[:count], *(PageSource(s, "") for s in self.later), *pages[count:]]
        listings = {f"{name}/index.md" for name in archive.collections}
        self.blocks = add_pages(files, config, pages, listings)
        add_data(files, config, find_data_files(archive, self.emitter.fields))
        add_attachments(files, config, self.emitter.attachments())

    def preparer(self) -> Callable[[File], None] | None:
        """What gives a late record page its Markdown, if any page is emitted late."""
        return self._emit_record_page if self.later else None

    def _emit_record_page(self, file: File) -> None:
        try:
            page = self.emitter.record_page(self.later[file.src_uri])
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        file.content_string = page.content
        if page.blocks:
            self.blocks[page.src_uri] = page.blocks

    def rendered(self, html: str, page: Page) -> str:
        """A page's rendered body: a record's cleaned, then the set-aside blocks put back."""
        if page.file.generated_by == "archive":
            page.markdown = ""  # rendered; not None, which would also blank its title
        record = self.record_pages.get(page.file.src_uri)
        if record is not None:
            # Before the template's blocks go back, so only the body's own HTML is cleaned.
            html, problems = clean_record_page(html, page, record)
            for problem in problems:
                log.warning(f"{problem}; it was removed from the page")
        return put_back(html, self.blocks.pop(page.file.src_uri, ()))
