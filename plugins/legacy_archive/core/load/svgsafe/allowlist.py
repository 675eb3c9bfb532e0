"""What an SVG attachment may keep: drawing elements, attributes and namespaces, and links.

The sanitiser rebuilds a drawing from these lists; anything not named here is left out.
"""

from __future__ import annotations

import re
from typing import Any

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
MATHML = "http://www.w3.org/1998/Math/MathML"

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
and `href` are judged separately; values that load anything are refused (see `css_risk`)."""

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

_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=]*", re.IGNORECASE)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f]")
"""Characters a browser strips from (or ignores in) an address before reading its scheme."""


def split_name(tag: str) -> tuple[str, str]:
    """`{namespace}local` as (namespace, local); no namespace is ``""``."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def qualified_name(element: Any) -> str:
    """The element's name as the file writes it (`html:script`, `rect`)."""
    _, local = split_name(element.tag)
    return f"{element.prefix}:{local}" if element.prefix else local


def attribute_qualified_name(element: Any, key: str) -> str:
    namespace, local = split_name(key)
    if not namespace:
        return local
    if namespace == XML:
        return f"xml:{local}"
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return f"{prefix}:{local}"
    return key


def is_editor(namespace: str) -> bool:
    return namespace in EDITOR_NAMESPACES or namespace.startswith("http://ns.adobe.com/")


def is_inert(element: Any) -> bool:
    """True when no element of the subtree is one a browser could run."""
    return not any(
        split_name(node.tag)[0] in ACTIVE_NAMESPACES
        for node in element.iter()
        if isinstance(node.tag, str)
    )


def attribute_kind(namespace: str, local: str) -> str:
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
    return "editor" if is_editor(namespace) else "foreign"


def href_problem(tag: str, value: str) -> str | None:
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
