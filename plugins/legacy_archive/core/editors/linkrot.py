"""Link rot: which external links in the records no longer work.

Run by hand or on a schedule (never in the build: the network is slow, flaky and outside
our control). Requests are bounded in number and time; the result is a Markdown report of
dead links per record, each with its archived copy, so an editor can fix or replace them.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown

from legacy_archive.core.editors.addresses import IPNetwork
from legacy_archive.core.editors.fetch import (
    USER_AGENT,
    FetchResult,
    RequestBudget,
    fetch,
)
from legacy_archive.core.emit.robustlinks import wayback_url
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive

__all__ = [
    "USER_AGENT",
    "LinkReport",
    "LinkResult",
    "check_links",
    "check_url",
    "dead_count",
    "gather_links",
    "record_links",
    "report_markdown",
    "run_checks",
]

REQUEST_LIMIT = "request limit"
RUN_DEADLINE = "run deadline"
INTERRUPTED = "interrupted"
STOPPED = "stopped by an error"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None
    """HTTP status of the final response; None when no response came back."""
    final_url: str = ""
    error: str = ""
    redirects: tuple[str, ...] = ()
    """Every address redirected to, in order."""

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
    for key in archive.organisation_fields(record):
        value = record.fields.get(key)
        for org_id in value if isinstance(value, list) else [value] if value else []:
            org = archive.registry.organisations.get(str(org_id))
            if org is not None and org.url:
                urls.append(org.url)
    anchors = _Anchors()
    anchors.feed(markdown.markdown(record.body))
    urls += [h for h in anchors.hrefs if h.startswith(("http://", "https://"))]
    return list(dict.fromkeys(urls))


def check_url(
    url: str,
    timeout: float,
    *,
    budget: RequestBudget | None = None,
    allowed_networks: Iterable[IPNetwork] = (),
) -> LinkResult:
    """One GET per hop (redirects followed by hand), all within `timeout`; no body is read."""
    result = fetch(url, deadline_s=timeout, budget=budget, allowed_networks=allowed_networks)
    return _link_result(result)


def _link_result(result: FetchResult) -> LinkResult:
    error = result.error
    if not error and result.status is not None and result.status >= 400:
        error = f"HTTP {result.status}"
    return LinkResult(result.url, result.status, result.final_url, error, result.redirects)


NOT_CHECKED_HINTS = {
    REQUEST_LIMIT: "Over the request limit; run again with a higher `--max-requests`:",
    RUN_DEADLINE: "Not finished before the run deadline; run again with a longer `--deadline`:",
    INTERRUPTED: "The run was interrupted before these were checked:",
    STOPPED: "The run stopped on an unexpected error before these were checked:",
}


@dataclass
class LinkReport:
    by_record: dict[str, list[str]]
    """Record ref -> its external links."""
    records: dict[str, Record]
    results: dict[str, LinkResult]
    unchecked: list[str]
    why_unchecked: dict[str, str] = field(default_factory=dict)
    """Unchecked link -> why (REQUEST_LIMIT, RUN_DEADLINE, INTERRUPTED or STOPPED)."""
    stopped: str = ""
    """Why the run ended early, if it did (shown at the top of the report)."""

    @property
    def distinct(self) -> list[str]:
        return list(dict.fromkeys(url for links in self.by_record.values() for url in links))

    def mark_unchecked(self, reason: str) -> None:
        """Every link without a result (and not already listed) becomes unchecked for `reason`."""
        for url in self.distinct:
            if url not in self.results and url not in self.why_unchecked:
                self.why_unchecked[url] = reason
        self.unchecked = [url for url in self.distinct if url in self.why_unchecked]


def gather_links(archive: Archive) -> LinkReport:
    """Every record's external links, none checked yet."""
    by_record: dict[str, list[str]] = {}
    records: dict[str, Record] = {}
    for record in archive.every_record():
        links = record_links(archive, record)
        if links:
            by_record[record.ref] = links
            records[record.ref] = record
    return LinkReport(by_record, records, {}, [])


def run_checks(
    report: LinkReport,
    max_requests: int = 500,
    timeout: float = 10.0,
    workers: int = 4,
    deadline: float = 900.0,
    allowed_networks: Iterable[IPNetwork] = (),
) -> LinkReport:
    """Check the report's links in place, so that an interrupted run keeps what it found.

    At most `max_requests` HTTP requests in all (redirect hops count), each link within
    `timeout` seconds and the whole run within `deadline` seconds: links not finished by
    then are listed as not checked. On KeyboardInterrupt or an error in a worker, the links
    still open are marked unchecked and the exception is raised again.
    """
    for name, value in (("timeout", timeout), ("deadline", deadline)):
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a finite number of seconds above 0, not {value}")
    networks = tuple(allowed_networks)
    run_end = time.monotonic() + deadline
    budget = RequestBudget(max(0, max_requests))
    pending = [url for url in report.distinct if url not in report.results]
    # No point starting more links than requests: those beyond are over the limit already.
    for url in pending[max(0, max_requests) :]:
        report.why_unchecked.setdefault(url, REQUEST_LIMIT)
    queue: deque[str] = deque(pending[: max(0, max_requests)])
    lock = threading.Lock()
    stop = threading.Event()
    failures: list[BaseException] = []

    def check_one(url: str) -> None:
        left = run_end - time.monotonic()
        if left <= 0:
            with lock:
                report.why_unchecked[url] = RUN_DEADLINE
            return
        if budget.exhausted:
            with lock:
                report.why_unchecked[url] = REQUEST_LIMIT
            return
        cut_by_run = left < timeout
        result = fetch(url, deadline_s=min(timeout, left), budget=budget, allowed_networks=networks)
        with lock:
            if result.budget_exhausted:
                report.why_unchecked[url] = REQUEST_LIMIT
            elif result.timed_out and cut_by_run:
                report.why_unchecked[url] = RUN_DEADLINE
            else:
                report.results[url] = _link_result(result)

    def work() -> None:
        while not stop.is_set():
            with lock:
                if not queue:
                    return
                url = queue.popleft()
            try:
                check_one(url)
            except BaseException as error:  # handed to the main thread, which raises it
                with lock:
                    failures.append(error)
                stop.set()
                return

    threads = [
        threading.Thread(target=work, name=f"link check {n}", daemon=True)
        for n in range(max(1, min(workers, len(queue))))
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():  # short joins, so that Ctrl-C reaches this thread
                thread.join(0.05)
                if failures:
                    raise failures[0]
        if failures:
            raise failures[0]
    except BaseException as error:
        stop.set()
        with lock:
            reason = INTERRUPTED if isinstance(error, KeyboardInterrupt) else STOPPED
            report.stopped = (
                "interrupted"
                if reason == INTERRUPTED
                else f"stopped by an unexpected error ({type(error).__name__}: {error})"
            )
            report.mark_unchecked(reason)
        raise
    report.mark_unchecked(RUN_DEADLINE)
    return report


def check_links(
    archive: Archive,
    max_requests: int = 500,
    timeout: float = 10.0,
    workers: int = 4,
    deadline: float = 900.0,
    allowed_networks: Iterable[IPNetwork] = (),
) -> LinkReport:
    """Check each distinct external link once, within the request limit and the deadlines."""
    report = gather_links(archive)
    return run_checks(report, max_requests, timeout, workers, deadline, allowed_networks)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(report: LinkReport) -> str:
    """The report editors read: dead links per record, then redirects and unchecked links."""
    results = report.results.values()
    dead = [r for r in results if r.dead]
    moved = [r for r in results if r.redirected]
    reasons = list(
        dict.fromkeys(report.why_unchecked.get(u, REQUEST_LIMIT) for u in report.unchecked)
    )
    not_checked = f"{len(report.unchecked)} not checked" + (
        f" ({', '.join(reasons)})" if reasons else ""
    )
    lines = ["# Link rot report", ""]
    if report.stopped:
        lines += [f"**Incomplete: the run was {report.stopped}.**", ""]
    lines += [
        f"Checked {len(report.results)} distinct external links from {len(report.by_record)} records: "
        f"{len(dead)} dead, {len(moved)} redirected, {not_checked}.",
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
        lines += ["## Not checked", ""]
        for reason in reasons:
            lines += [NOT_CHECKED_HINTS.get(reason, f"{reason}:"), ""]
            lines += [
                f"- <{url}>"
                for url in report.unchecked
                if report.why_unchecked.get(url, REQUEST_LIMIT) == reason
            ]
            lines.append("")
    return "\n".join(lines)


def dead_count(results: Iterable[LinkResult]) -> int:
    return sum(1 for r in results if r.dead)
