"""The one choice of how a build renders its record pages (see `rendering`)."""

from __future__ import annotations

from collections.abc import Callable

from .engine import unmet_expectations
from .rendering import EngineLoop, InProcess
from .serve_cache import ServeCache, ServeReuse
from .workers import MIN_RECORDS_FOR_WORKERS, ForkedWorkers, worker_count


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
