"""Options of the `archive-search` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    """Where the Pagefind bundle goes; pages opt in with `data-pagefind-body`."""

    enabled = c.Type(bool, default=True)
    """Turn indexing off (e.g. for quick previews; the search box then finds nothing)."""
    output_subdir = c.Type(str, default="pagefind")
    """Folder of the search bundle inside the site (the browser script expects `pagefind`)."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Site-relative URLs of more pages to keep out of search results (`about/`), as a page's
    own front matter does with `search: {exclude: true}`; the site map is always left out."""
