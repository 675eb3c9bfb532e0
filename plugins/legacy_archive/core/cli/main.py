"""`archive check`: the build's validation without a build, for editors and CI.

Exits 0 when clean and 1 when any problem is found, printing every problem, sorted, then a
one-line summary. It reads the `archive` plugin's options from `mkdocs.yml` without MkDocs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from legacy_archive.core.cli import export, importer, init, ledger, links, preview
from legacy_archive.core.cli import new as new_command
from legacy_archive.core.cli.options import add_config_option
from legacy_archive.core.common.problems import printable, summary_line
from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.editors import report
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.preflight import preflight_problems


def check(config_file: Path, out: Any = sys.stdout, base: str = "") -> int:
    """Validate the archive; print problems and a summary; return the exit code."""
    settings, errors = read_settings(config_file)
    for error in errors:
        print(printable(error), file=out)
    if settings is None or errors:
        print("archive check: the configuration has problems; no records were checked.", file=out)
        report.annotate_config_errors(errors, config_file.name, out)
        return 1
    result = load_archive(settings)
    found = preflight_problems(result)
    for problem in found:
        print(problem, file=out)
    line = summary_line(
        found, result.archive.count() + len(result.archive.drafts), result.files_read
    )
    print(line, file=out)
    problems = [*report.config_problems(errors, config_file.name), *found]
    report.publish(problems, line, settings, os.environ, out, base, report.kept_urls(result))
    return 1 if found or errors else 0


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and option (the builders' reference is generated from it)."""
    parser = argparse.ArgumentParser(prog="archive", description="Tools for a legacy archive site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check", help="validate every record, vocabulary and setting"
    )
    add_config_option(check_parser)
    check_parser.add_argument(
        "--base",
        default="",
        help="on GitHub Actions, compare records with this branch (default: $GITHUB_BASE_REF)",
    )
    export.register(commands)
    importer.register(commands, check)
    init.register(commands)
    ledger.register(commands)
    links.register(commands)
    new_command.register(commands)
    preview.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "new":
            settings, errors = read_settings(args.config_file)
            if settings is None or errors:
                print("\n".join(errors), file=sys.stdout)
                return 1
            return new_command.run(args, settings)
        if getattr(args, "run", None) is not None:
            return int(args.run(args))
        return check(args.config_file, base=args.base)
    except SourceChanged as error:  # a record saved while a command was reading it
        print(error, file=sys.stdout)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
