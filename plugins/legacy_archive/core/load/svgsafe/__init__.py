"""A safe copy of an SVG attachment: drawing elements kept, everything active removed.

GitHub Pages serves an `.svg` as `image/svg+xml` on the site's own origin, so an SVG
opened directly runs any script it holds with the site's cookies and storage (where the
CMS keeps an editor's GitHub token). The build therefore publishes the copy made here,
never the original.

The copy is rebuilt from an allowlist, not patched with a denylist: the file is parsed by
a hardened lxml parser (no DTD, no entities, no network), then a new tree is built that
holds only SVG drawing elements, drawing attributes, local `#id` references, embedded
raster images, web and mail links and CSS that loads nothing. Whatever is left out is said
in plain words for the editor, with its line. A file that cannot be read safely (entity
declarations, not XML, not an SVG, too big) is not published at all.

Editor bookkeeping (Inkscape, Sodipodi, Illustrator, Sketch and Affinity data, `<metadata>`
content) is inert in a browser: it is removed with one finding per file, or none inside
`<metadata>`, so a drawing saved by an editor does not bury a real finding in noise.
"""

from legacy_archive.core.load.svgsafe.findings import MAX_FINDINGS, SvgFinding, SvgResult
from legacy_archive.core.load.svgsafe.sanitise import MAX_SVG_BYTES, sanitise_svg

__all__ = ["MAX_FINDINGS", "MAX_SVG_BYTES", "SvgFinding", "SvgResult", "sanitise_svg"]
