"""Crawl a served site from its home page: every internal link must answer, every page be reached.

An archive nobody watches must be right the day it is published, so the built site is
judged the way a reader meets it: over HTTP, under the project sub-path GitHub Pages uses,
following only the links on its pages. Addresses the site itself prints in full (its
canonical links, under `site_url`) are checked at the served copy.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

# Attributes that name a URL the browser fetches or the reader follows.
_URL_ATTRIBUTES = {"href", "src", "poster", "data"}
_SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class _LinkParser(HTMLParser):
    """Collects (tag, attribute, value) for every URL in a page, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if name in _URL_ATTRIBUTES and not (tag == "form" or tag == "meta"):
                self.links.append((f"<{tag} {name}>", value.strip()))
            elif name in _SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((f"<{tag} {name}>", candidate.split()[0]))
            elif tag == "meta" and name == "content" and ("http-equiv", "refresh") in attrs:
                _, _, target = value.partition("url=")
                if target:
                    self.links.append(("<meta refresh>", target.strip()))


def parse(html: str) -> tuple[list[tuple[str, str]], set[str]]:
    """`(where, url)` for every URL a page links to or loads, as written, and the page's ids."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links, parser.ids


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def fetch(url: str, timeout: float = 10.0) -> Response:
    """GET a URL; HTTP errors are answers (with their status), not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return Response(answer.status, answer.headers.get_content_type(), answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get_content_type(), error.read())


@dataclass
class CrawlReport:
    """What a crawl found; `problems` is empty when every link answered."""

    base: str
    pages: set[str] = field(default_factory=set)
    """Site-relative URLs (`courses/intro/`) of the HTML pages reached from the start page."""
    fetched: dict[str, int] = field(default_factory=dict)
    """Every internal URL requested, with its HTTP status."""
    problems: list[str] = field(default_factory=list)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    """The ids on each page reached, for checking `#fragment` links."""

    def relative(self, url: str) -> str:
        return url[len(self.base) :] if url.startswith(self.base) else url

    def name(self, url: str) -> str:
        """How messages name a page: its site-relative URL, or `(home page)`."""
        return self.relative(url) or "(home page)"


def _normalise(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def crawl(base: str, site_url: str = "", start: str = "") -> CrawlReport:
    """Fetch `base + start` and every internal URL reachable from it, recording failures.

    `base` is the served site (`http://127.0.0.1:8000/repo/`); `site_url` is where it will
    be published, so absolute links to it are checked at `base` instead.
    """
    report = CrawlReport(base)
    host = urlsplit(base).netloc
    queue: deque[str] = deque([_normalise(base + start)])
    seen = set(queue)
    referrers: dict[str, str] = {queue[0]: "(start)"}
    fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.popleft()
        answer = fetch(url)
        report.fetched[report.relative(url)] = answer.status
        if not 200 <= answer.status < 300:
            report.problems.append(
                f"{report.name(referrers[url])}: {report.relative(url)} answers {answer.status} (expected 200)"
            )
            continue
        if answer.content_type != "text/html":
            continue
        page = report.relative(url)
        report.pages.add(page)
        links, report.anchors[page] = parse(answer.body.decode("utf-8", errors="replace"))
        for where, raw in links:
            if raw.startswith(_SKIPPED_SCHEMES) or not raw:
                continue
            if site_url and raw.startswith(site_url):
                raw = base + raw[len(site_url) :]
            absolute = urljoin(url, raw)
            fragment = urlsplit(absolute).fragment
            target = _normalise(absolute)
            if fragment and target.startswith(base):
                fragments.append((page, raw, fragment))
            if urlsplit(target).netloc != host:
                continue
            if not target.startswith(base):
                report.problems.append(
                    f"{report.name(url)}: {where} '{raw}' leaves the site's sub-path (expected a relative link)"
                )
                continue
            if target not in seen:
                seen.add(target)
                referrers[target] = url
                queue.append(target)
    for page, raw, fragment in fragments:
        target = report.relative(_normalise(urljoin(base + page, raw)))
        ids = report.anchors.get(target)
        if ids is not None and unquote(fragment) not in ids and fragment != "top":
            report.problems.append(
                f"{report.name(base + page)}: '{raw}' points at #{fragment}, which {report.name(base + target)} does not have"
            )
    report.problems.sort()
    return report
