"""The archive's theme layer: shipped with the engine and added by the `archive` plugin itself.

Material ships its templates inside its package; the archive does the same with its layer
over Material (banner, search box, Find page script, 404 page, styles), so an archive
needs no copy of them. The layer sits between the archive's own `custom_dir` and
Material: a project's `overrides/` still replaces any of its files, one by one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

THEME_DIR = Path(__file__).resolve().parent.parent / "theme" / "material"
"""The layer's templates and assets, installed with the package."""

STYLES = (
    "assets/archive.css",
    "assets/promises.css",
    "assets/stylesheets/archive-search.css",
    "assets/stylesheets/archive-record.css",
    "assets/stylesheets/archive-home.css",
    "assets/stylesheets/archive-print.css",
)
"""Style sheets every archive page loads, before any the archive adds itself."""

SCRIPTS = ("assets/javascripts/archive-search.js", "assets/javascripts/archive-record.js")
"""Scripts every archive page loads: the header search and the Find page."""

THEME_NAME = "material"


def theme_problem(config: Any) -> str | None:
    """Why the layer cannot be added to this configuration, or None."""
    name = getattr(config.theme, "name", None)
    if name != THEME_NAME:
        return (
            f"theme: '{name}' is not supported "
            f"(expected `theme: {{name: {THEME_NAME}}}`: the archive's pages build on it)"
        )
    if not (THEME_DIR / "main.html").is_file():
        return f"theme: the archive's theme files are missing from the installed engine ({THEME_DIR.name}/main.html)"
    return None


def add_theme_layer(config: Any) -> None:
    """Put the layer after the archive's `custom_dir` (if any) and list its styles and scripts.

    Idempotent: `mkdocs serve` runs on_config again on every rebuild with a fresh config,
    and a config that already names a file does not get it twice."""
    dirs: list[str] = config.theme.dirs
    layer = str(THEME_DIR)
    if layer not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, layer)
    config.extra_css[:0] = [path for path in STYLES if path not in config.extra_css]
    listed = {str(script) for script in config.extra_javascript}
    config.extra_javascript[:0] = [path for path in SCRIPTS if path not in listed]
