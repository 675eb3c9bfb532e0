"""What GitHub Pages answers for each address of a site folder (the web archive's records)."""

from __future__ import annotations

import pytest

from legacy_archive.core.emit.downloads import edition_slug, github_repository
from legacy_archive.core.export.pagetext import page_text
from legacy_archive.core.export.served import Served, content_type, served_addresses

PROJECT = "https://owner.github.io/archive/"


def test_a_folder_page_is_served_at_its_folder_its_index_and_a_301_without_its_slash() -> None:
    found = list(served_addresses(["index.html", "courses/index.html"], PROJECT))
    assert found == [
        Served("https://owner.github.io/archive", 301, location=PROJECT),
        Served(PROJECT, 200, "index.html"),
        Served(PROJECT + "index.html", 200, "index.html", same_as=PROJECT),
        Served(PROJECT + "courses/", 200, "courses/index.html"),
        Served(
            PROJECT + "courses/index.html", 200, "courses/index.html", same_as=PROJECT + "courses/"
        ),
        Served(PROJECT + "courses", 301, location=PROJECT + "courses/"),
    ]


def test_a_user_site_has_no_301_for_its_root() -> None:
    found = list(served_addresses(["index.html"], "https://owner.github.io/"))
    assert [s.status for s in found] == [200, 200]


def test_addresses_are_percent_encoded_as_a_browser_asks_for_them() -> None:
    (found,) = served_addresses(["caf\u00e9 menu.pdf"], "https://example.org/")
    assert found.url == "https://example.org/caf%C3%A9%20menu.pdf"


def test_a_wildcard_folder_gets_the_404_page_unless_the_site_has_it() -> None:
    files = ["404.html", "blog/index.html"]
    found = [s for s in served_addresses(files, PROJECT, ["news/", "blog/"]) if s.status == 404]
    assert found == [Served(PROJECT + "news/", 404, "404.html")]
    assert not [s for s in served_addresses(["index.html"], PROJECT, ["news/"]) if s.status == 404]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a/index.html", "text/html; charset=utf-8"),
        ("data/x.csv", "text/csv; charset=utf-8"),
        ("x.RIS", "application/x-research-info-systems"),
        ("pagefind/x.pf_fragment", "application/octet-stream"),
        ("README", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ],
)
def test_content_types_are_pages_own_not_the_machines(name: str, expected: str) -> None:
    assert content_type(name) == expected


def test_page_text_reads_the_main_content_without_navigation_or_permalinks() -> None:
    html = (
        b'<html><head><meta charset="utf-8"><title>A \xc3\xa9 page</title></head><body>'
        b'<header>Site header</header><nav>Menu</nav><main><h1>Title<a class="headerlink">'
        b"\xc2\xb6</a></h1><p>One</p><p>two</p><script>var x;</script></main>"
        b"<footer>Foot</footer></body></html>"
    )
    text = page_text(html)
    assert (text.title, text.text, text.listed) == ("A \u00e9 page", "Title One two", True)
    assert not page_text('<meta name="robots" content="noindex"><p>x</p>').listed


def test_the_download_page_finds_the_repository_and_names_files_as_the_exports_do() -> None:
    assert github_repository("", "https://github.com/owner/name.git") == "owner/name"
    assert github_repository("https://gitlab.com/a/b", "https://github.com/a/b/issues") == "a/b"
    assert github_repository("https://github.com/owner", "http://github.com/a/b") == ""
    assert edition_slug("TechPathways London archive") == "techpathways-london-archive"
    assert edition_slug("\u00e9\u00e9") == "archive"
