"""GitHub tooling the tests share."""

from __future__ import annotations

import shutil

from support.paths import REPO


def actionlint() -> str:
    """The pinned actionlint binary (from requirements.lock, in .venv/bin)."""
    found = shutil.which("actionlint", path=str(REPO / ".venv/bin"))
    found = found or shutil.which("actionlint")
    assert found, "actionlint is pinned in requirements.lock: run `make setup`"
    return found
