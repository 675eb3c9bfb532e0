"""Stage timings of one build, for the benchmark to say where the time goes.

Light on purpose: a few `perf_counter` calls per stage, never per record. Written as JSON
only when the `ARCHIVE_TIMINGS` environment variable names a file, so ordinary builds
write nothing and stay reproducible.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMINGS_ENV = "ARCHIVE_TIMINGS"
STAGES = (
    "load",
    "validate",
    "model",
    "emit",
    "render",
    "record extras",
    "search index",
    "post-build",
)
"""The stages the benchmark prints, in build order. `render` is the engine's work on every
page (Markdown and theme); `record extras` is ours inside it (notices, Robust Links)."""


class StageTimer:
    """Adds up seconds per stage; `mark` and `since` time spans that cross engine events."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._marks: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def mark(self, name: str) -> None:
        self._marks[name] = time.perf_counter()

    def since(self, mark: str, stage: str) -> None:
        """Add the time since `mark` to `stage` (nothing if the mark was never set)."""
        if mark in self._marks:
            self.add(stage, time.perf_counter() - self._marks.pop(mark))

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.seconds, indent=2, sort_keys=True) + "\n", "utf-8")


def timings_file() -> Path | None:
    """Where to write this build's timings, if the benchmark asked for them."""
    value = os.environ.get(TIMINGS_ENV, "")
    return Path(value) if value else None


NESTED_STAGES = (("record extras", "render"), ("search index", "post-build"))
"""Stages timed inside another, whose seconds the outer stage must not count twice."""


def write_build_timings(timer: StageTimer) -> None:
    """At the end of a build: close the last stage, and write the timings if asked for."""
    target = timings_file()
    if target is None:
        return
    timer.since("post-build", "post-build")
    for inner, outer in NESTED_STAGES:
        timer.add(outer, -timer.seconds.get(inner, 0.0))
    timer.write(target)
