"""Options every `archive` subcommand shares."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help="path to mkdocs.yml (default: ./mkdocs.yml)",
    )
