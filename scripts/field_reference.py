"""Write the record field reference, generated from the JSON Schemas, into README.md and the
Contribute page, between `<!-- fields:start -->` and `<!-- fields:end -->`.

The schemas are the contract; generating the reference from them means the documentation
can never drift. `python scripts/field_reference.py --check` exits 1 when a file is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from legacy_archive.core.cli.main import read_settings  # noqa: E402
from legacy_archive.core.load.vocabulary import load_registry  # noqa: E402
from legacy_archive.core.validate.schema.check import CheckContext, SchemaChecker, load_schemas  # noqa: E402

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
TARGETS = ("README.md", "content/contribute.md")


def _kind(schema: dict[str, Any]) -> str:
    if "x-vocabulary" in schema:
        return f"id from `{schema['x-vocabulary']}`"
    if schema.get("x-organisation"):
        return "organisation id"
    if schema.get("x-record"):
        return "record reference"
    if schema.get("x-attachment"):
        return "file beside the record"
    if schema.get("x-link"):
        return "web address"
    if schema.get("x-date"):
        return "date"
    kind = schema.get("type", "")
    if kind == "array":
        return (
            "list of " + _kind(schema.get("items", {}))
            if isinstance(schema.get("items"), dict)
            else "list"
        )
    return {
        "string": "text",
        "boolean": "true/false",
        "object": "fields",
        "integer": "whole number",
        "number": "number",
    }.get(str(kind), str(kind) or "see schema")


def _as_markdown(text: str) -> str:
    """Quoted values, YAML lists and mappings become code, so Markdown leaves them alone."""
    text = re.sub(r"'([^']+)'", r"`\1`", text)
    text = re.sub(r"(?<!`)(\{[^}]*\}|\[[^\]]*\])(?!`)", r"`\1`", text)
    return text.replace("|", "\\|")


def _rows(
    checker: SchemaChecker, schema_name: str, base: tuple[str | int, ...], label: str
) -> list[str]:
    """Table rows for the properties of the object at `base`, nested objects included."""
    parent = checker.property_schema(schema_name, base) if base else checker.schemas[schema_name]
    required = set(parent.get("required", []))
    rows = []
    for name in parent.get("properties", {}):
        path = (*base, name)
        schema = checker.property_schema(schema_name, path)
        flag = "yes" if name in required else ""
        description = _as_markdown(str(schema.get("description", "")))
        rows.append(f"| `{label}{name}` | {flag} | {_kind(schema)} | {description} |")
        if (
            schema.get("type") == "array"
            and isinstance(schema.get("items"), dict)
            and schema["items"].get("type") == "object"
        ):
            rows += _rows(checker, schema_name, (*path, 0), f"{label}{name}[].")
        elif schema.get("type") == "object" and schema.get("properties"):
            rows += _rows(checker, schema_name, path, f"{label}{name}.")
    return rows


def reference() -> str:
    settings, errors = read_settings(ROOT / "mkdocs.yml")
    if settings is None or errors:
        raise SystemExit("\n".join(errors))
    schemas, _ = load_schemas(ROOT / settings.schemas_dir)
    registry, _ = load_registry(settings.data_file, ROOT / settings.data_file, ROOT)
    checker = SchemaChecker(schemas, CheckContext(registry))
    out = [
        "### Fields every record has",
        "",
        "| Field | Required | Value | What goes there |",
        "|---|---|---|---|",
    ]
    out += _rows(checker, "record.schema.json", (), "")
    for spec in settings.collections:
        schema = schemas[spec.schema]
        out += [
            "",
            f"### {spec.title} (`{spec.directory}/`, schema `{settings.schemas_dir}/{spec.schema}`)",
            "",
        ]
        if schema.get("x-expected"):
            out += [f"Also required: {_as_markdown(schema['x-expected'])}.", ""]
        out += ["| Field | Required | Value | What goes there |", "|---|---|---|---|"]
        out += _rows(checker, spec.schema, (), "")
    out += ["", "### Vocabularies (ids in `data/archive.yml`)", ""]
    for vocab in registry.vocabularies.values():
        out.append(f"- **{vocab.name}**: " + ", ".join(f"`{t}`" for t in vocab.terms))
    out.append("- **organisations**: " + ", ".join(f"`{o}`" for o in registry.organisations))
    return "\n".join(out) + "\n"


def splice(text: str, generated: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{generated}{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args()
    generated = reference()
    stale = []
    for target in TARGETS:
        file = ROOT / target
        text = file.read_text(encoding="utf-8")
        if START not in text:
            continue
        updated = splice(text, generated)
        if updated != text:
            stale.append(target)
            if not args.check:
                file.write_text(updated, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(stale) + " (run: python scripts/field_reference.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
