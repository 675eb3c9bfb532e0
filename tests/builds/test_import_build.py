"""An archive made by `archive init`, filled by `archive import` from a WordPress export and
a crawl of the old site (both served on 127.0.0.1 by the test), builds strictly once an
editor has done what `archive check` lists, and every old address answers with a redirect
to its new record."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from harness.crawl import fetch
from harness.preview import serve
from legacy_archive.core.cli.main import check
from legacy_archive.core.load.source import read_source
from legacy_archive.core.publish.address_rules import (
    QUERY_MAP,
    query_key,
    redirect_file,
    split_query,
)
from support.builds import build
from support.command import archive
from support.legacy_site import WAYBACK_HOST, serve_legacy_site
from support.starter import import_target

pytestmark = pytest.mark.build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
CRAWL_MAPPING = """\
source: site
records:
  - when: {path: /news/}
    collection: reports
  - when: {type: page}
    collection: skip
collections:
  reports:
    defaults: {subjects: [general], audiences: [educators], date: "2021"}
"""
WAYBACK_MAPPING = """\
source: site
records:
  - when: {path: /events/}
    collection: events
  - when: {type: page}
    collection: reports
collections:
  reports:
    terms:
      subjects: {from: categories, values: {News: general}}
    defaults: {subjects: [general], audiences: [educators], date: "2021"}
  events:
    defaults: {date: "2021-03"}
"""
CSV_MAPPING = """\
source: csv
records:
  - when: {type: row}
    collection: courses
collections:
  courses:
    body: "field:Description"
    fields:
      title: "field:Title"
      summary: "field:Summary"
      date: "field:Date"
      legacy_urls: "field:Old address"
    terms:
      format: {from: "field:Format", values: {Online: online, "In person": in-person}}
    defaults: {subjects: [general], audiences: [educators], level: short}
"""


def _archive(root: Path, *argv: str) -> str:
    code, printed = archive(*argv, cwd=root)
    assert code == 0, printed
    return printed


@pytest.fixture(scope="module")
def old_site() -> Iterator[str]:
    with serve(FIXTURES / "old-site", "/") as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, old_site: str) -> dict[str, str]:
    """The archive after each import: what each printed."""
    root = tmp_path_factory.mktemp("import") / "archive"
    import_target(root)
    text = (FIXTURES / "wordpress-6.xml").read_text(encoding="utf-8")
    (root / "export.xml").write_text(text.replace("{{SITE}}", old_site), encoding="utf-8")
    (root / "wordpress.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    (root / "crawl.yml").write_text(CRAWL_MAPPING, encoding="utf-8")
    printed = {"root": str(root)}
    local = ("--allow-network", "127.0.0.0/8")
    printed["wordpress"] = _archive(
        root, "import", "wordpress", "export.xml", "--mapping", "wordpress.yml", *local
    )
    printed["site"] = _archive(
        root, "import", "site", old_site + "/", "--mapping", "crawl.yml", "--report",
        "crawl-report.md", *local,
    )  # fmt: skip
    (root / "wayback.yml").write_text(WAYBACK_MAPPING, encoding="utf-8")
    with serve_legacy_site() as legacy:
        printed["wayback"] = _archive(
            root, "import", "site", legacy.wayback("/"), "--mapping", "wayback.yml",
            "--report", "wayback-report.md", "--timeout", "2", "--wayback-delay", "0", *local,
        )  # fmt: skip
        printed["wayback requests"] = "\n".join(legacy.seen())
    (root / "csv.yml").write_text(CSV_MAPPING, encoding="utf-8")
    printed["csv"] = _archive(
        root, "import", "csv", str(FIXTURES / "courses.csv"), "--mapping", "csv.yml",
        "--report", "csv-report.md",
    )  # fmt: skip
    return printed


def test_what_is_left_to_fix_is_what_check_lists(imported: dict[str, str]) -> None:
    root = Path(imported["root"])
    out = io.StringIO()
    assert check(root / "mkdocs.yml", out=out) == 1
    event = "events/closing-showcase/index.md"
    lines = (root / event).read_text(encoding="utf-8").splitlines()
    field = lines.index("recording:") + 1
    body = next(n for n, line in enumerate(lines, 1) if line.startswith("*Transcript needed"))
    assert [line.split(": ", 2)[:2] for line in out.getvalue().splitlines()[:-1]] == [
        [f"{event}:{field}", "recording.transcript"],
        [f"{event}:{body}", "body"],
    ], "the recording without its transcript, in its field and where the body needs it"
    assert imported["csv"].endswith(out.getvalue()), "the last import printed the same check"


@pytest.fixture(scope="module")
def built(imported: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive built strictly after the editor writes the transcript the check asked for."""
    root = Path(imported["root"])
    record = root / "events" / "closing-showcase" / "index.md"
    transcript = "Welcome to the closing showcase of Skills Bridge."
    text = record.read_text(encoding="utf-8").replace(
        "  file: showcase.mp4\n", f"  file: showcase.mp4\n  transcript: {transcript}\n"
    )
    text = text.replace(
        "*Transcript needed: this recording has no transcript in the archive yet.*", transcript
    )
    record.write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("built") / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def _legacy_urls(root: Path) -> dict[str, str]:
    """Every old address in the imported records → the record's page URL."""
    found: dict[str, str] = {}
    for collection in ("courses", "events", "reports"):
        for file in sorted((root / collection).rglob("*.md")):
            rel = file.relative_to(root).as_posix()
            source, problems = read_source(rel, file)
            assert source is not None and not problems, problems
            slug = file.parent.name if file.name == "index.md" else file.stem
            for url in source.fields.get("legacy_urls", []):
                found[url] = f"{collection}/{slug}/"
    return found


def test_every_old_address_answers_with_its_new_page(imported: dict[str, str], built: Path) -> None:
    urls = _legacy_urls(Path(imported["root"]))
    assert {
        "/2019/05/coding-club-week-one/", "/2019/05/coding-club-1/",
        "/event/closing-showcase/", "/news/coding-club/", "/news/showcase-2021/",
        "/courses/coding-1.html", "/news/first-post/", "/old-about",
    } <= set(urls)  # fmt: skip
    queries = {old: page for old, page in urls.items() if "?" in old}
    assert "/?p=1" in queries, "a WordPress post id is an old address too"
    answers = json.loads((built / QUERY_MAP).read_text(encoding="utf-8"))
    for old, page in sorted(queries.items()):  # the page served for its path looks it up
        assert answers[redirect_file(old)][query_key(split_query(old)[1])] == page, old
        assert (built / redirect_file(old)).is_file(), old
    home = (built / "index.html").read_text(encoding="utf-8")
    assert (
        'archiveOldQuery("index.html", ".", "assets/javascripts/archive-old-queries.json"' in home
    )
    with serve(built, "/") as base:
        for old, page in sorted(urls.items() - queries.items()):
            answer = fetch(base + old.lstrip("/"))
            assert answer.status == 200, old
            target = re.search(rb'http-equiv="refresh" content="0; url=([^"]+)"', answer.body)
            assert target is not None, old
            landed = urljoin(base + old.lstrip("/"), target.group(1).decode())
            assert landed == base + page, old
            assert fetch(landed).status == 200, page


def test_imported_pages_show_their_files_and_link_each_other(built: Path) -> None:
    page = (built / "reports" / "coding-club-week-one" / "index.html").read_text(encoding="utf-8")
    assert 'src="photo.jpg"' in page and 'alt="Pupils at their laptops"' in page
    assert (built / "reports" / "coding-club-week-one" / "photo-2.jpg").is_file()
    assert 'href="../../events/closing-showcase/"' in page
    crawled = (built / "reports" / "coding-club" / "index.html").read_text(encoding="utf-8")
    assert 'href="../showcase-2021/"' in crawled, "links between crawled pages rewritten"
    assert (built / "reports" / "coding-club" / "handout.pdf").is_file()
    course = (built / "courses" / "cafe-robotics" / "index.html").read_text(encoding="utf-8")
    assert "costs £5 per robot" in course, "a Windows-1252 spreadsheet read right"


def test_a_web_archive_copy_is_imported_with_its_original_addresses(
    imported: dict[str, str], built: Path
) -> None:
    root = Path(imported["root"])
    post = (root / "reports" / "first-post" / "index.md").read_text(encoding="utf-8")
    assert "/web/20" not in post and WAYBACK_HOST not in post.split("---")[1]
    assert "![A small robot built by a pupil](robot.jpg)" in post, "files fetched from the copy"
    assert (built / "reports" / "first-post" / "robot.jpg").is_file()
    assert all("/web/" in seen for seen in imported["wayback requests"].splitlines())
    page = (built / "reports" / "first-post" / "index.html").read_text(encoding="utf-8")
    assert "BEGIN WAYBACK TOOLBAR" not in page and "__wm" not in page
