"""The site's nav when the archive does not write one: home, about, collections, Find, the rest.

Without a nav an engine lists every page it has, record pages included: a nav of every
record makes each page's build read all of them (O(N^2)) and buries the listings. The nav
made here holds the hand-written top-level pages and one entry per collection listing, in
the order the collections are declared, so a new collection appears without editing it.
The editors' guide is left out of the tabs: teachers reach it from the About page.
"""

from __future__ import annotations

from pathlib import Path

from legacy_archive.core.config.settings import ProjectSettings

NavItem = str | dict[str, str]
"""A page path (its title comes from the page) or `{title: path}`."""

FIND_PAGE = "find/index.md"
FIND_TITLE = "Find resources"
EDITORS_PAGES = ("contribute.md",)
"""Pages for the archive's editors (the starter's contributors' guide): kept out of the tabs
teachers see and linked from the About page; their addresses stay published."""


def default_nav(settings: ProjectSettings) -> list[NavItem]:
    """Home first, then `about.md`, the collections, Find, and the other top-level pages but
    the editors' (`EDITORS_PAGES`)."""
    docs = docs_folder(settings)
    pages = sorted(p.name for p in docs.glob("*.md") if p.is_file()) if docs.is_dir() else []
    nav: list[NavItem] = []
    if "index.md" in pages:
        nav.append({"Home": "index.md"})
    if "about.md" in pages:
        nav.append("about.md")
    nav += [{spec.title: f"{spec.name}/index.md"} for spec in settings.collections]
    nav.append({FIND_TITLE: FIND_PAGE})
    nav += [name for name in pages if name not in ("index.md", "about.md", *EDITORS_PAGES)]
    return nav


def editors_pages(
    settings: ProjectSettings, listed: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(title, URL) of the editors' pages that exist and `listed` lacks, for the site map,
    which lists every page, tab or not; a page's title is its first `# ` heading."""
    urls = {url for _, url in listed}
    found: list[tuple[str, str]] = []
    for name in EDITORS_PAGES:
        path = docs_folder(settings) / name
        url = name.removesuffix(".md") + "/"
        if not path.is_file() or url in urls:
            continue
        title = first_heading(path.read_text(encoding="utf-8"))
        found.append((title or humanised_name(name), url))
    return found


def first_heading(text: str) -> str:
    """A Markdown page's first `# ` heading, after its front matter (whose YAML comments
    start with `#` too), or ""."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    return next((line[2:].strip() for line in lines if line.startswith("# ")), "")


def humanised_name(name: str) -> str:
    """A page's file name as a title when it has no heading: `contribute.md` -> "Contribute"."""
    return name.removesuffix(".md").replace("-", " ").replace("_", " ").capitalize()


def docs_folder(settings: ProjectSettings) -> Path:
    """Where the hand-written pages are."""
    return settings.root / settings.site.docs_dir
