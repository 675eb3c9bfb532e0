"""Which site an address belongs to: `http://www.old.example/` and `https://old.example` are one.

Sites moved from http to https and dropped (or added) `www.` over their lives; an import
that treated those as other sites would call the site's own files hotlinks.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["is_ip_literal", "same_site_key"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def same_site_key(url: str) -> tuple[str, int | None]:
    """Host (without `www.`) and explicit non-default port: http/https and www moves stay on site."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port == _DEFAULT_PORTS.get(parts.scheme.lower()):
        port = None
    return host, port


def is_ip_literal(url: str) -> bool:
    """The address names its host by IP (a redirect to `10.0.0.1` rather than to a name)."""
    try:
        ipaddress.ip_address(urlsplit(url).hostname or "")
    except ValueError:
        return False
    return True
