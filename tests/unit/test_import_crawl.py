"""Crawling the local legacy site, live and behind a Wayback-style prefix, within its limits."""

from __future__ import annotations

import gzip
import ipaddress
import time
from collections.abc import Iterator

import pytest

from legacy_archive.core.importing.crawl import CrawlLimits, fetch_address, normalise, read_site
from legacy_archive.core.importing.items import Source
from legacy_archive.core.importing.sitemap import read_sitemap
from legacy_archive.core.importing.webpage import read_page
from support.legacy_site import HOTLINK, WAYBACK_HOST, LegacySite, serve_files, serve_legacy_site

MB = 1024 * 1024
LOCAL = (ipaddress.ip_network("127.0.0.1/32"),)
PAGES = [
    "page:/",
    "page:/about/",
    "page:/events/open-day/",
    "page:/news/",
    "page:/news/first-post/",
    "page:/news/second-post/",
]
CHROME = (
    "Recent posts",
    "Newsletter",
    "cookies",
    "Copyright",
    "Making things since 2019",
    "Old about page",
    "logo",
    "Staff area",
)
QUICK = CrawlLimits(max_seconds=20, page_deadline_s=2, wayback_delay_s=0)


@pytest.fixture(scope="module")
def site() -> Iterator[LegacySite]:
    with serve_legacy_site() as running:
        yield running


@pytest.fixture(scope="module")
def live(site: LegacySite) -> Source:
    return read_site(site.url("/"), limits=QUICK, allowed_networks=LOCAL)


@pytest.fixture(scope="module")
def copy(site: LegacySite) -> Source:
    return read_site(site.wayback("/"), limits=QUICK, allowed_networks=LOCAL)


def by_key(source: Source) -> dict[str, object]:
    return {item.key: item for item in source.items}


def test_every_page_is_found_once(live: Source, copy: Source) -> None:
    assert [item.key for item in live.items] == PAGES
    assert [item.key for item in copy.items] == PAGES
    assert live.kind == "site"


def test_chrome_stays_out_of_the_body(live: Source) -> None:
    for item in live.items:
        for chrome in CHROME:
            assert chrome not in item.html, (item.key, chrome)
    about = next(item for item in live.items if item.key == "page:/about/")
    assert "every workshop plan was published" in about.html


def test_images_and_links_are_kept_absolute(live: Source, site: LegacySite) -> None:
    post = next(item for item in live.items if item.key == "page:/news/first-post/")
    assert f'src="{site.url("/wp-content/uploads/robot.jpg")}"' in post.html
    assert f'href="{site.url("/files/report.pdf")}"' in post.html


def test_old_addresses_are_kept(live: Source, site: LegacySite) -> None:
    items = {item.key: item for item in live.items}
    assert items["page:/about/"].old_urls == (site.url("/?page_id=7"), site.url("/old-about"))
    assert items["page:/news/first-post/"].old_urls == (site.url("/?p=12"),)
    assert items["page:/news/first-post/"].url == site.url("/news/first-post/")


def test_dates_titles_and_terms_come_from_the_markup(live: Source) -> None:
    items = {item.key: item for item in live.items}
    first, second = items["page:/news/first-post/"], items["page:/news/second-post/"]
    assert (first.title, first.date) == ("The programme begins", "2021-02-03T10:00:00+00:00")
    assert (first.categories, first.tags) == (("News",), ("robots", "coding"))
    assert (second.date, second.tags) == ("2021-05-06", ("workshops", "summer term"))
    assert items["page:/"].date == ""  # no date on the page: none made up


def test_site_files_are_attachments_and_hotlinks_reported(live: Source, site: LegacySite) -> None:
    post = next(item for item in live.items if item.key == "page:/news/first-post/")
    assert [f.url for f in post.attachments] == [
        site.url("/files/report.pdf"),
        site.url("/wp-content/uploads/robot.jpg"),
    ]
    hotlinks = [i for i in live.ignored if i.what.startswith("hotlinked image:")]
    assert [i.what for i in hotlinks] == [f"hotlinked image: {HOTLINK}"]


def test_attachments_carry_their_alt_and_link_text(live: Source, site: LegacySite) -> None:
    about = next(item for item in live.items if item.key == "page:/about/")
    files = {f.url: f for f in about.attachments}
    assert files[site.url("/files/report.pdf")].title == "PDF download"
    assert files[site.url("/wp-content/uploads/team.jpg")].alt == "The team at the first workshop"


def test_a_link_that_leaves_the_site_is_not_a_page(live: Source, site: LegacySite) -> None:
    what = {i.what: i.why for i in live.ignored}
    assert what[f"page: {site.url('/redirect-offsite')}"] == (
        "redirects off the site to http://elsewhere.example/landing/; not imported"
    )
    assert not any("/redirect-offsite" in problem for problem in live.problems)


def test_robots_txt_is_obeyed(live: Source, site: LegacySite) -> None:
    assert "/private/staff/" not in site.seen()
    what = {i.what: i.why for i in live.ignored}
    assert what[f"page: {site.url('/private/staff/')}"] == "disallowed by robots.txt"


def test_sitemaps_are_read_gzip_included(site: LegacySite, live: Source) -> None:
    assert {"/sitemap.xml", "/sitemap-pages.xml", "/sitemap-posts.xml.gz"} <= set(site.seen())


def test_tag_listings_are_not_imported(live: Source, site: LegacySite) -> None:
    assert "/tag/robots/" not in site.seen()
    assert f"page: {site.url('/tag/robots/')}" in {i.what for i in live.ignored}


def test_broken_pages_are_problems(live: Source, site: LegacySite) -> None:
    assert live.problems == [f"{site.url('/gone/')}: HTTP 404 (expected 200 OK)"]


def test_inventory(live: Source) -> None:
    assert dict(live.inventory["page paths"]) == {"/": 1, "about": 1, "events": 1, "news": 3}
    assert live.inventory["tags"]["robots"] == 1
    assert dict(live.inventory["categories"]) == {"News": 1}


def test_a_wayback_copy_records_the_old_site(copy: Source, site: LegacySite) -> None:
    old = f"http://{WAYBACK_HOST}"
    assert copy.site_url == f"{old}/"
    for item in copy.items:
        addresses = [item.url, *item.old_urls, *(f.url for f in item.attachments)]
        assert all(a.startswith(old) for a in addresses), addresses
        assert "/web/" not in item.html and "wm-ipp" not in item.html
    items = {item.key: item for item in copy.items}
    assert items["page:/about/"].old_urls == (f"{old}/?page_id=7", f"{old}/old-about")
    second = items["page:/news/second-post/"]
    assert second.fields["wayback"] == site.wayback(
        "/news/second-post/", timestamp="20210415000000"
    )


def test_a_wayback_crawl_fetches_raw_copies_only(copy: Source, site: LegacySite) -> None:
    wayback = [path for path in site.seen() if path.startswith("/web/")]
    assert wayback and all("id_/http://old.example/" in path for path in wayback)


def test_a_rewritten_copy_is_cleaned_the_same() -> None:
    with serve_legacy_site(raw_wayback=False) as rewritten:
        source = read_site(rewritten.wayback("/"), limits=QUICK, allowed_networks=LOCAL)
    assert [item.key for item in source.items] == PAGES
    for item in source.items:
        assert "/web/" not in item.html and "WAYBACK" not in item.html
        for chrome in CHROME:
            assert chrome not in item.html
    post = next(item for item in source.items if item.key == "page:/news/first-post/")
    assert f'src="http://{WAYBACK_HOST}/wp-content/uploads/robot.jpg"' in post.html


def test_fetch_address_points_files_of_a_copy_at_it(copy: Source, site: LegacySite) -> None:
    assert fetch_address(copy, f"http://{WAYBACK_HOST}/files/report.pdf") == site.wayback(
        "/files/report.pdf", modifier="id_"
    )
    assert fetch_address(copy, HOTLINK) == HOTLINK


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/redirect-offsite", "redirects off the site to http://elsewhere.example/landing/"),
        ("/redirect-private", "redirect refused: 10.0.0.1 is a private or local address"),
        ("/slow", "no complete answer within 0.5 s"),
        ("/files/report.pdf", "the server says it is application/pdf (expected text/html"),
    ],
)
def test_a_bad_target_is_refused_with_nothing_else_read(
    site: LegacySite, path: str, reason: str
) -> None:
    before = len(site.seen())
    source = read_site(
        site.url(path), limits=CrawlLimits(page_deadline_s=0.5), allowed_networks=LOCAL
    )
    assert source.items == [] and len(source.problems) == 1
    assert source.problems[0].startswith(f"{site.url(path)}: {reason}")
    assert site.seen()[before:] == [path]


def test_a_busy_server_is_asked_again_once(site: LegacySite) -> None:
    before = len(site.seen())
    source = read_site(site.url("/busy/"), limits=CrawlLimits(max_pages=1), allowed_networks=LOCAL)
    assert source.problems == [] and [i.title for i in source.items] == ["About the programme"]
    assert site.seen()[before : before + 2] == ["/busy/", "/busy/"]


def test_a_wayback_crawl_waits_between_requests(site: LegacySite) -> None:
    gentle = CrawlLimits(max_pages=1, max_depth=0, wayback_delay_s=0.25)
    started = time.monotonic()
    copy = read_site(site.wayback("/"), limits=gentle, allowed_networks=LOCAL)
    waited = time.monotonic() - started
    started = time.monotonic()
    live = read_site(site.url("/"), limits=gentle, allowed_networks=LOCAL)
    assert [i.key for i in copy.items] == [i.key for i in live.items] == ["page:/"]
    # the page, robots.txt, the sitemap index and its two sitemaps: four waits
    assert waited >= 1 and time.monotonic() - started < 0.9


def test_local_addresses_are_refused_by_default(site: LegacySite) -> None:
    source = read_site(site.url("/"), limits=QUICK)
    assert source.problems == [
        f"{site.url('/')}: refused: 127.0.0.1 is a private or local address"
        " (only public addresses are fetched)"
    ]


def test_the_page_limit_stops_the_crawl(site: LegacySite) -> None:
    source = read_site(
        site.url("/"), limits=CrawlLimits(max_pages=2, page_deadline_s=2), allowed_networks=LOCAL
    )
    assert [item.key for item in source.items] == ["page:/", "page:/about/"]
    assert any("the page limit (2) was reached" in i.why for i in source.ignored)


def test_the_depth_limit_keeps_to_the_start(site: LegacySite) -> None:
    source = read_site(
        site.url("/"), limits=CrawlLimits(max_depth=0, page_deadline_s=2), allowed_networks=LOCAL
    )
    assert [item.key for item in source.items] == ["page:/"]


def test_the_byte_limit_stops_the_crawl(site: LegacySite) -> None:
    source = read_site(
        site.url("/"), limits=CrawlLimits(max_bytes=6000, page_deadline_s=2), allowed_networks=LOCAL
    )
    assert 1 <= len(source.items) < len(PAGES)
    assert source.problems == []  # pages left unread are not broken pages
    assert any("the byte limit (5.86 KB) was reached" in i.why for i in source.ignored)


def test_the_time_limit_ends_the_crawl(site: LegacySite) -> None:
    source = read_site(
        site.url("/slow"), limits=CrawlLimits(max_seconds=0.4), allowed_networks=LOCAL
    )
    assert source.problems == [f"{site.url('/slow')}: stopped at the crawl's time limit (0.4 s)"]


def test_crawl_delay_is_obeyed() -> None:
    page = b"<html><body><main><h1>A</h1><p>Some words.</p><a href='/b'>b</a></main></body></html>"
    files = {
        "/robots.txt": ("text/plain", b"User-agent: *\nCrawl-delay: 1\n"),
        "/": ("text/html", page),
        "/b": ("text/html", page.replace(b"<h1>A", b"<h1>B")),
    }
    with serve_files(files) as small:
        started = time.monotonic()
        source = read_site(small.url("/"), limits=QUICK, allowed_networks=LOCAL)
        elapsed = time.monotonic() - started
    assert [item.key for item in source.items] == ["page:/", "page:/b"]
    assert elapsed >= 1  # /b waits a second after the request before it


def test_two_at_a_time_reads_the_same_site(site: LegacySite, live: Source) -> None:
    source = read_site(
        site.url("/"), limits=CrawlLimits(concurrency=2, page_deadline_s=2), allowed_networks=LOCAL
    )
    assert [(i.key, i.old_urls, i.html) for i in source.items] == [
        (i.key, i.old_urls, i.html) for i in live.items
    ]


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTP://Old.Example:80/a/#top", "http://old.example/a/"),
        ("https://old.example:443", "https://old.example/"),
        ("http://old.example/?utm_source=x&p=12", "http://old.example/?p=12"),
        ("http://old.example/x?b=2&a=1", "http://old.example/x?a=1&b=2"),
        ("http://old.example/caf%C3%A9/", "http://old.example/caf%C3%A9/"),
        ("http://old.example/?s=robots", None),
        ("http://old.example/post/?replytocom=5", None),
        ("mailto:someone@old.example", None),
        ("http://[::1", None),
    ],
)
def test_normalise(url: str, normal: str | None) -> None:
    assert normalise(url) == normal


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"concurrency": 3}, "concurrency"),
        ({"max_seconds": 0}, "max_seconds"),
        ({"max_pages": -1}, "max_pages"),
    ],
)
def test_limits_are_checked(bad: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CrawlLimits(**bad)  # type: ignore[arg-type]


def test_sitemaps_with_entities_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><urlset><url><loc>&b;</loc></url></urlset>'
    )
    assert read_sitemap(laughs, MB).problem.startswith("not a readable sitemap")


def test_a_gzip_sitemap_is_inflated_within_its_limit() -> None:
    big = gzip.compress(b"<urlset>" + b" " * 100_000 + b"</urlset>", mtime=0)
    assert "decompresses to more than" in read_sitemap(big, 10_000).problem
    small = gzip.compress(b"<urlset><url><loc>http://old.example/a</loc></url></urlset>", mtime=0)
    assert read_sitemap(small, 10_000).pages == ["http://old.example/a"]


def test_a_sitemap_must_be_a_sitemap() -> None:
    assert read_sitemap(b"<html><body/></html>", MB).problem == (
        "not a sitemap (the root is <html>, expected <urlset>)"
    )


def test_a_page_reads_its_wordpress_ids_and_xhtml() -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><title>Old | Site</title><link rel="shortlink" href="/?p=99"></head>'
        '<body class="post-template postid-12"><main><h1>An old post</h1><p>Words.</p></main>'
        "<footer>Copyright 2022 The Programme</footer></body></html>"
    )
    page = read_page(text, "http://old.example/2019/an-old-post/")
    assert page.title == "An old post"
    assert page.aliases == ["http://old.example/?p=99", "http://old.example/?p=12"]
    assert "<h1>An old post</h1>" in page.html and "Copyright" not in page.html
    assert page.date == ""  # neither the footer's year nor the clock is a date


def test_a_date_in_the_address_is_used_last() -> None:
    page = read_page(
        "<html><body><main><h1>T</h1><p>Words.</p></main></body></html>",
        "http://old.example/2019/05/04/t/",
    )
    assert page.date == "2019-05-04"
