"""Benchmark our build against a plain MkDocs + Material build of the same pages.

For each size (default 1,000 and 10,000 records) it generates the synthetic archive
(`generate_archive.py`) and its baseline (`baseline_site.py`), builds both, and prints a
table: wall time, CPU time, peak memory (the largest process's RSS, all processes' PSS),
output size, pages written, time per record, our/baseline ratios, where our time goes
(from the stage timings the plugins write when `ARCHIVE_TIMINGS` is set), how time grows
from the smallest to the largest size, record page HTML sizes, and the page weight of the
home and a record page.

Search is compared like with like: "no search" builds ours with `archive-search` off and
the baseline with no plugins; "search" builds ours with Pagefind and the baseline with
Material's built-in lunr search (`--no-search` skips those builds).

    python scripts/bench_build.py [--records 1000 10000] [--repeat 1] [--no-search] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline_site import generate_baseline
from generate_archive import COLLECTIONS, generate
from legacy_archive.core.speed.timings import STAGES

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass
class Build:
    wall: float
    rss_kb: int
    """Peak RSS of the largest process (the build, or one of its render workers)."""
    size: int
    pages: int
    stages: dict[str, float] = field(default_factory=dict)
    load: float = 0.0
    cpu: float = 0.0
    """User + system CPU seconds of the build and its children."""
    tree_rss_kb: int = 0
    """Peak of the summed proportional set size (PSS) of the build and all its children,
    sampled every 50 ms: memory pages shared after a fork are counted once in all."""


class TreeMemory:
    """Samples the summed memory of a process and its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self.running = pid, 0, True
        self.page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        tree, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def _memory_kb(self, pid: int) -> int:
        """The process's proportional set size: pages it shares with other processes (a
        forked worker and its parent) count by share, so the sum is the memory in use."""
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, IndexError, ValueError):
            pass
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.page_kb
        except (OSError, IndexError, ValueError):
            return 0

    def _run(self) -> None:
        while self.running:
            total = sum(self._memory_kb(pid) for pid in self._tree())
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.05)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return self.peak_kb


def run_build(root: Path) -> Build:
    """One `mkdocs build` in a child process; RSS is the child's peak (and its children's)."""
    timings = root / "timings.json"
    timings.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        env={**ENV, "ARCHIVE_TIMINGS": str(timings)},
    )
    memory = TreeMemory(process.pid) if Path("/proc/self/statm").exists() else None
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    tree_rss_kb = memory.stop() if memory else 0
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed in {root} (exit {process.returncode})")
    site = root / "site"
    files = [f for f in site.rglob("*") if f.is_file()]
    stages = json.loads(timings.read_text("utf-8")) if timings.exists() else {}
    return Build(
        wall=wall,
        rss_kb=usage.ru_maxrss,
        size=sum(f.stat().st_size for f in files),
        pages=sum(1 for f in files if f.suffix == ".html"),
        stages=stages,
        load=load,
        cpu=usage.ru_utime + usage.ru_stime,
        tree_rss_kb=tree_rss_kb or usage.ru_maxrss,
    )


def fastest(builds: list[Build]) -> Build:
    """The fastest of repeated builds: other work on a shared machine only ever adds time."""
    return min(builds, key=lambda b: b.wall)


def set_search(root: Path, ours: bool, search: bool) -> None:
    """Switch search on or off in a generated project's mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    if ours:
        text = re.sub(
            r"  - archive-search(:\n      enabled: (true|false))?\n",
            "  - archive-search:\n      enabled: " + ("true" if search else "false") + "\n",
            text,
        )
    else:
        text = re.sub(
            r"^plugins:.*(\n- search)?$",
            "plugins: [search]" if search else "plugins: []",
            text,
            flags=re.M,
        )
    config.write_text(text, "utf-8")


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """HTML bytes, and HTML + CSS + JS + fonts bytes, of one built page (uncompressed)."""
    html = page.read_text("utf-8")
    base = page.relative_to(site).as_posix()
    assets: set[str] = set()
    for pattern in (
        r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"',
        r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"',
        r'<script[^>]+src="([^"]+)"',
    ):
        assets.update(urljoin(base, href) for href in re.findall(pattern, html))
    for css in [a for a in assets if urlsplit(a).path.endswith(".css")]:
        file = site / urlsplit(css).path
        if file.exists():
            for url in re.findall(
                r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", file.read_text("utf-8")
            ):
                assets.add(urljoin(css, url))
    total = len(html.encode("utf-8"))
    for asset in assets:
        path = urlsplit(asset).path
        file = site / path
        if "://" not in asset and file.is_file():
            total += file.stat().st_size
    return len(html.encode("utf-8")), total


def record_pages(site: Path) -> list[Path]:
    """Every record page of a built site, ours or the baseline's (`<collection>/<slug>/`)."""
    return sorted(p for c in COLLECTIONS for p in (site / c).glob("*/index.html"))


def mb(size: float) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def kb(size: float) -> str:
    return f"{size / 1000:,.1f} KB"


def print_table(
    results: dict[tuple[int, str, str], Build], sizes: list[int], variants: list[str]
) -> None:
    header = f"{'records':>8} {'search':>9} {'site':>9} {'wall':>8} {'ratio':>6} {'CPU':>7} {'peak RSS':>9} {'ratio':>6} {'all procs':>9} {'ratio':>6} {'output':>10} {'ratio':>6} {'pages':>7} {'ms/record':>9} {'load':>5}"
    print("\n" + header)
    print("-" * len(header))
    for records in sizes:
        for variant in variants:
            base = results[(records, variant, "baseline")]
            for name in ("baseline", "ours"):
                b = results[(records, variant, name)]

                def ratio(mine: float, theirs: float, ours: bool = name == "ours") -> str:
                    return f"{mine / theirs:.2f}x" if ours else ""

                print(
                    f"{records:>8,} {variant:>9} {name:>9} {b.wall:>7.1f}s {ratio(b.wall, base.wall):>6} {b.cpu:>6.1f}s "
                    f"{b.rss_kb / 1000:>7.0f}MB {ratio(b.rss_kb, base.rss_kb):>6} "
                    f"{b.tree_rss_kb / 1000:>7.0f}MB {ratio(b.tree_rss_kb, base.tree_rss_kb):>6} {mb(b.size):>10} "
                    f"{ratio(b.size, base.size):>6} {b.pages:>7,} {b.wall / records * 1000:>9.2f} {b.load:>5.1f}"
                )
    print(
        "\n'CPU' is user + system seconds of the build and its children; 'peak RSS' is the"
        "\nlargest single process; 'all procs' the peak of the summed PSS of the build, its"
        "\nrender workers and Pagefind (memory a fork shares is counted once, split by share)."
    )
    print("\nWhere our time goes (seconds; 'render' is the engine's Markdown and theme work,")
    print("'record extras' our notices and Robust Links inside it; the rest is startup):")
    print(
        f"{'records':>8} {'search':>9} " + " ".join(f"{s:>13}" for s in STAGES) + f" {'other':>8}"
    )
    for records in sizes:
        for variant in variants:
            b = results[(records, variant, "ours")]
            other = b.wall - sum(b.stages.values())
            cells = " ".join(f"{b.stages.get(s, 0.0):>13.2f}" for s in STAGES)
            print(f"{records:>8,} {variant:>9} {cells} {other:>8.2f}")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nGrowth from {small:,} to {large:,} records ({large / small:.0f}x the records):")
        for variant in variants:
            for name in ("baseline", "ours"):
                a, b = results[(small, variant, name)], results[(large, variant, name)]
                print(
                    f"  {variant:>9} {name:>9}: time {b.wall / a.wall:.1f}x, peak RSS {b.rss_kb / a.rss_kb:.1f}x"
                )


def print_pages(roots: dict[str, Path], records: int) -> None:
    print(
        f"\nPage weight at {records:,} records (uncompressed bytes; HTML, then HTML + CSS + JS + fonts):"
    )
    for name, root in roots.items():
        site = root / "site"
        pages = record_pages(site)
        sizes = sorted(p.stat().st_size for p in pages)
        home = page_weight(site, site / "index.html")
        record = page_weight(site, pages[0])
        print(f"  {name:>9} home page:   {kb(home[0]):>10} HTML, {kb(home[1]):>10} in all")
        print(
            f"  {name:>9} record page: {kb(record[0]):>10} HTML, {kb(record[1]):>10} in all ({pages[0].relative_to(site).parent})"
        )
        print(
            f"  {name:>9} record page HTML over {len(sizes)} pages: median {kb(statistics.median(sizes))}, largest {kb(sizes[-1])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="builds per case; the fastest counts")
    parser.add_argument("--no-search", action="store_true", help="skip the builds with search")
    parser.add_argument("--work", type=Path, help="where to write the projects (default: temp)")
    args = parser.parse_args()
    variants = ["no search"] + ([] if args.no_search else ["search"])
    print(
        f"{os.cpu_count()} CPUs; load average at start {os.getloadavg()[0]:.1f} (the 'load' column is at each build's start)"
    )
    results: dict[tuple[int, str, str], Build] = {}
    with tempfile.TemporaryDirectory() as temp:
        work = args.work or Path(temp)
        for records in args.records:
            roots = {
                "ours": generate(work / f"ours-{records}", records),
                "baseline": generate_baseline(work / f"baseline-{records}", records),
            }
            for variant in variants:
                for name, root in roots.items():
                    set_search(root, name == "ours", variant == "search")
                builds: dict[str, list[Build]] = {name: [] for name in roots}
                # Taking turns: a shared machine's speed drifts, and both sides should see it.
                for _ in range(args.repeat):
                    for name, root in roots.items():
                        builds[name].append(run_build(root))
                        print(
                            f"  built {name} at {records:,} records, {variant}: {builds[name][-1].wall:.1f} s",
                            flush=True,
                        )
                for name, done in builds.items():
                    results[(records, variant, name)] = fastest(done)
            print_pages(roots, records)
    print_table(results, args.records, variants)


if __name__ == "__main__":
    main()
