"""The engine internals the archive relies on (`records/engine.py`) are still there.

These fail on the engine upgrade that changes them: record pages would then be rendered
in the engine's own loop (slower at scale, never wrong), which is worth knowing at once.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from mkdocs.commands import build as engine_build

from legacy_archive.mkdocs_plugins.records import engine
from legacy_archive.mkdocs_plugins.records.rendering import EngineLoop, InProcess
from legacy_archive.mkdocs_plugins.records.strategy import choose_strategy
from legacy_archive.mkdocs_plugins.records.workers import MIN_RECORDS_FOR_WORKERS


@pytest.fixture
def fresh_check() -> Iterator[None]:
    engine.unmet_expectations.cache_clear()
    yield
    engine.unmet_expectations.cache_clear()


def test_mkdocs_provides_everything_the_archive_relies_on(fresh_check: None) -> None:
    assert engine.unmet_expectations() == ()


def test_properdocs_provides_everything_the_archive_relies_on() -> None:
    code = (
        "import properdocs.replacement\n"
        "from legacy_archive.mkdocs_plugins.records.engine import _engine, unmet_expectations\n"
        "assert _engine.__name__.startswith('properdocs'), _engine.__name__\n"
        "print(repr(unmet_expectations()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "()"


def test_a_changed_page_function_is_noticed(
    fresh_check: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def _build_page(page: object, config: object, nav: object) -> None: ...

    monkeypatch.setattr(engine_build, "_build_page", _build_page)
    unmet = engine.unmet_expectations()
    assert len(unmet) == 1
    assert "`_build_page` takes ('page', 'config', 'nav')" in unmet[0]


def test_a_removed_page_function_is_noticed(
    fresh_check: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(engine_build, "_populate_page")
    assert any("are gone" in text for text in engine.unmet_expectations())


def test_a_changed_engine_renders_in_its_own_loop(
    fresh_check: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = MIN_RECORDS_FOR_WORKERS * 5
    chosen = choose_strategy("build", 1, records, None)
    assert type(chosen) is InProcess
    monkeypatch.delattr(engine_build, "_build_page")
    engine.unmet_expectations.cache_clear()
    assert type(choose_strategy("build", 1, records, None)) is EngineLoop


def test_the_stand_ins_note_is_the_engines_text() -> None:
    note = engine.SKIPPED_NOTE.format(src_uri="courses/a.md")
    assert (
        engine._SkippedNotes({"courses/a.md"}).filter(
            engine_build.log.makeRecord("mkdocs", 20, __file__, 1, note, None, None)
        )
        is False
    )
    other = engine.SKIPPED_NOTE.format(src_uri="about.md")
    assert (
        engine._SkippedNotes({"courses/a.md"}).filter(
            engine_build.log.makeRecord("mkdocs", 20, __file__, 1, other, None, None)
        )
        is True
    )
