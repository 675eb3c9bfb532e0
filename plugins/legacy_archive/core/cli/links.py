"""`archive links`: the link-rot report, run by hand or on a schedule, never in the build.

The report is always written, even when the run is interrupted (Ctrl-C) or stops on an
unexpected error: it then lists what was checked so far and marks the rest as not checked.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from legacy_archive.core.cli.options import add_allow_network, add_config_option
from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.editors.linkrot import (
    INTERRUPTED,
    STOPPED,
    LinkReport,
    dead_count,
    gather_links,
    report_markdown,
    run_checks,
)
from legacy_archive.core.pipeline import load_archive

MAX_TIMEOUT = 300.0
MAX_DEADLINE = 86400.0
MAX_WORKERS = 16


def _seconds(text: str, what: str, most: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= most):
        raise argparse.ArgumentTypeError(
            f"expected {what}: a number of seconds above 0 and at most {most:g} (got {text!r})"
        )
    return value


def timeout_seconds(text: str) -> float:
    return _seconds(text, "the time allowed for each link", MAX_TIMEOUT)


def deadline_seconds(text: str) -> float:
    return _seconds(text, "the time allowed for the whole run", MAX_DEADLINE)


def _whole(text: str, least: int, most: int | None) -> int:
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least or (most is not None and value > most):
        span = f"from {least} to {most}" if most is not None else f"of at least {least}"
        raise argparse.ArgumentTypeError(f"expected a whole number {span} (got {text!r})")
    return value


def request_count(text: str) -> int:
    return _whole(text, 1, None)


def worker_count(text: str) -> int:
    return _whole(text, 1, MAX_WORKERS)


def _write(report: LinkReport, output: Path, out: Any) -> bool:
    """Write the report whole (through a temporary file), or say why it could not be."""
    temporary = output.with_name(f".{output.name}.tmp")
    try:
        temporary.write_text(report_markdown(report), encoding="utf-8")
        temporary.replace(output)
    except OSError as error:
        print(f"archive links: could not write the report to {output}: {error}", file=out)
        temporary.unlink(missing_ok=True)
        return False
    return True


def run(args: argparse.Namespace, out: Any = None) -> int:
    out = out or sys.stdout
    settings, errors = read_settings(args.config_file)
    for error in errors:
        print(error, file=out)
    if settings is None:
        return 1
    report = LinkReport({}, {}, {}, [])
    failure: BaseException | None = None
    try:
        report = gather_links(load_archive(settings).archive)
        run_checks(
            report,
            max_requests=args.max_requests,
            timeout=args.timeout,
            workers=args.workers,
            deadline=args.deadline,
            allowed_networks=args.allow_network,
        )
    except BaseException as error:  # the report is written first, see below
        failure = error
        if not report.stopped:  # stopped before the checks began
            report.stopped = (
                "interrupted"
                if isinstance(error, KeyboardInterrupt)
                else f"stopped by an unexpected error ({type(error).__name__}: {error})"
            )
            report.mark_unchecked(INTERRUPTED if isinstance(error, KeyboardInterrupt) else STOPPED)
    written = _write(report, args.output, out)
    where = f"written to {args.output}" if written else "not written"
    dead = dead_count(report.results.values())
    counts = (
        f"{len(report.results)} links checked, {dead} dead, {len(report.unchecked)} not checked"
    )
    if isinstance(failure, KeyboardInterrupt):
        print(f"archive links: interrupted after {counts}; partial report {where}", file=out)
        raise failure
    if failure is not None and not isinstance(failure, Exception):
        raise failure  # SystemExit and the like
    if failure is not None:
        message = " ".join(f"{type(failure).__name__}: {failure}".split())
        print(
            f"archive links: stopped by an unexpected error ({message}) after {counts}; "
            f"partial report {where}",
            file=out,
        )
        return 2
    print(f"archive links: {counts}; report {where}", file=out)
    if not written:
        return 2
    return 1 if dead else 0


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "links",
        help="check external links and write a link-rot report",
        description=(
            "Check every distinct external link of the records and write a Markdown report. "
            "Only public http and https addresses are fetched: loopback, private and other "
            "local addresses are refused, and redirects are followed (at most 5) only to "
            "public http and https addresses."
        ),
    )
    add_config_option(parser)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("link-report.md"),
        help="Markdown report to write (default: link-report.md)",
    )
    parser.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=10.0,
        metavar="SECONDS",
        help=(
            "total seconds allowed for each link, redirects included "
            f"(above 0, at most {MAX_TIMEOUT:g}; default: 10)"
        ),
    )
    parser.add_argument(
        "--max-requests",
        type=request_count,
        default=500,
        metavar="N",
        help=(
            "make at most N HTTP requests in all, each redirect counting as one; links left "
            "over are listed as not checked (default: 500)"
        ),
    )
    parser.add_argument(
        "--workers",
        type=worker_count,
        default=4,
        metavar="N",
        help=f"links checked at the same time (1 to {MAX_WORKERS}; default: 4)",
    )
    parser.add_argument(
        "--deadline",
        type=deadline_seconds,
        default=900.0,
        metavar="SECONDS",
        help=(
            "seconds allowed for the whole run; links not finished by then are listed as not "
            f"checked (above 0, at most {MAX_DEADLINE:g}; default: 900)"
        ),
    )
    add_allow_network(
        parser,
        "also fetch addresses in this network even if private or local, e.g. 127.0.0.0/8; "
        "repeatable. Meant for tests against a local server, not for real runs",
    )
    parser.set_defaults(run=run)
