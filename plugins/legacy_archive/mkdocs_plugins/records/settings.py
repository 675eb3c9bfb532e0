"""The `archive` plugin's options as the core's typed settings, or one error naming lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from legacy_archive.core.config.option_lines import option_lines
from legacy_archive.core.config.settings import ProjectSettings, SiteLayout, settings_from_options
from legacy_archive.core.emit.navigation import default_nav
from legacy_archive.mkdocs_plugins.context import BuildContext
from legacy_archive.mkdocs_plugins.theme import add_theme_layer, theme_problem

from .address import apply_site_address
from .config import ArchiveConfig

CORE_OPTIONS = (
    "data_file",
    "schemas_dir",
    "templates_dir",
    "default_licence",
    "collections",
    "programme",
    "redirects",
    "url_ledger",
    "facets",
    "notices",
)
"""The options the core reads; the rest (staging, render_workers) are the adapter's own."""


def site_layout(config: MkDocsConfig, root: Path) -> SiteLayout:
    """What the core's checks need of the engine's configuration."""

    def folder(plugin: str, option: str) -> str:
        options = getattr(config.plugins.get(plugin), "config", None)
        if options is None or not options.get("enabled", True):
            return ""
        return str(options.get(option, "")).strip("/")

    docs = Path(config.docs_dir).resolve()
    site = Path(config.site_dir).resolve()
    return SiteLayout(
        docs_dir=docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs),
        markdown_extensions=tuple(str(name) for name in config.markdown_extensions),
        admin_dir=folder("archive-cms", "admin_dir"),
        search_dir=folder("archive-search", "output_subdir"),
        language=str(config.theme.get("language") or "en"),
        site_name=str(config.site_name or "").strip(),
        site_description=" ".join(str(config.site_description or "").split()),
        site_dir=site.relative_to(root).as_posix() if site.is_relative_to(root) else str(site),
        icons=tuple(
            str(config.theme.get(key)) for key in ("favicon", "logo") if config.theme.get(key)
        ),
    )


def project_settings(config: MkDocsConfig, options: ArchiveConfig) -> ProjectSettings:
    """The archive's settings; every problem with them at once, with its line in mkdocs.yml."""
    config_file = Path(config.config_file_path)
    root = config_file.parent.resolve()
    raw: dict[str, Any] = {key: options[key] for key in CORE_OPTIONS}
    settings, errors = settings_from_options(root, raw)
    lines = option_lines(config_file.name, config_file.read_text("utf-8"))
    if errors or settings is None:
        problems = lines.problems(errors)
        raise PluginError("invalid archive settings:\n" + "\n".join(map(str, problems)))
    return replace(settings, site=site_layout(config, root), lines=lines)


def open_build(config: MkDocsConfig, command: str, options: ArchiveConfig) -> BuildContext:
    """Ready the engine's config for an archive build: theme layer, address, default nav."""
    problem = theme_problem(config)
    if problem:
        raise PluginError(problem)
    add_theme_layer(config)
    apply_site_address(config, command)
    context = BuildContext(command, project_settings(config, options))
    if config.nav is None:
        config.nav = default_nav(context.settings)
    return context
