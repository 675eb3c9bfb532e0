"""What sanitising an SVG attachment found: each finding with its line, capped per file."""

from __future__ import annotations

from dataclasses import dataclass

MAX_FINDINGS = 50
"""Findings listed per file; the rest are counted in one last finding."""


@dataclass(frozen=True)
class SvgFinding:
    """One thing the sanitiser removed or refused, said for an editor."""

    line: int
    """1-based line in the SVG file (1 when unknown or the whole file is at fault)."""
    message: str
    """What is wrong, then what was expected in parentheses."""


@dataclass(frozen=True)
class SvgResult:
    """The copy to publish and what was taken out of it."""

    data: bytes | None
    """The sanitised SVG as UTF-8, or None when the file cannot be published at all."""
    findings: list[SvgFinding]
    """In line order, at most `MAX_FINDINGS` plus one that counts the rest."""


def refused_result(line: int, message: str) -> SvgResult:
    return SvgResult(None, [SvgFinding(max(line, 1), message)])


def capped_findings(findings: list[SvgFinding]) -> list[SvgFinding]:
    """Findings in line order, the tail past `MAX_FINDINGS` counted in one finding."""
    ordered = sorted(findings, key=lambda finding: finding.line)
    if len(ordered) <= MAX_FINDINGS:
        return ordered
    rest = ordered[MAX_FINDINGS:]
    return [
        *ordered[:MAX_FINDINGS],
        SvgFinding(
            rest[0].line,
            f"{len(rest)} more things were removed from this file, from this line on "
            f"(expected at most {MAX_FINDINGS} listed; fix the ones above and check again)",
        ),
    ]
