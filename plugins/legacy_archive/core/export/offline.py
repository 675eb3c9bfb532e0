"""The site's pages as they must read inside Kiwix, where the archive's own search cannot run.

Pagefind loads a WebAssembly module and its index with `fetch`, which Kiwix's readers do
not all allow (the apps serve pages from a custom scheme; a `file://` copy has no fetch
at all), and a search box that fails after typing is worse than none. Every Kiwix reader
has a search box of its own over the ZIM file's full-text index, so the offline copy is
changed when it is exported (never at run time, which would depend on the reader):

- the header search, which the theme's `archive-search.js` builds, is left out (its script
  tag is removed);
- the Find page's search form gives way to a note that points to Kiwix's search box, above
  the page's own "browse without searching" links (which list every record);
- the home page's search box gives way to the same note.

The changes are cut from the engine's own templates (`_find.md.j2`, `_home_notice.html.j2`,
the theme's `main.html`), never from record text, and the pages keep their Content Security
Policy: nothing is added that it would block, and the inline scripts it allows by hash are
left byte for byte as they are.
"""

from __future__ import annotations

import posixpath
import re

SEARCH_SCRIPT = re.compile(
    rb'[ \t]*<script\b[^>]*\bsrc="(?:\.\./|\./)*assets/javascripts/archive-search\.js"[^>]*>'
    rb"</script>\n?"
)
FIND_FORM = re.compile(rb'<form\b[^>]*\bid="archive-find"[^>]*>.*?</form>', re.DOTALL)
HOME_FORM = re.compile(rb'<form\b[^>]*\bclass="archive-home__search"[^>]*>.*?</form>', re.DOTALL)
NOJS_NOTE = re.compile(rb'<p class="archive-find__nojs">.*?</p>', re.DOTALL)

KIWIX_NOTE = (
    b'<div class="admonition note archive-offline" role="note">\n'
    b'<p class="admonition-title">Searching this offline copy</p>\n'
    b"<p>Use the search box of Kiwix, the app you are reading this archive in: it is at the "
    b"top of the window (on a phone, under the magnifying glass). It finds records by their "
    b"titles and by the words in them.</p>\n"
    b"</div>"
)
"""What the Find page and the home page say instead of their search forms."""
BROWSE_NOTE = b"<p>These pages list every record.</p>"


def offline_page(html: bytes) -> bytes:
    """The page as the ZIM file holds it: the same bytes unless it has a search form or the
    search script (every page has the script; two pages have a form)."""
    changed = SEARCH_SCRIPT.sub(b"", html)
    changed = FIND_FORM.sub(lambda _: KIWIX_NOTE, changed, count=1)
    changed = NOJS_NOTE.sub(lambda _: BROWSE_NOTE, changed, count=1)
    return HOME_FORM.sub(lambda _: KIWIX_NOTE, changed, count=1)


LINK = re.compile(rb'(\s(?:href|src)=")([^"]*)(")')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def relative(file: str, folder: str) -> str:
    """`file` relative to `folder`, both site-relative and normalised (`posixpath.relpath`
    without its two calls to the file system per link)."""
    target, base = file.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(target) - 1, len(base)) and target[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def reading_part(html: bytes) -> bytes:
    """The page's head (title, robots) and its article: all `page_text` reads of a page,
    in half the bytes (the header, tabs, sidebars and footer around it are skipped)."""
    head = html.find(b"</head>")
    start, end = html.find(b"<article"), html.rfind(b"</article>")
    if head < 0 or start < 0 or end < start:
        return html
    return html[: head + 7] + b"<body><main>" + html[start : end + 10] + b"</main></body></html>"


def local_links(html: bytes, path: str, base_path: str, paths: frozenset[str]) -> bytes:
    """Links that every Kiwix reader and zimcheck resolve to an entry.

    A ZIM file has no entry for a folder: a link to one (`../courses/`, `..` for the home
    page) is pointed at the folder's `index.html` when the file has it. Site-absolute links
    (`/repository/about/`, which only the 404 page writes, as it is served at any depth)
    become relative to the page. Query strings and fragments are kept; links elsewhere
    (`https:`, `mailto:`) are left alone."""
    folder = posixpath.dirname(path)

    def replace(match: re.Match[bytes]) -> bytes:
        value = match.group(2).decode("utf-8", errors="surrogateescape")
        cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
        target, rest = value[:cut], value[cut:]
        if not target or SCHEME.match(target) or target.startswith("//"):
            return match.group(0)
        absolute = target.startswith("/")
        if absolute and not (base_path and target.startswith(base_path)):
            return match.group(0)
        site_path = target[len(base_path) :] if absolute else posixpath.join(folder, target)
        resolved = posixpath.normpath(site_path) if site_path else "."
        if resolved == ".." or resolved.startswith("../"):
            return match.group(0)
        file = "" if resolved == "." else resolved
        index = f"{file}/index.html" if file else "index.html"
        if index in paths and (file not in paths or target.endswith(("/", "."))):
            file = index
        elif file not in paths or not absolute:
            return match.group(0)
        new = (relative(file, folder) + rest).encode("utf-8", "surrogateescape")
        return match.group(1) + new + match.group(3)

    return LINK.sub(replace, html)
