"""`archive export bag`: the archive as a BagIt 1.0 bag, for a university library or a
records office to deposit: the records as their editors wrote them, the open data, the
schemas and vocabularies that say what the fields mean, and the built site, each file with
its SHA-256 in the bag's manifest, and the programme's facts in `bag-info.txt`.

The bag is delivered as one `.tar` (POSIX pax, members sorted, fixed owner and dates), the
container repositories and BagIt tools (Archivematica, bagit-python, the Library of
Congress' bagger) take in, and which keeps file modes and long names a ZIP may mangle. A
`--out` that does not end in `.tar` is written as a bag folder instead.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import TextIO

import bagit

from legacy_archive.core.export.common import (
    ExportContext,
    ExportError,
    add_export_options,
    human_size,
)
from legacy_archive.core.publish.opendata import DATA_DIR, data_files

SUFFIX = ".tar"
PARTS = {
    "records": "the records as their editors wrote them (Markdown with YAML front matter) "
    "and their attachments, one folder per collection",
    "schemas": "the JSON Schemas of the records' fields",
    "vocabularies": "the vocabularies and the organisations registry",
    "pages": "the archive's hand-written pages (Markdown)",
    "project": "the site's settings (mkdocs.yml), its URL ledger and its page templates",
    "open-data": "every record as JSON and one CSV per collection, as the site publishes them",
    "site": "the built website, as published",
}
"""The bag's `data/` folders and what each holds (repeated in `bag-info.txt`)."""


def register(subcommands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `archive export bag`."""
    parser = subcommands.add_parser(
        "bag",
        help="a BagIt bag (.tar) of the records, open data and site, for a library deposit",
        description="Write a BagIt bag of the records, schemas, vocabularies, open data and "
        "built site, with SHA-256 manifests and the programme's facts in bag-info.txt. "
        "--out ending in .tar writes one file; any other --out writes a bag folder.",
    )
    add_export_options(parser, SUFFIX)
    parser.set_defaults(suffix=SUFFIX, write=write_bag_tar, write_folder=write_bag_folder)


def _files(folder: Path, root: Path) -> Iterator[tuple[str, Path]]:
    """Regular files under `folder` (relative path, file), sorted; symlinks and dot files
    are left out, and so is a folder that is not inside `root` once its links are resolved
    (`records -> /home/...`), so nothing outside the repository and no editor's litter gets in."""
    if folder.is_symlink() or not folder.is_dir():
        return
    if not folder.resolve().is_relative_to(root.resolve()):
        return
    for base, dirs, names in os.walk(folder, followlinks=False):
        here = Path(base)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(names):
            file = here / name
            if name.startswith(".") or file.is_symlink() or not file.is_file():
                continue
            yield file.relative_to(folder).as_posix(), file


def _place(source: Path, target: Path, link: bool) -> None:
    """A hard link when asked and the file system allows (staging a large site for the tar
    is then quick), else a copy of the bytes. A bag folder is always a copy: a hard link
    would change with the repository's file and break the bag's manifest."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if link:
        try:
            os.link(source, target, follow_symlinks=False)
            return
        except OSError:
            pass
    shutil.copyfile(source, target, follow_symlinks=False)


def _inside(file: Path, root: Path) -> bool:
    """A regular file of the repository, not a link, and not reached through one."""
    return (
        file.is_file() and not file.is_symlink() and file.resolve().is_relative_to(root.resolve())
    )


def payload(context: ExportContext) -> list[tuple[str, Path]]:
    """Every file of the bag's `data/` (path under `data/`, source file), sorted."""
    settings = context.settings
    root = settings.root
    found: dict[str, Path] = {}
    for spec in settings.collections:
        for rel, file in _files(root / spec.directory, root):
            found[f"records/{spec.directory}/{rel}"] = file
    for rel, file in _files(root / settings.schemas_dir, root):
        found[f"schemas/{rel}"] = file
    data_file = root / settings.data_file
    if _inside(data_file, root):
        found[f"vocabularies/{data_file.name}"] = data_file
    for rel, file in _files(root / settings.site.docs_dir, root):
        found[f"pages/{rel}"] = file
    for name in (context.config_file.name, settings.url_ledger):
        file = root / name
        if _inside(file, root):
            found[f"project/{Path(name).name}"] = file
    for rel, file in _files(root / settings.templates_dir, root):
        found[f"project/templates/{rel}"] = file
    schema_names = sorted(p.name for p in (root / settings.schemas_dir).glob("*.json"))
    published = set(data_files(context.archive, schema_names))
    for site_file in context.files:
        found[f"site/{site_file.path}"] = site_file.file
        if site_file.path in published:
            found[f"open-data/{site_file.path.removeprefix(DATA_DIR + '/')}"] = site_file.file
    return sorted(found.items())


def licence_text(context: ExportContext) -> str:
    settings = context.settings
    term = context.archive.registry.vocabulary("licences").terms.get(settings.default_licence)
    if term is None:
        return f"{settings.default_licence}, unless a record names another"
    where = f" <{term.url}>" if term.url else ""
    return f"{term.label}{where}, unless a record names another"


def software() -> str:
    try:
        engine = f"legacy-archive {metadata.version('legacy-archive')}"
    except metadata.PackageNotFoundError:
        engine = "legacy-archive"
    return f"{engine}, with bagit.py {bagit.VERSION} <https://github.com/LibraryOfCongress/bagit-python>"


def bag_info(context: ExportContext, payload_bytes: int) -> dict[str, str | list[str]]:
    """The bag's `bag-info.txt`: the programme's facts, from the settings, never the clock."""
    programme = context.programme
    name = programme.name if programme else context.site_name
    description = context.site_description or f"The archive of {name}."
    if programme is not None:
        description += f" The programme ran from {programme.start_label} to {programme.end_label}"
        description += f", funded by {programme.funder}." if programme.funder else "."
    info: dict[str, str | list[str]] = {
        "Source-Organization": name,
        "External-Description": description,
        "External-Identifier": context.site_url,
        "Bagging-Date": context.date,
        "Bag-Group-Identifier": context.slug,
        "Bag-Size": human_size(payload_bytes),
        "Bag-Software-Agent": software(),
        "Title": context.site_name,
        "Rights": licence_text(context),
        "Internal-Sender-Description": "; ".join(
            f"data/{part}/: {what}" for part, what in PARTS.items()
        ),
    }
    if programme is not None:
        info["Programme-Name"] = programme.name
        info["Programme-Start"] = programme.start
        info["Programme-End"] = programme.end
        info["Last-Reviewed"] = programme.last_reviewed
        if programme.funder:
            info["Funder"] = programme.funder
        if programme.partners:
            info["Partner"] = list(programme.partners)
    return info


def make_bag(context: ExportContext, folder: Path, link: bool = False) -> int:
    """Lay the payload out in the empty `folder` and make it a bag; return its file count."""
    files = payload(context)
    for rel, source in files:
        _place(source, folder / rel, link)
    size = sum(source.stat().st_size for _, source in files)
    try:
        bagit.make_bag(str(folder), bag_info(context, size), checksums=["sha256"])
    except (bagit.BagError, OSError) as error:
        raise ExportError(f"{folder}: the bag could not be made: {error}") from error
    as_bagit_1_0(folder)
    return len(files)


BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def as_bagit_1_0(folder: Path) -> None:
    """Declare the bag BagIt 1.0 (RFC 8493), which bagit.py writes as 0.97 (the layout and
    manifests are the same), and list the tag files in a sorted tag manifest (bagit.py lists
    them in the file system's order, which differs between machines)."""
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    lines = []
    for tag in sorted(p for p in folder.iterdir() if p.is_file()):
        if not tag.name.startswith("tagmanifest-"):
            lines.append(f"{hashlib.sha256(tag.read_bytes()).hexdigest()} {tag.name}\n")
    (folder / "tagmanifest-sha256.txt").write_text("".join(lines), encoding="utf-8")


def _tar_members(folder: Path, top: str) -> Iterator[tuple[str, Path]]:
    yield top, folder
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        here = Path(base)
        entries = sorted([*dirs, *names])
        for name in entries:
            path = here / name
            yield f"{top}/{path.relative_to(folder).as_posix()}", path


def write_tar(folder: Path, target: Path, top: str, mtime: int) -> None:
    """A tar anyone can unpack to the same bytes: pax, sorted, root-owned, one date."""
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in sorted(_tar_members(folder, top)):
            info = tarfile.TarInfo(name)
            info.mtime = mtime
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if path.is_dir():
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
                continue
            info.mode = 0o644
            info.size = path.stat().st_size
            with path.open("rb") as stream:
                tar.addfile(info, stream)


def write_bag_tar(context: ExportContext, target: Path) -> str:
    """Write the bag as one tar whose top folder is named for the site."""
    with tempfile.TemporaryDirectory(prefix=".bag-", dir=target.parent) as staging:
        folder = Path(staging) / "bag"
        folder.mkdir()
        count = make_bag(context, folder, link=True)
        write_tar(folder, target, context.slug, int(context.timestamp.timestamp()))
    return f"BagIt 1.0, {count} files, SHA-256 manifests"


def write_bag_folder(
    context: ExportContext, args: argparse.Namespace, out: TextIO | None = None
) -> int:
    """`--out FOLDER`: the bag made beside the folder and moved into place when complete."""
    stream = out or sys.stdout
    target: Path = args.out
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}: not empty (expected a new or empty folder for the bag)", file=stream)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as staging:
            folder = Path(staging) / "bag"
            folder.mkdir()
            count = make_bag(context, folder)
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            if size > args.max_size:
                raise ExportError(
                    f"{target}: {human_size(size)} is over the limit of "
                    f"{human_size(args.max_size)} (expected a smaller edition, or --max-size "
                    "larger: see the README); nothing was written"
                )
            if target.exists():
                target.rmdir()
            folder.replace(target)
    except ExportError as error:
        print(f"{error}\narchive export bag: nothing was written.", file=stream)
        return 1
    except OSError as error:
        print(
            f"{target.parent}/: cannot write there: {error.strerror or error} (expected a "
            "folder you may write to: pass --out)\narchive export bag: nothing was written.",
            file=stream,
        )
        return 1
    print(
        f"archive export bag: wrote {target}/ ({human_size(size)}; BagIt 1.0, {count} files).",
        file=stream,
    )
    return 0
