"""Build into a staging folder and swap it in only when the build succeeded.

MkDocs cleans `site_dir` before writing; if the build then fails (strict-mode warnings, a
crash), readers would be left with a half-written site. Staging keeps the last good site
in place until a complete new one exists.

Each build stages in a folder of its own (`site.building-<random>`), and the swap happens
under a lock on `site.lock`: two builds into one folder at once (a preview and a deploy
script, two CI jobs on one runner) each write a whole site, and the one that finishes
last is published, never a mix of the two or a site whose search index the other build
deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

try:
    import fcntl
except ImportError:  # Windows: an exclusive lock file instead
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_SECONDS = 600.0
"""How long a build waits for another to finish its swap (a swap takes milliseconds)."""


T = TypeVar("T")


class StagingLocked(Exception):
    """Another build held the lock for longer than `LOCK_WAIT_SECONDS`."""


@dataclass
class Staging:
    """A build's output folder beside the real one (`site` -> `site.building-x1y2`)."""

    target: Path
    folder: Path = field(init=False)

    def __post_init__(self) -> None:
        self.folder = self.target.with_name(self.target.name + ".building")

    @property
    def lock_file(self) -> Path:
        return self.target.with_name(self.target.name + ".lock")

    def begin(self) -> Path:
        """Make this build's own empty staging folder and return it."""
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(
            tempfile.mkdtemp(prefix=self.target.name + ".building-", dir=self.target.parent)
        )
        return self.folder

    def commit(self) -> None:
        """Replace the published folder with the staged one, under the lock."""
        with self._locked():
            retired = Path(
                tempfile.mkdtemp(prefix=self.target.name + ".previous-", dir=self.target.parent)
            )
            if self.target.exists():
                self.target.replace(retired / "site")
            self.folder.rename(self.target)
        shutil.rmtree(retired, ignore_errors=True)

    def abandon(self) -> None:
        """Drop a failed build; the published folder was never touched."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def _retry(self, attempt: Callable[[], T], busy: type[OSError], deadline: float) -> T:
        """`attempt` until it no longer raises `busy` (another build holds the lock), or
        StagingLocked once `deadline` has passed."""
        while True:
            try:
                return attempt()
            except busy:
                if time.monotonic() > deadline:
                    raise StagingLocked(str(self.lock_file)) from None
                time.sleep(0.05)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        if fcntl is not None:
            with self.lock_file.open("a") as handle:
                self._retry(
                    lambda: fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB),
                    BlockingIOError,
                    deadline,
                )
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
            return
        descriptor = self._retry(
            lambda: os.open(self.lock_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY),
            FileExistsError,
            deadline,
        )
        try:
            yield
        finally:
            os.close(descriptor)
            self.lock_file.unlink(missing_ok=True)
