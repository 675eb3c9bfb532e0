"""The values `archive import` accepts on its command line, each checked as it is read, so a
wrong one is a one-line message (`expected ...`) before anything is fetched."""

from __future__ import annotations

import argparse
import math

MB = 1024 * 1024


def megabytes(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(f"expected a number of megabytes above 0 (got {text!r})")
    return int(value * MB)


def timeout_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 86400):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0 (got {text!r})")
    return value


def delay_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= 60):
        raise argparse.ArgumentTypeError(
            f"expected a number of seconds from 0 to 60 (got {text!r})"
        )
    return value


def wayback_prefix(text: str) -> str:
    """A service's address up to its timestamps, always ending in a slash."""
    value = text.strip()
    if not value.startswith(("http://", "https://")) or len(value.split("/", 3)[2]) == 0:
        raise argparse.ArgumentTypeError(
            f"expected the service's address up to the timestamp, such as "
            f"https://archive.example.org/wayback/ (got {text!r})"
        )
    return value if value.endswith("/") else value + "/"


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1 (got {text!r})")
    return value
