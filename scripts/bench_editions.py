"""Benchmark the three editions (offline ZIM, web archive WACZ, library BagIt) against the
site they are made from: export time and size of each, at the fixture's 31 records and at
synthetic archives of N records (`generate_archive.py`).

For each size it builds the site strictly once, then runs `archive export zim|wacz|bag` as
a user would (a new process each), and prints one row per size as soon as it is measured:
the site's size and build time, and each edition's wall time, size and size against the
site's. The numbers go in the README; nothing here passes or fails.

    python scripts/bench_editions.py [--records 31 1000 10000] [--editions zim wacz bag] [--work DIR]

31 means the fixture archive itself (`tests/fixtures/learning/`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_archive import SOURCE, generate

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
BIN = Path(sys.executable).parent
FIXTURE_RECORDS = 31
SUFFIXES = {"zim": ".zim", "wacz": ".wacz", "bag": ".tar"}


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under `folder` (links not followed)."""
    size = count = 0
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base) / name
            if path.is_file() and not path.is_symlink():
                size += path.stat().st_size
                count += 1
    return size, count


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def measure(root: Path, work: Path, editions: list[str]) -> dict[str, str]:
    """Build `root` into `work/site`, export each edition; the row of the table."""
    site = work / "site"
    build = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(root / "mkdocs.yml"),
    ]
    build_time = timed([*build, "-d", str(site)], root)
    site_bytes, site_files = folder_size(site)
    row = {
        "site": f"{mb(site_bytes)} ({site_files} files)",
        "build": f"{build_time:.1f} s",
    }
    for edition in editions:
        out = work / "editions" / f"archive{SUFFIXES[edition]}"
        command = [str(BIN / "archive"), "export", edition, "-f", str(root / "mkdocs.yml")]
        command += ["--site", str(site), "--out", str(out), "--max-size", "100G"]
        elapsed = timed(command, root)
        size = out.stat().st_size
        row[edition] = f"{elapsed:.1f} s, {mb(size)} ({size / site_bytes:.2f}x site)"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[FIXTURE_RECORDS, 10_000])
    parser.add_argument("--editions", nargs="+", default=list(SUFFIXES), choices=list(SUFFIXES))
    parser.add_argument("--work", type=Path, default=None, help="keep the projects here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-editions-"))
    columns = ["records", "site", "build", *args.editions]
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns), flush=True)
    for records in args.records:
        place = work / str(records)
        place.mkdir(parents=True, exist_ok=True)
        fixture = records == FIXTURE_RECORDS
        root = SOURCE if fixture else generate(place / "project", records)
        row = {"records": f"{records:,}", **measure(root, place, args.editions)}
        print(" | ".join(row[c] for c in columns), flush=True)


if __name__ == "__main__":
    main()
