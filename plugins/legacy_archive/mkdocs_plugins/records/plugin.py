"""`archive` plugin: validates records before anything is written, then adds their pages.

A thin adapter: settings, loading, validation, the model and page content come from
`legacy_archive.core`; how record pages are rendered is a `rendering` strategy chosen once
per build; this file only moves them into the engine's events. Priorities run high to low;
-100 is "last" by convention, and each handler says why it has its own.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.speed.gcpolicy import freeze_long_lived, thaw
from legacy_archive.core.speed.template_cache import COMPILED
from legacy_archive.core.speed.timings import write_build_timings
from legacy_archive.core.validate.schema.check import SchemaChecker
from legacy_archive.mkdocs_plugins.context import BuildContext
from legacy_archive.mkdocs_plugins.order import AFTER_LAST, FIRST, LAST

from .config import ArchiveConfig
from .emit_stage import EmitStage
from .outcome import Publication, report_problems
from .rendering import EngineLoop, RenderJob, is_deferred
from .safety import page_policy, template_policy
from .serve_cache import PreviewMemos
from .settings import open_build
from .strategy import choose_strategy


class RecordsPlugin(BasePlugin[ArchiveConfig]):
    """Turns record folders into validated, generated pages kept out of the nav."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.memos: PreviewMemos | None = None
        """Caches a `mkdocs serve` build keeps for the next (the plugin outlives rebuilds)."""
        self.publication = Publication()
        self._reset()

    def _reset(self) -> None:
        self.context: BuildContext | None = None
        """This build's settings, archive and timer, shared with the other archive plugins."""
        self.checker: SchemaChecker | None = None
        self.strategy = EngineLoop()
        self.emit: EmitStage | None = None
        self.nav: Any = None

    # Defining this also keeps the plugin alive across `mkdocs serve` rebuilds (MkDocs 1.4+).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = "dirty" if dirty else command
        self.memos = PreviewMemos() if command == "serve" else None

    # Last (-100): other plugins may move site_dir in their on_config; it is staged here.
    @event_priority(LAST)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        thaw()
        self.strategy.close()
        self._reset()
        if not self.config.enabled:
            return config
        self.context = open_build(config, self.command, self.config)
        # A preview is never published, and its rebuilds reuse pages in place.
        self.publication.begin(config, staged=self.config.staging and not self.context.serving)
        return config

    # Validation runs before the engine cleans site_dir, so bad content never costs the old site.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        context = self.context
        if context is None:
            return
        memo = self.memos.parsed_records if self.memos else None
        result = load_archive(context.settings, context.timer, memo)
        self.checker, context.archive = result.checker, result.archive
        freeze_long_lived()
        report_problems(result, config)

    # Default priority: the emit stage; the cms plugin (-50) reads what is added here.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.context is None or self.context.archive is None:
            return files
        archive, memos = self.context.archive, self.memos
        self.context.timer.mark("emit")
        memo = memos.page_sources if memos else None
        self.emit = EmitStage(archive, self.checker, config, memo, self.config.report_to)
        rendered = memos.rendered_pages if memos else None
        workers = self.config.render_workers
        self.strategy = choose_strategy(self.command, workers, archive.count(), rendered)
        self.emit.add_files(files, config, emit_late=self.strategy.emits_late)
        return files

    # Last (-100): every plugin's on_files (the emit stage) is done; pages render next.
    @event_priority(LAST)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.context is not None:
            self.context.timer.since("emit", "emit")
            self.context.timer.mark("render")
            self.strategy.defer(files, set(self.emit.record_pages) if self.emit else set(), config)
        self.nav = nav
        freeze_long_lived()
        return nav

    # Last (-100): other plugins' on_env are done, so rendering (and workers) see the final state.
    @event_priority(LAST)
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = env.bytecode_cache or COMPILED
        if self.context is not None and self.emit is not None and self.strategy.defers:
            job = RenderJob(config, files, self.nav, env, self.context.timer, self.emit.preparer())
            self.strategy.start(job, self.emit.blocks)
        return env

    # Last (-100): every plugin has read the generated page's Markdown, so the file's copy
    # can go (~100 MB at 10,000 records).
    @event_priority(LAST)
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by == "archive" and not is_deferred(page):
            page.file.content_string = ""
        return markdown

    # First: other plugins' on_page_content (notices, Robust Links) see cleaned pages.
    @event_priority(FIRST)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if is_deferred(page):
            return html
        return self.emit.rendered(html, page) if self.emit else html

    # Last (-100): after the engine's last page the record pages are collected, before the
    # engine checks anchor links across pages.
    @event_priority(LAST)
    def _collect_record_pages(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri == self.strategy.last:
            self.strategy.finish()
        return output

    # After every other on_post_page : the policy hashes inline scripts as served.
    @event_priority(AFTER_LAST)
    def _page_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled or is_deferred(page):
            return output
        return page_policy(output, page, serving=self.command == "serve")

    on_post_page = CombinedEvent(_collect_record_pages, _page_policy)

    # As `_page_policy` , for the 404 page: a theme template, not a page.
    @event_priority(AFTER_LAST)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return template_policy(output_content, serving=self.command == "serve")

    # First: every page is written, so the render stage ends before post-build work.
    @event_priority(FIRST)
    def _post_build_start(self, config: MkDocsConfig) -> None:
        if self.context is None:
            return
        self.context.timer.since("render", "render")
        self.context.timer.mark("post-build")
        if self.strategy.error:
            raise PluginError(self.strategy.error)
        if self.strategy.defers:  # record extras ran side by side: their share of wall time
            self.context.timer.add("record extras", self.strategy.extras / self.strategy.workers)

    # Last (-100): every other plugin has written its files (search index, sitemaps) before
    # the staged site is swapped in.
    @event_priority(LAST)
    def _post_build_end(self, config: MkDocsConfig) -> None:
        self.strategy.close()
        if self.context is not None:
            write_build_timings(self.context.timer)
        self.publication.end(strict=config.strict)

    on_post_build = CombinedEvent(_post_build_start, _post_build_end)

    def on_build_error(self, error: Exception) -> None:
        self.strategy.close()
        self.publication.abandon()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.context is not None:
            for path in self.context.settings.source_paths():
                if path.exists():
                    server.watch(str(path))
        return server

    def on_shutdown(self) -> None:
        if self.memos is not None:
            self.memos.close()
