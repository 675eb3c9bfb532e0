"""Write the archive builders' reference into README.md, between `<!-- reference:start -->`
and `<!-- reference:end -->`, generated from the engine's code.

Every option of the `archive` plugin, of a collection, the programme, a facet and a notice;
every schema keyword and schema.org option; what a page template may use; the presets; the
`archive` command's subcommands. Each table is read from the dataclass, dict or parser that
the engine itself reads, so the reference cannot list an option the engine does not have,
or miss one it does. `python scripts/builder_reference.py --check` exits 1 when it is stale.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "legacy_archive"
sys.path.insert(0, str(ROOT / "plugins"))

from generated_sections import refresh  # noqa: E402
from legacy_archive.core.cli.main import build_parser  # noqa: E402
from legacy_archive.core.config.facets import BUILT_IN  # noqa: E402
from legacy_archive.core.config.notices import Notices  # noqa: E402
from legacy_archive.core.emit.pages import RECORD_TEMPLATE_NAMES  # noqa: E402
from legacy_archive.core.starter.presets import STARTER_FILES, preset_names, read_preset  # noqa: E402
from legacy_archive.core.validate.schema.keywords import DESCRIBED  # noqa: E402

START, END = "<!-- reference:start -->", "<!-- reference:end -->"
TARGET = ROOT / "README.md"
SCHEMA_ORG_OPTIONS = {"sources": "from", "as_list": "list"}
"""`SchemaOrgProperty` attributes written under another name in a schema."""
HIDDEN = {"position"}
"""Attributes that are not options a builder writes (set by the engine)."""


def attributes(path: Path, name: str) -> Iterator[tuple[str, str, str]]:
    """(attribute, default as written or "", its docstring) of class `name`, in order."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name).body
    for index, node in enumerate(body):
        target, value = None, None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        if target is None or target.isupper() or target in HIDDEN:
            continue
        after = body[index + 1] if index + 1 < len(body) else None
        doc = ""
        if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            doc = " ".join(str(after.value.value).split())
        yield target, _default(value), doc


def _default(value: ast.expr | None) -> str:
    """The default as a builder would write it in YAML, or "" for a required option."""
    if value is None:
        return ""
    if isinstance(value, ast.Call):  # c.Type(str, default=...) or field(default_factory=...)
        for keyword in value.keywords:
            if keyword.arg == "default":
                return _default(keyword.value)
            if keyword.arg == "default_factory":
                return "[]"
        return "none"
    literal = ast.literal_eval(value)
    if isinstance(literal, bool):
        return str(literal).lower()
    if isinstance(literal, (tuple, list)):
        return "[]"
    if isinstance(literal, dict):
        return "{}"
    if literal == "":
        return '""'
    return str(literal)


def cell(text: str) -> str:
    """Table-safe text: pipes escaped, and `<` outside code spans, which HTML would hide."""
    parts = text.replace("|", "\\|").replace("\n", " ").split("`")
    return "`".join(p if i % 2 else p.replace("<", "&lt;") for i, p in enumerate(parts))


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def options(path: Path, name: str, rename: dict[str, str] | None = None) -> list[str]:
    rows = [
        (f"`{(rename or {}).get(attr, attr)}`", f"`{default}`" if default else "required", doc)
        for attr, default, doc in attributes(path, name)
    ]
    return table(("option", "default", "what it is"), rows)


def plugin_section() -> list[str]:
    config = PACKAGE / "mkdocs_plugins" / "records" / "config.py"
    lines = ["#### `plugins: - archive:` options", ""]
    lines += options(config, "ArchiveConfig")
    lines += [
        "#### A collection (`collections:` entries)",
        "",
        "```yaml",
        "collections:",
        "  - name: case-studies          # a slug; its schema, template and folder are named by it",
        "    title: Case studies",
        "    singular: Case study",
        "    card_facts: [sector, year]",
        "    path: stories               # pages at /stories/<slug>/",
        "```",
        "",
    ]
    settings = PACKAGE / "core" / "config" / "settings.py"
    rows = [
        (f"`{attr}`", f"`{default}`" if default else _collection_default(attr), doc)
        for attr, default, doc in attributes(settings, "CollectionSpec")
    ]
    return lines + table(("option", "default", "what it is"), rows)


def _collection_default(attr: str) -> str:
    return {
        "name": "required",
        "title": "from the name (`Case studies`)",
        "singular": "from the title (`Case study`)",
        "schema": "`<name>.schema.json`",
        "template": "`<name>.md.j2`",
    }.get(attr, "required")


def programme_section() -> list[str]:
    programme = PACKAGE / "core" / "config" / "programme.py"
    lines = ["#### `programme:`", ""]
    lines += options(programme, "Programme")
    lines += ["Each of `successors:`:", ""]
    return lines + options(programme, "Successor")


def facets_section() -> list[str]:
    facets = PACKAGE / "core" / "config" / "facets.py"
    lines = [
        "#### `facets:` entries",
        "",
        "```yaml",
        "facets:",
        "  - {key: sector, field: sector, browse: sectors, related_weight: 2}",
        "  - {key: organisation, field: [partners, partner], label: Organisations}",
        "  - {key: year, field: year}",
        "```",
        "",
    ]
    lines += options(facets, "FacetSpec", {"fields": "field"})
    built_in = ", ".join(f"`{name}` ({what})" for name, what in BUILT_IN.items())
    return [*lines, f"Built-in fields, read from no field of the record: {built_in}.", ""]


def notices_section() -> list[str]:
    lines = [
        "#### `notices:`",
        "",
        "Each may name the values in braces shown in its default; anything else is reported.",
        "",
    ]
    notices = PACKAGE / "core" / "config" / "notices.py"
    defaults = Notices()
    rows = [
        (f"`{attr}`", doc, f"{getattr(defaults, attr)}")
        for attr, _, doc in attributes(notices, "Notices")
    ]
    return lines + table(("notice", "where it is shown", "default"), rows)


def schema_section() -> list[str]:
    lines = ["#### Schema keywords", ""]
    lines += table(("keyword", "what it says"), [(f"`{k}`", what) for k, what in DESCRIBED.items()])
    lines += ["An `x-schema-org` object on a field, or an entry of `x-schema-org-properties`:", ""]
    schema_org = PACKAGE / "core" / "validate" / "schema" / "schema_org.py"
    return lines + options(schema_org, "SchemaOrgProperty", SCHEMA_ORG_OPTIONS)


def template_section() -> list[str]:
    lines = [
        "#### What a page template may use",
        "",
        "`templates/<collection>.md.j2` extends `_record.md.j2` and fills its blocks "
        + ", ".join(f"`{b}`" for b in _blocks())
        + "; autoescape is on. Names:",
        "",
    ]
    lines += table(
        ("name", "what it is"), [(f"`{k}`", v) for k, v in RECORD_TEMPLATE_NAMES.items()]
    )
    lines += ['Macros, as `m.<name>` (`{{ m.fact("Format", show("format")) }}`):', ""]
    return lines + table(("macro", "what it makes"), list(_macros()))


def _templates() -> Path:
    return PACKAGE / "core" / "emit" / "templates"


def _blocks() -> list[str]:
    text = (_templates() / "_record.md.j2").read_text(encoding="utf-8")
    return re.findall(r"\{% block (\w+) %\}", text)


def _macros() -> Iterator[tuple[str, str]]:
    text = (_templates() / "_macros.md.j2").read_text(encoding="utf-8")
    pattern = r"\{#-((?:(?!-#\}).)*?)-#\}\n\{% macro (\w+\([^)]*\)) %\}"
    for doc, signature in re.findall(pattern, text, flags=re.S):
        yield f"`{signature}`", " ".join(doc.split())


def presets_section() -> list[str]:
    lines = ["#### Presets for `archive init --collection`", ""]
    rows = []
    for name in preset_names():
        preset = read_preset(name)
        fields = ", ".join(f"`{f}`" for f in preset.schema.get("properties", {})) or "none"
        what = str(preset.collection.get("description") or "A collection of your own")
        rows.append((f"`{name}`", what, fields))
    return lines + table(("preset", "what it is for", "its own fields"), rows)


def cli_section() -> list[str]:
    lines = ["#### The `archive` command", ""]
    parser = build_parser()
    rows = []
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for choice in getattr(action, "_choices_actions", []):
            sub = action.choices[choice.dest]
            flags = [_argument(a) for a in sub._actions if a.dest != "help"]
            rows.append(
                (f"`archive {choice.dest}`", choice.help or "", ", ".join(f"`{f}`" for f in flags))
            )
    return lines + table(("command", "what it does", "arguments"), rows)


def _argument(action: argparse.Action) -> str:
    if action.option_strings:
        return "/".join(action.option_strings)
    if isinstance(action.choices, dict):  # a subcommand's own subcommands
        return " | ".join(action.choices)
    return action.dest.upper()


def base_fields_section() -> list[str]:
    schema = json.loads((STARTER_FILES / "record.schema.json").read_text(encoding="utf-8"))
    required = set(schema.get("required", []))
    lines = [
        "#### Fields every record has",
        "",
        "From the base schema `archive init` writes (`schemas/record.schema.json`, yours to "
        "edit); each collection's schema adds its own.",
        "",
    ]
    rows = [
        (f"`{name}`", "yes" if name in required else "", str(spec.get("description", "")))
        for name, spec in schema["properties"].items()
    ]
    return lines + table(("field", "required", "what it is"), rows)


def reference() -> str:
    parts = [
        plugin_section(),
        programme_section(),
        facets_section(),
        notices_section(),
        base_fields_section(),
        schema_section(),
        template_section(),
        presets_section(),
        cli_section(),
    ]
    intro = [
        "Generated from the engine's code by `python scripts/builder_reference.py`; a test",
        "fails when it is stale.",
        "",
    ]
    return "\n".join(intro + [line for part in parts for line in part]).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is stale")
    args = parser.parse_args()
    stale, unmarked = refresh([TARGET], START, END, reference(), args.check)
    if unmarked:
        print(f"{TARGET.name}: no {START} and {END} to write the builders' reference between")
        return 1
    if args.check and stale:
        print(f"{TARGET.name}: the builders' reference is stale: run scripts/builder_reference.py")
        return 1
    if not args.check:
        print(f"wrote the builders' reference into {TARGET.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
