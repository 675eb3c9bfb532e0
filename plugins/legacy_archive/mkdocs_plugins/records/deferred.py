"""Record pages rendered outside the engine's page loop: on every core, or from a cache.

MkDocs renders pages one after another on one core, and at 10,000 records that loop is
most of the build. Record pages are independent of each other, so the engine's loop is
given a stand-in for each (a `DeferredPage` that renders to nothing and is not written),
and the real pages are rendered by `RecordRenderer` with the engine's own page functions
and plugin events:

- in `mkdocs build`, by worker processes forked once every other page has been read, which
  take runs of neighbouring records while the engine writes the other pages; then the
  engine's process takes back the runs no worker has started (so N CPUs need N - 1
  workers, and one copy of the build fewer is held in memory);
- in `mkdocs serve`, in the serving process, where a page whose inputs did not change since
  the last build is copied from the previous build instead of rendered again.

Whatever a worker logs is handed back and logged again by the engine, so warnings count
in strict mode and read as they would have. Anchors each record page holds and links to
go back to the stand-ins before the engine checks anchor links.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as engine
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.speed.gcpolicy import freeze_long_lived, release_free_memory

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


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.messages.append((record.name, record.levelno, record.getMessage()))


class _Captured:
    """While active, the engine's log goes to a list instead of its handlers."""

    def __init__(self) -> None:
        self.logger = logging.getLogger(engine.log.name.split(".")[0])
        self.capture = _Capture()

    def __enter__(self) -> _Capture:
        self.saved = (list(self.logger.handlers), self.logger.propagate)
        for handler in self.saved[0]:
            self.logger.removeHandler(handler)
        self.logger.addHandler(self.capture)
        self.logger.propagate = False
        return self.capture

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.capture)
        for handler in self.saved[0]:
            self.logger.addHandler(handler)
        self.logger.propagate = self.saved[1]


@dataclass
class _Job:
    """Everything a worker needs, inherited through fork rather than pickled."""

    config: MkDocsConfig
    files: Files
    nav: Any
    env: Any
    doc_files: list[File]
    deferred: list[File]
    extras_seconds: Any
    """Reads the `record extras` seconds of the current process's timer."""
    prepare: Callable[[File], None] | None
    """Gives a record page its Markdown just before it is rendered."""


_JOB: _Job | None = None


def _render(job: _Job, files: list[File]) -> ShareResult:
    """Render record pages with the engine's own functions and every plugin event."""
    result = ShareResult()
    before = job.extras_seconds()
    for file in files:
        page = file.page
        assert page is not None
        page.__class__ = Page
        with _Captured() as capture:
            try:
                if job.prepare is not None:
                    job.prepare(file)
                engine._populate_page(page, job.config, job.files)
                engine._build_page(page, job.config, job.doc_files, job.nav, job.env)
            except PluginError as error:  # already names the file and line
                result.error = str(error)
            except Exception as error:  # handed back to the engine, which stops the build
                result.error = f"Error building page '{file.src_uri}': {error}"
        result.pages.append(
            PageResult(
                file.src_uri,
                sorted(page.present_anchor_ids or ()),
                {
                    target.src_uri: dict(links)
                    for target, links in (page.links_to_anchors or {}).items()
                },
                capture.messages,
            )
        )
        # Back to a stand-in, so the engine's own loop writes nothing over the page, and
        # nothing of it kept: what the engine needs is in the result (~10 KB a page).
        page.__class__ = DeferredPage
        page.content, page.markdown, page.toc = "", "", []  # type: ignore[assignment]
        page.present_anchor_ids, page.links_to_anchors = None, None
        page.meta = {"template": DEFERRED_TEMPLATE}
        if result.error:
            break
    result.extras_seconds = job.extras_seconds() - before
    return result


def _render_run(start: int, stop: int) -> ShareResult:
    """A run of neighbouring record pages: their objects lie together in memory, so a
    worker writes to (and so copies) few of the memory pages it shares with the engine."""
    assert _JOB is not None
    return _render(_JOB, _JOB.deferred[start:stop])


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


def renders_records_itself(workers: int, records: int) -> bool:
    """Whether a build leaves record pages to a `RecordRenderer`: with workers, or alone
    once the archive is big, as the engine's own page loop keeps every page's Markdown,
    HTML and table of contents until the build ends (at 10,000 records 577 MB for one
    process, against the baseline's 305 MB), where the renderer lets go of each once written."""
    return workers > 1 or records >= MIN_RECORDS_FOR_WORKERS


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


class ServeCache:
    """Record pages of the previous `mkdocs serve` build, reused while their inputs hold.

    A page's output depends on its generated source (record, related records, vocabulary
    labels: all in the emitted Markdown and HTML blocks) and on what every page shares
    (mkdocs.yml, theme files, the nav, the set of pages). Both go into its fingerprint."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="archive-serve-"))
        self.entries: dict[str, tuple[str, PageResult]] = {}

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.entries.clear()

    def path(self, src_uri: str) -> Path:
        return self.folder / (hashlib.sha1(src_uri.encode("utf-8")).hexdigest() + ".html")

    def get(self, src_uri: str, fingerprint: str) -> PageResult | None:
        entry = self.entries.get(src_uri)
        if entry is None or entry[0] != fingerprint or not self.path(src_uri).exists():
            return None
        return entry[1]

    def put(self, src_uri: str, fingerprint: str, result: PageResult, output: Path) -> None:
        if output.exists():
            self.path(src_uri).unlink(missing_ok=True)
            _link_or_copy(output, self.path(src_uri))
            self.entries[src_uri] = (fingerprint, result)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows it: the engine never rewrites a page in
    place (each build starts from a cleaned folder), so the cached copy stays intact."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def shared_inputs(config: MkDocsConfig, nav: Any, files: Files) -> str:
    """A digest of what every page's output depends on besides its own source."""
    digest = hashlib.sha1()
    project = Path(config.config_file_path).resolve().parent
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(repr((config.site_url, sorted(config.extra.items(), key=str))).encode())
    # The project's theme overrides; installed themes do not change under a running server.
    for folder in config.theme.dirs:
        if not Path(folder).resolve().is_relative_to(project):
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    for page in getattr(nav, "pages", []):
        digest.update(f"{page.title}\0{page.url}\n".encode())
    for file in files.documentation_pages():
        digest.update(file.src_uri.encode() + b"\n")
    return digest.hexdigest()


class RecordRenderer:
    """Renders the deferred record pages of one build; see the module docstring."""

    def __init__(
        self,
        workers: int,
        cache: ServeCache | None,
        extras_seconds: Any,
        prepare: Callable[[File], None] | None = None,
    ) -> None:
        self.workers = workers
        self.prepare = prepare
        """Gives a record page its Markdown just before it is rendered (in the worker)."""
        self.cache = cache
        self.extras_seconds = extras_seconds
        self.deferred: list[File] = []
        self.fingerprints: dict[str, str] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[ShareResult]] = []
        self.runs: list[tuple[int, int]] = []
        self.extras = 0.0
        self.warm = ShareResult()
        """Record pages rendered here before the workers start (see `start`)."""
        self.error = ""
        """Why a record page failed, for the plugin to stop the build with."""
        self.last = ""
        """The page the engine writes last: the record pages are collected after it."""
        self.skipped = _SkippedPages(set())

    def defer(self, files: Files, record_sources: set[str]) -> None:
        """Give the engine stand-ins for record pages (call once pages exist, in on_nav)."""
        for file in files.documentation_pages():
            if file.src_uri in record_sources and file.page is not None:
                file.page.__class__ = DeferredPage
                self.deferred.append(file)
                self.skipped.sources.add(file.src_uri)
        engine.log.addFilter(self.skipped)

    def start(self, config: MkDocsConfig, files: Files, nav: Any, env: Any, blocks: Any) -> None:
        """Every other page has been read: start the workers (build) or take fingerprints
        (serve), then let go of the record sources this process no longer needs."""
        global _JOB
        inclusion = InclusionLevel.is_in_serve if self.cache else InclusionLevel.is_included
        doc_files = list(files.documentation_pages(inclusion=inclusion))
        self.last = doc_files[-1].src_uri if doc_files else ""
        _JOB = _Job(
            config,
            files,
            nav,
            env,
            doc_files,
            self.deferred,
            self.extras_seconds,
            self.prepare,
        )
        if self.cache is not None:
            for file in self.deferred:
                parts = [file.src_uri, file.content_string, *blocks.get(file.src_uri, ())]
                self.fingerprints[file.src_uri] = hashlib.sha1(
                    "\0".join(parts).encode("utf-8")
                ).hexdigest()
            return
        if self.workers > 1 and self.deferred:
            # One page of each collection first, here: the templates it compiles are then
            # inherited by every worker instead of compiled again in each.
            first = {file.src_uri.split("/", 1)[0]: file for file in reversed(self.deferred)}
            warm = set(first.values())
            self.warm = _render(_JOB, [file for file in self.deferred if file in warm])
            _JOB.deferred = [file for file in self.deferred if file not in warm]
            if self.warm.error:
                return
            # Frozen objects are out of the collector's sight, so workers do not copy the
            # pages they share with this process just to scan them.
            freeze_long_lived()
            release_free_memory()
            context = multiprocessing.get_context("fork")
            # This process is one of the renderers: it takes runs back once its own pages
            # are written (see `finish`), so one process fewer holds a copy of the build.
            self.pool = ProcessPoolExecutor(max_workers=self.workers - 1, mp_context=context)
            self.runs = runs(len(_JOB.deferred), self.workers)
            self.futures = [self.pool.submit(_render_run, start, stop) for start, stop in self.runs]
            for file in self.deferred:
                file.content_string = ""
                blocks.pop(file.src_uri, None)

    def finish(self, config: MkDocsConfig, files: Files, nav: Any) -> None:
        """Wait for the record pages, log what rendering them logged, and hand their
        anchors to the stand-ins (before the engine checks anchor links). A failure is
        kept in `error` for the plugin to raise once the engine's page loop is over."""
        global _JOB
        job, _JOB = _JOB, None
        if job is None:
            return
        if self.pool is not None or self.warm.pages:
            shares = [self.warm, *self._take_back_runs(job)]
            shares += [_result_of(future) for future in self.futures if not future.cancelled()]
            if self.pool is not None:
                self.pool.shutdown()
                self.pool = None
        elif self.cache is not None:
            shares = [self._render_or_reuse(job, config, files, nav)]
        else:
            shares = [_render(job, self.deferred)]
        for share in shares:
            self.extras += share.extras_seconds
            self.error = self.error or share.error
            for result in share.pages:
                for name, level, message in result.messages:
                    logging.getLogger(name).log(level, message)
                page = files.get_file_from_path(result.src_uri)
                if page is not None and page.page is not None:
                    page.page.present_anchor_ids = set(result.anchors)
                    page.page.links_to_anchors = {
                        target: links
                        for uri, links in result.links.items()
                        if (target := files.get_file_from_path(uri)) is not None
                    }

    def _take_back_runs(self, job: _Job) -> list[ShareResult]:
        """Render here, last first, the runs no worker has started yet."""
        taken: list[ShareResult] = []
        for (start, stop), future in reversed(list(zip(self.runs, self.futures, strict=True))):
            if any(share.error for share in taken):
                future.cancel()
            elif future.cancel():
                taken.append(_render(job, job.deferred[start:stop]))
        return taken

    def _render_or_reuse(
        self, job: _Job, config: MkDocsConfig, files: Files, nav: Any
    ) -> ShareResult:
        assert self.cache is not None
        shared = shared_inputs(config, nav, files)
        reused = ShareResult()
        stale: list[File] = []
        for file in self.deferred:
            fingerprint = hashlib.sha1(
                (shared + self.fingerprints[file.src_uri]).encode()
            ).hexdigest()
            self.fingerprints[file.src_uri] = fingerprint
            cached = self.cache.get(file.src_uri, fingerprint)
            if cached is None:
                stale.append(file)
                continue
            output = Path(file.abs_dest_path)
            output.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(self.cache.path(file.src_uri), output)
            reused.pages.append(cached)
        rendered = _render(job, stale)
        for result in rendered.pages:
            target = files.get_file_from_path(result.src_uri)
            if target is not None and not rendered.error:
                self.cache.put(
                    target.src_uri,
                    self.fingerprints[target.src_uri],
                    result,
                    Path(target.abs_dest_path),
                )
        rendered.pages += reused.pages
        return rendered

    def close(self) -> None:
        """Stop workers of a failed build and forget its stand-ins."""
        global _JOB
        _JOB = None
        engine.log.removeFilter(self.skipped)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _SkippedPages(logging.Filter):
    """Drops the engine's "Page skipped: '<src>'. Generated empty output." for stand-ins."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.sources = sources

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '") :].split("'", 1)[0] not in self.sources
