"""Record pages rendered by forked worker processes (the `ForkedWorkers` strategy).

Workers are forked once every other page has been read, so they inherit the whole build
(config, nav, theme environment, compiled templates) instead of unpickling it; each takes
runs of neighbouring records while the engine writes the other pages, and the engine's
process then takes back the runs no worker has started.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from legacy_archive.core.speed.gcpolicy import freeze_long_lived, release_free_memory

from .rendering import InProcess, RenderJob, ShareResult, render_pages

MIN_RECORDS_FOR_WORKERS = 200
"""Below this, forking costs more than it saves (the demo has 31 records)."""


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
