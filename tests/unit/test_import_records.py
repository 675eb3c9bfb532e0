"""What one imported item's record holds: its own gallery, one file per linked document
however the link is spelled, and a media field only for sound and video."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import build_parser
from legacy_archive.core.starter.facts import CollectionChoice
from support.command import archive as run_archive
from support.legacy_site import serve_files
from support.starter import import_target

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
UPLOADS = FIXTURES / "old-site" / "wp-content" / "uploads"
MAPPING = """\
source: wordpress
records:
  - when: {type: event}
    collection: events
  - when: {type: post}
    collection: reports
collections:
  reports:
    defaults: {subjects: [general], audiences: [educators]}
  events:
    defaults: {subjects: [general], audiences: [educators]}
    media: recording
"""


def _files() -> dict[str, tuple[str, bytes]]:
    return {
        "/wp-content/uploads/2019/05/photo.jpg": (
            "image/jpeg", (UPLOADS / "2019/05/photo.jpg").read_bytes(),
        ),
        "/wp-content/uploads/2019/06/photo.jpg": (
            "image/jpeg", (UPLOADS / "2019/06/photo.jpg").read_bytes(),
        ),
        "/wp-content/uploads/2019/05/handout.pdf": (
            "application/pdf", (UPLOADS / "2019/05/handout.pdf").read_bytes(),
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """An archive after importing `wordpress-records.xml`, and every request the old site saw."""
    root = tmp_path_factory.mktemp("records") / "archive"
    import_target(root, CollectionChoice("events", "events"), CollectionChoice("reports", "blank"))
    with serve_files(_files()) as site:
        text = (FIXTURES / "wordpress-records.xml").read_text(encoding="utf-8")
        (root / "export.xml").write_text(text.replace("{{SITE}}", site.base), encoding="utf-8")
        _import(root, MAPPING)
        yield root, site.seen()


def test_a_gallery_without_ids_shows_the_items_own_images_only(
    archive: tuple[Path, list[str]],
) -> None:
    root, _ = archive
    folder = root / "reports" / "week-one-photos"
    record = (folder / "index.md").read_text(encoding="utf-8")
    assert "![Pupils at their laptops](photo.jpg)" in record
    assert "cardboard" not in record, "another post's image is not in this post's gallery"
    assert not (folder / "photo-2.jpg").exists()


def test_links_to_one_file_with_a_fragment_or_a_query_share_its_download(
    archive: tuple[Path, list[str]],
) -> None:
    root, seen = archive
    folder = root / "reports" / "week-one-photos"
    assert sorted(p.name for p in folder.iterdir()) == ["handout.pdf", "index.md", "photo.jpg"]
    record = (folder / "index.md").read_text(encoding="utf-8")
    assert "[page 4 of the handout](handout.pdf#page=4)" in record, "the fragment is kept"
    assert "[its latest version](handout.pdf)" in record
    assert "[the whole handout](handout.pdf)" in record
    assert sum(path.endswith("/handout.pdf") for path in seen) == 1, "fetched once"


def test_an_embedded_map_is_a_link_not_the_events_recording(
    archive: tuple[Path, list[str]],
) -> None:
    root, _ = archive
    record = (root / "events" / "open-day.md").read_text(encoding="utf-8")
    assert "https://www.google.com/maps/embed?pb=town-hall" in record
    assert "recording:" not in record.split("\n---\n", 1)[0], "a map is not a recording"
    assert "Transcript needed" not in record


COPY = "/wayback/20210301000000id_/http://old.example"
"""Where a Wayback-style service that is not web.archive.org keeps the old site's raw copy."""
PAGE = b"""<!doctype html><html lang="en"><head><title>Robots at the fair</title></head>
<body><nav><a href="http://old.example/">Home</a></nav><main><article>
<h1>Robots at the fair</h1>
<p>Twelve schools brought the robots they had built this year, and the pupils showed
every visitor how they worked, what they were made of and how long they took.</p>
<figure class="wp-block-image"><img src="http://old.example/files/robot.jpg"
 alt="A small robot"><figcaption>The winning robot, made of <em>cardboard</em></figcaption></figure>
<p>Read <a href="http://old.example/files/report.pdf#page=4">page 4 of the report</a> or
<a href="/files/report.pdf">the whole report</a> about every school that took part.</p>
</article></main></body></html>"""
CRAWL_MAPPING = """\
source: site
records:
  - when: {type: page}
    collection: reports
collections:
  reports:
    defaults: {subjects: [general], audiences: [educators], date: "2021"}
"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """An archive after importing the copy of a one-page site from a service named by
    --wayback-prefix, with no delay; every request the service saw."""
    root = tmp_path_factory.mktemp("crawled") / "archive"
    import_target(root, CollectionChoice("reports", "blank"))
    (root / "mapping.yml").write_text(CRAWL_MAPPING, encoding="utf-8")
    files = {
        f"{COPY}/": ("text/html; charset=utf-8", PAGE),
        f"{COPY}/files/robot.jpg": ("image/jpeg", (UPLOADS / "2019/05/photo.jpg").read_bytes()),
        f"{COPY}/files/report.pdf": (
            "application/pdf", (UPLOADS / "2019/05/handout.pdf").read_bytes(),
        ),
    }  # fmt: skip
    with serve_files(files) as service:
        code, printed = run_archive(
            "import", "site", f"{service.base}/wayback/20210301000000/http://old.example/",
            "--wayback-prefix", f"{service.base}/wayback", "--wayback-delay", "0",
            "--mapping", "mapping.yml", "--allow-network", "127.0.0.0/8", "--timeout", "5",
            cwd=root,
        )  # fmt: skip
        assert code == 0, printed
        yield root, service.seen()


def test_a_copys_files_come_from_the_copy_named_by_its_prefix(
    crawled: tuple[Path, list[str]],
) -> None:
    root, seen = crawled
    folder = root / "reports" / "robots-at-the-fair"
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "report.pdf", "robot.jpg"]
    assert (folder / "robot.jpg").read_bytes() == (UPLOADS / "2019/05/photo.jpg").read_bytes()
    assert f"{COPY}/files/robot.jpg" in seen and f"{COPY}/files/report.pdf" in seen
    assert all(path.startswith(COPY) for path in seen), "the raw copy only, never a rewritten page"
    record = (folder / "index.md").read_text(encoding="utf-8")
    assert "/wayback/" not in record and "127.0.0.1" not in record


def test_a_crawled_figures_caption_follows_its_image(crawled: tuple[Path, list[str]]) -> None:
    root, _ = crawled
    record = (root / "reports" / "robots-at-the-fair" / "index.md").read_text(encoding="utf-8")
    assert "![A small robot](robot.jpg)\n\n*The winning robot, made of cardboard*\n" in record
    assert record.count("cardboard") == 1, "the caption's formatted words are not repeated"


def test_a_crawled_link_with_a_fragment_keeps_it_and_shares_the_file(
    crawled: tuple[Path, list[str]],
) -> None:
    root, seen = crawled
    record = (root / "reports" / "robots-at-the-fair" / "index.md").read_text(encoding="utf-8")
    assert "[page 4 of the report](report.pdf#page=4)" in record
    assert "[the whole report](report.pdf)" in record
    assert seen.count(f"{COPY}/files/report.pdf") == 1


def test_the_crawl_stays_gentle_with_a_public_archive_unless_told() -> None:
    parser = build_parser()
    args = parser.parse_args(
        ["import", "site", "https://web.archive.org/web/2021/https://a.example/"]
    )
    assert (args.wayback_delay, args.concurrency, args.delay) == (1.0, 1, 0.0)
    args = parser.parse_args(
        ["import", "site", "https://a.example/", "--wayback-prefix", "https://wb.example/arc",
         "--wayback-delay", "0", "--concurrency", "2"]
    )  # fmt: skip
    assert (args.wayback_prefix, args.wayback_delay, args.concurrency) == (
        ["https://wb.example/arc/"], 0.0, 2,
    )  # fmt: skip
    for wrong in (
        ["--concurrency", "3"], ["--wayback-delay", "nan"], ["--delay", "-1"],
        ["--wayback-prefix", "wb.example/arc"],
    ):  # fmt: skip
        with pytest.raises(SystemExit), contextlib.redirect_stderr(io.StringIO()):
            parser.parse_args(["import", "site", "https://a.example/", *wrong])


def _import(root: Path, mapping: str, *extra: str) -> str:
    """`archive import wordpress export.xml` with `mapping`; what it printed."""
    (root / "mapping.yml").write_text(mapping, encoding="utf-8")
    code, printed = run_archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", "127.0.0.0/8", *extra, cwd=root,
    )  # fmt: skip
    assert code == 0, printed
    return printed


def test_a_record_the_mapping_moves_leaves_no_copy_behind(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    import_target(root, CollectionChoice("events", "events"), CollectionChoice("reports", "blank"))
    first = MAPPING.replace("collection: reports", "collection: events")
    with serve_files(_files()) as site:
        text = (FIXTURES / "wordpress-records.xml").read_text(encoding="utf-8")
        (root / "export.xml").write_text(text.replace("{{SITE}}", site.base), encoding="utf-8")
        _import(root, first)
        assert (root / "events" / "week-one-photos" / "photo.jpg").is_file()
        edited = root / "events" / "club-rules.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nAn editor's line.\n")
        fetched = len(site.seen())
        dry = _import(root, MAPPING, "--dry-run")
        assert "would remove: events/week-one-photos/photo.jpg" in dry
        assert (root / "events" / "week-one-photos" / "index.md").is_file(), "a dry run keeps it"
        _import(root, MAPPING)
        report = (root / "import-report.md").read_text(encoding="utf-8")
        assert len(site.seen()) == fetched, "files already downloaded are moved, not fetched"
    assert not (root / "events" / "week-one-photos").exists()
    moved = root / "reports" / "week-one-photos"
    assert sorted(p.name for p in moved.iterdir()) == ["handout.pdf", "index.md", "photo.jpg"]
    assert "earlier record 'events/week-one-photos/index.md' removed" in report
    assert "An editor's line." in edited.read_text(encoding="utf-8")
    assert "'events/club-rules.md', written by an earlier import, was edited since" in report
