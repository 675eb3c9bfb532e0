"""Benchmark `archive import wordpress`: 1,000 posts with 2,000 attachments from a local server.

Writes a WordPress export (each post: a paragraph, a heading, a list, a [caption]ed image
and a linked PDF, both attachments of the post), serves the attachments on 127.0.0.1,
imports into a new `archive init` archive, then imports again (nothing to do), and
prints the time and peak memory of each step. Usage:

    python scripts/bench_import.py [--posts 1000] [--kb 8]
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import io
import os
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from legacy_archive.core.cli.main import main
from legacy_archive.core.starter.facts import ArchiveFacts, CollectionChoice
from legacy_archive.core.starter.writer import write_archive

ITEM = """\
<item><title>{title}</title><link>{site}/{year}/{month:02d}/post-{n}/</link>
<dc:creator><![CDATA[editor]]></dc:creator><guid isPermaLink="false">{site}/?p={n}</guid>
<content:encoded><![CDATA[<p>Post {n} of the benchmark: what the club did in week {n}.</p>
<h2>What we did</h2><ul><li>Step one</li><li>Step two</li></ul>
[caption id="attachment_{a}" width="300"]<img src="{site}/wp-content/uploads/{year}/{month:02d}/photo-{n}.png" alt="Photo {n}" /> The club in week {n}[/caption]
<p>Download <a href="{site}/wp-content/uploads/{year}/{month:02d}/notes-{n}.pdf">the notes</a>, or read <a href="{site}/?p={prev}">the post before</a>.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[What the club did in week {n} of the programme, with photos and notes.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date>{year}-{month:02d}-01 10:00:00</wp:post_date>
<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category></item>
<item><title>photo-{n}</title><wp:post_id>{a}</wp:post_id><wp:post_parent>{n}</wp:post_parent>
<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{site}/wp-content/uploads/{year}/{month:02d}/photo-{n}.png</wp:attachment_url></item>
<item><title>Notes for week {n}</title><wp:post_id>{b}</wp:post_id><wp:post_parent>{n}</wp:post_parent>
<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{site}/wp-content/uploads/{year}/{month:02d}/notes-{n}.pdf</wp:attachment_url></item>
"""
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Benchmark</title><link>{site}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
"""
MAPPING = """\
source: wordpress
records:
  - when: {type: post}
    collection: reports
collections:
  reports:
    defaults: {subjects: [general], audiences: [educators]}
"""
PNG = bytes.fromhex("89504e470d0a1a0a")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def write_site(folder: Path, posts: int, kb: int) -> None:
    for n in range(1, posts + 1):
        year, month = 2018 + n % 4, 1 + n % 12
        uploads = folder / "wp-content" / "uploads" / str(year) / f"{month:02d}"
        uploads.mkdir(parents=True, exist_ok=True)
        (uploads / f"photo-{n}.png").write_bytes(PNG + os.urandom(kb * 1024))
        (uploads / f"notes-{n}.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(kb * 1024))


def write_export(path: Path, site: str, posts: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD.format(site=site))
        for n in range(1, posts + 1):
            out.write(
                ITEM.format(
                    title=escape(f"Week {n} at the club"),
                    site=site,
                    n=n,
                    a=100_000 + n,
                    b=200_000 + n,
                    prev=max(1, n - 1),
                    year=2018 + n % 4,
                    month=1 + n % 12,
                )
            )
        out.write("</channel></rss>\n")


def run(root: Path, *argv: str) -> tuple[float, float, str]:
    """Seconds and peak traced MB of one `archive import`, and what it printed."""
    out = io.StringIO()
    here = Path.cwd()
    os.chdir(root)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out):
            code = main(list(argv))
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        os.chdir(here)
    if code != 0:
        sys.exit(out.getvalue())
    return seconds, peak / 1024 / 1024, out.getvalue()


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--kb", type=int, default=8, help="size of each attachment (default 8)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        write_site(base / "old", args.posts, args.kb)
        handler = partial(Quiet, directory=str(base / "old"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site = f"http://127.0.0.1:{server.server_address[1]}"
        root = base / "archive"
        write_archive(
            root,
            ArchiveFacts(
                name="Benchmark",
                start="2018",
                end="2021",
                funder="A Council",
                collections=(CollectionChoice("reports", "blank"),),
                reviewed="2026-12-01",
            ),
        )
        write_export(root / "export.xml", site, args.posts)
        (root / "mapping.yml").write_text(MAPPING, encoding="utf-8")
        size = (root / "export.xml").stat().st_size / 1024 / 1024
        common = ("import", "wordpress", "export.xml", "--mapping", "mapping.yml")
        local = ("--allow-network", "127.0.0.0/8")
        print(
            f"{args.posts} posts, {2 * args.posts} attachments of {args.kb} KB; export {size:.1f} MB"
        )
        for label, argv in (
            ("dry run", (*common, *local, "--dry-run")),
            ("first import", (*common, *local)),
            ("second import (nothing to do)", (*common, *local)),
        ):
            seconds, peak, out = run(root, *argv)
            summary = out.splitlines()[0] if out else ""
            print(f"{label}: {seconds:.1f} s, peak traced memory {peak:.0f} MB")
            print(f"  {summary[:160]}")
        server.shutdown()
        files = sum(1 for p in (root / "reports").rglob("*") if p.is_file())
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"files in reports/: {files}; peak RSS of the whole run {rss:.0f} MB")


if __name__ == "__main__":
    main_bench()
