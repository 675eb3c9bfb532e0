"""`archive-cms` plugin: serves the editing forms at `/admin/`, generated from the schemas.

A thin adapter: the configuration and the page come from `legacy_archive.core.editors.cms`; this
file only adds them to the site's files.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from legacy_archive.core.editors import cms
from legacy_archive.mkdocs_plugins.context import build_context
from legacy_archive.mkdocs_plugins.order import AFTER_RECORD_FILES

from .config import CmsConfig

log = get_plugin_logger("archive-cms")
GITHUB_REPO = re.compile(r"github\.com[/:]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


class CmsPlugin(BasePlugin[CmsConfig]):
    """Adds `admin/index.html` and `admin/config.yml` to the built site."""

    supports_multiple_instances = False

    def _repo(self, config: MkDocsConfig) -> str:
        if self.config.cms_repo:
            return self.config.cms_repo
        match = GITHUB_REPO.search(config.repo_url or "")
        return match.group(1) if match else ""

    # Runs after the `archive` plugin's on_files (default priority 0), which loads the records.
    @event_priority(AFTER_RECORD_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        context = build_context(config)
        if context is None or context.archive is None:
            log.info("the 'archive' plugin is off, so there are no forms at /admin/")
            return files
        repo = self._repo(config)
        if not repo and self.config.cms_backend == "github":
            log.info("no GitHub repository (set repo_url or cms_repo): the forms cannot save")
        options = cms.CmsOptions(
            repo=repo,
            branch=self.config.cms_branch,
            backend=self.config.cms_backend,
            base_url=self.config.cms_base_url,
            site_url=config.site_url or "",
            public_folder=urlsplit(config.site_url or "").path.rstrip("/") + "/assets/uploads",
        )
        archive = context.archive
        records = [
            (record.ref, f"{record.title} ({record.collection})") for record in archive.records()
        ]
        data = cms.project_config(context.settings, archive.registry, options, records)
        folder = self.config.admin_dir.strip("/")
        for name, content in (
            (
                "index.html",
                cms.admin_page(
                    config.site_name,
                    self.config.cms_script,
                    self.config.cms_script_integrity,
                    auth_url=self.config.cms_base_url,
                ),
            ),
            ("config.yml", cms.config_yaml(data)),
        ):
            files.append(
                File.generated(
                    config, f"{folder}/{name}", content=content, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        return files
