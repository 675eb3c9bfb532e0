"""The page templates the collections need, checked before any page is rendered.

A template that is missing, unreadable or not valid Jinja used to stop the build at the
first page that needed it, one template per run. Here every collection's template, every
template in the project's folder and every template they name are looked up and parsed
at once, each problem at its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes

from legacy_archive.core.common.problems import Problem, did_you_mean
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.emit.environment import template_environment

START = '{% extends "_record.md.j2" %}'
"""The first line of every collection template: the base every record page shares."""


def template_problems(settings: ProjectSettings) -> list[Problem]:
    """Every collection template that is missing or unreadable, and every syntax error or
    missing `extends`/`include`/`import` in the templates a build may render."""
    env = template_environment(settings)
    checker = _Checker(settings, env)
    found = [checker.parse(spec.template) for spec in settings.collections]
    for index, spec in enumerate(settings.collections):
        if not found[index]:
            lines = settings.lines
            key = ("collections", index, "template")
            checker.problems.append(
                Problem(
                    lines.file,
                    lines.line_of(*key),
                    lines.field(*key),
                    f"{settings.templates_dir}/{spec.template} not found (expected a page "
                    f"template for the collection '{spec.name}'; {checker.hint(spec.template)})",
                )
            )
    folder = settings.root / settings.templates_dir
    for file in sorted(folder.rglob("*.j2")) if folder.is_dir() else []:
        checker.parse(file.relative_to(folder).as_posix())
    return checker.problems


class _Checker:
    """Parses each template once, following the templates it names."""

    def __init__(self, settings: ProjectSettings, env: jinja2.Environment) -> None:
        self.settings = settings
        self.env = env
        self.problems: list[Problem] = []
        self.parsed: dict[str, bool] = {}

    def parse(self, name: str) -> bool:
        """Whether `name` was found (problems in it are recorded either way)."""
        if name not in self.parsed:
            self.parsed[name] = True
            self.parsed[name] = self._parse(name)
        return self.parsed[name]

    def _parse(self, name: str) -> bool:
        path = f"{self.settings.templates_dir}/{name}"
        try:
            assert self.env.loader is not None
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateNotFound:
            return False
        except UnicodeDecodeError as error:
            raw = bytes(error.object)
            line = raw[: error.start].count(b"\n") + 1
            what = (
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8 (expected a file saved as UTF-8)"
            )
            self.problems.append(Problem(path, line, "template", what))
            return True
        except OSError as error:
            what = f"cannot be read: {error.strerror or error} (expected a readable text file)"
            self.problems.append(Problem(path, 1, "template", what))
            return True
        path = self._path(filename, path)
        try:
            tree = self.env.parse(source, name, filename)
        except jinja2.TemplateSyntaxError as error:
            self.problems.append(
                Problem(
                    path, error.lineno, "template", f"{error.message} (expected valid Jinja syntax)"
                )
            )
            return True
        for line, kind, named in _named_templates(tree):
            if not self.parse(named):
                self.problems.append(
                    Problem(
                        path,
                        line,
                        "template",
                        f"{kind} '{named}', which is not found (expected a template in "
                        f"{self.settings.templates_dir}/ or one the archive ships"
                        f"{did_you_mean(named, self.env.list_templates())})",
                    )
                )
        return True

    def _path(self, filename: str | None, fallback: str) -> str:
        """The template's path relative to the project, when it is the project's own."""
        if filename:
            file = Path(filename).resolve()
            if file.is_relative_to(self.settings.root):
                return file.relative_to(self.settings.root).as_posix()
        return fallback

    def hint(self, missing: str) -> str:
        """How to make the missing template: copy a sibling's, or start from the base."""
        for spec in self.settings.collections:
            if spec.template != missing and self.parsed.get(spec.template):
                return f"copy {self.settings.templates_dir}/{spec.template} and adapt it"
        return f"a file in {self.settings.templates_dir}/ starting {START}"


def _named_templates(tree: nodes.Template) -> Iterator[tuple[int, str, str]]:
    """(line, how, name) of every template named by a literal in `extends`, `include`,
    `import` or `from ... import`."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = getattr(node, "template", None)
        if getattr(node, "ignore_missing", False):
            continue
        if isinstance(target, nodes.Const) and isinstance(target.value, str):
            yield node.lineno, _HOW[type(node)], target.value


_HOW: dict[type[nodes.Node], str] = {
    nodes.Extends: "extends",
    nodes.Include: "includes",
    nodes.Import: "imports",
    nodes.FromImport: "imports from",
}
