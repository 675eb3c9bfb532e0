"""Serve a built site on 127.0.0.1 under a project sub-path, like GitHub Pages does.

`https://<org>.github.io/<repo>/` serves the site under `/<repo>/`; links that only work
at the domain root break there, so browser tests and benchmarks serve it the same way.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests and benchmarks print their own output."""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closing a connection early is normal, not worth a traceback."""


@contextmanager
def serve(site: Path, prefix: str = "/techpathways-archive/") -> Iterator[str]:
    """Serve `site` at `http://127.0.0.1:<free port><prefix>`; yields that base URL."""
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
