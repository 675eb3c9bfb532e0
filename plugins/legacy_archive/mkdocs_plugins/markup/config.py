"""Options of the `archive-markup` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class MarkupConfig(Config):
    """One switch: the corrections are always safe, so there is nothing else to choose."""

    enabled = c.Type(bool, default=True)
    """Turn the corrections off, e.g. to see the theme's own markup."""
