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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from generated_sections import refresh  # noqa: E402
from legacy_archive.core.cli.main import read_settings  # noqa: E402
from legacy_archive.core.load.vocabulary import load_registry  # noqa: E402
from legacy_archive.core.validate.schema.fields import FieldSpec, FieldViews  # noqa: E402
from legacy_archive.core.validate.schema.load import load_schemas  # noqa: E402
from legacy_archive.core.validate.schema.resolve import SchemaSet  # noqa: E402

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
TARGETS = ("README.md", "content/contribute.md")
KINDS = {
    "text": "text",
    "boolean": "true/false",
    "object": "fields",
    "integer": "whole number",
    "number": "number",
}


def _kind(spec: FieldSpec) -> str:
    if spec.kind == "list":
        return "list of " + _kind(spec.item) if spec.item is not None else "list"
    if spec.vocabulary:
        return f"id from `{spec.vocabulary}`"
    if spec.organisation:
        return "organisation id"
    if spec.record:
        return "record reference"
    if spec.attachment:
        return "file beside the record"
    if spec.link:
        return "web address"
    if spec.date:
        return "date"
    return KINDS[spec.kind]


def _as_markdown(text: str) -> str:
    """Quoted values, YAML lists and mappings become code, so Markdown leaves them alone."""
    text = re.sub(r"'([^']+)'", r"`\1`", text)
    text = re.sub(r"(?<!`)(\{[^}]*\}|\[[^\]]*\])(?!`)", r"`\1`", text)
    return text.replace("|", "\\|")


def _rows(fields: tuple[FieldSpec, ...], label: str) -> list[str]:
    """Table rows for fields, nested objects (and lists of them) included."""
    rows = []
    for spec in fields:
        flag = "yes" if spec.required else ""
        description = _as_markdown(spec.description)
        rows.append(f"| `{label}{spec.name}` | {flag} | {_kind(spec)} | {description} |")
        if spec.kind == "list" and spec.item is not None and spec.item.kind == "object":
            rows += _rows(spec.item.fields, f"{label}{spec.name}[].")
        elif spec.kind == "object" and spec.fields:
            rows += _rows(spec.fields, f"{label}{spec.name}.")
    return rows


def reference() -> str:
    settings, errors = read_settings(ROOT / "mkdocs.yml")
    if settings is None or errors:
        raise SystemExit("\n".join(errors))
    schemas, _ = load_schemas(ROOT / settings.schemas_dir)
    registry, _ = load_registry(settings.data_file, ROOT / settings.data_file, ROOT)
    views = FieldViews(SchemaSet(schemas))
    out = [
        "### Fields every record has",
        "",
        "| Field | Required | Value | What goes there |",
        "|---|---|---|---|",
    ]
    out += _rows(views.own("record.schema.json"), "")
    for spec in settings.collections:
        fields = views.collection(spec.schema, spec.name, spec.title)
        out += [
            "",
            f"### {spec.title} (`{spec.directory}/`, schema `{settings.schemas_dir}/{spec.schema}`)",
            "",
        ]
        if fields.expected:
            out += [f"Also required: {_as_markdown(fields.expected)}.", ""]
        out += ["| Field | Required | Value | What goes there |", "|---|---|---|---|"]
        out += _rows(views.own(spec.schema), "")
    out += ["", "### Vocabularies (ids in `data/archive.yml`)", ""]
    for vocab in registry.vocabularies.values():
        out.append(f"- **{vocab.name}**: " + ", ".join(f"`{t}`" for t in vocab.terms))
    out.append("- **organisations**: " + ", ".join(f"`{o}`" for o in registry.organisations))
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args()
    files = [ROOT / target for target in TARGETS]
    stale, _ = refresh(files, START, END, reference(), args.check)
    if args.check and stale:
        names = ", ".join(file.relative_to(ROOT).as_posix() for file in stale)
        print(f"out of date: {names} (run: python scripts/field_reference.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
