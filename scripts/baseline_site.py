"""The benchmark's baseline: the synthetic archive as a plain MkDocs + Material site.

What a user without this project would build by hand: one ordinary Markdown page per
record (title, summary, a list of facts with vocabulary labels, related links, the body,
downloads), one hand-kept index page per collection linking every record, a home page, a
minimal nav (home and the four indexes), the same theme and features, and no plugins
(`--search` adds Material's built-in lunr search, to compare like with like).

    python scripts/baseline_site.py OUT_DIR --records 1000 [--seed 1] [--search]
"""

from __future__ import annotations

import argparse
import posixpath
import shutil
from pathlib import Path
from typing import Any

import yaml

from generate_archive import COLLECTIONS, SOURCE, SyntheticRecord, synthetic_records

FACT_LABELS = {
    "date": "Date",
    "subjects": "Subjects",
    "audiences": "Audiences",
    "partners": "Partners",
    "partner": "Set by",
    "format": "Format",
    "level": "Level",
    "duration": "Duration",
    "available_until": "Available until",
    "key_stages": "Key stages",
    "time_needed": "Time needed",
    "name": "Name",
    "role": "Role",
    "organisation": "Organisation",
    "sector": "Sector",
    "pathway": "Pathway",
    "venue": "Where",
}


def _labels(data: dict[str, Any]) -> dict[str, str]:
    """Every vocabulary id and organisation id with its human label."""
    labels = {
        term["id"]: term["label"]
        for vocabulary in data["vocabularies"].values()
        for term in vocabulary["terms"]
    }
    labels |= {org["id"]: org["name"] for org in data["organisations"]}
    return labels


def _link(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path))


def record_markdown(
    record: SyntheticRecord, labels: dict[str, str], paths: dict[str, str], titles: dict[str, str]
) -> str:
    fields = record.fields
    lines = [f"# {fields['title']}", "", fields["summary"], ""]
    for name, label in FACT_LABELS.items():
        value = fields.get(name)
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        lines.append(f"- **{label}:** " + ", ".join(labels.get(str(v), str(v)) for v in values))
    if "rating" in fields:
        rating = fields["rating"]
        lines.append(f"- **Rating:** {rating['score']} out of {rating['out_of']}")
    lines.append("")
    for heading, name in (("What you will be able to do", "outcomes"), ("Skills", "skills")):
        if name in fields:
            lines += [f"## {heading}", "", *(f"- {item}" for item in fields[name]), ""]
    if "modules" in fields:
        lines += ["## Modules", ""]
        lines += [f"1. **{m['title']}**: {m['summary']}" for m in fields["modules"]] + [""]
    if "quote" in fields:
        lines += [f"> {fields['quote']}", ""]
    lines.append(record.body)
    if "downloads" in fields:
        lines += ["## Downloads", ""]
        lines += [f"- [{d['title']}]({d.get('file') or d['url']})" for d in fields["downloads"]]
        lines.append("")
    if "related" in fields:
        lines += ["## Related", ""]
        lines += [
            f"- [{titles[ref]}]({_link(record.path, paths[ref])})" for ref in fields["related"]
        ]
        lines.append("")
    front = yaml.safe_dump({"title": fields["title"], "description": fields["summary"]})
    return f"---\n{front}---\n\n" + "\n".join(lines)


def mkdocs_yml(search: bool) -> str:
    """The same site name, theme and features as the archive; a minimal nav."""
    config = {
        "site_name": "TechPathways London archive",
        "site_url": "https://example.github.io/techpathways-archive/",
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "language": "en",
            "features": ["navigation.tabs", "navigation.top", "content.code.copy"],
            "palette": [{"scheme": "default", "primary": "indigo", "accent": "indigo"}],
            "font": False,
        },
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "toc", "tables"],
        "nav": [{"Home": "index.md"}]
        + [{name.capitalize(): f"{name}/index.md"} for name in COLLECTIONS],
        "plugins": ["search"] if search else [],
    }
    return yaml.safe_dump(config, sort_keys=False)


def generate_baseline(out: Path, records: int, seed: int = 1, search: bool = False) -> Path:
    """Write the baseline project for the same records `generate` writes."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    data = yaml.safe_load((SOURCE / "data" / "archive.yml").read_text(encoding="utf-8"))
    labels = _labels(data)
    all_records = list(synthetic_records(records, seed))
    paths = {r.ref: r.path for r in all_records}
    titles = {r.ref: str(r.fields["title"]) for r in all_records}
    for record in all_records:
        target = docs / record.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(record_markdown(record, labels, paths, titles), encoding="utf-8")
        for name, content in record.attachments.items():
            (target.parent / name).write_bytes(content)
    for collection in COLLECTIONS:
        mine = sorted(
            (r for r in all_records if r.collection == collection),
            key=lambda r: str(r.fields["date"]),
            reverse=True,
        )
        lines = [f"# {collection.capitalize()}", ""]
        lines += [
            f"- [{r.fields['title']}]({_link(f'{collection}/index.md', r.path)}): {r.fields['summary']}"
            for r in mine
        ]
        (docs / collection / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "index.md").write_text(
        "# TechPathways London archive\n\nCourses, briefs, interviews and events.\n", "utf-8"
    )
    (out / "mkdocs.yml").write_text(mkdocs_yml(search), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search", action="store_true", help="add Material's lunr search")
    args = parser.parse_args()
    generate_baseline(args.out, args.records, args.seed, args.search)
    print(f"wrote the baseline of {args.records} records to {args.out}")


if __name__ == "__main__":
    main()
