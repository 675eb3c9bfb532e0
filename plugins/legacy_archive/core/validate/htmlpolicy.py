"""What HTML a record body may publish: one allowlist, used to clean and to explain.

Record bodies are untrusted: anyone can open a pull request. Markdown passes raw HTML
through, so the rendered body is cleaned by nh3 (the Rust `ammonia` sanitiser, built on a
browser-grade HTML parser) before it reaches a page. The same allowlist drives
`inspect_html`, which parses HTML with the standard library's tokenizer (entities decoded,
as a browser decodes them) and says in plain words what the cleaner would take out, so an
editor gets a `path:line` message instead of a silently changed page.

Only what is hostile or breaks the page is reported (scripts, event handlers, unsafe link
schemes, files from other sites, style attributes, the site's own reserved ids and search
attributes, control characters). Harmless HTML the archive does not use (a `<font>` tag,
an unknown class or attribute) is dropped without a message: the text stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from legacy_archive.core.common.weblinks import check_link

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
        "var", "wbr", "audio", "video", "source", "track",
    }
)  # fmt: skip
"""Elements Markdown and its usual extensions write, and the plain HTML authors paste."""

REFUSED_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
        "form", "input", "button", "textarea", "select", "option", "base", "meta", "link", "svg",
        "math", "template", "noscript", "noembed", "noframes", "portal", "param", "xmp",
        "plaintext", "listing", "html", "head", "body", "title", "dialog", "slot",
    }
)  # fmt: skip
"""Elements that run code, load other documents, submit data, change the page's base or
bend the HTML parser: reported, and removed with their content."""

CONTENT_DROPPED = frozenset(REFUSED_TAGS - {"html", "head", "body", "form", "dialog", "slot"})
"""Refused elements whose content goes too (script code, style sheets, fallback markup)."""

_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"title", "lang", "dir", "id", "class"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "align", "style"},
    "td": {"colspan", "rowspan", "align", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
LINK_ATTRIBUTES = frozenset({"href", "cite"})
"""Attributes a reader follows: web, mail or relative addresses."""
RESOURCE_ATTRIBUTES = frozenset({"src", "poster"})
"""Attributes the browser loads by itself: files of the archive only (a file on another
site dies with it, and tells it who reads the page)."""

CLASSES = frozenset(
    {
        "admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info",
        "todo", "tip", "hint", "important", "success", "check", "done", "question", "help",
        "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger",
        "error", "bug", "example", "quote", "cite", "headerlink", "footnote",
        "footnote-ref", "footnote-backref", "toc", "codehilite", "highlight",
        "highlighttable", "linenos", "linenodiv", "md-button", "md-button--primary",
    }
)  # fmt: skip
"""Classes Markdown extensions write (admonitions, footnotes, code highlighting) and the
theme's button style; any other class is dropped, so a body cannot dress itself up as the
site's banner, search or dialogs."""
_CODE_CLASS = re.compile(r"^(?:language|lang)-[a-z0-9_+#.-]{1,40}$|^[a-z]{1,3}[0-9]?$")
"""Code highlighting: `language-python` on fenced code, Pygments' short token classes."""
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}$")
RESERVED_ID_PREFIXES = ("__", "md-", "md_", "archive-")
"""Ids the theme and the archive's scripts look up (`__config`, `__drawer`, `md-...`): a
body element with one of them would be found first and change how the page behaves."""
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters other than tab and line ends: invisible, and a NUL or an
ESC in a page or a CSV export does nothing good."""
_STYLE_PROPERTIES = frozenset({"text-align"})
"""Table cells keep `text-align` only (Markdown's tables write it)."""


def allowed_class(tag: str, value: str) -> str:
    """The class tokens of `value` that the archive keeps."""
    keep = [
        token
        for token in value.split()
        if token in CLASSES or (tag in ("code", "span", "pre", "div") and _CODE_CLASS.match(token))
    ]
    return " ".join(keep)


def reserved_id(value: str) -> bool:
    return value.lower().startswith(RESERVED_ID_PREFIXES)


def reserved_id_message(value: str) -> str:
    *first, last = map(repr, RESERVED_ID_PREFIXES)
    prefixes = f"{', '.join(first)} or {last}"
    return (
        f"id '{value}' is reserved for the site's own page elements (expected an id that "
        f"does not start with {prefixes})"
    )


def link_problem(value: str) -> str | None:
    """Why a followed address is unsafe, or None: relative addresses, `#fragments`,
    `https:`, `http:` and `mailto:` are fine."""
    candidate = re.sub(r"[\x00-\x20]", "", value)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", candidate):
        return check_link(candidate)
    return None


def resource_problem(tag: str, attr: str, value: str) -> str | None:
    """Why a loaded file is not one of the archive's own, or None."""
    candidate = re.sub(r"[\x00-\x20]", "", value)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", candidate) or candidate.startswith(("//", "\\\\")):
        scheme = candidate.split(":", 1)[0].lower() if ":" in candidate else ""
        if scheme not in ("http", "https", ""):
            return check_link(candidate) or f"'{value}' is not a file of the archive"
        return (
            f"<{tag} {attr}='{value}'> loads a file from another site (expected a file beside "
            "the record, like 'photo.png': a file elsewhere dies with its site and tells it "
            "who reads the page)"
        )
    return None


def _filter(tag: str, attr: str, value: str) -> str | None:
    """nh3's per-attribute hook: the checks that depend on the value."""
    if attr == "class":
        return allowed_class(tag, value) or None
    if attr == "id":
        return value if _ID.match(value) and not reserved_id(value) else None
    if attr in LINK_ATTRIBUTES:
        return None if link_problem(value) else value
    if attr in RESOURCE_ATTRIBUTES:
        return None if resource_problem(tag, attr, value) else value
    return value


CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CONTENT_DROPPED),
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    attribute_filter=_filter,
    strip_comments=True,
    link_rel=None,
    url_schemes={"http", "https", "mailto"},
    filter_style_properties=set(_STYLE_PROPERTIES),
)
"""Built once: the allowlist above, as nh3 applies it."""


def clean_html(html: str) -> str:
    """The fragment with everything outside the allowlist removed (see module docstring)."""
    return CONTROL.sub("", CLEANER.clean(html))


@dataclass(frozen=True)
class HtmlFinding:
    """One thing `clean_html` takes out, said for an editor."""

    line: int
    """1-based line in the inspected text."""
    message: str
    """What is wrong, then what was expected in parentheses."""
    needle: str = ""
    """Text of the offending tag or value, to find it in a Markdown source."""


def _handler(tag: str, attr: str) -> str:
    return (
        f"<{tag} {attr}=...> event handlers are not allowed (expected plain HTML without scripts)"
    )


class _Inspector(HTMLParser):
    """Tokenises HTML as the cleaner sees it and notes each refused part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[HtmlFinding] = []

    def _add(self, message: str, needle: str = "") -> None:
        self.findings.append(HtmlFinding(self.getpos()[0], message, needle))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REFUSED_TAGS:
            self._add(
                f"<{tag}> is not allowed in a record (expected Markdown text, links and images)",
                f"<{tag}",
            )
            return
        for attr, raw in attrs:
            value = raw or ""
            if attr.startswith("on"):
                self._add(_handler(tag, attr), attr)
            elif attr == "style" and tag not in ("th", "td"):
                self._add(
                    f"<{tag} style=...> style attributes are not allowed (expected Markdown "
                    "formatting; the site's stylesheet styles records)",
                    "style",
                )
            elif attr in ("srcdoc", "formaction", "action", "xlink:href", "background"):
                self._add(
                    f"<{tag} {attr}=...> is not allowed in a record (expected plain HTML "
                    "links and images)",
                    attr,
                )
            elif attr.startswith("data-pagefind"):
                self._add(
                    f"<{tag} {attr}=...> search attributes are set by the archive (expected "
                    "none in a record)",
                    attr,
                )
            elif attr == "id" and reserved_id(value):
                self._add(reserved_id_message(value), value)
            elif (why := self._address_problem(tag, attr, value)) is not None:
                self._add(why, raw or "")
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self._add('<img> has no alt text (expected alt="description of the image")', "<img")

    @staticmethod
    def _address_problem(tag: str, attr: str, value: str) -> str | None:
        if attr in LINK_ATTRIBUTES:
            return link_problem(value)
        if attr in RESOURCE_ATTRIBUTES:
            return resource_problem(tag, attr, value)
        return None

    def handle_data(self, data: str) -> None:
        if (match := CONTROL.search(data)) is not None:
            self._add(control_message(match.group()))


def control_message(char: str) -> str:
    return f"contains the control character U+{ord(char):04X} (expected plain text)"


def parsable(html: str) -> str:
    """`html` with what cannot be markup made inert, lines kept: a comment never closed
    hides the rest (blanked), and a `<` after the last `>` can start no tag. Both would
    otherwise make the standard tokenizer rescan to the end at every `<` (quadratic)."""
    last_close = html.rfind("-->")
    unclosed = html.find("<!--", last_close + 3 if last_close >= 0 else 0)
    if unclosed >= 0:
        html = html[:unclosed] + re.sub(r"[^\n]", " ", html[unclosed:])
    last_gt = html.rfind(">")
    return html[: last_gt + 1] + html[last_gt + 1 :].replace("<", " ")


def inspect_html(html: str) -> list[HtmlFinding]:
    """What `clean_html` would take out of `html` that an editor should hear about."""
    inspector = _Inspector()
    try:
        inspector.feed(parsable(html))
        inspector.close()
    except (AssertionError, ValueError):  # the tokenizer's own limits; the cleaner still runs
        pass
    return inspector.findings
