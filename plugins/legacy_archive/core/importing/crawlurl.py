"""Crawl addresses: one spelling per page, and which links are pages, files or noise.

Old sites reach one page through many spellings (tracking parameters, session ids, `www.`,
default ports, case in the host); a crawl that kept them apart would read a page many times
and import duplicates. Links to files are attachments, not pages; feeds, searches, admin
and listing variants are neither.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

__all__ = [
    "FILE_EXTENSIONS",
    "extension",
    "is_file",
    "normalise",
    "not_a_page",
    "page_key",
    "section",
    "slug",
]

FILE_EXTENSIONS = frozenset(
    {
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "pps",
        "ppsx",
        "odt",
        "ods",
        "odp",
        "rtf",
        "txt",
        "csv",
        "zip",
        "epub",
        "mp3",
        "m4a",
        "wav",
        "ogg",
        "oga",
        "flac",
        "mp4",
        "m4v",
        "mov",
        "webm",
        "avi",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "tif",
        "tiff",
        "bmp",
        "ico",
        "key",
        "pages",
        "numbers",
    }
)
_NOT_PAGES = frozenset(
    {"css", "js", "json", "xml", "rss", "atom", "gz", "woff", "woff2", "ttf", "eot", "map"}
)
_SKIPPED_PATHS = re.compile(
    r"/(?:wp-admin|wp-json|wp-includes|xmlrpc\.php|wp-login\.php|wp-cron\.php|cgi-bin)(?:/|$)"
    r"|/(?:feed|trackback|embed|amp)/?$|/comments/feed/?$",
    re.IGNORECASE,
)
_NOISE_PARAMETERS = re.compile(
    r"\A(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|ref|share|amp|"
    r"phpsessid|sid|sessionid|jsessionid|ver|nocache|_)\Z",
    re.IGNORECASE,
)
# Queries that make a variant of a listing, not a page: searches, feeds, sort orders, replies.
_SKIPPED_PARAMETERS = frozenset(
    {"s", "feed", "replytocom", "action", "orderby", "order", "print", "format", "preview"}
)


def normalise(url: str) -> str | None:
    """One spelling per page: no fragment, lower-case host, no default port, no noise query.

    None for an address that is not a page to crawl (not http(s), a search, a feed).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, 80 if scheme == "http" else 443) else f"{host}:{port}"
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=~-._%")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(name.lower() in _SKIPPED_PARAMETERS for name, _ in pairs):
        return None
    kept = sorted((n, v) for n, v in pairs if not _NOISE_PARAMETERS.match(n))
    return urlunsplit((scheme, netloc, path, urlencode(kept), ""))


def extension(url: str) -> str:
    """The file name's extension, lower-case (`pdf`), or empty."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_file(url: str) -> bool:
    """A link to a file of the site (an attachment), judged by its name."""
    return extension(url) in FILE_EXTENSIONS


def page_key(url: str) -> str:
    """A page's item key: its path, and its query when it has one."""
    parts = urlsplit(url)
    return f"page:{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def section(url: str) -> str:
    """The first path segment (`news`), `/` for top-level pages: the inventory's page paths."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return "/"
    return segments[0] if len(segments) > 1 or not extension(url) else "/"


def slug(url: str) -> str:
    """The last path segment without its extension: the record's name."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return segments[-1].rsplit(".", 1)[0] if segments else ""


def not_a_page(url: str) -> bool:
    """A file, an asset (CSS, feeds, fonts) or a path no crawl reads (admin, feeds, embeds)."""
    return is_file(url) or extension(url) in _NOT_PAGES or bool(_SKIPPED_PATHS.search(url))
