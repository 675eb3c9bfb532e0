"""Read an old website, live or as a Web Archive copy, into a `Source` of crawled pages.

Pages are found through robots.txt Sitemap lines or /sitemap.xml and through the site's
own links, breadth first, bounded in pages, depth, bytes and seconds, one or two requests at
a time (`download.Throttle`), robots.txt obeyed. Every request goes through
`download.fetch_file`: the same-site rule, the private-address refusal and the deadlines
apply to each. A crawl target that redirects off the site or to a private address, or does
not answer, ends the crawl at once with its reason and nothing read.

A Wayback target (`https://web.archive.org/web/<timestamp>/<original>`) is crawled through
the copy's raw (`id_`) addresses; every address recorded is the old site's own.

The crawl's parts: `crawllimits` (what it may spend), `crawlurl` (one spelling per page),
`crawlsite` (the old site or its copy), `frontier` (the queue and the bounded fetch),
`discover` (robots.txt, sitemaps), `pageread` (a fetched page into an item).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from legacy_archive.core.editors.addresses import IPNetwork
from legacy_archive.core.importing import wayback
from legacy_archive.core.importing.crawllimits import CrawlLimits
from legacy_archive.core.importing.crawlsite import Site
from legacy_archive.core.importing.crawlurl import FILE_EXTENSIONS, normalise
from legacy_archive.core.importing.discover import discover
from legacy_archive.core.importing.download import (
    Downloaded,
    DownloadRefused,
    Throttle,
    human_size,
    same_site_key,
)
from legacy_archive.core.importing.frontier import (
    BUSY_WAIT_S,
    HTML_TYPES,
    MAX_BUSY_WAIT_S,
    Crawl,
    Spent,
    try_page,
)
from legacy_archive.core.importing.items import Ignored, Source
from legacy_archive.core.importing.pageread import add_page

__all__ = [
    "BUSY_WAIT_S",
    "FILE_EXTENSIONS",
    "HTML_TYPES",
    "MAX_BUSY_WAIT_S",
    "CrawlLimits",
    "fetch_address",
    "normalise",
    "read_site",
]


def _start(
    url: str, limits: CrawlLimits, networks: tuple[IPNetwork, ...]
) -> tuple[Site, str] | str:
    """The site behind the target and its start page's address, or why it cannot be crawled."""
    copy = wayback.parse(url, limits.wayback_prefixes)
    original = copy.original if copy else url
    normal = normalise(original)
    if normal is None:
        return f"{url}: not a web page address (expected https://old.example/...)"
    parts = urlsplit(normal)
    site = Site(f"{parts.scheme}://{parts.netloc}", copy, limits.wayback_prefixes)
    return site, normal


def read_site(
    url: str, *, limits: CrawlLimits | None = None, allowed_networks: Iterable[IPNetwork] = ()
) -> Source:
    """Crawl the site at `url` within `limits`; problems and refusals are in the Source."""
    limits = limits or CrawlLimits()
    networks = tuple(allowed_networks)
    source = Source(kind="site", name=url)
    started = _start(url, limits, networks)
    if isinstance(started, str):
        source.problems.append(started)
        return source
    site, first = started
    crawl = Crawl(
        limits=limits,
        networks=networks,
        site=site,
        source=source,
        throttle=Throttle(
            limits.concurrency,
            max(limits.delay_s, limits.wayback_delay_s if site.copy else 0.0),
        ),
        deadline=time.monotonic() + limits.max_seconds,
        bytes_left=limits.max_bytes,
    )
    source.throttle = crawl.throttle  # the site's files are fetched at the pages' pace
    got = try_page(crawl, first)
    if isinstance(got, DownloadRefused):
        source.problems.append(f"{url}: {got}")
        return source
    landed = normalise(site.original(got.final_url)) or first
    if not site.on_site(landed):
        source.problems.append(
            f"{url}: redirects off the site to {landed} (expected a page on {site.origin})"
        )
        return source
    landed_parts = urlsplit(landed)
    site.origin = f"{landed_parts.scheme}://{landed_parts.netloc}"
    source.site_url = site.origin + "/"
    crawl.queued |= {first, site.canonical(first), site.canonical(landed)}
    crawl.pages_requested = 1
    discover(crawl)
    add_page(crawl, first, got, 0)
    _run(crawl)
    _finish(crawl)
    return source


def _run(crawl: Crawl) -> None:
    """Fetch the frontier in waves of `concurrency` pages, handled in queue order."""
    limits = crawl.limits
    fetch: Callable[[str], Downloaded | DownloadRefused] = lambda page: try_page(crawl, page)  # noqa: E731
    with ThreadPoolExecutor(max_workers=limits.concurrency) as pool:
        while crawl.frontier:
            if crawl.pages_requested >= limits.max_pages:
                _stopped(crawl, f"the page limit ({limits.max_pages})")
                return
            if time.monotonic() >= crawl.deadline or crawl.out_of_time:
                _stopped(crawl, f"the time limit ({limits.max_seconds:g} s)")
                return
            if crawl.bytes_left <= 0:
                _stopped(crawl, f"the byte limit ({human_size(limits.max_bytes)})")
                return
            room = min(limits.concurrency, limits.max_pages - crawl.pages_requested)
            wave: list[tuple[str, int]] = []
            while crawl.frontier and len(wave) < room:
                entry = crawl.frontier.popleft()
                if entry[0] not in crawl.items:  # reached already through a redirect
                    wave.append(entry)
            if not wave:
                continue
            crawl.pages_requested += len(wave)
            results = list(pool.map(fetch, [page for page, _ in wave]))
            spent = [entry for entry, r in zip(wave, results, strict=True) if isinstance(r, Spent)]
            crawl.frontier.extendleft(reversed(spent))
            for (page, depth), result in zip(wave, results, strict=True):
                if isinstance(result, Spent):
                    continue
                if isinstance(result, DownloadRefused):
                    _failed(crawl, page, result)
                else:
                    add_page(crawl, page, result, depth)


def _failed(crawl: Crawl, page: str, refused: DownloadRefused) -> None:
    last = crawl.site.original(refused.redirects[-1]) if refused.redirects else ""
    if last and not crawl.site.on_site(last):  # a link that leaves the site: not a page of it
        crawl.source.ignored.append(
            Ignored(f"page: {page}", f"redirects off the site to {last}; not imported")
        )
        return
    if refused.content_type:  # a link to a file without a file name's extension
        crawl.source.ignored.append(
            Ignored(f"page: {page}", f"not an HTML page ({refused.content_type})")
        )
        return
    crawl.source.problems.append(f"{page}: {refused}")


def _stopped(crawl: Crawl, limit: str) -> None:
    left = len(crawl.frontier)
    crawl.source.ignored.append(
        Ignored(f"pages not crawled: {left}", f"{limit} was reached; raise it to read them")
    )
    crawl.frontier.clear()


def _finish(crawl: Crawl) -> None:
    unique = {id(item): item for item in crawl.items.values()}
    crawl.source.items = sorted(unique.values(), key=lambda item: item.key)
    crawl.source.problems.sort()
    for image, page in sorted(crawl.hotlinks):
        crawl.source.ignored.append(
            Ignored(f"hotlinked image: {image}", f"on another site, shown in {page}")
        )
    crawl.source.inventory = dict(crawl.terms)


def fetch_address(source: Source, url: str, prefixes: Sequence[str] = ()) -> str:
    """Where a file of a crawled source can be fetched now: the copy's raw address for a
    Wayback crawl (its records keep the old site's address), the address itself otherwise."""
    copy = wayback.parse(source.name, prefixes)
    if copy is None or same_site_key(url) != same_site_key(copy.original):
        return url
    return copy.copy(url, "id_")
