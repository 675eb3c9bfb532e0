"""A safe copy of an SVG attachment: drawing elements kept, everything active removed.

GitHub Pages serves an `.svg` as `image/svg+xml` on the site's own origin, so an SVG
opened directly runs any script it holds with the site's cookies and storage (where the
CMS keeps an editor's GitHub token). The build therefore publishes the copy made here,
never the original.

The copy is rebuilt from an allowlist, not patched with a denylist: the file is parsed by
a hardened lxml parser (no DTD, no entities, no network), then a new tree is built that
holds only SVG drawing elements, drawing attributes, local `#id` references, embedded
raster images, web and mail links and CSS that loads nothing. Whatever is left out is said
in plain words for the editor, with its line. A file that cannot be read safely (entity
declarations, not XML, not an SVG, too big) is not published at all.

Editor bookkeeping (Inkscape, Sodipodi, Illustrator, Sketch and Affinity data, `<metadata>`
content) is inert in a browser: it is removed with one finding per file, or none inside
`<metadata>`, so a drawing saved by an editor does not bury a real finding in noise.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
MATHML = "http://www.w3.org/1998/Math/MathML"

MAX_SVG_BYTES = 5_000_000
"""Larger files are refused: a drawing for an archive record is far smaller."""
MAX_FINDINGS = 50
"""Findings listed per file; the rest are counted in one last finding."""

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "switch", "view", "path", "rect", "circle",
        "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "title",
        "desc", "metadata", "linearGradient", "radialGradient", "stop", "pattern",
        "clipPath", "mask", "marker", "filter", "image", "a", "style",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
        "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight",
        "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    }
)  # fmt: skip
"""SVG elements that draw or describe a still drawing."""

ANIMATIONS = frozenset(
    {"animate", "set", "animateTransform", "animateMotion", "animateColor", "mpath", "discard"}
)
"""Refused with their own reason: an animation can rewrite a link into `javascript:`."""

ATTRIBUTES = frozenset(
    {
        # identity, structure and accessibility
        "id", "class", "lang", "version", "baseProfile", "viewBox", "preserveAspectRatio",
        "zoomAndPan", "role", "aria-label", "aria-labelledby", "aria-describedby",
        "aria-hidden", "systemLanguage", "requiredFeatures", "type", "media",
        # geometry
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
        "width", "height", "d", "points", "pathLength", "transform", "dx", "dy", "rotate",
        "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
        "refX", "refY", "markerWidth", "markerHeight", "markerUnits", "orient",
        "patternUnits", "patternContentUnits", "patternTransform", "gradientUnits",
        "gradientTransform", "spreadMethod", "offset", "clipPathUnits", "maskUnits",
        "maskContentUnits", "filterUnits", "primitiveUnits",
        # presentation
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
        "display", "dominant-baseline", "enable-background", "fill", "fill-opacity",
        "fill-rule", "filter", "flood-color", "flood-opacity", "font", "font-family",
        "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant",
        "font-weight", "glyph-orientation-horizontal", "glyph-orientation-vertical",
        "image-rendering", "isolation", "kerning", "letter-spacing", "lighting-color",
        "marker", "marker-start", "marker-mid", "marker-end", "mask", "mix-blend-mode",
        "opacity", "overflow", "paint-order", "pointer-events", "shape-rendering",
        "stop-color", "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
        "stroke-width", "text-anchor", "text-decoration", "text-rendering",
        "transform-origin", "unicode-bidi", "vector-effect", "visibility", "word-spacing",
        "writing-mode",
        # filter primitives
        "in", "in2", "result", "stdDeviation", "mode", "values", "operator", "k1", "k2",
        "k3", "k4", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
        "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant",
        "specularConstant", "specularExponent", "scale", "xChannelSelector",
        "yChannelSelector", "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
        "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ",
        "limitingConeAngle", "tableValues", "slope", "intercept", "amplitude", "exponent",
    }
)  # fmt: skip
"""Attributes without a namespace that SVG uses to lay out and paint a drawing. `style`
and `href` are judged separately; values that load anything are refused (see `_css_risk`)."""

XML_ATTRIBUTES = frozenset({"space", "lang"})
"""`xml:space` and `xml:lang`; `xml:base` would move where links point, so it goes."""

FRAGMENT_HREF = frozenset(
    {"use", "textPath", "linearGradient", "radialGradient", "pattern", "filter"}
)
"""Elements whose `href` may only name a part of the same file (`#id`)."""
IMAGE_HREF = frozenset({"image", "feImage"})
"""Elements whose `href` may be `#id` or a raster image embedded as a data: address."""
_LOCAL_HREF = FRAGMENT_HREF | IMAGE_HREF | {"a"}

EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
    }
)
"""Drawing programs' own bookkeeping (plus any `http://ns.adobe.com/` namespace)."""
ACTIVE_NAMESPACES = frozenset({SVG, XHTML, MATHML, ""})
"""Namespaces whose elements a browser may run (scripts, event handlers): a subtree with
one of them is never removed silently."""

_EXPECTED_CSS = "expected plain CSS, with url(#id) only for parts of this file"
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]*", re.IGNORECASE)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")
"""Characters a browser strips from (or ignores in) an address before reading its scheme."""
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.)|$)", re.DOTALL)
_CSS_SPACE = re.compile(r"[\x00-\x20]+")
_CSS_SUSPECT = re.compile(r"[(:@\\]|binding", re.IGNORECASE)
"""Every unsafe piece of CSS has one of these; most attribute values (path data) have none."""
_CSS_URL = re.compile(r"url\((['\"]?)(.?)")
_CSS_LOADS = ("@import", "image-set(", "image(", "cross-fade(", "src(")
_CSS_RUNS = ("expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding")
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


def sanitise_svg(raw: bytes) -> SvgResult:
    """Return a safe copy of `raw` and what was removed; never raises for any bytes."""
    if len(raw) > MAX_SVG_BYTES:
        return _refused(
            1,
            f"the file is {len(raw):,} bytes (expected an SVG image of at most "
            f"{MAX_SVG_BYTES:,} bytes)",
        )
    if not raw.strip():
        return _refused(1, "the file is empty (expected an SVG drawing)")
    declared = _entity_declaration_line(raw)
    if declared:
        return _refused(declared, _ENTITIES_MESSAGE)
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=False,  # kept so an xml-stylesheet instruction is reported, then dropped
        strip_cdata=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        return _refused(error.lineno or 1, _syntax_message(error))
    except (etree.LxmlError, ValueError) as error:
        return _refused(1, f"the file cannot be read as XML: {error} ({_EXPECTED_FILE})")
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return _refused(1, _ENTITIES_MESSAGE)
    if root.tag != f"{{{SVG}}}svg":
        return _refused(_line(root), _root_message(root))
    sanitiser = _Sanitiser(_Locator.build(raw, root, tree.docinfo.encoding))
    for node in root.itersiblings(preceding=True):
        if node.tag is etree.PI:
            sanitiser.instruction(node)
    copy = etree.Element(f"{{{SVG}}}svg", nsmap={None: SVG, "xlink": XLINK})
    sanitiser.attributes(root, copy)
    sanitiser.children(root, copy)
    for node in root.itersiblings():
        if node.tag is etree.PI:
            sanitiser.instruction(node)
    etree.cleanup_namespaces(copy)
    data = etree.tostring(copy, xml_declaration=True, encoding="UTF-8") + b"\n"
    return SvgResult(data, _capped(sanitiser.all_findings()))


_EXPECTED_FILE = "expected an SVG drawing as saved by a drawing program"
_ENTITIES_MESSAGE = (
    "the file declares entities in a DOCTYPE, which can blow up into huge text or read "
    "other files (expected a plain SVG file, without <!ENTITY ...> declarations)"
)


def _refused(line: int, message: str) -> SvgResult:
    return SvgResult(None, [SvgFinding(max(line, 1), message)])


def _capped(findings: list[SvgFinding]) -> list[SvgFinding]:
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


def _entity_declaration_line(raw: bytes) -> int:
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


def _syntax_message(error: Any) -> str:
    """The parser's complaint in an editor's terms, its position left to the line."""
    detail = _ERROR_POSITION.sub("", str(error.msg or "")).strip() or "unreadable"
    if error.code in _ENTITY_ERRORS and "entit" in detail.lower():
        return _ENTITIES_MESSAGE
    if error.code == etree.ErrorTypes.ERR_DOCUMENT_EMPTY:
        return "the file is empty (expected an SVG drawing)"
    if error.code in _ENCODING_ERRORS:
        return (
            f"the file's text cannot be read: {detail} (expected an SVG saved as UTF-8, "
            "or with its encoding declared in <?xml ... encoding=...?>)"
        )
    return f"the file is not well-formed XML: {detail} ({_EXPECTED_FILE})"


def _root_message(root: Any) -> str:
    namespace, local = _split(root.tag)
    if local == "svg" and not namespace:
        return (
            "the root <svg> has no SVG namespace, so browsers do not draw it "
            f'(expected <svg xmlns="{SVG}">)'
        )
    return (
        f"the file's root element is <{_qname(root)}>, not an SVG <svg> "
        f'(expected an SVG image whose root is <svg xmlns="{SVG}">)'
    )


def _split(tag: str) -> tuple[str, str]:
    """`{namespace}local` as (namespace, local); no namespace is ``""``."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _qname(element: Any) -> str:
    """The element's name as the file writes it (`html:script`, `rect`)."""
    _, local = _split(element.tag)
    return f"{element.prefix}:{local}" if element.prefix else local


def _attribute_qname(element: Any, key: str) -> str:
    namespace, local = _split(key)
    if not namespace:
        return local
    if namespace == XML:
        return f"xml:{local}"
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return f"{prefix}:{local}"
    return key


def _line(node: Any) -> int:
    return int(node.sourceline or 1)


def _shown(value: str, limit: int = 60) -> str:
    """A value fit for one message line: control characters escaped, long values cut."""
    text = "".join(
        f"\\x{ord(char):02x}" if unicodedata.category(char).startswith("C") else char
        for char in value[: limit + 1]
    )
    return text if len(value) <= limit else text[:limit] + "..."


def _is_editor(namespace: str) -> bool:
    return namespace in EDITOR_NAMESPACES or namespace.startswith("http://ns.adobe.com/")


def _inert(element: Any) -> bool:
    """True when no element of the subtree is one a browser could run."""
    return not any(
        _split(node.tag)[0] in ACTIVE_NAMESPACES
        for node in element.iter()
        if isinstance(node.tag, str)
    )


def _css_risk(css: str) -> str | None:
    """Why a piece of CSS is unsafe (it loads a file or runs code), or None.

    Read as a browser reads it: escapes decoded (`u\\72l(` is `url(`), in any case, with
    spaces dropped. Comments stay: a browser never joins tokens across one, and taking out
    what only looks like a comment (inside `url(...)` or a string) could hide what follows.
    """
    if not _CSS_SUSPECT.search(css):
        return None
    text = _CSS_SPACE.sub("", _CSS_ESCAPE.sub(_css_unescape, css)).lower()
    if any(match.group(2) != "#" for match in _CSS_URL.finditer(text)):
        return "loads a file from outside this SVG"
    if any(token in text for token in _CSS_LOADS):
        return "loads a file from outside this SVG"
    if any(token in text for token in _CSS_RUNS):
        return "can run code"
    return None


def _css_unescape(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2) or ""
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _css_pieces(css: str, separators: str) -> Iterator[str]:
    """Split CSS at `separators` outside strings, brackets and escapes."""
    start = depth = 0
    quote = ""
    index = 0
    while index < len(css):
        char = css[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            yield css[start:index]
            start = index + 1
        index += 1
    yield css[start:]


class _Locator:
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
    def build(cls, raw: bytes, root: Any, encoding: str | None) -> _Locator:
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
            if tag.group(2) != _qname(element):
                return cls({})
            attributes: dict[str, int] = {}
            while attribute := cls._ATTRIBUTE.match(text, position):
                attributes[attribute.group(1)] = bisect.bisect(breaks, attribute.start(1)) + 1
                position = attribute.end()
            lines[element] = (bisect.bisect(breaks, tag.start()) + 1, attributes)
        return cls(lines)

    def element(self, element: Any) -> int:
        found = self.lines.get(element)
        return found[0] if found else _line(element)

    def attribute(self, element: Any, qname: str) -> int:
        found = self.lines.get(element)
        if found is None:
            return _line(element)
        return found[1].get(qname, found[0])


class _Sanitiser:
    """Copies allowed nodes into a new tree and notes what it leaves out."""

    def __init__(self, locator: _Locator) -> None:
        self.locator = locator
        self.findings: list[SvgFinding] = []
        self.editor_line = 0
        """Line of the first drawing-program data removed (0 when none)."""
        self.editor_names: list[str] = []

    def note(self, line: int, message: str) -> None:
        self.findings.append(SvgFinding(max(line, 1), message))

    def editor(self, line: int, name: str) -> None:
        self.editor_line = min(self.editor_line or line, line)
        if name not in self.editor_names:
            self.editor_names.append(name)

    def all_findings(self) -> list[SvgFinding]:
        if not self.editor_names:
            return self.findings
        names = ", ".join(self.editor_names[:4]) + (", ..." if len(self.editor_names) > 4 else "")
        return [
            *self.findings,
            SvgFinding(
                self.editor_line,
                f"drawing-program data ({names}) is not part of the drawing (expected a "
                "plain SVG, such as Inkscape's 'Plain SVG' export; it is removed)",
            ),
        ]

    def instruction(self, node: Any) -> None:
        self.note(
            _line(node),
            f"<?{node.target} ...?> instructions are not allowed in an SVG image (expected "
            "none: an xml-stylesheet can load a style sheet or code; it is removed)",
        )

    def children(self, source: Any, copy: Any) -> None:
        """Copy the allowed children of `source` into `copy`, keeping all their text.

        Text after a removed child goes after the last kept one. That child is tracked
        here: `len()` and `[-1]` walk an lxml element's children, so asking them for each
        child made a drawing of 60,000 paths take minutes.
        """
        copy.text = source.text
        last: Any = None
        for child in source:
            if isinstance(child.tag, str) and self.allowed(child):
                made = self.element(child, copy)
                last = last if made is None else made
            else:
                self.refuse(child)
            if not child.tail:
                continue
            if last is None:
                copy.text = (copy.text or "") + child.tail
            else:
                last.tail = (last.tail or "") + child.tail

    def allowed(self, element: Any) -> bool:
        namespace, local = _split(element.tag)
        return namespace == SVG and local in ELEMENTS

    def element(self, source: Any, parent: Any) -> Any:
        """Copy an allowed element under `parent`; return the copy, or None if refused."""
        _, local = _split(source.tag)
        if local == "style":
            css = "".join(source.itertext())
            risk = _css_risk(css)
            if risk:
                self.note(
                    self.locator.element(source),
                    f"<style> has '{_shown(_risky_piece(css, '{};'))}', which {risk} "
                    f"({_EXPECTED_CSS}; the whole style sheet is removed)",
                )
                return None
            copy = etree.SubElement(parent, source.tag)
            self.attributes(source, copy)
            copy.text = css or None
            return copy
        copy = etree.SubElement(parent, source.tag)
        self.attributes(source, copy)
        if local == "metadata":
            for child in source:
                if isinstance(child.tag, str) and _inert(child):
                    continue
                if isinstance(child.tag, str) and self.allowed(child):
                    self.note(
                        self.locator.element(child),
                        f"<{_qname(child)}> inside <metadata> is not part of the drawing "
                        "(expected only descriptions in <metadata>; it is removed)",
                    )
                else:
                    self.refuse(child)
            return copy
        self.children(source, copy)
        return copy

    def refuse(self, node: Any) -> None:
        """Note why a node is left out with its content."""
        if node.tag is etree.Comment:
            return
        if node.tag is etree.PI:
            self.instruction(node)
            return
        if node.tag is etree.Entity:
            self.note(
                _line(node),
                f"the entity {node.text} is not defined (expected plain characters or a "
                "numeric reference like &#160;; it is removed)",
            )
            return
        namespace, local = _split(node.tag)
        line = self.locator.element(node)
        name = _qname(node)
        if _is_editor(namespace) and _inert(node):
            self.editor(line, name)
        elif namespace == SVG and local in ANIMATIONS:
            self.note(
                line,
                f"<{name}> is not allowed in an SVG image (expected a still drawing: an "
                "animation can turn a link into a script; it is removed)",
            )
        elif namespace == SVG:
            self.note(
                line,
                f"<{name}> is not allowed in an SVG image (expected drawing elements only; "
                "it is removed)",
            )
        elif namespace == XHTML:
            self.note(
                line,
                f"<{name}> is an HTML element (expected SVG drawing elements only; it is removed)",
            )
        elif not namespace:
            self.note(
                line,
                f"<{name}> has no namespace, so it is not an SVG element (expected SVG "
                "drawing elements only; it is removed)",
            )
        else:
            self.note(
                line,
                f"<{name}> is not an SVG element: its namespace is {namespace} (expected "
                "SVG drawing elements only; it is removed)",
            )

    def attributes(self, source: Any, copy: Any) -> None:
        """Copy the allowed attributes of `source` onto `copy`."""
        _, tag = _split(source.tag)
        for key, value in source.attrib.items():
            namespace, local = _split(key)
            qname = _attribute_qname(source, key)
            line = self.locator.attribute(source, qname)
            kind = _attribute_kind(namespace, local)
            if kind == "href":
                problem = _href_problem(tag, value)
                if problem is None:
                    copy.set(key, value)
                else:
                    self.note(line, f"<{tag} {qname}='{_shown(value)}'> {problem}")
            elif kind == "handler":
                self.note(
                    line,
                    f"{qname} on <{tag}> is an event handler, which runs a script (expected "
                    "drawing attributes only; it is removed)",
                )
            elif kind == "style":
                kept = self.style(tag, value, line)
                if kept:
                    copy.set(key, kept)
            elif kind == "drawing":
                risk = _css_risk(value)
                if risk is None:
                    copy.set(key, value)
                else:
                    self.note(
                        line,
                        f"{qname}='{_shown(value)}' on <{tag}> {risk} ({_EXPECTED_CSS}; "
                        "it is removed)",
                    )
            elif kind == "editor":
                self.editor(line, qname)
            elif kind == "unknown":
                self.note(
                    line,
                    f"{qname} on <{tag}> is not an SVG drawing attribute (expected drawing "
                    "attributes only; it is removed)",
                )
            else:
                self.note(
                    line,
                    f"{qname} on <{tag}> is not an SVG attribute: its namespace is "
                    f"{namespace} (expected drawing attributes only; it is removed)",
                )

    def style(self, tag: str, value: str, line: int) -> str:
        """The declarations of a style attribute that load nothing and run nothing."""
        kept: list[str] = []
        for declaration in _css_pieces(value, ";"):
            risk = _css_risk(declaration)
            if risk is None:
                kept.append(declaration)
            else:
                self.note(
                    line,
                    f"style on <{tag}> has '{_shown(declaration.strip())}', which {risk} "
                    f"({_EXPECTED_CSS}; it is removed)",
                )
        result = ";".join(kept)
        risk = _css_risk(result)
        if risk is not None:  # the pieces hid something only the whole shows
            self.note(
                line,
                f"style on <{tag}> has '{_shown(result.strip())}', which {risk} "
                f"({_EXPECTED_CSS}; it is removed)",
            )
            return ""
        return result if result.strip(" \t\r\n;") else ""


def _attribute_kind(namespace: str, local: str) -> str:
    """How an attribute is judged: href, handler, style, drawing, editor, unknown, foreign."""
    if namespace in ("", XLINK) and local == "href":
        return "href"
    if not namespace:
        if local.lower().startswith("on"):
            return "handler"
        if local == "style":
            return "style"
        return "drawing" if local in ATTRIBUTES else "unknown"
    if namespace == XML:
        return "drawing" if local in XML_ATTRIBUTES else "unknown"
    if namespace == XLINK:
        return "unknown"
    return "editor" if _is_editor(namespace) else "foreign"


def _risky_piece(css: str, separators: str) -> str:
    """The first rule or declaration that makes `css` unsafe, to show the editor."""
    for piece in _css_pieces(css, separators):
        if _css_risk(piece):
            return piece.strip()
    return css.strip()


def _href_problem(tag: str, value: str) -> str | None:
    """Why a link on `tag` is refused (said after `<tag href='...'>`), or None."""
    address = _URL_CHARS.sub("", value)
    if address.startswith("#") and tag in _LOCAL_HREF:
        return None
    if tag in FRAGMENT_HREF:
        return (
            "points outside this file (expected a part of the same file, like '#shape'; "
            "it is removed)"
        )
    if tag in IMAGE_HREF:
        if _DATA_IMAGE.fullmatch(address):
            return None
        return (
            "loads a file from outside this SVG (expected a PNG, JPEG, GIF or WebP image "
            "embedded as data:image/...;base64, or a part of this file like '#shape'; "
            "it is removed)"
        )
    if tag == "a":
        scheme = _SCHEME.match(address)
        name = scheme.group(1).lower() if scheme else ""
        if name in ("http", "https", "mailto"):
            return None
        what = (
            "runs a script" if name in ("javascript", "vbscript") else "is not a web or mail link"
        )
        return (
            f"{what} (expected an http:, https: or mailto: address, or a part of this file "
            "like '#shape'; it is removed)"
        )
    return (
        "is a link on an element that takes none (expected links only on <a>, <use>, "
        "<image>, <textPath>, gradients, patterns and filters; it is removed)"
    )
