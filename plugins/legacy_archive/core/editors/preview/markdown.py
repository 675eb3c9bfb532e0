"""The pull request's job summary: each changed page with what it says before and after.

Record text is untrusted: titles are escaped, diffs fenced longer than any backtick run
inside them, and the whole summary stays under GitHub's size limit.
"""

from __future__ import annotations

import html
import re

from legacy_archive.core.editors.preview.changes import Preview

MAX_DIFF_LINES = 120
"""Lines of diff shown per page; a longer diff is cut with a note (the artifact has all)."""
MAX_SUMMARY_BYTES = 900_000
"""GitHub refuses a job summary over 1 MiB; stay under it, whatever the pull request holds."""


def _code(text: str) -> str:
    """Inline code that no backtick or line break in the text can close early."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _fenced(lines: tuple[str, ...]) -> list[str]:
    """A diff block whose fence is longer than any run of backticks inside it."""
    shown = list(lines[:MAX_DIFF_LINES])
    longest = max((len(run) for line in shown for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    out = [f"{fence}diff", *shown, fence]
    if len(lines) > MAX_DIFF_LINES:
        out.append(f"*… {len(lines) - MAX_DIFF_LINES} more lines: see the preview artifact.*")
    return out


def _escape(text: str) -> str:
    """A record's title as plain Markdown text (no links, emphasis or HTML from it)."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", " ".join(text.split()))


def summary(preview: Preview, site_url: str = "") -> str:
    """The job summary: each changed page with what it says before and after."""
    out = ["## Preview of the changed pages", ""]
    if not (
        preview.pages or preview.redirects or preview.moved or preview.knock_on or preview.queries
    ):
        out += ["No record page changes what it shows.", ""]
    kinds = ("added", "changed", "moved", "removed")
    counts = {kind: sum(p.kind == kind for p in preview.pages) for kind in kinds}
    out += [
        ", ".join(f"{counts[kind]} {kind}" for kind in kinds) + " record pages. "
        "Screenshots at 390 and 1280 px and the whole built site are in this run's "
        "artifacts (**Summary → Artifacts**).",
        "",
    ]
    for page in preview.pages:
        where = _code(site_url + page.path)
        out.append(f"### {page.kind.capitalize()}: {_escape(page.title)}")
        out.append("")
        if page.old_path and page.old_path != page.path:
            out.append(f"Moved from {_code(site_url + page.old_path)} to {where}.")
        else:
            out.append(f"Address: {where}")
        out.append("")
        out += _fenced(page.diff) if page.diff else ["The visible text is the same."]
        out.append("")
    if preview.listings:
        out += ["### Listings the changed records appear in", ""]
        for path, diff in preview.listings:
            out += [f"{_code(site_url + path)}", "", *_fenced(diff), ""]
    if preview.knock_on:
        out += [
            "### Other pages that now read differently",
            "",
            "Pages that show something else because of this pull request: a related record "
            "added or renamed, a subject page listing a new record, a page edited by hand.",
            "",
        ]
        for path, diff in preview.knock_on:
            # Folded: the changed records above are what a reviewer reads first.
            out += [
                "<details>",
                f"<summary><code>{html.escape(site_url + path or '/')}</code></summary>",
            ]
            out += ["", *_fenced(diff), "", "</details>", ""]
    if preview.moved or preview.gone:
        out += ["### Changed addresses", ""]
        out += [f"- {_code(old)} → {_code(new)}" for old, new in preview.moved]
        out += [f"- {_code(path)} no longer answers (no redirect)" for path in preview.gone]
        out.append("")
    if preview.redirects:
        out += ["### Redirects added or changed", ""]
        out += [f"- {_code(old)} → {_code(target)}" for old, target in preview.redirects]
        out.append("")
    if preview.queries:
        out += ["### Old addresses with a query", ""]
        for kind, old, target in preview.queries:
            where = f"→ {_code(target)}" if target else "no longer answers"
            out.append(f"- {kind.capitalize()}: {_code(old)} {where}")
        out.append("")
    text = "\n".join(out)
    if len(text.encode("utf-8")) > MAX_SUMMARY_BYTES:
        cut = text.encode("utf-8")[:MAX_SUMMARY_BYTES].decode("utf-8", "ignore")
        text = cut + "\n\n*The summary was cut at GitHub's size limit: see the artifacts.*\n"
    return text
