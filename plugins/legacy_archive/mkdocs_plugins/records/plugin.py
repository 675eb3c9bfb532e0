"""`archive` plugin: validates records before anything is written, then adds their pages.

A thin adapter: settings, loading, validation, the model and page content come from
`legacy_archive.core`; how record pages are rendered is a `rendering` strategy chosen once
per build; this file only moves them into the engine's events. Priorities run high to low;
-100 is "last" by convention, and each handler says why it has its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from legacy_archive.core.common.problems import sort_problems, summary_line
from legacy_archive.core.emit.environment import TemplateFailure
from legacy_archive.core.emit.find_data import find_data_files
from legacy_archive.core.emit.htmlblocks import put_back
from legacy_archive.core.emit.page_sources import PageSource
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.load.records import Record
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.model.archive import load_archive
from legacy_archive.core.publish.namespace import site_problems
from legacy_archive.core.publish.staging import Staging
from legacy_archive.core.speed.gcpolicy import freeze_long_lived, thaw
from legacy_archive.core.speed.template_cache import COMPILED
from legacy_archive.core.speed.timings import write_build_timings
from legacy_archive.core.validate.schema.check import SchemaChecker
from legacy_archive.mkdocs_plugins.context import BuildContext

from .config import ArchiveConfig
from .engine import WarningCounter
from .generated import add_attachments, add_data, add_pages
from .rendering import DEFERRED_TEMPLATE, EngineLoop, RenderJob, choose_strategy, is_deferred
from .safety import clean_record_page, footnotes_marker, page_policy, template_policy
from .serve_cache import PreviewMemos
from .settings import project_settings

log = get_plugin_logger("archive")


class RecordsPlugin(BasePlugin[ArchiveConfig]):
    """Turns record folders into validated, generated pages kept out of the nav."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.memos: PreviewMemos | None = None
        """Caches a `mkdocs serve` build keeps for the next (the plugin outlives rebuilds)."""
        self.counter = WarningCounter()
        self._reset()

    def _reset(self) -> None:
        self.context: BuildContext | None = None
        """This build's settings, archive and timer, shared with the other archive plugins."""
        self.staging: Staging | None = None
        self.checker: SchemaChecker | None = None
        self.strategy = EngineLoop()
        self.emitter: PageEmitter | None = None
        self.blocks: dict[str, tuple[str, ...]] = {}
        """HTML blocks the emitter set aside, by page source, until the page is rendered."""
        self.record_pages: dict[str, Record] = {}
        """Every record page's source, for cleaning its rendered body."""
        self.emit_later: dict[str, Record] = {}
        """Record pages emitted only when rendered (see `EngineLoop.emits_late`)."""
        self.nav: Any = None

    # Defining this also keeps the plugin alive across `mkdocs serve` rebuilds (MkDocs 1.4+).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = "dirty" if dirty else command
        self.memos = PreviewMemos() if command == "serve" else None

    # Last (-100): other plugins may move site_dir in their on_config; it is staged here.
    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        thaw()
        self.strategy.close()
        self._reset()
        if not self.config.enabled:
            return config
        self.context = BuildContext(self.command, project_settings(config, self.config))
        # A preview is never published, and its rebuilds reuse pages in place.
        if self.config.staging and not self.context.serving:
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.begin())
        self.counter.attach()
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
        problems = [*result.problems, *site_problems(result.archive, Path(config.config_file_path))]
        for problem in sort_problems(problems):
            log.warning(str(problem))
        if problems:
            summary = summary_line(problems, result.archive.count(), result.files_read)
            if config.strict:
                raise PluginError(
                    f"{summary} Build stopped before writing; the previous site is untouched."
                )
            log.warning(f"{summary} Records with problems are left out of this build.")

    # Default priority: the emit stage; the cms plugin (-50) reads what is added here.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.context is None or self.context.archive is None:
            return files
        archive, memos = self.context.archive, self.memos
        self.context.timer.mark("emit")
        emitter = PageEmitter(
            archive,
            self.checker,
            set_aside_html=True,
            memo=memos.page_sources if memos else None,
            footnotes_marker=footnotes_marker(config),
        )
        self.record_pages = {archive.page_path(r): r for r in archive.every_record()}
        self.strategy = choose_strategy(
            self.command,
            self.config.render_workers,
            archive.count(),
            memos.rendered_pages if memos else None,
        )
        try:
            # Emitted late, a record page's Markdown is made just before it is rendered (by
            # a worker, when there are workers): no process holds every record page at once.
            pages = emitter.pages(records=not self.strategy.emits_late)
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        if self.strategy.emits_late:
            later = [*archive.records(), *archive.withdrawn]
            self.emit_later, self.emitter = {archive.page_path(r): r for r in later}, emitter
            count = len(archive.collections)
            pages = [*pages[:count], *(PageSource(s, "") for s in self.emit_later), *pages[count:]]
        self.blocks = add_pages(
            files, config, pages, {f"{n}/index.md" for n in archive.collections}
        )
        add_data(files, config, find_data_files(archive))
        add_attachments(files, config, emitter.attachments())
        return files

    # Last (-100): every plugin's on_files (the emit stage) is done; pages render next.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.context is not None:
            self.context.timer.since("emit", "emit")
            self.context.timer.mark("render")
            self.strategy.defer(files, set(self.record_pages), config)
        self.nav = nav
        freeze_long_lived()
        return nav

    # Last (-100): other plugins' on_env are done, so rendering (and workers) see the final state.
    @event_priority(-100)
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = env.bytecode_cache or COMPILED
        if self.context is not None and self.strategy.defers:
            env.loader = jinja2.ChoiceLoader(
                [env.loader, jinja2.DictLoader({DEFERRED_TEMPLATE: ""})]
            )
            prepare = self._emit_record_page if self.emit_later else None
            job = RenderJob(config, files, self.nav, env, self.context.timer, prepare)
            self.strategy.start(job, self.blocks)
        return env

    def _emit_record_page(self, file: File) -> None:
        """Just before a record page is rendered (in a worker, with workers): its Markdown."""
        assert self.emitter is not None
        try:
            page = self.emitter.record_page(self.emit_later[file.src_uri])
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        file.content_string = page.content
        if page.blocks:
            self.blocks[page.src_uri] = page.blocks

    # Last (-100): every plugin has read the generated page's Markdown, so the file's copy
    # can go (~100 MB at 10,000 records).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by == "archive" and not is_deferred(page):
            page.file.content_string = ""
        return markdown

    # First (100): other plugins' on_page_content (notices, Robust Links) see cleaned pages.
    @event_priority(100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if is_deferred(page):
            return html
        if page.file.generated_by == "archive":
            page.markdown = ""  # rendered; not None, which would also blank its title
        record = self.record_pages.get(page.file.src_uri)
        if record is not None:
            # Before the template's blocks go back, so only the body's own HTML is cleaned.
            html, problems = clean_record_page(html, page, record)
            for problem in problems:
                log.warning(f"{problem}; it was removed from the page")
        return put_back(html, self.blocks.pop(page.file.src_uri, ()))

    # Last (-100): after the engine's last page the record pages are collected, before the
    # engine checks anchor links across pages.
    @event_priority(-100)
    def _collect_record_pages(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri == self.strategy.last:
            self.strategy.finish()
        return output

    # After every other on_post_page (-110): the policy hashes inline scripts as served.
    @event_priority(-110)
    def _page_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled or is_deferred(page):
            return output
        return page_policy(output, page, serving=self.command == "serve")

    on_post_page = CombinedEvent(_collect_record_pages, _page_policy)

    # As `_page_policy` (-110), for the 404 page: a theme template, not a page.
    @event_priority(-110)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return template_policy(output_content, serving=self.command == "serve")

    # First (100): every page is written, so the render stage ends before post-build work.
    @event_priority(100)
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
    @event_priority(-100)
    def _post_build_end(self, config: MkDocsConfig) -> None:
        self.strategy.close()
        self.counter.detach()
        if self.context is not None:
            write_build_timings(self.context.timer)
        if self.staging is None:
            return
        if config.strict and self.counter.count:
            self.staging.abandon()
            log.info("strict mode will fail this build: the previous site is left untouched")
            return
        self.staging.commit()

    on_post_build = CombinedEvent(_post_build_start, _post_build_end)

    def on_build_error(self, error: Exception) -> None:
        self.strategy.close()
        self.counter.detach()
        if self.staging is not None:
            self.staging.abandon()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.context is not None:
            for path in self.context.settings.source_paths():
                if path.exists():
                    server.watch(str(path))
        return server

    def on_shutdown(self) -> None:
        if self.memos is not None:
            self.memos.close()
