"""Subcommands of `archive` beyond `check`; each module adds its own parser."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Add every subcommand to the `archive` parser's subparsers."""
    from legacy_archive.core.cli import ledger, links

    ledger.register(commands)
    links.register(commands)
