"""A spreadsheet export's bytes as text, its encoding told by strict decoding in a fixed order.

Excel, LibreOffice and Google Sheets write UTF-8 with or without a byte order mark,
UTF-16 ("Unicode text", with a mark, sometimes without), or the machine's code page,
Windows-1252 in the UK (pound signs, curly quotes, dashes). A mark decides; zero bytes on
every other byte mean UTF-16; else UTF-8, then Windows-1252, then Latin-1 (which accepts
anything) are tried strictly, so the same bytes always read the same way, and the
encoding used is named. Guessing libraries weigh statistics and may name Mac Roman or
Windows-1250 for a short file; strict decoding in this order is right for what
spreadsheets write.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

SAVE_AS = "expected a CSV file: in the spreadsheet, choose Save As or Download, then CSV UTF-8"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)  # UTF-32 LE's mark starts with UTF-16 LE's, so it is tried first
_FALLBACKS = ("utf-8", "windows-1252", "latin-1")
_NAMES = {"utf-8-sig": "utf-8 with byte order mark", "latin-1": "iso-8859-1"}
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf]"
    "|\u00e2\u20ac[\u0099\u009c\u009d\u201c\u201d\u2122\u00a6\u2013\u2014\u02dc]"
)
"""UTF-8 read as Windows-1252 and saved again: `Ã©` for `é`, `â€™` for `’`."""


@dataclass
class Decoded:
    """The text (None if the bytes are not text), the encoding used, and what is wrong."""

    text: str | None
    encoding: str = ""
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(1-based line, `what is wrong (what was expected)`)."""


def decode(data: bytes) -> Decoded:
    """`data` decoded as described in the module docstring."""
    declared = next((name for bom, name in _BOMS if data.startswith(bom)), "")
    declared = declared or _utf16_without_bom(data)
    for codec in [declared] if declared else _FALLBACKS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            if not declared:
                continue
            line = data[: error.start].count(b"\n") + 1
            message = (
                f"is not valid {codec} though it starts like it (expected one encoding for "
                "the whole file)"
            )
            return Decoded(None, problems=[(line, message)])
        break
    else:  # pragma: no cover - Latin-1 decodes every byte
        return Decoded(None)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return Decoded(None, problems=[(line, f"is not text ({SAVE_AS})")])
    decoded = Decoded(text.removeprefix("\ufeff"), _NAMES.get(codec, codec))
    if (match := _MOJIBAKE.search(text)) is not None:
        line = text[: match.start()].count("\n") + 1
        decoded.problems.append(
            (
                line,
                f"holds '{match.group()}', which is text saved in the wrong encoding once "
                "already (expected the characters themselves: open the original and save as "
                "CSV UTF-8)",
            )
        )
    return decoded


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 with no byte order mark, told by its zero bytes (ASCII text in UTF-16 has
    one on every other byte), or empty."""
    sample = data[:4096]
    if len(sample) < 4:
        return ""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return ""
