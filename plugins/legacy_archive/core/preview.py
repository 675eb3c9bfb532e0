"""Serve a built site under a sub-path on 127.0.0.1, the way GitHub Pages serves a project.

Relative URLs, redirects and search must work at `https://<org>.github.io/<repo>/`, so
browser tests, screenshots and Lighthouse runs all look at the site through this server
rather than at the site root.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


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
