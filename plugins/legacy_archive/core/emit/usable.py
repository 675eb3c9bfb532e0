"""What a teacher can still use of a record, said first on its page.

A teacher arrives from a search wanting the thing, not its description: the files the
archive holds (with format and size, and one ZIP of them when there are several), links
that still lead to it elsewhere, the original page's copy in the Wayback Machine (from
the record's `legacy_urls` and its date), and where to go now when the archive holds none
of its materials. Which files are the record's own is `materials`' rule; this module only
names and orders them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from legacy_archive.core.config.programme import Programme
from legacy_archive.core.emit.materials import material_files
from legacy_archive.core.emit.robustlinks import wayback_url
from legacy_archive.core.load.records import Record
from legacy_archive.core.model.attribution import absolute_url
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews

ZIP_NAME = "{slug}-materials.zip"
"""The "Download all" file beside a record page with several files of its own."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every entry's timestamp: the earliest a ZIP can hold, so a rebuild makes the same bytes."""


def usable(
    record: Record,
    fields: FieldViews,
    schema: str,
    attachment: Callable[[str], dict[str, str]],
    site_url: str,
    programme: Programme | None,
) -> dict[str, Any]:
    """The "What you can still use" block's content for one record page; `attachment`
    gives a file's `url`, `format` and `size`."""
    titles: dict[str, str] = {}
    links: list[dict[str, str]] = []
    for spec in fields.in_order(schema):
        _walk(spec, record.fields.get(spec.name), "", titles, links)
    files = material_files(record, fields, schema) if record.folder else []
    # Files a record names as downloads (they have titles) before its images and captions.
    files.sort(key=lambda name: name not in titles)
    downloads = [{"title": titles.get(name) or name, **attachment(name)} for name in files]
    return {
        "downloads": downloads,
        "zip": ZIP_NAME.format(slug=record.slug) if len(files) > 1 else "",
        "links": links,
        "archived": archived_copies(record, site_url),
        "successors": _successors(programme) if _ended(record) and not files else [],
    }


def archived_copies(record: Record, site_url: str) -> list[str]:
    """The Wayback Machine's copies of the record's old addresses, nearest its date."""
    old = record.fields.get("legacy_urls") or []
    # The archive took the old site's place: old paths lived under the site's address.
    return [wayback_url(absolute_url(site_url, str(url).lstrip("/")), record.date) for url in old]


def report_url(repo_url: str, title: str, page_url: str) -> str:
    """A prefilled "new issue" form on the archive's repository (GitHub or GitLab) for a
    problem with one page, or "" when the archive names no repository it can fill one on."""
    parts = urlsplit(repo_url)
    path = parts.path.strip("/")
    if parts.scheme != "https" or path.count("/") < 1:
        return ""
    body = f"Page: {page_url}\n\nWhat is wrong (a broken link, a missing file, a mistake):\n"
    if parts.hostname == "github.com":
        query = urlencode({"title": f"Problem with: {title}", "body": body})
        return f"https://github.com/{path}/issues/new?{query}"
    if parts.hostname == "gitlab.com":
        query = urlencode({"issue[title]": f"Problem with: {title}", "issue[description]": body})
        return f"https://gitlab.com/{path}/-/issues/new?{query}"
    return ""


def materials_zip(record: Record, fields: FieldViews, schema: str) -> list[tuple[str, bytes]]:
    """The "Download all" ZIP of a record with several files of its own, as (name, bytes),
    or nothing. Names sorted and times fixed, so the same files make the same bytes."""
    files = material_files(record, fields, schema) if record.folder else []
    if len(files) < 2:
        return []
    assert record.folder is not None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, (Path(record.folder) / name).read_bytes())
    return [(ZIP_NAME.format(slug=record.slug), out.getvalue())]


def _ended(record: Record) -> bool:
    """Whether the resource itself stopped: withdrawn, or no longer offered after a date."""
    return record.withdrawn or bool(record.fields.get("available_until"))


def _successors(programme: Programme | None) -> list[dict[str, str]]:
    """Where the archive's settings send readers now (`programme.successors`)."""
    return [
        {"title": s.title, "url": s.url, "description": s.description}
        for s in (programme.successors if programme else ())
    ]


def _walk(
    spec: FieldSpec,
    value: Any,
    title: str,
    titles: dict[str, str],
    links: list[dict[str, str]],
) -> None:
    """Record each attachment's and link's title: the `title` beside it in its object."""
    if value is None:
        return
    if isinstance(value, str) and value:
        if spec.attachment and title:
            titles.setdefault(value, title)
        elif spec.link:
            links.append({"title": title or value, "url": value})
    elif isinstance(value, list) and spec.item is not None:
        for item in value:
            _walk(spec.item, item, title, titles, links)
    elif isinstance(value, dict):
        inner = str(value.get("title") or spec.label)
        for nested in spec.fields:
            _walk(nested, value.get(nested.name), inner, titles, links)
