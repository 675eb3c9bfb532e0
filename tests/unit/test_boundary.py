"""The core is engine-free: no module under core/ imports MkDocs, ProperDocs or Material."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support.paths import CORE


@pytest.mark.parametrize(
    "module", sorted(CORE.rglob("*.py")), ids=lambda p: p.relative_to(CORE).as_posix()
)
def test_core_imports_nothing_from_mkdocs(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [
        name for name in imported if name.split(".")[0] in ("mkdocs", "properdocs", "material")
    ]
