"""Who made a record and under which licence it may be reused: read by the notices and the
JSON-LD alike."""

from __future__ import annotations

from dataclasses import dataclass


def absolute_url(site_url: str, url: str) -> str:
    """A site-relative URL as readers cite it, under the site's address when it has one."""
    return (site_url.rstrip("/") + "/" + url) if site_url else url


@dataclass(frozen=True)
class Licence:
    id: str
    label: str
    url: str


@dataclass(frozen=True)
class Attribution:
    """Who made a record, where it lives and under which licence it may be reused."""

    title: str
    provider: str
    url: str
    licence: Licence

    @property
    def text(self) -> str:
        licence = f"{self.licence.label} ({self.licence.url})" if self.licence.url else ""
        terms = f", licensed under {licence}" if licence else f", {self.licence.label}"
        return f"“{self.title}” by {self.provider}, {self.url}{terms}."
