"""What an old address must look like before a redirect may keep it alive.

A redirect is a file written where the old address points, so its source is checked as a
path a static host can serve: no '..', no wildcard that takes the whole site. An old
address with a query (`/?p=123`, `/index.php?page_id=5`: WordPress's plain permalinks)
cannot be a file; the page the host answers its path with (or the 404 page) forwards it in
the browser, matching the query with its parameters sorted (`query_key`). A fragment never
reaches anyone: the browser keeps it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, unquote_plus

QUERY_MAP = "assets/javascripts/archive-old-queries.json"
"""Old addresses with a query, by the file their path is served from: `{"index.html":
{"p=123": "courses/intro/"}}`. In the theme's folder, which no record or page may claim."""
MAX_SEGMENT = 150
MAX_ADDRESS = 1000
MAX_QUERY = 300
BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
QUERY_SAFE = "!'()*-._~"
"""What JavaScript's `encodeURIComponent` leaves as it is (letters and digits besides), so
the browser's script and the build write one key for one query."""


def split_query(source: str) -> tuple[str, str]:
    """The path and the query of an old address (`/?p=1` -> `/`, `p=1`); no query is ''."""
    path, _, query = source.partition("?")
    return path, query


def query_key(query: str) -> str:
    """A query as the redirects match it: each parameter decoded and encoded again one way,
    empty parameters (`&&`, a trailing `&`, `x=`) dropped, the rest sorted, so `b=2&a=1&`
    and `a=1&b=2` are one address. The same steps as the browser script's."""
    parts = []
    for piece in query.split("&"):
        key, equals, value = piece.partition("=")
        key, value = unquote_plus(key), unquote_plus(value)
        if not piece or (equals and not value):
            continue
        code = quote(key, safe=QUERY_SAFE)
        parts.append(code + "=" + quote(value, safe=QUERY_SAFE) if equals else code)
    return "&".join(sorted(parts))


def _query_problem(source: str, path: str, query: str) -> str | None:
    if path.endswith("*"):
        return (
            f"'{source}' has a query on a wildcard (expected a folder wildcard like '/blog/*', "
            f"or one old address with its query, like '{path.removesuffix('*')}?p=123')"
        )
    if len(query) > MAX_QUERY:
        shown = f"{path[:MAX_SEGMENT]}?{query[:20]}..."
        return f"'{shown}' has a query {len(query)} characters long (expected at most {MAX_QUERY})"
    if BARE_PERCENT.search(query):
        return f"'{source}' has a '%' that starts no percent escape in its query (expected '%25' for '%')"
    try:
        decoded = unquote(query.replace("+", " "), errors="strict")
    except UnicodeDecodeError:
        return f"'{source}' has a percent escape in its query that is not UTF-8 text (expected escapes like '%C3%A9' for 'é')"
    if any(ord(c) < 32 or c == "\x7f" for c in decoded):
        return f"'{source}' has a control character in its query (expected plain text)"
    if not query_key(query):
        return (
            f"'{source}' has an empty query (expected parameters after '?', like "
            f"'{path}?p=123', or no '?')"
        )
    return None


def address_problem(source: str) -> str | None:
    """Why an old address cannot be kept alive by a redirect, or None."""
    if not source.startswith("/"):
        return f"'{source}' is not an address (expected a path starting with '/', like '/old/page.html')"
    if "#" in source:
        return (
            f"'{source}' has a fragment, which a browser never sends (expected the address "
            f"without its '#' part, like '{source.split('#', 1)[0] or '/'}')"
        )
    path, query = split_query(source)
    if "?" in source and (why := _query_problem(source, path, query)) is not None:
        return why
    decoded = unquote(path)
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


def redirect_file(source: str) -> str:
    """The file that answers an old address on a static host: percent escapes decoded, as
    the host decodes a request (`/caf%C3%A9/` is served from `café/index.html`); the query
    plays no part (`/?p=1` is served from `index.html`)."""
    path = unquote(split_query(source)[0]).lstrip("/")
    if path.endswith("/") or not path:
        return path + "index.html"
    if "." in path.rsplit("/", 1)[-1]:
        return path
    return path + "/index.html"


def external(target: str) -> bool:
    """A redirect that leaves the site: a browser can follow it, a file cannot hold it."""
    return target.startswith(("https://", "http://"))
