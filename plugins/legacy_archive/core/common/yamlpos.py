"""Safe YAML parsing that remembers where each key is, for messages that name the line.

Built on PyYAML's `SafeLoader` with three changes that matter for untrusted input:
timestamps stay strings (JSON Schema checks them as dates), anchors and aliases are refused
(a "billion laughs" alias bomb never expands), and nesting is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 32
"""Deeper nesting than this is never a real record and would exhaust the recursion limit."""

Path = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (constructs values from composed nodes)."""


# Scanning is where the time goes, so parse with libyaml when PyYAML was built with it
# (10x faster at 10,000 records); the pure-Python loader gives the same events and nodes.
_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", _Loader)


class _FastLoader(_Parser):  # type: ignore[valid-type,misc]
    """The fastest available safe parser, with the same resolvers as `_Loader`."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlError(Exception):
    """Raised for YAML that cannot be read; carries a 1-based line relative to the text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Positioned:
    """A parsed YAML document with the line of every key and list item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)
    """(path, line, first line) for keys given twice in one mapping."""

    def line_of(self, path: Path, default: int = 1) -> int:
        """Line of the deepest known prefix of `path`: the offending key, or its parent."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return default


def _check_events(text: str) -> None:
    """Refuse aliases and runaway nesting before anything is constructed."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(
                line,
                "YAML anchors and aliases (& and *) are not allowed "
                "(expected plain values; write the value out in full)",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    line, f"nested more than {MAX_DEPTH} levels deep (expected a flat record)"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _walk(node: yaml.Node, path: Path, out: Positioned) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                out.duplicates.append(((*path, key), line, seen[key]))
            else:
                seen[key] = line
            out.lines.setdefault((*path, key), line)
            _walk(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out.lines[(*path, index)] = item.start_mark.line + 1
            _walk(item, (*path, index), out)


def parse(text: str) -> Positioned:
    """Parse one YAML document safely, returning its data and key positions."""
    try:
        _check_events(text)
        node = yaml.compose(text, Loader=_FastLoader)
        if node is None:
            return Positioned(None)
        loader = _Loader("")
        try:
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.line >= text.count("\n"):
            mark = error.context_mark  # an error at the very end: show where the construct began
        line = mark.line + 1 if mark else 1
        what = error.problem or "invalid YAML"
        if error.context:
            what = f"{error.context}, {what}"
        raise YamlError(
            line,
            f"YAML syntax error: {what} (expected valid YAML; check indentation, colons and quotes)",
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        raise YamlError(1, f"YAML could not be read: {error} (expected valid YAML)") from None
    positioned = Positioned(data)
    _walk(node, (), positioned)
    return positioned


def positions_of(text: str) -> Positioned:
    """Key lines of any YAML document (tags allowed, nothing constructed), e.g. mkdocs.yml."""
    out = Positioned(None)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out
    if node is not None:
        _walk(node, (), out)
    return out


def field_name(path: Path, drop_index: bool = True) -> str:
    """Human field name: `downloads[2].url`; a trailing list index is dropped (`audiences`)."""
    parts = list(path)
    if drop_index and parts and isinstance(parts[-1], int):
        parts.pop()
    out = ""
    for part in parts:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
