"""The parts of the ZIM edition that need no build: links made to point at entries, pages
without the search, the 48x48 illustration, and libzim's random bytes replaced."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from legacy_archive.core.export.illustration import (
    decode_rgba,
    encode_rgba,
    illustration,
    png_size,
)
from legacy_archive.core.export.offline import local_links, offline_page

LINKS = [
    ("about/index.html", "..", "../index.html"),
    ("courses/x/index.html", "../../#top", "../../index.html#top"),
    ("index.html", ".", "index.html"),
    ("index.html", "courses/", "courses/index.html"),
    ("index.html", "courses?sort=date", "courses/index.html?sort=date"),
    ("404.html", "/base/about/", "about/index.html"),
    ("404.html", "/base/assets/a.css", "assets/a.css"),
    ("courses/x/index.html", "../../assets/a.css", "../../assets/a.css"),
    ("about/index.html", "../missing/", "../missing/"),
    ("about/index.html", "https://example.org/", "https://example.org/"),
    ("about/index.html", "/elsewhere/", "/elsewhere/"),
    ("index.html", "../..", "../.."),
]
PATHS = frozenset(
    [
        "index.html",
        "about/index.html",
        "courses/index.html",
        "courses/x/index.html",
        "assets/a.css",
        "404.html",
    ]
)


@pytest.mark.parametrize(("page", "link", "expected"), LINKS)
def test_links_point_at_entries(page: str, link: str, expected: str) -> None:
    html = f'<a href="{link}">x</a>'.encode()
    assert local_links(html, page, "/base/", PATHS) == f'<a href="{expected}">x</a>'.encode()


def test_pages_without_search_are_unchanged() -> None:
    page = b'<p>A record about <a href="../find/">search</a>.</p><form id="other"></form>'
    assert offline_page(page) == page
    script = b'<script src="../../assets/javascripts/archive-search.js"></script>\n<p>x</p>'
    assert offline_page(script) == b"<p>x</p>"


def _png(side: int, colour: tuple[int, int, int, int]) -> bytes:
    return encode_rgba(side, [colour] * (side * side))


def test_the_illustration_is_48_pixels_square() -> None:
    icon = _png(96, (200, 10, 20, 255))
    small = illustration(icon)
    assert png_size(small) == (48, 48)
    width, height, pixels = decode_rgba(small)
    assert (width, height) == (48, 48) and set(pixels) == {(200, 10, 20, 255)}
    same = _png(48, (1, 2, 3, 255))
    assert illustration(same) == same, "a 48x48 icon is used as it is"
    tile = illustration(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert illustration(None) == tile
    width, height, pixels = decode_rgba(tile)
    assert (width, height) == (48, 48) and len(set(pixels)) == 1


def _tiny_zim(path: Path, body: bytes) -> None:
    from libzim.writer import Creator, Hint, Item, StringProvider

    class Page(Item):  # type: ignore[misc]
        def get_path(self) -> str:
            return "index.html"

        def get_title(self) -> str:
            return "Home"

        def get_mimetype(self) -> str:
            return "text/html"

        def get_contentprovider(self) -> Any:
            return StringProvider(b"<html><head><title>Home</title></head><body>" + body)

        def get_hints(self) -> dict[Any, bool]:
            return {Hint.FRONT_ARTICLE: True, Hint.COMPRESS: False}

    with Creator(str(path)).config_indexing(True, "eng").config_nbworkers(1) as creator:
        creator.set_mainpath("index.html")
        creator.add_item(Page())
        creator.add_metadata("Title", "Tiny")


def test_libzims_random_uuids_are_replaced(tmp_path: Path) -> None:
    from libzim.reader import Archive

    from legacy_archive.core.export.zim_identity import XAPIAN_MAGIC, make_reproducible

    first, second = tmp_path / "1.zim", tmp_path / "2.zim"
    for path in (first, second):
        _tiny_zim(path, b"<p>words to index</p>")
    assert first.read_bytes() != second.read_bytes(), "libzim alone differs run to run"
    for path in (first, second):
        assert make_reproducible(path, "digest", indexes=2)
    assert first.read_bytes() == second.read_bytes()
    assert Archive(str(first)).check() and Archive(str(first)).checksum
    title_index = struct.unpack("<Q", first.read_bytes()[40:48])[0]
    assert title_index < first.stat().st_size, "the old title index is back, inside the file"
    quoted = tmp_path / "quoted.zim"
    _tiny_zim(quoted, b"<p>" + XAPIAN_MAGIC + b"</p>")
    assert not make_reproducible(quoted, "digest", indexes=2), "content quoting the magic"
    assert Archive(str(quoted)).check(), "still a valid file, with a valid checksum"


def test_the_editions_date_comes_from_the_content_or_source_date_epoch() -> None:
    from legacy_archive.core.config.project_file import read_settings
    from legacy_archive.core.export.common import content_timestamp
    from legacy_archive.core.pipeline import load_archive
    from support.paths import SITE

    settings, errors = read_settings(SITE / "mkdocs.yml")
    assert settings is not None, errors
    archive = load_archive(settings).archive
    assert content_timestamp(archive, {}).isoformat() == "2026-11-23T00:00:00+00:00"
    epoch = content_timestamp(archive, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert epoch.isoformat() == "2023-11-14T22:13:20+00:00"


@pytest.mark.parametrize(
    ("text", "size"),
    [("2G", 2 * 1024**3), ("500M", 500 * 1024**2), ("1.5GiB", 3 * 1024**3 // 2), ("100", 100)],
)
def test_sizes_for_max_size(text: str, size: int) -> None:
    from legacy_archive.core.export.common import parse_size

    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("theme", "code"),
    [("en", "eng"), ("cy", "cym"), ("pt-BR", "por"), ("fra", "fra"), ("xx", None)],
)
def test_iso_639_3_codes(theme: str, code: str | None) -> None:
    from legacy_archive.core.export.common import language_code

    assert language_code(theme) == code
