"""The built site an edition is made from: its files in one sorted order, and whether it
is a build of these records at all.

The build writes `sitemap.xml` with every page's address after the pages; a site folder
without it, or without a record's page, was not built (or was built from other records),
and an edition of it would be a copy of something else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

BUILD_HINT = "expected `make build` or `mkdocs build` first"


@dataclass(frozen=True)
class SiteFile:
    """One file of the built site."""

    path: str
    """Relative to the site folder, with `/` separators (`courses/intro/index.html`)."""
    file: Path
    """Where it is on disk."""
    size: int


def site_files(site_dir: Path) -> tuple[SiteFile, ...]:
    """Every regular file under `site_dir`, sorted by path; symlinks (to files or folders)
    are skipped, so nothing outside the site can slip into an edition."""
    found: list[SiteFile] = []
    for folder, dirs, names in os.walk(site_dir, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in names:
            file = base / name
            if file.is_symlink() or not file.is_file():
                continue
            path = file.relative_to(site_dir).as_posix()
            found.append(SiteFile(path, file, file.stat().st_size))
    return tuple(sorted(found, key=lambda f: f.path))


def _sitemap_urls(site_dir: Path) -> list[str]:
    try:
        root = ElementTree.fromstring((site_dir / "sitemap.xml").read_bytes())
    except (OSError, ElementTree.ParseError):
        return []
    return [
        (loc.text or "").strip()
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]


def built_site_problems(
    site_dir: Path, records: Iterable[tuple[str, str]], shown: str
) -> tuple[str, list[str]]:
    """The address the site was built for and, when it is not a build of these `records`
    (each its file and its page's site-relative URL), why. The build writes `sitemap.xml` last of the pages, with every page's address."""
    if not (site_dir / "index.html").is_file() or not (site_dir / "sitemap.xml").is_file():
        return "", [f"{shown}: not built ({BUILD_HINT})"]
    urls = _sitemap_urls(site_dir)
    if not urls:
        return "", [
            f"{shown}sitemap.xml: no page addresses (expected a complete build: {BUILD_HINT})"
        ]
    site_url = min(urls, key=len)
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    listed = {u.removeprefix(site_url) for u in urls}
    problems = []
    for path, url in records:
        if url not in listed or not (site_dir / url / "index.html").is_file():
            problems.append(
                f"{shown}{url}: not in the built site, though {path} is a record "
                f"(expected the site rebuilt after the last change: `make build` or `mkdocs build`)"
            )
    return site_url, problems
