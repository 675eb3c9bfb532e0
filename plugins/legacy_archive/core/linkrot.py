"""Link rot: which external links in the records no longer work.

Run by hand or on a schedule (never in the build: the network is slow, flaky and outside
our control). Requests are bounded in number and time; the result is a Markdown report of
dead links per record, each with its archived copy, so an editor can fix or replace them.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown

from .archive import Archive
from .records import Record
from .robustlinks import wayback_url

USER_AGENT = "legacy-archive-link-check/1 (+https://github.com/)"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None
    """HTTP status of the final response; None when no response came back."""
    final_url: str = ""
    error: str = ""

    @property
    def dead(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        return not self.dead and bool(self.final_url) and self.final_url != self.url


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def _field_urls(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _field_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _field_urls(item)


def record_links(archive: Archive, record: Record) -> list[str]:
    """External links of one record: in its fields, its organisations and its body."""
    urls = list(_field_urls(record.fields))
    for key in ("partner", "partners"):
        value = record.fields.get(key)
        for org_id in value if isinstance(value, list) else [value] if value else []:
            org = archive.registry.organisations.get(str(org_id))
            if org is not None and org.url:
                urls.append(org.url)
    anchors = _Anchors()
    anchors.feed(markdown.markdown(record.body))
    urls += [h for h in anchors.hrefs if h.startswith(("http://", "https://"))]
    return list(dict.fromkeys(urls))


def check_url(url: str, timeout: float) -> LinkResult:
    """One GET (following redirects) with a timeout; the body is never read."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return LinkResult(url, int(response.status), response.geturl())
    except urllib.error.HTTPError as error:
        return LinkResult(url, error.code, error.geturl() or url, f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return LinkResult(url, None, "", f"no response ({reason})")


@dataclass
class LinkReport:
    by_record: dict[str, list[str]]
    """Record ref -> its external links."""
    records: dict[str, Record]
    results: dict[str, LinkResult]
    unchecked: list[str]


def check_links(
    archive: Archive, max_requests: int = 500, timeout: float = 10.0, workers: int = 4
) -> LinkReport:
    """Check each distinct external link once, at most `max_requests` of them."""
    by_record: dict[str, list[str]] = {}
    records: dict[str, Record] = {}
    for record in archive.every_record():
        links = record_links(archive, record)
        if links:
            by_record[record.ref] = links
            records[record.ref] = record
    distinct = list(dict.fromkeys(url for links in by_record.values() for url in links))
    to_check, unchecked = distinct[: max(0, max_requests)], distinct[max(0, max_requests) :]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = dict(
            zip(to_check, pool.map(lambda u: check_url(u, timeout), to_check), strict=True)
        )
    return LinkReport(by_record, records, results, unchecked)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(report: LinkReport) -> str:
    """The report editors read: dead links per record, then redirects and unchecked links."""
    results = report.results.values()
    dead = [r for r in results if r.dead]
    moved = [r for r in results if r.redirected]
    lines = [
        "# Link rot report",
        "",
        f"Checked {len(report.results)} distinct external links from {len(report.by_record)} records: "
        f"{len(dead)} dead, {len(moved)} redirected, {len(report.unchecked)} not checked (request limit).",
        "",
        "## Dead links",
        "",
    ]
    any_dead = False
    for ref, links in sorted(report.by_record.items()):
        broken = [
            report.results[u] for u in links if u in report.results and report.results[u].dead
        ]
        if not broken:
            continue
        any_dead = True
        record = report.records[ref]
        lines += [f"### {_cell(record.title)}", "", f"`{record.path}` ({ref})", ""]
        lines += ["| Link | Problem | Archived copy |", "| --- | --- | --- |"]
        for result in broken:
            problem = result.error or f"HTTP {result.status}"
            lines.append(
                f"| <{result.url}> | {_cell(problem)} | <{wayback_url(result.url, record.date)}> |"
            )
        lines.append("")
    if not any_dead:
        lines += ["None.", ""]
    if moved:
        lines += ["## Redirected links", "", "Still working, but the address has moved:", ""]
        lines += [f"- <{r.url}> now at <{r.final_url}>" for r in sorted(moved, key=lambda r: r.url)]
        lines.append("")
    if report.unchecked:
        lines += [
            "## Not checked",
            "",
            "Over the request limit; run again with a higher `--max-requests`:",
            "",
        ]
        lines += [f"- <{url}>" for url in report.unchecked]
        lines.append("")
    return "\n".join(lines)


def dead_count(results: Iterable[LinkResult]) -> int:
    return sum(1 for r in results if r.dead)
