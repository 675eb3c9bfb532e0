"""Wayback addresses split and rebuilt, links mapped back to the old site, the toolbar removed."""

from __future__ import annotations

import ipaddress

import pytest

from legacy_archive.core.importing.download import DownloadLimits, fetch_file
from legacy_archive.core.importing.wayback import (
    WaybackURL,
    original_link,
    parse,
    strip_wayback,
    unrewrite,
)
from support.legacy_site import WAYBACK_HOST, serve_legacy_site

LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
IA = "https://web.archive.org/web/"


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        (
            f"{IA}20210301000000/http://old.example/about/",
            (IA, "20210301000000", "", "http://old.example/about/"),
        ),
        (
            f"{IA}20210301000000id_/https://old.example/?p=12",
            (IA, "20210301000000", "id_", "https://old.example/?p=12"),
        ),
        (
            f"{IA}2021im_/http://old.example/a.png",
            (IA, "2021", "im_", "http://old.example/a.png"),
        ),
        (f"{IA}20210301000000/old.example/x", (IA, "20210301000000", "", "http://old.example/x")),
        (
            f"{IA}20210301000000js_/http:/old.example/s.js",
            (IA, "20210301000000", "js_", "http://old.example/s.js"),
        ),
        (
            "http://127.0.0.1:8000/web/20200101000000/http://old.example/",
            ("http://127.0.0.1:8000/web/", "20200101000000", "", "http://old.example/"),
        ),
    ],
)
def test_parse(url: str, parts: tuple[str, str, str, str]) -> None:
    found = parse(url)
    assert found is not None
    assert (found.prefix, found.timestamp, found.modifier, found.original) == parts


@pytest.mark.parametrize(
    "url",
    [
        "https://old.example/web/about/",
        "https://web.archive.org/web/*/http://old.example/*",
        "https://web.archive.org/about/",
        "http://127.0.0.1:8000/web/2020/http://old.example/",  # a short stamp on an unknown host
    ],
)
def test_not_wayback(url: str) -> None:
    assert parse(url) is None


def test_a_configured_prefix() -> None:
    found = parse(
        "https://archive.test/coll/2020id_/http://old.example/", ["https://archive.test/coll/"]
    )
    assert found == WaybackURL("https://archive.test/coll/", "2020", "id_", "http://old.example/")


def test_raw_and_copy_addresses() -> None:
    page = WaybackURL(IA, "20210301000000", "", "http://old.example/about/")
    assert page.raw == f"{IA}20210301000000id_/http://old.example/about/"
    assert page.copy("http://old.example/x", "") == f"{IA}20210301000000/http://old.example/x"


RAW = WaybackURL("http://h/web/", "20210301000000", "id_", "http://old.example/news/post/")
RAW_URL = RAW.copy(RAW.original, "id_")


@pytest.mark.parametrize(
    ("link", "original"),
    [
        ("/web/20210301000000/http://old.example/about/", "http://old.example/about/"),
        ("/web/20200101000000im_/http://old.example/a.png", "http://old.example/a.png"),
        ("http://h/web/20210301000000/https://other.example/", "https://other.example/"),
        ("/about/", "http://old.example/about/"),
        ("other/", "http://old.example/news/post/other/"),
        ("https://elsewhere.example/x", "https://elsewhere.example/x"),
        ("/_static/js/bundle-playback.js", None),
        ("/web/*/http://old.example/*", None),
        ("#top", None),
        ("javascript:void(0)", None),
    ],
)
def test_original_link(link: str, original: str | None) -> None:
    assert original_link(link, RAW_URL, RAW) == original


def test_strip_and_unrewrite_a_served_copy() -> None:
    with serve_legacy_site() as site:
        got = fetch_file(
            site.wayback("/news/first-post/"), limits=DownloadLimits(), allowed_networks=LOCAL
        )
    text = got.body.decode()
    assert "WAYBACK TOOLBAR" in text and "/_static/" in text  # the copy is really rewritten
    page = parse(got.final_url)
    assert page is not None
    clean = unrewrite(strip_wayback(text), got.final_url, page)
    for trace in ("wm-ipp", "__wm", "/_static/", "/web/", "FILE ARCHIVED", "Wayback"):
        assert trace not in clean
    assert f'href="http://{WAYBACK_HOST}/about/"' in clean
    assert f'src="http://{WAYBACK_HOST}/wp-content/uploads/robot.jpg"' in clean
    assert "The programme begins" in clean


def test_strip_keeps_the_page_itself() -> None:
    page = "<html><head><script src='/js/site.js'></script></head><body><p>Hi</p></body></html>"
    assert strip_wayback(page) == page


def test_srcset_is_mapped_back() -> None:
    html = '<img srcset="/web/2021im_/http://old.example/a.png 1x, /_static/x.png 2x">'
    page = WaybackURL("http://h/web/", "2021", "", "http://old.example/")
    clean = unrewrite(html, "http://h/web/2021/http://old.example/", page)
    assert 'srcset="http://old.example/a.png 1x"' in clean
