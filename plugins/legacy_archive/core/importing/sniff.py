"""What a downloaded file is, judged from its first bytes, not from what the server says.

An old server (or a hostile one) can label an HTML page `image/png` or an executable
`application/pdf`; a type limit that trusted the header could be dodged. The magic numbers
below are the published signatures of each format (the WHATWG MIME Sniffing standard, the
PDF, PNG, ZIP and ISO base media file format specifications).
"""

from __future__ import annotations

import io
import zipfile

OCTET_STREAM = "application/octet-stream"

_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"%PDF-", "application/pdf"),
    (b"ID3", "audio/mpeg"),
    (b"OggS", "audio/ogg"),
    (b"fLaC", "audio/flac"),
    (b"\x1a\x45\xdf\xa3", "video/webm"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
)
_RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
_MP4_BRANDS = {b"M4A ": "audio/mp4", b"M4B ": "audio/mp4", b"qt  ": "video/quicktime"}
_MP3_SYNC = (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")

# Office documents are ZIP files told apart by one member; legacy ones are OLE storage.
_ZIP_MEMBERS = (
    (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
)
_OLE_DECLARED = frozenset(
    {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
)

# Declared types that are plain text with no signature: believed only when the bytes look
# like text (no NUL byte), so a binary cannot pass as one.
_TEXT_TYPES = frozenset(
    {
        "text/plain",
        "text/css",
        "text/csv",
        "text/calendar",
        "text/markdown",
        "application/json",
        "application/javascript",
        "text/javascript",
    }
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


def _markup(head: bytes) -> str | None:
    """text/html, image/svg+xml or an XML type for markup, from its first kilobyte."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(_HTML_STARTS) or (not text.startswith(b"<?xml") and b"<html" in text):
        return "text/html"
    if b"<svg" in text and (text.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--"))):
        return "image/svg+xml"
    if text.startswith(b"<?xml"):
        if b"<rss" in text:
            return "application/rss+xml"
        if b"<feed" in text:
            return "application/atom+xml"
        return "application/xml"
    if text.startswith((b"<urlset", b"<sitemapindex")):
        return "application/xml"
    return None


def _zip_type(body: bytes) -> str:
    """The office format of a ZIP file (only its directory is read), or application/zip."""
    if body[30:38] == b"mimetype" and body[38:].startswith(b"application/vnd.oasis."):
        end = body.find(b"PK", 38)
        kind = body[38 : end if end > 0 else 38 + 80].decode("ascii", "replace").strip()
        if kind.isprintable() and len(kind) < 80:
            return kind
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "application/zip"
    for member, kind in _ZIP_MEMBERS:
        if member in names:
            return kind
    return "application/zip"


def sniff(body: bytes, declared: str = "") -> str:
    """The type of `body`: its signature's type, else the declared type if the bytes allow it.

    A declared type with a signature the bytes lack, or a text type over binary bytes,
    becomes application/octet-stream: unknown, so no type limit lets it through by accident.
    """
    head = body[:1024]
    declared = declared.split(";", 1)[0].strip().lower()
    for prefix, kind in _PREFIXES:
        if head.startswith(prefix):
            if kind == "application/zip":
                return _zip_type(body)
            if kind == "application/x-ole-storage" and declared in _OLE_DECLARED:
                return declared
            return kind
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return _MP4_BRANDS.get(head[8:12], "video/mp4")
    if head.startswith(_MP3_SYNC):
        return "audio/mpeg"
    if b"\x00" in head:
        return OCTET_STREAM
    markup = _markup(head)
    if markup is not None:
        return markup
    if declared in _TEXT_TYPES or (declared.startswith("text/") and declared != "text/html"):
        return declared
    if declared == "text/html" or declared.endswith(("/xml", "+xml")):
        # Markup with a long comment or whitespace before its first tag: trust the label.
        return declared if b"<" in head else "text/plain"
    return OCTET_STREAM if body else (declared or OCTET_STREAM)


def allowed(kind: str, patterns: tuple[str, ...]) -> bool:
    """Whether `kind` matches one of `patterns` (`image/*`, `application/pdf`); none: any."""
    if not patterns:
        return True
    family = kind.split("/", 1)[0] + "/*"
    return any(pattern in (kind, family, "*/*") for pattern in patterns)
