"""Subcommands of `archive` beyond `check`; each module adds its own parser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help="path to mkdocs.yml (default: ./mkdocs.yml)",
    )


def register(commands: Any) -> None:
    """Add every subcommand to the `archive` parser's subparsers."""
    from legacy_archive.core.cli import ledger, links

    ledger.register(commands)
    links.register(commands)
