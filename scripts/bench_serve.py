"""How long `mkdocs serve` takes to show a record edit, on a synthetic archive.

Starts `mkdocs serve` (as `make serve` does, search index included) on a generated archive
of N records, waits for the first build, then edits one record's body several times and
prints, for each edit, the seconds from saving the file to the served page showing the
new text: what an editor waits for in the browser.

    python scripts/bench_serve.py [--records 1000] [--edits 3] [--port N]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_archive import generate, synthetic_records


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    """Seconds until the page at `url` contains `text`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {server.returncode})")
        if text in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = generate(Path(temp) / "archive", args.records)
        record = next(r for r in synthetic_records(args.records) if not r.attachments)
        source = root / record.path
        original = source.read_text("utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        address = f"127.0.0.1:{args.port or free_port()}"
        base = f"http://{address}/techpathways-archive/"
        url = f"{base}{record.collection}/{record.slug}/"
        print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
        started = time.perf_counter()
        log = (Path(temp) / "serve.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-q", "--dev-addr", address],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            wait_for(url, str(record.fields["title"]), 900, server)
            print(
                f"first build and serve of {args.records:,} records: {time.perf_counter() - started:.1f} s"
            )
            times = []
            for edit in range(args.edits):
                marker = f"Edited-{edit}-{time.monotonic_ns()}"
                time.sleep(1.0)  # let the watcher settle after the previous build
                source.write_text(original + f"\n{marker}\n", "utf-8")
                times.append(wait_for(url, marker, 300, server))
                print(f"edit {edit + 1}: the page showed it after {times[-1]:.2f} s")
            print(
                f"median from saving a record to seeing it served: {statistics.median(times):.2f} s"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
            if server.returncode not in (0, -15):
                print((Path(temp) / "serve.log").read_text("utf-8")[-2000:])


if __name__ == "__main__":
    main()
