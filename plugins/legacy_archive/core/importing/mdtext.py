"""Text that stays text through the HTML to Markdown converter, and notes carried to a line.

Markdown and its extensions read syntax in plain words (`*`, `[x](y)`, `<b>`, `{: x}`,
`!!!`, `#1`), so every text character that could start some is escaped. The converter
would escape in its own way (CommonMark's, which Python-Markdown partly ignores), so it
never sees those characters: each becomes a token, a word of letters and digits it copies
as it is, resolved afterwards. Tokens also stand for the literal text of an unknown
shortcode, for an address (written exactly as rewritten), and for a problem: when the
Markdown is written, each problem gets the line its token landed on.
"""

from __future__ import annotations

import re

from legacy_archive.core.importing import shortcode_html
from legacy_archive.core.validate.code_mask import mask_code

KEPT_INLINE = frozenset({"sub", "sup", "del", "ins", "mark"})
"""Kept as bare HTML tags: Markdown has no syntax for them and the archive's cleaner keeps
them (`htmlpolicy.TAGS`)."""

_ESCAPES = {
    "\\": "\\\\",
    "*": "\\*",
    "_": "\\_",
    "`": "\\`",
    "[": "\\[",
    "]": "\\]",
    "{": "&#123;",
    "}": "&#125;",
    "!": "\\!",
    "#": "\\#",
    "=": "&#61;",
    "(": "\\(",
    "~": "&#126;",
    "<": "&lt;",
    "&": "&amp;",
}
"""How a text character that Markdown (or its extensions: attribute lists, admonitions,
snippets) would read as syntax is written so it stays text. `(` only after `]`, `#` and `~`
(a fence) only starting a word, `=` only starting a line (a Setext underline), `!` only before another
(an admonition), `_` only unless between two letters or digits, `&` only where it would start a character
reference."""
_SPECIAL = re.compile(
    r"[\\*`\[\]{}<]|(?<![^\W_])_|_(?![^\W_])|!(?=!)|&(?=#?\w+;)|(?<!\S)[#~]|^\s*=|(?<=\])\("
)
_ESCAPE_CHARS = tuple(_ESCAPES)


class Tokens:
    """Words the converter copies as they are, standing for what it must not see: an
    escaped character, a literal shortcode, a problem to be placed on its line."""

    def __init__(self, text: str) -> None:
        prefix = "qzarchiveimport"
        while prefix in text.lower():
            prefix += "q"
        self.prefix = prefix
        self.pattern = re.compile(prefix + r"([cmpu])(\d+)z")
        self.literals: list[tuple[str, str | None]] = []
        self.protected: list[str] = []
        self.addresses: list[str] = []

    def char(self, char: str) -> str:
        return f"{self.prefix}c{_ESCAPE_CHARS.index(char)}z"

    def literal(self, text: str, problem: str | None) -> str:
        self.literals.append((text, problem))
        return f"{self.prefix}m{len(self.literals) - 1}z"

    def problem(self, message: str) -> str:
        self.literals.append(("", message))
        return f"{self.prefix}m{len(self.literals) - 1}z"

    def address(self, url: str) -> str:
        self.addresses.append(url)
        return f"{self.prefix}u{len(self.addresses) - 1}z"

    def protect(self, text: str) -> str:
        self.protected.append(text)
        return f"{self.prefix}p{len(self.protected) - 1}z"

    def unprotect(self, text: str) -> str:
        return self.pattern.sub(
            lambda m: self.protected[int(m.group(2))] if m.group(1) == "p" else m.group(),
            text,
        )

    def escape(self, text: str) -> str:
        """Text with every character Markdown would read as syntax made a token, and its
        line breaks spaces (HTML's are; a `<br>` is the converter's to write). Text on
        either side of a token already there (an unknown shortcode's) is escaped as if
        at a word's edge: what the token stands for is no letter."""
        pieces = self.pattern.split(text.replace("\n", " "))
        # split() interleaves text with each token's two groups: text, kind, number, text...
        out: list[str] = []
        for index in range(0, len(pieces), 3):
            out.append(
                _SPECIAL.sub(lambda m: m.group()[:-1] + self.char(m.group()[-1]), pieces[index])
            )
            if index + 2 < len(pieces):
                out.append(f"{self.prefix}{pieces[index + 1]}{pieces[index + 2]}z")
        return "".join(out)

    def marks(self) -> shortcode_html.Marks:
        return shortcode_html.Marks(literal=self.literal, problem=self.problem)


_LEFTOVER_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")


def markdown_escape(text: str) -> str:
    """Text with every character Markdown would read as syntax escaped."""
    return _SPECIAL.sub(lambda m: m.group()[:-1] + _ESCAPES[m.group()[-1]], text)


def _resolve_line(line: str, tokens: Tokens) -> tuple[str, list[str]]:
    """One line of the converter's output with its tokens resolved, and their problems."""
    messages: list[str] = []

    def resolve(match: re.Match[str]) -> str:
        kind, number = match.group(1), int(match.group(2))
        if kind == "c":
            return _ESCAPES[_ESCAPE_CHARS[number]]
        if kind == "u":
            return tokens.addresses[number]
        if kind == "p":  # pragma: no cover - protected text is restored before parsing
            return ""
        literal, problem = tokens.literals[number]
        if problem is not None:
            messages.append(problem)
        return markdown_escape(literal)

    line = re.sub(f"({tokens.prefix}m\\d+z)\\(", r"\1\\(", line)  # `[x](` is no link
    return tokens.pattern.sub(resolve, line), messages


def resolve(markdown: str, tokens: Tokens, fenced_code: bool) -> tuple[str, list[tuple[int, str]]]:
    """The Markdown with every token resolved, and each problem on its line: a line that
    only held a dropped element goes, and its problems move to the next line of text."""
    kept: list[str] = []
    pending: list[str] = []
    placed: list[tuple[int, str]] = []
    removed = False
    for line in _separate_quotes(markdown.strip("\n"), fenced_code):
        resolved, messages = _resolve_line(line, tokens)
        if line.strip() and not resolved.strip():
            pending += messages
            removed = True
            continue
        if removed and not resolved.strip() and (not kept or not kept[-1].strip()):
            continue  # the blank line that separated the dropped line
        removed = False
        kept.append(resolved if resolved.endswith("  ") else resolved.rstrip())
        if resolved.strip():
            placed += [(len(kept), message) for message in pending + messages]
            pending = []
    while kept and not kept[-1].strip():
        kept.pop()
    placed += [(max(len(kept), 1), message) for message in pending]
    text = "\n".join(kept) + "\n" if kept else ""
    placed += _leftover_html(text, fenced_code)
    return text, sorted(placed, key=lambda item: item[0])


def _separate_quotes(markdown: str, fenced_code: bool) -> list[str]:
    """The Markdown's lines with a blank line before each block quote that follows a
    paragraph directly (the converter omits it; text starting with `>` is escaped, so a
    line that starts with one is a quote)."""
    lines = markdown.split("\n")
    masked = mask_code(markdown, fenced_code).split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        here = masked[index].lstrip()
        before = masked[index - 1].lstrip() if index else ""
        if here.startswith(">") and before and not before.startswith(">"):
            out.append("")
        out.append(line)
    return out


def _leftover_html(markdown: str, fenced_code: bool) -> list[tuple[int, str]]:
    """Raw HTML the converter let through, outside code (the tags kept on purpose aside)."""
    found: list[tuple[int, str]] = []
    masked = mask_code(markdown, fenced_code)
    for number, line in enumerate(masked.split("\n"), start=1):
        for match in _LEFTOVER_TAG.finditer(line):
            tag = match.group(1).lower()
            if tag in KEPT_INLINE or tag in ("http", "https", "mailto"):
                continue
            found.append(
                (number, f"leftover HTML <{tag}> in the Markdown (expected Markdown only)")
            )
    return found
