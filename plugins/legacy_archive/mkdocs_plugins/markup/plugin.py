"""`archive-markup` plugin: corrects the theme's HTML on every page as it is written.

A thin adapter over `legacy_archive.core.emit.markup`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from legacy_archive.core.emit.markup import without_invalid_autocomplete
from legacy_archive.mkdocs_plugins.order import LAST

from .config import MarkupConfig


class MarkupPlugin(BasePlugin[MarkupConfig]):
    """Runs over each rendered page, including the 404 page and generated records."""

    supports_multiple_instances = False

    # Last, so it sees the final HTML whatever other plugins add to the page.
    @event_priority(LAST)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        return without_invalid_autocomplete(output)

    # 404.html is a theme template, not a page: it comes through this event instead.
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        return without_invalid_autocomplete(output_content)
