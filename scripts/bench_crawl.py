"""Benchmark the `archive import` crawler and its bounded downloads, on sites served on 127.0.0.1.

Prints the time of a crawl of the test fixture's old site (live and as a Wayback copy, with
and without the default delay between requests to a Wayback service), of a synthetic site
of `--pages` pages at concurrency 1 and 2, and the time and memory of refusing a declared
2 GB file, a 2 GB stream without a length and a gzip compression bomb (each with the
default 50 MB limit). Memory is the process's peak RSS and the peak memory Python traced
during the refusal (the local server's own buffers included: it runs in this process).

    python scripts/bench_crawl.py [--pages 300] [--repeat 5] [--no-wayback-delay]
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from legacy_archive.core.importing.crawl import CrawlLimits, read_site  # noqa: E402
from legacy_archive.core.importing.download import (  # noqa: E402
    DownloadLimits,
    DownloadRefused,
    fetch_file,
)
from support.legacy_site import LegacySite, serve_files, serve_legacy_site  # noqa: E402

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
MB = 1024 * 1024
REFUSED = ("/huge.bin", "/endless.bin", "/bomb")
"""Declared 2 GB; 2 GB streamed without a Content-Length; 64 MB of zeros gzipped."""


def rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports it in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(pages: int) -> dict[str, tuple[str, bytes]]:
    """A site of `pages` pages of ~120 sentences each, every page linked from an earlier one."""
    files: dict[str, tuple[str, bytes]] = {}
    for i in range(pages):
        targets = (j for j in (i + 1, i + 7, i * 3) if j < pages)
        links = "".join(f'<li><a href="/p/{j}/">Page {j}</a></li>' for j in targets)
        words = " ".join(f"word{k} about page {i}." for k in range(120))
        text = (
            f"<!doctype html><html><head><title>Page {i}</title></head><body>"
            f"<header><nav><a href='/'>Home</a></nav></header><main><h1>Page {i}</h1>"
            f"<p>{words}</p><ul>{links}</ul></main><footer>Footer</footer></body></html>"
        )
        files[f"/p/{i}/" if i else "/"] = ("text/html; charset=utf-8", text.encode())
    return files


def crawl_fixture(site: LegacySite, repeat: int, wayback_delay: bool) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        source = read_site(site.url("/"), limits=CrawlLimits(), allowed_networks=LOCAL)
    seconds = (time.perf_counter() - started) / repeat
    requests = len(site.seen()) // repeat
    print(
        f"fixture site, live: {len(source.items)} pages in {seconds * 1000:.0f} ms"
        f" ({requests} requests per crawl, mean of {repeat})"
    )
    started = time.perf_counter()
    copy = read_site(
        site.wayback("/"), limits=CrawlLimits(wayback_delay_s=0), allowed_networks=LOCAL
    )
    seconds = time.perf_counter() - started
    print(
        f"fixture site, Wayback copy, no delay: {len(copy.items)} pages in {seconds * 1000:.0f} ms"
    )
    if wayback_delay:
        started = time.perf_counter()
        copy = read_site(site.wayback("/"), limits=CrawlLimits(), allowed_networks=LOCAL)
        seconds = time.perf_counter() - started
        print(
            f"fixture site, Wayback copy, default {CrawlLimits().wayback_delay_s:g} s between"
            f" requests: {len(copy.items)} pages in {seconds:.1f} s"
        )


def crawl_synthetic(pages: int) -> None:
    for concurrency in (1, 2):
        with serve_files(synthetic(pages)) as files:
            started = time.perf_counter()
            source = read_site(
                files.url("/"),
                limits=CrawlLimits(max_depth=50, max_pages=pages + 1, concurrency=concurrency),
                allowed_networks=LOCAL,
            )
            seconds = time.perf_counter() - started
        print(
            f"synthetic site, concurrency {concurrency}: {len(source.items)} pages in"
            f" {seconds:.2f} s = {len(source.items) / seconds:.0f} pages/s"
        )


def refusals(site: LegacySite) -> None:
    """Time, peak RSS and traced peak of each refusal, with the default 50 MB limit."""
    with contextlib.suppress(DownloadRefused):  # the server builds its bomb once: not measured
        fetch_file(site.url("/bomb"), limits=DownloadLimits(max_bytes=1), allowed_networks=LOCAL)
    for path in REFUSED:
        before = rss_mb()
        tracemalloc.start()
        started = time.perf_counter()
        try:
            fetch_file(site.url(path), limits=DownloadLimits(), allowed_networks=LOCAL)
            reason = "NOT REFUSED"
        except DownloadRefused as refused:
            reason = str(refused)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{path}: {reason}; in {seconds * 1000:.0f} ms, peak traced {peak / MB:.1f} MB,"
            f" peak RSS {rss_mb():.0f} MB (was {before:.0f} MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages of the synthetic site")
    parser.add_argument("--repeat", type=int, default=5, help="crawls of the fixture to average")
    parser.add_argument(
        "--no-wayback-delay",
        dest="wayback_delay",
        action="store_false",
        help="skip the crawl of the Wayback copy at the default (slow, polite) delay",
    )
    args = parser.parse_args()
    print(f"start: peak RSS {rss_mb():.0f} MB")
    with serve_legacy_site() as site:
        crawl_fixture(site, args.repeat, args.wayback_delay)
    crawl_synthetic(args.pages)
    with serve_legacy_site() as site:
        refusals(site)


if __name__ == "__main__":
    main()
