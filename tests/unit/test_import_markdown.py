"""The importer's HTML to Markdown converter: WordPress and crawled bodies become Markdown
a record may hold, shortcodes included, with every address resolved and rewritten and
every dropped part reported on its line of the Markdown."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import html_to_markdown
import markdown
import pytest
from html_to_markdown.exceptions import ConversionError
from hypothesis import given, settings
from hypothesis import strategies as st

from legacy_archive.core.importing.htmlmd import (
    TRANSCRIPT_PLACEHOLDER,
    ImageRef,
    MediaRef,
    to_markdown,
)
from legacy_archive.core.importing.items import SourceFile
from legacy_archive.core.importing.shortcodes import Escaped, Shortcode, parse
from legacy_archive.core.validate.body import TRANSCRIPT_NEEDED, check_body
from legacy_archive.core.validate.htmlpolicy import clean_html

BASE = "https://old.example.org/2021/03/robots/"
SITE = "https://old.example.org"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "tables", "fenced_code"]
"""The demo's Markdown extensions, plus fenced code as most Material sites have."""
ATTACHMENTS: Mapping[str, str | SourceFile] = {
    "11": f"{SITE}/wp-content/uploads/one.jpg",
    "12": SourceFile(f"{SITE}/wp-content/uploads/two.jpg", alt="Two robots", caption="Day 2"),
    "13": SourceFile(f"{SITE}/wp-content/uploads/plan.pdf", mime="application/pdf"),
    "14": f"{SITE}/song.mp3",
}
PLACEHOLDER = f"*{TRANSCRIPT_PLACEHOLDER}*"


def beside(url: str) -> str:
    """The rewrite an importer passes: the old site's files become files beside the record."""
    if url.startswith(SITE) and re.search(r"\.(jpg|png|gif|mp3|mp4)$", url):
        return url.rsplit("/", 1)[-1]
    return url


CASES: list[tuple[str, str, str]] = [
    ("heading and paragraph", "<h2>Aims</h2><p>Build a robot.</p>", "## Aims\n\nBuild a robot.\n"),
    ("emphasis", "<p><strong>bold</strong> and <em>italic</em> and <b>b</b> <i>i</i></p>",
     "**bold** and *italic* and **b** *i*\n"),
    ("nested list", "<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul>",
     "- one\n    - inner\n- two\n"),
    ("ordered list keeps its start", '<ol start="3"><li>a</li><li>b</li></ol>', "3. a\n4. b\n"),
    ("table", "<table><thead><tr><th>Name</th><th>Year</th></tr></thead>"
     "<tbody><tr><td>Ada</td><td>1843</td></tr></tbody></table>",
     "| Name | Year |\n| ---- | ---- |\n| Ada  | 1843 |\n"),
    ("pipe in a table cell", "<table><tr><th>A</th></tr><tr><td>x | y</td></tr></table>",
     "| A      |\n| ------ |\n| x \\| y |\n"),
    ("relative link resolved", '<p><a href="../other/">x</a></p>',
     f"[x]({SITE}/2021/03/other/)\n"),
    ("fragment link kept", '<p><a href="#aims">aims</a></p>', "[aims](#aims)\n"),
    ("image with alt", '<p><img src="/a.png" alt="A chart"></p>', f"![A chart]({SITE}/a.png)\n"),
    ("lazy-loaded image", '<p><img src="data:image/gif;base64,R0lGOD" data-lazy-src="b.png" '
     'alt="B"></p>', f"![B]({BASE}b.png)\n"),
    ("space in an address", '<p><a href="/my file.pdf">f</a></p>', f"[f]({SITE}/my%20file.pdf)\n"),
    ("code with language", '<pre><code class="language-python">x = 1\nif x &lt; 2: pass</code></pre>',
     "```python\nx = 1\nif x < 2: pass\n```\n"),
    ("SyntaxHighlighter pre", '<pre class="brush: php; gutter: false">echo 1;</pre>',
     "```php\necho 1;\n```\n"),
    ("code shortcode", '[code lang="js"]if (a &lt; b) {}[/code]', "```js\nif (a < b) {}\n```\n"),
    ("sourcecode shortcode with raw <", '[sourcecode language="html"]<b>x</b>[/sourcecode]',
     "```html\n<b>x</b>\n```\n"),
    ("inline code", "<p>Run <code>make *all*</code></p>", "Run `make *all*`\n"),
    ("blockquote after a paragraph", "<p>He said:</p><blockquote><p>Quoted</p></blockquote>",
     "He said:\n\n> Quoted\n"),
    ("kept inline HTML", "<p>H<sub>2</sub>O x<sup>2</sup> <s>old</s></p>",
     "H<sub>2</sub>O x<sup>2</sup> <del>old</del>\n"),
    ("wpautop paragraphs and line breaks", "One\ntwo\n\nThree", "One  \ntwo\n\nThree\n"),
    ("wpautop inside a div", "<div>a\n\nb</div>", "a\n\nb\n"),
    ("heading-like text", "<p>#1 in London</p><p>a<br>=== b</p>", "\\#1 in London\n\na  \n&#61;== b\n"),
    ("wpautop leaves pre alone", "Intro\n\n<pre>a\n\nb</pre>", "Intro\n\n```\na\n\nb\n```\n"),
    ("no wpautop for block-editor content",
     "<!-- wp:paragraph --><p>a\nb</p><!-- /wp:paragraph -->", "a b\n"),
    ("more tag", "Text\n\n<!--more-->\n\nMore", "Text\n\nMore\n"),
    ("empty visual-editor paragraph", "<p>a</p><p>&nbsp;</p><p>b</p>", "a\n\nb\n"),
    ("non-ASCII text", "<h2>Ünïcødé</h2><p>Café “quotes” £5 日本語 — ok</p>",
     "## Ünïcødé\n\nCafé “quotes” £5 日本語 — ok\n"),
    ("Markdown syntax in text stays text", "<p>5 * 3 and `x` {: #id} _a_ !!! C:\\dir</p>",
     "5 \\* 3 and \\`x\\` &#123;: \\#id&#125; \\_a\\_ \\!\\!! C:\\\\dir\n"),
    ("escaped HTML stays text", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;copy;</p>",
     "&lt;script>alert(1)&lt;/script> &amp;copy;\n"),
    ("caption shortcode", '[caption id="attachment_5" align="alignleft" width="300"]'
     '<a href="/big.jpg"><img src="/small.jpg" alt="Pupils"></a> Year 9 at <em>work</em>[/caption]',
     f"[![Pupils]({SITE}/small.jpg)]({SITE}/big.jpg)\n\n*Year 9 at work*\n"),
    ("caption attribute", '[caption caption="Old style"]<img src="/p.jpg" alt="P">[/caption]',
     f"![P]({SITE}/p.jpg)\n\n*Old style*\n"),
    ("block-editor figure", '<figure class="wp-block-image"><img src="/p.jpg" alt="P">'
     '<figcaption>In <a href="/lab/">the lab</a></figcaption></figure>',
     f"![P]({SITE}/p.jpg)\n\n*In [the lab]({SITE}/lab/)*\n"),
    ("gallery by ids, in their order", '[gallery ids="12,11"]',
     f"![Two robots]({SITE}/wp-content/uploads/two.jpg)\n\n*Day 2*\n\n"
     f"![]({SITE}/wp-content/uploads/one.jpg)\n"),
    ("gallery of all attachments", "[gallery]",
     f"![]({SITE}/wp-content/uploads/one.jpg)\n\n"
     f"![Two robots]({SITE}/wp-content/uploads/two.jpg)\n\n*Day 2*\n"),
    ("gallery exclude", '[gallery exclude="11"]',
     f"![Two robots]({SITE}/wp-content/uploads/two.jpg)\n\n*Day 2*\n"),
    ("audio shortcode", '[audio mp3="/talk.mp3"][/audio]',
     f"[Listen to the recording (talk.mp3)]({SITE}/talk.mp3)\n\n{PLACEHOLDER}\n"),
    ("video shortcode", '[video width="640" height="360" mp4="/v/clip.mp4"][/video]',
     f"[Watch the video (clip.mp4)]({SITE}/v/clip.mp4)\n\n{PLACEHOLDER}\n"),
    ("embed shortcode", "[embed]https://vimeo.com/123456[/embed]",
     f"[Watch the video (vimeo.com)](https://vimeo.com/123456)\n\n{PLACEHOLDER}\n"),
    ("oEmbed address on its own line", "Intro\n\nhttps://www.youtube.com/watch?v=abc\n\nOutro",
     "Intro\n\n[Watch the video (youtube.com)](https://www.youtube.com/watch?v=abc)\n\n"
     f"{PLACEHOLDER}\n\nOutro\n"),
    ("address in a sentence is not embedded", "See https://www.youtube.com/watch?v=abc now",
     "See https://www.youtube.com/watch?v=abc now\n"),
    ("iframe player", '<p><iframe src="https://www.youtube.com/embed/xyz" onload="x()"></iframe></p>',
     f"[Watch the video (youtube.com)](https://www.youtube.com/embed/xyz)\n\n{PLACEHOLDER}\n"),
    ("player inside a sentence", '<p>See <iframe src="https://vimeo.com/99"></iframe> now</p>',
     f"See [Watch the video (vimeo.com)](https://vimeo.com/99)  \n{PLACEHOLDER} now\n"),
    ("a map is linked, with no transcript",
     '<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>',
     "[Open the embedded content (google.com)](https://www.google.com/maps/embed?pb=1)\n"),
    ("embedded sound file", '<embed src="/talk.mp3">',
     f"[Listen to the recording (talk.mp3)]({SITE}/talk.mp3)\n\n{PLACEHOLDER}\n"),
    ("playlist", '[playlist ids="11,14"]',
     f"[Listen to the recording (song.mp3)]({SITE}/song.mp3)\n\n{PLACEHOLDER}\n"),
    ("video element with source", '<video controls><source src="/clip.mp4"></video>',
     f"[Watch the video (clip.mp4)]({SITE}/clip.mp4)\n\n{PLACEHOLDER}\n"),
    ("escaped shortcode", "[[gallery]] shows images", "\\[gallery\\] shows images\n"),
    ("escaped enclosing shortcode", "[[caption]x[/caption]]", "\\[caption\\]x\\[/caption\\]\n"),
    ("nested in an unknown shortcode", '[one_half][caption]<img src="/s.jpg" alt="S"> Cap'
     "[/caption][/one_half]",
     f"\\[one_half\\]\n\n![S]({SITE}/s.jpg)\n\n*Cap*\n\n\\[/one_half\\]\n"),
    ("text beside an unknown shortcode", "<p>[foo]_a_[foo] [x](javascript:y)</p>",
     "\\[foo\\]\\_a\\_\\[foo\\] \\[x\\]\\(javascript:y)\n"),
    ("shortcode in an attribute is not one", '<p><img src="/a.png" alt="A [chart]"></p>',
     f"![A \\[chart\\]]({SITE}/a.png)\n"),
    ("shortcode in code is not one", "<p><code>[gallery]</code></p>", "`[gallery]`\n"),
    ("script, style and handler stripped",
     '<p onclick="steal()">Hi<script>alert(1)</script><style>p{}</style></p>', "Hi\n"),
    ("javascript link keeps its text", '<p><a href="javascript:alert(1)">click</a> me</p>',
     "click me\n"),
    ("tracking pixel dropped", '<p>x<img src="https://pixel.wp.com/g.gif" width="1" height="1"></p>',
     "x\n"),
]  # fmt: skip


@pytest.mark.parametrize(("html_in", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_converts(html_in: str, expected: str) -> None:
    assert to_markdown(html_in, base_url=BASE, attachments=ATTACHMENTS).markdown == expected


PROBLEM_CASES: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("unknown shortcode on its line", "First\n\nSecond\n\n[contact-form-7 id=\"3\"]\n\nLast",
     [(5, "unknown shortcode [contact-form-7] kept as text (expected one of: audio, caption, "
          "code, embed, gallery, playlist, sourcecode, video, wp_caption; replace it with "
          "what it showed)")]),
    ("form dropped, reported at the next line", "<p>a</p><form><input name=q></form><p>b</p>",
     [(3, "leftover HTML <form> dropped (expected content Markdown can hold)")]),
    ("script at the end", "<p>a</p><script>x()</script>",
     [(1, "leftover HTML <script> dropped (expected content Markdown can hold)")]),
    ("iframe without an address", "<p>a</p><iframe srcdoc='<b>x</b>'></iframe><p>b</p>",
     [(3, "leftover HTML <iframe> dropped (expected a recording or page to link; none named)")]),
    ("javascript link", '<p>a</p><p><a href="javascript:alert(1)">x</a></p>',
     [(3, "link dropped, its text kept: link scheme 'javascript:' is not allowed (expected "
          "an https:// or http:// address)")]),
    ("gallery id not attached", '[gallery ids="11,99"]',
     [(1, "[gallery] names attachment 99 that the export does not hold (expected ids of its "
          "attachments); add the file by hand")]),
    ("gallery id of a document", '[gallery ids="13,11"]',
     [(1, "[gallery] names attachment 13, which is not an image (expected ids of image "
          "files); it is left out")]),
    ("video with an address that is not one", '<p>a</p>[video mp4="file://c:/v.mp4"][/video]',
     [(1, "[video] dropped: 'file://c:/v.mp4' is not a web address (expected an https:// "
          "address or one relative to the page)")]),
    ("flash object dropped", "<p>a</p><object data='/intro.swf'></object><p>b</p>",
     [(3, "leftover HTML <object> 'https://old.example.org/intro.swf' dropped (expected a "
          "recording or a page: browsers no longer run plug-ins)")]),
    ("caption without image", "[caption]Just text[/caption]",
     [(1, "[caption] holds no image (expected an <img> followed by the caption text); its "
          "text is kept")]),
    ("audio without file", "Intro\n\n[audio]", [(1, "[audio] names no file (expected src=\"address of "
                                            "the file\")")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("html_in", "expected"), [c[1:] for c in PROBLEM_CASES], ids=[c[0] for c in PROBLEM_CASES]
)
def test_reports_with_line(html_in: str, expected: list[tuple[int, str]]) -> None:
    converted = to_markdown(html_in, base_url=BASE, attachments=ATTACHMENTS)
    assert converted.problems == expected
    lines = converted.markdown.split("\n")
    for line, _ in expected:
        assert lines[line - 1].strip(), f"problem on blank line {line}: {converted.markdown!r}"


def test_gallery_without_ids_shows_the_items_own_images() -> None:
    """`attachments` holds every file of the export; a `[gallery]` without ids shows the
    item's own images only, in their order."""
    own = [ATTACHMENTS["13"], ATTACHMENTS["11"]]
    converted = to_markdown("[gallery]", base_url=BASE, attachments=ATTACHMENTS, own_files=own)
    assert converted.markdown == f"![]({SITE}/wp-content/uploads/one.jpg)\n"
    empty = to_markdown("[gallery]", base_url=BASE, attachments=ATTACHMENTS, own_files=[])
    assert empty.problems == [
        (1, "[gallery] shows no image (expected attachments on the item or ids=...)")
    ]


def test_unknown_shortcode_line_is_the_one_that_shows_it() -> None:
    converted = to_markdown(
        "<h2>Title</h2>\n\nOne\n\n<ul><li>a</li><li>b [vc_row] c</li></ul>", base_url=BASE
    )
    [(line, message)] = converted.problems
    assert "[vc_row]" in message
    assert converted.markdown.split("\n")[line - 1] == "- b \\[vc_row\\] c"


POST = """<h2>Robot week</h2>
Our pupils built <a href="/2021/02/kits/">robot kits</a> and <a href="https://partner.example/">met a partner</a>.

[caption id="attachment_12" align="aligncenter" width="600"]<a href="/wp-content/uploads/big.jpg"><img class="size-medium" src="/wp-content/uploads/robot-300x200.jpg" alt="A robot" width="300" height="200" onerror="alert(1)" /></a> The winning robot[/caption]

[gallery ids="12"]

https://www.youtube.com/watch?v=abc123

<table><tr><th>Team</th><th>Score</th></tr><tr><td>Blue</td><td>9</td></tr></table>
<pre class="brush: python">print("hi")</pre>
<script>track()</script><img src="https://stats.wp.com/b.gif?v=1" alt="">
<a href="/2021/02/kits/">Kits again</a> and <a href="mailto:team@old.example.org">mail us</a>.
"""


def test_post_passes_the_body_check() -> None:
    """A whole classic post, its files rewritten to files beside the record: `archive
    check` has nothing to say about the body but the video's missing transcript, on the
    line that says so."""
    converted = to_markdown(POST, base_url=BASE, rewrite=beside, attachments=ATTACHMENTS)
    found = list(check_body("r.md", converted.markdown, 1, fenced_code=True))
    placeholder = converted.markdown.splitlines().index(PLACEHOLDER) + 1
    assert [(p.line, "transcript" in p.message) for p in found] == [(placeholder, True)]
    assert not re.search(r"<(?!/?(sub|sup|del|ins|mark)>)", converted.markdown)
    assert "onerror" not in converted.markdown and "track()" not in converted.markdown
    assert converted.images == [
        ImageRef(f"{SITE}/wp-content/uploads/robot-300x200.jpg", "A robot", "The winning robot"),
        ImageRef(f"{SITE}/wp-content/uploads/two.jpg", "Two robots", "Day 2"),
    ]
    assert converted.links == [
        f"{SITE}/2021/02/kits/",
        "https://partner.example/",
        f"{SITE}/wp-content/uploads/big.jpg",
        "mailto:team@old.example.org",
    ]
    assert converted.media == [MediaRef("https://www.youtube.com/watch?v=abc123", "video")]
    assert [message for _, message in converted.problems] == [
        "leftover HTML <script> dropped (expected content Markdown can hold)",
        "tracking image 'https://stats.wp.com/b.gif?v=1' dropped (expected images readers see)",
    ]
    assert "![A robot](robot-300x200.jpg)" in converted.markdown
    assert '```python\nprint("hi")\n```' in converted.markdown


def test_without_rewrite_old_images_are_left_for_the_check() -> None:
    """With the identity rewrite, an image still on the old site is what `archive check`
    reports: the importer must download it (the converter does not hide it)."""
    converted = to_markdown('<p><img src="/a.png" alt="A"></p>', base_url=BASE)
    [problem] = check_body("r.md", converted.markdown, 1)
    assert "loads a file from another site" in problem.message


def test_rewrite_sees_every_address_once_per_use() -> None:
    seen: list[str] = []

    def rewrite(url: str) -> str:
        seen.append(url)
        return "/new/" + str(len(seen))

    converted = to_markdown(
        '<p><a href="a/">x</a> <img src="i.png" alt="i"></p>[audio src="s.mp3"]',
        base_url=BASE,
        rewrite=rewrite,
    )
    assert seen == [f"{BASE}a/", f"{BASE}i.png", f"{BASE}s.mp3"]
    assert "[x](/new/1)" in converted.markdown
    assert "![i](/new/2)" in converted.markdown
    assert "(/new/3)" in converted.markdown


def test_rewrite_result_made_safe_as_a_destination() -> None:
    converted = to_markdown(
        '<p><a href="/x">x</a></p>', base_url=BASE, rewrite=lambda url: "../a file (1).pdf"
    )
    assert converted.markdown == "[x](../a%20file%20%281%29.pdf)\n"


def test_rewrite_to_unsafe_scheme_is_refused() -> None:
    body = '<p><a href="/x">x</a> <img src="/i.png" alt="i"></p><p>[audio src="/a.mp3"]</p>'
    converted = to_markdown(body, base_url=BASE, rewrite=lambda url: "javascript:alert(1)")
    assert converted.markdown == "x\n"
    assert [message.split(":")[0] for _, message in converted.problems] == [
        "link dropped, its text kept",
        "image dropped",
        "[audio] dropped",
    ]
    assert all("javascript" in message for _, message in converted.problems)


def test_addresses_kept_as_rewritten() -> None:
    """Beyond what would break the destination, an address is written as `rewrite` gave it
    (an importer finds it again in the Markdown by that text)."""
    converted = to_markdown(
        '<p><a href="/café/?a=1&amp;b=&quot;2&quot;">x</a> <img src="https://else.org/é.png" '
        'alt="e"></p>',
        base_url=BASE,
    )
    assert converted.markdown == (f"[x]({SITE}/café/?a=1&b=%222%22) ![e](https://else.org/é.png)\n")


def test_indented_code_when_the_site_has_no_fences() -> None:
    converted = to_markdown(
        '<pre><code class="language-python">x = 1</code></pre>', base_url=BASE, fenced_code=False
    )
    assert converted.markdown == "    x = 1\n"


def test_crawled_html_gets_no_paragraphs_added() -> None:
    """A crawled page's line breaks are the server's, not the author's: no `<br>`."""
    page = "<p>A line\nwrapped by the server</p>\n<ul>\n<li>one\ntwo</li>\n</ul>"
    converted = to_markdown(page, base_url=BASE).markdown
    assert converted == "A line wrapped by the server\n\n- one two\n"
    assert to_markdown("a\n\nb", base_url=BASE, autop=False).markdown == "a b\n"
    assert to_markdown("a\n\nb", base_url=BASE).markdown == "a\n\nb\n"


def test_crawled_main_content_as_trafilatura_writes_it() -> None:
    """Pretty-printed, an image between two blocks, code in a `<pre>` inside a `<pre>`."""
    extracted = (
        "<html>\n  <body>\n    <ul>\n      <li>Team blue won</li>\n    </ul>\n"
        '    <img src="https://old.example.org/robot.jpg" alt="A robot"/>\n'
        "    <div><ul><li>x</li></ul>loose <b>text</b></div>\n"
        "    <pre>\n      <pre>print(1)\nif x:\n    y</pre>\n    </pre>\n  </body>\n</html>"
    )
    assert to_markdown(extracted, base_url=BASE).markdown == (
        "- Team blue won\n\n![A robot](https://old.example.org/robot.jpg)\n\n- x\n\n"
        "loose **text**\n\n```\nprint(1)\nif x:\n    y\n```\n"
    )


def test_a_converter_failure_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(body: str, options: object) -> None:
        raise ConversionError("input too large")

    monkeypatch.setattr(html_to_markdown, "convert", fail)
    converted = to_markdown("<p>x</p>", base_url=BASE)
    assert converted.markdown == ""
    assert converted.problems == [
        (1, "could not be converted (input too large) (expected HTML a browser reads)")
    ]


def test_empty_and_whitespace_bodies() -> None:
    assert to_markdown("", base_url=BASE).markdown == ""
    assert to_markdown(" \n\t", base_url=BASE).markdown == ""


def test_hostile_html_renders_harmless() -> None:
    """What gets past the converter renders, through the archive's own cleaner, with no
    script, handler or unsafe address left."""
    hostile = (
        "<img src=x.png onerror=alert(1) alt=x><svg onload=alert(1)><circle/></svg>"
        '<a href="jav&#x09;ascript:alert(1)">a</a><iframe src="javascript:alert(1)"></iframe>'
        "<math><mi>x</mi></math><object data='evil.swf'></object>"
        "<p>&lt;img src=x onerror=alert(1)&gt;</p><p>[x](javascript:alert(1))</p>"
        "<base href='https://evil.example/'><meta http-equiv=refresh content='0;url=https://e/'>"
        '<p style="position:fixed">styled</p><div id="__config">x</div>'
    )
    converted = to_markdown(hostile, base_url=BASE, rewrite=beside)
    rendered = markdown.markdown(converted.markdown, extensions=EXTENSIONS)
    assert clean_html(rendered) == rendered.replace(" />", ">")
    tags = " ".join(re.findall(r"<[^>]*>", rendered)).lower()
    for needle in ("onerror", "onload", "javascript", "<svg", "<iframe", "<object", "<base",
                   "<meta", "style=", "__config", "<math"):  # fmt: skip
        assert needle not in tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered  # shown as text
    assert list(check_body("r.md", converted.markdown, 1)) == []
    dropped = {message.split(" dropped")[0] for _, message in converted.problems}
    assert {"leftover HTML <svg>", "leftover HTML <math>", "leftover HTML <base>",
            "leftover HTML <meta>"} <= dropped  # fmt: skip


def test_same_input_same_output() -> None:
    first = to_markdown(POST, base_url=BASE, rewrite=beside, attachments=ATTACHMENTS)
    second = to_markdown(POST, base_url=BASE, rewrite=beside, attachments=ATTACHMENTS)
    assert first == second


def test_text_that_looks_like_the_tokens_survives() -> None:
    """The converter's own placeholders cannot collide with what a body says."""
    text = "qzarchiveimportc0z and qzarchiveimportm0z"
    assert to_markdown(f"<p>{text}</p>", base_url=BASE).markdown == text + "\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_reads_back_as_itself(text: str) -> None:
    """Whatever a paragraph says, its Markdown renders to the same words: nothing in it is
    taken as emphasis, a link, HTML or an attribute list."""
    converted = to_markdown(f"<p>{html.escape(text)}</p>", base_url=BASE, autop=False)
    rendered = markdown.markdown(converted.markdown, extensions=EXTENSIONS)
    shown = re.sub(r"<[^>]+>", "", rendered)
    assert " ".join(html.unescape(shown).split()) == " ".join(
        text.replace("\xa0", " ").split()
    ) or (not text.strip())


def test_shortcode_parser_follows_wordpress() -> None:
    nodes = parse(
        "a [video mp4='x.mp4' width=640 \"pos\" autoplay /] b [x]in [y/] side[/x] [[esc]] [/z]"
    )
    codes = [node for node in nodes if isinstance(node, Shortcode)]
    assert [code.name for code in codes] == ["video", "x"]
    assert codes[0].attrs == {"mp4": "x.mp4", "width": "640"}
    assert codes[0].positional == ["pos", "autoplay"]
    assert codes[0].content is None
    assert codes[1].content == "in [y/] side"
    assert Escaped("[esc]") in nodes
    assert nodes[-1] == " [/z]"


SOUP = [
    "<p>", "</p>", "<ul>", "<li>", "</ul>", "<table>", "<tr>", "<td>", "</table>",
    "<a href='/x y'>", "</a>", "<img src='a.png' alt='a*b'>", "<script>x</script>",
    "[caption]", "[/caption]", "<pre>", "</pre>", "<code>", "<h2>", "<blockquote>", "\n\n",
    "\n", "text", "*", "_", "[gallery]", "<div>", "</div>", "<figure>", "<figcaption>",
    "<iframe src='https://youtu.be/x'></iframe>", "https://youtu.be/a", "<br>", "<em>",
    "[foo a=1]", "[/foo]", "<!--", "-->", "<form>", "&lt;", "<", ">", "#", "- ", "> ",
    "<span onclick=x>", "[video src=/v.mp4]", "(", ")", "]", "!", "=",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SOUP), max_size=25).map("".join))
def test_any_tag_soup_gives_a_body_the_check_accepts(soup: str) -> None:
    """Whatever the old body held, its Markdown has nothing `archive check` refuses (bar
    images without alt text, which an editor must describe, and recordings' transcripts,
    which an editor must supply), renders without a script,
    and every problem is on a line of it."""
    converted = to_markdown(
        soup, base_url=BASE, rewrite=lambda url: url.rsplit("/", 1)[-1] or "index"
    )
    found = [p.message for p in check_body("r.md", converted.markdown, 1, fenced_code=True)]
    left = [m for m in found if "no alt text" not in m and TRANSCRIPT_NEEDED not in m]
    assert left == []
    rendered = markdown.markdown(converted.markdown, extensions=EXTENSIONS)
    assert not re.search(r"<(script|iframe|form)|onclick", rendered)
    assert all(
        1 <= line <= max(1, converted.markdown.count("\n")) for line, _ in converted.problems
    )
