"""Which record pages a pull request adds, changes, moves or removes, from two builds.

The record URLs come from each build's `data/records.json` (the one place the engine
writes every record's address), redirects from the stubs the engine writes for
`legacy_urls`, and old addresses with a query (`/?p=123`), which no page answers, from
the map the build writes for the browser (`QUERY_MAP`). A page that reads differently
only because of another record (a related record renamed, a subject page listing a new
one) is a knock-on change, listed apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from legacy_archive.core.editors.preview.text import html_pages, page_text, text_diff
from legacy_archive.core.publish.address_rules import QUERY_MAP


@dataclass(frozen=True)
class Build:
    """One built site: its record pages and redirects, by site-relative path."""

    root: Path
    records: dict[str, str]
    """Record page path (`courses/intro/`) by reference (`courses/intro`)."""
    titles: dict[str, str]
    redirects: dict[str, str]
    """Redirect stub path (`old/page.html`) -> the address it sends readers to."""
    sources: dict[str, str] = field(default_factory=dict)
    """Each record's fields and body as the engine read them, to tell a record the pull
    request changed from a page that reads differently only because of another record."""
    queries: dict[str, str] = field(default_factory=dict)
    """Old address with a query (`/?p=123`) -> the page it leads to."""


@dataclass(frozen=True)
class PageChange:
    """A record page added, changed or removed, with its text before and after."""

    ref: str
    title: str
    path: str
    kind: str
    """`added`, `changed`, `moved` (a new address, the old one redirecting) or `removed`."""
    diff: tuple[str, ...]
    old_path: str = ""


@dataclass
class Preview:
    """Everything the summary lists."""

    pages: list[PageChange] = field(default_factory=list)
    knock_on: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """Other pages that now read differently: record pages the pull request did not touch
    (their related records changed, say), subject and partner pages, hand-written pages."""
    listings: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """Listing pages of changed records whose text changed, with their diffs."""
    moved: list[tuple[str, str]] = field(default_factory=list)
    """(old path, new path) of records whose address changed."""
    gone: list[str] = field(default_factory=list)
    """Record addresses that no longer answer (no page and no redirect)."""
    redirects: list[tuple[str, str]] = field(default_factory=list)
    """Redirects added or changed: (old address, where it now sends readers)."""
    queries: list[tuple[str, str, str]] = field(default_factory=list)
    """Old addresses with a query added, changed or removed: (kind, old address, target;
    '' when removed)."""

    def screenshot_paths(self) -> list[str]:
        """Pages to photograph: each added or changed record page, then its listing."""
        paths = [p.path for p in self.pages if p.kind != "removed"]
        paths += sorted({_listing(path) for path in paths} - {""})
        return list(dict.fromkeys(paths))


def _record_pages(root: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = root / "data/records.json"
    if not data.is_file():
        return {}, {}, {}
    records = json.loads(data.read_text(encoding="utf-8")).get("records", [])
    paths: dict[str, str] = {}
    titles: dict[str, str] = {}
    sources: dict[str, str] = {}
    for record in records:
        ref = f"{record['collection']}/{record['slug']}"
        paths[ref] = str(record["path"])
        fields = record.get("fields")
        titles[ref] = str(fields.get("title", ref)) if isinstance(fields, dict) else ref
        sources[ref] = json.dumps([fields, record.get("body")], sort_keys=True)
    return paths, titles, sources


def _redirects(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for page in sorted(root.rglob("*.html")):
        head = page.read_bytes()[:2048]
        if b'http-equiv="refresh"' not in head:
            continue
        canonical = re.search(rb'<link rel="canonical" href="([^"]+)"', head)
        relative = page.relative_to(root).as_posix()
        out[relative.removesuffix("index.html")] = canonical.group(1).decode() if canonical else ""
    return out


def _queries(root: Path) -> dict[str, str]:
    """Old addresses with a query, as an editor writes them (`/?p=123`), from the map the
    browser reads: `{"index.html": {"p=123": "courses/intro/"}}`. Nothing without one."""
    data = root / QUERY_MAP
    if not data.is_file():
        return {}
    found = json.loads(data.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    if not isinstance(found, dict):
        return out
    for file, keys in found.items():
        if not isinstance(keys, dict):
            continue
        path = "/" + str(file).removesuffix("index.html")
        for key, target in keys.items():
            out[f"{path}?{key}"] = str(target)
    return dict(sorted(out.items()))


def read_build(root: Path) -> Build:
    """The record pages and redirects of a built site."""
    records, titles, sources = _record_pages(root)
    return Build(root, records, titles, _redirects(root), sources, _queries(root))


def _listing(path: str) -> str:
    """The listing a record page appears in: the folder above it (`courses/`)."""
    parent = path.rstrip("/").rsplit("/", 1)[0] if "/" in path.rstrip("/") else ""
    return f"{parent}/" if parent else ""


def _renames(base: Build, head: Build) -> dict[str, str]:
    """New reference -> old one, for records whose old address now redirects to them."""
    out: dict[str, str] = {}
    for ref, path in base.records.items():
        target = head.redirects.get(path, "")
        if ref in head.records or not target:
            continue
        for new_ref, new_path in head.records.items():
            if new_ref not in base.records and (
                target == new_path or target.endswith("/" + new_path)
            ):
                out[new_ref] = ref
    return out


def compare(base: Build, head: Build) -> Preview:
    """What changed between two builds, in a stable order (by path)."""
    preview = Preview()
    renames = _renames(base, head)
    for ref, path in sorted(head.records.items(), key=lambda item: item[1]):
        old_ref = ref if ref in base.records else renames.get(ref, "")
        after = page_text(head.root, path)
        if not old_ref:
            preview.pages.append(
                PageChange(ref, head.titles[ref], path, "added", text_diff([], after))
            )
            continue
        before_path = base.records[old_ref]
        diff = text_diff(page_text(base.root, before_path), after)
        if before_path != path:
            preview.moved.append((before_path, path))
            preview.pages.append(
                PageChange(ref, head.titles[ref], path, "moved", diff, old_path=before_path)
            )
        elif diff and base.sources.get(old_ref) != head.sources.get(ref):
            preview.pages.append(PageChange(ref, head.titles[ref], path, "changed", diff))
        elif diff:
            preview.knock_on.append((path, diff))
    renamed = set(renames.values())
    for ref, path in sorted(base.records.items(), key=lambda item: item[1]):
        if ref in head.records or ref in renamed:
            continue
        diff = text_diff(page_text(base.root, path), [])
        preview.pages.append(PageChange(ref, base.titles[ref], path, "removed", diff))
        if path not in head.redirects:
            preview.gone.append(path)
    preview.pages.sort(key=lambda page: (page.path, page.kind))
    listings = sorted({_listing(page.path) for page in preview.pages} - {""})
    for listing in listings:
        diff = text_diff(page_text(base.root, listing), page_text(head.root, listing))
        if diff:
            preview.listings.append((listing, diff))
    skip = {*base.records.values(), *head.records.values(), *head.redirects, *base.redirects}
    skip |= {path for path, _ in preview.listings}
    for path in sorted((html_pages(base.root) | html_pages(head.root)) - skip):
        diff = text_diff(page_text(base.root, path), page_text(head.root, path))
        if diff:
            preview.knock_on.append((path, diff))
    preview.knock_on.sort()
    preview.redirects = sorted(
        (old, target) for old, target in head.redirects.items() if base.redirects.get(old) != target
    )
    preview.queries = _query_changes(base.queries, head.queries)
    return preview


def _query_changes(base: dict[str, str], head: dict[str, str]) -> list[tuple[str, str, str]]:
    """Old addresses with a query the pull request adds, points elsewhere, or drops."""
    out = []
    for old in sorted(base.keys() | head.keys()):
        before, after = base.get(old), head.get(old)
        if before is None:
            out.append(("added", old, after or ""))
        elif after is None:
            out.append(("removed", old, ""))
        elif before != after:
            out.append(("changed", old, after))
    return out
