"""The sentences the archive says about itself on its pages, as the project words them.

Written under the `archive` plugin's `notices:` in `mkdocs.yml`; each has a default, so
an archive that writes none reads as before. A notice may name a few values in braces
(`{programme}`, `{date}`, ...), filled in when the page is made; record text never reaches
them, and what they are filled with is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup, escape

from legacy_archive.core.common.problems import did_you_mean
from legacy_archive.core.config.option_lines import ConfigError

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@dataclass(frozen=True)
class Notices:
    """What the archive's notices say, in the project's words."""

    banner: str = (
        "{programme} ran from {start} to {end} and has ended. This is an archive of its "
        "resources, last reviewed on {reviewed}."
    )
    """The line at the top of every page but the home page, which has `home_closure`
    (`{programme}` is shown in bold)."""
    home_closure: str = (
        "{programme} ran from {start} to {end} and has ended; its resources are kept here."
    )
    """The home page's one line about the ending (the banner is left off the home page), before
    its successors and search box (`{programme}` is shown in bold)."""
    available_until: str = "Originally available until {date}."
    """Under the title of a record with `available_until` (the banner says the programme
    ended; `{programme}` may be named too)."""
    withdrawn_kept: str = (
        "This page is kept so that links to it keep working; it no longer appears in "
        "listings or search."
    )
    """On a withdrawn record's page, after its reason."""
    illustrative_title: str = "Illustrative sample content"
    """The heading of the note on records marked `illustrative: true`."""
    illustrative: str = "This page holds illustrative sample content, not the programme's own text."
    """The note on records marked `illustrative: true`."""

    def say(self, name: str, **values: Any) -> Markup:
        """A notice as HTML text: its own words escaped for element text, its braces filled
        with `values` (escaped unless already markup)."""
        pieces = PLACEHOLDER.split(getattr(self, name))
        return Markup(
            "".join(
                html.escape(piece, quote=False) if index % 2 == 0 else escape(values.get(piece, ""))
                for index, piece in enumerate(pieces)
            )
        )


PLACEHOLDERS = {
    "banner": ("programme", "start", "end", "reviewed"),
    "home_closure": ("programme", "start", "end"),
    "available_until": ("date", "programme"),
    "withdrawn_kept": (),
    "illustrative_title": (),
    "illustrative": ("programme",),
}
"""What each notice may name in braces."""
KEYS = tuple(f.name for f in fields(Notices))


def read_notices(raw: object) -> tuple[Notices, list[ConfigError]]:
    """Read and check `notices:`; every problem names its option (`notices.banner`)."""
    if raw is None or raw == {}:
        return Notices(), []
    if not isinstance(raw, dict):
        return Notices(), [(("notices",), f"expected notices by name ({', '.join(KEYS)})")]
    errors: list[ConfigError] = []
    texts: dict[str, str] = {}
    for key, value in raw.items():
        where = ("notices", str(key))
        if key not in KEYS:
            hint = did_you_mean(str(key), KEYS)
            errors.append((where, f"unknown notice (expected one of: {', '.join(KEYS)}{hint})"))
        elif not isinstance(value, str) or not value.strip():
            errors.append((where, f"got {type(value).__name__} (expected the notice's text)"))
        else:
            allowed = PLACEHOLDERS[key]
            for name in PLACEHOLDER.findall(value):
                if name not in allowed:
                    names = ", ".join("{" + n + "}" for n in allowed) or "none"
                    errors.append(
                        (where, f"'{{{name}}}' is not a value this notice knows (expected {names})")
                    )
            texts[str(key)] = " ".join(value.split())
    return Notices(**texts), errors
