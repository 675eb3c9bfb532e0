"""Record pages of the previous `mkdocs serve` build, reused while their inputs hold.

A page's output depends on its generated source (record, related records, vocabulary
labels: all in the emitted Markdown and HTML blocks) and on what every page shares
(mkdocs.yml, theme files, the nav, the set of pages). Both go into its fingerprint.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from legacy_archive.core.emit.record_page_memo import PageMemo
from legacy_archive.core.pipeline import LoadMemo
from legacy_archive.core.speed.digests import files_digest, text_digest

from .rendering import InProcess, PageResult, RenderJob, ShareResult, render_pages


class ServeCache:
    """Rendered record pages by source, each with the fingerprint it was made under.

    It outlives one build (the plugin keeps it across rebuilds) and lives in a temporary
    folder of its own, removed when the server stops."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="archive-serve-"))
        self.entries: dict[str, tuple[str, PageResult]] = {}

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.entries.clear()

    def path(self, src_uri: str) -> Path:
        return self.folder / (text_digest(src_uri) + ".html")

    def get(self, src_uri: str, fingerprint: str) -> PageResult | None:
        entry = self.entries.get(src_uri)
        if entry is None or entry[0] != fingerprint or not self.path(src_uri).exists():
            return None
        return entry[1]

    def put(self, src_uri: str, fingerprint: str, result: PageResult, output: Path) -> None:
        if output.exists():
            self.path(src_uri).unlink(missing_ok=True)
            link_or_copy(output, self.path(src_uri))
            self.entries[src_uri] = (fingerprint, result)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows it: the engine never rewrites a page in
    place (each build starts from a cleaned folder), so the cached copy stays intact."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def page_inputs(src_uri: str, markdown: str, blocks: tuple[str, ...]) -> str:
    """A digest of a record page's own source: its Markdown and its set-aside HTML."""
    return text_digest(src_uri, markdown, *blocks)


def site_inputs(config: MkDocsConfig, nav: Any, files: Files) -> str:
    """A digest of what every page's output depends on besides its own source."""
    project = Path(config.config_file_path).resolve().parent
    # The project's theme overrides; installed themes do not change under a running server.
    theme_files = [
        path
        for folder in config.theme.dirs
        if Path(folder).resolve().is_relative_to(project)
        for path in sorted(Path(folder).rglob("*"))
    ]
    nav_pages = [f"{page.title}\0{page.url}" for page in getattr(nav, "pages", [])]
    return files_digest(
        [Path(config.config_file_path), *theme_files],
        repr((config.site_url, sorted(config.extra.items(), key=str))),
        *nav_pages,
        *(file.src_uri for file in files.documentation_pages()),
    )


def with_site_inputs(
    own: dict[str, str], config: MkDocsConfig, nav: Any, files: Files
) -> dict[str, str]:
    """Each page's fingerprint: its own inputs and what every page shares."""
    shared = site_inputs(config, nav, files)
    return {src_uri: text_digest(shared, digest) for src_uri, digest in own.items()}


class PreviewMemos:
    """What one `mkdocs serve` build keeps for the next, each cache named for what it holds.

    Made when the server starts and closed when it stops; a build never reads another
    project's memos, and `mkdocs build` has none."""

    def __init__(self) -> None:
        self.parsed_records = LoadMemo()
        """Record files parsed and checked, while their bytes and their inputs hold."""
        self.page_sources = PageMemo()
        """Record pages' Markdown, while their record and related records hold."""
        self._rendered: ServeCache | None = None

    def rendered_pages(self) -> ServeCache:
        """Record pages' HTML, while their source and the site's shared inputs hold."""
        if self._rendered is None:
            self._rendered = ServeCache()
        return self._rendered

    def close(self) -> None:
        if self._rendered is not None:
            self._rendered.close()
            self._rendered = None


class ServeReuse(InProcess):
    """Record pages are rendered here, or copied from the previous `mkdocs serve` build."""

    emits_late = False
    serving = True

    def __init__(self, cache: ServeCache) -> None:
        super().__init__()
        self.cache = cache
        self.inputs: dict[str, str] = {}

    def start(self, job: RenderJob, blocks: dict[str, tuple[str, ...]]) -> None:
        super().start(job, blocks)
        for file in self.deferred:
            self.inputs[file.src_uri] = page_inputs(
                file.src_uri, file.content_string, blocks.get(file.src_uri, ())
            )

    def render(self, job: RenderJob) -> list[ShareResult]:
        fingerprints = with_site_inputs(self.inputs, job.config, job.nav, job.files)
        reused = ShareResult()
        stale: list[File] = []
        for file in self.deferred:
            cached = self.cache.get(file.src_uri, fingerprints[file.src_uri])
            if cached is None:
                stale.append(file)
                continue
            output = Path(file.abs_dest_path)
            output.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(self.cache.path(file.src_uri), output)
            reused.pages.append(cached)
        rendered = render_pages(job, stale)
        if not rendered.error:
            for result, file in zip(rendered.pages, stale, strict=False):
                self.cache.put(
                    file.src_uri, fingerprints[file.src_uri], result, Path(file.abs_dest_path)
                )
        return [rendered, reused]
