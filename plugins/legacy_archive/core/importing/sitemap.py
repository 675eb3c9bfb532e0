"""What an old site says about itself: robots.txt rules and Sitemap lines, sitemap.xml files.

Sitemaps are untrusted XML: parsed with defusedxml (no entities, no external references),
gzip ones inflated within a byte limit, indexes followed at most `MAX_SITEMAPS` files deep.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from legacy_archive.core.importing.inflate import gunzip
from legacy_archive.core.importing.refusal import DownloadRefused

__all__ = [
    "MAX_CRAWL_DELAY",
    "MAX_SITEMAPS",
    "Robots",
    "SitemapFile",
    "read_robots",
    "read_sitemap",
]

MAX_SITEMAPS = 50
"""Sitemap files read per crawl (an index may list thousands)."""
MAX_CRAWL_DELAY = 10.0
"""The longest Crawl-delay obeyed: a longer one would stall a crawl for hours."""
_CRAWL_DELAY = re.compile(r"^\s*crawl-delay\s*:\s*([^#]*)", re.I)


@dataclass
class Robots:
    """The rules of robots.txt for this crawler, and the sitemaps it lists."""

    parser: RobotFileParser | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allows(self, agent: str, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(agent, url)

    def delay(self, agent: str) -> float:
        """The site's Crawl-delay in seconds, at most `MAX_CRAWL_DELAY` (0 when none)."""
        if self.parser is None:
            return 0.0
        try:
            asked = float(self.parser.crawl_delay(agent) or 0) / 1000  # see `_in_ms`
        except (TypeError, ValueError):
            return 0.0
        return min(max(asked, 0.0), MAX_CRAWL_DELAY)


def _in_ms(line: str) -> str:
    """A Crawl-delay line in milliseconds: `RobotFileParser` keeps whole numbers only, and
    sites often ask for a part of a second (`Crawl-delay: 0.5`). Other lines as they are."""
    found = _CRAWL_DELAY.match(line)
    if found is None:
        return line
    try:
        asked = float(found.group(1).strip())
    except ValueError:
        return line
    if not math.isfinite(asked) or asked < 0:
        return line
    return f"Crawl-delay: {round(min(asked, MAX_CRAWL_DELAY) * 1000)}"


def read_robots(text: str) -> Robots:
    parser = RobotFileParser()
    lines = text.splitlines()
    parser.parse([_in_ms(line) for line in lines])
    sitemaps = [
        line.split(":", 1)[1].strip()
        for line in lines
        if line.lower().startswith("sitemap:") and line.split(":", 1)[1].strip()
    ]
    return Robots(parser, list(dict.fromkeys(sitemaps)))


@dataclass
class SitemapFile:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    """Nested sitemaps (a sitemap index)."""
    problem: str = ""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def read_sitemap(body: bytes, limit: int) -> SitemapFile:
    """The page and sitemap addresses a sitemap (or sitemap index, gzip or not) lists."""
    if body.startswith(b"\x1f\x8b"):
        try:
            body = gunzip(body, limit)
        except DownloadRefused as refused:
            return SitemapFile(problem=f"the gzip sitemap {refused}")
    try:
        root = defusedxml.ElementTree.fromstring(body)
    except (DefusedXmlException, SyntaxError, ValueError) as error:
        return SitemapFile(problem=f"not a readable sitemap ({type(error).__name__}: {error})")
    found = SitemapFile()
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return SitemapFile(problem=f"not a sitemap (the root is <{kind}>, expected <urlset>)")
    for entry in root:
        for child in entry:
            if _local(child.tag) == "loc" and (child.text or "").strip():
                target = found.sitemaps if _local(entry.tag) == "sitemap" else found.pages
                target.append((child.text or "").strip())
    return found
