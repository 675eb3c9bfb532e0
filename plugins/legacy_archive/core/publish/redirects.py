"""Redirect pages for old addresses: `legacy_urls` on records and the site-level `redirects` map.

GitHub Pages has no server-side redirects, so each old address becomes a small HTML page
(meta refresh, canonical link, a visible link, and a script that keeps the `#fragment`).
Every link is relative, so the pages work under a project sub-path. Wildcard rules
(`/blog/*`) cannot be files; the 404 page applies them in the browser. Nor can old
addresses with a query (`/?p=123`): the host answers them with the page of their path (the
home page) or the 404 page, whose script looks the query up in a map the build writes
(`QUERY_MAP`, fetched only by an address with a query) and goes on to the record.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.config.option_lines import ConfigError
from legacy_archive.core.emit.environment import DEFAULT_TEMPLATES, relative_url
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.address_rules import (
    QUERY_MAP,
    external,
    query_key,
    redirect_file,
    split_query,
)

OLD_PATH = re.compile(r"^/[^\s*#?]*(\*|\?[^\s#]*)?$")


@dataclass(frozen=True, order=True)
class Redirect:
    """One old address and the page of this site it now leads to."""

    source: str
    """The old path, starting with `/` (`/courses/podcasting.html`, `/blog/*`)."""
    target: str
    """A site-relative page URL (`courses/intro/`), or a full `https://` address."""
    origin: str = ""
    """Where the rule was declared, for messages (`courses/intro.md:12`)."""
    field: str = "redirects"
    """The field that declares it, for messages (`legacy_urls[1]`)."""

    @property
    def wildcard(self) -> bool:
        return self.source.endswith("*")

    @property
    def query(self) -> str:
        """The query of an old address (`p=123` for `/?p=123`), '' for a path."""
        return split_query(self.source)[1]

    @property
    def exact(self) -> bool:
        """A rule a redirect page answers: neither a wildcard nor a query."""
        return not self.wildcard and "?" not in self.source

    @property
    def file(self) -> str:
        """The file that answers the old address on a static host."""
        return redirect_file(self.source)

    @property
    def folder_url(self) -> str:
        """The directory URL the redirect page is served from, for relative links."""
        return self.file.rsplit("/", 1)[0] + "/" if "/" in self.file else ""


def redirect_rules(archive: Archive) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect of the site, sorted, and any problems with the site-level map."""
    rules: list[Redirect] = []
    for record in archive.every_record():
        for index, url in enumerate(record.fields.get("legacy_urls", [])):
            line = record.source.line_of("legacy_urls", index)
            rules.append(
                Redirect(
                    str(url),
                    archive.url_of(record),
                    f"{record.path}:{line}",
                    f"legacy_urls[{index + 1}]",
                )
            )
    lines = archive.settings.lines
    errors: list[ConfigError] = []
    for source, target in archive.settings.redirects.items():
        key = ("redirects", str(source))
        if not isinstance(source, str) or not OLD_PATH.match(source):
            errors.append(
                (
                    key,
                    f"'{source}' is not an old path (expected a path starting with '/', optionally ending in '*' or with a query like '/?p=123')",
                )
            )
            continue
        if not isinstance(target, str) or not target:
            errors.append(
                (key, "expected a page of this site like 'about/' or a record like 'courses/intro'")
            )
            continue
        page = target.lstrip("/")
        if not external(page) and archive.get(page.rstrip("/")) is not None:
            page = archive.url_of(archive.get(page.rstrip("/")))  # type: ignore[arg-type]
        if external(page) and (why := check_link(page)) is not None:
            errors.append((key, why))
            continue
        origin = f"{lines.file}:{lines.line_of('redirects', source)}"
        rules.append(Redirect(source, page, origin, lines.field("redirects", source)))
    return sorted(rules), lines.problems(errors)


class RedirectWriter:
    """Renders redirect pages from the `_redirect.html.j2` template with autoescape."""

    def __init__(self, templates: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES))]
        if templates is not None:
            loaders.insert(0, jinja2.FileSystemLoader(str(templates)))
        self.env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True)

    def page(self, rule: Redirect, site_url: str, title: str = "") -> str:
        if external(rule.target):
            target, canonical = rule.target, rule.target
        else:
            target = relative_url(rule.folder_url, rule.target)
            canonical = site_url.rstrip("/") + "/" + rule.target if site_url else target
        context: dict[str, Any] = {"target": target, "canonical": canonical, "title": title}
        return self.env.get_template("_redirect.html.j2").render(**context)

    def write(self, rules: list[Redirect], site_dir: Path, site_url: str) -> list[str]:
        """Write one page per exact rule; return the files written."""
        written = []
        for rule in rules:
            if not rule.exact:
                continue
            path = site_dir / rule.file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.page(rule, site_url), encoding="utf-8")
            written.append(rule.file)
        if (queries := write_query_map(rules, site_dir)) is not None:
            written.append(queries)
        return written


def browser_rules(rules: list[Redirect]) -> list[dict[str, str]]:
    """What the theme's scripts need: the wildcard rules for the 404 page (the old path
    prefix and its target), then `{"queries": file}` for each file whose path has old
    addresses with a query, so that page (or the 404 page, when no page has that file)
    carries the script that reads `QUERY_MAP`. Nothing at all without such rules."""
    found = [
        {"prefix": rule.source.lstrip("/").removesuffix("*"), "target": rule.target}
        for rule in rules
        if rule.wildcard
    ]
    return found + [{"queries": file} for file in query_map(rules)]


def query_map(rules: list[Redirect]) -> dict[str, dict[str, str]]:
    """The old addresses with a query, for the browser: the file their path is served from,
    then the query's key (`address_rules.query_key`), then the page it leads to."""
    found: dict[str, dict[str, str]] = {}
    for rule in rules:
        if rule.query and not rule.wildcard:
            found.setdefault(rule.file, {})[query_key(rule.query)] = rule.target
    return {file: dict(sorted(keys.items())) for file, keys in sorted(found.items())}


def write_query_map(rules: list[Redirect], site_dir: Path) -> str | None:
    """Write `QUERY_MAP` when the archive has old addresses with a query; the file or None."""
    found = query_map(rules)
    if not found:
        return None
    path = site_dir / QUERY_MAP
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(found, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return QUERY_MAP
