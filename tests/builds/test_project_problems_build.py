"""The build reports what the collections lack exactly as `archive check` does, all at once,
and stops before writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.builds import build
from support.project import COURSE, Project
from support.untemplated import add_collections, missing_template

pytestmark = pytest.mark.build


def test_a_strict_build_reports_every_missing_template_and_writes_nothing(
    project: Project, tmp_path: Path
) -> None:
    toolkits, guides = add_collections(project)
    project.write("courses/a.md", COURSE)
    site = tmp_path / "site"
    result = build(project.root, site)
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  archive: {missing_template(toolkits, 5, 'toolkits')}",
        f"WARNING -  archive: {missing_template(guides, 6, 'guides')}",
    ]
    assert "Traceback" not in result.stderr
    assert not site.exists(), "nothing was written"


def test_a_build_that_goes_on_shows_untemplated_records_with_the_base_page(
    project: Project, tmp_path: Path
) -> None:
    """Not strict: the missing template is reported once, and every other page is still built."""
    (project.root / "templates/courses.md.j2").unlink()
    project.write("courses/a.md", COURSE)
    site = tmp_path / "site"
    result = build(project.root, site, strict=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "templates/courses.md.j2 not found (expected a page template" in result.stderr
    page = (site / "courses/a/index.html").read_text(encoding="utf-8")
    assert 'class="archive-record"' in page
    assert (site / "index.html").is_file()
