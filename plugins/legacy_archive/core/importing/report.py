"""The import report: every source item and what became of it, in Markdown and in brief.

Nothing in the source goes unaccounted for: each item is a record (new, updated,
unchanged, or kept because an editor changed it), or skipped with the reason, or ignored
(menus, reusable blocks). Problems are in the `path:line: field: message` form of
`archive check`, with the line in the record as written; the check's own output after
the import closes the report, since that is what is left to fix.
"""

from __future__ import annotations

from collections.abc import Sequence

from legacy_archive.core.common.problems import printable
from legacy_archive.core.importing.outcome import Fate, ImportResult

_WORDS = {
    "new": "new",
    "updated": "updated",
    "unchanged": "unchanged",
    "kept": "kept as edited",
    "skipped": "skipped",
    "would write": "would be written",
    "would update": "would be updated",
}


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def summary(result: ImportResult) -> str:
    """One paragraph: how many items became what."""
    counts = []
    for fate in ("new", "updated", "unchanged", "kept", "would write", "would update", "skipped"):
        number = result.count(fate)
        if number:
            counts.append(f"{number} {_WORDS[fate]}")
    records = ", ".join(counts) or "nothing to import"
    head = "Dry run (nothing written): " if result.dry_run else ""
    problems = sum(len(f.problems) for f in result.fates)
    notes = sum(len(f.notes) for f in result.fates)
    return (
        f"{head}{_many(len(result.fates), 'item')} from {result.source.name}: {records}; "
        f"{len(result.ignored)} ignored. {_many(result.downloads, 'file')} downloaded "
        f"({_mb(result.downloaded_bytes)}). {_many(problems, 'problem')} and "
        f"{_many(notes, 'note')} for an editor."
    )


def _many(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _fate_line(fate: Fate) -> str:
    where = f"`{fate.record}`" if fate.record else ""
    what = _WORDS.get(fate.fate, fate.fate)
    why = f": {fate.why}" if fate.why else ""
    return f"| {_cell(fate.title or '(untitled)')} | {_cell(fate.kind)} | `{_cell(fate.origin)}` | {where} {what}{_cell(why)} |"


def report_markdown(
    result: ImportResult, check_output: str = "", source_problems: Sequence[str] = ()
) -> str:
    """The whole report, for `import-report.md`."""
    lines = [f"# Import report: {_cell(result.source.name)}", "", summary(result), ""]
    lines += [
        "Run the import again with the same source and mapping: records that did not change "
        "stay as they are, and a record edited since is kept (`--force` overwrites it). "
        f"What each import wrote is remembered in `{result.state_file}`.",
        "",
        "## Every item",
        "",
        "| Item | Type | In the source | Became |",
        "| --- | --- | --- | --- |",
    ]
    order = {
        "kept": 0,
        "new": 1,
        "updated": 1,
        "would write": 1,
        "would update": 1,
        "unchanged": 2,
        "skipped": 3,
    }
    fates = sorted(result.fates, key=lambda f: (order.get(f.fate, 4), f.record, f.origin))
    lines += [_fate_line(fate) for fate in fates]
    problems = sorted(p for fate in result.fates for p in fate.problems)
    lines += ["", "## Problems to fix in the records", ""]
    if problems:
        lines += [f"- `{_cell(p)}`" for p in problems]
    else:
        lines.append("None found while importing.")
    lines += ["", "## Notes", ""]
    noted = [(fate, note) for fate in fates for note in fate.notes]
    if noted:
        lines += [f"- `{fate.record}`: {_cell(note)}" for fate, note in noted]
    else:
        lines.append("None.")
    if source_problems:
        lines += ["", "## Problems reading the source", ""]
        lines += [f"- `{_cell(p)}`" for p in source_problems]
    lines += ["", "## Ignored", ""]
    if result.ignored:
        lines += [f"- {_cell(i.what)}: {_cell(i.why)}" for i in result.ignored]
    else:
        lines.append("Nothing.")
    if check_output:
        lines += [
            "",
            "## archive check after the import",
            "",
            "What is left to fix, as `archive check` lists it (the strict build stops on the same):",
            "",
            "```text",
            check_output.rstrip("\n").replace("```", "'''"),
            "```",
        ]
    return "\n".join(lines) + "\n"


def printed(result: ImportResult) -> list[str]:
    """The lines printed at the end of a run: the summary, then every problem."""
    lines = [summary(result)]
    for fate in result.fates:
        if fate.fate == "kept":
            lines.append(f"{fate.record}: {fate.why}")
    lines += sorted(printable(p) for fate in result.fates for p in fate.problems)
    return lines
