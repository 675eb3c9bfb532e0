"""Sizes in words, the two ways this project states them.

A teacher reads a download's size as a file manager or phone shows it (decimal, never
bytes: "2.1 MB"); a message about a limit states it as the option that set it reads it
(binary multiples, as `--max-size 2G` and `--max-file-mb` mean them: "2 GB", "9.54 MB").
"""

from __future__ import annotations

MB = 1024 * 1024
"""A binary megabyte, as the size options count."""


def file_size(size: int) -> str:
    """A file's size as a teacher reads it: "1 KB" for a small file, "2.1 MB", never bytes."""
    if size < 999_500:
        return f"{max(1, round(size / 1000))} KB"
    if size < 999_950_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.1f} GB"


def limit_size(size: int) -> str:
    """A size in a message about a limit: `2 GB`, `9.54 MB`, `41 bytes` (binary multiples)."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.3g} GB"
    if size >= MB:
        return f"{size / MB:.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} bytes"
