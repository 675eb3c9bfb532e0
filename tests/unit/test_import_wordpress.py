"""`archive import wordpress`: the export read as WordPress wrote it, hostile files refused
with one message and nothing written, and an import into a new archive that a second run
leaves alone, that never overwrites an editor's change, and that reports every item."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import yaml

from legacy_archive.core.importing.wxr import ExportError, read_wxr
from support.command import archive
from support.starter import import_target

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
LOCAL = "127.0.0.0/8"


class OldSite(http.server.SimpleHTTPRequestHandler):
    """The old site's files, plus a 2 GB attachment and a server that never answers."""

    def do_GET(self) -> None:
        if self.path.endswith("/huge.zip"):
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(2 * 1024**3))
            self.end_headers()
            return
        if self.path.endswith("/never.pdf"):
            time.sleep(10)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    handler = partial(OldSite, directory=str(FIXTURES / "old-site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def export_for(root: Path, site_url: str, fixture: str = "wordpress-6.xml") -> Path:
    export = root / "export.xml"
    text = (FIXTURES / fixture).read_text(encoding="utf-8").replace("{{SITE}}", site_url)
    export.write_text(text, encoding="utf-8")
    return export


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# Reading the export ------------------------------------------------------------------


def test_a_wxr_1_2_export_is_read_item_by_item_with_its_lines() -> None:
    source = read_wxr(FIXTURES / "wordpress-6.xml")
    text = (FIXTURES / "wordpress-6.xml").read_text(encoding="utf-8").splitlines()
    starts = [number for number, line in enumerate(text, start=1) if line.strip() == "<item>"]
    keys = [item.key for item in source.items]
    assert keys == ["wp:1", "wp:5", "wp:7", "wp:20", "wp:21", "wp:22", "wp:23"]
    assert all(item.line in starts for item in source.items)
    assert source.items[0].origin == f"wordpress-6.xml:{starts[0]}"
    statuses = {item.key: item.status for item in source.items}
    assert statuses == {
        "wp:1": "publish", "wp:5": "publish", "wp:7": "publish", "wp:20": "draft",
        "wp:21": "private", "wp:22": "trash", "wp:23": "future",
    }  # fmt: skip


def test_old_addresses_attachments_and_terms_come_with_each_item() -> None:
    items = {item.key: item for item in read_wxr(FIXTURES / "wordpress-6.xml").items}
    post, page, event = items["wp:1"], items["wp:5"], items["wp:7"]
    assert post.url.endswith("/2019/05/coding-club-week-one/")
    assert any(url.endswith("/?p=1") for url in post.old_urls)
    assert any(url.endswith("/2019/05/coding-club-1/") for url in post.old_urls), "_wp_old_slug"
    assert any(url.endswith("/?page_id=5") for url in page.old_urls)
    assert [f.url.rsplit("/", 3)[-3:] for f in post.attachments] == [
        ["2019", "05", "photo.jpg"], ["2019", "06", "photo.jpg"], ["2019", "05", "handout.pdf"],
    ]  # fmt: skip
    assert post.featured.endswith("2019/05/photo.jpg")
    assert post.attachments[0].alt == "Pupils at their laptops"
    assert post.categories == ("Digital skills",) and post.tags == ("Python",)
    assert post.author == "Zoë Ångström" and post.date == "2019-05-01T10:00:00"
    assert post.fields == {"level": "Beginners"}, "internal meta (_edit_lock) is left out"
    assert event.kind == "event" and event.terms == {"audience": ("Teachers",)}
    assert event.fields == {"venue": "City Hall, London"}
    assert "café" in page.html and "«merci»" in page.html


def test_menus_blocks_and_revisions_are_listed_as_ignored() -> None:
    six = read_wxr(FIXTURES / "wordpress-6.xml")
    assert [i.what for i in six.ignored] == [
        "menu: Main menu",
        "nav_menu_item 30: Home",
        "wp_block 31: Sign-up call to action",
    ]
    four = read_wxr(FIXTURES / "wordpress-4.xml")
    assert [i.what for i in four.ignored] == ["revision 104: Revision of tips"]
    inventory = six.inventory
    assert inventory["post types"]["post"] == 5 and inventory["post types"]["event"] == 1
    assert inventory["categories"] == {"Digital skills": 1, "Événements": 1}
    assert inventory["taxonomies"] == {"audience: Teachers": 1}
    assert inventory["authors"]["Zoë Ångström"] == 4


def test_a_wxr_1_1_export_of_wordpress_4_reads_the_same_way() -> None:
    source = read_wxr(FIXTURES / "wordpress-4.xml")
    tips, members, pending = source.items
    assert tips.title == "Tips & tricks for robotics clubs", "entities and tags in titles"
    assert tips.author == "Kasia Wiśniewska"
    assert tips.terms == {"topic": ("Hardware",)}
    assert tips.fields["_yoast_wpseo_metadesc"].startswith("Ten tips")
    assert tips.old_urls[0].endswith("/blog/?p=101")
    assert (members.status, pending.status) == ("password-protected", "pending")


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("xml-bomb.xml", "xml-bomb.xml:2: file: declares a DTD or entities"),
        ("truncated.xml", "truncated.xml:92: file: the XML is"),
        ("not-wordpress.xml", "not-wordpress.xml:1: file: not a WordPress export"),
    ],
)
def test_a_hostile_or_wrong_file_is_one_clear_message(fixture: str, expected: str) -> None:
    with pytest.raises(ExportError) as raised:
        read_wxr(FIXTURES / fixture)
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no element found"),
        (b"\xff\xfe<rss>", "the XML is"),
        (b'<?xml version="1.0"?><rss><channel>', "cut off before its end"),
        (b"<html><body>Not an export</body></html>", "not a WordPress export"),
    ],
)
def test_empty_binary_and_cut_files_are_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    file = tmp_path / "export.xml"
    file.write_bytes(content)
    with pytest.raises(ExportError, match=expected):
        read_wxr(file)


# Importing into an archive -------------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path, site_url: str) -> tuple[Path, str]:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_text(
        (FIXTURES / "wordpress-6.mapping.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert code == 0, out
    return root, out


def test_an_import_writes_folder_records_with_their_files(imported: tuple[Path, str]) -> None:
    root, _ = imported
    folder = root / "reports" / "coding-club-week-one"
    assert sorted(p.name for p in folder.iterdir()) == [
        "handout.pdf", "index.md", "photo-2.jpg", "photo.jpg",
    ], "two photo.jpg from different months: the second is renamed, never overwritten"  # fmt: skip
    assert (folder / "photo.jpg").read_bytes() == (
        FIXTURES / "old-site/wp-content/uploads/2019/05/photo.jpg"
    ).read_bytes()
    record = (folder / "index.md").read_text(encoding="utf-8")
    old = yaml.safe_load(record.split("---\n")[1])["legacy_urls"]
    assert old[0] == "/2019/05/coding-club-week-one/" and "/2019/05/coding-club-1/" in old
    assert "image: photo.jpg\nimage_alt: Pupils at their laptops\n" in record
    assert "- title: Session handout\n    file: handout.pdf" in record
    assert "![Pupils at their laptops](photo.jpg)" in record
    assert "![A robot made of cardboard](photo-2.jpg)" in record, "[gallery ids=...]"
    assert "[about the programme](../about/)" in record, "internal links rewritten"
    assert "[the showcase](../../events/closing-showcase/)" in record, "?p=7 rewritten too"
    assert "[the handout](handout.pdf)" in record
    assert "subjects:\n  - general\naudiences:\n  - educators\n" in record
    assert "[caption" not in record and "<table" not in record and "| Week | Topic" in record
    about = (root / "reports" / "about.md").read_text(encoding="utf-8")
    assert "café" in about and "[coding club](../coding-club-week-one/)" in about
    assert "[Image: Partner logos](https://images.example.com/partners.png)" in about
    event = (root / "events" / "closing-showcase" / "index.md").read_text(encoding="utf-8")
    assert "recording:\n  file: showcase.mp4\n" in event and "venue: City Hall, London" in event
    assert "audiences:\n  - educators\n" in event, "a custom taxonomy mapped to a vocabulary"


def test_the_report_accounts_for_every_item_and_the_check_after(
    imported: tuple[Path, str],
) -> None:
    root, out = imported
    report = (root / "import-report.md").read_text(encoding="utf-8")
    for title in ("Coding club, week one", "About the programme", "Closing showcase"):
        assert f"| {title} |" in report
    for why in ("a draft", "private", "in the bin", "scheduled"):
        assert why in report
    assert "nav_menu_item 30: Home" in report and "menu: Main menu" in report
    assert "images.example.com/partners.png' is on another site" in report
    shortcode = next(line for line in out.splitlines() if "contact-form-7" in line)
    path, line, _ = shortcode.split(":", 2)
    body = (root / path).read_text(encoding="utf-8").splitlines()
    assert "[contact-form-7" in body[int(line) - 1], "the problem's line is the shortcode's"
    # what is left for an editor is what `archive check` lists: the missing transcript, in
    # the media field and where the body says it is needed
    record = (root / "events" / "closing-showcase" / "index.md").read_text(encoding="utf-8")
    placeholder = record.splitlines().index(
        "*Transcript needed: this recording has no transcript in the archive yet.*"
    )
    field = record.splitlines().index("recording:")
    checked = out.split("archive check after the import:\n", 1)[1].splitlines()
    assert [line.split(": ", 2)[:2] for line in checked[:-1]] == [
        [f"events/closing-showcase/index.md:{field + 1}", "recording.transcript"],
        [f"events/closing-showcase/index.md:{placeholder + 1}", "body"],
    ]
    assert checked[-1].startswith("archive check: 2 problems in 1 file")


def test_a_second_run_changes_nothing_and_an_edit_is_kept(imported: tuple[Path, str]) -> None:
    root, _ = imported
    before = snapshot(root)
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert code == 0 and "3 unchanged" in out and "0 files downloaded" in out
    after = snapshot(root)
    assert {k: v for k, v in after.items() if k != "import-report.md"} == {
        k: v for k, v in before.items() if k != "import-report.md"
    }
    about = root / "reports" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nFixed by an editor.\n", "utf-8")
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert "reports/about.md: kept: edited since the import (use --force" in out
    assert about.read_text(encoding="utf-8").endswith("Fixed by an editor.\n")
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, "--force", cwd=root,
    )  # fmt: skip
    assert "Fixed by an editor." not in about.read_text(encoding="utf-8")


def test_a_dry_run_writes_nothing(tmp_path: Path, site_url: str) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    before = snapshot(root)
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml", "--dry-run",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert code == 0
    assert "would write: reports/coding-club-week-one/index.md" in out
    assert "  would write: reports/coding-club-week-one/photo-2.jpg" in out
    assert snapshot(root) == before


@pytest.mark.parametrize("fixture", ["xml-bomb.xml", "truncated.xml", "not-wordpress.xml"])
def test_a_bad_export_writes_nothing(tmp_path: Path, fixture: str) -> None:
    root = import_target(tmp_path / "archive")
    (root / "export.xml").write_bytes((FIXTURES / fixture).read_bytes())
    (root / "mapping.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    before = snapshot(root)
    for extra in ([], ["--init-mapping", "--mapping", "new.yml"]):
        code, out = archive(
            "import", "wordpress", "export.xml", "--mapping", "mapping.yml", *extra, cwd=root
        )
        assert code == 1
        assert out.rstrip().endswith("the source cannot be imported; nothing was written.")
        assert "Traceback" not in out
    assert snapshot(root) == before


def test_a_huge_or_silent_attachment_is_refused_and_the_record_kept(
    tmp_path: Path, site_url: str
) -> None:
    root = import_target(tmp_path / "archive")
    wxr = (FIXTURES / "wordpress-4.xml").read_text(encoding="utf-8").replace(
        "[embed]", '<a href="{{SITE}}/files/huge.zip">all files</a> '
        '<a href="{{SITE}}/files/never.pdf">the plan</a>\n\n[embed]',
    )  # fmt: skip
    (root / "export.xml").write_text(wxr.replace("{{SITE}}", site_url), encoding="utf-8")
    (root / "mapping.yml").write_text(
        "records:\n  - when: {type: post}\n    collection: reports\n", encoding="utf-8"
    )
    started = time.monotonic()
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, "--timeout", "1", cwd=root,
    )  # fmt: skip
    assert code == 0, out
    assert time.monotonic() - started < 8, "every wait is bounded by --timeout"
    folder = root / "reports" / "tips-tricks"
    assert sorted(p.name for p in folder.iterdir()) == ["index.md"]
    report = (root / "import-report.md").read_text(encoding="utf-8")
    assert "huge.zip' was not downloaded: is 2 GB (expected at most 50 MB)" in report
    assert "never.pdf' was not downloaded: no complete answer within 1 s" in report
    assert "never.pdf', a page of the old site" not in report
    record = (folder / "index.md").read_text(encoding="utf-8")
    assert f"({site_url}/files/huge.zip)" in record, "the link stays, pointing at the old file"


def test_private_addresses_are_never_fetched_without_allow_network(
    tmp_path: Path, site_url: str
) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    code, out = archive("import", "wordpress", "export.xml", "--mapping", "mapping.yml", cwd=root)
    assert code == 0
    assert "0 files downloaded" in out
    assert not (root / "reports" / "coding-club-week-one" / "photo.jpg").exists()
    report = (root / "import-report.md").read_text(encoding="utf-8")
    assert "photo.jpg' was not downloaded" in report


def test_init_mapping_writes_a_mapping_the_import_accepts(tmp_path: Path, site_url: str) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    code, out = archive("import", "wordpress", "export.xml", "--init-mapping", cwd=root)
    assert code == 0 and "wrote import-mapping.yml" in out
    text = (root / "import-mapping.yml").read_text(encoding="utf-8")
    assert "#   Digital skills (1)" in text and "#   Zoë Ångström (4)" in text
    assert "media: recording" in text
    code, out = archive("import", "wordpress", "export.xml", "--init-mapping", cwd=root)
    assert code == 1 and "exists" in out, "an existing mapping is never replaced silently"
    code, out = archive("import", "wordpress", "export.xml", "--dry-run", cwd=root)
    assert code == 0, out
    assert "would write" in out


# Every way the command can fail: one message, exit 1, nothing written -------------------


class Redirecting(http.server.BaseHTTPRequestHandler):
    """A crawl target that sends its visitors to another host."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


def test_a_crawl_that_cannot_start_writes_nothing(tmp_path: Path, silent_server: str) -> None:
    root = import_target(tmp_path / "archive")
    (root / "mapping.yml").write_text("source: site\n", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    before = snapshot(root)
    try:
        for url in (silent_server, f"http://127.0.0.1:{server.server_address[1]}/"):
            started = time.monotonic()
            code, out = archive(
                "import", "site", url, "--mapping", "mapping.yml", "--allow-network",
                LOCAL, "--timeout", "1", "--max-seconds", "3", cwd=root,
            )  # fmt: skip
            assert code == 1 and "nothing was written" in out and "Traceback" not in out, out
            assert time.monotonic() - started < 10
        assert "169.254.169.254" in out
    finally:
        server.shutdown()
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (
            None,
            "mapping.yml: not found (expected a mapping file: run the same command with --init-mapping",
        ),
        (
            "records: [{when: {type: post}, collection: nowhere}]\n",
            "mapping.yml:1: records[1].collection: 'nowhere'",
        ),
    ],
)
def test_a_missing_or_wrong_mapping_writes_nothing(
    tmp_path: Path, site_url: str, mapping: str | None, expected: str
) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    if mapping is not None:
        (root / "mapping.yml").write_text(mapping, encoding="utf-8")
    before = snapshot(root)
    code, out = archive("import", "wordpress", "export.xml", "--mapping", "mapping.yml", cwd=root)
    assert code == 1 and out.startswith(expected), out
    assert "nothing was written" in out
    assert snapshot(root) == before


def test_an_archive_that_cannot_be_read_stops_before_the_source(tmp_path: Path) -> None:
    code, out = archive("import", "csv", "rows.csv", cwd=tmp_path)
    assert code == 1
    assert out.startswith("mkdocs.yml:1: file: cannot be read")
    assert out.rstrip().endswith("the archive's settings have problems; nothing was written.")


def test_a_record_written_by_hand_is_never_taken_over(tmp_path: Path, site_url: str) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    mine = root / "reports" / "about.md"
    mine.write_text("---\ntitle: Our own about page\n---\n\nWritten by hand.\n", encoding="utf-8")
    code, _ = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert code == 0
    assert mine.read_text(encoding="utf-8").endswith("Written by hand.\n")
    imported = (root / "reports" / "about-2.md").read_text(encoding="utf-8")
    assert imported.startswith("---\ntitle: About the programme\n")
    post = (root / "reports" / "coding-club-week-one" / "index.md").read_text(encoding="utf-8")
    assert "[about the programme](../about-2/)" in post, "links follow the slug it got"


def test_nothing_is_written_through_a_symbolic_link(tmp_path: Path, site_url: str) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_bytes((FIXTURES / "wordpress-6.mapping.yml").read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    command = ("import", "wordpress", "export.xml", "--mapping", "mapping.yml")
    local = ("--allow-network", LOCAL)
    (root / "events" / "closing-showcase").symlink_to(outside, target_is_directory=True)
    code, _ = archive(*command, *local, cwd=root)
    assert code == 0 and list(outside.iterdir()) == []
    assert (root / "events" / "closing-showcase-2" / "index.md").is_file(), "another slug"
    # the folder an earlier run wrote is now a link: a re-run, even forced, does not follow it
    folder = root / "events" / "closing-showcase-2"
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    code, out = archive(*command, *local, "--force", cwd=root)
    assert code == 0 and list(outside.iterdir()) == []
    assert (
        "events/closing-showcase-2/index.md: kept: events/closing-showcase-2 is a symbolic link"
        in out
    )


def test_authors_fill_a_field_and_unknown_terms_are_reported_at_their_line(
    tmp_path: Path, site_url: str
) -> None:
    root = import_target(tmp_path / "archive")
    export_for(root, site_url)
    (root / "mapping.yml").write_text(
        "records:\n"
        "  - when: {type: event}\n    collection: events\n"
        "  - when: {type: post}\n    collection: reports\n"
        "collections:\n"
        "  events:\n    fields: {venue: author}\n"
        "  reports:\n"
        "    terms: {audiences: {from: tags}}\n"
        "    defaults: {audiences: [educators], subjects: [general]}\n",
        encoding="utf-8",
    )
    code, out = archive(
        "import", "wordpress", "export.xml", "--mapping", "mapping.yml",
        "--allow-network", LOCAL, cwd=root,
    )  # fmt: skip
    assert code == 0, out
    event = (root / "events" / "closing-showcase" / "index.md").read_text(encoding="utf-8")
    assert "venue: Sam Okafor\n" in event
    post = root / "reports" / "coding-club-week-one" / "index.md"
    line = post.read_text(encoding="utf-8").splitlines().index("audiences:") + 1
    assert (
        f"reports/coding-club-week-one/index.md:{line}: audiences: tags value 'Python' has no "
        "id in audiences (expected one of: educators, learners; map it in mapping.yml under "
        "collections.reports.terms.audiences.values, or ~ to leave it out)"
    ) in out
