"""A small old programme website served on 127.0.0.1, as importers meet them in the wild.

`serve_legacy_site()` serves pages wrapped in navigation chrome (header, nav, sidebar,
cookie banner, footer) with images, PDFs, internal links, WordPress-style `?p=` and
`?page_id=` addresses, a robots.txt, a sitemap index with a gzip sitemap, the same site
behind a Wayback-style prefix (`/web/20210301000000/http://old.example/...`, with a fake
toolbar and rewritten links, and `id_` raw copies), and the hostile parts: redirects off
the site and to a private address, a server that never answers, one that drips, a 2 GB
file (declared, and streamed without a length), a compression bomb and a lying type.
`serve_files({...})` serves any path -> (content type, bytes) table, for benchmarks.
"""

from __future__ import annotations

import gzip
import html
import re
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WAYBACK_HOST = "old.example"
"""The original host of the Wayback copy (never resolved: only the copy is fetched)."""
WAYBACK_TIMESTAMP = "20210301000000"
LATER_TIMESTAMP = "20210415000000"
"""Where the copy redirects `/news/second-post/` (a capture at another time)."""
HOTLINK = "http://cdn.elsewhere.example/hotlinked.jpg"
HUGE = 2 * 1024**3

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(300) + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class Page:
    title: str
    body: str
    """The main content, with `{o}` for the origin of absolute links."""
    head: str = ""


PAGES: dict[str, Page] = {
    "/": Page(
        "Welcome to the Makers Programme",
        """<h1>Welcome to the Makers Programme</h1>
<p>The programme ran workshops for young makers in three cities between 2019 and 2022.
This site keeps the guides, news and events it published so that teachers can still use
them after the programme ended.</p>
<p>Read <a href="/about/">about the programme</a>, the <a href="{o}/news/">latest news</a>
or the <a href="/events/open-day/">open day</a> notes.</p>
<p>Our first announcement is at <a href="/?p=12">this address</a>.</p>""",
    ),
    "/about/": Page(
        "About the programme",
        """<h1>About the programme</h1>
<p>The Makers Programme was funded for three years to bring electronics, coding and design
workshops into schools and libraries. Volunteers from local companies taught alongside
teachers, and every workshop plan was published under an open licence.</p>
<p>The final report is available as a <a href="/files/report.pdf">PDF download</a>.
An older page that moved is <a href="/gone/">no longer here</a>.</p>
<figure><img src="/wp-content/uploads/team.jpg" alt="The team at the first workshop">
<figcaption>The team at the first workshop</figcaption></figure>""",
    ),
    "/news/": Page(
        "News",
        """<h1>News</h1>
<p>Announcements from the programme, newest first, kept as they were published.</p>
<ul><li><a href="/news/second-post/">Workshops for the summer term</a></li>
<li><a href="{o}/news/first-post/">The programme begins</a></li></ul>""",
    ),
    "/news/first-post/": Page(
        "The programme begins",
        """<article><h1>The programme begins</h1>
<p>We are delighted to announce the first workshops of the Makers Programme. Pupils will
build small robots, learn to solder and write their first programs with the help of
volunteers from local firms.</p>
<p><img src="/wp-content/uploads/robot.jpg" alt="A small robot built by a pupil"></p>
<p>A picture from a partner: <img src="{hotlink}" alt="A hotlinked photo"></p>
<p>The schedule is in the <a href="{o}/files/report.pdf">programme report</a>.</p>
<p>Filed under <a rel="category tag" href="/category/news/">News</a>; tagged
<a rel="tag" href="/tag/robots/">robots</a>, <a rel="tag" href="/tag/coding/">coding</a>.</p>
</article>""",
        head='<meta property="og:title" content="The programme begins">'
        '<meta property="article:published_time" content="2021-02-03T10:00:00+00:00">',
    ),
    "/news/second-post/": Page(
        "Workshops for the summer term",
        """<article><h1>Workshops for the summer term</h1>
<p>Published <time datetime="2021-05-06">6 May 2021</time>.</p>
<p>Booking is open for the summer workshops on sensors, music and microcontrollers. Each
session lasts two hours and all equipment is provided, so schools need only bring their
pupils and a teacher.</p>
<p>See the <a href="/events/open-day/">open day</a> for a taste of the sessions.</p>
</article>""",
        head='<meta name="keywords" content="workshops, summer term">',
    ),
    "/events/open-day/": Page(
        "Open day",
        """<h1>Open day</h1>
<p>On the open day visitors tried every workshop for half an hour, met the volunteers and
took home the printed guides. More than two hundred people came to the library hall.</p>
<p><img src="/images/open-day.png" alt="Visitors at the open day"></p>
<p>The <a href="/files/report.pdf#page=4">report</a> has the numbers.</p>
<p>Tickets were sold through <a href="/redirect-offsite">our partner</a>.</p>""",
    ),
    "/private/staff/": Page(
        "Staff only",
        "<h1>Staff only</h1><p>This page is disallowed by robots.txt and must not be read.</p>",
    ),
}
REDIRECTS = {
    "/?p=12": "/news/first-post/",
    "/?page_id=7": "/about/",
    "/old-about": "/about/",
}
FILES: dict[str, tuple[str, bytes]] = {
    "/files/report.pdf": ("application/pdf", PDF),
    "/wp-content/uploads/team.jpg": ("image/jpeg", JPEG),
    "/wp-content/uploads/robot.jpg": ("image/jpeg", JPEG + b"robot"),
    "/images/open-day.png": ("image/png", PNG),
    "/images/logo.png": ("image/png", PNG + b"logo"),
    "/lying.png": ("image/png", b"<!doctype html><html><script>alert(1)</script></html>"),
    "/plain.txt": ("text/plain; charset=utf-8", "hello, caf\u00e9\n".encode()),
}
SITEMAP_PAGES = ("/", "/about/", "/events/open-day/")
SITEMAP_POSTS = ("/news/first-post/", "/news/second-post/")

CHROME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Makers Programme</title>
{head}<link rel="stylesheet" href="/wp-content/themes/makers/style.css"></head>
<body>
<div class="cookie-banner" id="cookie-notice">We use cookies to improve this site.
<a href="/about/#cookies">Cookie policy</a> <button>Accept all cookies</button></div>
<header class="site-header"><a href="{o}/"><img src="/images/logo.png" alt="Makers Programme
logo"></a><p class="tagline">Making things since 2019</p></header>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/about/">About us</a></li>
<li><a href="/news/">News</a></li><li><a href="/events/open-day/">Events</a></li>
<li><a href="/old-about">Old about page</a></li></ul></nav>
<main id="content">{body}</main>
<aside class="sidebar widget-area"><h2>Recent posts</h2><ul>
<li><a href="/news/first-post/">The programme begins</a></li>
<li><a href="/?page_id=7">About (old link)</a></li></ul>
<h2>Newsletter</h2><p>Sign up for our newsletter sidebar widget.</p></aside>
<footer class="site-footer"><p>Copyright 2022 Makers Programme footer text.
<a href="/about/#privacy">Privacy</a> <a href="/private/staff/">Staff area</a></p></footer>
</body></html>"""

TOOLBAR = """<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base" lang="en"><div id="wm-ipp">Wayback Machine toolbar: 42 captures
<a href="/web/*/{original}">calendar</a></div></div>
<!-- END WAYBACK TOOLBAR INSERT -->"""
HEAD_INSERT = """<script src="/_static/js/bundle-playback.js?v=1" charset="utf-8"></script>
<script type="text/javascript">__wm.init("/web");__wm.wombat("{original}","{ts}");</script>
<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=1" />
<!-- End Wayback Rewrite JS Include -->"""


def render(path: str, origin: str) -> bytes:
    """The page at `path` as the old site served it, absolute links on `origin`."""
    page = PAGES[path]
    body = page.body.replace("{o}", origin).replace("{hotlink}", HOTLINK)
    text = CHROME.replace("{body}", body).replace("{head}", page.head)
    return text.replace("{title}", html.escape(page.title)).replace("{o}", origin).encode()


def robots(origin: str) -> bytes:
    return (
        f"User-agent: *\nDisallow: /private/\n\nUser-agent: other-bot\nDisallow: /\n\n"
        f"Sitemap: {origin}/sitemap.xml\n"
    ).encode()


def sitemap(origin: str, kind: str) -> bytes:
    if kind == "index":
        entries = "".join(
            f"<sitemap><loc>{origin}{name}</loc></sitemap>"
            for name in ("/sitemap-pages.xml", "/sitemap-posts.xml.gz")
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
            "</sitemapindex>"
        ).encode()
    paths = SITEMAP_PAGES if kind == "pages" else SITEMAP_POSTS
    urls = "".join(f"<url><loc>{origin}{path}</loc></url>" for path in paths)
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()
    return gzip.compress(text, mtime=0) if kind == "posts" else text


@cache
def bomb() -> bytes:
    """64 MB of zeros, gzip-compressed to about 64 KB."""
    return gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9, mtime=0)


def rewrite(page: bytes, original: str, timestamp: str) -> bytes:
    """What the Wayback Machine serves for a page: toolbar, injected scripts, links rewritten."""
    text = page.decode()
    origin = f"http://{WAYBACK_HOST}"

    def wayback(match: re.Match[str]) -> str:
        attribute, value = match.group(1), match.group(2)
        if value.startswith(origin):
            value = value[len(origin) :]
        if not value.startswith("/") or value.startswith("//"):
            return match.group(0)
        modifier = "im_" if attribute == "src" else ""
        return f'{attribute}="/web/{timestamp}{modifier}/{origin}{value}"'

    text = re.sub(r'\b(href|src)="([^"]*)"', wayback, text)
    insert = HEAD_INSERT.replace("{original}", original).replace("{ts}", timestamp)
    text = text.replace("<head>", "<head>" + insert, 1)
    text = text.replace("<body>", "<body>" + TOOLBAR.replace("{original}", original), 1)
    return (
        text + f"\n<!--\n     FILE ARCHIVED ON {timestamp} AND RETRIEVED FROM THE\n-->"
    ).encode()


@dataclass
class LegacySite:
    """A running server: its base URL, the copy's address and every request it saw."""

    base: str
    requests: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    """When each of `requests` arrived (`time.monotonic()`), to measure the waits between."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def wayback(
        self, path: str = "/", modifier: str = "", timestamp: str = WAYBACK_TIMESTAMP
    ) -> str:
        """The Wayback-style address of `path` on the old site."""
        return f"{self.base}/web/{timestamp}{modifier}/http://{WAYBACK_HOST}{path}"

    def seen(self) -> list[str]:
        with self.lock:
            return list(self.requests)

    def seen_at(self) -> list[tuple[float, str]]:
        """Every request with the time it arrived, in the order they came."""
        with self.lock:
            return list(zip(self.times, self.requests, strict=True))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: LegacySite
    files: Mapping[str, tuple[str, bytes]]
    legacy: bool
    raw_wayback: bool
    stopping: threading.Event
    busy_turn: bool


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(
        self, status: int, kind: str, body: bytes, headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 301) -> None:
        self.send(status, "text/html", b"", {"Location": location})

    def stream(self, chunks: int | None, headers: Mapping[str, str]) -> None:
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        block = bytes(64 * 1024)
        sent = 0
        while (chunks is None or sent < chunks) and not self.server.stopping.is_set():
            try:
                self.wfile.write(block)
            except OSError:
                return
            sent += 1

    def do_GET(self) -> None:
        site = self.server.site
        with site.lock:
            site.requests.append(self.path)
            site.times.append(time.monotonic())
        try:
            if not self.server.legacy:
                if not self.static(self.path):
                    self.send(404, "text/plain", b"not found")
                return
            self.legacy(self.path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def static(self, path: str) -> bool:
        found = self.server.files.get(path)
        if found is None:
            return False
        self.send(200, found[0], found[1])
        return True

    def legacy(self, path: str) -> None:
        origin = self.server.site.base
        if path.startswith("/web/"):
            self.wayback(path)
            return
        if self.hostile(path) or self.static(path):
            return
        if path in REDIRECTS:
            self.redirect(origin + REDIRECTS[path])
        elif path in PAGES:
            self.send(200, "text/html; charset=utf-8", render(path, origin))
        elif path == "/robots.txt":
            self.send(200, "text/plain", robots(origin))
        elif path == "/sitemap.xml":
            self.send(200, "application/xml", sitemap(origin, "index"))
        elif path == "/sitemap-pages.xml":
            self.send(200, "application/xml", sitemap(origin, "pages"))
        elif path == "/sitemap-posts.xml.gz":
            self.send(200, "application/x-gzip", sitemap(origin, "posts"))
        else:
            self.send(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")

    def hostile(self, path: str) -> bool:
        stopping = self.server.stopping
        if path == "/redirect-offsite":
            self.redirect("http://elsewhere.example/landing/", 302)
        elif path == "/redirect-private":
            self.redirect("http://10.0.0.1/admin/", 302)
        elif path == "/redirect-loop":
            self.redirect(self.server.site.base + "/redirect-loop-2", 302)
        elif path == "/redirect-loop-2":
            self.redirect(self.server.site.base + "/redirect-loop", 302)
        elif path == "/slow":  # reads the request, never answers
            stopping.wait(30)
        elif path == "/drip":  # headers, then a byte every 0.2 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            while not stopping.wait(0.2):
                self.wfile.write(b"x")
                self.wfile.flush()
        elif path == "/huge.bin":
            self.stream(HUGE // (64 * 1024), {"Content-Length": str(HUGE)})
        elif path == "/endless.bin":
            self.stream(None, {"Content-Type": "application/octet-stream"})
        elif path == "/bomb":
            body = bomb()
            self.send(200, "text/plain", body, {"Content-Encoding": "gzip"})
        elif path == "/gzipped.txt":
            body = gzip.compress(b"small and squeezed " * 50, mtime=0)
            self.send(200, "text/plain", body, {"Content-Encoding": "gzip"})
        elif path == "/deflated.txt":
            squeeze = zlib.compressobj(wbits=-15)
            body = squeeze.compress(b"raw deflate " * 50) + squeeze.flush()
            self.send(200, "text/plain", body, {"Content-Encoding": "deflate"})
        elif path == "/busy/":  # 429 Too Many Requests on every other request
            with self.server.site.lock:
                self.server.busy_turn = not self.server.busy_turn
                busy = self.server.busy_turn
            if busy:
                self.send(429, "text/plain", b"slow down", {"Retry-After": "0"})
            else:
                self.send(200, "text/html; charset=utf-8", render("/about/", self.server.site.base))
        elif path == "/brotli.txt":
            self.send(200, "text/plain", b"\x0b\x02\x80", {"Content-Encoding": "br"})
        else:
            return False
        return True

    def wayback(self, path: str) -> None:
        match = re.fullmatch(r"/web/(\d{14})([a-z]{2}_)?/http://([^/]+)(/.*)", path)
        if match is None or match.group(3) != WAYBACK_HOST:
            self.send(404, "text/html", b"<html><body>Not in the archive</body></html>")
            return
        timestamp, modifier, _, original_path = match.groups()
        modifier = modifier or ""
        original = f"http://{WAYBACK_HOST}{original_path}"
        origin = f"http://{WAYBACK_HOST}"
        target = "/news/second-post/"
        if original_path == target and timestamp != LATER_TIMESTAMP:
            self.redirect(f"/web/{LATER_TIMESTAMP}{modifier}/{original}", 302)
            return
        if original_path in REDIRECTS:  # the capture of the old site's own redirect
            self.redirect(f"/web/{timestamp}{modifier}/{origin}{REDIRECTS[original_path]}", 302)
            return
        if original_path in FILES:
            kind, body = FILES[original_path]
            self.send(200, kind, body)
        elif original_path in PAGES:
            page = render(original_path, origin)
            if modifier != "id_" or not self.server.raw_wayback:
                page = rewrite(page, original, timestamp)
            self.send(200, "text/html; charset=utf-8", page)
        elif original_path == "/robots.txt":
            self.send(200, "text/plain", robots(origin))
        elif original_path == "/sitemap.xml":
            self.send(200, "application/xml", sitemap(origin, "index"))
        elif original_path == "/sitemap-pages.xml":
            self.send(200, "application/xml", sitemap(origin, "pages"))
        elif original_path == "/sitemap-posts.xml.gz":
            self.send(200, "application/x-gzip", sitemap(origin, "posts"))
        else:
            self.send(404, "text/html", b"<html><body>Not in the archive</body></html>")


@contextmanager
def _serve(
    files: Mapping[str, tuple[str, bytes]], *, legacy: bool, raw_wayback: bool = True
) -> Iterator[LegacySite]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = LegacySite(f"http://127.0.0.1:{server.server_address[1]}")
    server.files = files
    server.legacy = legacy
    server.raw_wayback = raw_wayback
    server.stopping = threading.Event()
    server.busy_turn = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server.site
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def serve_legacy_site(*, raw_wayback: bool = True) -> Iterator[LegacySite]:
    """Serve the legacy site; `raw_wayback=False` makes `id_` copies rewritten too."""
    with _serve(FILES, legacy=True, raw_wayback=raw_wayback) as site:
        yield site


@contextmanager
def serve_files(files: Mapping[str, tuple[str, bytes]]) -> Iterator[LegacySite]:
    """Serve exactly `files` (path -> (content type, body)); anything else is a 404."""
    with _serve(files, legacy=False) as site:
        yield site
