"""Serve a built site under a sub-path on 127.0.0.1, the way GitHub Pages serves a project.

Relative URLs, redirects and search must work at `https://<org>.github.io/<repo>/`, so
browser tests, screenshots and Lighthouse runs all look at the site through this server
rather than at the site root. Like Pages, it compresses text files for clients that ask.
"""

from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Types GitHub Pages sends gzip-compressed; measuring them uncompressed would make every
# page look several times heavier to Lighthouse than it is for readers.
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `folder` at `base`; anything outside `base` is a 404, like Pages."""

    def __init__(
        self, *args: Any, base: str, root_files: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        self.base = base
        self.root_files = root_files
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path.lstrip("/") in self.root_files:
            return super().translate_path(path)
        if not path.startswith(self.base):
            return str(Path(self.directory) / ".outside-the-site-base" / "missing")
        return super().translate_path("/" + path[len(self.base) :])

    def send_head(self) -> Any:
        """Send a compressible file gzip-compressed when the client accepts it, as Pages does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or not content_type.startswith(_COMPRESSED_TYPES)
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404s with the site's own 404.html, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and scripts print what matters themselves."""


@contextmanager
def serve(
    folder: Path,
    base: str = "/techpathways-archive/",
    port: int = 0,
    root_files: tuple[str, ...] = (),
) -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<port><base> until the block ends; yields the URL.

    `root_files` (like `robots.txt`) are also answered at the host root, as the owner of the
    domain (`<org>.github.io`) would: Lighthouse looks for robots.txt only there.
    """
    if not base.startswith("/") or not base.endswith("/"):
        raise ValueError(f"base must start and end with '/' (got {base!r})")
    handler = partial(_SubPathHandler, directory=str(folder), base=base, root_files=root_files)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
