"""Bounded decompression: gzip and deflate inflated in small steps, never past a limit.

A compression bomb (64 MB of zeros in a 64 KB gzip) must be refused, not inflated: the
output is checked after every step, so memory holds at most the limit and one step more.
"""

from __future__ import annotations

import zlib

from legacy_archive.core.editors.connection import FetchFailure
from legacy_archive.core.importing.refusal import DownloadRefused, human_size

__all__ = ["CHUNK", "Decoder", "TooBig", "gunzip"]

CHUNK = 64 * 1024
"""Bytes read from a socket at a time; a decompression step is at most four of them."""


class TooBig(FetchFailure):
    """More bytes than the limit: declared, read or decompressed."""


class Decoder:
    """Decompresses gzip or deflate in bounded steps; the output never exceeds `limit` + 1."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.limit = limit
        self.size = 0
        self.fed = False
        self._raw_fallback = encoding == "deflate"
        self._z = self._new()

    def _new(self) -> zlib._Decompress:
        if self.encoding == "gzip":
            return zlib.decompressobj(wbits=31)
        return zlib.decompressobj(wbits=15 if self._raw_fallback else -15)

    def feed(self, data: bytes, out: bytearray) -> None:
        self.fed = self.fed or bool(data)
        while data:
            room = min(self.limit - self.size + 1, 4 * CHUNK)  # small steps: no big copies
            try:
                piece = self._z.decompress(data, room)
            except zlib.error:
                if self._raw_fallback and self.size == 0:
                    # "deflate" is raw deflate on some servers, zlib-wrapped on others.
                    self._raw_fallback = False
                    self._z = self._new()
                    continue
                raise FetchFailure(f"the {self.encoding} body is corrupt") from None
            self._raw_fallback = False
            self.size += len(piece)
            out += piece
            if self.size > self.limit:
                raise TooBig(
                    f"decompresses to more than {human_size(self.limit)}"
                    f" (expected at most {human_size(self.limit)}; a compression bomb?)"
                )
            data = self._z.unconsumed_tail
            if self._z.eof:
                return

    def finish(self) -> None:
        if self.fed and not self._z.eof:
            raise FetchFailure(f"the {self.encoding} body ends early")


def gunzip(data: bytes, limit: int) -> bytes:
    """A gzip file's contents (a `.xml.gz` sitemap), refused past `limit` bytes like a body."""
    out = bytearray()
    decoder = Decoder("gzip", limit)
    try:
        decoder.feed(data, out)
        decoder.finish()
    except FetchFailure as failure:
        raise DownloadRefused("", str(failure)) from None
    return bytes(out)
