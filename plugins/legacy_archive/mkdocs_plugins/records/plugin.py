"""`archive` plugin: validates records before anything is written, then adds their pages.

A thin adapter: loading, validation, the model and page content all come from
`legacy_archive.core`; this file only moves them into MkDocs' events.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.archive import Archive, load_archive
from legacy_archive.core.find_data import find_data_files
from legacy_archive.core.gcpolicy import freeze_long_lived, thaw
from legacy_archive.core.htmlblocks import put_back
from legacy_archive.core.pages import PageEmitter, TemplateFailure
from legacy_archive.core.problems import summary_line
from legacy_archive.core.publish import Staging
from legacy_archive.core.schemas import SchemaChecker
from legacy_archive.core.settings import ProjectSettings, config_problems, settings_from_options
from legacy_archive.core.timings import StageTimer, timings_file

from .config import ArchiveConfig

log = get_plugin_logger("archive")


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

    # Runs late (-100) so other plugins have adjusted site_dir before it is staged.
    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        thaw()
        self.settings, self.archive, self.staging = None, None, None
        self.checker = None
        self.blocks = {}
        self.timer = StageTimer()
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).parent.resolve()
        keys: tuple[str, ...] = ("data_file", "schemas_dir", "templates_dir", "default_licence")
        keys += ("collections",)
        keys += ("programme", "redirects", "url_ledger")
        options: dict[str, Any] = {k: self.config[k] for k in keys}
        self.settings, errors = settings_from_options(root, options)
        if errors or self.settings is None:
            config_file = Path(config.config_file_path)
            problems = config_problems(
                config_file.name, config_file.read_text(encoding="utf-8"), errors
            )
            raise PluginError("invalid archive settings:\n" + "\n".join(map(str, problems)))
        if self.config.staging:
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
        result = load_archive(self.settings, self.timer)
        self.checker = result.checker
        self.archive = result.archive
        freeze_long_lived()
        for problem in result.problems:
            log.warning(str(problem))
        if result.problems:
            summary = summary_line(result.problems, result.archive.count(), result.files_read)
            if config.strict:
                raise PluginError(
                    f"{summary} Build stopped before writing; the previous site is untouched."
                )
            log.warning(f"{summary} Records with problems are left out of this build.")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.archive is None:
            return files
        self.timer.mark("emit")
        emitter = PageEmitter(self.archive, self.checker, set_aside_html=True)
        listings = {f"{name}/index.md" for name in self.archive.collections}
        try:
            pages = emitter.pages()
        except TemplateFailure as error:
            raise PluginError(str(error)) from None
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
        for attachment in emitter.attachments():
            files.append(
                File.generated(
                    config,
                    attachment.src_uri,
                    abs_src_path=str(attachment.abs_path),
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            )
        return files

    # Runs last (-100): every plugin's on_files (the emit stage) is done; pages render next.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        freeze_long_lived()
        self.timer.since("emit", "emit")
        self.timer.mark("render")
        return nav

    # Runs first (100): pages are all written, so the render stage ends here.
    @event_priority(100)
    def _post_build_start(self, config: MkDocsConfig) -> None:
        self.timer.since("render", "render")
        self.timer.mark("post-build")

    # Runs last (-100): every plugin has read the generated page's Markdown, so the copy
    # the file holds can go (~100 MB at 10,000 records).
    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.generated_by == "archive":
            page.file.content_string = ""
        return markdown

    # Runs first (100): other plugins' on_page_content (notices, Robust Links) see whole pages.
    @event_priority(100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by == "archive":
            page.markdown = ""  # rendered; not None, which would also blank its title
        return put_back(html, self.blocks.pop(page.file.src_uri, ()))

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

    def _detach(self) -> None:
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).removeHandler(self.counter)
