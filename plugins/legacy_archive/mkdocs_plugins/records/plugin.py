"""`archive` plugin: validates records before anything is written, then adds their pages.

A thin adapter: loading, validation, the model and page content all come from
`legacy_archive.core`; this file only moves them into MkDocs' events.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.common.problems import sort_problems, summary_line
from legacy_archive.core.config.settings import (
    ProjectSettings,
    SiteLayout,
    config_problems,
    settings_from_options,
)
from legacy_archive.core.emit.environment import TemplateFailure
from legacy_archive.core.emit.find_data import find_data_files
from legacy_archive.core.emit.htmlblocks import put_back
from legacy_archive.core.emit.page_sources import PageSource
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.emit.record_page_memo import PageMemo
from legacy_archive.core.load.records import Record
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.model.archive import Archive, LoadMemo, load_archive
from legacy_archive.core.publish.namespace import site_problems
from legacy_archive.core.publish.staging import Staging
from legacy_archive.core.speed.gcpolicy import freeze_long_lived, thaw
from legacy_archive.core.speed.template_cache import COMPILED
from legacy_archive.core.speed.timings import StageTimer, timings_file
from legacy_archive.core.validate.schema.check import SchemaChecker

from .config import ArchiveConfig
from .deferred import (
    DEFERRED_TEMPLATE,
    RecordRenderer,
    ServeCache,
    is_deferred,
    renders_records_itself,
    worker_count,
)
from .safety import clean_record_page, footnotes_marker, page_policy, template_policy

log = get_plugin_logger("archive")


def _site_layout(config: MkDocsConfig, root: Path) -> SiteLayout:
    """What the core's checks need of the engine's configuration."""

    def folder(plugin: str, option: str) -> str:
        instance = config.plugins.get(plugin)
        options = getattr(instance, "config", None)
        if options is None or not options.get("enabled", True):
            return ""
        return str(options.get(option, "")).strip("/")

    docs = Path(config.docs_dir).resolve()
    return SiteLayout(
        docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
        markdown_extensions=tuple(str(name) for name in config.markdown_extensions),
        admin_dir=folder("archive-cms", "admin_dir"),
        search_dir=folder("archive-search", "output_subdir"),
    )


class _WarningCounter(logging.Handler):
    """Counts warnings from the engine during one build, to know if strict mode will fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class RecordsPlugin(BasePlugin[ArchiveConfig]):
    """Turns record folders into validated, generated pages kept out of the nav."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: ProjectSettings | None = None
        self.archive: Archive | None = None
        self.checker: SchemaChecker | None = None
        self.blocks: dict[str, tuple[str, ...]] = {}
        """HTML blocks the emitter set aside, by page source, until the page is rendered."""
        self.staging: Staging | None = None
        self.counter = _WarningCounter()
        self.timer = StageTimer()
        """Stage timings of this build; the other archive plugins add theirs here."""
        self.command = "build"
        self.load_memo: LoadMemo | None = None
        """Records parsed and checked by the last `mkdocs serve` build."""
        self.page_memo: PageMemo | None = None
        """Record page sources emitted by the last `mkdocs serve` build."""
        self.serve_cache: ServeCache | None = None
        """Record pages of the last `mkdocs serve` build (the plugin outlives rebuilds)."""
        self.renderer: RecordRenderer | None = None
        self.workers = 1
        self.deferring = False
        """Whether this build renders record pages itself (see `renders_records_itself`)."""
        self.emitter: PageEmitter | None = None
        self.emit_later: dict[str, Record] = {}
        """Record pages the render workers emit themselves, by page source."""
        self.record_pages: dict[str, Record] = {}
        """Every record page's source, for cleaning its rendered body."""
        self.nav: Any = None
        self.files: Files | None = None

    # Defining this also keeps the plugin alive across `mkdocs serve` rebuilds (MkDocs 1.4+),
    # which is what lets the serve cache outlive one build.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = "dirty" if dirty else command

    # Runs late (-100) so other plugins have adjusted site_dir before it is staged.
    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        thaw()
        self.settings, self.archive, self.staging = None, None, None
        self.checker = None
        self.blocks = {}
        self.timer = StageTimer()
        self.emitter, self.emit_later = None, {}
        self._close_renderer()
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent.resolve()
        keys: tuple[str, ...] = ("data_file", "schemas_dir", "templates_dir", "default_licence")
        keys += ("collections",)
        keys += ("programme", "redirects", "url_ledger")
        options: dict[str, Any] = {k: self.config[k] for k in keys}
        self.settings, errors = settings_from_options(root, options)
        if self.settings is not None:
            self.settings = replace(self.settings, site=_site_layout(config, root))
        if errors or self.settings is None:
            config_file = Path(config.config_file_path)
            problems = config_problems(
                config_file.name, config_file.read_text(encoding="utf-8"), errors
            )
            raise PluginError("invalid archive settings:\n" + "\n".join(map(str, problems)))
        # A preview is never published, and its rebuilds reuse pages in place.
        if self.config.staging and self.command != "serve":
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.begin())
        self.counter.count = 0
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).addHandler(self.counter)
        return config

    # Validation runs before MkDocs cleans site_dir, so bad content never costs the old site.
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.settings is None:
            return
        if self.command == "serve":
            self.load_memo = self.load_memo or LoadMemo()
        result = load_archive(self.settings, self.timer, self.load_memo)
        self.checker = result.checker
        self.archive = result.archive
        freeze_long_lived()
        problems = sort_problems(
            [*result.problems, *site_problems(result.archive, Path(config.config_file_path))]
        )
        for problem in problems:
            log.warning(str(problem))
        if problems:
            summary = summary_line(problems, result.archive.count(), result.files_read)
            if config.strict:
                raise PluginError(
                    f"{summary} Build stopped before writing; the previous site is untouched."
                )
            log.warning(f"{summary} Records with problems are left out of this build.")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.archive is None:
            return files
        self.timer.mark("emit")
        if self.command == "serve":
            self.page_memo = self.page_memo or PageMemo()
        emitter = PageEmitter(
            self.archive,
            self.checker,
            set_aside_html=True,
            memo=self.page_memo,
            footnotes_marker=footnotes_marker(config),
        )
        self.record_pages = {self.archive.page_path(r): r for r in self.archive.every_record()}
        listings = {f"{name}/index.md" for name in self.archive.collections}
        self.workers, self.deferring = 1, False
        if self.command in ("build", "gh-deploy"):
            self.workers = worker_count(self.config.render_workers, self.archive.count())
            self.deferring = renders_records_itself(self.workers, self.archive.count())
        try:
            # Record pages are emitted just before each is rendered (by a worker, when there
            # are workers): the emit work is shared, and no process ever holds every record
            # page's Markdown at once.
            pages = emitter.pages(records=not self.deferring)
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        if self.deferring:
            later = list(self.archive.records()) + list(self.archive.withdrawn)
            self.emit_later = {self.archive.page_path(r): r for r in later}
            self.emitter = emitter
            stand_ins = [PageSource(source, "") for source in self.emit_later]
            count = len(self.archive.collections)
            pages = pages[:count] + stand_ins + pages[count:]
        for page in pages:
            inclusion = (
                InclusionLevel.UNDEFINED
                if page.src_uri in listings or page.in_nav
                else InclusionLevel.NOT_IN_NAV
            )
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(
                File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            )
            if page.blocks:
                self.blocks[page.src_uri] = page.blocks
        for path, text in find_data_files(self.archive):
            files.append(
                File.generated(config, path, content=text, inclusion=InclusionLevel.NOT_IN_NAV)
            )
        hidden = InclusionLevel.NOT_IN_NAV
        for attachment in emitter.attachments():
            if attachment.content is not None:  # an SVG image, published as cleaned
                file = File.generated(
                    config, attachment.src_uri, content=attachment.content, inclusion=hidden
                )
            else:
                file = File.generated(
                    config,
                    attachment.src_uri,
                    abs_src_path=str(attachment.abs_path),
                    inclusion=hidden,
                )
            files.append(file)
        return files

    # Runs last (-100): every plugin's on_files (the emit stage) is done; pages render next.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self.timer.since("emit", "emit")
        self.timer.mark("render")
        self.nav = nav
        if self.archive is not None and self.command != "dirty":
            self._defer_record_pages(files)
        freeze_long_lived()
        return nav

    def _defer_record_pages(self, files: Files) -> None:
        """Leave record pages to a `RecordRenderer` (see `deferred`) when that helps."""
        assert self.archive is not None
        if self.command == "serve":
            self.serve_cache = self.serve_cache or ServeCache()
        elif not self.deferring:
            return
        timer = self.timer
        self.renderer = RecordRenderer(
            self.workers,
            self.serve_cache if self.command == "serve" else None,
            lambda: timer.seconds.get("record extras", 0.0),
            self._emit_record_page if self.emit_later else None,
        )
        sources = {self.archive.page_path(r) for r in self.archive.every_record()}
        self.renderer.defer(files, sources)

    def _emit_record_page(self, file: File) -> None:
        """In a render worker: the record page's Markdown, just before it is rendered."""
        assert self.emitter is not None
        try:
            page = self.emitter.record_page(self.emit_later[file.src_uri])
        except (TemplateFailure, SourceChanged) as error:
            raise PluginError(str(error)) from None
        file.content_string = page.content
        if page.blocks:
            self.blocks[page.src_uri] = page.blocks

    # Runs last (-100): other plugins' on_env are done, so workers inherit the final state.
    @event_priority(-100)
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = env.bytecode_cache or COMPILED
        if self.renderer is None:
            return env
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({DEFERRED_TEMPLATE: ""})])
        self.files = files
        self.renderer.start(config, files, self.nav, env, self.blocks)
        return env

    # The engine writes pages in order; after its last one the record pages are collected,
    # before the engine checks anchor links across pages.
    @event_priority(-100)
    def _collect_record_pages(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        renderer = self.renderer
        if renderer is not None and self.files is not None and page.file.src_uri == renderer.last:
            renderer.finish(config, self.files, self.nav)
        return output

    # Runs first (100): pages are all written, so the render stage ends here.
    @event_priority(100)
    def _post_build_start(self, config: MkDocsConfig) -> None:
        self.timer.since("render", "render")
        self.timer.mark("post-build")
        renderer = self.renderer
        if renderer is not None:
            if renderer.error:
                raise PluginError(renderer.error)
            # Workers' record extras ran side by side: their share of the wall time.
            self.timer.add("record extras", renderer.extras / renderer.workers)

    # Runs last (-100): every plugin has read the generated page's Markdown, so the copy
    # the file holds can go (~100 MB at 10,000 records).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by == "archive" and not is_deferred(page):
            page.file.content_string = ""
        return markdown

    # Runs first (100): other plugins' on_page_content (notices, Robust Links) see whole pages.
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

    # Runs after every other plugin's on_post_page (-100 is "last" by convention): the
    # policy hashes the page's inline scripts as they will be served.
    @event_priority(-110)
    def _page_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled or is_deferred(page):
            return output
        return page_policy(output, page, serving=self.command == "serve")

    on_post_page = CombinedEvent(_collect_record_pages, _page_policy)

    # The 404 page is a theme template, not a page: its policy is added here.
    @event_priority(-110)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return template_policy(output_content, serving=self.command == "serve")

    def on_shutdown(self) -> None:
        if self.serve_cache is not None:
            self.serve_cache.close()
            self.serve_cache = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.settings is not None:
            root = self.settings.root
            watched = [
                self.settings.data_file,
                self.settings.schemas_dir,
                self.settings.templates_dir,
            ]
            watched += [spec.directory for spec in self.settings.collections]
            for path in watched:
                if (root / path).exists():
                    server.watch(str(root / path))
        return server

    # Runs last (-100): every other plugin has written its files before the swap.
    @event_priority(-100)
    def _post_build_end(self, config: MkDocsConfig) -> None:
        self._close_renderer()
        self._detach()
        self._write_timings()
        if self.staging is None:
            return
        if config.strict and self.counter.count:
            self.staging.abandon()
            log.info("strict mode will fail this build: the previous site is left untouched")
            return
        self.staging.commit()

    on_post_build = CombinedEvent(_post_build_start, _post_build_end)

    def on_build_error(self, error: Exception) -> None:
        self._close_renderer()
        self._detach()
        if self.staging is not None:
            self.staging.abandon()

    def _write_timings(self) -> None:
        target = timings_file()
        if target is None:
            return
        timer = self.timer
        timer.since("post-build", "post-build")
        for inner, outer in (("record extras", "render"), ("search index", "post-build")):
            timer.add(outer, -timer.seconds.get(inner, 0.0))
        timer.write(target)

    def _close_renderer(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None

    def _detach(self) -> None:
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).removeHandler(self.counter)
