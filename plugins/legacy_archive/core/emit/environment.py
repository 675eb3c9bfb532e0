"""What every emitted page shares: the Jinja environment, relative links and the small
text helpers templates use.

Jinja runs with autoescape on, so record fields (untrusted text) are always escaped.
Every URL is made relative, so the site works under a GitHub Pages project sub-path.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2

from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.speed.template_cache import COMPILED

DEFAULT_TEMPLATES = Path(__file__).parent / "templates"


def relative_url(from_page: str, to: str) -> str:
    """Relative link between two site-relative directory URLs (`a/b/` -> `c/`)."""
    if re.match(r"^[a-z]+:", to):
        return to
    base = from_page.rstrip("/") or "."
    target, slash = to.rstrip("/") or ".", "/" if to.endswith("/") or not to else ""
    rel = _relpath(target, base)
    return "./" if rel == "." else rel + slash


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath` for site-relative paths, without its `os.getcwd()` per call
    (a tenth of the emit stage at 10,000 records); anything unusual goes to `relpath`."""
    if target.startswith("/") or base.startswith("/") or ".." in target or ".." in base:
        return posixpath.relpath(target, base)
    to_parts = [part for part in target.split("/") if part not in ("", ".")]
    base_parts = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    for mine, theirs in zip(to_parts, base_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + to_parts[common:]) or "."


def paragraphs(text: str) -> list[str]:
    """Split plain text on blank lines, for transcripts and long quotes."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def template_environment(
    settings: ProjectSettings, keep_trailing_newline: bool = False
) -> jinja2.Environment:
    """Jinja with autoescape on, the project's templates first, then the package's defaults."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(settings.root / settings.templates_dir)),
                jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES)),
            ]
        ),
        autoescape=True,
        bytecode_cache=COMPILED,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )


class TemplateFailure(Exception):
    """A page template could not be rendered; the message names the template and line."""


BASE_RECORD_TEMPLATE = "_record.md.j2"
"""The engine's record page, which every collection template extends."""


class PageTemplates:
    """The page templates of one emit, each loaded once, their errors in one readable line.

    A collection template that is missing or broken was reported, with every other one,
    before any page was rendered (`template_check`); a strict build stops there. A build
    that goes on despite problems shows that collection's records with the engine's base
    record page, so one missing file does not cost every other page of the site."""

    def __init__(self, settings: ProjectSettings, env: jinja2.Environment) -> None:
        self.settings = settings
        self.env = env
        self._templates: dict[str, jinja2.Template] = {}
        self._collection_templates = {spec.template for spec in settings.collections}

    def get(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            try:
                self._templates[name] = self._load(name)
            except TemplateFailure:
                if name not in self._collection_templates:
                    raise
                self._templates[name] = self.get(BASE_RECORD_TEMPLATE)
        return self._templates[name]

    def _load(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            where = f"{self._path(error.filename, error.name or name)}:{error.lineno}"
            raise TemplateFailure(
                f"{where}: template: {error.message} (expected valid Jinja syntax)"
            ) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateFailure(
                f"{self.settings.templates_dir}/{error.name}:1: template: not found (expected the file to exist)"
            ) from None

    def _path(self, filename: str | None, name: str) -> str:
        """Where a template lives, relative to the project when it is the project's own."""
        if filename:
            file = Path(filename).resolve()
            if file.is_relative_to(self.settings.root):
                return file.relative_to(self.settings.root).as_posix()
        return f"{self.settings.templates_dir}/{name}"

    def render(self, name: str, page: str, **context: Any) -> str:
        """Render a template for `page`, turning Jinja errors into one readable line."""
        try:
            return self.get(name).render(**context)
        except jinja2.TemplateError as error:
            raise TemplateFailure(
                f"{self.settings.templates_dir}/{name}:1: template: {error} while rendering {page} (expected the template to use only fields the schema defines)"
            ) from None
