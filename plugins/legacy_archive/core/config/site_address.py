"""Where the site is published, which only the place that publishes it knows for sure.

Canonical links, the sitemap, JSON-LD, the attribution line, redirects' canonical links
and the 404 page's absolute links all carry the site's address. A workflow that deploys
the site knows it (GitHub Pages: `actions/configure-pages`' `base_url`) and passes it in
`ARCHIVE_SITE_URL`, which overrides `site_url` of `mkdocs.yml`; with neither, a build is
for a local preview and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

SITE_URL_VARIABLE = "ARCHIVE_SITE_URL"
LOCAL_ADDRESS = "http://127.0.0.1:8000/"
"""What a build with no address is for: `mkdocs serve`'s, or any server of the folder."""


@dataclass(frozen=True)
class SiteAddress:
    """The address a build is made for, and where it came from."""

    url: str
    """Absolute, ending in `/` (`https://owner.github.io/repository/`)."""
    source: str
    """`SITE_URL_VARIABLE`, `site_url`, or empty when the address was assumed."""

    @property
    def assumed(self) -> bool:
        return not self.source

    def notice(self) -> str:
        """The one line a build with an assumed address prints."""
        return (
            f"site address not set: built for {self.url} (set site_url or "
            f"{SITE_URL_VARIABLE} for the published address)"
        )


class SiteAddressError(ValueError):
    """The address given is not one a site can be published at; the message says why."""


def site_address(configured: str | None, environ: Mapping[str, str]) -> SiteAddress:
    """The address to build for: `ARCHIVE_SITE_URL` when set (the deployment knows best),
    else `site_url`, else the local preview's."""
    given = environ.get(SITE_URL_VARIABLE, "").strip()
    if given:
        return SiteAddress(_checked(given, SITE_URL_VARIABLE), SITE_URL_VARIABLE)
    if configured:
        return SiteAddress(_checked(configured, "site_url"), "site_url")
    return SiteAddress(LOCAL_ADDRESS, "")


def _checked(url: str, name: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SiteAddressError(
            f"{name}: '{url}' is not a site address (expected the address the site is "
            "published at, like https://owner.github.io/repository/)"
        )
    return url if url.endswith("/") else url + "/"
