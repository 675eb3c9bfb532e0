"""What the emitter hands the engine: page sources and the files copied beside them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper when PyYAML has it: the pure-Python one costs ~5 ms a page."""


@dataclass(frozen=True)
class PageSource:
    """A page for the engine to render: where it lives, and its Markdown source."""

    src_uri: str
    content: str
    in_nav: bool = False
    """True for generated pages that `mkdocs.yml`'s nav may list (the Find page)."""
    blocks: tuple[str, ...] = ()
    """HTML blocks set aside from `content` (see `htmlblocks`), for the adapter to put back."""


@dataclass(frozen=True)
class Attachment:
    """A file copied from a record's folder to the site beside the record page."""

    src_uri: str
    abs_path: Path
    content: bytes | None = None
    """What to publish instead of the file itself (a cleaned SVG), if anything."""


def front_matter(meta: dict[str, Any]) -> str:
    """A page's YAML front matter block (title, description, search and theme options)."""
    return (
        "---\n"
        + yaml.dump(meta, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
        + "---\n\n"
    )
