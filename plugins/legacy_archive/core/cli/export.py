"""`archive export zim|wacz|bag`: editions of the built site for Kiwix, web archives and libraries.

Each edition lives in its own module under `core/export/` and adds its subcommand here with
what it writes (`write`, and `suffix` for its file). Loading the archive happens in this
module alone, so no edition depends on the pipeline: every edition gets the same checked
`ExportContext` and the same way of writing (a temporary file renamed when complete and
within its size limit; nothing is left behind by a failed or refused export).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from legacy_archive.core.config.project_file import read_settings
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.export import bag, wacz, zim
from legacy_archive.core.export.built_site import BUILD_HINT, built_site_problems, site_files
from legacy_archive.core.export.common import (
    ExportContext,
    ExportError,
    atomic_output,
    content_timestamp,
    human_size,
    line_of,
    output_path,
)
from legacy_archive.core.export.languages import LANGUAGES, language_code
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.pipeline import load_archive
from legacy_archive.core.publish.address_rules import external
from legacy_archive.core.publish.ledger_file import read_ledger
from legacy_archive.core.publish.redirects import redirect_rules

EDITIONS = (zim, wacz, bag)
"""Each with `register(subcommands)`, in the order the help lists them."""


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `export` and one subcommand per edition to the `archive` parser."""
    parser = commands.add_parser(
        "export",
        help="write an edition of the built site: zim (offline), wacz (web archive), bag (library deposit)",
        description="Write an edition of the built site that outlives its web address.",
    )
    parser.set_defaults(run=run, write_folder=None)
    editions = parser.add_subparsers(dest="edition", required=True, metavar="EDITION")
    for edition in EDITIONS:
        edition.register(editions)


def load_context(
    config_file: Path, site: Path | None = None, environ: dict[str, str] | None = None
) -> tuple[ExportContext | None, list[str]]:
    """The export's context, or every problem that stands in its way."""
    settings, errors = read_settings(config_file)
    if settings is None or errors:
        return None, errors or [f"{config_file.name}:1: file: cannot be read"]
    result = load_archive(settings)
    found = [str(problem) for problem in result.problems]
    return make_context(config_file, settings, result.archive, found, site, environ)


def make_context(
    config_file: Path,
    settings: ProjectSettings,
    archive: Archive,
    problems: list[str],
    site: Path | None = None,
    environ: dict[str, str] | None = None,
) -> tuple[ExportContext | None, list[str]]:
    """The export's context from the loaded archive (and its load `problems`), or every
    problem that stands in its way."""
    problems = list(problems)
    rules, found = redirect_rules(archive)
    problems += [str(p) for p in found]
    site_dir = site if site is not None else settings.root / settings.site.site_dir
    resolved = site_dir.resolve()
    shown = (
        f"{resolved.relative_to(settings.root).as_posix()}/"
        if resolved.is_relative_to(settings.root) and resolved != settings.root
        else f"{site_dir}/"
    )
    if not site_dir.is_dir():
        problems.append(f"{shown}: not built ({BUILD_HINT})")
        return None, problems
    site_url, stale = built_site_problems(
        site_dir, ((r.path, archive.url_of(r)) for r in archive.every_record()), shown
    )
    problems += stale
    language = settings.site.language
    language3 = language_code(language)
    if language3 is None:
        line = line_of(config_file, "language")
        problems.append(
            f"{config_file.name}:{line}: theme.language: '{language}' has no ISO 639-3 code "
            f"the exports know (expected one of: {', '.join(sorted(LANGUAGES))}, or a "
            "three-letter code)"
        )
    if problems:
        return None, problems
    # Old addresses with a query (`/?p=123`) are left out too: a ZIM entry's path has no
    # query, so no redirect of a ZIM can hold one (the WACZ records them: wacz.old_queries).
    redirects = {
        unquote(rule.source).lstrip("/"): rule.target
        for rule in rules
        if rule.exact and not external(rule.target)
    }
    ledger = tuple(
        sorted(
            entry.url.lstrip("/")
            for entry in read_ledger(settings.root / settings.url_ledger)
            if not urlsplit(entry.url).scheme
        )
    )
    context = ExportContext(
        config_file=config_file,
        settings=settings,
        archive=archive,
        site_dir=site_dir,
        site_url=site_url,
        site_name=settings.site.site_name or settings.root.name,
        site_description=settings.site.site_description,
        language=language,
        language3=str(language3),
        programme=settings.programme,
        redirects=dict(sorted(redirects.items())),
        ledger_urls=ledger,
        timestamp=content_timestamp(archive, environ),
        files=site_files(site_dir),
    )
    return context, []


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Load the context, write one edition and say what was written; 1 when nothing was."""
    stream = out or sys.stdout
    edition: str = args.edition
    context, problems = load_context(args.config_file, args.site)
    if context is None:
        for problem in problems:
            print(problem, file=stream)
        print(
            f"archive export {edition}: fix the problems above first; nothing was written.",
            file=stream,
        )
        return 1
    if args.write_folder is not None and args.out is not None and args.out.suffix != args.suffix:
        return int(args.write_folder(context, args, stream))
    target = output_path(context, args.out, args.suffix)
    try:
        with atomic_output(target, args.max_size) as temp:
            summary = args.write(context, temp)
    except ExportError as error:
        print(error, file=stream)
        print(f"archive export {edition}: nothing was written.", file=stream)
        return 1
    except OSError as error:  # a full disk, a file removed while it was read
        where = error.filename or target
        print(
            f"{where}: {error.strerror or error} (expected the site unchanged while it is "
            "exported, and room for the edition)",
            file=stream,
        )
        print(f"archive export {edition}: nothing was written.", file=stream)
        return 1
    print(
        f"archive export {edition}: wrote {target} ({human_size(target.stat().st_size)}; {summary}).",
        file=stream,
    )
    return 0
