"""Where an edition is written: the size limit, and a temporary file renamed only when the
edition is complete and within the limit, so a failed or refused export leaves nothing."""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from legacy_archive.core.common.sizes import limit_size as human_size

GIB = 1024**3
DEFAULT_MAX_SIZE = 2 * GIB
"""The default limit on an edition's size: 2 GiB, the largest file a GitHub Release asset
may be (the release workflow publishes the editions there), and under FAT32's 4 GiB file
limit, the file system of most USB sticks and SD cards that carry ZIM files to Kiwix
hotspots and phones. A larger archive passes `--max-size` and is shared some other way."""

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": GIB, "t": 1024**4}


class ExportError(Exception):
    """A problem that stops an export; the message is the one line a user reads."""


def parse_size(text: str) -> int:
    """`2G`, `500M`, `1.5GiB` or a number of bytes, for `--max-size`."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a size (expected bytes or a number with K, M, G or T, like 2G)"
        )
    unit = (match.group(2) or "").lower().rstrip("b").rstrip("i")
    return int(float(match.group(1)) * _UNITS[unit])


@contextmanager
def atomic_output(out: Path, max_size: int) -> Iterator[Path]:
    """A temporary path beside `out` to write the edition to; renamed to `out` only when the
    block finishes and the file is within `max_size`, removed otherwise (with whatever the
    writer left beside it under the same name)."""
    folder = out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
        os.close(handle)
    except OSError as error:
        raise ExportError(
            f"{folder}/: cannot write there: {error.strerror or error} "
            "(expected a folder you may write to: pass --out)"
        ) from error
    temp = Path(name)
    try:
        yield temp
        size = temp.stat().st_size
        if size > max_size:
            raise ExportError(
                f"{out}: {human_size(size)} is over the limit of {human_size(max_size)} "
                "(expected a smaller edition, or --max-size larger: see the README); "
                "nothing was written"
            )
        temp.chmod(0o644)  # mkstemp makes it private; an edition is for sharing
        temp.replace(out)
    finally:
        for leftover in folder.glob(f"{temp.name}*"):
            leftover.unlink(missing_ok=True)
