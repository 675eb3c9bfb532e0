"""WARC/1.1 records of a built site, as a crawler of its GitHub Pages address would write them.

Unlike a crawl, nothing is fetched and nothing depends on the clock: every record carries
the content's date, its id is derived from its address and payload, and each record is
gzipped on its own (so a replay tool can seek to it from the index).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from legacy_archive.core.export.served import MOVED_BODY, Served

WARC_VERSION = "WARC/1.1"
RECORD_NAMESPACE = uuid.UUID("6b8f0a52-8d5e-4b53-9a64-5f8f3b0a2c11")
"""Namespace of the archive's record ids (uuid5 of address and payload digest)."""


def warc_date(when: datetime) -> str:
    """`2022-12-31T00:00:00Z`: the WARC-Date form of an aware UTC datetime."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest of a body, as crawlers and pywb write it (SHA-1, base32)."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def record_id(kind: str, url: str, digest: str) -> str:
    """A WARC-Record-ID that is the same at every export of the same content."""
    return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, f'{kind} {url} {digest}')}>"


class SiteWarcWriter:
    """Writes the site's responses into one gzipped WARC stream."""

    def __init__(self, out: BinaryIO, site_dir: Path, when: datetime) -> None:
        self.writer = WARCWriter(out, gzip=True, warc_version=WARC_VERSION)
        self.site_dir = site_dir
        self.date = warc_date(when)
        self.modified = format_datetime(when, usegmt=True)
        self.count = 0

    def warcinfo(self, filename: str, fields: Iterable[tuple[str, str]]) -> None:
        """The first record: what made the file and what it holds (`key: value` lines)."""
        body = "".join(f"{key}: {' '.join(value.split())}\r\n" for key, value in fields)
        payload = body.encode("utf-8")
        headers = {
            "WARC-Record-ID": record_id("warcinfo", filename, payload_digest(payload)),
            "WARC-Date": self.date,
            "WARC-Filename": filename,
        }
        record = self.writer.create_warc_record(
            "",
            "warcinfo",
            payload=BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict=headers,
        )
        self.writer.write_record(record)
        self.count += 1

    def _http_headers(self, served: Served, length: int, digest: str) -> StatusAndHeaders:
        headers = [
            ("Server", "GitHub.com"),
            ("Content-Type", served.content_type),
            ("Last-Modified", self.modified),
            ("Access-Control-Allow-Origin", "*"),
            ("ETag", '"' + digest.split(":", 1)[1][:16].lower() + '"'),
            ("Cache-Control", "max-age=600"),
        ]
        if served.status == 301:
            headers = [("Server", "GitHub.com"), ("Content-Type", served.content_type)]
            headers.append(("Location", served.location))
        headers.append(("Date", self.modified))
        headers.append(("Content-Length", str(length)))
        return StatusAndHeaders(f"{served.status} {served.reason}", headers, protocol="HTTP/1.1")

    def response(self, served: Served) -> str:
        """Write the record of one address; return its payload digest."""
        body = (self.site_dir / served.file).read_bytes() if served.file else MOVED_BODY
        digest = payload_digest(body)
        http = self._http_headers(served, len(body), digest)
        headers = {
            "WARC-Record-ID": record_id("response", served.url, digest),
            "WARC-Date": self.date,
            "WARC-Payload-Digest": digest,
        }
        if served.same_as:
            record = self.writer.create_revisit_record(
                served.url,
                digest,
                served.same_as,
                self.date,
                http_headers=http,
                warc_headers_dict={
                    "WARC-Record-ID": record_id("revisit", served.url, digest),
                    "WARC-Date": self.date,
                },
            )
        else:
            record = self.writer.create_warc_record(
                served.url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict=headers,
            )
        self.writer.write_record(record)
        self.count += 1
        return digest
