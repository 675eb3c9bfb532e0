"""Bounded downloads for importers: one file, within a byte limit, a total deadline and a type.

The old site is untrusted: it may answer slowly or never, send 2 GB where a thumbnail was
expected, compress a bomb, label an HTML page `image/png`, or redirect to a private address
inside the network the import runs in. This reuses the link checker's hardened pieces
(`editors.fetch` / `editors.connection`: addresses vetted and pinned, redirects by hand,
a watchdog that ends every wait at one total deadline, a shared request budget) and adds
what a body needs:

- a Content-Length over the limit is refused before a byte of the body is read; without
  one, reading stops as soon as the limit is passed (memory never holds more than the limit);
- gzip and deflate bodies are decompressed in bounded steps, so the decompressed size is
  limited too (a compression bomb is refused, not inflated);
- the type is sniffed from the bytes (`sniff.py`), and a type limit checks that, not the
  label; a declared type outside the limit is refused before the body is read;
- with `same_site`, a redirect to another host is refused (an off-site hotlink is not the
  site's own file);
- a `Throttle` keeps a run polite: at most two requests in flight, an optional delay.

This module is the redirect loop; one request and its body are `httpget.py`, decompression
`inflate.py`, politeness `throttle.py`, the refusal `refusal.py` (all importable from here).
"""

from __future__ import annotations

import http.client
import math
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from legacy_archive.core.editors.addresses import IPNetwork
from legacy_archive.core.editors.connection import FetchFailure, FetchTimeout, Watchdog
from legacy_archive.core.editors.fetch import (
    MAX_REDIRECTS,
    REDIRECT_STATUSES,
    RequestBudget,
    error_text,
    vet_address,
)
from legacy_archive.core.importing.httpget import USER_AGENT, WrongType, request
from legacy_archive.core.importing.inflate import TooBig, gunzip
from legacy_archive.core.importing.refusal import MB, DownloadRefused, human_size
from legacy_archive.core.importing.sitekey import is_ip_literal, same_site_key
from legacy_archive.core.importing.sniff import allowed, sniff
from legacy_archive.core.importing.throttle import Throttle

__all__ = [
    "USER_AGENT",
    "DownloadLimits",
    "DownloadRefused",
    "Downloaded",
    "RequestBudget",
    "Throttle",
    "fetch_file",
    "gunzip",
    "human_size",
    "same_site_key",
]


@dataclass(frozen=True)
class DownloadLimits:
    """What one file may cost: bytes (after decompression), seconds, and which types."""

    max_bytes: int = 50 * MB
    deadline_s: float = 60.0
    """One total deadline for the file: DNS, connects, redirects and the whole body."""
    types: tuple[str, ...] = ()
    """Allowed types (`image/*`, `application/pdf`), judged from the bytes; empty: any."""
    max_redirects: int = MAX_REDIRECTS

    def __post_init__(self) -> None:
        if self.max_bytes < 0:
            raise ValueError(f"max_bytes must be 0 or more: {self.max_bytes}")
        if not (math.isfinite(self.deadline_s) and self.deadline_s > 0):
            raise ValueError(f"deadline_s must be a finite number above 0: {self.deadline_s}")


@dataclass(frozen=True)
class Downloaded:
    """A file that passed every limit."""

    url: str
    """The address asked for."""
    final_url: str
    """The address the body came from, after redirects."""
    status: int
    content_type: str
    """The type sniffed from the bytes (the declared one only where the bytes allow it)."""
    declared_type: str
    """The Content-Type header without its parameters, as the server sent it."""
    charset: str
    """The charset parameter of the Content-Type header, or empty."""
    body: bytes
    redirects: tuple[str, ...] = ()
    """Every address redirected to, in order."""


def fetch_file(
    url: str,
    *,
    limits: DownloadLimits,
    allowed_networks: Iterable[IPNetwork] = (),
    same_site: str | None = None,
    budget: RequestBudget | None = None,
    throttle: Throttle | None = None,
    tls_context: ssl.SSLContext | None = None,
) -> Downloaded:
    """GET `url` within `limits`, following redirects by hand; DownloadRefused says why not.

    `same_site` (a URL or host) refuses redirects to another site; `allowed_networks` opens
    non-public networks (tests only); `budget` counts every request, redirect hops included.
    """
    networks = tuple(allowed_networks)
    site = same_site_key(same_site) if same_site else None
    with throttle or Throttle():  # the deadline starts once the request may start
        return _fetch(url, limits, networks, site, budget, tls_context)


def _fetch(
    url: str,
    limits: DownloadLimits,
    networks: tuple[IPNetwork, ...],
    site: tuple[str, int | None] | None,
    budget: RequestBudget | None,
    tls_context: ssl.SSLContext | None,
) -> Downloaded:
    watchdog = Watchdog(time.monotonic() + limits.deadline_s)
    redirects: list[str] = []
    seen = {url.partition("#")[0]}
    current = url
    status: int | None = None
    retry_after: float | None = None

    def refused(
        reason: str, *, timed_out: bool = False, kind: str = "", too_big: bool = False
    ) -> DownloadRefused:
        return DownloadRefused(
            url,
            reason,
            status=status,
            timed_out=timed_out,
            redirects=tuple(redirects),
            content_type=kind,
            too_big=too_big,
            retry_after=retry_after,
        )

    try:
        while True:
            hop = len(redirects)
            if site is not None and hop and same_site_key(current) != site:
                if is_ip_literal(current):  # a private address is the graver refusal
                    vet_address(current, networks, watchdog, hop, verb="fetched")
                raise FetchFailure(
                    f"redirects off the site to {current} (expected an address on {site[0]})"
                )
            vetted = vet_address(current, networks, watchdog, hop, verb="fetched")
            if budget is not None and not budget.take():
                raise FetchFailure("not fetched (the request limit of the run is spent)")
            answer = request(
                current,
                vetted,
                watchdog,
                max_bytes=limits.max_bytes,
                types=limits.types,
                tls_context=tls_context,
            )
            status = answer.status
            if answer.status in REDIRECT_STATUSES and answer.location:
                target = urljoin(current, answer.location.strip()).partition("#")[0]
                if target in seen:
                    raise FetchFailure(f"redirect loop (back to {target})")
                if hop >= limits.max_redirects:
                    raise FetchFailure(
                        f"more than {limits.max_redirects} redirects"
                        f" (expected at most {limits.max_redirects})"
                    )
                seen.add(target)
                redirects.append(target)
                current = target
                continue
            if not 200 <= answer.status < 300:
                retry_after = answer.retry_after
                raise FetchFailure(f"HTTP {answer.status} (expected 200 OK)")
            kind = sniff(answer.body, answer.declared)
            if not allowed(kind, limits.types):
                said = f", though the server says {answer.declared}" if answer.declared else ""
                raise WrongType(
                    f"the file is {kind}{said} (expected {', '.join(limits.types)})", kind
                )
            return Downloaded(
                url=url,
                final_url=current,
                status=answer.status,
                content_type=kind,
                declared_type=answer.declared,
                charset=answer.charset,
                body=answer.body,
                redirects=tuple(redirects),
            )
    except FetchTimeout:
        raise refused(
            f"no complete answer within {limits.deadline_s:g} s (expected a server that answers)",
            timed_out=True,
        ) from None
    except FetchFailure as failure:
        if watchdog.fired and not isinstance(failure, TooBig):
            raise refused(
                f"no complete answer within {limits.deadline_s:g} s"
                " (expected a server that answers)",
                timed_out=True,
            ) from None
        kind = failure.kind if isinstance(failure, WrongType) else ""
        raise refused(str(failure), kind=kind, too_big=isinstance(failure, TooBig)) from None
    except (http.client.HTTPException, ssl.SSLError, OSError, ValueError) as error:
        if watchdog.fired or time.monotonic() >= watchdog.deadline:
            raise refused(
                f"no complete answer within {limits.deadline_s:g} s"
                " (expected a server that answers)",
                timed_out=True,
            ) from None
        raise refused(error_text(error)) from None
    finally:
        watchdog.cancel()
