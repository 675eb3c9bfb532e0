"""Keep a preview's search index fresh without making the editor wait for it.

Pagefind indexes the whole site every time (seconds at 1,000 records). In a live preview
an edited record should show at once, so each rebuild puts the last complete bundle in
place, the page reloads, and Pagefind re-indexes in the background; the new bundle is
swapped in only when it is complete. A newer rebuild stops an older run first, so an
out-of-date bundle never replaces a newer one and nothing reads a half-cleaned site.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from legacy_archive.core.publish.search_index import (
    SearchIndexFailure,
    build_search_index,
    page_ids,
    pagefind_arguments,
    result_of,
    write_search_ids,
)

Report = Callable[[int, str], None]
"""Where to say how a background run went: a logging level and a message."""


class BackgroundIndexer:
    """One preview's search index: the last complete bundle, and at most one run."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.kept = Path(tempfile.mkdtemp(prefix="archive-search-")) / "bundle"
        self.lock = threading.Lock()
        self.generation = 0
        self.process: subprocess.Popen[str] | None = None
        self.thread: threading.Thread | None = None
        self.kept_ids: dict[str, str] = {}
        """Site URL -> Pagefind page id of the kept bundle."""

    def _keep(self, bundle: Path) -> None:
        shutil.rmtree(self.kept, ignore_errors=True)
        shutil.copytree(bundle, self.kept)
        self.kept_ids = page_ids(self.kept)

    def stop(self) -> None:
        """A rebuild is starting: end any run, whose result would be out of date."""
        with self.lock:
            self.generation += 1
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
        if self.thread is not None:
            self.thread.join(timeout=30)
            self.thread = None

    def close(self) -> None:
        """The preview is over: stop any run and drop the kept bundle."""
        self.stop()
        shutil.rmtree(self.kept.parent, ignore_errors=True)

    def index(self, site_dir: Path, output_subdir: str) -> None:
        """Give the new site a search index: the last one now and a fresh one soon, or
        (the first time) a fresh one before returning."""
        live = site_dir / output_subdir
        if not self.kept.exists():
            build_search_index(site_dir, output_subdir)
            self._keep(live)
            return
        shutil.copytree(self.kept, live, dirs_exist_ok=True, copy_function=_link_or_copy)
        # The Find page's link from records to the kept bundle's pages, for this build's cards.
        write_search_ids(site_dir, live, self.kept_ids)
        generation = self.generation
        self.thread = threading.Thread(
            target=self._refresh, args=(site_dir, output_subdir, generation), daemon=True
        )
        self.thread.start()

    def _refresh(self, site_dir: Path, output_subdir: str, generation: int) -> None:
        staged = f"{output_subdir}.next"
        shutil.rmtree(site_dir / staged, ignore_errors=True)
        with self.lock:
            if generation != self.generation:
                return
            try:
                self.process = subprocess.Popen(
                    _low_priority(pagefind_arguments(site_dir, staged)),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
            except OSError as error:
                self.report(logging.WARNING, f"could not run Pagefind: {error}")
                return
        output, _ = self.process.communicate()
        with self.lock:
            if generation != self.generation:
                return
            try:
                result = result_of(site_dir, staged, self.process.returncode, output)
            except SearchIndexFailure as error:
                self.report(logging.WARNING, f"search index not refreshed: {error}")
                return
            self._keep(result.bundle)
            live, retired = site_dir / output_subdir, site_dir / f"{output_subdir}.old"
            if live.exists():
                live.rename(retired)
            result.bundle.rename(live)
            shutil.rmtree(retired, ignore_errors=True)
        self.report(logging.INFO, f"search index refreshed ({result.pages} pages)")


def _low_priority(command: list[str]) -> list[str]:
    """Run under `nice` where there is one, so the next rebuild gets the CPU first."""
    nice = shutil.which("nice")
    return [nice, "-n", "10", *command] if nice else command


def _link_or_copy(source: str, target: str) -> None:
    """Bundles are written whole and never changed in place, so links are safe to share."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
