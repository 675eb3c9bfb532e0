"""Digests that say whether a cached result still holds.

Every cache of a live preview (`mkdocs serve`) keys its entries by what they were made
from. Files are taken by modification time and size, never read: hashing the theme and
the schemas on every save would cost more than the reuse saves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def text_digest(*parts: str) -> str:
    """A digest of some text (joined with NUL, so parts cannot run into each other)."""
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()


def files_digest(paths: Iterable[Path], *texts: str) -> str:
    """A digest of the files' paths, modification times and sizes, and of some text.

    A path that is not a file (a folder, a file gone since it was listed) counts for
    nothing, so listing a folder with `rglob` is enough."""
    digest = hashlib.sha1("\0".join(texts).encode("utf-8"))
    for path in paths:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()
