"""What a build tells the editor, and when a build may replace the published site.

Problems are logged as warnings (so `--strict` fails on any), every one in one run, sorted
by file and line. A build into a staging folder is swapped in only if nothing failed it:
not an error, and in strict mode not a single warning from any plugin or the engine.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from legacy_archive.core.common.problems import summary_line
from legacy_archive.core.pipeline import LoadResult
from legacy_archive.core.publish.preflight import preflight_problems
from legacy_archive.core.publish.staging import Staging

from .engine import WarningCounter

log = get_plugin_logger("archive")


def report_problems(result: LoadResult, config: MkDocsConfig) -> None:
    """Log every problem of the loaded archive; in strict mode stop before anything is written."""
    problems = preflight_problems(result)
    for problem in problems:
        log.warning(str(problem))
    if not problems:
        return
    summary = summary_line(problems, result.archive.count(), result.files_read)
    if config.strict:
        raise PluginError(
            f"{summary} Build stopped before writing; the previous site is untouched."
        )
    log.warning(f"{summary} Records with problems are left out of this build.")


class Publication:
    """The build's output folder: staged beside the published site, swapped in at the end."""

    def __init__(self) -> None:
        self.staging: Staging | None = None
        self.warnings = WarningCounter()

    def begin(self, config: MkDocsConfig, staged: bool) -> None:
        """Point the engine at a staging folder (when `staged`) and start counting warnings."""
        self.staging = Staging(Path(config.site_dir)) if staged else None
        if self.staging is not None:
            config.site_dir = str(self.staging.begin())
        self.warnings.attach()

    def end(self, strict: bool) -> None:
        """Swap the staged site in, unless strict mode will fail the build."""
        self.warnings.detach()
        staging, self.staging = self.staging, None
        if staging is None:
            return
        if strict and self.warnings.count:
            staging.abandon()
            log.info("strict mode will fail this build: the previous site is left untouched")
            return
        staging.commit()

    def abandon(self) -> None:
        """The build failed: the published site stays as it was."""
        self.warnings.detach()
        staging, self.staging = self.staging, None
        if staging is not None:
            staging.abandon()
