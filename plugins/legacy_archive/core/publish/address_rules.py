"""What an old address must look like before a redirect page may keep it alive.

A redirect is a file written where the old address points, so its source is checked as a
path a static host can serve: no query, no '..', no wildcard that takes the whole site.
"""

from __future__ import annotations

from urllib.parse import unquote

MAX_SEGMENT = 150
MAX_ADDRESS = 1000


def address_problem(source: str) -> str | None:
    """Why an old address cannot be kept alive by a redirect page, or None."""
    if not source.startswith("/"):
        return f"'{source}' is not an address (expected a path starting with '/', like '/old/page.html')"
    if "?" in source or "#" in source:
        cut = min(i for i in (source.find("?"), source.find("#")) if i >= 0)
        return (
            f"'{source}' has a query or fragment, which a static host never sees (expected the "
            f"path only, like '{source[:cut] or '/'}')"
        )
    decoded = unquote(source)
    if any(ord(c) < 32 or c in "\\\x7f" for c in decoded):
        return f"'{source}' holds a backslash or a control character (expected a plain path)"
    if len(decoded) > MAX_ADDRESS:
        return f"address is {len(decoded)} characters long (expected at most {MAX_ADDRESS})"
    body = decoded.removesuffix("*").strip("/")
    for segment in body.split("/") if body else []:
        if segment in ("", ".", ".."):
            return (
                f"'{source}' has an empty, '.' or '..' part (expected a path like '/old/page.html')"
            )
        if len(segment) > MAX_SEGMENT:
            return f"'{source}' has a part {len(segment)} characters long (expected at most {MAX_SEGMENT})"
    if "*" in decoded[:-1]:
        return f"'{source}' has '*' before its end (expected '*' only as the last character)"
    if decoded.endswith("*") and not decoded.endswith("/*"):
        return f"'{source}' ends in '*' inside a name (expected a folder wildcard like '/blog/*')"
    if decoded == "/*":
        return "'/*' would send every missing address of the site elsewhere (expected a folder, like '/blog/*')"
    return None
