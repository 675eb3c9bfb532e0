"""`archive-promises` plugin: the closure banner and notices, redirects, the URL ledger,
reproducible sitemaps, JSON-LD, attribution, Robust Links and open data.

A thin adapter over `legacy_archive.core`; it reads the model the `archive` plugin loaded,
so it must be listed after `archive` in `mkdocs.yml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from legacy_archive.core.config.programme import Programme
from legacy_archive.core.emit import downloads
from legacy_archive.core.emit.navigation import editors_pages
from legacy_archive.core.emit.notices import SITE_MAP_URL, NoticeRenderer, after_title
from legacy_archive.core.emit.robustlinks import add_robust_links
from legacy_archive.core.load.records import Record
from legacy_archive.core.load.source import SourceChanged
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.ledger import broken_urls
from legacy_archive.core.publish.ledger_file import RESET_HINT, page_url_of, read_ledger
from legacy_archive.core.publish.namespace import safe_redirects
from legacy_archive.core.publish.opendata import data_files, write_open_data
from legacy_archive.core.publish.redirects import Redirect, RedirectWriter, browser_rules
from legacy_archive.core.publish.sitemap import lastmod_by_url, write_sitemaps
from legacy_archive.core.validate.schema.load import load_schemas
from legacy_archive.mkdocs_plugins.context import ARCHIVE_PLUGIN, BuildContext, build_context
from legacy_archive.mkdocs_plugins.order import AFTER_LAST
from legacy_archive.mkdocs_plugins.records.rendering import is_deferred

from .config import PromisesConfig

log = get_plugin_logger("archive-promises")
SITE_MAP_SRC = SITE_MAP_URL + "index.md"


def _nav_pages(nav: Any) -> list[tuple[str, str]]:
    """(title, URL) of the Markdown pages named in the `nav:` setting, in order."""
    found: list[tuple[str, str]] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str) and value.endswith(".md"):
                    found.append((str(title), page_url_of(value)))
                elif isinstance(value, list):
                    found += _nav_pages(value)
    return found


class PromisesPlugin(BasePlugin[PromisesConfig]):
    """Keeps the archive's promises to readers who arrive years later."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.context: BuildContext | None = None
        self.programme: Programme | None = None
        self.archive: Archive | None = None
        self.renderer: NoticeRenderer | None = None
        self.rules: list[Redirect] = []
        self.schemas: dict[str, dict[str, Any]] = {}
        self.by_src: dict[str, Record] = {}
        self.page_urls: list[str] = []
        self.editions = downloads.ReleaseFacts()

    # Runs after the `archive` plugin's on_config (-100), whose settings it reads.
    @event_priority(AFTER_LAST)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        self.context = build_context(config) if self.config.enabled else None
        if self.context is None:
            return config
        self.programme = self.context.settings.programme
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.context is None or self.context.archive is None:
            return
        archive = self.archive = self.context.archive
        settings = archive.settings
        if "licences" in archive.registry.vocabularies and (
            settings.default_licence not in archive.registry.vocabulary("licences").terms
        ):
            raise PluginError(
                f"mkdocs.yml: plugins.archive.default_licence: unknown licence '{settings.default_licence}' (expected an id from the licences vocabulary in {settings.data_file})"
            )
        self.schemas, _ = load_schemas(settings.root / settings.schemas_dir)
        self.renderer = NoticeRenderer(archive, self.programme, config.site_url or "", self.schemas)
        # Problems were reported by the archive plugin; rules with one are not written.
        self.rules, _ = safe_redirects(archive)
        self.by_src = {archive.page_path(r): r for r in archive.every_record()}
        config.extra["archive_banner"] = self.renderer.banner()
        config.extra["archive_redirects"] = browser_rules(self.rules)
        config.extra["archive_site_map"] = SITE_MAP_URL
        self.editions, problems = downloads.read_editions(settings.root)
        for problem in problems:  # a release's file: --strict fails, a preview goes on
            log.warning(str(problem))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.archive is None or self.renderer is None:
            return files
        names = sorted(
            p.name
            for p in (self.archive.settings.root / self.archive.settings.schemas_dir).glob("*.json")
        )
        listed = _nav_pages(config.nav)
        content = self.renderer.site_map_page(
            listed + editors_pages(self.archive.settings, listed),
            data_files(self.archive, names),
            self.archive.settings.default_licence,
        )
        files.append(
            File.generated(
                config, SITE_MAP_SRC, content=content, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        options = getattr(config.plugins.get(ARCHIVE_PLUGIN), "config", None)  # its report_to
        urls = (config.repo_url, getattr(options, "report_to", ""))
        page = downloads.downloads_page(self.renderer.env, config.site_name, self.editions, *urls)
        src, level = downloads.DOWNLOADS_URL + "index.md", InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=page, inclusion=level))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.page_urls = [f.url.removeprefix("./") for f in files.documentation_pages()]
        return env

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        record = self.by_src.get(page.file.src_uri)
        if record is not None and record.withdrawn:
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.renderer is None or self.archive is None or self.context is None:
            return html
        if is_deferred(page):  # rendered later by the archive plugin, with these events
            return html
        with self.context.timer.stage("record extras"):
            return self._record_extras(html, page, config)

    def _record_extras(self, html: str, page: Page, config: MkDocsConfig) -> str:
        assert self.renderer is not None and self.archive is not None
        if page.is_homepage:
            return after_title(html, str(self.renderer.home_notice(page.url)))
        record = self.by_src.get(page.file.src_uri)
        if record is None:
            return html
        html = after_title(html, str(self.renderer.record_top(record)))
        if self.config.robust_links:
            html = add_robust_links(html, record.date, config.site_url or "")
        return html + str(self.renderer.record_bottom(record))

    def on_post_build(self, config: MkDocsConfig) -> None:
        archive = self.archive
        if archive is None:
            return
        site_dir, site_url = Path(config.site_dir), config.site_url or ""
        RedirectWriter(archive.settings.root / archive.settings.templates_dir).write(
            self.rules, site_dir, site_url
        )
        if self.config.open_data:
            settings = archive.settings
            try:
                write_open_data(
                    archive, site_dir, settings.root / settings.schemas_dir, self.schemas, site_url
                )
            except SourceChanged as error:
                raise PluginError(str(error)) from None
        default = self.programme.last_reviewed if self.programme else ""
        dates = lastmod_by_url(archive, default)
        pages = [(url, dates.get(url, default)) for url in self.page_urls]
        write_sitemaps(site_dir, site_url, pages)
        if self.config.check_ledger:
            self._check_ledger(site_dir)

    def _check_ledger(self, site_dir: Path) -> None:
        assert self.archive is not None
        settings = self.archive.settings
        name = settings.url_ledger
        broken = broken_urls(Path(name), read_ledger(settings.root / name), site_dir)
        if broken:
            raise PluginError(
                f"{len(broken)} published URL(s) would no longer resolve; the previous site is untouched:\n  "
                + "\n  ".join(broken)
                + f"\nA new archive made from another's files, never published, starts its own ledger: {RESET_HINT}."
            )
