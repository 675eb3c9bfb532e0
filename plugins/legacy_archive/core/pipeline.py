"""The pipeline a build follows: load -> validate -> model, in one pass.

`load_archive` discovers every collection's record files, reads each (`load`), checks it
against its schema, its body and its folder (`validate`), and puts the valid ones in the
`Archive` (`model`); every problem found is returned, so an editor sees all mistakes at
once. The emit and publish stages then read the archive; the engine's adapters and the
`archive` command both start here.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legacy_archive.core.common.problems import Problem, sort_problems
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.load.attachments import scan, walk
from legacy_archive.core.load.records import Record, RecordFile, discover, iter_duplicate_slugs
from legacy_archive.core.load.source import Source, read_source
from legacy_archive.core.load.vocabulary import load_registry
from legacy_archive.core.model.archive import Archive, Collection
from legacy_archive.core.model.facet_fields import (
    archive_facets,
    collection_field_specs,
    organisation_fields,
)
from legacy_archive.core.speed.gcpolicy import collector_paused
from legacy_archive.core.speed.timings import StageTimer
from legacy_archive.core.validate.body import check_body
from legacy_archive.core.validate.collection_needs import missing_schemas, missing_vocabularies
from legacy_archive.core.validate.fieldtext import check_text_fields
from legacy_archive.core.validate.schema.check import SchemaChecker
from legacy_archive.core.validate.schema.keywords import CheckContext
from legacy_archive.core.validate.schema.load import load_schemas


@dataclass
class LoadResult:
    archive: Archive
    problems: list[Problem]
    files_read: int
    checker: SchemaChecker | None = None
    """The schema checker used, for the page emitter to reuse rather than load again."""


def _check_legacy_urls(sources: list[tuple[RecordFile, Source]]) -> Iterable[Problem]:
    claimed: dict[str, str] = {}
    for record_file, source in sources:
        urls = source.fields.get("legacy_urls")
        if not isinstance(urls, list):
            continue
        for index, url in enumerate(urls):
            if not isinstance(url, str):
                continue
            if url in claimed and claimed[url] != record_file.path:
                yield Problem(
                    source.path,
                    source.line_of("legacy_urls", index),
                    f"legacy_urls.{index}",
                    f"'{url}' is already claimed by {claimed[url]} (expected each old address to lead to one record)",
                )
            claimed.setdefault(url, record_file.path)


class LoadMemo:
    """Parsed and checked records of the previous load, for a live preview's rebuilds.

    A record file's parse depends only on its bytes, so it is reused while the file's
    modification time and size hold. Its problems also depend on the schemas, the data
    file, the set of records it may refer to and its folder's files: all in the key."""

    def __init__(self) -> None:
        self.sources: dict[str, tuple[tuple[int, int], tuple[Source | None, list[Problem]]]] = {}
        self.problems: dict[str, tuple[str, list[Problem]]] = {}

    @staticmethod
    def stamp(file: Path) -> tuple[int, int]:
        stat = file.stat()
        return stat.st_mtime_ns, stat.st_size

    def read(self, record_file: RecordFile) -> tuple[Source | None, list[Problem]]:
        try:
            stamp = self.stamp(record_file.file)
        except OSError:
            return read_source(record_file.path, record_file.file)
        kept = self.sources.get(record_file.path)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        result = read_source(record_file.path, record_file.file)
        self.sources[record_file.path] = (stamp, result)
        return result

    def forget_all_but(self, paths: set[str]) -> None:
        for memo in (self.sources, self.problems):
            for path in [p for p in memo if p not in paths]:
                del memo[path]


def _inputs_digest(settings: ProjectSettings, refs: dict[str, bool]) -> str:
    """What every record's check depends on besides the record itself."""
    digest = hashlib.sha1(repr(sorted(refs.items())).encode())
    root = settings.root
    for path in [root / settings.data_file, *sorted((root / settings.schemas_dir).glob("*"))]:
        if path.is_file():
            digest.update(f"{path}\0{LoadMemo.stamp(path)}\n".encode())
    return digest.hexdigest()


def _record_key(inputs: str, record_file: RecordFile) -> str:
    parts = [inputs, str(LoadMemo.stamp(record_file.file))]
    if record_file.folder is not None:
        for rel, path in walk(record_file.folder):
            try:
                info = path.lstat()
            except OSError:
                continue
            parts.append(f"{rel}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\n".join(parts)


def _check_record(
    checker: SchemaChecker,
    schemas: dict[str, Any],
    schema: str,
    record_file: RecordFile,
    source: Source,
    fenced_code: bool = False,
) -> list[Problem]:
    found = []
    if schema in schemas:
        found += checker.check(
            schema, source, f"{record_file.collection}/{record_file.slug}", record_file.folder
        )
    if record_file.folder is not None:
        found += scan(record_file.folder, source.path, _named_files(source))[1]
    found += check_text_fields(source)
    return found + list(
        check_body(source.path, source.body, source.body_line, fenced_code=fenced_code)
    )


def _named_files(source: Source) -> dict[str, int]:
    """Lines of the fields that name a string value, by value: where a file is named."""
    lines: dict[str, int] = {}

    def visit(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            lines.setdefault(value, source.line_of(*path))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*path, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))

    visit(source.fields, ())
    return lines


def load_archive(
    settings: ProjectSettings, timer: StageTimer | None = None, memo: LoadMemo | None = None
) -> LoadResult:
    """Read, validate and model every collection; invalid records are left out and reported.

    `timer`, when given, receives the seconds spent loading, validating and modelling.
    `memo` (a live preview's) reuses records whose inputs have not changed since."""
    with collector_paused():
        return _load_archive(settings, timer or StageTimer(), memo)


def _load_archive(
    settings: ProjectSettings, timer: StageTimer, memo: LoadMemo | None
) -> LoadResult:
    started = time.perf_counter()
    root = settings.root
    problems: list[Problem] = []
    registry, found = load_registry(settings.data_file, root / settings.data_file, root)
    problems += found
    data_unread = any(p.field == "file" for p in found)
    schemas_dir = root / settings.schemas_dir
    schemas, found = load_schemas(schemas_dir)
    problems += found + missing_schemas(settings, schemas, found)
    if not data_unread:  # else every vocabulary would be reported missing
        problems += missing_vocabularies(settings, schemas, registry)

    files: list[RecordFile] = []
    for spec in settings.collections:
        found_files, found = discover(root, spec.name, spec.directory)
        files += found_files
        problems += found
    duplicates = list(iter_duplicate_slugs(files))
    problems += duplicates
    duplicate_paths = {p.path for p in duplicates}

    sources: list[tuple[RecordFile, Source]] = []
    for record_file in files:
        if record_file.path in duplicate_paths:
            continue
        if memo is not None:
            source, found = memo.read(record_file)
        else:
            source, found = read_source(record_file.path, record_file.file)
        problems += found
        if source is not None:
            sources.append((record_file, source))

    timer.add("load", time.perf_counter() - started)
    started = time.perf_counter()
    refs = {f"{rf.collection}/{rf.slug}": bool(s.fields.get("draft")) for rf, s in sources}
    context = CheckContext(registry, refs, tuple(spec.name for spec in settings.collections))
    inputs = _inputs_digest(settings, refs) if memo is not None else ""
    if memo is not None:
        memo.forget_all_but({rf.path for rf, _ in sources})
    checker = SchemaChecker(schemas, context)
    specs = {spec.name: spec for spec in settings.collections}
    fields = collection_field_specs(checker.fields, settings, list(schemas))
    facets, errors = archive_facets(
        settings, registry, fields, complete=len(fields) == len(settings.collections)
    )
    problems += settings.lines.problems(errors)
    collections = {
        spec.name: Collection(
            spec, organisation_fields=organisation_fields(fields.get(spec.name, ()))
        )
        for spec in settings.collections
    }
    archive = Archive(settings, registry, collections, facets=facets)
    problems += _check_legacy_urls(sources)
    invalid = {p.path for p in problems}
    validating = time.perf_counter() - started
    started, checks = time.perf_counter(), 0.0
    for record_file, source in sources:
        spec = specs[record_file.collection]
        checking = time.perf_counter()
        key = _record_key(inputs, record_file) if memo is not None else ""
        kept = memo.problems.get(source.path) if memo is not None else None
        if kept is not None and kept[0] == key:
            found = list(kept[1])
        else:
            found = _check_record(
                checker, schemas, spec.schema, record_file, source, settings.site.fenced_code
            )
            if memo is not None:
                memo.problems[source.path] = (key, list(found))
        source.release_body()
        checks += time.perf_counter() - checking
        problems += found
        if found or source.path in invalid:
            continue
        record = Record(
            record_file.collection,
            record_file.slug,
            source.path,
            source.fields,
            source.body_line,
            record_file.folder,
            source,
        )
        if record.withdrawn and not record.draft:
            archive.withdrawn.append(record)
            continue
        (archive.drafts if record.draft else collections[record.collection].records).append(record)
    for collection in collections.values():
        collection.records.sort(key=lambda r: r.title.lower())
        collection.records.sort(key=lambda r: r.date, reverse=True)
    archive.index()
    timer.add("validate", validating + checks)
    timer.add("model", time.perf_counter() - started - checks)
    return LoadResult(archive, sort_problems(problems), len(files), checker)
