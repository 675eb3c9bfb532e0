"""Options every `archive` subcommand shares."""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help="path to mkdocs.yml (default: ./mkdocs.yml)",
    )


def network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """`--allow-network CIDR`, read for argparse (its message names the form expected)."""
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a network in CIDR form such as 127.0.0.0/8 or ::1/128 (got {text!r})"
        ) from None


def add_allow_network(parser: argparse.ArgumentParser, help_text: str) -> None:
    """`--allow-network`, repeatable: private or local networks a command may still fetch
    from (tests against a server on 127.0.0.1; every other private address is refused)."""
    parser.add_argument(
        "--allow-network",
        type=network,
        action="append",
        default=[],
        metavar="CIDR",
        help=help_text,
    )
