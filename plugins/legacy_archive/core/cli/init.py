"""`archive init DIR`: a new, empty archive that builds and serves on the first try.

The programme's facts come from options or, at a terminal, from questions; every problem
with them is printed at once and nothing is written until they are all right.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path
from typing import TextIO

from legacy_archive.core.starter.facts import (
    ArchiveFacts,
    ask_missing,
    parse_collection,
    problems_of,
)
from legacy_archive.core.starter.presets import preset_names
from legacy_archive.core.starter.writer import TargetNotEmpty, write_archive


def engine_requirement() -> str:
    """The pip requirement for the engine running now, so a new archive pins what it was made with."""
    try:
        return f"legacy-archive=={metadata.version('legacy-archive')}"
    except metadata.PackageNotFoundError:
        return "legacy-archive"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `init` subcommand to the `archive` parser."""
    parser = commands.add_parser(
        "init",
        help="start a new archive in DIR: settings, collections, pages and workflows",
        description="Write a new, empty archive. Options not given are asked for at a terminal.",
    )
    parser.add_argument("directory", type=Path, help="a new or empty folder")
    parser.add_argument(
        "--name", default="", help='the programme\'s name, like "Digital Talent Programme"'
    )
    parser.add_argument("--start", default="", help="when it started: YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--end", default="", help="when it ended")
    parser.add_argument("--funder", default="", help="who funded it")
    parser.add_argument(
        "--partner", action="append", default=[], help="a partner (repeat for more)"
    )
    parser.add_argument("--description", default="", help="one sentence on what the programme did")
    parser.add_argument(
        "--collection",
        action="append",
        default=[],
        metavar="NAME[=PRESET]",
        help=f"a collection (repeat for more); presets: {', '.join(preset_names())}",
    )
    parser.add_argument("--site-url", default="", help="the published address, if it is known now")
    parser.add_argument("--repository", default="", help="the GitHub repository, as OWNER/NAME")
    parser.add_argument("--language", default="en", help="the site's language (default: en)")
    parser.add_argument(
        "--engine", default="", help="the pip requirement for the engine (default: this version)"
    )
    parser.add_argument(
        "--no-input", action="store_true", help="never ask: fail on missing options"
    )
    parser.set_defaults(run=run)


def _ask(question: str, default: str) -> str:
    shown = f" [{default}]" if default else ""
    answer = input(f"{question}{shown}: ").strip()
    return answer or default


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Write the archive and say what to do next; exit 2 on bad options or a used folder."""
    out = out or sys.stdout
    facts = ArchiveFacts(
        name=" ".join(args.name.split()),
        start=args.start,
        end=args.end,
        collections=tuple(parse_collection(c) for c in args.collection),
        funder=args.funder,
        partners=tuple(args.partner),
        description=" ".join(args.description.split()),
        site_url=args.site_url,
        repository=args.repository,
        language=args.language,
        engine=args.engine or engine_requirement(),
    )
    if not args.no_input and sys.stdin.isatty():
        facts = ask_missing(facts, _ask)
    problems = problems_of(facts)
    target: Path = args.directory
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problems.insert(
            0, f"{target}: not empty (expected a new or empty folder: init never overwrites)"
        )
    if problems:
        for problem in problems:
            print(f"archive init: {problem}", file=out)
        return 2
    try:
        written = write_archive(target, facts)
    except TargetNotEmpty:
        print(f"archive init: {target}: not empty (expected a new or empty folder)", file=out)
        return 2
    names = ", ".join(c.name for c in facts.collections)
    print(f"wrote {len(written)} files into {target} (collections: {names})", file=out)
    print(f"next: cd {target} && make serve   (then add records with `archive new`)", file=out)
    return 0
