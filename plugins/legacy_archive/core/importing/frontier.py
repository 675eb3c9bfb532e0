"""The crawl under way: its queue of pages, what it has read, and what it may still spend.

Every fetch of a crawl goes through `Crawl.get`, which charges it to the crawl's bytes and
its one deadline; a fetch those stop is a `Spent` refusal (the page is left for a later run,
not reported broken). `Crawl.enqueue` is the one door into the queue: off-site, noise,
file and robots-disallowed addresses never reach it.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field

from legacy_archive.core.editors.addresses import IPNetwork
from legacy_archive.core.importing.crawllimits import CrawlLimits
from legacy_archive.core.importing.crawlsite import Site
from legacy_archive.core.importing.crawlurl import normalise, not_a_page
from legacy_archive.core.importing.download import (
    USER_AGENT,
    Downloaded,
    DownloadLimits,
    DownloadRefused,
    Throttle,
    fetch_file,
)
from legacy_archive.core.importing.items import Ignored, Source, SourceItem
from legacy_archive.core.importing.sitemap import Robots

__all__ = [
    "BUSY_WAIT_S",
    "HTML_TYPES",
    "MAX_BUSY_WAIT_S",
    "Crawl",
    "Spent",
    "decode",
    "try_page",
]

HTML_TYPES = ("text/html", "application/xhtml+xml")
BUSY_WAIT_S = 2.0
"""How long to wait before asking a busy server (429, 503) again, when it does not say."""
MAX_BUSY_WAIT_S = 10.0
"""A server asking for a longer wait gets its page reported as failed, not a stalled crawl."""


class Spent(DownloadRefused):
    """A fetch the crawl's own byte or time limit stopped: the page is left, not broken."""


@dataclass
class Crawl:
    """One crawl's state: limits and what is left of them, the queue, the pages read."""

    limits: CrawlLimits
    networks: tuple[IPNetwork, ...]
    site: Site
    source: Source
    throttle: Throttle
    deadline: float
    bytes_left: int
    robots: Robots = field(default_factory=Robots)
    items: dict[str, SourceItem] = field(default_factory=dict)
    """By the normalised original address of each page."""
    digests: dict[str, str] = field(default_factory=dict)
    queued: set[str] = field(default_factory=set)
    frontier: deque[tuple[str, int]] = field(default_factory=deque)
    pages_requested: int = 0
    out_of_time: bool = False
    hotlinks: set[tuple[str, str]] = field(default_factory=set)
    terms: dict[str, Counter[str]] = field(
        default_factory=lambda: {
            "page paths": Counter(),
            "tags": Counter(),
            "categories": Counter(),
        }
    )

    def get(self, url: str, types: tuple[str, ...], max_bytes: int | None = None) -> Downloaded:
        """One bounded fetch of an original address, charged to the crawl's bytes and time."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Spent(url, "not fetched (the crawl's time limit was reached)")
        if self.bytes_left <= 0:
            raise Spent(url, "not fetched (the crawl's byte limit was reached)")
        wanted = max_bytes or self.limits.page_bytes
        cap = min(wanted, self.bytes_left)
        try:
            got = fetch_file(
                self.site.fetch_url(url),
                limits=DownloadLimits(
                    max_bytes=cap, deadline_s=min(self.limits.page_deadline_s, left), types=types
                ),
                allowed_networks=self.networks,
                same_site=self.site.fetch_site,
                throttle=self.throttle,
            )
        except DownloadRefused as refused:
            if refused.too_big and cap < wanted:  # the crawl's bytes ran out, not the page's
                self.bytes_left = 0
                raise Spent(url, "not fetched (the crawl's byte limit was reached)") from None
            if refused.timed_out and left < self.limits.page_deadline_s:
                self.out_of_time = True
                raise Spent(
                    url, f"stopped at the crawl's time limit ({self.limits.max_seconds:g} s)"
                ) from None
            raise
        self.bytes_left -= len(got.body)
        return got

    def enqueue(self, url: str, depth: int) -> None:
        """Queue a link once, if it is a page of the site that robots.txt lets us read."""
        if depth > self.limits.max_depth:
            return
        normal = normalise(url)
        if normal is None or not self.site.on_site(normal):
            return
        normal = self.site.canonical(normal)
        if normal in self.queued:
            return
        if not_a_page(normal):
            return
        self.queued.add(normal)
        if not self.robots.allows(USER_AGENT, normal):
            self.source.ignored.append(Ignored(f"page: {normal}", "disallowed by robots.txt"))
            return
        self.frontier.append((normal, depth))


def decode(got: Downloaded) -> str:
    """The text of a fetched page: the header's charset, else a meta charset, else UTF-8."""
    charset = got.charset
    if not charset:
        head = got.body[:2048].decode("ascii", "replace")
        found = re.search(r"""<meta[^>]+charset=["']?([\w-]+)""", head, re.IGNORECASE)
        charset = found.group(1) if found else "utf-8"
    try:
        return got.body.decode(charset, "replace")
    except LookupError:
        return got.body.decode("utf-8", "replace")


def try_page(crawl: Crawl, page: str) -> Downloaded | DownloadRefused:
    """One page, asked again once when the server says it is busy (429, 503)."""
    for attempt in (1, 2):
        try:
            return crawl.get(page, HTML_TYPES)
        except Spent as spent:
            return spent
        except DownloadRefused as refused:
            if attempt == 2 or refused.status not in (429, 503):
                return refused
            asked = BUSY_WAIT_S if refused.retry_after is None else refused.retry_after
            wait = min(asked, MAX_BUSY_WAIT_S, crawl.deadline - time.monotonic())
            if wait < 0 or asked > MAX_BUSY_WAIT_S:
                return refused
            time.sleep(wait)
    raise AssertionError("unreachable")
