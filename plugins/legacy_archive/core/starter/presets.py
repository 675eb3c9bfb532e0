"""Collection presets: a schema, a page template and the vocabularies they use, shipped as files.

A preset is data, not code: `starter_files/presets/<name>/` holds `collection.yml` (title,
singular, card facts, description), `schema.json`, `template.md.j2` and, when its fields
name vocabularies, `vocabularies.yml` with starter terms to edit. `blank` has only the
fields every record has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STARTER_FILES = Path(__file__).resolve().parent.parent.parent / "starter_files"
PRESETS_DIR = STARTER_FILES / "presets"
BLANK = "blank"


@dataclass(frozen=True)
class Preset:
    """What a new collection starts from."""

    name: str
    collection: dict[str, Any]
    """Options under `collections:` in `mkdocs.yml`, without `name`."""
    schema: dict[str, Any]
    template: str
    vocabularies: dict[str, Any]


def preset_names() -> list[str]:
    """Every preset shipped with the engine, `blank` last."""
    names = sorted(p.name for p in PRESETS_DIR.iterdir() if (p / "schema.json").is_file())
    return [n for n in names if n != BLANK] + [BLANK]


def read_preset(name: str) -> Preset:
    """One preset, as shipped (the caller names the collection)."""
    folder = PRESETS_DIR / name
    vocabularies = folder / "vocabularies.yml"
    return Preset(
        name=name,
        collection=yaml.safe_load((folder / "collection.yml").read_text(encoding="utf-8")),
        schema=json.loads((folder / "schema.json").read_text(encoding="utf-8")),
        template=(folder / "template.md.j2").read_text(encoding="utf-8"),
        vocabularies=(
            yaml.safe_load(vocabularies.read_text(encoding="utf-8"))
            if vocabularies.is_file()
            else {}
        ),
    )


def titled(name: str) -> tuple[str, str]:
    """A plural title and a singular for a collection named only by its slug (`case-notes`)."""
    words = name.replace("-", " ").strip()
    title = words[:1].upper() + words[1:]
    singular = title[:-1] if title.endswith("s") and not title.endswith("ss") else title
    return title, singular
