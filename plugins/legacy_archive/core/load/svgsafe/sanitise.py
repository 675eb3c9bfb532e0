"""A safe copy of an SVG attachment: drawing elements kept, everything active removed.

See the package's docstring for why; this module walks the parsed drawing and builds the
copy from `allowlist`, with `css` judging style and `reading` the file itself.
"""

from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from legacy_archive.core.load.svgsafe.allowlist import (
    ANIMATIONS,
    ELEMENTS,
    SVG,
    XHTML,
    XLINK,
    attribute_kind,
    attribute_qualified_name,
    href_problem,
    is_editor,
    is_inert,
    qualified_name,
    split_name,
)
from legacy_archive.core.load.svgsafe.css import EXPECTED_CSS, css_pieces, css_risk, risky_piece
from legacy_archive.core.load.svgsafe.findings import (
    SvgFinding,
    SvgResult,
    capped_findings,
    refused_result,
)
from legacy_archive.core.load.svgsafe.reading import (
    ENTITIES_MESSAGE,
    EXPECTED_FILE,
    Locator,
    entity_declaration_line,
    line_of,
    root_message,
    shown,
    syntax_message,
)

MAX_SVG_BYTES = 5_000_000
"""Larger files are refused: a drawing for an archive record is far smaller."""


def sanitise_svg(raw: bytes) -> SvgResult:
    """Return a safe copy of `raw` and what was removed; never raises for any bytes."""
    if len(raw) > MAX_SVG_BYTES:
        return refused_result(
            1,
            f"the file is {len(raw):,} bytes (expected an SVG image of at most "
            f"{MAX_SVG_BYTES:,} bytes)",
        )
    if not raw.strip():
        return refused_result(1, "the file is empty (expected an SVG drawing)")
    declared = entity_declaration_line(raw)
    if declared:
        return refused_result(declared, ENTITIES_MESSAGE)
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
        return refused_result(error.lineno or 1, syntax_message(error))
    except (etree.LxmlError, ValueError) as error:
        return refused_result(1, f"the file cannot be read as XML: {error} ({EXPECTED_FILE})")
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return refused_result(1, ENTITIES_MESSAGE)
    if root.tag != f"{{{SVG}}}svg":
        return refused_result(line_of(root), root_message(root))
    sanitiser = _Sanitiser(Locator.build(raw, root, tree.docinfo.encoding))
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
    return SvgResult(data, capped_findings(sanitiser.all_findings()))


class _Sanitiser:
    """Copies allowed nodes into a new tree and notes what it leaves out."""

    def __init__(self, locator: Locator) -> None:
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
            line_of(node),
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
        namespace, local = split_name(element.tag)
        return namespace == SVG and local in ELEMENTS

    def element(self, source: Any, parent: Any) -> Any:
        """Copy an allowed element under `parent`; return the copy, or None if refused."""
        _, local = split_name(source.tag)
        if local == "style":
            css = "".join(source.itertext())
            risk = css_risk(css)
            if risk:
                self.note(
                    self.locator.element(source),
                    f"<style> has '{shown(risky_piece(css, '{};'))}', which {risk} "
                    f"({EXPECTED_CSS}; the whole style sheet is removed)",
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
                if isinstance(child.tag, str) and is_inert(child):
                    continue
                if isinstance(child.tag, str) and self.allowed(child):
                    self.note(
                        self.locator.element(child),
                        f"<{qualified_name(child)}> inside <metadata> is not part of the drawing "
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
                line_of(node),
                f"the entity {node.text} is not defined (expected plain characters or a "
                "numeric reference like &#160;; it is removed)",
            )
            return
        namespace, local = split_name(node.tag)
        line = self.locator.element(node)
        name = qualified_name(node)
        if is_editor(namespace) and is_inert(node):
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
        _, tag = split_name(source.tag)
        for key, value in source.attrib.items():
            namespace, local = split_name(key)
            qname = attribute_qualified_name(source, key)
            line = self.locator.attribute(source, qname)
            kind = attribute_kind(namespace, local)
            if kind == "href":
                problem = href_problem(tag, value)
                if problem is None:
                    copy.set(key, value)
                else:
                    self.note(line, f"<{tag} {qname}='{shown(value)}'> {problem}")
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
                risk = css_risk(value)
                if risk is None:
                    copy.set(key, value)
                else:
                    self.note(
                        line,
                        f"{qname}='{shown(value)}' on <{tag}> {risk} ({EXPECTED_CSS}; "
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
        for declaration in css_pieces(value, ";"):
            risk = css_risk(declaration)
            if risk is None:
                kept.append(declaration)
            else:
                self.note(
                    line,
                    f"style on <{tag}> has '{shown(declaration.strip())}', which {risk} "
                    f"({EXPECTED_CSS}; it is removed)",
                )
        result = ";".join(kept)
        risk = css_risk(result)
        if risk is not None:  # the pieces hid something only the whole shows
            self.note(
                line,
                f"style on <{tag}> has '{shown(result.strip())}', which {risk} "
                f"({EXPECTED_CSS}; it is removed)",
            )
            return ""
        return result if result.strip(" \t\r\n;") else ""
