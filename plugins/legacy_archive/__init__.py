"""Legacy archive engine: turns a finished programme's records into a static archive site.

`legacy_archive.core` is engine-free (no MkDocs imports) so the archive can move to the
next static site engine; `legacy_archive.mkdocs_plugins` holds the thin MkDocs adapters.
"""

from __future__ import annotations

__version__ = "0.1.0"
