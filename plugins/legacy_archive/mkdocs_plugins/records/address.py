"""The engine's `site_url` set to the address the build is for (see `core/config/site_address`)."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from legacy_archive.core.config.site_address import SiteAddressError, site_address

log = get_plugin_logger("archive")


def apply_site_address(config: MkDocsConfig, command: str) -> None:
    """Give the engine the published address; `serve` keeps its own preview address."""
    if command == "serve":
        return
    try:
        address = site_address(config.site_url, os.environ)
    except SiteAddressError as error:
        raise PluginError(str(error)) from None
    config.site_url = address.url
    if address.assumed:
        log.info(address.notice())
