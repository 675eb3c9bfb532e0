"""`archive export zim` on a full build of the fixture archive: zimcheck, the entries read
back with libzim, Kiwix's search, the redirects, the same bytes twice, and bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from legacy_archive.core.cli.export import load_context
from legacy_archive.core.export.common import ExportContext
from legacy_archive.core.export.illustration import (
    png_size,
)
from legacy_archive.core.export.zim import left_out, redirect_map
from legacy_archive.core.publish.address_rules import redirect_file
from support.builds import build
from support.command import archive
from support.paths import SITE

pytestmark = pytest.mark.build

ZIMCHECK_TESTS = ["-A"]
"""All of zimcheck's tests, integrity (-I) included: zimcheck 3.1 (libzim 8) reads libzim
9.3's "no old title index" mark as a table outside the file, so the export writes that
table back (`zim_identity.add_title_index`); libzim 9's own check must pass too."""


def need_program(name: str, package: str) -> str:
    """The program's path; skip without it locally, fail under CI=true."""
    found = shutil.which(name)
    if found:
        return found
    reason = f"{name} not found (install it with: apt-get install -y {package})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI a missing tool is a failure, not a skip")
    pytest.skip(reason)


@dataclass
class Exported:
    context: ExportContext
    zim: Path
    output: str
    archive: Any
    """The file opened with `libzim.reader.Archive`."""


def export(site: Path, out: Path, *extra: str) -> tuple[int, str]:
    """`archive export zim` of the fixture's build at `site`: exit code and output."""
    config = str(SITE / "mkdocs.yml")
    return archive("export", "zim", "-f", config, "--site", str(site), "--out", str(out), *extra)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    from libzim.reader import Archive

    site = tmp_path_factory.mktemp("zim") / "site"
    result = build(SITE, site)
    assert result.returncode == 0, result.stderr
    zim = site.parent / "out" / "archive.zim"
    code, output = export(site, zim)
    assert code == 0, output
    context, problems = load_context(SITE / "mkdocs.yml", site)
    assert context is not None, problems
    return Exported(context, zim, output, Archive(str(zim)))


def content(archive: Any, path: str) -> bytes:
    return bytes(archive.get_entry_by_path(path).get_item().content)


def test_zimcheck_finds_no_errors(exported: Exported) -> None:
    zimcheck = need_program("zimcheck", "zim-tools")
    run = subprocess.run(
        [zimcheck, *ZIMCHECK_TESTS, "-D", str(exported.zim)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "[ERROR]" not in run.stdout
    assert "Overall Test Status: Pass" in run.stdout
    assert exported.archive.check(), "libzim's own integrity check"


def test_every_site_file_is_an_entry_or_a_redirect(exported: Exported) -> None:
    context, archive = exported.context, exported.archive
    redirects = redirect_map(context)
    skipped = left_out(context)
    assert {"pagefind/", "find/data/", "admin/"} <= set(skipped)
    kept = 0
    for site_file in context.files:
        path = site_file.path
        if path.startswith(skipped):
            assert not archive.has_entry_by_path(path), path
            continue
        entry = archive.get_entry_by_path(path)
        if path in redirects:
            assert entry.is_redirect, path
            continue
        kept += 1
        assert not entry.is_redirect, path
        item = entry.get_item()
        if path.endswith(".html"):
            assert item.mimetype == "text/html", path
        else:
            assert bytes(item.content) == site_file.file.read_bytes(), path
    assert archive.entry_count == kept + len(redirects)
    assert kept > 150 and exported.output.startswith(f"archive export zim: wrote {exported.zim}")


def test_every_ledger_url_opens_a_page(exported: Exported) -> None:
    context, archive = exported.context, exported.archive
    redirects = redirect_map(context)
    assert len(context.ledger_urls) > 50
    for url in context.ledger_urls:
        path = url if url.endswith("/") else redirect_file("/" + url)
        entry = archive.get_entry_by_path(path)
        while entry.is_redirect:
            entry = entry.get_redirect_entry()
        file = context.file_of(url)
        assert file is not None, url
        assert entry.path == redirects.get(file, file), url


def test_legacy_urls_redirect_to_their_records(exported: Exported) -> None:
    context, archive = exported.context, exported.archive
    checked = 0
    for record in context.archive.every_record():
        for old in record.fields.get("legacy_urls", []):
            for path in {redirect_file(old), old.lstrip("/")} - {""}:
                if path.endswith("/") or path == redirect_file(old):
                    entry = archive.get_entry_by_path(path)
                    assert entry.is_redirect, path
                    target = entry.get_redirect_entry().path
                    assert target == context.archive.url_of(record) + "index.html", old
                    checked += 1
    site_rule = archive.get_entry_by_path("techpathways/courses.html")
    assert site_rule.is_redirect and site_rule.get_redirect_entry().path == "courses/index.html"
    assert checked >= 2


def test_metadata_kiwix_requires(exported: Exported) -> None:
    archive = exported.archive

    def meta(key: str) -> str:
        return bytes(archive.get_metadata(key)).decode("utf-8")

    assert meta("Language") == "eng"
    assert meta("Title") == "TechPathways London archive" and len(meta("Title")) <= 30
    assert 0 < len(meta("Description")) <= 80
    assert "TechPathways London" in meta("LongDescription")
    assert meta("Creator").startswith("TechPathways London")
    assert meta("Publisher") == "TechPathways London archive"
    assert meta("Date") == "2026-11-23", "the newest date of the content"
    assert meta("Name") == "techpathways-london-archive_en_all"
    assert "_ftindex:yes" in meta("Tags").split(";")
    assert meta("Source") == "https://example.github.io/techpathways-archive/"
    assert archive.has_illustration(48)
    icon = bytes(archive.get_illustration_item(48).content)
    assert png_size(icon) == (48, 48)
    assert archive.main_entry.get_item().path == "index.html"


def test_kiwix_search_finds_a_record_by_title(exported: Exported) -> None:
    from libzim.search import Query, Searcher
    from libzim.suggestion import SuggestionSearcher

    archive, records = exported.archive, exported.context.archive
    record = records.get("courses/audio-editing-and-podcasting")
    assert record is not None
    found = Searcher(archive).search(Query().set_query(record.title))
    paths = list(found.getResults(0, 10))
    assert records.url_of(record) + "index.html" in paths, paths
    suggested = SuggestionSearcher(archive).suggest(record.title)
    assert records.url_of(record) + "index.html" in list(suggested.getResults(0, 5))
    nothing = Searcher(archive).search(Query().set_query("zzqxwv"))
    assert nothing.getEstimatedMatches() == 0


def test_pages_work_without_pagefind(exported: Exported) -> None:
    archive, site = exported.archive, exported.context.site_dir
    find = content(archive, "find/index.html").decode()
    assert 'id="archive-find"' in (site / "find" / "index.html").read_text()
    assert 'id="archive-find"' not in find and "search box of Kiwix" in find
    assert 'href="../courses/index.html"' in find, "browse links still there"
    home = content(archive, "index.html").decode()
    assert "archive-home__search" not in home and "search box of Kiwix" in home
    record = content(archive, "courses/3d-animations/index.html").decode()
    for page in (find, home, record):
        assert "archive-search.js" not in page and "pagefind/" not in page
        assert 'href=".."' not in page and 'href="."' not in page
    csp = 'http-equiv="Content-Security-Policy"'
    original = (site / "courses" / "3d-animations" / "index.html").read_text()
    line = next(x for x in original.splitlines() if csp in x)
    assert line in record.splitlines(), "the page keeps its Content Security Policy"


def test_same_bytes_from_the_same_build(exported: Exported, tmp_path: Path) -> None:
    again = tmp_path / "again.zim"
    code, output = export(exported.context.site_dir, again)
    assert code == 0, output
    assert again.read_bytes() == exported.zim.read_bytes()


def test_site_not_built(tmp_path: Path) -> None:
    out = tmp_path / "out.zim"
    code, output = export(tmp_path / "nowhere", out)
    assert code == 1
    assert "nowhere/: not built (expected `make build` or `mkdocs build` first)" in output
    (tmp_path / "empty").mkdir()
    code, output = export(tmp_path / "empty", out)
    assert code == 1 and "empty/: not built" in output
    assert not out.exists()


def test_site_built_from_other_records(exported: Exported, tmp_path: Path) -> None:
    stale = tmp_path / "site"
    shutil.copytree(exported.context.site_dir, stale)
    shutil.rmtree(stale / "courses" / "3d-animations")
    code, output = export(stale, tmp_path / "out.zim")
    assert code == 1
    assert (
        "courses/3d-animations/: not in the built site, though courses/3d-animations.md" in output
    )
    assert not (tmp_path / "out.zim").exists()


def test_folder_that_cannot_be_written(exported: Exported, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, output = export(exported.context.site_dir, blocker / "out.zim")
    assert code == 1
    assert "cannot write there" in output and "nothing was written" in output
    if os.geteuid() != 0:  # root writes through permissions
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, output = export(exported.context.site_dir, locked / "out.zim")
        assert code == 1 and "cannot write there" in output
        assert list(locked.iterdir()) == []


def test_over_the_size_limit_writes_nothing(exported: Exported, tmp_path: Path) -> None:
    out = tmp_path / "out.zim"
    code, output = export(exported.context.site_dir, out, "--max-size", "100K")
    assert code == 1
    assert "is over the limit of 100 KB" in output and "nothing was written" in output
    assert list(tmp_path.iterdir()) == [], "no file, no temporary file"


def test_symlinks_in_the_site_are_not_followed(exported: Exported, tmp_path: Path) -> None:
    from libzim.reader import Archive

    site = tmp_path / "site"
    shutil.copytree(exported.context.site_dir, site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the archive")
    (site / "secret.txt").symlink_to(outside / "secret.txt")
    (site / "elsewhere").symlink_to(outside, target_is_directory=True)
    code, output = export(site, tmp_path / "out.zim")
    assert code == 0, output
    archive = Archive(str(tmp_path / "out.zim"))
    assert not archive.has_entry_by_path("secret.txt")
    assert not archive.has_entry_by_path("elsewhere/secret.txt")
    assert archive.entry_count == exported.archive.entry_count
