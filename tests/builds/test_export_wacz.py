"""`archive export wacz`: the built fixture as a web archive that `wacz validate` accepts,
with a response for every address GitHub Pages serves, byte-identical at every export."""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from warcio.archiveiterator import ArchiveIterator

from legacy_archive.core.cli.export import load_context
from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.export import wacz
from legacy_archive.core.export.served import content_type
from legacy_archive.core.pipeline import load_archive
from support.builds import build
from support.command import archive
from support.paths import REPO, SITE

pytestmark = pytest.mark.build
BIN = Path(sys.executable).parent


def export(*argv: str, edition: str = "wacz") -> tuple[int, str]:
    """`archive export EDITION ARGV`: its exit code and what it printed."""
    return archive("export", edition, *argv)


@dataclass
class Exported:
    site: Path
    wacz: Path
    output: str


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The fixture built strictly once and exported once."""
    folder = tmp_path_factory.mktemp("wacz")
    site = folder / "site"
    result = build(SITE, site)
    assert result.returncode == 0, result.stderr
    target = folder / "one" / "archive.wacz"
    code, output = export("-f", str(SITE / "mkdocs.yml"), "--site", str(site), "--out", str(target))
    assert code == 0, output
    return Exported(site, target, output)


@functools.cache
def records(path: Path) -> dict[str, tuple[str, int, str, str, bytes]]:
    """Target URL -> (WARC type, HTTP status, Content-Type, Location, body) of every record."""
    found = {}
    with zipfile.ZipFile(path) as package, package.open("archive/data.warc.gz") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "warcinfo":
                continue
            http = record.http_headers
            body = record.content_stream().read()
            found[record.rec_headers.get_header("WARC-Target-URI")] = (
                record.rec_type,
                int(http.get_statuscode()),
                http.get_header("Content-Type") or "",
                http.get_header("Location") or "",
                body,
            )
    return found


def test_wacz_validate_accepts_it(exported: Exported) -> None:
    result = subprocess.run(
        [str(BIN / "wacz"), "validate", "-f", str(exported.wacz)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation succeeded" in result.stdout


def test_every_site_file_is_a_response_with_its_type_and_length(exported: Exported) -> None:
    site_url = "https://example.github.io/techpathways-archive/"
    found = records(exported.wacz)
    files = sorted(p for p in exported.site.rglob("*") if p.is_file())
    assert len(files) > 200
    for file in files:
        rel = file.relative_to(exported.site).as_posix()
        kind, status, ctype, _, body = found[site_url + rel]
        if rel.endswith("index.html"):
            assert kind == "revisit", rel  # the same bytes as its folder's URL
            kind, status, ctype, _, body = found[site_url + rel.removesuffix("index.html")]
        assert (kind, status) == ("response", 200), rel
        assert ctype == content_type(rel) and body == file.read_bytes(), rel
    assert found[site_url + "courses/"][2] == "text/html; charset=utf-8"
    assert found[site_url + "data/courses.csv"][2] == "text/csv; charset=utf-8"


def test_folders_without_a_slash_are_301s_as_pages_gives_them(exported: Exported) -> None:
    site_url = "https://example.github.io/techpathways-archive/"
    found = records(exported.wacz)
    assert found[site_url + "courses"][1:4:2] == (301, site_url + "courses/")
    assert found[site_url.rstrip("/")][1:4:2] == (301, site_url)


def test_old_addresses_are_the_pages_the_site_has(exported: Exported) -> None:
    """`redirects` and `legacy_urls` are HTML pages on Pages (no server redirects); a
    wildcard's folder is answered by the 404 page, whose script sends the reader on."""
    site_url = "https://example.github.io/techpathways-archive/"
    found = records(exported.wacz)
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    archive = load_archive(settings).archive
    old = [str(u) for r in archive.every_record() for u in r.fields.get("legacy_urls", [])]
    assert old, "the fixture has records with legacy_urls"
    for url in [*old, "/techpathways/courses.html"]:
        address = site_url + url.lstrip("/")
        kind, status, _, _, body = found[address]
        if kind == "revisit":
            kind, status, _, _, body = found[address.removesuffix("index.html")]
        assert status == 200 and b'http-equiv="refresh"' in body, url
    context, problems = load_context(SITE / "mkdocs.yml", exported.site)
    assert context is not None and context.ledger_urls, problems
    for url in context.ledger_urls:  # every address ever published is in the archive
        assert found[site_url + quote(url)][1] == 200, url
    _, status, _, _, body = found[site_url + "news/"]
    assert status == 404 and body == (exported.site / "404.html").read_bytes()


def test_pages_list_every_html_page_with_title_and_text(exported: Exported) -> None:
    with zipfile.ZipFile(exported.wacz) as package:
        lines = package.read("pages/pages.jsonl").decode("utf-8").splitlines()
    header, *pages = [json.loads(line) for line in lines]
    assert header["format"] == "json-pages-1.0"
    site_url = "https://example.github.io/techpathways-archive/"
    listed = set()
    for file in exported.site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        if file.name == "404.html" or 'name="robots" content="noindex"' in html:
            continue
        listed.add(site_url + file.relative_to(exported.site).as_posix().removesuffix("index.html"))
    assert {p["url"] for p in pages} == listed
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    record = next(iter(load_archive(settings).archive.every_record()))
    entry = next(
        p for p in pages if p["url"] == site_url + load_archive(settings).archive.url_of(record)
    )
    assert entry["title"].startswith(record.title) and "¶" not in entry["text"]
    assert all(p["ts"] == pages[0]["ts"] and p["text"] for p in pages)


def test_records_are_dated_from_the_content_with_ids_from_their_content(
    exported: Exported,
) -> None:
    with zipfile.ZipFile(exported.wacz) as package:
        members = [info.filename for info in package.infolist()]
        stored = {i.filename for i in package.infolist() if i.compress_type == zipfile.ZIP_STORED}
        assert {"archive/data.warc.gz", "indexes/index.cdx.gz"} <= stored  # read in place
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        datapackage = json.loads(package.read("datapackage.json"))
        with package.open("archive/data.warc.gz") as stream:
            dates = {r.rec_headers.get_header("WARC-Date") for r in ArchiveIterator(stream)}
    assert members == [*wacz.MEMBERS, "datapackage.json", "datapackage-digest.json"]
    assert dates == {"2026-11-23T00:00:00Z"}  # the fixture's last_reviewed, its newest date
    assert datapackage["created"] == "2026-11-23T00:00:00Z"
    assert datapackage["mainPageURL"] == "https://example.github.io/techpathways-archive/"


def test_the_same_site_gives_the_same_bytes(exported: Exported, tmp_path: Path) -> None:
    again = tmp_path / "again.wacz"
    code, output = export(
        "-f", str(SITE / "mkdocs.yml"), "--site", str(exported.site), "--out", str(again)
    )
    assert code == 0, output
    assert again.read_bytes() == exported.wacz.read_bytes()


def test_a_site_not_built_is_refused_with_what_to_do(tmp_path: Path) -> None:
    target = tmp_path / "out.wacz"
    code, output = export(
        "-f", str(SITE / "mkdocs.yml"), "--site", str(tmp_path / "nothing"), "--out", str(target)
    )
    assert code == 1 and "not built" in output and "mkdocs build" in output
    assert not target.exists()


def test_an_unwritable_folder_is_refused(exported: Exported, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, output = export(
        "-f",
        str(SITE / "mkdocs.yml"),
        "--site",
        str(exported.site),
        "--out",
        str(blocker / "x.wacz"),
    )
    assert code == 1 and "cannot write there" in output and "nothing was written" in output
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, output = export(
            "-f",
            str(SITE / "mkdocs.yml"),
            "--site",
            str(exported.site),
            "--out",
            str(locked / "x.wacz"),
        )
        assert code == 1 and "cannot write there" in output


def test_an_edition_over_the_limit_is_refused_and_nothing_is_left(
    exported: Exported, tmp_path: Path
) -> None:
    target = tmp_path / "limited" / "x.wacz"
    code, output = export(
        "-f",
        str(SITE / "mkdocs.yml"),
        "--site",
        str(exported.site),
        "--out",
        str(target),
        "--max-size",
        "100K",
    )
    assert code == 1 and "over the limit of 100 KB" in output
    assert list(target.parent.iterdir()) == []


def test_the_release_workflow_validates_what_it_attaches() -> None:
    text = (REPO / ".github/workflows/release.yml").read_text(encoding="utf-8")
    for command in ("archive export zim", "archive export wacz", "archive export bag"):
        assert command in text
    for check in ("zimcheck", "wacz validate", "bagit --validate", "gh release upload"):
        assert check in text


def test_the_index_finds_every_record_block_by_block(exported: Exported) -> None:
    """`index.idx` points at each gzip member of `index.cdx.gz`; together they list every
    record of the WARC once, sorted, at its offset."""
    with zipfile.ZipFile(exported.wacz) as package:
        cdx = package.read("indexes/index.cdx.gz")
        idx = package.read("indexes/index.idx").decode("utf-8").splitlines()
        warc = package.read("archive/data.warc.gz")
    assert json.loads(idx[0].split(" ", 2)[2])["format"] == "cdxj-gzip-1.0"
    lines: list[str] = []
    for entry in idx[1:]:
        key, _, location = entry.rpartition(" {")
        where = json.loads("{" + location)
        block = gzip.decompress(cdx[where["offset"] : where["offset"] + where["length"]])
        block_lines = block.decode("utf-8").splitlines()
        assert block_lines[0].startswith(key + " {")
        lines += block_lines
    assert lines == sorted(lines) and len(lines) == len(records(exported.wacz))
    for line in lines[:: max(1, len(lines) // 20)]:
        entry = json.loads(line.split(" ", 2)[2])
        offset, length = int(entry["offset"]), int(entry["length"])
        record = gzip.decompress(warc[offset : offset + length])
        assert f"WARC-Target-URI: {entry['url']}\r\n".encode() in record
