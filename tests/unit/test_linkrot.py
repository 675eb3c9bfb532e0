"""The link-rot report against a local HTTP server on 127.0.0.1: live, missing, redirecting
and silent links, with a bounded number of requests, validated arguments and a report that
is written even when the run is cut short."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import main as archive_main
from legacy_archive.core.editors import linkrot
from legacy_archive.core.editors.fetch import FetchResult
from support.project import COURSE, Project

LOCAL = ["--allow-network", "127.0.0.0/8"]


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
        elif self.path.startswith("/hop/"):  # /hop/<link>/<n> redirects to n+1, up to 3
            link, step = self.path.split("/")[2:4]
            if int(step) < 3:
                self.send_response(302)
                self.send_header("Location", f"/hop/{link}/{int(step) + 1}")
            else:
                self.send_response(200)
        elif self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
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
    code = archive_main(["links", "-f", config, "-o", str(report), "--timeout", "0.5", *LOCAL])
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
        [
            "links",
            "-f",
            config,
            "-o",
            str(report),
            "--max-requests",
            "2",
            "--timeout",
            "0.5",
            *LOCAL,
        ]
    )
    assert sorted(Handler.requests) == ["/live", "/missing"], "only the first two links are fetched"
    text = report.read_text(encoding="utf-8")
    assert "Checked 2 distinct external links" in text and "2 not checked (request limit)" in text
    assert "## Not checked" in text


def write_links(project: Project, urls: list[str]) -> None:
    body = "".join(f"[link {n}]({url}) " for n, url in enumerate(urls)) + "\n"
    project.write("courses/a.md", COURSE.replace("Body text.\n", body))


def links(project: Project, report: Path, *extra: str) -> int:
    config = str(project.root / "mkdocs.yml")
    return archive_main(["links", "-f", config, "-o", str(report), *extra])


def test_redirect_hops_count_against_max_requests(
    project: Project, server: str, tmp_path: Path
) -> None:
    write_links(project, [f"{server}/hop/{n}/1" for n in range(6)])
    report = tmp_path / "report.md"
    links(project, report, "--max-requests", "5", "--workers", "4", *LOCAL)
    assert len(Handler.requests) == 5, Handler.requests
    text = report.read_text(encoding="utf-8")
    assert "not checked (request limit)" in text and "## Not checked" in text


def test_local_links_are_refused_without_allow_network(
    project: Project, server: str, tmp_path: Path
) -> None:
    write_links(project, [f"{server}/live"])
    report = tmp_path / "report.md"
    assert links(project, report, "--timeout", "1") == 1
    assert Handler.requests == []
    assert "refused: 127.0.0.1 is a private or local address" in report.read_text("utf-8")


def test_redirect_loops_are_dead_not_moved(project: Project, server: str, tmp_path: Path) -> None:
    write_links(project, [f"{server}/loop"])
    report = tmp_path / "report.md"
    assert links(project, report, *LOCAL) == 1
    text = report.read_text(encoding="utf-8")
    assert "1 dead, 0 redirected" in text
    assert f"| <{server}/loop> | redirect loop (back to {server}/loop) |" in text


def test_the_run_deadline_leaves_the_rest_unchecked(
    project: Project, server: str, tmp_path: Path
) -> None:
    write_links(project, [f"{server}/slow", f"{server}/live"])
    report = tmp_path / "report.md"
    started = time.monotonic()
    links(project, report, "--deadline", "0.5", "--workers", "1", "--timeout", "5", *LOCAL)
    assert time.monotonic() - started < 3
    text = report.read_text(encoding="utf-8")
    assert "Checked 0 distinct external links" in text and "2 not checked (run deadline)" in text
    assert "run again with a longer `--deadline`" in text


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--timeout", "0", "argument --timeout: expected the time allowed for each link"),
        ("--timeout", "-1", "at most 300 (got '-1')"),
        ("--timeout", "nan", "(got 'nan')"),
        ("--timeout", "inf", "(got 'inf')"),
        ("--timeout", "301", "(got '301')"),
        ("--timeout", "soon", "(got 'soon')"),
        ("--max-requests", "0", "argument --max-requests: expected a whole number of at least 1"),
        ("--workers", "17", "argument --workers: expected a whole number from 1 to 16 (got '17')"),
        ("--workers", "0", "from 1 to 16 (got '0')"),
        ("--deadline", "0", "argument --deadline: expected the time allowed for the whole run"),
        ("--deadline", "86401", "at most 86400 (got '86401')"),
        ("--allow-network", "nowhere", "expected a network in CIDR form"),
    ],
)
def test_arguments_are_validated(
    project: Project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    message: str,
) -> None:
    report = tmp_path / "report.md"
    with pytest.raises(SystemExit) as exit_info:
        links(project, report, f"{option}={value}")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not report.exists()


def fake_fetch(fail_with: BaseException) -> object:
    calls: list[str] = []

    def fetch(url: str, **_: object) -> FetchResult:
        calls.append(url)
        if len(calls) > 1:
            raise fail_with
        return FetchResult(url, 404, url)

    return fetch


def test_the_report_is_written_when_interrupted(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_links(project, [f"https://example.org/{n}" for n in range(3)])
    monkeypatch.setattr(linkrot, "fetch", fake_fetch(KeyboardInterrupt()))
    report = tmp_path / "report.md"
    assert links(project, report, "--workers", "1") == 130
    text = report.read_text(encoding="utf-8")
    assert "**Incomplete: the run was interrupted.**" in text
    assert "Checked 1 distinct external links from 1 records: 1 dead" in text
    assert "| <https://example.org/0> | HTTP 404 |" in text
    assert "2 not checked (interrupted)" in text
    assert "- <https://example.org/2>" in text
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        "archive links: interrupted after 1 links checked, 1 dead, 2 not checked; "
        f"partial report written to {report}"
    ]


def test_the_report_is_written_on_an_unexpected_error(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_links(project, [f"https://example.org/{n}" for n in range(3)])
    monkeypatch.setattr(linkrot, "fetch", fake_fetch(RuntimeError("boom")))
    report = tmp_path / "report.md"
    assert links(project, report, "--workers", "1") == 2
    text = report.read_text(encoding="utf-8")
    assert "the run was stopped by an unexpected error (RuntimeError: boom)" in text
    assert "| <https://example.org/0> | HTTP 404 |" in text
    out = capsys.readouterr()
    assert out.out.strip().splitlines() == [
        "archive links: stopped by an unexpected error (RuntimeError: boom) after 1 links "
        f"checked, 1 dead, 2 not checked; partial report written to {report}"
    ]
    assert "Traceback" not in out.out + out.err
