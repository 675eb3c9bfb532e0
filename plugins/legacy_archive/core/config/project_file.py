"""The project file, `mkdocs.yml`, read without an engine: the `archive` plugin's options as
settings, with every problem pointing at its line.

Engine tags (`!ENV`, `!!python/name:`) become plain values, so reading the file never runs
anything it names.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from legacy_archive.core.config.option_lines import PLUGIN_NAMES, option_lines
from legacy_archive.core.config.settings import ProjectSettings, settings_from_options, site_layout


class ProjectFileLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely: `!!python/name:` and `!ENV` tags become plain values."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    return None


ProjectFileLoader.add_multi_constructor("", _ignore_tag)


def read_settings(config_file: Path) -> tuple[ProjectSettings | None, list[str]]:
    """Find the archive plugin's options in an mkdocs.yml and turn them into settings."""
    name = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=ProjectFileLoader)
    except OSError as error:
        return None, [
            f"{name}:1: file: cannot be read: {error.strerror} (expected the site's mkdocs.yml)"
        ]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [
            f"{name}:{line}: file: invalid YAML: {getattr(error, 'problem', error)} (expected valid YAML)"
        ]
    plugins = config.get("plugins", []) if isinstance(config, dict) else []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else [next(iter(p.items())) if isinstance(p, dict) and p else (p, {}) for p in plugins]
    )
    for plugin, options in entries:
        if plugin in PLUGIN_NAMES:
            settings, errors = settings_from_options(
                config_file.parent.resolve(), options if isinstance(options, dict) else {}
            )
            lines = option_lines(name, text)
            if settings is not None and isinstance(config, dict):
                settings = replace(settings, site=site_layout(config), lines=lines)
            return settings, [str(p) for p in lines.problems(errors)]
    return None, [
        f"{name}:1: plugins: the 'archive' plugin is not configured (expected '- archive:' with its collections)"
    ]
