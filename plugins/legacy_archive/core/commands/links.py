"""`archive links`: the link-rot report, run by hand or on a schedule, never in the build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from legacy_archive.core.archive import load_archive
from legacy_archive.core.cli import read_settings
from legacy_archive.core.linkrot import check_links, dead_count, report_markdown

from . import add_config_option


def run(args: argparse.Namespace, out: Any = None) -> int:
    out = out or sys.stdout
    settings, errors = read_settings(args.config_file)
    for error in errors:
        print(error, file=out)
    if settings is None:
        return 1
    archive = load_archive(settings).archive
    report = check_links(archive, args.max_requests, args.timeout, args.workers)
    args.output.write_text(report_markdown(report), encoding="utf-8")
    dead = dead_count(report.results.values())
    print(
        f"archive links: {len(report.results)} links checked, {dead} dead, "
        f"{len(report.unchecked)} not checked; report written to {args.output}",
        file=out,
    )
    return 1 if dead else 0


def register(commands: Any) -> None:
    parser = commands.add_parser("links", help="check external links and write a link-rot report")
    add_config_option(parser)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("link-report.md"),
        help="Markdown report to write (default: link-report.md)",
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds to wait for each link (default: 10)"
    )
    parser.add_argument(
        "--max-requests",
        type=int,
        default=500,
        help="check at most this many distinct links (default: 500)",
    )
    parser.add_argument(
        "--workers", type=int, default=4, help="links checked at the same time (default: 4)"
    )
    parser.set_defaults(run=run)
