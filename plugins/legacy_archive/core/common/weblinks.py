"""Which web addresses the archive publishes: one scheme check for every link it writes.

Record fields, vocabularies, organisations, programme facts, redirects and record bodies
all pass through `check_link`, so `javascript:` (or `java&#x09;script:`, once decoded) is
refused wherever it is written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("https", "http", "mailto")

__all__ = ["ALLOWED_SCHEMES", "check_link"]


def check_link(value: str) -> str | None:
    """Return why `value` is not a safe web link, or None if it is."""
    stripped = re.sub(r"[\x00-\x20]", "", value)
    try:
        parts = urlsplit(stripped)
    except ValueError:  # "http://[" and the like
        return f"'{value}' is not a valid web address (expected https://example.org/...)"
    scheme = parts.scheme.lower()
    if not scheme:
        return f"'{value}' is not a full web address (expected https://...)"
    if scheme not in ALLOWED_SCHEMES:
        return f"link scheme '{scheme}:' is not allowed (expected an https:// or http:// address)"
    if scheme in ("http", "https") and not parts.netloc:
        return f"'{value}' has no host name (expected https://example.org/...)"
    return None
