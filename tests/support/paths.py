"""Where the project is: every test finds the repository from here, not from its own file."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "plugins" / "legacy_archive" / "core"
GOLDEN = REPO / "tests" / "golden"
FIXTURES = REPO / "tests" / "fixtures"
"""Small archives unlike the demo, each a whole project that builds as it is."""
LEARNING = FIXTURES / "learning"
"""The archive most engine tests break and build: courses, briefs, interviews and events with
the vocabularies their messages name (frozen, so the demo's content can change freely)."""
SITE = LEARNING
"""The archive the build, crawl and browser tests build and open: the fixture with records of
its own (frozen from the demo), so those tests pass whatever archive sits at the top."""
