"""The form editor's files, shipped with the engine and pinned by their SHA-256.

Sveltia CMS is one JavaScript file; it and the three fonts it would fetch from a CDN live
in `vendor/`. Every build copies them into the site and checks each against its pin, so a
changed or half-updated copy stops the build: the forms need no CDN, no npm, no server.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib.resources import files

CMS_PACKAGE = "@sveltia/cms"
CMS_VERSION = "0.221.1"
"""The npm version the vendored CMS comes from (`package.json` pins the same one)."""
CMS_FILE = "sveltia-cms.js"
FONTS_CSS = "fonts.css"


@dataclass(frozen=True)
class Vendored:
    """One file of the form editor shipped with the engine, and where it comes from."""

    name: str
    sha256: str
    package: str
    version: str
    path: str
    """Its path inside the npm package (a test compares the two)."""
    licence: str


VENDORED = (
    Vendored(
        CMS_FILE,
        "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a",
        CMS_PACKAGE,
        CMS_VERSION,
        "dist/sveltia-cms.js",
        "sveltia-cms.LICENSE.txt",
    ),
    # The CMS asks a CDN for its three fonts; served from the site instead, its icons
    # (a font of ligatures) show as icons rather than words like "arrow_drop_down". The
    # CMS uses its icons at weight 400 only: the static 400 file (322 KB) does, where the
    # variable one it names is 753 KB.
    Vendored(
        "material-symbols-outlined-latin-400-normal.woff2",
        "f61b52064831aa6df68dcc8e18c7b0435e0cc2949bb49faccb33414c4da2e0b4",
        "@fontsource/material-symbols-outlined",
        "5.3.7",
        "files/material-symbols-outlined-latin-400-normal.woff2",
        "material-symbols-outlined.LICENSE.txt",
    ),
    Vendored(
        "source-sans-3-latin-wght-normal.woff2",
        "7a19a7027e125257d310c6dbd78ae3a30b5ea1e3794d60b12bb28227a003bfda",
        "@fontsource-variable/source-sans-3",
        "5.3.0",
        "files/source-sans-3-latin-wght-normal.woff2",
        "source-sans-3.LICENSE.txt",
    ),
    Vendored(
        "noto-mono-latin-400-normal.woff2",
        "2787a2983d94072a2c6262b1992a2642519800a889bd90ca1042d04a89852d58",
        "@fontsource/noto-mono",
        "5.3.0",
        "files/noto-mono-latin-400-normal.woff2",
        "noto-mono.LICENSE.txt",
    ),
)
"""Every vendored file with its pinned SHA-256: a tampered or half-updated copy stops
the build. Update them together with `package.json` (a test compares them)."""

FONTS = """/* The form editor's fonts, from the site (the same files the CMS would fetch from
   a CDN). Later rules with the same descriptors win over the CMS's own. */
@font-face {font-family: 'Source Sans 3'; font-style: normal; font-display: swap;
  font-weight: 200 900; size-adjust: 110%;
  src: url(source-sans-3-latin-wght-normal.woff2) format('woff2-variations');}
@font-face {font-family: 'Noto Mono'; font-style: normal; font-display: swap;
  font-weight: 400; src: url(noto-mono-latin-400-normal.woff2) format('woff2');}
@font-face {font-family: 'Material Symbols Outlined'; font-style: normal;
  font-display: block; font-weight: 400;
  src: url(material-symbols-outlined-latin-400-normal.woff2) format('woff2');}
"""

ZOOM_JS = "zoom.js"
ZOOM = """// The form editor adds `maximum-scale=1` to the page's viewport, which stops people
// zooming in on phones (WCAG 1.4.4, resize text): take it out whenever it appears.
(function () {
  function fix() {
    document.querySelectorAll('meta[name="viewport"]').forEach(function (meta) {
      var content = meta.getAttribute("content") || "";
      var kept = content.split(",").map(function (part) { return part.trim(); })
        .filter(function (part) { return !/^(maximum-scale|user-scalable)\\s*=/i.test(part); });
      if (kept.join(", ") !== content) meta.setAttribute("content", kept.join(", "));
    });
  }
  new MutationObserver(fix).observe(document.head, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["content"]
  });
  fix();
})();
"""


class BundleError(Exception):
    """A vendored file of the form editor is missing or is not the pinned one."""


def _vendor_file(name: str) -> bytes:
    try:
        return files("legacy_archive.core.editors").joinpath("vendor", name).read_bytes()
    except OSError as error:
        raise BundleError(f"{name}: cannot be read ({error.strerror})") from None


def admin_files() -> dict[str, bytes]:
    """Every file of the form editor by name, each checked against its pinned digest,
    with the licences (MIT and OFL ask for the notice to travel with the files)."""
    out: dict[str, bytes] = {}
    problems: list[str] = []
    for item in VENDORED:
        data = _vendor_file(item.name)
        digest = hashlib.sha256(data).hexdigest()
        if digest != item.sha256:
            problems.append(
                f"{item.name}: SHA-256 is {digest} (expected {item.sha256}, from "
                f"{item.package} {item.version}): the file was changed; reinstall the engine"
            )
        out[item.name] = data
        out[item.licence] = _vendor_file(item.licence)
    if problems:
        raise BundleError("; ".join(problems))
    out[FONTS_CSS] = FONTS.encode("utf-8")
    out[ZOOM_JS] = ZOOM.encode("utf-8")
    return out


def subresource_integrity(data: bytes) -> str:
    """`sha384-...` of a file, for the `<script integrity>` attribute."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
