"""The bounded HTTP client against misbehaving raw-socket servers on 127.0.0.1: total
deadlines, malformed responses, refused addresses, redirect limits and the request budget."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from legacy_archive.core.editors.fetch import (
    MAX_REDIRECTS,
    FetchResult,
    RequestBudget,
    address_refusal,
    fetch,
)

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)


class RawServer:
    """Answers each request by path with hand-written bytes, good or very bad."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.paths: list[str] = []
        self.hosts: list[str] = []
        self.lock = threading.Lock()
        self.closed = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data and len(data) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                head = data.decode("latin-1").split("\r\n")
                path = head[0].split(" ")[1]
                host = next((h[5:].strip() for h in head if h.lower().startswith("host:")), "")
                with self.lock:
                    self.paths.append(path)
                    self.hosts.append(host)
                self.respond(conn, path)
            except OSError:
                pass

    def respond(self, conn: socket.socket, path: str) -> None:
        def redirect(location: str) -> None:
            conn.sendall(
                f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()
            )

        if path == "/live":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
        elif path == "/drip":  # a byte at a time, each well within any per-read timeout
            for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"z" * 1000:
                if self.closed.wait(0.2):
                    return
                conn.sendall(bytes([byte]))
        elif path == "/bad-status":
            conn.sendall(b"HELLO THERE\r\n\r\n")
        elif path == "/many-headers":
            headers = "".join(f"X-H{n}: {n}\r\n" for n in range(150))
            conn.sendall(f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode())
        elif path == "/long-header":
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n")
        elif path == "/endless-body":  # a body that never ends: it must not be read
            conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
            while not self.closed.wait(0.05):
                conn.sendall(b"x" * 65536)
        elif path == "/to-loopback":
            redirect(f"http://127.0.0.2:{self.port}/live")
        elif path == "/to-ftp":
            redirect("ftp://example.org/file.txt")
        elif path == "/to-file":
            redirect("file:///etc/passwd")
        elif path == "/loop-a":
            redirect("/loop-b")
        elif path == "/loop-b":
            redirect(f"{self.base}/loop-a")
        elif path.startswith("/chain/"):  # /chain/n redirects to /chain/n+1 up to /chain/8
            step = int(path.rsplit("/", 1)[1])
            if step < 8:
                redirect(f"/chain/{step + 1}")
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")

    def close(self) -> None:
        self.closed.set()
        self.listener.close()


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    yield server
    server.close()


def get(url: str, timeout: float = 2.0, budget: RequestBudget | None = None) -> FetchResult:
    return fetch(url, deadline_s=timeout, budget=budget, allowed_networks=LOCAL)


def test_live_and_missing(raw: RawServer) -> None:
    live = get(f"{raw.base}/live")
    assert (live.status, live.error, live.final_url, live.requests) == (
        200,
        "",
        f"{raw.base}/live",
        1,
    )
    assert not live.dead
    missing = get(f"{raw.base}/missing")
    assert missing.status == 404 and missing.dead


def test_dripping_server_cannot_outlast_the_total_deadline(raw: RawServer) -> None:
    started = time.monotonic()
    result = get(f"{raw.base}/drip", timeout=1.0)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0 + 1.5, f"took {elapsed:.1f} s"
    assert result.status is None and result.timed_out
    assert result.error == "no response (timed out after 1 s)"


def test_the_body_is_never_read(raw: RawServer) -> None:
    started = time.monotonic()
    result = get(f"{raw.base}/endless-body")
    assert result.status == 200 and time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/bad-status", "malformed response (bad status line 'HELLO THERE')"),
        ("/many-headers", "malformed response (got more than 100 headers)"),
        (
            "/long-header",
            "malformed response (got more than 65536 bytes when reading header line)",
        ),
    ],
)
def test_malformed_responses_are_dead_not_crashes(raw: RawServer, path: str, error: str) -> None:
    result = get(f"{raw.base}{path}")
    assert result.status is None and result.dead
    assert result.error == error


def test_loopback_is_refused_unless_allowed(raw: RawServer) -> None:
    result = fetch(f"{raw.base}/live", deadline_s=2, budget=None)
    assert result.dead and result.requests == 0
    assert result.error == (
        "refused: 127.0.0.1 is a private or local address (only public addresses are checked)"
    )
    named = fetch(f"http://localhost:{raw.port}/live", deadline_s=2, budget=None)
    assert "localhost resolves to a private or local address" in named.error
    assert raw.paths == [], "nothing was sent"


def test_connects_to_the_vetted_address_with_the_right_host_header(raw: RawServer) -> None:
    networks = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
    result = fetch(
        f"http://localhost:{raw.port}/live", deadline_s=2, budget=None, allowed_networks=networks
    )
    assert result.status == 200, result.error
    assert raw.hosts == [f"localhost:{raw.port}"]


def test_redirect_to_a_local_address_is_refused(raw: RawServer) -> None:
    result = get(f"{raw.base}/to-loopback")
    assert result.dead and result.status is None
    assert result.error == (
        "redirect refused: 127.0.0.2 is a private or local address "
        "(only public addresses are checked)"
    )
    assert raw.paths == ["/to-loopback"]


@pytest.mark.parametrize(("path", "scheme"), [("/to-ftp", "ftp"), ("/to-file", "file")])
def test_redirect_to_another_scheme_is_dead(raw: RawServer, path: str, scheme: str) -> None:
    result = get(f"{raw.base}{path}")
    assert result.dead
    assert result.error == f"redirects to a {scheme}: address (only http and https are followed)"


def test_redirect_loop_is_dead(raw: RawServer) -> None:
    result = get(f"{raw.base}/loop-a")
    assert result.dead and result.error == f"redirect loop (back to {raw.base}/loop-a)"
    assert raw.paths == ["/loop-a", "/loop-b"]


def test_at_most_five_redirects(raw: RawServer) -> None:
    seven = get(f"{raw.base}/chain/1")
    assert seven.dead and seven.error == "more than 5 redirects"
    assert seven.requests == MAX_REDIRECTS + 1 == len(raw.paths)
    five = get(f"{raw.base}/chain/3")
    assert five.status == 200 and five.final_url == f"{raw.base}/chain/8"
    assert len(five.redirects) == 5


def test_every_hop_takes_one_request_from_the_budget(raw: RawServer) -> None:
    budget = RequestBudget(3)
    result = get(f"{raw.base}/chain/1", budget=budget)
    assert result.budget_exhausted and result.requests == 3
    assert len(raw.paths) == 3 and budget.exhausted
    assert get(f"{raw.base}/live", budget=budget).budget_exhausted
    assert len(raw.paths) == 3


def test_budget_is_thread_safe() -> None:
    budget = RequestBudget(1000)
    taken: list[bool] = []

    def take() -> None:
        for _ in range(300):
            taken.append(budget.take())

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert taken.count(True) == 1000 == budget.used


def test_tls_to_a_plain_server_fails_cleanly(raw: RawServer) -> None:
    result = get(f"https://127.0.0.1:{raw.port}/live", timeout=0.5)
    assert result.dead and result.error.startswith(("TLS failed", "no response"))


def test_unreachable_port_and_bad_input() -> None:
    with socket.create_server(("127.0.0.1", 0)) as spare:
        port = spare.getsockname()[1]
    result = get(f"http://127.0.0.1:{port}/")
    assert result.error == "no response (connection refused)"
    assert get("ftp://example.org/").error.startswith("not a web address")
    assert "invalid address" in get("http://127.0.0.1:99999/").error
    assert get("http://[/").error == "invalid address (Invalid IPv6 URL)", "not a crash"
    with pytest.raises(ValueError):
        fetch("http://127.0.0.1/", deadline_s=float("nan"), budget=None)


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("8.8.8.8", False),
        ("2606:4700::1111", False),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("240.0.0.1", True),
        ("255.255.255.255", True),
        ("::1", True),
        ("::", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:10.0.0.1", True),
        ("::ffff:8.8.8.8", False),
        ("2002:7f00:1::", True),
        ("64:ff9b::7f00:1", True),
    ],
)
def test_address_refusal(address: str, refused: bool) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is refused


def test_allowed_networks_open_only_themselves() -> None:
    allowed = (ipaddress.ip_network("10.0.0.0/8"),)
    assert not address_refusal(ipaddress.ip_address("10.2.3.4"), allowed)
    assert not address_refusal(ipaddress.ip_address("::ffff:10.2.3.4"), allowed)
    assert address_refusal(ipaddress.ip_address("192.168.0.1"), allowed)
