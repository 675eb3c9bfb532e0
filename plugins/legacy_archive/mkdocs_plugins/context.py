"""What the `archive` plugin knows of the build in progress, for the other archive plugins.

The `archive` plugin makes a new `BuildContext` in each on_config and fills it as the build
goes (settings, then the archive); the other plugins ask `build_context` for it, which is
the only way any plugin reaches another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig

from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.speed.timings import StageTimer

ARCHIVE_PLUGIN = "archive"


@dataclass
class BuildContext:
    """One build's shared state; a new one for every build, so `serve` rebuilds start clean."""

    command: str
    """The engine's command: `build`, `gh-deploy`, `serve`, or `dirty` for `--dirty`."""
    settings: ProjectSettings
    timer: StageTimer = field(default_factory=StageTimer)
    """Stage timings of this build; every archive plugin adds its stages here."""
    archive: Archive | None = None
    """The loaded and checked records, from on_pre_build on."""

    @property
    def serving(self) -> bool:
        return self.command == "serve"


def build_context(config: MkDocsConfig) -> BuildContext | None:
    """This build's context, or None when the `archive` plugin is off or not listed."""
    context = getattr(config.plugins.get(ARCHIVE_PLUGIN), "context", None)
    return context if isinstance(context, BuildContext) else None
