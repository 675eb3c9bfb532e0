"""The body check reads Markdown as Markdown does: every trick that once hid a script from
it is caught with its line, code stays quiet, and whatever it lets through renders to HTML
the sanitiser has nothing hostile to take out of."""

from __future__ import annotations

import time

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legacy_archive.core.importing.htmlmd import TRANSCRIPT_PLACEHOLDER
from legacy_archive.core.validate.body import check_body
from legacy_archive.core.validate.code_mask import mask_code
from legacy_archive.core.validate.htmlpolicy import inspect_html

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "tables"]
"""The demo's Markdown extensions, which record bodies are rendered with."""

JS = "link scheme 'javascript:' is not allowed (expected an https:// or http:// address)"
SCRIPT = "<script> is not allowed in a record (expected Markdown text, links and images)"


def handler(tag: str, attr: str) -> str:
    return (
        f"<{tag} {attr}=...> event handlers are not allowed (expected plain HTML without scripts)"
    )


CASES: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("quoted > in an attribute", '<details title=">" open ontoggle=alert(1)>x</details>',
     [(1, handler("details", "ontoggle"))]),
    ("tag over two lines", 'Text\n<img src="a.png" alt="a"\n  onerror="alert(1)">',
     [(2, handler("img", "onerror"))]),
    ("unclosed fence hides nothing", "```\n<script>alert(1)</script>", [(2, SCRIPT)]),
    ("decimal reference", "[x](javascript&#58;alert(1))", [(1, JS)]),
    ("named reference", '<a href="javascript&colon;alert(1)">x</a>', [(1, JS)]),
    ("hex reference", "[x](j&#x61;vascript:alert(1))", [(1, JS)]),
    ("tab inside the scheme", '<a href="java\tscript:alert(1)">x</a>', [(1, JS)]),
    ("upper case", "[x](JAVASCRIPT:alert(1))", [(1, JS)]),
    ("nested brackets", "[a [b] c](javascript:alert(1))", [(1, JS)]),
    ("link round an image", "[![alt](p.png)](javascript:alert(1))", [(1, JS)]),
    ("reference definition", "[x][r]\n\n[r]: javascript:alert(1)", [(3, JS)]),
    ("reference on the next line", "[x][r]\n\n[r]:\n   javascript:alert(1)", [(4, JS)]),
    ("reference in angle brackets", "[x][r]\n\n[r]: <javascript:alert(1)>", [(3, JS)]),
    ("destination on the next line", "[x](\njavascript:alert(1))", [(2, JS)]),
    ("destination in angle brackets", "[x](<javascript:alert(1)>)", [(1, JS)]),
    ("backslash escape", "[x](javascript\\:alert(1))", [(1, JS)]),
    ("vbscript", "[x](vbscript:msgbox(1))",
     [(1, "link scheme 'vbscript:' is not allowed (expected an https:// or http:// address)")]),
    ("data link", "[x](data:text/html;base64,PHNjcmlwdD4=)",
     [(1, "link scheme 'data:' is not allowed (expected an https:// or http:// address)")]),
    ("attr_list handler", "A paragraph\n{: onclick=\"alert(1)\" }",
     [(2, "{: onclick=... } event handlers are not allowed (expected plain Markdown without scripts)")]),
    ("attr_list href", "A paragraph\n{: href=\"javascript:alert(1)\" }", [(2, JS)]),
    ("attr_list style", "# Title {: style=\"position:fixed\" }",
     [(1, "{: style=... } style attributes are not allowed (expected Markdown formatting; the site's stylesheet styles records)")]),
    ("attr_list reserved id", "A paragraph\n{: #__config }",
     [(2, "id '__config' is reserved for the site's own page elements (expected an id that does not start with '__', 'md-', 'md_' or 'archive-')")]),
    ("attr_list search attribute", "A paragraph\n{: data-pagefind-ignore=all }",
     [(2, "{: data-pagefind-ignore=... } search attributes are set by the archive (expected none in a record)")]),
    ("other event attribute", '<svg><animate onbegin="alert(1)"/></svg>',
     [(1, "<svg> is not allowed in a record (expected Markdown text, links and images)"),
      (1, handler("animate", "onbegin"))]),
    ("base", '<base href="https://evil.example/">',
     [(1, "<base> is not allowed in a record (expected Markdown text, links and images)")]),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">',
     [(1, "<meta> is not allowed in a record (expected Markdown text, links and images)")]),
    ("form action", '<form action="https://evil.example"><input name="q"></form>',
     [(1, "<form> is not allowed in a record (expected Markdown text, links and images)"),
      (1, "<input> is not allowed in a record (expected Markdown text, links and images)")]),
    ("css url()", '<p style="background:url(https://evil.example/t.png)">x</p>',
     [(1, "<p style=...> style attributes are not allowed (expected Markdown formatting; the site's stylesheet styles records)")]),
    ("srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
     [(1, "<iframe> is not allowed in a record (expected Markdown text, links and images)"),
      (1, SCRIPT)]),
    ("image from another site", "![A chart](https://evil.example/pixel.png)",
     [(1, "<img src='https://evil.example/pixel.png'> loads a file from another site (expected a file beside the record, like 'photo.png': a file elsewhere dies with its site and tells it who reads the page)")]),
    ("image without alt", "![](photo.png)",
     [(1, "image 'photo.png' has no alt text (expected ![description of the image](photo.png))")]),
    ("control character", "Text\nwith \x1b[31m colour",
     [(2, "contains the control character U+001B (expected plain text)")]),
    ("unclosed comment", "Text\n\n<!-- hidden\n\nMore text",
     [(3, "an HTML comment opened here is never closed, so it hides the rest of the body (expected '-->' to end it)")]),
    ("unclosed block", "<div>\n\nText",
     [(1, "<div> is opened here but never closed, so Markdown leaves the rest of the body unformatted (expected </div> after its content)")]),
    ("snippet include", 'Text\n\n--8<-- "/etc/passwd"',
     [(3, "'--8<--' includes another file into the page (expected the text itself: a record cannot include files)")]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[case[0] for case in CASES])
def test_hostile_bodies_are_caught_with_their_line(
    name: str, body: str, expected: list[tuple[int, str]]
) -> None:
    found = [(p.line, p.message) for p in check_body("a.md", body, 1, fenced_code=True)]
    assert found == expected


HARMLESS = [
    ("inline code", "Write `<script>alert(1)</script>` to run code."),
    ("double backticks", "Use `` `<img onerror=x>` `` in a lesson."),
    ("indented code", "Example:\n\n    <script>alert(1)</script>\n    <a onclick=x>\n\nDone."),
    ("closed fence", "```html\n<script>alert(1)</script>\n```"),
    ("tilde fence", "~~~\n[x](javascript:alert(1))\n~~~"),
    ("links and images", '[site](https://example.org) ![A pie chart](chart.png "Pie")'),
    ("relative and mail", "[back](../index.md) [mail](mailto:team@example.org) [top](#top)"),
    ("maths", "If a < b and b > c then x<y."),
    ("allowed HTML", "<details open><summary>More</summary>\n\nText\n\n</details>"),
    ("table cell alignment", "| a | b |\n|:--|--:|\n| 1 | 2 |"),
]


@pytest.mark.parametrize(("name", "body"), HARMLESS, ids=[case[0] for case in HARMLESS])
def test_harmless_bodies_pass(name: str, body: str) -> None:
    assert [str(p) for p in check_body("a.md", body, 1, fenced_code=True)] == []


def test_fences_are_code_only_where_the_site_has_them() -> None:
    body = "```\n<script>alert(1)</script>\n```"
    assert list(check_body("a.md", body, 1, fenced_code=True)) == []
    # Without fenced code the backticks are an inline span over three lines: the check
    # never assumes a span across lines (Markdown may split them into blocks), so it
    # reads the script as HTML, erring on the side of saying too much.
    assert [p.line for p in check_body("a.md", body, 1, fenced_code=False)] == [2]


def test_code_spans_are_found_as_markdown_finds_them() -> None:
    """Python-Markdown takes the longest opener that closes, not the whole run: in
    ``` ```<`<script>` ``` the span is ``` ``< ``` and the script is live."""
    assert [p.line for p in check_body("a.md", "```<`<script>`", 1)] == [1]
    assert list(check_body("a.md", "``<script>``", 1)) == []
    assert [p.line for p in check_body("a.md", "\\`<script>`", 1)] == [1]


def test_lines_count_from_the_body_start() -> None:
    found = list(check_body("courses/a.md", "\n\n<script>x</script>", 12))
    assert [str(p) for p in found] == [f"courses/a.md:14: body: {SCRIPT}"]


def test_masking_keeps_lengths_and_lines() -> None:
    body = "a `<b>` c\n\n    code <x>\n\ntext"
    masked = mask_code(body)
    assert len(masked) == len(body)
    assert masked.count("\n") == body.count("\n")
    assert "<b>" not in masked and "<x>" not in masked and "text" in masked


def rendered_findings(body: str) -> list[str]:
    """What the sanitiser would take out of the body as the site renders it."""
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return [
        f.message
        for f in inspect_html(html)
        if "no alt text" not in f.message  # alt text is accessibility, not safety
    ]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_what_markdown_renders_hostile_the_check_caught(
    name: str, body: str, expected: list[tuple[int, str]]
) -> None:
    """Each hostile case renders to something the sanitiser removes, or to nothing hostile
    at all; and whenever the render holds something hostile, the check said so."""
    if rendered_findings(body):
        assert expected


FRAGMENTS = st.sampled_from(
    [
        "<", ">", '"', "'", "`", "```", "~~~", "    ", "\n", "\n\n", "[", "]", "(", ")", "!",
        "{:", "}", "<!--", "-->", "&#58;", "&colon;", "\\", "javascript:", "alert(1)",
        "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=", "onclick=",
        "<details ontoggle=x>", "[r]: ", "http://example.org", "text", " ", "\t", "\x1b",
        "- ", "1. ", "#", "<div>", "</div>", "--8<--", "\u202e",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_fuzzed_bodies_never_raise_and_never_hide_a_script(body: str) -> None:
    found = list(check_body("a.md", body, 1))
    assert all("could not be checked" not in p.message for p in found)
    hostile = [m for m in rendered_findings(body) if "control character" not in m]
    if hostile:
        assert found, (body, hostile)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_checked_without_an_error(body: str) -> None:
    assert all("could not be checked" not in p.message for p in check_body("a.md", body, 1))


@pytest.mark.parametrize(
    "unit", ["](", "[", "`", "<a ", "{: on=", "![", "<!--", "](<", "\n    x\n", "<div>"]
)
def test_time_grows_linearly_with_the_body(unit: str) -> None:
    """No pattern makes the check quadratic: ten times the text takes about ten times as
    long (an allowance of 40x covers a noisy machine; quadratic would be 100x)."""

    def seconds(count: int) -> float:
        body = unit * count
        start = time.perf_counter()
        list(check_body("a.md", body, 1, fenced_code=True))
        return time.perf_counter() - start

    small, large = seconds(2_000), seconds(20_000)
    assert large < max(small, 0.005) * 40, (small, large)


def test_an_imported_recording_without_transcript_is_flagged_where_its_line_stands() -> None:
    """The importer's placeholder is a problem until an editor puts the transcript there;
    in a code span it is only text about the placeholder."""
    body = f"Intro\n\n[Listen](https://example.org/a.mp3)\n\n*{TRANSCRIPT_PLACEHOLDER}*\n"
    found = list(check_body("a.md", body, 10))
    assert [(p.line, p.field) for p in found] == [(14, "body")]
    assert "transcript" in found[0].message
    assert list(check_body("a.md", f"`{TRANSCRIPT_PLACEHOLDER}`\n", 1)) == []
