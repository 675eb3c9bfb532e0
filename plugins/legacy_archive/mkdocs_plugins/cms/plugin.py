"""`archive-cms` plugin: serves the editing forms at `/admin/`, generated from the schemas.

A thin adapter: the configuration (`core.editors.cms`), the page (`core.editors.admin_page`)
and the checked CMS files (`core.editors.vendored`) come from the core; this file only adds
them to the site's files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from legacy_archive.core.editors import admin_page, cms, vendored
from legacy_archive.mkdocs_plugins.context import build_context
from legacy_archive.mkdocs_plugins.order import AFTER_RECORD_FILES

from .config import CmsConfig

log = get_plugin_logger("archive-cms")
GITHUB_REPO = re.compile(r"github\.com[/:]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
OWNER_NAME = re.compile(r"^[\w.-]+/[\w.-]+$")
REPOSITORY_VARIABLE = "ARCHIVE_REPOSITORY"


class CmsPlugin(BasePlugin[CmsConfig]):
    """Adds `admin/index.html`, `admin/config.yml` and the CMS's checked files to the site."""

    supports_multiple_instances = False
    serving = False
    """Under `mkdocs serve` (set once at start-up, kept across rebuilds)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def _repo(self, config: MkDocsConfig) -> str:
        if self.config.cms_repo:
            return self.config.cms_repo
        match = GITHUB_REPO.search(config.repo_url or "")
        if match:
            return match.group(1)
        # Set by the Pages workflow (`${{ github.repository }}`), as ARCHIVE_SITE_URL is:
        # a repository whose mkdocs.yml names none still gets forms that save to it. Not
        # GITHUB_REPOSITORY, which every Actions run has: a test build would then differ
        # on CI from the same build on a laptop.
        deployed = os.environ.get(REPOSITORY_VARIABLE, "")
        if OWNER_NAME.match(deployed):
            return deployed
        if self.serving:
            # `mkdocs serve` on a clone with no GitHub repository: the forms work on the
            # local files ("Work with Local Repository"), which only needs a name to show.
            return f"local/{Path(config.config_file_path or '.').resolve().parent.name}"
        return ""

    # Runs after the `archive` plugin's on_files (default priority 0), which loads the records.
    @event_priority(AFTER_RECORD_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        context = build_context(config)
        if context is None or context.archive is None:
            log.info("the 'archive' plugin is off, so there are no forms at /admin/")
            return files
        try:
            admin = vendored.admin_files()
        except vendored.BundleError as error:
            raise PluginError(f"archive-cms: {error}") from None
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
        page = admin_page.admin_page(
            config.site_name,
            vendored.subresource_integrity(admin[vendored.CMS_FILE]),
            auth_url=self.config.cms_base_url,
        )
        folder = self.config.admin_dir.strip("/")
        for name, content in (
            ("index.html", page.encode("utf-8")),
            ("config.yml", cms.config_yaml(data).encode("utf-8")),
            *sorted(admin.items()),
        ):
            files.append(
                File.generated(
                    config, f"{folder}/{name}", content=content, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        return files
