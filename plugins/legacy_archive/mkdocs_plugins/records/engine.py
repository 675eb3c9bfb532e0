"""Everything the archive relies on inside the engine that is not its plugin API.

Rendering record pages outside the engine's page loop (see `rendering`) needs the
engine's own page functions, which are private, the name of its logger and the text of
one of its log lines. They are all here, and `unmet_expectations` checks each against the
engine that is installed: the archive then renders in the engine's own loop instead (slower,
never wrong), and a test fails on the upgrade that changed them, so it is noticed.
MkDocs 1.6 and ProperDocs 1.6 (which serves `mkdocs.*` from its own modules) both hold.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from mkdocs.commands import build as _engine
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

SKIPPED_NOTE = "Page skipped: '{src_uri}'. Generated empty output."
"""What the engine logs (at info level) for a page that renders to nothing."""
ENGINE_LOGGERS = ("mkdocs", "properdocs")
"""Loggers the engine logs to (ProperDocs logs as `mkdocs` or `properdocs`)."""
_READ_PARAMETERS = ("page", "config", "files")
_WRITE_PARAMETERS = ("page", "config", "doc_files", "nav", "env")
_NAV_PLACE = ("title", "parent", "previous_page", "next_page")
"""What a page holds of its place in the nav (`title` only when the nav names it)."""

P = TypeVar("P", bound=Page)


def read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and render a page's Markdown with every plugin event, as the engine does."""
    _engine._populate_page(page, config, files)


def write_page(
    page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Any, env: Any
) -> None:
    """Render a page through its theme template and write it, as the engine does."""
    _engine._build_page(page, config, doc_files, nav, env)


def page_in_place_of(kind: type[P], page: Page, config: MkDocsConfig) -> P:
    """A new page of `kind` for the same file, in the nav where `page` was."""
    twin = kind(None, page.file, config)  # the file now points at the twin
    place = vars(page)
    for name in _NAV_PLACE:
        if name in place:
            setattr(twin, name, place[name])
    return twin


@functools.cache
def unmet_expectations() -> tuple[str, ...]:
    """What the installed engine no longer provides of what this module relies on."""
    unmet = []
    for function, expected in (
        (getattr(_engine, "_populate_page", None), _READ_PARAMETERS),
        (getattr(_engine, "_build_page", None), _WRITE_PARAMETERS),
    ):
        if not callable(function):
            unmet.append("its page functions `_populate_page` and `_build_page` are gone")
            continue
        names = tuple(inspect.signature(function).parameters)[: len(expected)]
        if names != expected:
            unmet.append(f"`{function.__name__}` takes {names} (expected {expected})")
    try:
        source = inspect.getsource(_engine)
    except (OSError, TypeError):
        source = ""
    if SKIPPED_NOTE.split("{", 1)[0] not in source:
        unmet.append("it no longer logs pages that render to nothing as before")
    if _engine.log.name.split(".", 1)[0] not in ENGINE_LOGGERS:
        unmet.append(f"it logs as '{_engine.log.name}' (expected one of {ENGINE_LOGGERS})")
    page_init = tuple(inspect.signature(Page.__init__).parameters)
    if page_init[:4] != ("self", "title", "file", "config"):
        unmet.append(f"`Page` is made from {page_init[1:]} (expected title, file, config)")
    return tuple(unmet)


class _SkippedNotes(logging.Filter):
    """Drops the engine's note that a stand-in page rendered to nothing (it is meant to)."""

    def __init__(self, sources: set[str]) -> None:
        super().__init__()
        self.notes = {SKIPPED_NOTE.format(src_uri=source) for source in sources}

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.notes


@contextmanager
def quiet_stand_ins(sources: set[str]) -> Iterator[None]:
    """While active, the engine says nothing of the stand-ins it writes no file for."""
    notes = _SkippedNotes(sources)
    _engine.log.addFilter(notes)
    try:
        yield
    finally:
        _engine.log.removeFilter(notes)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.messages.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def captured_log() -> Iterator[list[tuple[str, int, str]]]:
    """While active, what the engine and its plugins log goes to a list (name, level,
    message) instead of its handlers, to be logged again by the engine's own process."""
    logger = logging.getLogger(_engine.log.name.split(".", 1)[0])
    capture = _Capture()
    handlers, propagate = list(logger.handlers), logger.propagate
    for handler in handlers:
        logger.removeHandler(handler)
    logger.addHandler(capture)
    logger.propagate = False
    try:
        yield capture.messages
    finally:
        logger.removeHandler(capture)
        for handler in handlers:
            logger.addHandler(handler)
        logger.propagate = propagate


class WarningCounter(logging.Handler):
    """Counts the engine's warnings during one build, to know if strict mode will fail."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def attach(self) -> None:
        self.count = 0
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).addHandler(self)

    def detach(self) -> None:
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).removeHandler(self)
