"""A small bounded HTTP client for link checking: one GET per hop, never a body.

Made to survive hostile or broken servers, not to be a general client:

- one total deadline per link (redirects included), not a per-read timeout: a watchdog timer
  shuts the socket down when it passes, so a server dripping one byte a second cannot hold
  a worker past it (DNS look-ups run in a helper thread and are abandoned at the deadline);
- every host is resolved once and each address vetted: loopback, private, link-local,
  multicast, reserved and other non-global addresses are refused unless they lie in
  `allowed_networks` (for tests against a local server); the connection goes to the vetted
  address itself, with the right Host header and, for https, SNI and certificate checks
  against the host name, so a second DNS answer cannot rebind it elsewhere;
- redirects are followed by hand, at most `MAX_REDIRECTS`, every hop re-validated (scheme
  and address); a loop or a longer chain is an error;
- each HTTP request, redirect hops included, takes one unit of a shared `RequestBudget`;
- http.client's limits on status and header lines (64 KB) and header count (100) turn
  malformed responses into an error text instead of a crash.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import math
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from legacy_archive.core.common.weblinks import check_link

__all__ = [
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchResult",
    "RequestBudget",
    "address_refusal",
    "fetch",
]

USER_AGENT = "legacy-archive-link-check/1 (+https://github.com/)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
FOLLOWED_SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class RequestBudget:
    """A thread-safe count of the HTTP requests a run may still make."""

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError("a request budget cannot be negative")
        self.limit = limit
        self._used = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Reserve one request; False (and nothing taken) once the budget is spent."""
        with self._lock:
            if self._used >= self.limit:
                return False
            self._used += 1
            return True

    @property
    def used(self) -> int:
        with self._lock:
            return self._used

    @property
    def exhausted(self) -> bool:
        with self._lock:
            return self._used >= self.limit


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int | None
    """HTTP status of the last response; None when none came back or the chain was refused."""
    final_url: str = ""
    """The address of the last response (after redirects)."""
    error: str = ""
    redirects: tuple[str, ...] = ()
    """Every address redirected to, in order."""
    requests: int = 0
    """HTTP requests made (each redirect hop is one)."""
    budget_exhausted: bool = False
    """The request budget ran out before the check could finish: the link is not checked."""
    timed_out: bool = False
    """The deadline passed before the check could finish."""

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400


class _Failure(Exception):
    """Ends a fetch with a message for the report."""


class _Timeout(_Failure):
    pass


class _Watchdog:
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
            raise _Timeout()
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


def _plain(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address, if any."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _non_public(address: IPAddress) -> bool:
    site_local = isinstance(address, ipaddress.IPv6Address) and address.is_site_local
    return (
        not address.is_global
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or site_local
    )


def address_refusal(address: IPAddress, allowed_networks: Sequence[IPNetwork] = ()) -> bool:
    """True when `address` must not be connected to: not globally routable and not allowed."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:a.b.c.d is judged as a.b.c.d
    candidates = {address, _plain(address)}
    if any(a in network for a in candidates for network in allowed_networks):
        return False
    return any(_non_public(a) for a in candidates)


def _describe(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117] + "..."


def _resolve(host: str, port: int, watchdog: _Watchdog) -> list[tuple[int, tuple[str, int]]]:
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
        raise _Timeout()
    if failed or not found:
        reason = _describe(failed[0]) if failed else "no address"
        raise _Failure(f"no response (host {host} not found: {reason})")
    return found


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address chosen beforehand, named by the original host."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[tuple[int, tuple[str, int]]],
        watchdog: _Watchdog,
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


def _target(parts: tuple[str, str]) -> str:
    path, query = parts
    target = (path or "/") + (f"?{query}" if query else "")
    return quote(target, safe="!#$%&'()*+,/:;=?@[]~")


def _one_request(
    url: str,
    host: str,
    port: int,
    addresses: list[tuple[int, tuple[str, int]]],
    watchdog: _Watchdog,
    tls: ssl.SSLContext | None,
) -> tuple[int, str | None]:
    """Status and Location header of one GET; the body is never read."""
    parts = urlsplit(url)
    connection = _PinnedConnection(host, port, addresses, watchdog, tls)
    try:
        connection.request(
            "GET",
            _target((parts.path, parts.query)),
            headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"},
        )
        response = connection.getresponse()
        status = int(response.status)
        location = response.getheader("Location")
        response.close()
        return status, location
    finally:
        watchdog.attach(None)
        connection.close()


def _vet(
    url: str, allowed_networks: Sequence[IPNetwork], watchdog: _Watchdog, hop: int
) -> tuple[str, int, list[tuple[int, tuple[str, int]]], bool]:
    """Host, port, vetted addresses and whether TLS is used, or a _Failure for the report."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in FOLLOWED_SCHEMES:
        if hop:
            raise _Failure(
                f"redirects to a {scheme or 'relative'}: address (only http and https are followed)"
            )
        raise _Failure(f"not a web address (only http and https links are checked): {url}")
    problem = check_link(url)
    if problem is not None:
        raise _Failure(("redirects to a bad address: " if hop else "") + problem)
    try:
        host = parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:  # a port out of range or not a number
        raise _Failure(
            ("redirects to a bad address: " if hop else "") + f"invalid address ({error})"
        ) from None
    if not host:
        raise _Failure(("redirects to an address" if hop else "address") + " with no host name")
    addresses = _resolve(host, port, watchdog)
    vetted = [
        (family, sockaddr)
        for family, sockaddr in addresses
        if not address_refusal(ipaddress.ip_address(sockaddr[0]), allowed_networks)
    ]
    if not vetted:
        ip = addresses[0][1][0]
        where = f"{host} is" if host == ip else f"{host} resolves to"
        what = f"{where} a private or local address" + ("" if host == ip else f" ({ip})")
        raise _Failure(
            (f"redirect refused: {what}" if hop else f"refused: {what}")
            + " (only public addresses are checked)"
        )
    return host, port, vetted, scheme == "https"


def _normal(url: str) -> str:
    return urlsplit(url)._replace(fragment="").geturl()


def fetch(
    url: str,
    *,
    deadline_s: float,
    budget: RequestBudget | None,
    allowed_networks: Iterable[IPNetwork] = (),
    tls_context: ssl.SSLContext | None = None,
) -> FetchResult:
    """GET `url`, following up to MAX_REDIRECTS redirects, all within `deadline_s` seconds."""
    if not (math.isfinite(deadline_s) and deadline_s > 0):
        raise ValueError(f"deadline_s must be a finite number of seconds above 0: {deadline_s}")
    networks = tuple(allowed_networks)
    started = time.monotonic()
    watchdog = _Watchdog(started + deadline_s)
    redirects: list[str] = []
    seen: set[str] = set()
    current = url
    requests = 0
    status: int | None = None

    def result(error: str = "", **flags: bool) -> FetchResult:
        return FetchResult(url, status, current, error, tuple(redirects), requests, **flags)

    try:
        try:
            seen.add(_normal(url))
        except ValueError as error:
            raise _Failure(f"invalid address ({_describe(error)})") from None
        while True:
            host, port, addresses, https = _vet(current, networks, watchdog, len(redirects))
            if budget is not None and not budget.take():
                return result("not checked (request limit)", budget_exhausted=True)
            requests += 1
            tls = None
            if https:
                tls = tls_context or ssl.create_default_context()
            status, location = _one_request(current, host, port, addresses, watchdog, tls)
            if status not in REDIRECT_STATUSES or not location:
                return result()
            target = urljoin(current, location.strip())
            if _normal(target) in seen:
                status = None
                return result(f"redirect loop (back to {target})")
            if len(redirects) >= MAX_REDIRECTS:
                status = None
                return result(f"more than {MAX_REDIRECTS} redirects")
            seen.add(_normal(target))
            redirects.append(target)
            current = target
    except _Timeout:
        status = None
        return result(f"no response (timed out after {deadline_s:g} s)", timed_out=True)
    except _Failure as failure:
        status = None
        return result(str(failure))
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as error:
        status = None
        if watchdog.fired or time.monotonic() >= watchdog.deadline:
            return result(f"no response (timed out after {deadline_s:g} s)", timed_out=True)
        return result(_error_text(error))
    finally:
        watchdog.cancel()


def _error_text(error: BaseException) -> str:
    if isinstance(error, http.client.RemoteDisconnected):
        return "no response (the server closed the connection without a response)"
    if isinstance(error, http.client.BadStatusLine):
        return f"malformed response (bad status line {_describe(error)!r})"
    if isinstance(error, http.client.HTTPException):
        return f"malformed response ({_describe(error)})"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"bad certificate ({error.verify_message or _describe(error)})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({_describe(error)})"
    if isinstance(error, ConnectionRefusedError):
        return "no response (connection refused)"
    if isinstance(error, TimeoutError):
        return "no response (timed out)"
    if isinstance(error, OSError):
        return f"no response ({_describe(error)})"
    return f"malformed response ({_describe(error)})"
