"""`archive import wordpress|site|csv SOURCE`: bring the old website's content in as records.

A first run with `--init-mapping` writes the mapping file (what the source holds, what the
archive accepts); the next runs import with it. Every failure is one clear message and a
non-zero exit, and a source or mapping with problems writes nothing at all.
"""

from __future__ import annotations

import argparse
import functools
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from legacy_archive.core.cli.import_args import (
    MB,
    count,
    delay_seconds,
    megabytes,
    timeout_seconds,
    wayback_prefix,
)
from legacy_archive.core.cli.options import add_allow_network, add_config_option
from legacy_archive.core.common.problems import printable
from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.state import write_atomic


def _common(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "--mapping",
        type=Path,
        default=Path("import-mapping.yml"),
        metavar="FILE",
        help="the mapping file: which items become which records (default: import-mapping.yml)",
    )
    parser.add_argument(
        "--init-mapping",
        action="store_true",
        help="write a first mapping file listing what the source holds, then stop",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be written; write nothing"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite records edited by hand since the last import (and an existing mapping)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=Path("import-report.md"),
        metavar="FILE",
        help="where to write the import report (default: import-report.md)",
    )
    parser.add_argument(
        "--max-file-mb",
        type=megabytes,
        default=50 * MB,
        metavar="MB",
        help="largest file to download (default: 50)",
    )
    parser.add_argument(
        "--max-total-mb",
        type=megabytes,
        default=2048 * MB,
        metavar="MB",
        help="most to download in one run (default: 2048)",
    )
    parser.add_argument(
        "--timeout",
        type=timeout_seconds,
        default=60.0,
        metavar="SECONDS",
        help="total seconds allowed for each file, redirects included (default: 60)",
    )
    add_allow_network(
        parser,
        "also fetch from this private or local network, e.g. 127.0.0.0/8 for a copy of "
        "the site on this machine; repeatable (never needed for a public site)",
    )


Check = Callable[..., int]
"""`archive check` (`cli.main.check`): passed in, as the CLI's entry imports this module."""


def register(commands: Any, check: Check | None = None) -> None:
    """Add the `import` subcommand and its three sources to the `archive` parser; `check`
    runs after an import, so the import ends with what is left to fix."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "import",
        help="bring the old site in: a WordPress export, a crawl of the site, or a spreadsheet",
        description=(
            "Import records from the programme's old website. Run once with --init-mapping "
            "to write the mapping file, edit it, then run again to import."
        ),
    )
    kinds = parser.add_subparsers(dest="source_kind", required=True, metavar="SOURCE")
    wordpress = kinds.add_parser(
        "wordpress", help="a WordPress export file (wp-admin: Tools → Export → All content)"
    )
    wordpress.add_argument("file", type=Path, help="the export, like skills-bridge.WordPress.xml")
    _common(wordpress)
    site = kinds.add_parser(
        "site",
        help="crawl the old site (or its Web Archive copy: https://web.archive.org/web/<time>/<url>)",
    )
    site.add_argument("url", help="the old site's address, or a Web Archive copy of it")
    site.add_argument("--max-pages", type=count, default=500, help="pages at most (default: 500)")
    site.add_argument("--max-depth", type=count, default=5, help="links deep at most (default: 5)")
    site.add_argument(
        "--max-crawl-mb", type=megabytes, default=200 * MB, metavar="MB",
        help="pages' bytes at most (default: 200)",
    )  # fmt: skip
    site.add_argument(
        "--max-seconds", type=timeout_seconds, default=300.0, metavar="SECONDS",
        help="the crawl's whole time at most (default: 300)",
    )  # fmt: skip
    site.add_argument(
        "--delay", type=delay_seconds, default=0.0, metavar="SECONDS",
        help="seconds between requests, to be gentle with a slow server (default: 0)",
    )  # fmt: skip
    site.add_argument(
        "--wayback-delay", type=delay_seconds, default=1.0, metavar="SECONDS",
        help="seconds at least between requests to a Web Archive copy (default: 1)",
    )  # fmt: skip
    site.add_argument(
        "--concurrency", type=int, choices=(1, 2), default=1,
        help="requests at once, pages and files (default: 1)",
    )  # fmt: skip
    site.add_argument(
        "--wayback-prefix", type=wayback_prefix, action="append", default=[], metavar="PREFIX",
        help=(
            "another Wayback-style service's address up to the timestamp, such as "
            "https://archive.example.org/wayback/; repeatable (web.archive.org and "
            "any /web/<timestamp>/ address are known already)"
        ),
    )  # fmt: skip
    _common(site)
    csv = kinds.add_parser("csv", help="a spreadsheet saved as CSV, one row per record")
    csv.add_argument("file", type=Path, help="the CSV file")
    _common(csv)
    parser.set_defaults(run=run, check=check)


def _read_source(args: argparse.Namespace) -> tuple[Source | None, list[str]]:
    if args.source_kind == "wordpress":
        from legacy_archive.core.importing.wxr import ExportError, read_wxr

        try:
            return read_wxr(args.file, str(args.file)), []
        except ExportError as error:
            return None, [str(error)]
    if args.source_kind == "csv":
        from legacy_archive.core.importing.csvsource import read_csv

        if not args.file.is_file():
            return None, [f"{args.file}:1: file: not found (expected a CSV file)"]
        source = read_csv(args.file)
    else:
        from legacy_archive.core.importing.crawl import CrawlLimits, read_site

        limits = CrawlLimits(
            max_pages=args.max_pages,
            max_depth=args.max_depth,
            max_bytes=args.max_crawl_mb,
            max_seconds=args.max_seconds,
            delay_s=args.delay,
            page_deadline_s=args.timeout,
            concurrency=args.concurrency,
            wayback_prefixes=tuple(args.wayback_prefix),
            wayback_delay_s=args.wayback_delay,
        )
        source = read_site(args.url, limits=limits, allowed_networks=args.allow_network)
    if not source.items:
        return None, source.problems or [
            f"{source.name}: nothing to import (no pages or rows found)"
        ]
    return source, []


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Import, or write the mapping file; exit 1 with every problem when nothing could be."""
    out = out or sys.stdout
    from legacy_archive.core.importing.target_load import read_target

    def fail(lines: list[str], why: str) -> int:
        for line in lines:
            print(printable(line), file=out)
        print(f"archive import: {why}; nothing was written.", file=out)
        return 1

    target, errors = read_target(args.config_file)
    if target is None:
        return fail(errors, "the archive's settings have problems")
    source, problems = _read_source(args)
    if source is None:
        return fail(problems, "the source cannot be imported")
    if args.init_mapping:
        return _init_mapping(args, source, target, out)
    from legacy_archive.core.importing.mapping_file import read_mapping

    if not args.mapping.is_file():
        return fail(
            [
                f"{args.mapping}: not found (expected a mapping file: run the same command "
                "with --init-mapping to write one)"
            ],
            "no mapping",
        )
    mapping, problems = read_mapping(args.mapping, target, source, str(args.mapping))
    if mapping is None:
        return fail(problems, f"{args.mapping} has problems")
    return _import(args, source, target, mapping, out)


def _init_mapping(args: argparse.Namespace, source: Source, target: Any, out: TextIO) -> int:
    from legacy_archive.core.importing.mapping_scaffold import scaffold_mapping

    if args.mapping.exists() and not args.force:
        print(
            f"archive import: {args.mapping} exists (expected a new file: --force replaces "
            "it, or pass another name with --mapping); nothing was written.",
            file=out,
        )
        return 1
    text = scaffold_mapping(source, target, args.mapping.name)
    if args.dry_run:
        print(text, file=out, end="")
        return 0
    write_atomic(args.mapping, text.encode("utf-8"))
    kinds = ", ".join(
        f"{k} ({n})" for k, n in sorted(source.inventory.get("post types", {}).items())
    )
    print(
        f"wrote {args.mapping}: {len(source.items)} items" + (f"; {kinds}" if kinds else ""),
        file=out,
    )
    print(
        f"next: edit {args.mapping}, then run the same command without --init-mapping "
        "(with --dry-run first, to see what it would write)",
        file=out,
    )
    return 0


def _site_politeness(args: argparse.Namespace) -> dict[str, Any]:
    """A crawl's files are fetched as gently as its pages: the same delays and concurrency."""
    if args.source_kind != "site":
        return {}
    return {
        "in_flight": args.concurrency,
        "delay_s": args.delay,
        "wayback_prefixes": tuple(args.wayback_prefix),
        "wayback_delay_s": args.wayback_delay,
    }


def _import(
    args: argparse.Namespace, source: Source, target: Any, mapping: Any, out: TextIO
) -> int:
    from legacy_archive.core.importing.htmlmd import to_markdown
    from legacy_archive.core.importing.migrate import ImportOptions, run_import
    from legacy_archive.core.importing.report import printed, report_markdown

    options = ImportOptions(
        dry_run=args.dry_run,
        force=args.force,
        max_file_bytes=args.max_file_mb,
        max_total_bytes=args.max_total_mb,
        timeout_s=args.timeout,
        allowed_networks=tuple(args.allow_network),
        **_site_politeness(args),
    )
    convert = functools.partial(to_markdown, fenced_code=target.settings.site.fenced_code)
    result, problems = run_import(source, mapping, target, convert, options)
    if result is None:
        print("\n".join(problems), file=out)
        print("archive import: nothing was written.", file=out)
        return 1
    for line in source.problems:
        print(printable(line), file=out)
    if args.dry_run:
        for fate in result.fates:
            if fate.record:
                print(f"{fate.fate}: {fate.record}", file=out)
                for path, what in sorted(fate.files.items()):
                    if path != fate.record and what != "unchanged":
                        print(f"  {what}: {path}", file=out)
        for line in printed(result):
            print(line, file=out)
        return 0
    checked = io.StringIO()
    if args.check is not None:
        args.check(args.config_file, out=checked)
    text = report_markdown(result, checked.getvalue(), source.problems)
    try:
        write_atomic(args.report, text.encode("utf-8"))
    except OSError as error:
        print(
            f"archive import: could not write the report to {args.report}: {error.strerror}",
            file=out,
        )
    for line in printed(result):
        print(line, file=out)
    print(f"report: {args.report}", file=out)
    print("archive check after the import:", file=out)
    print(checked.getvalue().rstrip("\n"), file=out)
    return 0
