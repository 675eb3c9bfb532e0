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
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.speed.gcpolicy import freeze_long_lived, release_free_memory
from legacy_archive.core.speed.timings import StageTimer

from .engine import (
    captured_log,
    page_in_place_of,
    quiet_stand_ins,
    read_page,
    unmet_expectations,
    write_page,
)
from .serve_cache import ServeCache, link_or_copy, page_inputs, with_site_inputs

DEFERRED_TEMPLATE = "archive-deferred-page.html"
"""Template of the stand-ins: empty, so the engine writes nothing for them."""
MIN_RECORDS_FOR_WORKERS = 200
"""Below this, forking costs more than it saves (the demo has 31 records)."""


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


_WORKER_JOB: RenderJob | None = None
"""Set only inside a forked worker, by the pool's initializer; never in the engine's process."""


def _adopt(job: RenderJob) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _render_run(start: int, stop: int) -> ShareResult:
    """A run of neighbouring record pages: their objects lie together in memory, so a
    worker writes to (and so copies) few of the memory pages it shares with the engine."""
    assert _WORKER_JOB is not None
    return render_pages(_WORKER_JOB, _WORKER_JOB.pages[start:stop])


def runs(count: int, workers: int) -> list[tuple[int, int]]:
    """Runs small enough to keep every worker busy to the end, large enough to stay local."""
    size = max(8, -(-count // (workers * 32)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _result_of(future: Future[ShareResult]) -> ShareResult:
    """A run's result; a worker that died (killed, out of memory) fails the build plainly."""
    try:
        return future.result()
    except BrokenProcessPool:
        return ShareResult(
            error="a process rendering record pages stopped unexpectedly (killed, or out of "
            "memory?); build again, or set `render_workers: 1` under the archive plugin"
        )


class ForkedWorkers(InProcess):
    """Record pages are rendered by forked workers and, at the end, by this process too."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[ShareResult]] = []
        self.runs: list[tuple[int, int]] = []
        self.warm = ShareResult()
        """Record pages rendered here before the workers start."""

    def start(self, job: RenderJob, blocks: dict[str, tuple[str, ...]]) -> None:
        super().start(job, blocks)
        if not job.pages:
            return
        # One page of each collection first, here: the templates it compiles are then
        # inherited by every worker instead of compiled again in each.
        first = {file.src_uri.split("/", 1)[0]: file for file in reversed(job.pages)}
        warm = set(first.values())
        self.warm = render_pages(job, [file for file in job.pages if file in warm])
        job.pages = [file for file in job.pages if file not in warm]
        if self.warm.error:
            return
        # Frozen objects are out of the collector's sight, so workers do not copy the
        # pages they share with this process just to scan them.
        freeze_long_lived()
        release_free_memory()
        # This process is one of the renderers: it takes runs back once its own pages
        # are written (see `render`), so one process fewer holds a copy of the build.
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers - 1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_adopt,
            initargs=(job,),  # inherited through fork, not pickled
        )
        self.runs = runs(len(job.pages), self.workers)
        self.futures = [self.pool.submit(_render_run, start, stop) for start, stop in self.runs]
        for file in self.deferred:
            file.content_string = ""
            blocks.pop(file.src_uri, None)

    def render(self, job: RenderJob) -> list[ShareResult]:
        shares = [self.warm]
        # Here, last first, the runs no worker has started yet.
        for (start, stop), future in reversed(list(zip(self.runs, self.futures, strict=True))):
            if any(share.error for share in shares):
                future.cancel()
            elif future.cancel():
                shares.append(render_pages(job, job.pages[start:stop]))
        shares += [_result_of(future) for future in self.futures if not future.cancelled()]
        self.close_pool(wait=False)
        return shares

    def close_pool(self, wait: bool) -> None:
        if self.pool is not None:
            if wait:
                self.pool.shutdown(wait=True, cancel_futures=True)
            else:
                self.pool.shutdown()
            self.pool = None

    def close(self) -> None:
        super().close()
        self.close_pool(wait=True)


class ServeReuse(InProcess):
    """Record pages are rendered here, or copied from the previous `mkdocs serve` build."""

    emits_late = False
    serving = True

    def __init__(self, cache: ServeCache) -> None:
        super().__init__()
        self.cache = cache
        self.inputs: dict[str, str] = {}

    def start(self, job: RenderJob, blocks: dict[str, tuple[str, ...]]) -> None:
        super().start(job, blocks)
        for file in self.deferred:
            self.inputs[file.src_uri] = page_inputs(
                file.src_uri, file.content_string, blocks.get(file.src_uri, ())
            )

    def render(self, job: RenderJob) -> list[ShareResult]:
        fingerprints = with_site_inputs(self.inputs, job.config, job.nav, job.files)
        reused = ShareResult()
        stale: list[File] = []
        for file in self.deferred:
            cached = self.cache.get(file.src_uri, fingerprints[file.src_uri])
            if cached is None:
                stale.append(file)
                continue
            output = Path(file.abs_dest_path)
            output.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(self.cache.path(file.src_uri), output)
            reused.pages.append(cached)
        rendered = render_pages(job, stale)
        if not rendered.error:
            for result, file in zip(rendered.pages, stale, strict=False):
                self.cache.put(
                    file.src_uri, fingerprints[file.src_uri], result, Path(file.abs_dest_path)
                )
        return [rendered, reused]


def worker_count(setting: int, records: int) -> int:
    """Processes to render record pages with: the setting, or the CPUs this build may use
    (Linux only: workers are forked, which other systems lack or advise against)."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if setting:
        return setting
    if records < MIN_RECORDS_FOR_WORKERS:
        return 1
    return len(os.sched_getaffinity(0))


def choose_strategy(
    command: str, setting: int, records: int, serve_cache: Callable[[], ServeCache] | None
) -> EngineLoop:
    """The one way this build renders record pages (see the module docstring)."""
    if unmet_expectations():
        return EngineLoop()
    if command == "serve" and serve_cache is not None:
        return ServeReuse(serve_cache())
    if command not in ("build", "gh-deploy"):  # `--dirty` rebuilds only changed pages
        return EngineLoop()
    workers = worker_count(setting, records)
    if workers > 1:
        return ForkedWorkers(workers)
    if records >= MIN_RECORDS_FOR_WORKERS:
        return InProcess()
    return EngineLoop()
