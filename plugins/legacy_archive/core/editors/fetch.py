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

import http.client
import ipaddress
import math
import ssl
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.editors.addresses import IPNetwork, address_refusal
from legacy_archive.core.editors.connection import (
    FetchFailure,
    FetchTimeout,
    PinnedConnection,
    Watchdog,
    describe_error,
    resolve_host,
)

__all__ = [
    "MAX_REDIRECTS",
    "USER_AGENT",
    "FetchResult",
    "RequestBudget",
    "address_refusal",
    "error_text",
    "fetch",
    "request_target",
    "vet_address",
]

USER_AGENT = "legacy-archive-link-check/1 (+https://github.com/)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
FOLLOWED_SCHEMES = ("http", "https")


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


def request_target(parts: tuple[str, str]) -> str:
    """The quoted path and query of a request line."""
    path, query = parts
    target = (path or "/") + (f"?{query}" if query else "")
    return quote(target, safe="!#$%&'()*+,/:;=?@[]~")


def _one_request(
    url: str,
    host: str,
    port: int,
    addresses: list[tuple[int, tuple[str, int]]],
    watchdog: Watchdog,
    tls: ssl.SSLContext | None,
) -> tuple[int, str | None]:
    """Status and Location header of one GET; the body is never read."""
    parts = urlsplit(url)
    connection = PinnedConnection(host, port, addresses, watchdog, tls)
    try:
        connection.request(
            "GET",
            request_target((parts.path, parts.query)),
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


def vet_address(
    url: str,
    allowed_networks: Sequence[IPNetwork],
    watchdog: Watchdog,
    hop: int,
    verb: str = "checked",
) -> tuple[str, int, list[tuple[int, tuple[str, int]]], bool]:
    """Host, port, vetted addresses and whether TLS is used, or a FetchFailure for the report.

    `verb` names what the caller does with an address ("checked", "fetched") in messages.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in FOLLOWED_SCHEMES:
        if hop:
            raise FetchFailure(
                f"redirects to a {scheme or 'relative'}: address (only http and https are followed)"
            )
        raise FetchFailure(f"not a web address (only http and https links are {verb}): {url}")
    problem = check_link(url)
    if problem is not None:
        raise FetchFailure(("redirects to a bad address: " if hop else "") + problem)
    try:
        host = parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:  # a port out of range or not a number
        raise FetchFailure(
            ("redirects to a bad address: " if hop else "") + f"invalid address ({error})"
        ) from None
    if not host:
        raise FetchFailure(("redirects to an address" if hop else "address") + " with no host name")
    addresses = resolve_host(host, port, watchdog)
    vetted = [
        (family, sockaddr)
        for family, sockaddr in addresses
        if not address_refusal(ipaddress.ip_address(sockaddr[0]), allowed_networks)
    ]
    if not vetted:
        ip = addresses[0][1][0]
        where = f"{host} is" if host == ip else f"{host} resolves to"
        what = f"{where} a private or local address" + ("" if host == ip else f" ({ip})")
        raise FetchFailure(
            (f"redirect refused: {what}" if hop else f"refused: {what}")
            + f" (only public addresses are {verb})"
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
    watchdog = Watchdog(started + deadline_s)
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
            raise FetchFailure(f"invalid address ({describe_error(error)})") from None
        while True:
            host, port, addresses, https = vet_address(current, networks, watchdog, len(redirects))
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
    except FetchTimeout:
        status = None
        return result(f"no response (timed out after {deadline_s:g} s)", timed_out=True)
    except FetchFailure as failure:
        status = None
        return result(str(failure))
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as error:
        status = None
        if watchdog.fired or time.monotonic() >= watchdog.deadline:
            return result(f"no response (timed out after {deadline_s:g} s)", timed_out=True)
        return result(error_text(error))
    finally:
        watchdog.cancel()


def error_text(error: BaseException) -> str:
    """A report's words for a failed request."""
    if isinstance(error, http.client.RemoteDisconnected):
        return "no response (the server closed the connection without a response)"
    if isinstance(error, http.client.BadStatusLine):
        return f"malformed response (bad status line {describe_error(error)!r})"
    if isinstance(error, http.client.HTTPException):
        return f"malformed response ({describe_error(error)})"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"bad certificate ({error.verify_message or describe_error(error)})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({describe_error(error)})"
    if isinstance(error, ConnectionRefusedError):
        return "no response (connection refused)"
    if isinstance(error, TimeoutError):
        return "no response (timed out)"
    if isinstance(error, OSError):
        return f"no response ({describe_error(error)})"
    return f"malformed response ({describe_error(error)})"
