"""One import, start to end: plan every record, fetch its files, write what changed.

Nothing is written until the source and the mapping have been read without a problem.
Then records are written one at a time (each file atomically), so memory holds one
record's files at most, and the state file is written last: a run stopped half-way is
resumed by running it again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from legacy_archive.core.editors.addresses import IPNetwork
from legacy_archive.core.importing import wayback
from legacy_archive.core.importing.download import (
    DownloadLimits,
    DownloadRefused,
    Throttle,
    fetch_file,
    same_site_key,
)
from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.mapping import Mapping
from legacy_archive.core.importing.outcome import Fate, ImportResult
from legacy_archive.core.importing.plan import Layout, Planned, make_plan
from legacy_archive.core.importing.record_text import Wanted
from legacy_archive.core.importing.records import Context, Fetched, RecordBuilder
from legacy_archive.core.importing.state import (
    STATE_DIR,
    ImportState,
    ItemState,
    file_sha256,
    read_state,
    sha256,
    source_id,
    write_atomic,
)
from legacy_archive.core.importing.target import TargetArchive

MB = 1024 * 1024
FILE_TYPES = (
    "image/*", "audio/*", "video/*", "application/pdf", "application/zip", "text/plain",
    "text/csv", "text/vtt", "application/rtf", "application/epub+zip", "application/msword",
    "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-ole-storage",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
)  # fmt: skip
"""What may be kept beside a record: documents, images and media, never pages or scripts."""


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    force: bool = False
    max_file_bytes: int = 50 * MB
    max_total_bytes: int = 2048 * MB
    timeout_s: float = 60.0
    allowed_networks: Sequence[IPNetwork] = ()
    in_flight: int = 2
    delay_s: float = 0.0
    """Seconds between the starts of two downloads."""
    wayback_prefixes: tuple[str, ...] = ()
    """Wayback-style services beyond web.archive.org, as the crawl was given them."""
    wayback_delay_s: float = 1.0
    """The least delay between downloads from a Wayback copy (a shared public archive)."""


class _Fetcher:
    """Downloads within the per-file limits and the run's total, at most two at a time;
    a crawled site's files as far apart as its robots.txt asked for its pages; a Web
    Archive copy's files from the copy (its `id_` addresses), as gently as its pages were
    read, never from the old host, which is gone."""

    def __init__(self, options: ImportOptions, source: Source) -> None:
        self.options = options
        self.site = same_site_key(source.site_url) if source.site_url else None
        self.copy = (
            wayback.parse(source.name, options.wayback_prefixes) if source.kind == "site" else None
        )
        self.limits = DownloadLimits(
            max_bytes=options.max_file_bytes, deadline_s=options.timeout_s, types=FILE_TYPES
        )
        delay = max(options.delay_s, options.wayback_delay_s if self.copy else 0.0)
        # A crawl's throttle goes on: its delay (raised to robots.txt's Crawl-delay) holds
        # for the files, the first one included, which waits it after the last page.
        self.throttle = source.throttle or Throttle(options.in_flight, delay)
        self.throttle.delay_s = max(self.throttle.delay_s, delay)
        self.total = 0
        self.count = 0

    def fetch(self, url: str) -> bytes | str:
        if self.total >= self.options.max_total_bytes:
            return f"the run's download limit of {self.options.max_total_bytes // MB} MB is spent (raise --max-total-mb)"
        if self.copy is not None and same_site_key(url) == self.site:
            url = self.copy.copy(url, "id_")
        try:
            got = fetch_file(
                url,
                limits=self.limits,
                allowed_networks=self.options.allowed_networks,
                throttle=self.throttle,
            )
        except DownloadRefused as error:
            return str(error)
        self.total += len(got.body)
        self.count += 1
        return got.body


Progress = Callable[[str], None]


def run_import(
    source: Source,
    mapping: Mapping,
    target: TargetArchive,
    convert: Callable[..., Any],
    options: ImportOptions,
    progress: Progress | None = None,
) -> tuple[ImportResult | None, list[str]]:
    """Import a source that was read without problems; the problems that stop it otherwise."""
    state_path = (
        target.root / STATE_DIR / f"{source_id(source.kind, source.name, source.site_url)}.json"
    )
    state, problem = read_state(state_path)
    if problem:
        return None, [problem]
    result = ImportResult(
        source, mapping.file, ignored=list(source.ignored), dry_run=options.dry_run
    )
    result.state_file = state_path.relative_to(target.root).as_posix()
    layout = Layout(
        target.root,
        {spec.name: spec.directory for spec in target.settings.collections},
        {spec.name: spec.url_path for spec in target.settings.collections},
    )
    plan = make_plan(source, mapping, layout, state)
    for skipped in plan.skipped:
        result.fates.append(
            Fate(
                skipped.item.key,
                skipped.item.title,
                skipped.item.origin,
                skipped.item.kind,
                "skipped",
                why=skipped.why,
            )
        )
    hosts = {same_site_key(source.site_url)} if source.site_url else set()
    if source.name.startswith(("http://", "https://")):
        hosts.add(same_site_key(source.name))
    ctx = Context(
        source,
        mapping,
        target,
        plan.addresses,
        convert,
        tuple(sorted(hosts, key=str)),
        same_site_key(source.site_url) if source.site_url else ("", None),
        frozenset(_page_url(target, planned) for planned in plan.planned),
    )
    builder = RecordBuilder(ctx)
    fetcher = _Fetcher(options, source)
    new_state = ImportState(state_path, dict(state.items))
    with ThreadPoolExecutor(max_workers=options.in_flight) as pool:
        for number, planned in enumerate(plan.planned, start=1):
            if progress is not None:
                progress(f"{number}/{len(plan.planned)} {planned.item.title}")
            result.fates.append(
                _import_one(planned, builder, fetcher, pool, target, state, new_state, options)
            )
    result.downloads, result.downloaded_bytes = fetcher.count, fetcher.total
    if not options.dry_run:
        write_atomic(state_path, new_state.to_json(source.kind, source.name).encode("utf-8"))
    return result, []


def _page_url(target: TargetArchive, planned: Planned) -> str:
    spec = target.spec(planned.collection)
    return f"{spec.url_path if spec else planned.collection}/{planned.slug}/"


def _import_one(
    planned: Planned,
    builder: RecordBuilder,
    fetcher: _Fetcher,
    pool: ThreadPoolExecutor,
    target: TargetArchive,
    state: ImportState,
    new_state: ImportState,
    options: ImportOptions,
) -> Fate:
    item = planned.item
    before = state.items.get(item.key) or ItemState("")
    prepared = builder.wanted(planned, before.downloads)
    wanted = prepared.wanted
    spec = target.spec(planned.collection)
    directory = spec.directory if spec is not None else planned.collection
    rel = f"{directory}/{planned.slug}/index.md" if wanted else f"{directory}/{planned.slug}.md"
    fetched = _fetch_all(wanted, rel, before, fetcher, pool, target, options)
    draft = builder.build(planned, rel, prepared, fetched)
    fate = Fate(item.key, item.title, item.origin, item.kind, "", record=rel)
    fate.problems, fate.notes = draft.problems, draft.notes
    outputs: dict[str, bytes] = {rel: draft.text.encode("utf-8")}
    for path, url in draft.files.items():
        outputs[path] = fetched.bodies[url]
    after = ItemState(rel, {}, {url: p for p, url in draft.files.items()})
    for path, data in outputs.items():
        what = _write(target.root, path, data, before.files.get(path), options)
        fate.files[path] = what
        after.files[path] = before.files.get(path, "") if what.startswith("kept") else sha256(data)
    if before.record and before.record != rel and not fate.files[rel].startswith("kept"):
        _remove_moved(target.root, before, set(outputs), fate, rel, options)
    record_fate = fate.files[rel]
    changed = set(fate.files.values())
    if record_fate.startswith("kept"):
        fate.fate = "kept"
        fate.why = record_fate
    elif changed <= {"unchanged"}:
        fate.fate = "unchanged"
    elif record_fate in ("new", "would write"):
        fate.fate = record_fate
    else:
        fate.fate = "updated" if not options.dry_run else "would update"
    new_state.items[item.key] = after
    return fate


def _fetch_all(
    wanted: list[Wanted],
    rel: str,
    before: ItemState,
    fetcher: _Fetcher,
    pool: ThreadPoolExecutor,
    target: TargetArchive,
    options: ImportOptions,
) -> Fetched:
    """Each wanted file: from disk when an earlier run fetched it unchanged, else the web."""
    fetched = Fetched()
    remote: list[Wanted] = []
    for w in wanted:
        earlier = before.downloads.get(w.url, "")  # beside the record, or where it was
        known = before.files.get(earlier)
        if (
            known
            and not _linked(target.root, earlier)
            and file_sha256(target.root / earlier) == known
        ):
            fetched.bodies[w.url] = (target.root / earlier).read_bytes()
        elif options.dry_run:
            fetched.bodies[w.url] = b""
        else:
            remote.append(w)
    for w, body in zip(remote, pool.map(lambda w: fetcher.fetch(w.url), remote), strict=True):
        if isinstance(body, bytes):
            fetched.bodies[w.url] = body
        else:
            fetched.refused[w.url] = body
    return fetched


def _linked(root: Path, rel: str) -> str | None:
    """The first part of `rel` that is a symbolic link (it could point anywhere), or None."""
    inside = root
    for part in rel.split("/"):
        inside = inside / part
        if inside.is_symlink():
            return inside.relative_to(root).as_posix()
    return None


def _remove_moved(
    root: Path, before: ItemState, kept: set[str], fate: Fate, rel: str, options: ImportOptions
) -> None:
    """The files an earlier run wrote for an item whose record now has another path (the
    mapping moved it to another collection or slug): removed while they are as written,
    so the old record does not claim the same old addresses; kept and noted if edited."""
    folders: set[Path] = set()
    for path, written in sorted(before.files.items()):
        current = None if path in kept or _linked(root, path) else file_sha256(root / path)
        if current is None:
            continue
        if current != written:
            fate.notes.append(
                f"'{path}', written by an earlier import, was edited since: kept; this import "
                f"writes the record as '{rel}' (delete the old file if the new one replaces it)"
            )
            continue
        fate.files[path] = "would remove" if options.dry_run else "removed"
        if not options.dry_run:
            (root / path).unlink()
            folders.add((root / path).parent)
    if fate.files.get(before.record) in ("removed", "would remove"):
        fate.notes.append(
            f"earlier record '{before.record}' {fate.files[before.record]}: "
            "the mapping now writes it here"
        )
    for folder in sorted(folders, reverse=True):
        if folder != root and not any(folder.iterdir()):
            folder.rmdir()


def _write(
    root: Path, rel: str, data: bytes, written_before: str | None, options: ImportOptions
) -> str:
    """Write one file unless it is unchanged or was edited by hand since the last import;
    never through a symbolic link (it could point anywhere on the machine)."""
    path = root / rel
    link = _linked(root, rel)
    if link is not None:
        return f"kept: {link} is a symbolic link (expected a real folder or file)"
    current = file_sha256(path)
    if current is not None and current == sha256(data):
        return "unchanged"
    if current is not None and current != written_before and not options.force:
        why = "edited since the import" if written_before else "not written by this import"
        return f"kept: {why} (use --force to overwrite)"
    if options.dry_run:
        return "would write" if current is None else "would update"
    write_atomic(path, data)
    if current is None:
        return "new"
    return "overwritten (--force)" if current != written_before else "updated"
