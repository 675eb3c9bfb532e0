"""Options of the `archive-promises` plugin in `mkdocs.yml`.

The programme facts, redirects and the ledger's path live in the `archive` plugin's options,
so `archive check` and `archive ledger` read them without MkDocs; these only switch parts off.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PromisesConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off."""
    robust_links = c.Type(bool, default=True)
    """Add archived-copy links (Robust Links) to external links on record pages."""
    open_data = c.Type(bool, default=True)
    """Write records.json, a CSV per collection and the schemas under data/."""
    check_ledger = c.Type(bool, default=True)
    """Fail the build when a URL in the ledger would no longer resolve."""
