"""The site's nav when the archive does not write one: home, about, collections, Find, the rest.

Without a nav an engine lists every page it has, record pages included: a nav of every
record makes each page's build read all of them (O(N^2)) and buries the listings. The nav
made here holds the hand-written top-level pages and one entry per collection listing, in
the order the collections are declared, so a new collection appears without editing it.
"""

from __future__ import annotations

from pathlib import Path

from legacy_archive.core.config.settings import ProjectSettings

NavItem = str | dict[str, str]
"""A page path (its title comes from the page) or `{title: path}`."""

FIND_PAGE = "find/index.md"
FIND_TITLE = "Find resources"


def default_nav(settings: ProjectSettings) -> list[NavItem]:
    """Home first, then `about.md`, the collections, Find, and the other top-level pages."""
    docs = docs_folder(settings)
    pages = sorted(p.name for p in docs.glob("*.md") if p.is_file()) if docs.is_dir() else []
    nav: list[NavItem] = []
    if "index.md" in pages:
        nav.append({"Home": "index.md"})
    if "about.md" in pages:
        nav.append("about.md")
    nav += [{spec.title: f"{spec.name}/index.md"} for spec in settings.collections]
    nav.append({FIND_TITLE: FIND_PAGE})
    nav += [name for name in pages if name not in ("index.md", "about.md")]
    return nav


def docs_folder(settings: ProjectSettings) -> Path:
    """Where the hand-written pages are."""
    return settings.root / settings.site.docs_dir
