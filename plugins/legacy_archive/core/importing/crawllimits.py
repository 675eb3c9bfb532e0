"""How much one crawl may read, and how gently: the limits a user can raise or lower.

Every limit is checked when the limits are made, so a bad value (a negative page count, an
infinite delay) is refused before the first request instead of making an endless crawl.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legacy_archive.core.importing.refusal import MB

__all__ = ["CrawlLimits"]


@dataclass(frozen=True)
class CrawlLimits:
    """How much one crawl may read, and how gently."""

    max_pages: int = 500
    """Page requests (each page counts once, its redirects included)."""
    max_depth: int = 5
    """Links followed from the start page (sitemap pages are at depth 1)."""
    max_bytes: int = 200 * MB
    """Bytes read in all (pages, robots.txt, sitemaps)."""
    max_seconds: float = 600.0
    """One total deadline for the whole crawl."""
    concurrency: int = 1
    """Requests in flight at once: 1 or 2."""
    delay_s: float = 0.0
    """Seconds between the starts of two requests."""
    page_bytes: int = 10 * MB
    page_deadline_s: float = 30.0
    wayback_prefixes: tuple[str, ...] = ()
    """Prefixes of Wayback-style services beyond web.archive.org (`https://host/web/`)."""
    wayback_delay_s: float = 1.0
    """The least delay between requests to a Wayback service: a shared public archive that
    answers a fast crawler with 429 Too Many Requests."""

    def __post_init__(self) -> None:
        for name in ("max_pages", "max_depth", "max_bytes", "page_bytes"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be 0 or more: {getattr(self, name)}")
        if not (math.isfinite(self.delay_s) and self.delay_s >= 0):
            raise ValueError(
                f"delay_s must be a finite number of seconds, 0 or more: {self.delay_s}"
            )
        if not (math.isfinite(self.wayback_delay_s) and self.wayback_delay_s >= 0):
            raise ValueError(
                f"wayback_delay_s must be a finite number of seconds, 0 or more: {self.wayback_delay_s}"
            )
        for name in ("max_seconds", "page_deadline_s"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number of seconds above 0: {value}")
        if self.concurrency not in (1, 2):
            raise ValueError(f"concurrency must be 1 or 2: {self.concurrency}")
