"""How fast Kiwix finds a record by its title in the offline edition.

Usage: python scripts/bench_kiwix_search.py FILE.zim [TITLE ...]

Starts Debian's `kiwix-serve` on a free 127.0.0.1 port with the ZIM file, then asks its
full-text search (`/search`) and its title suggestions (`/suggest`) for each title 11
times, and prints the first time (cold) and the median of the other ten, and whether the
answer holds the title. Needs `kiwix-serve` (Debian package kiwix-tools).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

RUNS = 11


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/catalog/v2/entries", timeout=2) as answer:
                answer.read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"kiwix-serve did not answer on {base} within {seconds:.0f} s")


def timed(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as answer:
        body = answer.read()
    return time.perf_counter() - start, body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("zim", type=Path)
    parser.add_argument("titles", nargs="*", default=[])
    args = parser.parse_args()
    if not args.zim.is_file():
        print(f"{args.zim}: no such file (expected a ZIM from `archive export zim`)")
        return 2
    titles = args.titles or ["3D Animations"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    book = args.zim.stem
    server = subprocess.Popen(
        ["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(args.zim)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base)
        for title in titles:
            for kind, url in (
                ("search", f"{base}/search?content={book}&pattern={quote(title)}"),
                ("suggest", f"{base}/suggest?content={book}&term={quote(title)}"),
            ):
                runs = [timed(url) for _ in range(RUNS)]
                times = [seconds * 1000 for seconds, _ in runs]
                found = title.encode() in runs[-1][1]
                print(
                    f"{kind} {title!r}: first {times[0]:.1f} ms, median of the next "
                    f"{RUNS - 1} {statistics.median(times[1:]):.1f} ms, found={found}"
                )
    finally:
        server.terminate()
        server.wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
