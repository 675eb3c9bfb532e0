"""Open data: the whole archive as `records.json` and one CSV per collection, with the JSON
Schemas that describe the fields published beside them, so anyone can reuse or move it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.validate.schema.fields import FieldViews
from legacy_archive.core.validate.schema.resolve import SchemaSet

DATA_DIR = "data"


def data_files(archive: Archive, schema_names: list[str]) -> list[str]:
    """Site-relative paths of every open data file a build writes."""
    names = [f"{DATA_DIR}/records.json"]
    names += [f"{DATA_DIR}/{name}.csv" for name in archive.collections]
    names += [f"{DATA_DIR}/{name}" for name in schema_names]
    return names


def _record_entry(archive: Archive, record: Record, site_url: str) -> dict[str, Any]:
    url = archive.url_of(record)
    return {
        "collection": record.collection,
        "slug": record.slug,
        "url": (site_url.rstrip("/") + "/" + url) if site_url else url,
        "path": url,
        "withdrawn": record.withdrawn,
        "fields": record.fields,
        "body": record.body,
    }


RECORDS_DESCRIPTION = (
    "Every published record of the archive: all fields, the Markdown body and its URL. "
    "Field meanings are in the <collection>.schema.json files beside this one."
)


def _records_chunks(archive: Archive, site_url: str) -> Iterator[str]:
    """`records.json` piece by piece: one record per line, encoded by json's C encoder
    (with `indent` json encodes in pure Python, 10x slower), and one body read at a time
    (all bodies at once are most of an archive's text: 66 MB at 10,000 records)."""
    records = sorted(archive.every_record(), key=lambda r: (r.collection, r.slug))
    description = json.dumps(RECORDS_DESCRIPTION, ensure_ascii=False)
    yield f'{{\n  "description": {description},\n  "records": ['
    for number, record in enumerate(records):
        entry = json.dumps(_record_entry(archive, record, site_url), ensure_ascii=False)
        yield ("\n    " if number == 0 else ",\n    ") + entry
    yield ("\n  ]" if records else "]") + "\n}\n"


def records_json(archive: Archive, site_url: str) -> str:
    return "".join(_records_chunks(archive, site_url))


def write_records_json(archive: Archive, site_url: str, target: Path) -> None:
    """`records_json`, written as it is made: the whole text at once held 160 MB at
    10,000 records, the build's peak of memory."""
    with target.open("w", encoding="utf-8") as file:
        file.writelines(_records_chunks(archive, site_url))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a spreadsheet formula starts: a cell like `=HYPERLINK(...)` would run when a
reader opens the CSV in Excel or LibreOffice (OWASP's "CSV injection")."""


def neutralised(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` before a formula's first
    character, as OWASP recommends (`records.json` keeps the value as written)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return neutralised("; ".join(str(v) for v in value))
    if isinstance(value, (list, dict)):
        return neutralised(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return neutralised(str(value))


def collection_csv(archive: Archive, name: str, columns_order: list[str], site_url: str) -> str:
    """One row per record (withdrawn ones too); lists joined by '; ', nested values as JSON."""
    records = [r for r in archive.every_record() if r.collection == name]
    records.sort(key=lambda r: r.slug)
    seen = {key for r in records for key in r.fields}
    columns = [c for c in columns_order if c in seen]
    columns += sorted(seen - set(columns))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["slug", "url", *columns])
    for record in records:
        entry = _record_entry(archive, record, site_url)
        writer.writerow(
            [
                neutralised(record.slug),
                neutralised(str(entry["url"])),
                *(_cell(record.fields.get(c)) for c in columns),
            ]
        )
    return out.getvalue()


def schema_properties(schemas: dict[str, dict[str, Any]], name: str) -> list[str]:
    """Field names in the order the schemas declare them, shared fields first."""
    return [spec.name for spec in FieldViews(SchemaSet(schemas)).in_order(name)]


def write_open_data(
    archive: Archive,
    site_dir: Path,
    schemas_dir: Path,
    schemas: dict[str, dict[str, Any]],
    site_url: str,
) -> list[str]:
    """Write records.json, a CSV per collection and the schemas; return site-relative paths."""
    folder = site_dir / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    write_records_json(archive, site_url, folder / "records.json")
    for name, collection in archive.collections.items():
        order = schema_properties(schemas, collection.spec.schema)
        text = collection_csv(archive, name, order, site_url)
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8"))
    names = sorted(file.name for file in schemas_dir.glob("*.json"))
    for file_name in names:
        (folder / file_name).write_bytes((schemas_dir / file_name).read_bytes())
    return data_files(archive, names)
