"""Where each of the `archive` plugin's options is written in `mkdocs.yml`: the one way
every settings message finds its line.

The file is composed, never constructed, so engine tags like `!ENV` are harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from legacy_archive.core.common.problems import Problem, sort_problems
from legacy_archive.core.common.yamlpos import field_name, positions_of

PLUGIN_NAMES = ("archive",)

Key = tuple[str | int, ...]
ConfigError = tuple[Key, str]
"""Where in the plugin's options (`("collections", 1, "name")`) and what is wrong."""


@dataclass(frozen=True)
class OptionLines:
    """Lines of the plugin's options, keyed by their path under the plugin's entry."""

    file: str = "mkdocs.yml"
    lines: Mapping[Key, int] = field(default_factory=dict)
    entry: int = 1
    """Line of the plugin's entry, for options that are not written at all."""

    def line_of(self, *key: str | int) -> int:
        """Line of the deepest written prefix of `key`: the option, or its parent."""
        for end in range(len(key), 0, -1):
            found = self.lines.get(key[:end])
            if found is not None:
                return found
        return self.entry

    def field(self, *key: str | int) -> str:
        return "plugins.archive." + field_name(key, drop_index=False)

    def where(self, *key: str | int) -> str:
        """`mkdocs.yml:12: plugins.archive.redirects./news.html`, for a message to follow."""
        return f"{self.file}:{self.line_of(*key)}: {self.field(*key)}"

    def problems(self, errors: Iterable[ConfigError]) -> list[Problem]:
        """Option errors as problems pointing at their lines, sorted."""
        return sort_problems(
            [
                Problem(self.file, self.line_of(*key), self.field(*key), message)
                for key, message in errors
            ]
        )


def option_lines(config_name: str, config_text: str) -> OptionLines:
    """Lines of the `archive` plugin's options in the text of a project file."""
    positions = positions_of(config_text).lines
    entry: Key = ("plugins", "archive")
    for key in positions:
        if len(key) == 3 and key[0] == "plugins" and key[2] in PLUGIN_NAMES:
            entry = key
            break
    lines = {
        key[len(entry) :]: line for key, line in positions.items() if key[: len(entry)] == entry
    }
    return OptionLines(config_name, lines, positions.get(entry, positions.get(entry[:2], 1)))
