"""Refactoring changes no output: the fixture archive and a 200-record synthetic archive build
byte for byte as the goldens in tests/golden/ record (Pagefind's unstable files aside).

A change that means to alter the output regenerates them with
`python scripts/site_digest.py --update` and the diff shows every page it touched.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from site_digest import GOLDEN, built_digests

pytestmark = pytest.mark.build


def test_fixture_and_synthetic_sites_build_as_the_goldens_record(tmp_path: Path) -> None:
    for name, text in built_digests(tmp_path).items():
        golden = (GOLDEN / name).read_text(encoding="utf-8")
        changed = [
            line
            for line in difflib.unified_diff(
                golden.splitlines(), text.splitlines(), lineterm="", n=0
            )
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        assert not changed, f"{name}: {len(changed)} lines differ:\n" + "\n".join(changed[:40])
