"""Politeness shared by one run: how many requests an old server gets at once, and how often.

An old site often runs on a small shared host; an import must not be the load that takes it
down. One `Throttle` is shared by every fetch of a run (pages, robots.txt, sitemaps, files).
"""

from __future__ import annotations

import math
import threading
import time
from types import TracebackType

__all__ = ["Throttle"]


class Throttle:
    """Politeness shared by one run: at most `in_flight` requests at once, `delay_s` apart."""

    def __init__(self, in_flight: int = 1, delay_s: float = 0.0) -> None:
        if in_flight not in (1, 2):
            raise ValueError(f"in_flight must be 1 or 2 (a polite crawler): {in_flight}")
        if not (math.isfinite(delay_s) and delay_s >= 0):
            raise ValueError(f"delay_s must be a finite number of seconds, 0 or more: {delay_s}")
        self.in_flight = in_flight
        self.delay_s = delay_s
        self._slots = threading.BoundedSemaphore(in_flight)
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._busy = 0
        self.most_in_flight = 0
        """The most requests seen in flight at once (for tests and reports)."""

    def __enter__(self) -> Throttle:
        self._slots.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.delay_s
            self._busy += 1
            self.most_in_flight = max(self.most_in_flight, self._busy)
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._lock:
            self._busy -= 1
        self._slots.release()
