"""How a build renders its record pages: one strategy, chosen once per build.

MkDocs renders pages one after another on one core, and at 10,000 records that loop is
most of the build. Record pages are independent of each other, so all but the first
strategy give the engine's loop a stand-in for each (a `DeferredPage` that renders to
nothing and is not written) and render the real pages with the engine's own page
functions and plugin events (see `engine`):

- `EngineLoop`: the engine renders them like any page (small archives, `--dirty`, or an
  engine whose internals changed);
- `InProcess`: after the engine's last page, in its process, letting go of each page once
  written (the engine's loop keeps every page until the build ends: at 10,000 records
  577 MB for one process, against the baseline's 305 MB);
- `ForkedWorkers`: worker processes forked once every other page has been read take runs
  of neighbouring records while the engine writes the other pages; then the engine's
  process takes back the runs no worker has started (so N CPUs need N - 1 workers, and one
  copy of the build fewer is held in memory);
- `ServeReuse`: under `mkdocs serve`, in the serving process, copying a page whose inputs
  did not change from the previous build instead of rendering it again (`serve_cache`).

Whatever rendering logs is handed back and logged again by the engine, so warnings count
in strict mode and read as they would have. Anchors each record page holds and links to
go back to the stand-ins before the engine checks anchor links.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.speed.timings import StageTimer

from .engine import (
    captured_log,
    page_in_place_of,
    quiet_stand_ins,
    read_page,
    write_page,
)

DEFERRED_TEMPLATE = "archive-deferred-page.html"
"""Template of the stand-ins: empty, so the engine writes nothing for them."""


class DeferredPage(Page):
    """Stands in for a record page in the engine's loop: reads nothing, renders nothing."""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", {"template": DEFERRED_TEMPLATE}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", []  # type: ignore[assignment]
        self.present_anchor_ids = set()


def is_deferred(page: Page) -> bool:
    """Whether the page is a stand-in (plugins leave it alone: it is rendered later)."""
    return isinstance(page, DeferredPage)


@dataclass
class PageResult:
    """What the engine needs back from a rendered record page."""

    src_uri: str
    anchors: list[str]
    """Anchor ids the page holds, for other pages' links to check against."""
    links: dict[str, dict[str, str]]
    """Its links to anchors in other pages: target src_uri -> {anchor: original link}."""
    messages: list[tuple[str, int, str]]
    """What rendering it logged: logger name, level, message."""


@dataclass
class ShareResult:
    pages: list[PageResult] = field(default_factory=list)
    error: str = ""
    """Why rendering stopped, when it failed (a page template error, say)."""
    extras_seconds: float = 0.0
    """Seconds spent in the `record extras` stage, for the stage timings."""


@dataclass
class RenderJob:
    """Everything rendering needs; a worker inherits it through fork rather than a pickle."""

    config: MkDocsConfig
    files: Files
    nav: Any
    env: Any
    timer: StageTimer
    prepare: Callable[[File], None] | None
    """Gives a record page its Markdown just before it is rendered."""
    doc_files: list[File] = field(default_factory=list)
    """The pages the engine writes, in its order."""
    pages: list[File] = field(default_factory=list)
    """The record pages still to render."""


def render_pages(job: RenderJob, files: list[File]) -> ShareResult:
    """Render record pages with the engine's own functions and every plugin event; each
    real page is dropped once written, and its stand-in put back in the file."""
    result = ShareResult()
    before = job.timer.seconds.get("record extras", 0.0)
    for file in files:
        stand_in = file.page
        assert stand_in is not None
        page = page_in_place_of(Page, stand_in, job.config)
        with captured_log() as messages:
            try:
                if job.prepare is not None:
                    job.prepare(file)
                read_page(page, job.config, job.files)
                write_page(page, job.config, job.doc_files, job.nav, job.env)
            except PluginError as error:  # already names the file and line
                result.error = str(error)
            except Exception as error:  # handed back to the engine, which stops the build
                result.error = f"Error building page '{file.src_uri}': {error}"
        links = {
            target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()
        }
        result.pages.append(
            PageResult(file.src_uri, sorted(page.present_anchor_ids or ()), links, messages)
        )
        file.page = stand_in
        if result.error:
            break
    result.extras_seconds = job.timer.seconds.get("record extras", 0.0) - before
    return result


class EngineLoop:
    """Record pages are rendered by the engine's own loop, like any other page."""

    defers = False
    """Whether the engine's loop gets stand-ins for the record pages."""
    emits_late = False
    """Whether record pages get their Markdown only when rendered (`RenderJob.prepare`)."""
    serving = False

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.error = ""
        """Why a record page failed, for the plugin to stop the build with."""
        self.extras = 0.0
        """Seconds of the `record extras` stage spent outside the engine's loop."""
        self.last = ""
        """The page the engine writes last: the record pages are collected after it."""

    def defer(self, files: Files, record_sources: set[str], config: MkDocsConfig) -> None:
        """Give the engine stand-ins for the record pages (once pages exist, in on_nav)."""

    def start(self, job: RenderJob, blocks: dict[str, tuple[str, ...]]) -> None:
        """Every page has been read: start rendering record pages (in on_env)."""

    def finish(self) -> None:
        """The engine's loop is over: collect the record pages, before anchors are checked."""

    def close(self) -> None:
        """Stop whatever a failed build left running."""


class InProcess(EngineLoop):
    """Record pages are rendered here, after the engine's last page."""

    defers = True
    emits_late = True

    def __init__(self, workers: int = 1) -> None:
        super().__init__(workers)
        self.deferred: list[File] = []
        self.job: RenderJob | None = None
        self.stack = ExitStack()

    def defer(self, files: Files, record_sources: set[str], config: MkDocsConfig) -> None:
        for file in files.documentation_pages():
            if file.src_uri in record_sources and file.page is not None:
                page_in_place_of(DeferredPage, file.page, config)
                self.deferred.append(file)
        self.stack.enter_context(quiet_stand_ins({file.src_uri for file in self.deferred}))

    def start(self, job: RenderJob, blocks: dict[str, tuple[str, ...]]) -> None:
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        job.doc_files = list(job.files.documentation_pages(inclusion=inclusion))
        job.pages = list(self.deferred)
        job.env.loader = jinja2.ChoiceLoader(
            [job.env.loader, jinja2.DictLoader({DEFERRED_TEMPLATE: ""})]
        )
        self.job = job
        self.last = job.doc_files[-1].src_uri if job.doc_files else ""

    def finish(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            self.hand_back(job.files, self.render(job))

    def render(self, job: RenderJob) -> list[ShareResult]:
        return [render_pages(job, job.pages)]

    def hand_back(self, files: Files, shares: list[ShareResult]) -> None:
        """Log what rendering logged and give the stand-ins their pages' anchors."""
        for share in shares:
            self.extras += share.extras_seconds
            self.error = self.error or share.error
            for result in share.pages:
                for name, level, message in result.messages:
                    logging.getLogger(name).log(level, message)
                file = files.get_file_from_path(result.src_uri)
                if file is not None and file.page is not None:
                    file.page.present_anchor_ids = set(result.anchors)
                    file.page.links_to_anchors = {
                        target: links
                        for uri, links in result.links.items()
                        if (target := files.get_file_from_path(uri)) is not None
                    }

    def close(self) -> None:
        self.job = None
        self.stack.close()
