"""One GET to a vetted, pinned address, its body read only within a byte limit and a type.

The checks that can be made before the body is read are made first: a declared type
outside the limit, or a Content-Length over it, is refused without reading a byte. A body
without a length is read in chunks and refused as soon as it passes the limit; a
compressed one is inflated in bounded steps (`inflate.py`). Redirects are not followed
here: `download.fetch_file` vets each hop before asking it.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from legacy_archive.core.editors.connection import (
    FetchFailure,
    FetchTimeout,
    PinnedConnection,
    Watchdog,
)
from legacy_archive.core.editors.fetch import request_target
from legacy_archive.core.importing.inflate import CHUNK, Decoder, TooBig
from legacy_archive.core.importing.refusal import human_size
from legacy_archive.core.importing.sniff import allowed

__all__ = ["USER_AGENT", "Response", "Vetted", "WrongType", "request"]

USER_AGENT = "legacy-archive-import/1 (+https://github.com/)"
# Labels old servers put on any file: no reason to refuse before the bytes are seen.
_UNLABELLED = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/download",
        "application/x-download",
        "application/force-download",
        "application/unknown",
        "text/plain",
    }
)

Vetted = tuple[str, int, list[tuple[int, tuple[str, int]]], bool]
"""What `editors.fetch.vet_address` returns: host, port, pinned addresses, https."""


class WrongType(FetchFailure):
    """A type outside the limit, declared by the server or sniffed from the bytes."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Response:
    """One answer: a redirect's Location, or a 2xx body within the limits."""

    status: int
    location: str | None
    declared: str
    charset: str
    body: bytes
    retry_after: float | None = None


def _seconds(header: str | None) -> float | None:
    """A Retry-After header in seconds (its HTTP-date form is not used by the servers we meet)."""
    value = (header or "").strip()
    return float(value) if value.isdigit() else None


def _content_type(header: str | None) -> tuple[str, str]:
    if not header:
        return "", ""
    kind, _, rest = header.partition(";")
    charset = ""
    for parameter in rest.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


def request(
    url: str,
    vetted: Vetted,
    watchdog: Watchdog,
    *,
    max_bytes: int,
    types: tuple[str, ...],
    tls_context: ssl.SSLContext | None,
) -> Response:
    """One GET; the body is read only for a 2xx answer, and only within the limits."""
    host, port, addresses, https = vetted
    tls = (tls_context or ssl.create_default_context()) if https else None
    parts = urlsplit(url)
    connection = PinnedConnection(host, port, addresses, watchdog, tls)
    try:
        connection.request(
            "GET",
            request_target((parts.path, parts.query)),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "*/*",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        status = int(response.status)
        declared, charset = _content_type(response.getheader("Content-Type"))
        location = response.getheader("Location")
        if not 200 <= status < 300:
            wait = _seconds(response.getheader("Retry-After"))
            return Response(status, location, declared, charset, b"", wait)
        if declared not in _UNLABELLED and not allowed(declared, types):
            raise WrongType(
                f"the server says it is {declared} (expected {', '.join(types)})", declared
            )
        length = response.getheader("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > max_bytes:
            raise TooBig(f"is {human_size(int(length))} (expected at most {human_size(max_bytes)})")
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
            raise FetchFailure(
                f"the server sent it with {encoding} encoding (expected gzip, deflate or none)"
            )
        decoder = Decoder("gzip" if encoding == "x-gzip" else encoding, max_bytes)
        body = bytearray()
        read = 0
        while True:
            chunk = response.read(CHUNK)
            if not chunk:
                if watchdog.fired:  # the watchdog ended the read: the body is cut short
                    raise FetchTimeout()
                break
            read += len(chunk)
            if encoding == "identity":
                body += chunk
                if read > max_bytes:
                    raise TooBig(
                        f"is more than {human_size(max_bytes)}"
                        f" (expected at most {human_size(max_bytes)})"
                    )
            else:
                decoder.feed(chunk, body)
        if encoding != "identity":
            decoder.finish()
        return Response(status, location, declared, charset, bytes(body))
    finally:
        watchdog.attach(None)
        connection.close()
