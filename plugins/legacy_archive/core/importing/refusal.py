"""Why a file was not fetched: the refusal every importer reports, and sizes as it states them.

Kept apart from the fetching itself so that readers of bytes fetched some other way (a
`.xml.gz` sitemap, a compressed body) refuse in the same words and with the same flags.
"""

from __future__ import annotations

from legacy_archive.core.common.sizes import MB
from legacy_archive.core.common.sizes import limit_size as human_size

__all__ = ["MB", "DownloadRefused", "human_size"]


class DownloadRefused(Exception):
    """A file that was not (entirely) fetched, with a plain reason for the report."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        timed_out: bool = False,
        redirects: tuple[str, ...] = (),
        content_type: str = "",
        too_big: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status
        self.timed_out = timed_out
        self.redirects = redirects
        self.content_type = content_type
        """The type that was refused, when the refusal is about the type."""
        self.too_big = too_big
        """The file is larger than `max_bytes` (declared, read or decompressed)."""
        self.retry_after = retry_after
        """Seconds a busy server (429, 503) asked to wait, when it said."""

    def __str__(self) -> str:
        return self.reason
