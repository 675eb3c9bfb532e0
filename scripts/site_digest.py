"""A built site as one line per file (sha256 and path), to prove a change alters no output.

Pagefind's filter files, and the entry and meta files that name them by hash, differ from
run to run for the same input (its filter chunks are written in an unstable order), so they
are listed by kind instead of by content. Everything else must match byte for byte.

    python scripts/site_digest.py SITE_DIR            # print the digest
    python scripts/site_digest.py --update            # rebuild the goldens in tests/golden/
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from generate_archive import REPO, generate

GOLDEN = REPO / "tests" / "golden"
SYNTHETIC_RECORDS = 200
UNSTABLE = re.compile(
    r"^pagefind/(filter/[^/]+\.pf_filter|pagefind-entry\.json|pagefind\.[^/]+\.pf_meta)$"
)
"""Pagefind output whose bytes vary between identical runs (see the module docstring)."""


def digest(site: Path) -> str:
    """Every file of `site`, sorted by path: `sha256  path`, or `unstable  kind` for Pagefind's."""
    lines: set[str] = set()
    stable: list[str] = []
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        name = file.relative_to(site).as_posix()
        match = UNSTABLE.match(name)
        if match:
            lines.add("unstable  pagefind/" + re.sub(r"[^/]+\.(pf_\w+)$", r"*.\1", match.group(1)))
        else:
            stable.append(f"{hashlib.sha256(file.read_bytes()).hexdigest()}  {name}")
    return "\n".join([*stable, *sorted(lines)]) + "\n"


def build(project: Path, site: Path) -> None:
    """A strict build of `project` into `site` with this Python's MkDocs."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run(command, cwd=project, check=True, env=env)


def built_digests(work: Path) -> dict[str, str]:
    """Digests of the fixture archive (the demo, frozen) and of a synthetic one, built into `work`."""
    build(REPO / "tests" / "fixtures" / "learning", work / "learning-site")
    synthetic = generate(work / "synthetic", SYNTHETIC_RECORDS)
    build(synthetic, work / "synthetic-site")
    return {
        "learning.sha256": digest(work / "learning-site"),
        f"synthetic-{SYNTHETIC_RECORDS}.sha256": digest(work / "synthetic-site"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site to digest")
    parser.add_argument("--update", action="store_true", help="rewrite tests/golden/")
    args = parser.parse_args()
    if args.site:
        sys.stdout.write(digest(args.site))
        return
    if not args.update:
        parser.error("give a SITE_DIR or --update")
    with tempfile.TemporaryDirectory() as work:
        for name, text in built_digests(Path(work)).items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
            print(f"wrote tests/golden/{name} ({text.count(chr(10))} files)")


if __name__ == "__main__":
    main()
