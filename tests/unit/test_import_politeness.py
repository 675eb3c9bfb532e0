"""`archive import site` fetches a site's files as gently as its pages: robots.txt's
Crawl-delay (a part of a second too) and a Wayback copy's delay hold for every download,
measured by when the test server saw each request."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_archive.core.importing.sitemap import MAX_CRAWL_DELAY, read_robots
from legacy_archive.core.starter.facts import CollectionChoice
from support.command import archive
from support.legacy_site import JPEG, PDF, serve_files
from support.starter import import_target

DELAY = 0.2
SLACK = 0.02
"""Timer and scheduling noise allowed below the delay."""
COPY = "/wayback/20210301000000id_/http://old.example"
MAPPING = """\
source: site
records:
  - when: {type: page}
    collection: reports
collections:
  reports:
    defaults: {subjects: [general], audiences: [educators], date: "2021"}
"""


def _page(origin: str) -> bytes:
    return f"""<!doctype html><html lang="en"><head><title>Robots at the fair</title></head>
<body><main><article><h1>Robots at the fair</h1>
<p>Twelve schools brought the robots they had built this year, and the pupils showed
every visitor how they worked, what they were made of and how long they took.</p>
<p><img src="{origin}/files/robot.jpg" alt="A small robot"></p>
<p>Read <a href="{origin}/files/report.pdf">the report</a> and
<a href="{origin}/files/notes.pdf">the notes</a> about every school that took part.</p>
</article></main></body></html>""".encode()


def _import(files: dict[str, tuple[str, bytes]], root: Path, *args: str) -> list[tuple[float, str]]:
    """Run `archive import site` on the served `files` (`{base}` in `args` is the server's
    address); each request the server saw, with when it came."""
    import_target(root, CollectionChoice("reports", "blank"))
    (root / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    with serve_files(files) as site:
        code, printed = archive(
            "import", "site", *(arg.replace("{base}", site.base) for arg in args),
            "--mapping", "mapping.yml", "--allow-network", "127.0.0.0/8", "--timeout", "5",
            cwd=root,
        )  # fmt: skip
        assert code == 0, printed
        return site.seen_at()


def _gaps_before_files(seen: list[tuple[float, str]]) -> dict[str, float]:
    """Each file's wait after the request before it."""
    return {
        path: when - seen[i - 1][0]
        for i, (when, path) in enumerate(seen)
        if i and path.rsplit("/", 1)[-1] in {"robot.jpg", "report.pdf", "notes.pdf"}
    }


def _files(prefix: str) -> dict[str, tuple[str, bytes]]:
    return {
        f"{prefix}/files/robot.jpg": ("image/jpeg", JPEG),
        f"{prefix}/files/report.pdf": ("application/pdf", PDF),
        f"{prefix}/files/notes.pdf": ("application/pdf", PDF),
    }


def test_a_sites_files_wait_its_crawl_delay(tmp_path: Path) -> None:
    # The port is not known before the server starts: links are relative to the origin.
    files = {
        "/robots.txt": ("text/plain", f"User-agent: *\nCrawl-delay: {DELAY}\n".encode()),
        "/": ("text/html; charset=utf-8", _page("")),
        **_files(""),
    }
    seen = _import(files, tmp_path / "archive", "{base}/")
    folder = tmp_path / "archive/reports/robots-at-the-fair"
    assert sorted(p.name for p in folder.iterdir()) == [
        "index.md",
        "notes.pdf",
        "report.pdf",
        "robot.jpg",
    ]
    gaps = _gaps_before_files(seen)
    assert len(gaps) == 3, seen
    assert min(gaps.values()) >= DELAY - SLACK, gaps


def test_a_wayback_copys_files_wait_its_delay(tmp_path: Path) -> None:
    files = {
        f"{COPY}/": ("text/html; charset=utf-8", _page("http://old.example")),
        **_files(COPY),
    }
    seen = _import(
        files,
        tmp_path / "archive",
        "{base}/wayback/20210301000000/http://old.example/",
        "--wayback-prefix",
        "{base}/wayback",
        "--wayback-delay",
        str(DELAY),
    )
    gaps = _gaps_before_files(seen)
    assert len(gaps) == 3 and all(path.startswith(COPY) for path in gaps), seen
    assert min(gaps.values()) >= DELAY - SLACK, gaps


@pytest.mark.parametrize(
    ("line", "delay"),
    [
        ("Crawl-delay: 0.5", 0.5),
        ("crawl-delay:  2 # a slow host", 2.0),
        ("Crawl-delay: 3600", MAX_CRAWL_DELAY),
        ("Crawl-delay: nan", 0.0),
        ("Crawl-delay: -1", 0.0),
        ("Crawl-delay: soon", 0.0),
    ],
)
def test_a_crawl_delay_may_be_a_part_of_a_second(line: str, delay: float) -> None:
    assert read_robots(f"User-agent: *\n{line}\nDisallow: /private/\n").delay("any") == delay
    assert not read_robots(f"User-agent: *\n{line}\nDisallow: /private/\n").allows(
        "any", "https://old.example/private/x"
    )
