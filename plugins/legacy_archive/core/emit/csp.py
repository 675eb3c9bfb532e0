"""A Content-Security-Policy for every page, as a `<meta>` tag (GitHub Pages sets no headers).

Second line of defence behind the body cleaner (`htmlpolicy`): even if markup slipped
through, the browser runs no inline event handler, follows no `javascript:` URL, loads no
script, image, font or frame from another host, and submits no form elsewhere. The
theme's own inline scripts (Material's and the archive's) are allowed by their SHA-256
hashes, worked out from each finished page; inline scripts inside the page's content
(a hand-written page's `<script>`) are not, so they do not run. Pagefind compiles its
WebAssembly, hence `'wasm-unsafe-eval'` (which allows WebAssembly only, not `eval`).

What a `<meta>` policy cannot do: `frame-ancestors` (framing by other sites) and reporting
need HTTP headers, which a static host like GitHub Pages does not let the site set.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
JAVASCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
)
"""Script types a browser runs; others (`application/json`, `application/ld+json`) are
data blocks, which a policy does not govern."""

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("media-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""The site's policy. Styles may be inline: the theme sets inline styles, and record bodies
lose every `style` attribute to the cleaner anyway."""


def inline_script_hashes(html: str) -> list[str]:
    """`'sha256-...'` of every inline script a browser would run, in page order."""
    found: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, code = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in JAVASCRIPT_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
        found.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(found))


def policy(
    script_hashes: Iterable[str] = (),
    inline_scripts: bool = False,
    extra: dict[str, str] | None = None,
    wasm: bool = True,
) -> str:
    """The policy text. `inline_scripts` allows every inline script (for `mkdocs serve`,
    whose live-reload script is injected after the page is written); `extra` adds sources
    to directives (the form editor's page needs GitHub's API)."""
    parts = []
    for name, sources in DIRECTIVES:
        value = sources
        if name == "script-src":
            value = value if wasm else "'self'"
            value += (
                " 'unsafe-inline'" if inline_scripts else "".join(f" {h}" for h in script_hashes)
            )
        if extra and name in extra:
            value += " " + extra[name]
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def meta_tag(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def with_policy(html: str, untrusted: str = "", inline_scripts: bool = False) -> str:
    """The page with its policy first in `<head>` (after the charset, which must come in
    the first 1,024 bytes). Every inline script of the page is allowed except those found
    in `untrusted` (the page's content: a hand-written page's `<script>` does not run).
    A page without `<head>` (or with a policy already) is returned unchanged."""
    head = _HEAD.search(html)
    if head is None or "Content-Security-Policy" in html[head.end() : head.end() + 2048]:
        return html
    refused = set(inline_script_hashes(untrusted)) if untrusted else set()
    hashes = [h for h in inline_script_hashes(html) if h not in refused]
    tag = meta_tag(policy(hashes, inline_scripts))
    charset = _CHARSET.search(html, head.end(), head.end() + 512)
    at = charset.end() if charset else head.end()
    return html[:at] + "\n    " + tag + html[at:]
