"""Options of the `archive-cms` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CmsConfig(Config):
    """Where the CMS saves records; every option has a working default."""

    enabled = c.Type(bool, default=True)
    """Turn the forms off, e.g. for a fork that takes no contributions."""

    cms_repo = c.Type(str, default="")
    """`owner/name` of the GitHub repository; defaults to the one in `repo_url`, then to
    `$ARCHIVE_REPOSITORY` (which the Pages workflow sets to the repository it runs in)."""
    cms_branch = c.Type(str, default="main")
    """Branch that pull requests from the forms target."""
    cms_backend = c.Type(str, default="github")
    """The CMS backend; `test-repo` keeps everything in the browser (for trying it out)."""
    cms_base_url = c.Type(str, default="")
    """Address of an OAuth helper, for a "Sign in with GitHub" button (CONTRIBUTING.md);
    without it, editors sign in with a personal access token."""
    cms_script = c.Deprecated(
        message="'cms_script' is gone: the form editor (Sveltia CMS) now ships with the "
        "engine and is served from the site, so there is no script address to set"
    )
    cms_script_integrity = c.Deprecated(
        message="'cms_script_integrity' is gone: the engine checks its own copy of the "
        "form editor at every build"
    )

    admin_dir = c.Type(str, default="admin")
    """Folder of the built site that serves the forms."""
