"""`archive export wacz`: the site as a web archive (WACZ 1.1.1), for the UK Web Archive,
the Internet Archive and institutional web archives, made from the build, not a crawl.

A crawler (Heritrix, Browsertrix) sees only what the site links to; the generator knows
every address it publishes, the old addresses that lead to new ones and what Pages answers
for each, so the archive records them all: one WARC `response` per address, a `revisit`
for `page/index.html` (the same bytes as `page/`), the 301s Pages gives folders without
their slash, and the 404 page for the old folders a wildcard rule sends on. There are no
`request` records: nobody requested anything, and pywb and ReplayWeb.page replay from
responses alone. The WACZ is a ZIP with the WARC and its index stored (read in place), in
a fixed order with fixed dates, so one commit gives one file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from legacy_archive.core.export.common import (
    ExportContext,
    add_export_options,
)
from legacy_archive.core.export.pagetext import page_text
from legacy_archive.core.export.served import NOT_FOUND_PAGE, Served, served_addresses
from legacy_archive.core.export.warc import RECORD_NAMESPACE, SiteWarcWriter, warc_date
from legacy_archive.core.publish.redirects import redirect_rules

SUFFIX = ".wacz"
WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"
MEMBERS = (
    "archive/data.warc.gz",
    "indexes/index.cdx.gz",
    "indexes/index.idx",
    "pages/pages.jsonl",
)
"""The WACZ's resources, in the order they are stored (the datapackage files follow)."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member's date: the ZIP format's earliest, so the file never depends on a clock."""


def software() -> str:
    try:
        return f"legacy-archive {metadata.version('legacy-archive')}"
    except metadata.PackageNotFoundError:
        return "legacy-archive"


def register(subcommands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `archive export wacz`."""
    parser = subcommands.add_parser(
        "wacz",
        help="a web archive (WACZ) of the built site, for web archives and pywb",
        description="Write the built site as a WACZ web archive: one WARC record per address "
        "as GitHub Pages serves it, with a page list and an index.",
    )
    add_export_options(parser, SUFFIX)
    parser.set_defaults(suffix=SUFFIX, write=write_wacz)


def missing_prefixes(context: ExportContext) -> list[str]:
    """Old folders a wildcard rule covers (`news/`): Pages answers them with its 404 page."""
    rules, _ = redirect_rules(context.archive)
    return sorted(
        unquote(rule.source).lstrip("/").removesuffix("*") for rule in rules if rule.wildcard
    )


def old_queries(context: ExportContext) -> list[str]:
    """Old addresses with a query (`?p=123`): their path's page answers them in a replay."""
    rules, _ = redirect_rules(context.archive)
    return sorted(rule.source.lstrip("/") for rule in rules if rule.query and not rule.wildcard)


def site_addresses(context: ExportContext) -> list[Served]:
    """Every address the archive records, in the order it records them."""
    names = [f.path for f in context.files]
    found = served_addresses(
        names, context.site_url, missing_prefixes(context), old_queries(context)
    )
    return list(found)


def _warcinfo(context: ExportContext) -> list[tuple[str, str]]:
    fields = [
        ("software", software()),
        ("format", "WARC File Format 1.1"),
        (
            "conformsTo",
            "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        ),
        ("isPartOf", context.site_name),
        ("title", context.site_name),
        ("description", context.site_description),
        ("http-header-user-agent", "none: written from the built site, not crawled"),
        ("url", context.site_url),
    ]
    return [(key, value) for key, value in fields if value]


def write_warc(context: ExportContext, target: Path) -> tuple[int, list[dict[str, Any]]]:
    """Write the WARC; return its record count and the page list's entries."""
    pages: list[dict[str, Any]] = []
    ts = warc_date(context.timestamp)
    with target.open("wb") as out:
        writer = SiteWarcWriter(out, context.site_dir, context.timestamp)
        writer.warcinfo(WARC_NAME, _warcinfo(context))
        for served in site_addresses(context):
            writer.response(served)
            if not _is_page(served):
                continue
            text = page_text((context.site_dir / served.file).read_bytes())
            if text.listed:
                pages.append(
                    {
                        "id": uuid.uuid5(RECORD_NAMESPACE, served.url).hex,
                        "url": served.url,
                        "ts": ts,
                        "title": text.title or served.url,
                        "text": text.text,
                    }
                )
    return writer.count, pages


def _is_page(served: Served) -> bool:
    return (
        served.status == 200
        and not served.same_as
        and served.file.endswith((".html", ".htm"))
        and served.file != NOT_FOUND_PAGE
    )


def cdxj_lines(warc: Path) -> list[str]:
    """The CDXJ index of the WARC (written beside it), sorted, as pywb and ReplayWeb.page
    read it: cdxj-indexer is what py-wacz indexes with."""
    from cdxj_indexer.main import CDXJIndexer  # type: ignore[import-untyped]

    index = warc.with_name("index.cdxj")
    CDXJIndexer(str(index), [str(warc)], sort=True).process_all()
    return sorted(index.read_text(encoding="utf-8").splitlines(keepends=True))


INDEX_BLOCK = 300
"""CDXJ lines per gzip member of `index.cdx.gz` (py-wacz's and pywb's default): a replay
tool reads the small `index.idx`, then only the block an address is in."""


def compressed_index(lines: list[str]) -> tuple[bytes, bytes]:
    """`index.cdx.gz` (sorted CDXJ in gzip members of `INDEX_BLOCK` lines) and `index.idx`
    (the first key of each member, its offset and length), as WACZ 1.1.1 describes them."""
    data = bytearray()
    meta = json.dumps({"format": "cdxj-gzip-1.0", "filename": "index.cdx.gz"})
    idx = [f"!meta 0 {meta}\n"]
    for start in range(0, len(lines), INDEX_BLOCK):
        block = "".join(lines[start : start + INDEX_BLOCK]).encode("utf-8")
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip, mtime 0
        member = packer.compress(block) + packer.flush()
        prefix = lines[start].split("{", 1)[0].strip()
        idx.append(f"{prefix} {json.dumps({'offset': len(data), 'length': len(member)})}\n")
        data += member
    return bytes(data), "".join(idx).encode("utf-8")


def pages_jsonl(pages: list[dict[str, Any]]) -> bytes:
    header = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages", "hasText": True}
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(page, ensure_ascii=False, sort_keys=True) for page in pages]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _digest(path: Path) -> tuple[str, int]:
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
            size += len(block)
    return "sha256:" + hasher.hexdigest(), size


def datapackage(context: ExportContext, staged: dict[str, Path]) -> bytes:
    """`datapackage.json`: each resource's SHA-256 and size, and what the archive is.
    `created` is the content's date, not the clock's, so the package is reproducible."""
    resources = []
    for member in MEMBERS:
        digest, size = _digest(staged[member])
        resources.append({"name": Path(member).name, "path": member, "hash": digest, "bytes": size})
    package: dict[str, Any] = {
        "profile": "data-package",
        "resources": resources,
        "title": context.site_name,
        "mainPageURL": context.site_url,
        "mainPageDate": warc_date(context.timestamp),
        "created": warc_date(context.timestamp),
        "wacz_version": WACZ_VERSION,
        "software": software(),
    }
    if context.site_description:
        package["description"] = context.site_description
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def digest_file(package: bytes) -> bytes:
    """`datapackage-digest.json`: the manifest's own SHA-256 (unsigned: no signing key
    belongs in an archive's repository, and a library re-signs what it takes in)."""
    digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(package).hexdigest()}
    return (json.dumps(digest, indent=2) + "\n").encode("utf-8")


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        yield from iter(lambda: stream.read(1 << 20), b"")


DEFLATED = frozenset({"indexes/index.idx", "pages/pages.jsonl"})
"""Members a replay tool reads whole, compressed in the ZIP as WACZ allows (the page list is
mostly text: a tenth of its size); the WARC and the CDXJ blocks are gzip already and stay
stored, so a replay tool can read a record at its offset."""


def write_zip(target: Path, staged: dict[str, Path], package: bytes) -> None:
    """The WACZ: the members in a fixed order with a fixed date."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as wacz:
        for name in MEMBERS:
            if name in DEFLATED:
                data = staged[name].read_bytes()
                wacz.writestr(_member(name), data, zipfile.ZIP_DEFLATED, compresslevel=9)
                continue
            size = staged[name].stat().st_size
            with wacz.open(_member(name), "w", force_zip64=size > 0x7FFFFFFF) as out:
                for block in _chunks(staged[name]):
                    out.write(block)
        wacz.writestr(_member("datapackage.json"), package)
        wacz.writestr(_member("datapackage-digest.json"), digest_file(package))


def write_wacz(context: ExportContext, target: Path) -> str:
    """Write the WACZ to `target`; return a summary for the user."""
    with tempfile.TemporaryDirectory(prefix=".wacz-", dir=target.parent) as folder:
        staging = Path(folder)
        staged = {name: staging / name.replace("/", "-") for name in MEMBERS}
        warc = staging / WARC_NAME
        records, pages = write_warc(context, warc)
        staged["archive/data.warc.gz"] = warc
        cdx, idx = compressed_index(cdxj_lines(warc))
        staged["indexes/index.cdx.gz"].write_bytes(cdx)
        staged["indexes/index.idx"].write_bytes(idx)
        staged["pages/pages.jsonl"].write_bytes(pages_jsonl(pages))
        write_zip(target, staged, datapackage(context, staged))
    return f"{records} WARC records, {len(pages)} pages, {sum(1 for _ in context.archive.every_record())} records"
