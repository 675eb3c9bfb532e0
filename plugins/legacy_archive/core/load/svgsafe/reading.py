"""Reading an SVG attachment safely, and saying in plain words why one cannot be read.

The parser is hardened (no DTD, no entities, no network); its errors are turned into an
editor's message with the line, and positions in the file are found for each finding.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from legacy_archive.core.load.svgsafe.allowlist import SVG, qualified_name, split_name

_ERROR_POSITION = re.compile(r",? line \d+, column \d+$")
_ENCODING_ERRORS = frozenset(
    {
        etree.ErrorTypes.ERR_INVALID_ENCODING,
        etree.ErrorTypes.ERR_UNSUPPORTED_ENCODING,
        etree.ErrorTypes.ERR_UNKNOWN_ENCODING,
        etree.ErrorTypes.ERR_ENCODING_NAME,
        etree.ErrorTypes.ERR_INVALID_CHAR,
    }
)
"""libxml2 error codes for bytes that are not text in the file's encoding."""
_ENTITY_ERRORS = frozenset(
    {
        etree.ErrorTypes.ERR_ENTITY_LOOP,
        etree.ErrorTypes.ERR_RESOURCE_LIMIT,
        etree.ErrorTypes.ERR_ENTITY_PROCESSING,
    }
)
"""libxml2 error codes that may be entity expansion stopped by its limits (a resource
limit may also be the nesting depth, so the message is read too)."""
_ENTITY_DECLARATION = "<!ENTITY"
_DOCTYPE = "<!DOCTYPE"


EXPECTED_FILE = "expected an SVG drawing as saved by a drawing program"
ENTITIES_MESSAGE = (
    "the file declares entities in a DOCTYPE, which can blow up into huge text or read "
    "other files (expected a plain SVG file, without <!ENTITY ...> declarations)"
)


def entity_declaration_line(raw: bytes) -> int:
    """Line of an `<!ENTITY` after a `<!DOCTYPE`, or 0; checked before parsing because
    libxml2 stops on an entity bomb with a resource-limit error instead of a DTD to read."""
    for codec in ("utf-8", "utf-16-le", "utf-16-be"):
        doctype = raw.find(_DOCTYPE.encode(codec))
        if doctype < 0:
            continue
        found = raw.find(_ENTITY_DECLARATION.encode(codec), doctype)
        if found >= 0:
            return raw.count("\n".encode(codec), 0, found) + 1
    return 0


def syntax_message(error: Any) -> str:
    """The parser's complaint in an editor's terms, its position left to the line."""
    detail = _ERROR_POSITION.sub("", str(error.msg or "")).strip() or "unreadable"
    if error.code in _ENTITY_ERRORS and "entit" in detail.lower():
        return ENTITIES_MESSAGE
    if error.code == etree.ErrorTypes.ERR_DOCUMENT_EMPTY:
        return "the file is empty (expected an SVG drawing)"
    if error.code in _ENCODING_ERRORS:
        return (
            f"the file's text cannot be read: {detail} (expected an SVG saved as UTF-8, "
            "or with its encoding declared in <?xml ... encoding=...?>)"
        )
    return f"the file is not well-formed XML: {detail} ({EXPECTED_FILE})"


def root_message(root: Any) -> str:
    namespace, local = split_name(root.tag)
    if local == "svg" and not namespace:
        return (
            "the root <svg> has no SVG namespace, so browsers do not draw it "
            f'(expected <svg xmlns="{SVG}">)'
        )
    return (
        f"the file's root element is <{qualified_name(root)}>, not an SVG <svg> "
        f'(expected an SVG image whose root is <svg xmlns="{SVG}">)'
    )


def line_of(node: Any) -> int:
    return int(node.sourceline or 1)


def shown(value: str, limit: int = 60) -> str:
    """A value fit for one message line: control characters escaped, long values cut."""
    text = "".join(
        f"\\x{ord(char):02x}" if unicodedata.category(char).startswith("C") else char
        for char in value[: limit + 1]
    )
    return text if len(value) <= limit else text[:limit] + "..."


class Locator:
    """Lines of start tags and attributes, read from the source text.

    libxml2 gives an element the line where its start tag ends; Inkscape writes one
    attribute per line, so an editor is better told the line of the tag and of the
    attribute itself. Used only when the source's tags match the parsed tree one to one.
    """

    _BLANKED = re.compile(
        r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL
    )
    _TAG = re.compile(r"<(/?)([^\s/>]+)")
    _ATTRIBUTE = re.compile(r"\s+([^\s=/>]+)\s*=\s*(?:\"[^\"]*\"|'[^']*')")

    def __init__(self, lines: dict[Any, tuple[int, dict[str, int]]]) -> None:
        self.lines = lines
        """Element -> (line of `<tag`, attribute name as written -> line). Keyed by the
        element itself, not `id()`: lxml makes a new proxy object when the last one dies."""

    @classmethod
    def build(cls, raw: bytes, root: Any, encoding: str | None) -> Locator:
        try:
            text = raw.decode(encoding or "utf-8")
        except (UnicodeDecodeError, LookupError):
            return cls({})
        text = cls._BLANKED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        breaks = [match.start() for match in re.finditer("\n", text)]
        elements = [node for node in root.iter() if isinstance(node.tag, str)]
        lines: dict[Any, tuple[int, dict[str, int]]] = {}
        position = 0
        for element in elements:
            while True:
                tag = cls._TAG.search(text, position)
                if tag is None:
                    return cls({})
                position = tag.end()
                if not tag.group(1):
                    break
            if tag.group(2) != qualified_name(element):
                return cls({})
            attributes: dict[str, int] = {}
            while attribute := cls._ATTRIBUTE.match(text, position):
                attributes[attribute.group(1)] = bisect.bisect(breaks, attribute.start(1)) + 1
                position = attribute.end()
            lines[element] = (bisect.bisect(breaks, tag.start()) + 1, attributes)
        return cls(lines)

    def element(self, element: Any) -> int:
        found = self.lines.get(element)
        return found[0] if found else line_of(element)

    def attribute(self, element: Any, qname: str) -> int:
        found = self.lines.get(element)
        if found is None:
            return line_of(element)
        return found[1].get(qname, found[0])
