"""Print how long a demo build takes with and without the `archive-promises` plugin.

Usage: .venv/bin/python scripts/bench_promises.py [runs]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", "site", "site.*", ".git", "__pycache__", ".*_cache")


def timed_builds(root: Path, runs: int) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
            check=True,
            env=env,
            cwd=root,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        with_plugin = Path(tmp) / "with"
        without = Path(tmp) / "without"
        shutil.copytree(ROOT, with_plugin, ignore=IGNORE)
        shutil.copytree(ROOT, without, ignore=IGNORE)
        config = without / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("  - archive-promises\n", ""), "utf-8")
        for name, root in (
            ("without archive-promises", without),
            ("with archive-promises", with_plugin),
        ):
            times = timed_builds(root, runs)
            print(f"{name}: median {statistics.median(times):.2f} s over {runs} builds")


if __name__ == "__main__":
    main()
