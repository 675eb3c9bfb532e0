"""Record pages rendered outside the engine's page loop (`records/rendering.py`): by worker
processes in `mkdocs build`, and from the previous build's pages under `mkdocs serve`.
Either way the site must be exactly what the engine's own loop makes, and every warning
must still reach the editor and fail a strict build."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generate_archive import generate, synthetic_records
from legacy_archive.mkdocs_plugins.records.workers import MIN_RECORDS_FOR_WORKERS, runs
from legacy_archive.mkdocs_plugins.theme import THEME_DIR
from support.paths import SITE

pytestmark = pytest.mark.build
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
IGNORE = shutil.ignore_patterns(
    ".venv", "site", "site.*", ".git", "node_modules", "__pycache__", ".*_cache"
)
RECORD = "courses/3d-animations.md"
UNTOUCHED_SOURCE = "events/careers-in-games-panel/index.md"
RELATED_TO_IT = "interviews"
"""A collection whose pages list the course among their related resources."""


def project(tmp_path: Path, workers: int, search: bool = False) -> Path:
    """A copy of the demo with `render_workers` set (and search off unless asked for)."""
    root = tmp_path / f"demo-{workers}"
    shutil.copytree(SITE, root, ignore=IGNORE)
    configure(root, workers, search)
    return root


def configure(root: Path, workers: int, search: bool = False) -> None:
    """Set `render_workers` in a project's mkdocs.yml (and turn search off unless asked)."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - archive:\n" in text and "  - archive-search\n" in text
    text = text.replace("  - archive:\n", f"  - archive:\n      render_workers: {workers}\n", 1)
    if not search:
        text = text.replace("  - archive-search\n", "  - archive-search:\n      enabled: false\n")
    config.write_text(text, "utf-8")


def build(root: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    command += ["--strict"] if strict else []
    return subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=root, check=False)


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def add_to_body(root: Path, text: str) -> None:
    file = root / RECORD
    file.write_text(file.read_text("utf-8") + f"\n{text}\n", "utf-8")


def test_workers_write_the_same_site_as_the_engine_loop(tmp_path: Path) -> None:
    sites = {}
    for workers in (1, 3):
        root = project(tmp_path, workers)
        result = build(root)
        assert result.returncode == 0, result.stderr
        sites[workers] = files_of(root / "site")
    assert sorted(sites[1]) == sorted(sites[3])
    assert len([name for name in sites[1] if name.endswith("index.html")]) > 60
    assert [name for name in sites[1] if sites[1][name] != sites[3][name]] == []


def test_a_big_archive_built_in_one_process_is_the_same_site(tmp_path: Path) -> None:
    """From MIN_RECORDS_FOR_WORKERS records, `render_workers: 1` renders record pages itself
    (letting go of each once written) rather than in the engine's loop: same site."""
    sites = {}
    for workers in (1, 2):
        root = generate(tmp_path / f"archive-{workers}", MIN_RECORDS_FOR_WORKERS)
        configure(root, workers)
        result = build(root, strict=False)  # its About page links to the demo's records
        assert result.returncode == 0, result.stderr
        sites[workers] = files_of(root / "site")
    records = list(synthetic_records(MIN_RECORDS_FOR_WORKERS))
    assert all(f"{r.collection}/{r.slug}/index.html" in sites[1] for r in records)
    assert sorted(sites[1]) == sorted(sites[2])
    assert [name for name in sites[1] if sites[1][name] != sites[2][name]] == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_broken_link_in_a_record_body_fails_a_strict_build(tmp_path: Path, workers: int) -> None:
    root = project(tmp_path, workers)
    assert build(root).returncode == 0
    before = (root / "site/courses/3d-animations/index.html").read_bytes()
    add_to_body(root, "See [the missing page](../missing-page.md).")
    result = build(root)
    assert result.returncode != 0
    assert "contains a link '../missing-page.md'" in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (root / "site/courses/3d-animations/index.html").read_bytes() == before


@pytest.mark.parametrize("workers", [1, 2])
def test_anchors_in_record_pages_are_checked_across_processes(tmp_path: Path, workers: int) -> None:
    root = project(tmp_path, workers)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nvalidation:\n  anchors: warn\n", "utf-8")
    about = root / "content/about.md"
    original = about.read_text("utf-8")
    heading = "## A heading to link to"
    add_to_body(root, f"{heading}\n\nText. Back to [the course list](../index.md).")
    about.write_text(
        original + "\n[Heading](courses/3d-animations/index.md#a-heading-to-link-to)\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    about.write_text(original + "\n[Heading](courses/3d-animations/index.md#no-such-heading)\n")
    result = build(root)
    assert result.returncode != 0
    assert "no-such-heading" in result.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_a_record_template_error_is_one_clear_line(tmp_path: Path, workers: int) -> None:
    root = project(tmp_path, workers)
    template = root / "templates/courses.md.j2"
    template.write_text("{{ fields.no_such_field.name }}\n" + template.read_text("utf-8"))
    result = build(root)
    assert result.returncode != 0
    assert "templates/courses.md.j2:1: template: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists(), "nothing was published"


EDIT_AFTER_LOADING = f"""
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)
def on_pre_build(config):
    record = Path(config.config_file_path).parent / "{RECORD}"
    record.write_text(record.read_text("utf-8") + "\\nSaved while building.\\n", "utf-8")
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_record_saved_during_the_build_fails_it_with_one_line(
    tmp_path: Path, workers: int
) -> None:
    """Bodies are read again after checking; one that changed in between is not published."""
    root = project(tmp_path, workers)
    (root / "edit_after_loading.py").write_text(EDIT_AFTER_LOADING, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - edit_after_loading.py\n")
    result = build(root)
    assert result.returncode != 0
    assert f"{RECORD}:1: file: changed on disk while the site was being built" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists(), "nothing was published"


WORKER_DIES = """
import os

MAIN = os.getpid()


def on_page_markdown(markdown, page, config, files):
    if os.getpid() != MAIN:
        os._exit(9)
    return markdown
"""


def test_a_render_worker_that_dies_fails_the_build_with_one_line(tmp_path: Path) -> None:
    """A worker killed mid-build (out of memory, say) stops the build plainly; nothing is published."""
    root = project(tmp_path, 2)
    (root / "worker_dies.py").write_text(WORKER_DIES, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - worker_dies.py\n")
    result = build(root)
    assert result.returncode != 0
    assert (
        "ERROR   -  a process rendering record pages stopped unexpectedly (killed, or out of "
        "memory?); build again, or set `render_workers: 1` under the archive plugin\n"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists(), "nothing was published"


def test_runs_cover_every_record_page_once() -> None:
    for count in (0, 1, 7, 28, 200, 10_000):
        for workers in (2, 3, 8):
            pages = [i for start, stop in runs(count, workers) for i in range(start, stop)]
            assert pages == list(range(count))


def test_messages_from_workers_keep_their_logger_and_level(tmp_path: Path) -> None:
    root = project(tmp_path, 2)
    add_to_body(root, "See [the missing page](../missing-page.md).")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")]
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=root)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "missing-page.md" in line]
    assert len(lines) == 1 and lines[0].startswith("WARNING"), lines
    assert "Page skipped" not in result.stderr, "the stand-ins' empty output is not news"


# -- mkdocs serve: rebuilds reuse what did not change ----------------------------------


class Preview:
    """`mkdocs serve`'s build loop in this process: one config per build, plugins kept."""

    def __init__(self, root: Path, site: Path) -> None:
        from mkdocs.config import load_config

        self.root, self.site, self.load_config = root, site, load_config
        self.config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.plugins = self.config.plugins

    def build(self) -> None:
        from mkdocs.commands.build import build

        config = self.load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins = self.plugins
        cwd = Path.cwd()
        os.chdir(self.root)
        try:
            build(config, serve_url="http://127.0.0.1:8000/techpathways-archive/")
        finally:
            os.chdir(cwd)

    def close(self) -> None:
        self.plugins.on_shutdown()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    root = project(tmp_path, 0)
    serving = Preview(root, tmp_path / "preview")
    serving.build()
    yield serving
    serving.close()


def related_to_course(site: Path) -> Path:
    for page in sorted((site / RELATED_TO_IT).glob("*/index.html")):
        if 'href="../../courses/3d-animations/"' in page.read_text("utf-8"):
            return page
    raise AssertionError("no interview lists the course as related")


def test_a_preview_rebuild_shows_the_edit_and_reuses_the_rest(preview: Preview) -> None:
    site = preview.site
    course = site / "courses/3d-animations/index.html"
    untouched = site / "events/careers-in-games-panel/index.html"
    before = untouched.read_bytes()
    add_to_body(preview.root, "A sentence added in the preview.")
    preview.build()
    assert "A sentence added in the preview." in course.read_text("utf-8")
    assert untouched.read_bytes() == before
    cache = preview.plugins["archive"].memos.rendered_pages()  # type: ignore[attr-defined]
    cached = cache.path(UNTOUCHED_SOURCE).stat()
    if cached.st_dev == untouched.stat().st_dev:  # a link to the previous build's page
        assert cached.st_ino == untouched.stat().st_ino


def test_a_preview_rebuild_updates_pages_that_show_an_edited_title(preview: Preview) -> None:
    listing = related_to_course(preview.site)
    file = preview.root / RECORD
    text = file.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    file.write_text(text.replace(title, "title: Retitled in the preview"), "utf-8")
    preview.build()
    assert "Retitled in the preview" in listing.read_text("utf-8")
    assert "Retitled in the preview" in (preview.site / "courses/index.html").read_text("utf-8")


def test_a_preview_rebuild_follows_theme_overrides(preview: Preview) -> None:
    """An archive's own `overrides/` replaces the engine's theme files one by one, and a
    preview rebuild picks up an edit to them."""
    config = preview.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        "utf-8",
    )
    toc = preview.root / "overrides/partials/toc.html"
    toc.parent.mkdir(parents=True)
    shipped = (THEME_DIR / "partials/toc.html").read_text("utf-8")
    page = preview.site / "events/careers-in-games-panel/index.html"
    for marker in ("<!-- the archive's override -->", "<!-- edited override -->"):
        toc.write_text(marker + "\n" + shipped, "utf-8")
        preview.build()
        assert marker in page.read_text("utf-8")


def test_a_preview_rebuild_reports_a_reused_pages_warnings_again(
    preview: Preview, caplog: pytest.LogCaptureFixture
) -> None:
    add_to_body(preview.root, "See [the missing page](../missing-page.md).")
    with caplog.at_level(logging.WARNING):
        preview.build()
        preview.build()
    warnings = [r for r in caplog.records if "missing-page.md" in r.getMessage()]
    assert len(warnings) == 2, "once per build, the second from the reused page"
