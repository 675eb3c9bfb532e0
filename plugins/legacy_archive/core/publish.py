"""Build into a staging folder and swap it in only when the build succeeded.

MkDocs cleans `site_dir` before writing; if the build then fails (strict-mode warnings, a
crash), readers would be left with a half-written site. Staging keeps the last good site
in place until a complete new one exists.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Staging:
    """A build's output folder beside the real one (`site` -> `site.building`)."""

    target: Path

    @property
    def folder(self) -> Path:
        return self.target.with_name(self.target.name + ".building")

    @property
    def retired(self) -> Path:
        return self.target.with_name(self.target.name + ".previous")

    def begin(self) -> Path:
        """Start with an empty staging folder and return it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        return self.folder

    def commit(self) -> None:
        """Replace the published folder with the staged one in two renames."""
        shutil.rmtree(self.retired, ignore_errors=True)
        if self.target.exists():
            self.target.rename(self.retired)
        self.folder.rename(self.target)
        shutil.rmtree(self.retired, ignore_errors=True)

    def abandon(self) -> None:
        """Drop a failed build; the published folder was never touched."""
        shutil.rmtree(self.folder, ignore_errors=True)
