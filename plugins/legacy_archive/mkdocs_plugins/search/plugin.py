"""`archive-search` plugin: indexes the built site with Pagefind.

A thin adapter over `legacy_archive.core.publish.search_index`; the search box and the Find page
are theme overrides and a browser script that load the bundle it writes, and the Find
page's `search-ids.json` that links Pagefind's pages to its browse data.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from legacy_archive.core.emit.notices import SITE_MAP_URL
from legacy_archive.core.publish.search_index import SearchIndexFailure, build_search_index
from legacy_archive.core.publish.search_refresh import BackgroundIndexer
from legacy_archive.mkdocs_plugins.context import build_context

from .config import SearchConfig

log = get_plugin_logger("archive-search")


class SearchPlugin(BasePlugin[SearchConfig]):
    """Runs Pagefind over `site_dir` once every page is written."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.background: BackgroundIndexer | None = None
        """Under `mkdocs serve`: re-indexes after each rebuild without holding it up."""

    # Defining this also keeps the plugin (and its background indexer) across rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            self.background = BackgroundIndexer(log.log)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.background is not None:
            self.background.stop()

    def on_shutdown(self) -> None:
        if self.background is not None:
            self.background.close()
            self.background = None

    # Before the page's template is rendered: `partials/content.html` reads the key to leave
    # out `data-pagefind-body`. The site map lists every title, so it would match every query.
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.url == SITE_MAP_URL or page.url in self.config.exclude:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return context

    # Default priority (0) on purpose: it must run before the archive plugin swaps its
    # staging folder in at -100, so `config.site_dir` is still the folder being built and a
    # failed index abandons the whole build.
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        context = build_context(config)
        try:
            with context.timer.stage("search index") if context else nullcontext():
                if self.background is not None:
                    self.background.index(Path(config.site_dir), self.config.output_subdir)
                    return
                result = build_search_index(Path(config.site_dir), self.config.output_subdir)
        except SearchIndexFailure as error:
            raise PluginError(f"search index: {error}") from None
        log.info(
            f"Pagefind indexed {result.pages} pages into {self.config.output_subdir}/; "
            f"{result.linked} records linked for the Find page"
        )
