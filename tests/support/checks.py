"""Helpers shared by tests that compare generated output with what is committed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from support.paths import REPO


def run_check(script: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `scripts/<script> --check`: exit 0 means the committed output is current."""
    return subprocess.run(
        [sys.executable, f"scripts/{script}", "--check"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def svg_shape(data: bytes) -> list[tuple[str, dict[str, str], str, str]]:
    """Every element of an SVG with its attributes, text and tail, in document order."""
    root = etree.fromstring(data, etree.XMLParser(remove_comments=True))
    return [
        (node.tag, dict(node.attrib), node.text or "", node.tail or "")
        for node in root.iter()
        if node is not root
    ] + [(root.tag, dict(root.attrib), root.text or "", "")]
