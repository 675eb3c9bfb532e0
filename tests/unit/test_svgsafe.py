"""The SVG sanitiser: hostile drawings lose exactly what is hostile, clean ones keep all."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from legacy_archive.core.load.svgsafe import (
    MAX_FINDINGS,
    MAX_SVG_BYTES,
    SvgFinding,
    sanitise_svg,
)
from support.checks import svg_shape

SVG_NS = "http://www.w3.org/2000/svg"
ROOT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10">'
)

NOT_ALLOWED = "is not allowed in an SVG image (expected drawing elements only; it is removed)"
ANIMATION = (
    "is not allowed in an SVG image (expected a still drawing: an animation can turn a "
    "link into a script; it is removed)"
)
HANDLER = (
    "is an event handler, which runs a script (expected drawing attributes only; it is removed)"
)
NOT_LINK = (
    "(expected an http:, https: or mailto: address, or a part of this file like '#shape'; "
    "it is removed)"
)
OUTSIDE = (
    "points outside this file (expected a part of the same file, like '#shape'; it is removed)"
)
IMAGE = (
    "loads a file from outside this SVG (expected a PNG, JPEG, GIF or WebP image embedded "
    "as data:image/...;base64, or a part of this file like '#shape'; it is removed)"
)
CSS = "expected plain CSS, with url(#id) only for parts of this file"
ENTITIES = (
    "the file declares entities in a DOCTYPE, which can blow up into huge text or read "
    "other files (expected a plain SVG file, without <!ENTITY ...> declarations)"
)
NOT_SVG = 'expected an SVG image whose root is <svg xmlns="http://www.w3.org/2000/svg">'
EXPECTED_FILE = "expected an SVG drawing as saved by a drawing program"

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol0 "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    + ']>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'
)


def svg(body: str, root: str = ROOT) -> bytes:
    """A drawing with `body` from line 2 on, so a finding's line is the body's line + 1."""
    return f"{root}\n{body}\n</svg>\n".encode()


def harmless(data: bytes) -> None:
    """Assert, independently of the sanitiser's own tables, that `data` runs and loads nothing.

    Text may say anything (`<text>onload="alert(1)"</text>` is only words): markup is checked.
    """
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    root = etree.fromstring(data, parser)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.getroottree().docinfo.doctype == ""
    for node in root.iter():
        assert isinstance(node.tag, str), node  # no comments, instructions or entities
        namespace, _, local = node.tag[1:].partition("}")
        assert namespace == SVG_NS
        assert local.lower() not in {
            "script", "foreignobject", "iframe", "animate", "set", "animatetransform",
            "animatemotion", "handler", "listener", "discard",
        }  # fmt: skip
        for key, value in node.attrib.items():
            assert not key.rpartition("}")[2].lower().startswith("on"), key
            if key.endswith("href"):
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                assert address.startswith(("#", "http:", "https:", "mailto:", "data:image/"))
                if local != "a":
                    assert not address.startswith(("http", "mailto"))
            active(value)
        if local == "style":
            active(node.text or "")
    assert b"<!doctype" not in data.lower()


def active(value: str) -> None:
    """Assert an attribute value or style sheet names no script and loads nothing."""
    css = re.sub(r"\s", "", value.lower())
    assert not re.search(r"url\(['\"]?[^#'\"]", css), value
    for needle in ("@import", "expression(", "behavior:", "-moz-binding"):
        assert needle not in css, value


HOSTILE = [
    ("script element", svg("<script>alert(1)</script>"), [(2, f"<script> {NOT_ALLOWED}")]),
    (
        "script with a prefix",
        svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
        [(2, f"<s:script> {NOT_ALLOWED}")],
    ),
    (
        "onload on svg",
        svg('<rect width="1"/>', ROOT.replace(">", ' onload="alert(1)">')),
        [(1, f"onload on <svg> {HANDLER}")],
    ),
    (
        "onclick on a shape",
        svg('<rect width="1"\n  onClick="alert(1)"/>'),
        [(3, f"onClick on <rect> {HANDLER}")],
    ),
    (
        "javascript link",
        svg('<a xlink:href="javascript:alert(1)"><text>go</text></a>'),
        [(2, f"<a xlink:href='javascript:alert(1)'> runs a script {NOT_LINK}")],
    ),
    (
        "javascript link written with entities",
        svg('<a href="&#106;ava&#x73;cript&#58;alert(1)"><text>go</text></a>'),
        [(2, f"<a href='javascript:alert(1)'> runs a script {NOT_LINK}")],
    ),
    (
        "javascript link with a tab, a newline and spaces",
        svg('<a href=" java&#x09;scr&#x0A;ipt:alert(1)"><text>go</text></a>'),
        [(2, f"<a href=' java\\x09scr\\x0aipt:alert(1)'> runs a script {NOT_LINK}")],
    ),
    (
        "data link",
        svg('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>'),
        [
            (
                2,
                f"<a href='data:text/html,<script>alert(1)</script>'> is not a web or mail link {NOT_LINK}",
            )
        ],
    ),
    (
        "animate that writes a script link",
        svg('<a href="#x"><animate attributeName="href" to="javascript:alert(1)"/></a>'),
        [(2, f"<animate> {ANIMATION}")],
    ),
    (
        "set",
        svg('<a href="#x">\n<set attributeName="href" to="javascript:alert(1)" begin="0s"/></a>'),
        [(3, f"<set> {ANIMATION}")],
    ),
    (
        "use from another site",
        svg('<use href="https://evil.example/x.svg#a"/>'),
        [(2, f"<use href='https://evil.example/x.svg#a'> {OUTSIDE}")],
    ),
    (
        "use of an embedded SVG",
        svg('<use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a"/>'),
        [(2, f"<use xlink:href='data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a'> {OUTSIDE}")],
    ),
    (
        "image from another site",
        svg('<image href="https://evil.example/p.png" width="5" height="5"/>'),
        [(2, f"<image href='https://evil.example/p.png'> {IMAGE}")],
    ),
    (
        "image of an embedded SVG",
        svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
        [(2, f"<image href='data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='> {IMAGE}")],
    ),
    (
        "foreignObject with an XHTML script",
        svg(
            '<foreignObject width="9" height="9">\n'
            '<body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body>\n'
            "</foreignObject>"
        ),
        [(2, f"<foreignObject> {NOT_ALLOWED}")],
    ),
    (
        "XHTML script outside a foreignObject",
        svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
        [(2, "<h:script> is an HTML element (expected SVG drawing elements only; it is removed)")],
    ),
    (
        "script hidden in metadata",
        svg("<metadata>\n<script>alert(1)</script></metadata>"),
        [(3, f"<script> {NOT_ALLOWED}")],
    ),
    (
        "a drawing hidden in metadata",
        svg('<metadata><rect width="1"/></metadata>'),
        [
            (
                2,
                "<rect> inside <metadata> is not part of the drawing (expected only "
                "descriptions in <metadata>; it is removed)",
            )
        ],
    ),
    (
        "iframe and handler elements",
        svg("<iframe src='https://evil.example/'/><handler>alert(1)</handler>"),
        [(2, f"<iframe> {NOT_ALLOWED}"), (2, f"<handler> {NOT_ALLOWED}")],
    ),
    (
        "style element importing a sheet",
        svg("<style>\n@import url(https://evil.example/x.css);\n.a { fill: red }\n</style>"),
        [
            (
                2,
                "<style> has '@import url(https://evil.example/x.css)', which loads a file "
                f"from outside this SVG ({CSS}; the whole style sheet is removed)",
            )
        ],
    ),
    (
        "style element with an escaped url",
        svg(r"<style>.a { background: u\72 l(//evil.example/) }</style>"),
        [
            (
                2,
                r"<style> has 'background: u\72 l(//evil.example/)', which loads a file "
                f"from outside this SVG ({CSS}; the whole style sheet is removed)",
            )
        ],
    ),
    (
        "style attribute loading a file",
        svg('<rect style="fill:red; background:url(https://evil.example/); stroke:blue"/>'),
        [
            (
                2,
                "style on <rect> has 'background:url(https://evil.example/)', which loads a "
                f"file from outside this SVG ({CSS}; it is removed)",
            )
        ],
    ),
    (
        "style attribute running code",
        svg('<rect style="width: expression(alert(1))"/>'),
        [
            (
                2,
                "style on <rect> has 'width: expression(alert(1))', which can run code "
                f"({CSS}; it is removed)",
            )
        ],
    ),
    (
        "style attribute hiding a url behind a comment",
        svg('<rect style="fill:url(#a/*);background:url(https://evil.example/);x:*/"/>'),
        [
            (
                2,
                "style on <rect> has 'background:url(https://evil.example/)', which loads a "
                f"file from outside this SVG ({CSS}; it is removed)",
            )
        ],
    ),
    (
        "paint from another file",
        svg('<rect fill="url(https://evil.example/p.svg#g)"/>'),
        [
            (
                2,
                "fill='url(https://evil.example/p.svg#g)' on <rect> loads a file from "
                f"outside this SVG ({CSS}; it is removed)",
            )
        ],
    ),
    (
        "xml:base and an unknown attribute",
        svg('<g xml:base="https://evil.example/" data-x="1"><use href="#a"/></g>'),
        [
            (
                2,
                "xml:base on <g> is not an SVG drawing attribute (expected drawing "
                "attributes only; it is removed)",
            ),
            (
                2,
                "data-x on <g> is not an SVG drawing attribute (expected drawing "
                "attributes only; it is removed)",
            ),
        ],
    ),
    (
        "xml-stylesheet instruction",
        b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://evil.example/x.xsl"?>\n'
        + svg('<rect width="1"/>'),
        [
            (
                2,
                "<?xml-stylesheet ...?> instructions are not allowed in an SVG image "
                "(expected none: an xml-stylesheet can load a style sheet or code; it is removed)",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
def test_hostile_parts_are_removed_and_reported(
    raw: bytes, expected: list[tuple[int, str]]
) -> None:
    result = sanitise_svg(raw)
    assert [(finding.line, finding.message) for finding in result.findings] == expected
    assert result.data is not None
    harmless(result.data)
    assert sanitise_svg(result.data) == sanitise_svg(result.data)
    assert sanitise_svg(result.data).findings == []


REFUSED = [
    ("billion laughs", BILLION_LAUGHS.encode(), [(3, ENTITIES)]),
    (
        "external entity",
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        + svg("<text>&x;</text>"),
        [(3, ENTITIES)],
    ),
    (
        "external entity in UTF-16",
        (
            '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE svg [\n'
            '<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + svg("<text>&x;</text>").decode()
        ).encode("utf-16"),
        [(3, ENTITIES)],
    ),
    (
        "an HTML file renamed .svg",
        b'<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>x</title></head>\n'
        b"<body><script>alert(1)</script></body></html>\n",
        [
            (
                3,
                "the file is not well-formed XML: Opening and ending tag mismatch: meta line "
                f"3 and head ({EXPECTED_FILE})",
            )
        ],
    ),
    (
        "an XHTML file renamed .svg",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script></body></html>',
        [(1, f"the file's root element is <html>, not an SVG <svg> ({NOT_SVG})")],
    ),
    (
        "a root that is not svg",
        b'<?xml version="1.0"?>\n<drawing xmlns="http://www.w3.org/2000/svg"/>',
        [(2, f"the file's root element is <drawing>, not an SVG <svg> ({NOT_SVG})")],
    ),
    (
        "an svg root without its namespace",
        b'<svg width="1" height="1"><rect width="1"/></svg>',
        [
            (
                1,
                "the root <svg> has no SVG namespace, so browsers do not draw it "
                '(expected <svg xmlns="http://www.w3.org/2000/svg">)',
            )
        ],
    ),
    ("an empty file", b"", [(1, "the file is empty (expected an SVG drawing)")]),
    ("a file of blank lines", b"\n \n\t\n", [(1, "the file is empty (expected an SVG drawing)")]),
    (
        "Latin-1 text without a declaration",
        svg("<text>caf\xe9</text>").replace(b"caf\xc3\xa9", b"caf\xe9"),
        [
            (
                2,
                "the file's text cannot be read: Invalid bytes in character encoding "
                "(expected an SVG saved as UTF-8, or with its encoding declared in "
                "<?xml ... encoding=...?>)",
            )
        ],
    ),
    (
        "an unknown encoding",
        b'<?xml version="1.0" encoding="klingon"?>\n' + svg(""),
        [
            (
                1,
                "the file's text cannot be read: Unsupported encoding: klingon (expected an "
                "SVG saved as UTF-8, or with its encoding declared in <?xml ... encoding=...?>)",
            )
        ],
    ),
    (
        "truncated",
        svg('<rect width="1"/>')[:-8],
        [
            (
                2,
                "the file is not well-formed XML: Premature end of data in tag svg line 1 "
                f"({EXPECTED_FILE})",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_unsafe_or_unreadable_files_are_not_published(
    raw: bytes, expected: list[tuple[int, str]]
) -> None:
    result = sanitise_svg(raw)
    assert result.data is None
    assert [(finding.line, finding.message) for finding in result.findings] == expected


def test_too_big_is_refused_before_parsing() -> None:
    raw = svg("<desc>" + "a" * MAX_SVG_BYTES + "</desc>")
    result = sanitise_svg(raw)
    assert result.data is None
    assert result.findings == [
        SvgFinding(
            1,
            f"the file is {len(raw):,} bytes (expected an SVG image of at most 5,000,000 bytes)",
        )
    ]


def test_external_doctype_is_dropped_and_never_fetched() -> None:
    raw = (
        b'<?xml version="1.0" standalone="no"?>\n'
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg('<rect width="1"/>')
    )
    result = sanitise_svg(raw)
    assert result.findings == []
    assert result.data is not None
    assert b"DOCTYPE" not in result.data
    harmless(result.data)


def test_undefined_entity_under_an_external_doctype_is_removed() -> None:
    raw = (
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg("<text>a&nbsp;b</text>")
    )
    result = sanitise_svg(raw)
    assert result.findings == [
        SvgFinding(
            3,
            "the entity &nbsp; is not defined (expected plain characters or a numeric "
            "reference like &#160;; it is removed)",
        )
    ]
    assert result.data is not None
    assert b"<text>ab</text>" in result.data


CLEAN = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn by hand -->
{ROOT[:-1]} width="64" height="64" version="1.1">
  <title>Microphone</title>
  <desc>A microphone on a stand</desc>
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#fff"/>
      <stop offset="1" stop-color="#3f51b5" stop-opacity="0.5"/>
    </linearGradient>
    <clipPath id="c"><circle cx="32" cy="32" r="30"/></clipPath>
    <filter id="f"><feGaussianBlur in="SourceGraphic" stdDeviation="1"/></filter>
    <path id="p" d="M10 50 Q32 60 54 50"/>
    <style>.a {{ fill: url(#g); stroke: #000 }} .b > path {{ opacity: .5 }}</style>
  </defs>
  <g class="a" clip-path="url(#c)" transform="translate(1 1)" style="stroke-width:2; fill: url('#g')">
    <rect x="24" y="8" width="16" height="30" rx="8" filter="url(#f)"/>
    <use xlink:href="#p" stroke="#000" fill="none"/>
    <polygon points="0,0 4,4 0,4"/>
    <text x="32" y="62" text-anchor="middle" font-family="sans-serif" xml:space="preserve">On <tspan font-weight="bold">air</tspan> &amp; more</text>
    <text><textPath href="#p">along the curve</textPath></text>
  </g>
  <image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" x="0" y="0" width="1" height="1"/>
  <a href="https://example.org/podcasts"><text>More</text></a>
  <a xlink:href="mailto:archive@example.org"><text>Write</text></a>
  <a href="#p"><text>Jump</text></a>
</svg>
"""


def test_clean_drawing_is_kept_intact() -> None:
    raw = CLEAN.encode()
    result = sanitise_svg(raw)
    assert result.findings == []
    assert result.data is not None
    assert svg_shape(result.data) == svg_shape(raw)
    assert result.data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<svg ")
    assert sanitise_svg(raw) == result  # deterministic
    assert sanitise_svg(result.data).data == result.data  # and stable


def test_removed_element_keeps_the_text_after_it() -> None:
    result = sanitise_svg(svg("<text>one <script>x</script>two</text>"))
    assert result.data is not None
    assert b"<text>one two</text>" in result.data


def test_encodings_are_read_and_written_as_utf8() -> None:
    text = svg("<text>café ☕</text>").decode()
    for raw in (
        text.encode("utf-8-sig"),
        ('<?xml version="1.0" encoding="UTF-16"?>\n' + text).encode("utf-16"),
        ('<?xml version="1.0" encoding="ISO-8859-15"?>\n' + text.replace(" ☕", "")).encode(
            "iso-8859-15"
        ),
    ):
        result = sanitise_svg(raw)
        assert result.findings == []
        assert result.data is not None
        assert "<text>café".encode() in result.data


INKSCAPE = """<svg xmlns="http://www.w3.org/2000/svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/"
   width="10" height="10" inkscape:version="1.3" sodipodi:docname="mic.svg">
  <sodipodi:namedview id="nv" inkscape:zoom="2"><inkscape:page x="0" y="0"/></sodipodi:namedview>
  <metadata><rdf:RDF><dc:title>Mic</dc:title></rdf:RDF></metadata>
  <g inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <rect
       id="r"
       width="4"
       onclick="alert(1)"
       height="4" />
  </g>
</svg>
"""


def test_editor_data_is_one_finding_and_lines_point_at_attributes() -> None:
    result = sanitise_svg(INKSCAPE.encode())
    assert [(finding.line, finding.message) for finding in result.findings] == [
        (
            6,
            "drawing-program data (inkscape:version, sodipodi:docname, sodipodi:namedview, "
            "inkscape:label, ...) is not part of the drawing (expected a plain SVG, such as "
            "Inkscape's 'Plain SVG' export; it is removed)",
        ),
        (15, f"onclick on <rect> {HANDLER}"),
    ]
    assert result.data is not None
    harmless(result.data)
    assert b"inkscape" not in result.data
    assert b"<metadata/>" in result.data
    assert b'<rect id="r" width="4" height="4"/>' in result.data


def test_findings_are_capped() -> None:
    shapes = "\n".join(f'<rect onclick="alert({n})"/>' for n in range(1000))
    result = sanitise_svg(svg(shapes))
    assert len(result.findings) == MAX_FINDINGS + 1
    assert result.findings[MAX_FINDINGS - 1] == SvgFinding(51, f"onclick on <rect> {HANDLER}")
    assert result.findings[-1] == SvgFinding(
        52,
        "950 more things were removed from this file, from this line on (expected at most "
        "50 listed; fix the ones above and check again)",
    )
    assert result.data is not None
    assert result.data.count(b"<rect/>") == 1000


def test_deep_nesting_is_refused_not_a_crash() -> None:
    result = sanitise_svg(svg("<g>" * 300 + "</g>" * 300))
    assert result.data is None
    assert result.findings[0].message.startswith(
        "the file is not well-formed XML: Excessive depth in document: 256"
    )


TOKENS = [
    b"<script>alert(1)</script>", b' onload="alert(1)"', b"<a href='javascript:alert(1)'>",
    b"&#x09;", b"&#106;", b"<!ENTITY x 'y'>", b"<!DOCTYPE svg [", b"]>", b"url(", b"#",
    b"https://evil.example/", b' xlink:href="', b' href="', b'"', b"'", b"<", b">", b"/>",
    b"<style>", b"</style>", b"@import ", b"<foreignObject>", b"<set to='x'/>", b"\\", b"&",
    b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?xml-stylesheet href='x'?>", b"\x00", b"\xff",
    b"\n", b" style='", b"expression(", b"<image", b"data:image/png;base64,AA==",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid drawing with bytes cut, repeated and hostile tokens put in at random."""
    data = bytearray(draw(st.sampled_from([CLEAN.encode(), svg('<a href="#p"><rect/></a>')])))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        else:
            data[position : position + 1] = draw(st.binary(min_size=1, max_size=3))
    return bytes(data)


def check_any_input(raw: bytes) -> None:
    result = sanitise_svg(raw)
    if result.data is None:
        assert len(result.findings) == 1
    assert all(finding.line >= 1 and finding.message for finding in result.findings)
    assert len(result.findings) <= MAX_FINDINGS + 1
    if result.data is not None:
        harmless(result.data)
        again = sanitise_svg(result.data)
        assert again.findings == []
        assert again.data == result.data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    check_any_input(raw)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_drawings_never_raise_and_stay_harmless(raw: bytes) -> None:
    check_any_input(raw)
