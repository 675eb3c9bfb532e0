"""Collections added to a throwaway project without their templates, and the message each gets."""

from __future__ import annotations

import shutil

from support.project import Project

NEW_COLLECTIONS = """\
        - name: toolkits
          title: Toolkits
          singular: Toolkit
        - name: guides
          title: Guides
          singular: Guide
"""


def add_collections(project: Project) -> tuple[int, int]:
    """Add two collections with schemas but no templates; return their lines in mkdocs.yml."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    after_collections = "      facets:\n" if "      facets:\n" in text else "  - archive-promises"
    text = text.replace(after_collections, NEW_COLLECTIONS + after_collections, 1)
    config.write_text(text, encoding="utf-8")
    for name in ("toolkits", "guides"):
        shutil.copy(
            project.root / "schemas/events.schema.json",
            project.root / f"schemas/{name}.schema.json",
        )
        (project.root / name).mkdir()
    lines = text.splitlines()
    return (
        lines.index("        - name: toolkits") + 1,
        lines.index("        - name: guides") + 1,
    )


def missing_template(line: int, index: int, name: str) -> str:
    return (
        f"mkdocs.yml:{line}: plugins.archive.collections[{index}].template: templates/{name}.md.j2 "
        f"not found (expected a page template for the collection '{name}'; copy "
        "templates/courses.md.j2 and adapt it)"
    )
