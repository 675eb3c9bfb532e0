"""What the `archive` plugin does to keep hostile record content off the site's pages.

The work is in the core (`bodyclean`, `htmlpolicy`, `csp`); this module only knows where
MkDocs keeps things: which Markdown extensions are on, a page's table of contents, and
the finished HTML of pages and theme templates.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.emit.bodyclean import clean_rendered, clean_text, locate
from legacy_archive.core.emit.csp import with_policy
from legacy_archive.core.load.records import Record

FOOTNOTES = ("footnotes", "markdown.extensions.footnotes", "pymdownx.footnotes")
DEFAULT_FOOTNOTES_MARKER = "///Footnotes Go Here///"
FENCES = ("fenced_code", "markdown.extensions.fenced_code", "pymdownx.superfences")


def footnotes_marker(config: MkDocsConfig) -> str:
    """Where the footnotes extension (when on) should put a body's footnotes."""
    for name in FOOTNOTES:
        if name in config.markdown_extensions:
            options = config.mdx_configs.get(name) or {}
            return str(options.get("PLACE_MARKER", DEFAULT_FOOTNOTES_MARKER))
    return ""


def fenced_code(config: MkDocsConfig) -> bool:
    """Whether ``` fences make code blocks on this site (the body check needs to know)."""
    return any(name in config.markdown_extensions for name in FENCES)


def clean_record_page(html: str, page: Page, record: Record) -> tuple[str, list[Problem]]:
    """The rendered record page with its body cleaned; what was removed, as problems."""
    cleaned, findings = clean_rendered(html)
    if page.toc:
        _clean_toc(list(page.toc))
    if not findings:
        return cleaned, []
    body = record.body
    problems = []
    for finding in findings:
        line = locate(body, finding.needle)
        problems.append(
            Problem(
                record.path,
                record.body_line + line - 1 if line else record.body_line,
                "body",
                finding.message,
            )
        )
    return cleaned, problems


def _clean_toc(items: list[Any]) -> None:
    """Table of contents titles come from body headings: text only."""
    for item in items:
        item.title = clean_text(str(item.title))
        _clean_toc(list(item.children))


def page_policy(output: str, page: Page, serving: bool) -> str:
    """A finished page with its Content-Security-Policy; its content's scripts refused."""
    return with_policy(output, page.content or "", inline_scripts=serving)


def template_policy(output: str, serving: bool) -> str:
    """A theme template (the 404 page) with its policy; it holds no record content."""
    return with_policy(output, "", inline_scripts=serving)
