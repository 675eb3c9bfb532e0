"""Benchmark the importer's converters: HTML bodies to Markdown, and a large CSV.

Prints the time per classic WordPress post (caption, gallery, video, table, code,
script, tracking pixel), for one large body, and for reading a 20,000-row CSV with quoted
multi-line values. Usage:

    python scripts/bench_convert.py [--posts 500]
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from pathlib import Path

from legacy_archive.core.importing.csvsource import read_csv
from legacy_archive.core.importing.htmlmd import to_markdown
from legacy_archive.core.importing.items import SourceFile

SITE = "https://old.example.org"
POST = """<h2>Robot week</h2>
Our pupils built <a href="/2021/02/kits/">robot kits</a> and <a href="https://partner.example/">met a partner</a>.

[caption id="attachment_12" width="600"]<a href="/up/big.jpg"><img src="/up/robot.jpg" alt="A robot" /></a> The winner[/caption]

[gallery ids="12"]

https://www.youtube.com/watch?v=abc123

<table><tr><th>Team</th><th>Score</th></tr><tr><td>Blue</td><td>9</td></tr></table>
<pre class="brush: python">print("hi")</pre>
<script>track()</script><img src="https://stats.wp.com/b.gif?v=1" alt="">
"""
ATTACHMENTS = {"12": SourceFile(f"{SITE}/up/two.jpg", alt="Two robots", caption="Day 2")}


def beside(url: str) -> str:
    return url.rsplit("/", 1)[-1] if url.startswith(SITE) and "/up/" in url else url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=500, help="posts to convert (default: 500)")
    posts = parser.parse_args().posts
    if posts < 1:
        parser.error(f"--posts must be 1 or more (got {posts})")
    base = f"{SITE}/2021/03/robots/"
    start = time.perf_counter()
    for _ in range(posts):
        to_markdown(POST, base_url=base, rewrite=beside, attachments=ATTACHMENTS)
    spent = time.perf_counter() - start
    print(
        f"to_markdown: {posts} posts of {len(POST)} characters, {1000 * spent / posts:.2f} ms each"
    )
    big = POST * 100
    start = time.perf_counter()
    converted = to_markdown(big, base_url=base, rewrite=beside, attachments=ATTACHMENTS)
    print(
        f"to_markdown: one {len(big) // 1024} KB body in {time.perf_counter() - start:.2f} s "
        f"({len(converted.markdown) // 1024} KB of Markdown, {len(converted.problems)} problems)"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["title", "summary", "audience", "date", "link"])
        for number in range(20_000):
            writer.writerow(
                [f"Course {number}", f'A course, "quoted"\nline {number}',
                 ("primary", "secondary")[number % 2], "2021-03-01", f"{SITE}/c/{number}/"]
            )  # fmt: skip
        path.write_bytes(text.getvalue().encode("windows-1252"))
        start = time.perf_counter()
        source = read_csv(path)
        print(
            f"read_csv: {len(source.items)} rows, {path.stat().st_size // 1024} KB, "
            f"in {time.perf_counter() - start:.2f} s"
        )


if __name__ == "__main__":
    main()
