"""Old addresses with a query (`/?p=123`): which `legacy_urls` and `redirects` entries are
kept, the key both the build and the browser script match them by, the map the build
writes, who claims which query, and how the URL ledger counts them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from legacy_archive.core.export.served import served_addresses
from legacy_archive.core.publish.address_rules import (
    QUERY_MAP,
    address_problem,
    query_key,
    redirect_file,
)
from legacy_archive.core.publish.ledger import broken_urls, published_urls, resolves
from legacy_archive.core.publish.ledger_file import LedgerEntry
from legacy_archive.core.publish.namespace import safe_redirects, site_problems
from legacy_archive.core.publish.redirects import (
    Redirect,
    RedirectWriter,
    browser_rules,
    query_map,
)
from support.project import COURSE, Project

UNUSED = "(expected an address no other page or file of this site uses)"


@pytest.mark.parametrize(
    "address",
    ["/?p=123", "/index.php?page_id=5", "/old/?id=4&", "/?s=caf%C3%A9+bar", "/a.php?print"],
)
def test_an_old_address_with_a_query_is_kept(address: str) -> None:
    assert address_problem(address) is None


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("/?p=1#top", "'/?p=1#top' has a fragment, which a browser never sends (expected the address without its '#' part, like '/?p=1')"),
        ("/a#b", "'/a#b' has a fragment, which a browser never sends (expected the address without its '#' part, like '/a')"),
        ("/blog/*?p=1", "'/blog/*?p=1' has a query on a wildcard (expected a folder wildcard like '/blog/*', or one old address with its query, like '/blog/?p=123')"),
        ("/?" + "a" * 301, "'/?aaaaaaaaaaaaaaaaaaaa...' has a query 301 characters long (expected at most 300)"),
        ("/?", "'/?' has an empty query (expected parameters after '?', like '/?p=123', or no '?')"),
        ("/?&x=", "'/?&x=' has an empty query (expected parameters after '?', like '/?p=123', or no '?')"),
        ("/?q=100%", "'/?q=100%' has a '%' that starts no percent escape in its query (expected '%25' for '%')"),
        ("/?q=%FF", "'/?q=%FF' has a percent escape in its query that is not UTF-8 text (expected escapes like '%C3%A9' for 'é')"),
        ("/?q=%0A", "'/?q=%0A' has a control character in its query (expected plain text)"),
        ("/../?p=1", "'/../?p=1' has an empty, '.' or '..' part (expected a path like '/old/page.html')"),
    ],
)  # fmt: skip
def test_an_old_address_a_redirect_cannot_keep_says_why(address: str, why: str) -> None:
    assert address_problem(address) == why


def test_a_query_is_matched_with_its_parameters_sorted_and_empty_ones_dropped() -> None:
    assert query_key("p=123") == "p=123"
    assert (
        query_key("post_type=event&p=7")
        == query_key("p=7&post_type=event&")
        == ("p=7&post_type=event")
    )
    assert query_key("p=1&utm=&&") == "p=1"
    assert query_key("s=caf%C3%A9+bar") == query_key("s=café%20bar") == "s=caf%C3%A9%20bar"
    assert query_key("print") == "print" and query_key("print=") == ""
    assert query_key("a=(x)*") == "a=(x)*", "what encodeURIComponent leaves alone"
    assert redirect_file("/?p=1") == "index.html" and redirect_file("/old?id=4") == "old/index.html"


def _rules() -> list[Redirect]:
    return [
        Redirect("/?p=123", "courses/a/"),
        Redirect("/?b=2&a=1&", "courses/b/"),
        Redirect("/index.php?page_id=5", "https://example.org/kept/"),
        Redirect("/old.html", "courses/a/"),
        Redirect("/blog/*", "courses/b/"),
    ]


def test_the_map_holds_the_query_rules_by_the_file_their_path_is_served_from(
    tmp_path: Path,
) -> None:
    assert query_map(_rules()) == {
        "index.html": {"a=1&b=2": "courses/b/", "p=123": "courses/a/"},
        "index.php": {"page_id=5": "https://example.org/kept/"},
    }
    written = RedirectWriter().write(_rules(), tmp_path, "")
    assert written == ["old.html", QUERY_MAP], "no redirect page for a query or a wildcard"
    assert json.loads((tmp_path / QUERY_MAP).read_text(encoding="utf-8")) == query_map(_rules())
    assert not (tmp_path / "index.html").exists() and not (tmp_path / "index.php").exists()
    assert browser_rules(_rules()) == [
        {"prefix": "blog/", "target": "courses/b/"},
        {"queries": "index.html"},
        {"queries": "index.php"},
    ]


def test_an_archive_without_query_rules_writes_no_map(tmp_path: Path) -> None:
    rules = [Redirect("/old.html", "courses/a/")]
    assert RedirectWriter().write(rules, tmp_path, "") == ["old.html"]
    assert not (tmp_path / QUERY_MAP).exists() and browser_rules(rules) == []


def test_the_ledger_counts_a_query_resolved_only_while_the_map_leads_it_on(
    tmp_path: Path,
) -> None:
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    RedirectWriter().write(_rules(), tmp_path, "")
    assert resolves(tmp_path, "/?p=123") and resolves(tmp_path, "/?a=1&b=2")
    assert resolves(tmp_path, "/index.html?b=2&a=1"), "the same file, the same query"
    assert not resolves(tmp_path, "/?p=999"), "the home page is not the page it was"
    entries = [LedgerEntry("/?p=123", 3), LedgerEntry("/index.php?page_id=6", 4)]
    assert broken_urls(Path("url-ledger.txt"), entries, tmp_path) == [
        "url-ledger.txt:4: url: '/index.php?page_id=6' no longer resolves (expected a page or "
        "file at this address; if it moved, add '/index.php?page_id=6' to the record's "
        "legacy_urls or to plugins.archive.redirects)"
    ]


def _course(project: Project, name: str, *urls: str) -> None:
    listed = "".join(f"  - '{url}'\n" for url in urls)
    text = COURSE.replace("Audio Editing", name).replace(
        "level: short\n", f"level: short\nlegacy_urls:\n{listed}"
    )
    project.write(f"courses/{name.lower()}.md", text)


def test_claims_on_query_addresses(tmp_path: Path) -> None:
    project = Project(tmp_path)
    _course(project, "Alpha", "/?p=1", "/about/?page_id=5", "/index.php?p=7", "/old.html")
    _course(project, "Beta", "/?p=2&", "/index.php?p=7&utm=", "/old.html?id=3")
    loaded = project.load()
    assert loaded.problems == [], loaded.problems
    assert [str(p) for p in site_problems(loaded.archive)] == [
        "courses/beta.md:11: legacy_urls[2]: '/index.php?p=7&utm=' is already the old address '/index.php?p=7' (courses/alpha.md:12), once its parameters are sorted (expected each old address to lead to one page)",
        "courses/beta.md:12: legacy_urls[3]: '/old.html?id=3' would be answered by the old address '/old.html' (courses/alpha.md:13), which runs no script to read the query (expected a query on a page of this site or on an address no file answers, like '/index.php?p=123')",
    ]  # fmt: skip
    kept, _ = safe_redirects(loaded.archive)
    assert [rule.source for rule in kept if rule.query] == [
        "/?p=1",
        "/?p=2&",
        "/about/?page_id=5",
        "/index.php?p=7",
    ], "the home page, a hand-written page and a path no file answers host their queries"


def test_a_web_archive_records_a_query_with_the_page_its_path_is_served_from() -> None:
    site = "https://owner.github.io/"
    found = list(
        served_addresses(
            ["404.html", "index.html"], site, old_queries=["?p=123", "index.php?page_id=5"]
        )
    )
    assert [(s.url, s.status, s.file, s.same_as) for s in found[-2:]] == [
        (site + "?p=123", 200, "index.html", site),
        (site + "index.php?page_id=5", 404, "404.html", ""),
    ]


def test_the_site_level_map_takes_query_addresses_too(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("courses/a.md", COURSE)
    config = project.root / "mkdocs.yml"
    rules = "        /news/*: about/\n        /?page_id=2: about/\n        /?p=1#x: about/\n"
    text = config.read_text(encoding="utf-8").replace("        /news/*: about/\n", rules)
    config.write_text(text, encoding="utf-8")
    loaded = project.load()
    assert loaded.problems == [], loaded.problems
    line = text.splitlines().index("        /?p=1#x: about/") + 1
    assert [str(p) for p in site_problems(loaded.archive)] == [
        f"mkdocs.yml:{line}: plugins.archive.redirects./?p=1#x: '/?p=1#x' is not an old path (expected a path starting with '/', optionally ending in '*' or with a query like '/?p=123')"
    ]  # fmt: skip
    kept, _ = safe_redirects(loaded.archive)
    assert query_map(kept) == {"index.html": {"page_id=2": "about/"}}


def test_the_ledger_records_a_query_address_as_written(tmp_path: Path) -> None:
    project = Project(tmp_path)
    _course(project, "Alpha", "/?b=2&a=1", "/old.html")
    loaded = project.load()
    kept, _ = safe_redirects(loaded.archive)
    urls = published_urls(loaded.archive, [""], kept, [])
    assert {"/?b=2&a=1", "/old.html"} <= urls and "/?a=1&b=2" not in urls
