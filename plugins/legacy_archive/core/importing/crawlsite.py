"""The site a crawl reads: the old site itself, or a Web Archive copy of it.

Records cite the old site's own addresses, whichever way its pages were fetched; this is
the one place that turns an old address into the address fetched and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from legacy_archive.core.importing import wayback
from legacy_archive.core.importing.sitekey import same_site_key

__all__ = ["Site"]


@dataclass
class Site:
    """Where the old site's pages are fetched from: itself, or a Wayback copy of it."""

    origin: str
    """The old site's address (`https://old.example`), the one records cite."""
    copy: wayback.WaybackURL | None = None
    prefixes: tuple[str, ...] = ()

    @property
    def fetch_site(self) -> str:
        return self.copy.prefix if self.copy else self.origin

    def fetch_url(self, original: str) -> str:
        return self.copy.copy(original, "id_") if self.copy else original

    def original(self, fetched: str) -> str:
        if self.copy is None:
            return fetched
        found = wayback.parse(fetched, (self.copy.prefix, *self.prefixes))
        return found.original if found else fetched

    def on_site(self, url: str) -> bool:
        return same_site_key(url) == same_site_key(self.origin)

    def canonical(self, url: str) -> str:
        """`url` on the site's own scheme and host (`http://www.` and `https://` spell one page)."""
        parts = urlsplit(url)
        origin = urlsplit(self.origin)
        return urlunsplit((origin.scheme, origin.netloc, parts.path, parts.query, ""))
