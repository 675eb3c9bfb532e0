"""One connection of the link checker, bounded by a deadline and pinned to a vetted address.

A watchdog shuts the socket down when the deadline passes; DNS runs in a helper thread
abandoned at the deadline; the connection goes to the address that was vetted, with the
host name kept for the Host header, SNI and certificate checks.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time


class FetchFailure(Exception):
    """Ends a fetch with a message for the report."""


class FetchTimeout(FetchFailure):
    pass


class Watchdog:
    """Shuts the current socket down once the deadline passes, ending any blocked read."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.fired:
            raise FetchTimeout()
        return left

    def attach(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
            if self.fired and sock is not None:
                _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._sock is not None:
                _shutdown(self._sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter drops the TLS state under a
    # reading thread; the plain call only ends the connection, and the blocked read sees EOF.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def describe_error(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117] + "..."


def resolve_host(host: str, port: int, watchdog: Watchdog) -> list[tuple[int, tuple[str, int]]]:
    """(family, sockaddr) of each address of `host`, looked up once, within the deadline."""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        family = socket.AF_INET6 if literal.version == 6 else socket.AF_INET
        return [(family, (host, port))]
    found: list[tuple[int, tuple[str, int]]] = []
    failed: list[OSError | UnicodeError] = []

    def look_up() -> None:
        try:
            for family, _, _, _, sockaddr in socket.getaddrinfo(
                host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
            ):
                if family in (socket.AF_INET, socket.AF_INET6):
                    found.append((int(family), (str(sockaddr[0]), int(sockaddr[1]))))
        except (OSError, UnicodeError) as error:
            failed.append(error)

    helper = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
    helper.start()
    helper.join(watchdog.remaining())
    if helper.is_alive():
        raise FetchTimeout()
    if failed or not found:
        reason = describe_error(failed[0]) if failed else "no address"
        raise FetchFailure(f"no response (host {host} not found: {reason})")
    return found


class PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address chosen beforehand, named by the original host."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[tuple[int, tuple[str, int]]],
        watchdog: Watchdog,
        tls: ssl.SSLContext | None,
    ) -> None:
        super().__init__(host, port, timeout=watchdog.remaining())
        self._addresses = addresses
        self._watchdog = watchdog
        self._tls = tls

    def connect(self) -> None:
        last_error: OSError | None = None
        for family, sockaddr in self._addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            self._watchdog.attach(sock)
            try:
                sock.settimeout(self._watchdog.remaining())
                sock.connect(sockaddr)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError as error:
                sock.close()
                last_error = error
                continue
            except BaseException:
                sock.close()
                raise
            if self._tls is None:
                self.sock = sock
                return
            try:
                wrapped = self._tls.wrap_socket(
                    sock, server_hostname=self.host, do_handshake_on_connect=False
                )
            except BaseException:
                sock.close()
                raise
            self._watchdog.attach(wrapped)
            self.sock = wrapped
            wrapped.settimeout(self._watchdog.remaining())
            wrapped.do_handshake()
            return
        raise last_error or OSError("no address to connect to")
