"""Build the Pagefind search index over a built site.

Pagefind splits the index into small chunks that a browser fetches per query, so a first
search costs kilobytes where a whole-site lunr index costs megabytes. It runs the binary
shipped by the pinned `pagefind-bin` package: no network, no Node. Afterwards it names the
Pagefind page of every record for the Find page (`write_search_ids`), which filters, counts
and sorts with its own browse data rather than Pagefind's filters and sort orders.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.emit.find_data import DATA_DIR, SEARCH_IDS, card_urls, search_ids

FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What Pagefind 1.5 writes before the JSON of each (gzipped) page fragment."""


class SearchIndexFailure(Exception):
    """Pagefind could not index the site; the message says why in one line."""


@dataclass(frozen=True)
class IndexResult:
    pages: int
    """Pages Pagefind indexed (pages without `data-pagefind-body` are skipped)."""
    bundle: Path
    """Folder holding pagefind.js and the index chunks."""
    linked: int = 0
    """Records whose Pagefind page id went into the Find page's `search-ids.json`."""


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
    bundle = site_dir / output_subdir
    return IndexResult(pages, bundle, write_search_ids(site_dir, bundle))


def page_ids(bundle: Path) -> dict[str, str]:
    """Site-relative URL (`courses/x/`) of every page Pagefind indexed, to its page id.

    The id is what a search result carries (`en_1a2b3c4`); the page's URL is in its
    fragment, which is all a result has until its data is loaded.
    """
    out: dict[str, str] = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        expected = f"a Pagefind 1.5 fragment: gzipped {FRAGMENT_SIGNATURE.decode()} and JSON"
        try:
            data = gzip.decompress(fragment.read_bytes())
            if not data.startswith(FRAGMENT_SIGNATURE):
                raise ValueError(f"it starts with {data[:12]!r}")
            url = json.loads(data[len(FRAGMENT_SIGNATURE) :]).get("url")
            if not isinstance(url, str):
                raise ValueError("it has no url")
        except (OSError, ValueError, AttributeError) as error:
            raise SearchIndexFailure(
                f"{fragment.name}: expected {expected} with a url, but {error}"
            ) from None
        out[url.lstrip("/")] = fragment.name.removesuffix(".pf_fragment")
    return out


def write_search_ids(site_dir: Path, bundle: Path, ids: dict[str, str] | None = None) -> int:
    """Write the Find page's `search-ids.json` beside its browse data, if the site has it.

    `ids` are the bundle's `page_ids`, when already known. Returns how many records got an
    id (0 when there is no browse data to link to).
    """
    data_dir = site_dir / DATA_DIR
    shards = sorted(data_dir.glob("cards-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    if not shards:
        return 0
    urls = card_urls(json.loads(shard.read_text(encoding="utf-8")) for shard in shards)
    ids = page_ids(bundle) if ids is None else ids
    (data_dir / SEARCH_IDS).write_text(search_ids(urls, ids), encoding="utf-8")
    return sum(url in ids for url in urls)
