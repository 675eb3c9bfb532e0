"""The media type of each kind of file a built site holds, as GitHub Pages serves it.

One fixed table (Pages' own types, which come from mime-db), not `mimetypes`, whose answers
depend on the machine's `/etc/mime.types`: an edition made on two machines must be the same
bytes. The web archive records the header Pages sends (with its charset); the ZIM file
stores the bare type.
"""

from __future__ import annotations

import posixpath

TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".yml": "text/yaml",
    ".yaml": "text/yaml",
    ".ris": "application/x-research-info-systems",
    ".gz": "application/gzip",
    ".zip": "application/zip",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}
DEFAULT_TYPE = "application/octet-stream"
WITH_CHARSET = frozenset(
    {
        "text/html", "text/css", "application/javascript", "application/json",
        "application/manifest+json", "text/plain", "text/csv", "text/markdown", "text/yaml",
        "text/vtt",
    }
)  # fmt: skip
"""The types Pages sends with `; charset=utf-8` (XML carries its encoding itself)."""


def media_type(name: str) -> str:
    """The bare media type of a file name (`text/html`), by its extension."""
    return TYPES.get(posixpath.splitext(name)[1].lower(), DEFAULT_TYPE)


def served_type(name: str) -> str:
    """The Content-Type header Pages sends for a file name (`text/html; charset=utf-8`)."""
    kind = media_type(name)
    return f"{kind}; charset=utf-8" if kind in WITH_CHARSET else kind
