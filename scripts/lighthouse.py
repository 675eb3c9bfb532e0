"""Run Lighthouse (npm `lighthouse` 12.x, Debian Chromium) on the home, a listing and a record
page of the demo archive served under a sub-path, and print the four category scores.

Usage: python scripts/lighthouse.py [--desktop] [--runs N] [--keep DIR]
Needs `npm ci` (Lighthouse is in package.json). Prints a Markdown table for the README: with
`--runs 3`, the median of three runs per page (scores move with the machine's load).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.preview import serve
from site_tools import CHROMIUM_FLAGS, ROOT, build_site, chromium

PAGES = {
    "home": "",
    "listing": "courses/",
    "record": "courses/audio-editing-and-podcasting/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run(url: str, out: Path, desktop: bool) -> dict[str, object]:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit("lighthouse not installed: run 'npm ci' first")
    command = [
        str(binary),
        url,
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={"CHROME_PATH": chromium(), "PATH": "/usr/bin:/bin"})
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--desktop", action="store_true", help="desktop profile (default: mobile)")
    parser.add_argument("--keep", type=Path, help="folder to keep the JSON reports in")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; prints the median")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        reports = args.keep or work
        reports.mkdir(parents=True, exist_ok=True)
        site = build_site(work / "site")
        rows = []
        # Lighthouse reads robots.txt at the host root only; on GitHub Pages a project site
        # lives under /<repo>/ and the root belongs to the organisation's site, so the
        # measurement serves the archive's own robots.txt there too.
        with serve(site, root_files=("robots.txt",)) as base:
            for name, path in PAGES.items():
                runs: list[list[int]] = []
                for index in range(args.runs):
                    report = run(base + path, reports / f"{name}-{index + 1}.json", args.desktop)
                    categories = report["categories"]
                    assert isinstance(categories, dict)
                    runs.append([round(100 * (categories[c]["score"] or 0)) for c in CATEGORIES])
                scores = [round(statistics.median(column)) for column in zip(*runs, strict=True)]
                rows.append((name, path or "/", scores))
                if args.runs > 1:
                    print(f"{name}: runs {runs}", file=sys.stderr)
                failing = [
                    f"{audit_id} ({report['audits'][audit_id].get('displayValue', '')})"  # type: ignore[index]
                    for c in CATEGORIES
                    for ref in categories[c]["auditRefs"]
                    if ref["weight"]
                    and (audit_id := ref["id"])
                    and (report["audits"][audit_id]["score"] or 0) < 1  # type: ignore[index]
                ]
                if failing:
                    print(f"{name}: below 100 on: {', '.join(failing)}", file=sys.stderr)
    profile = "desktop" if args.desktop else "mobile"
    print(f"| Page ({profile}) | Performance | Accessibility | Best practices | SEO |")
    print("|---|---|---|---|---|")
    for name, path, scores in rows:
        print(f"| {name} (`{path}`) | " + " | ".join(str(s) for s in scores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
