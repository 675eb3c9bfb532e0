"""The link-rot report against a local HTTP server on 127.0.0.1: live, missing, redirecting
and silent links, with a bounded number of requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import COURSE, Project
from legacy_archive.core.cli import main as archive_main


class Handler(BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - the server's log, read by the tests

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        if self.path == "/live":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/live")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def write_records(project: Project, base: str) -> None:
    body = (
        f"Body with [a live link]({base}/live), [a gone link]({base}/missing) "
        f"and [a moved one]({base}/moved).\n"
    )
    project.write("courses/a.md", COURSE.replace("Body text.\n", body))
    slow = COURSE.replace("Audio Editing", "Slow Links").replace(
        "Body text.\n", f"[Slow]({base}/slow)\n"
    )
    project.write("courses/b.md", slow)


def test_report_lists_dead_links_per_record(project: Project, server: str, tmp_path: Path) -> None:
    write_records(project, server)
    report = tmp_path / "report.md"
    config = str(project.root / "mkdocs.yml")
    code = archive_main(["links", "-f", config, "-o", str(report), "--timeout", "0.5"])
    text = report.read_text(encoding="utf-8")
    assert code == 1, "dead links make the command fail, for scheduled runs"
    assert "Checked 4 distinct external links from 2 records: 2 dead, 1 redirected" in text
    dead = text.split("## Dead links")[1].split("## Redirected links")[0]
    assert "### Audio Editing and Podcasting" in dead and "`courses/a.md` (courses/a)" in dead
    assert (
        f"| <{server}/missing> | HTTP 404 | <https://web.archive.org/web/20210301000000/{server}/missing> |"
        in dead
    )
    assert f"<{server}/slow> | no response" in dead, "a timeout counts as dead"
    assert f"{server}/live>" not in dead
    assert f"- <{server}/moved> now at <{server}/live>" in text


def test_requests_are_bounded(project: Project, server: str, tmp_path: Path) -> None:
    write_records(project, server)
    report = tmp_path / "report.md"
    config = str(project.root / "mkdocs.yml")
    archive_main(
        ["links", "-f", config, "-o", str(report), "--max-requests", "2", "--timeout", "0.5"]
    )
    assert sorted(Handler.requests) == ["/live", "/missing"], "only the first two links are fetched"
    text = report.read_text(encoding="utf-8")
    assert "Checked 2 distinct external links" in text and "2 not checked (request limit)" in text
    assert "## Not checked" in text
