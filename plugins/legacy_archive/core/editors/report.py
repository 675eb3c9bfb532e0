"""`archive check` on a pull request: annotations on the offending lines, and a summary.

On GitHub Actions (`GITHUB_ACTIONS=true`) each problem is printed as a workflow command,
`::error file=...,line=...,title=...::message`, which GitHub shows on that line of the
pull request's diff. A Markdown summary goes to `$GITHUB_STEP_SUMMARY`: records added,
changed and removed compared with the base branch, problems by file, and the URLs that
would disappear. Nothing here runs outside CI unless asked.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from legacy_archive.core.common.problems import Problem, printable
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.pipeline import LoadResult


def escape_data(text: str) -> str:
    """Escape a workflow command's message (`%`, CR and LF), per GitHub's spec."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: the message escapes plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error") -> str:
    """One problem as a GitHub workflow command that annotates its file and line."""
    title = f"archive check: {problem.field}"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", problem.path),
            ("line", str(problem.line)),
            ("title", title),
        )
    )
    return f"::{level} {properties}::{escape_data(f'{problem.field}: {problem.message}')}"


_ERROR_LINE = re.compile(r"^(?P<path>[^:]+):(?:(?P<line>\d+):)? (?P<field>[^:]+): (?P<message>.*)$")


def config_problems(errors: Iterable[str], config_name: str) -> list[Problem]:
    """Settings errors (`mkdocs.yml:12: plugins...: message`) as problems to annotate."""
    problems = []
    for error in errors:
        match = _ERROR_LINE.match(error)
        if match is None:
            problems.append(Problem(config_name, 1, "config", error))
            continue
        line = int(match["line"]) if match["line"] else 1
        problems.append(Problem(match["path"], line, match["field"], match["message"]))
    return problems


def annotate_config_errors(errors: Iterable[str], config_name: str, out: TextIO) -> None:
    """On GitHub Actions, show configuration errors on mkdocs.yml too."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in config_problems(errors, config_name):
            print(annotation(problem), file=out)


@dataclass
class RecordChanges:
    """Record files that a pull request adds, changes and removes."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    """Why the comparison could not be made, if it could not."""


def record_url(path: str, settings: ProjectSettings) -> str | None:
    """The site URL a record file is published at, or None if it is not a record file."""
    parts = PurePosixPath(path).parts
    for spec in settings.collections:
        if not parts or parts[0] != spec.directory:
            continue
        if len(parts) == 2 and parts[1].endswith(".md"):
            return f"{spec.url_path}/{parts[1][:-3]}/"
        if len(parts) == 3 and parts[2] == "index.md":
            return f"{spec.url_path}/{parts[1]}/"
    return None


def parse_name_status(output: str, settings: ProjectSettings) -> RecordChanges:
    """Read `git diff --name-status` output, keeping only record files."""
    changes = RecordChanges()
    for line in output.splitlines():
        columns = line.split("\t")
        if len(columns) < 2:
            continue
        status = columns[0][:1]
        paths = columns[1:]
        if status == "R" and len(paths) == 2:
            old, new = paths
            old_record, new_record = record_url(old, settings), record_url(new, settings)
            if old_record and new_record:
                changes.renamed.append((old, new))
            elif old_record:
                changes.removed.append(old)
            elif new_record:
                changes.added.append(new)
            continue
        path = paths[-1]
        if record_url(path, settings) is None:
            continue
        {"A": changes.added, "C": changes.added, "D": changes.removed}.get(
            status, changes.changed
        ).append(path)
    return changes


def compare_with_base(settings: ProjectSettings, base: str) -> RecordChanges:
    """Record files changed since the merge base with `base` (a branch or commit)."""
    attempts = [base, f"origin/{base}"] if "/" not in base else [base]
    error = ""
    for ref in attempts:
        try:
            result = subprocess.run(
                ["git", "diff", "--name-status", "-M", f"{ref}...HEAD"],
                cwd=settings.root,
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as exc:
            return RecordChanges(error=f"git could not be run: {exc.strerror}")
        if result.returncode == 0:
            return parse_name_status(result.stdout, settings)
        error = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "git failed"
    return RecordChanges(error=f"could not compare with '{base}': {error}")


def disappearing_urls(
    changes: RecordChanges, settings: ProjectSettings, kept: Iterable[str] = ()
) -> list[str]:
    """URLs of removed or renamed records, except those a record still claims (`kept`)."""
    claimed = {url.strip("/") for url in kept}
    urls = [record_url(path, settings) for path in changes.removed]
    urls += [record_url(old, settings) for old, _ in changes.renamed]
    return sorted({url for url in urls if url and url.strip("/") not in claimed})


def _cell(text: str) -> str:
    """Table cell text: pipes and newlines would break the Markdown table, and markup
    from a record's values must show as text."""
    return html.escape(printable(text), quote=False).replace("|", "\\|")


def summary_markdown(
    problems: Sequence[Problem],
    summary_line: str,
    changes: RecordChanges | None,
    base: str,
    lost_urls: Sequence[str],
    settings: ProjectSettings,
) -> str:
    """The step summary shown on the workflow run's page."""
    verdict = "✅ No problems" if not problems else f"❌ {len(problems)} problem(s)"
    lines = ["## Archive check", "", f"**{verdict}.** {summary_line}", ""]
    if changes is not None:
        lines += [f"### Records compared with `{base}`", ""]
        if changes.error:
            lines += [f"Not compared: {changes.error}", ""]
        else:
            rows = [("Added", p) for p in changes.added]
            rows += [("Changed", p) for p in changes.changed]
            rows += [("Renamed", f"{old} → {new}") for old, new in changes.renamed]
            rows += [("Removed", p) for p in changes.removed]
            if rows:
                lines += ["| Change | Record |", "| --- | --- |"]
                lines += [f"| {kind} | `{_cell(path)}` |" for kind, path in rows]
            else:
                lines += ["No record was added, changed or removed."]
            lines += [""]
            counts = (
                f"{len(changes.added)} added, {len(changes.changed)} changed, "
                f"{len(changes.renamed)} renamed, {len(changes.removed)} removed."
            )
            lines += [counts, ""]
    if problems:
        lines += ["### Problems by file", ""]
        by_file: dict[str, list[Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.path, []).append(problem)
        for path, found in by_file.items():
            lines += [
                f"#### `{_cell(path)}`",
                "",
                "| Line | Field | Problem |",
                "| --- | --- | --- |",
            ]
            lines += [f"| {p.line} | `{_cell(p.field)}` | {_cell(p.message)} |" for p in found]
            lines += [""]
    if changes is not None and not changes.error:
        lines += ["### URLs that would disappear", ""]
        if lost_urls:
            lines += [
                "These pages are published now and would be gone after merging. Add the old "
                "address to the record's `legacy_urls`, or keep the record, so links elsewhere "
                "keep working.",
                "",
            ]
            lines += [f"- `{_cell(url)}`" for url in lost_urls]
        else:
            lines += ["None: every published page keeps its address."]
        lines += [""]
    return "\n".join(lines)


def publish(
    problems: Sequence[Problem],
    summary_line: str,
    settings: ProjectSettings,
    environ: Mapping[str, str],
    out: TextIO,
    base: str = "",
    kept_urls: Iterable[str] = (),
) -> None:
    """Print annotations and write the step summary when running on GitHub Actions."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return
    for problem in problems:
        print(annotation(problem), file=out)
    summary_file = environ.get("GITHUB_STEP_SUMMARY", "")
    if not summary_file:
        return
    base = base or environ.get("GITHUB_BASE_REF", "")
    changes = compare_with_base(settings, base) if base else None
    lost = disappearing_urls(changes, settings, kept_urls) if changes else []
    text = summary_markdown(problems, summary_line, changes, base, lost, settings)
    with Path(summary_file).open("a", encoding="utf-8") as summary:
        summary.write(text + "\n")


def kept_urls(result: LoadResult) -> list[str]:
    """Addresses that still lead somewhere after the change: record pages and `legacy_urls`."""
    urls = [result.archive.url_of(record) for record in result.archive.records()]
    urls += [result.archive.url_of(record) for record in result.archive.drafts]
    for record in result.archive.records():
        legacy = record.fields.get("legacy_urls", [])
        urls += [url for url in legacy if isinstance(url, str)] if isinstance(legacy, list) else []
    return urls
