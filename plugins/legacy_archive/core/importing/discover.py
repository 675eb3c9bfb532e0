"""Where a crawl finds its pages besides links: robots.txt and the sitemaps it names.

robots.txt is read first: its rules decide what may be queued, its Crawl-delay slows the
shared throttle, and its Sitemap lines name the sitemaps (else `/sitemap.xml` is tried).
A sitemap the site names but cannot serve is a problem; a missing default one is not.
"""

from __future__ import annotations

from collections import deque
from urllib.parse import urljoin

from legacy_archive.core.importing.download import USER_AGENT, DownloadRefused
from legacy_archive.core.importing.frontier import Crawl, decode
from legacy_archive.core.importing.sitemap import MAX_SITEMAPS, read_robots, read_sitemap

__all__ = ["discover"]


def discover(crawl: Crawl) -> None:
    """robots.txt first (rules and Sitemap lines), then each sitemap, breadth first."""
    origin = crawl.site.origin
    try:
        got = crawl.get(f"{origin}/robots.txt", (), 512 * 1024)
        if got.content_type.startswith("text/"):
            crawl.robots = read_robots(decode(got))
            crawl.throttle.delay_s = max(crawl.throttle.delay_s, crawl.robots.delay(USER_AGENT))
    except DownloadRefused:
        pass  # no robots.txt: everything may be read
    pending = deque(crawl.robots.sitemaps or [f"{origin}/sitemap.xml"])
    seen: set[str] = set()
    while pending and len(seen) < MAX_SITEMAPS:
        address = urljoin(origin + "/", pending.popleft())
        if address in seen or not crawl.site.on_site(address):
            continue
        seen.add(address)
        try:
            got = crawl.get(address, ())
        except DownloadRefused as refused:
            if crawl.robots.sitemaps:  # a sitemap the site names must be there
                crawl.source.problems.append(f"{address}: sitemap: {refused}")
            continue
        found = read_sitemap(got.body, crawl.limits.page_bytes)
        if found.problem:
            crawl.source.problems.append(f"{address}: sitemap: {found.problem}")
        pending.extend(found.sitemaps)
        for page in found.pages:
            crawl.enqueue(page, 1)
