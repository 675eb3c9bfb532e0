"""What an earlier import of the same source wrote, so a second run changes nothing and a
record edited by hand since is never overwritten without `--force`.

The state is a JSON file per source in `.archive-import/`: for every source item, the
record it became and the SHA-256 of every file written for it, and which old URL each
downloaded file came from (so a re-run need not fetch it again). Every write, state
included, goes to a temporary file in the same folder and is renamed into place, so an
interrupted run leaves each file either as it was or complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_DIR = ".archive-import"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            digest = hashlib.sha256()
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None


def source_id(kind: str, name: str, site_url: str) -> str:
    """A file name for the state of one source: its kind and its site (or file name)."""
    basis = site_url or Path(name).name
    words = re.findall(r"[a-z0-9]+", re.sub(r"^[a-z]+://", "", basis.lower()))
    return f"{kind}-{'-'.join(words)[:80] or 'source'}"


@dataclass
class ItemState:
    record: str
    """The record file's path relative to the archive (`events/showcase/index.md`)."""
    files: dict[str, str] = field(default_factory=dict)
    """Archive-relative path → SHA-256 of what the import wrote there."""
    downloads: dict[str, str] = field(default_factory=dict)
    """Old URL → archive-relative path of the file downloaded from it."""


@dataclass
class ImportState:
    path: Path
    items: dict[str, ItemState] = field(default_factory=dict)

    def owner_of(self, rel: str) -> str:
        """The key of the item whose import wrote `rel`, or ""."""
        return next((key for key, item in self.items.items() if rel in item.files), "")

    def to_json(self, kind: str, name: str) -> str:
        data: dict[str, Any] = {
            "source": {"kind": kind, "name": name},
            "items": {
                key: {
                    "record": item.record,
                    "files": dict(sorted(item.files.items())),
                    "downloads": dict(sorted(item.downloads.items())),
                }
                for key, item in sorted(self.items.items())
            },
        }
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def read_state(path: Path) -> tuple[ImportState, str]:
    """The state of an earlier run, or an empty one; a message when the file is unreadable."""
    state = ImportState(path)
    if not path.is_file():
        return state, ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, raw in data.get("items", {}).items():
            state.items[str(key)] = ItemState(
                str(raw["record"]),
                {str(k): str(v) for k, v in raw.get("files", {}).items()},
                {str(k): str(v) for k, v in raw.get("downloads", {}).items()},
            )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        return ImportState(path), (
            f"{path.name}:1: file: the import state cannot be read: {error} (expected the JSON "
            "an earlier import wrote; delete it to start over, with --force to overwrite)"
        )
    return state, ""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
