"""`archive new <collection> "<Title>"`: start a record from its collection's scaffold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from legacy_archive.core.cli.options import add_config_option
from legacy_archive.core.common.problems import one_of
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.editors.scaffold import record_text, unique_slug
from legacy_archive.core.load.vocabulary import load_registry
from legacy_archive.core.validate.schema.fields import collection_fields
from legacy_archive.core.validate.schema.load import load_schemas


def register(commands: Any) -> None:
    """Add the `new` subcommand to the `archive` parser."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "new", help="create a record with every field of its collection, ready to fill in"
    )
    parser.add_argument("collection", help="the collection, like interviews")
    parser.add_argument("title", help='the record\'s title, in quotes: "Sound designer at ..."')
    add_config_option(parser)
    parser.add_argument(
        "--folder",
        action="store_true",
        help="create <slug>/index.md, so attachments (images, PDFs) can sit beside it",
    )


def run(args: argparse.Namespace, settings: ProjectSettings, out: TextIO | None = None) -> int:
    """Write the new record and say where it is; exit 2 for an unknown collection."""
    out = out or sys.stdout
    specs = {spec.name: spec for spec in settings.collections}
    spec = specs.get(args.collection)
    if spec is None:
        print(
            f"archive new: unknown collection '{args.collection}' (expected {one_of(list(specs))})",
            file=out,
        )
        return 2
    title = " ".join(str(args.title).split())
    if not title:
        print("archive new: the title is empty (expected a title in quotes)", file=out)
        return 2
    root = settings.root
    registry, _ = load_registry(settings.data_file, root / settings.data_file, root)
    schemas, _ = load_schemas(root / settings.schemas_dir)
    fields = collection_fields(schemas, spec.schema, spec.name, spec.singular)
    folder = root / spec.directory
    folder.mkdir(parents=True, exist_ok=True)
    slug = unique_slug(title, folder)
    target = folder / slug / "index.md" if args.folder else folder / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(record_text(fields, registry, title), encoding="utf-8")
    rel = Path(spec.directory, *target.relative_to(folder).parts).as_posix()
    print(f"created {rel}: fill in the empty values, then run `archive check`", file=out)
    return 0
