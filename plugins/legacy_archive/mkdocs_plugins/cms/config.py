"""Options of the `archive-cms` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from legacy_archive.core.editors.cms import CMS_SCRIPT


class CmsConfig(Config):
    """Where the CMS saves records; every option has a working default."""

    enabled = c.Type(bool, default=True)
    """Turn the forms off, e.g. for a fork that takes no contributions."""

    cms_repo = c.Type(str, default="")
    """`owner/name` of the GitHub repository; defaults to the one in `repo_url`."""
    cms_branch = c.Type(str, default="main")
    """Branch that pull requests from the forms target."""
    cms_backend = c.Type(str, default="github")
    """The CMS backend; `test-repo` keeps everything in the browser (for trying it out)."""
    cms_base_url = c.Type(str, default="")
    """Address of the OAuth helper for GitHub log-in (see CONTRIBUTING.md)."""
    cms_script = c.Type(str, default=CMS_SCRIPT)
    """The CMS's JavaScript; the default is Decap CMS's pinned CDN build."""
    cms_script_integrity = c.Optional(c.Type(str))
    """Its Subresource Integrity hash (`sha384-...`); known for the default script. Give
    it when you change `cms_script`, or the browser cannot tell a tampered copy."""

    admin_dir = c.Type(str, default="admin")
    """Folder of the built site that serves the forms."""
