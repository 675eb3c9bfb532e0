"""What a pull request changes on the site, page by page: for reviewers who read, not diff.

Two builds of the archive (the base branch's and the pull request's) are compared
(`changes`) by what each page says (`text`), and the result becomes a Markdown job summary
(`markdown`) and a list of pages to photograph (`screenshots`). `builds` makes the two
builds; `archive preview` runs it all.
"""

from __future__ import annotations

from legacy_archive.core.editors.preview.changes import (
    Build,
    PageChange,
    Preview,
    compare,
    read_build,
)
from legacy_archive.core.editors.preview.markdown import summary
from legacy_archive.core.editors.preview.text import visible_text

__all__ = ["Build", "PageChange", "Preview", "compare", "read_build", "summary", "visible_text"]
