"""Serve a built site under a sub-path on 127.0.0.1, the way GitHub Pages serves a project.

Relative URLs, redirects and search must work at `https://<org>.github.io/<repo>/`, so
browser tests, screenshots and Lighthouse runs all look at the site through this server
rather than at the site root.
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

COMPRESSED = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".yml"}
)
"""Types GitHub Pages serves gzip-compressed; Pagefind's chunks are compressed already."""


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `folder` at `base`; anything outside `base` is a 404, like Pages."""

    def __init__(self, *args: Any, base: str, **kwargs: Any) -> None:
        self.base = base
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.base):
            return str(Path(self.directory) / ".outside-the-site-base" / "missing")
        return super().translate_path("/" + path[len(self.base) :])

    def send_head(self) -> Any:
        """Compress text as GitHub Pages does, so measured transfers match what readers get."""
        request_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(request_path))
        if path.is_dir():
            if not request_path.endswith("/"):
                return super().send_head()  # the stdlib redirects `folder` to `folder/`
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
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
def serve(folder: Path, base: str = "/techpathways-archive/", port: int = 0) -> Iterator[str]:
    """Serve `folder` at http://127.0.0.1:<port><base> until the block ends; yields the URL."""
    if not base.startswith("/") or not base.endswith("/"):
        raise ValueError(f"base must start and end with '/' (got {base!r})")
    handler = partial(_SubPathHandler, directory=str(folder), base=base)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
