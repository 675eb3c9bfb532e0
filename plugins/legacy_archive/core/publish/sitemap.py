"""sitemap.xml, sitemap.xml.gz and robots.txt that are the same for every build of a commit.

MkDocs stamps every sitemap entry with the build date and gzips with the build time; here
`lastmod` comes from the content (a record's date, a listing's newest record, the date the
archive was last reviewed for other pages) and the gzip header carries no time at all.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from legacy_archive.core.model.archive import Archive


def lastmod_by_url(archive: Archive, default: str) -> dict[str, str]:
    """Content dates for pages that have them: records and collection listings."""
    dates: dict[str, str] = {}
    for record in archive.every_record():
        withdrawn = record.fields.get("withdrawn")
        date = record.date
        if isinstance(withdrawn, dict) and str(withdrawn.get("date", "")) > date:
            date = str(withdrawn["date"])
        dates[archive.url_of(record)] = date or default
    for collection in archive.collections.values():
        newest = max((r.date for r in collection.records), default=default)
        dates[collection.url] = newest or default
    return dates


def sitemap_xml(site_url: str, pages: Iterable[tuple[str, str]]) -> str:
    """`pages` are (site-relative URL, lastmod); entries are sorted by URL."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in sorted(set(pages)):
        lines.append(f"  <url><loc>{escape(base + url)}</loc>")
        if lastmod:
            lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with no file name and a zero timestamp, so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", filename="", mtime=0) as stream:
        stream.write(data)
    return buffer.getvalue()


def robots_txt(site_url: str) -> str:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def write_sitemaps(site_dir: Path, site_url: str, pages: Iterable[tuple[str, str]]) -> None:
    xml = sitemap_xml(site_url, pages).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(xml)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip_bytes(xml))
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
