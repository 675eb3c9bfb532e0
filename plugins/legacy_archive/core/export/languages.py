"""The language an edition says it is in, as the formats want it: ISO 639-3 (`eng`).

Material's `theme.language` is ISO 639-1 (`en`, `cy`); ZIM metadata, Kiwix's library and
library catalogues ask for the three-letter code. A table, not a library: it never
changes and the export must not depend on what the machine has installed.
"""

from __future__ import annotations

LANGUAGES = {
    "ar": "ara",
    "bn": "ben",
    "ca": "cat",
    "cs": "ces",
    "cy": "cym",
    "da": "dan",
    "de": "deu",
    "el": "ell",
    "en": "eng",
    "es": "spa",
    "et": "est",
    "eu": "eus",
    "fa": "fas",
    "fi": "fin",
    "fr": "fra",
    "ga": "gle",
    "gd": "gla",
    "gl": "glg",
    "he": "heb",
    "hi": "hin",
    "hu": "hun",
    "id": "ind",
    "is": "isl",
    "it": "ita",
    "ja": "jpn",
    "ko": "kor",
    "lt": "lit",
    "lv": "lav",
    "nb": "nob",
    "nl": "nld",
    "nn": "nno",
    "no": "nor",
    "pl": "pol",
    "pt": "por",
    "ro": "ron",
    "ru": "rus",
    "sk": "slk",
    "sl": "slv",
    "sr": "srp",
    "sv": "swe",
    "sw": "swa",
    "th": "tha",
    "tr": "tur",
    "uk": "ukr",
    "ur": "urd",
    "vi": "vie",
    "zh": "zho",
}
"""ISO 639-1 codes (Material's `theme.language`) and their ISO 639-3 codes (what ZIM
metadata and library catalogues expect); `pt-BR`, `zh-Hant` map by their first part."""


def language_code(language: str) -> str | None:
    """The ISO 639-3 code of a theme language (`en` -> `eng`), or None when unknown."""
    code = language.lower().replace("_", "-")
    if len(code) == 3 and code.isalpha():
        return code
    return LANGUAGES.get(code.split("-", 1)[0])
