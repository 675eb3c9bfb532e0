"""The demo archive's own content checks: what its records, settings and README promise.

The engine's tests use fixture archives (`tests/fixtures/`) and pass whatever content sits
at the top of the repository; these are the only fast tests that read the demo's records,
so an archive that replaces the demo replaces this file too.
"""

from __future__ import annotations

import frontmatter

from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.load.svgsafe import sanitise_svg
from legacy_archive.core.pipeline import LoadResult, load_archive
from legacy_archive.core.validate.body import check_body
from support.checks import run_check, svg_shape
from support.paths import REPO

DEMO_RECORDS = {"courses": 7, "briefs": 7, "interviews": 11, "events": 6}
"""The demo's sample of the programme's resources (each a file or a folder's index.md)."""


def demo_archive() -> LoadResult:
    settings, errors = read_settings(REPO / "mkdocs.yml")
    assert settings is not None and not errors, errors
    return load_archive(settings)


def test_the_demo_loads_with_no_problems_and_every_record() -> None:
    loaded = demo_archive()
    assert [str(p) for p in loaded.problems] == []
    counts = {name: len(c.records) for name, c in loaded.archive.collections.items()}
    assert counts == DEMO_RECORDS


def test_every_demo_body_passes_the_body_check() -> None:
    paths = sorted(
        p
        for name in ("courses", "briefs", "interviews", "events")
        for p in (REPO / name).rglob("*.md")
    )
    assert len(paths) == sum(DEMO_RECORDS.values())
    for path in paths:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        assert [str(p) for p in check_body(str(path), post.content, 1)] == [], path


def test_every_demo_svg_is_published_as_it_was_drawn() -> None:
    svgs = sorted(REPO.glob("*/*/*.svg"))
    assert svgs, "the demo has SVG attachments"
    for path in svgs:
        raw = path.read_bytes()
        result = sanitise_svg(raw)
        assert result.findings == [], path
        assert result.data is not None and svg_shape(result.data) == svg_shape(raw), path


def test_the_demo_declares_the_facets_it_always_had() -> None:
    archive = demo_archive().archive
    assert [(f.key, f.label, f.browse, f.related_weight) for f in archive.facets] == [
        ("collection", "Type", "", 0.0),
        ("audience", "Audience", "audiences", 1.0),
        ("subject", "Subject", "subjects", 3.0),
        ("format", "Format", "", 0.0),
        ("key_stage", "Key stage", "", 0.0),
        ("sector", "Sector", "", 0.0),
        ("partner", "Partner", "partners", 3.0),
        ("year", "Year", "", 0.0),
    ]


def test_field_reference_is_up_to_date() -> None:
    """README and the Contribute page document every field; regenerate with scripts/field_reference.py."""
    result = run_check("field_reference.py")
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for field in (
        "`summary`",
        "`available_until`",
        "`key_stages`",
        "`video.transcript`",
        "`recording`",
        "`modules[].title`",
    ):
        assert field in readme
