"""Build the Pagefind search index over a built site.

Pagefind splits the index into small chunks that a browser fetches per query, so a first
search costs kilobytes where a whole-site lunr index costs megabytes. It runs the binary
shipped by the pinned `pagefind-bin` package: no network, no Node.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class SearchIndexFailure(Exception):
    """Pagefind could not index the site; the message says why in one line."""


@dataclass(frozen=True)
class IndexResult:
    pages: int
    """Pages Pagefind indexed (pages without `data-pagefind-body` are skipped)."""
    bundle: Path
    """Folder holding pagefind.js and the index chunks."""


def pagefind_command() -> list[str]:
    """How to run Pagefind: the binary from `pagefind-bin`, found through its module."""
    return [sys.executable, "-m", "pagefind_bin"]


def pagefind_arguments(site_dir: Path, output_subdir: str) -> list[str]:
    """The Pagefind command line that indexes `site_dir` into `site_dir/output_subdir`."""
    return [
        *pagefind_command(),
        "--site",
        str(site_dir),
        "--output-subdir",
        output_subdir,
        # The toc extension's "¶" permalinks would otherwise show up in titles and excerpts.
        "--exclude-selectors",
        ".headerlink",
    ]


def build_search_index(site_dir: Path, output_subdir: str = "pagefind") -> IndexResult:
    """Index every HTML page of `site_dir` into `site_dir/output_subdir`."""
    # Pagefind adds to an existing bundle; a stale one would ship unused chunks.
    shutil.rmtree(site_dir / output_subdir, ignore_errors=True)
    try:
        result = subprocess.run(
            pagefind_arguments(site_dir, output_subdir),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise SearchIndexFailure(f"could not run Pagefind: {error}") from None
    return result_of(site_dir, output_subdir, result.returncode, result.stdout + result.stderr)


def result_of(site_dir: Path, output_subdir: str, returncode: int, output: str) -> IndexResult:
    """What a finished Pagefind run produced, or why it failed."""
    if returncode != 0:
        detail = " ".join(output.split())[-500:]
        raise SearchIndexFailure(
            f"Pagefind failed with exit code {returncode}: {detail} (expected pagefind-bin from requirements.lock to be installed)"
        )
    match = re.search(r"Indexed (\d+) pages?", output)
    pages = int(match.group(1)) if match else 0
    return IndexResult(pages, site_dir / output_subdir)
