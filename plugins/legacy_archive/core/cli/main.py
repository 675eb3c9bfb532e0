"""`archive check`: the build's validation without a build, for editors and CI.

Exits 0 when clean and 1 when any problem is found, printing every problem, sorted, then a
one-line summary. It reads the `archive` plugin's options from `mkdocs.yml` without MkDocs.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from legacy_archive.core.cli import new as new_command
from legacy_archive.core.cli.commands import add_config_option, register
from legacy_archive.core.common.problems import printable, sort_problems, summary_line
from legacy_archive.core.config.settings import (
    PLUGIN_NAMES,
    ProjectSettings,
    config_problems,
    settings_from_options,
    site_layout,
)
from legacy_archive.core.editors import report
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.model.archive import load_archive
from legacy_archive.core.publish.namespace import site_problems


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely: `!!python/name:` and `!ENV` tags become plain values."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def read_settings(config_file: Path) -> tuple[ProjectSettings | None, list[str]]:
    """Find the archive plugin's options in an mkdocs.yml and turn them into settings."""
    name = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_ConfigLoader)
    except OSError as error:
        return None, [
            f"{name}:1: file: cannot be read: {error.strerror} (expected the site's mkdocs.yml)"
        ]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [
            f"{name}:{line}: file: invalid YAML: {getattr(error, 'problem', error)} (expected valid YAML)"
        ]
    plugins = config.get("plugins", []) if isinstance(config, dict) else []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else [next(iter(p.items())) if isinstance(p, dict) and p else (p, {}) for p in plugins]
    )
    for plugin, options in entries:
        if plugin in PLUGIN_NAMES:
            settings, errors = settings_from_options(
                config_file.parent.resolve(), options if isinstance(options, dict) else {}
            )
            if settings is not None and isinstance(config, dict):
                settings = replace(settings, site=site_layout(config))
            return settings, [str(p) for p in config_problems(name, text, errors)]
    return None, [
        f"{name}:1: plugins: the 'archive' plugin is not configured (expected '- archive:' with its collections)"
    ]


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
    found = sort_problems([*result.problems, *site_problems(result.archive, config_file)])
    for problem in found:
        print(problem, file=out)
    line = summary_line(
        found, result.archive.count() + len(result.archive.drafts), result.files_read
    )
    print(line, file=out)
    problems = [*report.config_problems(errors, config_file.name), *found]
    report.publish(problems, line, settings, os.environ, out, base, report.kept_urls(result))
    return 1 if found or errors else 0


def main(argv: list[str] | None = None) -> int:
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
    register(commands)
    new_command.register(commands)
    args = parser.parse_args(argv)
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
