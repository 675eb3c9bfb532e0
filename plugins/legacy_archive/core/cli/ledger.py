"""`archive ledger add|check|reset`: keep the URL ledger in step with what the site publishes.

`add` records every URL the current records and pages publish (never removing one);
`check` lists ledger URLs nothing publishes any more, and new URLs not yet recorded,
without building the site (the build itself checks the built files); `reset` starts a
new ledger for an archive that was never published (one made from another's files),
refusing, unless told `--forget`, when that would forget URLs recorded before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from legacy_archive.core.cli.options import add_config_option
from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.emit.notices import SITE_MAP_URL
from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.ledger import docs_pages, published_urls
from legacy_archive.core.publish.ledger_file import (
    RESET_NOTE,
    page_url_of,
    read_ledger,
    was_reset,
    write_ledger,
)
from legacy_archive.core.publish.opendata import data_files
from legacy_archive.core.publish.redirects import redirect_rules


def current_urls(config_file: Path) -> tuple[set[str], Path, list[str]]:
    """Every URL a build of this project publishes, the ledger's path, and any problems."""
    settings, errors = read_settings(config_file)
    if settings is None:
        return set(), Path(), errors
    result = load_archive(settings)
    errors += [str(p) for p in result.problems]
    archive = result.archive
    docs_dir = settings.root / settings.site.docs_dir
    rules, found = redirect_rules(archive)
    errors += [str(p) for p in found]
    schema_names = sorted(p.name for p in (settings.root / settings.schemas_dir).glob("*.json"))
    # Generated pages (listings, records, taxonomy and Find pages) are published URLs too.
    generated = [page_url_of(page.src_uri) for page in PageEmitter(archive).pages()]
    pages = [*docs_pages(docs_dir), *generated, SITE_MAP_URL]
    urls = published_urls(archive, pages, rules, data_files(archive, schema_names))
    ledger = settings.root / settings.url_ledger
    return urls, ledger, errors


def add(args: argparse.Namespace, out: Any = None) -> int:
    out = out or sys.stdout
    urls, ledger, errors = current_urls(args.config_file)
    for error in errors:
        print(error, file=out)
    if errors:
        print("archive ledger: fix the problems above first; the ledger is unchanged.", file=out)
        return 1
    known = {entry.url for entry in read_ledger(ledger)}
    new = sorted(urls - known)
    write_ledger(ledger, known | urls, RESET_NOTE if was_reset(ledger) else "")
    for url in new:
        print(f"added {url}", file=out)
    print(
        f"archive ledger: {len(new)} new URL(s) added; {len(known | urls)} in {ledger.name}.",
        file=out,
    )
    return 0


def check(args: argparse.Namespace, out: Any = None) -> int:
    out = out or sys.stdout
    urls, ledger, errors = current_urls(args.config_file)
    for error in errors:
        print(error, file=out)
    entries = read_ledger(ledger)
    gone = [e for e in entries if e.url not in urls]
    for entry in gone:
        print(
            f"{ledger.name}:{entry.line}: url: '{entry.url}' is no longer published (expected a page, file or redirect; add it to a record's legacy_urls or to plugins.archive.redirects)",
            file=out,
        )
    new = sorted(urls - {e.url for e in entries})
    for url in new:
        print(
            f"{ledger.name}:1: url: '{url}' is published but not in the ledger (expected it recorded: run `archive ledger add`)",
            file=out,
        )
    print(
        f"archive ledger: {len(entries)} recorded, {len(gone)} no longer published, {len(new)} not yet recorded.",
        file=out,
    )
    return 1 if errors or gone or new else 0


def reset(args: argparse.Namespace, out: Any = None) -> int:
    out = out or sys.stdout
    urls, ledger, errors = current_urls(args.config_file)
    for error in errors:
        print(error, file=out)
    if errors:
        print("archive ledger: fix the problems above first; the ledger is unchanged.", file=out)
        return 1
    forgotten = [e for e in read_ledger(ledger) if e.url not in urls]
    if forgotten and not args.forget:
        for entry in forgotten:
            print(
                f"{ledger.name}:{entry.line}: url: '{entry.url}' is no longer published and a reset would forget it (expected it kept while anyone may hold a link to it: add it to a record's legacy_urls or to plugins.archive.redirects)",
                file=out,
            )
        print(
            f"archive ledger: {len(forgotten)} recorded URL(s) would be forgotten; the ledger is "
            "unchanged. If the site was ever published, links to them would break. If it never "
            "was (a new archive made from another's files), run `archive ledger reset --forget`.",
            file=out,
        )
        return 1
    write_ledger(ledger, urls, RESET_NOTE)
    print(
        f"archive ledger: started afresh with the {len(urls)} URL(s) the site publishes now "
        f"({len(forgotten)} forgotten) in {ledger.name}.",
        file=out,
    )
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser("ledger", help="keep the ledger of published URLs up to date")
    actions = parser.add_subparsers(dest="action", required=True)
    for name, run, text in (
        ("add", add, "record every URL the site now publishes"),
        ("check", check, "list ledger URLs that would break and URLs not yet recorded"),
        ("reset", reset, "start a new ledger, for an archive that was never published"),
    ):
        action = actions.add_parser(name, help=text)
        add_config_option(action)
        action.set_defaults(run=run)
        if name == "reset":
            action.add_argument(
                "--forget",
                action="store_true",
                help="forget recorded URLs nothing publishes any more (never once the site is online)",
            )
