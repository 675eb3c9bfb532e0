"""Unit tables for the engine-free core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.problems import Problem, did_you_mean, sort_problems, summary_line
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.common.yamlpos import YamlError, field_name, parse
from legacy_archive.core.emit.environment import human_size, paragraphs, relative_url
from legacy_archive.core.load.records import slugify
from legacy_archive.core.load.source import SourceChanged, read_source
from legacy_archive.core.publish.staging import Staging
from legacy_archive.core.validate.schema.keywords import check_date

CORE = Path(__file__).resolve().parent.parent / "plugins" / "legacy_archive" / "core"


@pytest.mark.parametrize(
    "module", sorted(CORE.rglob("*.py")), ids=lambda p: p.relative_to(CORE).as_posix()
)
def test_core_imports_nothing_from_mkdocs(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [
        name for name in imported if name.split(".")[0] in ("mkdocs", "properdocs", "material")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", None),
        ("2021-06", None),
        ("2021-06-30", None),
        ("2024-02-29", None),
        ("2023-02-29", "'2023-02-29' has no day 29 (expected a day from 01 to 28)"),
        ("2021-00", "'2021-00' has no month 0 (expected a month from 01 to 12)"),
        (
            "21-06-30",
            "'21-06-30' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, like 2021-06-30)",
        ),
        (
            "30/06/2021",
            "'30/06/2021' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, like 2021-06-30)",
        ),
    ],
)
def test_check_date(value: str, expected: str | None) -> None:
    assert check_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.qmul.ac.uk/", None),
        ("http://example.org/a?b=c", None),
        ("mailto:archive@example.org", None),
        (
            "javascript:alert(1)",
            "link scheme 'javascript:' is not allowed (expected an https:// or http:// address)",
        ),
        (
            "JaVaScRiPt:alert(1)",
            "link scheme 'javascript:' is not allowed (expected an https:// or http:// address)",
        ),
        (
            "data:text/html,<script>",
            "link scheme 'data:' is not allowed (expected an https:// or http:// address)",
        ),
        (
            "vbscript:x",
            "link scheme 'vbscript:' is not allowed (expected an https:// or http:// address)",
        ),
        ("www.example.org", "'www.example.org' is not a full web address (expected https://...)"),
        ("https://", "'https://' has no host name (expected https://example.org/...)"),
    ],
)
def test_check_link(value: str, expected: str | None) -> None:
    assert check_link(value) == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("courses/a/", "courses/b/", "../b/"),
        ("courses/a/", "briefs/x/", "../../briefs/x/"),
        ("courses/", "courses/a/", "a/"),
        ("", "courses/", "courses/"),
        ("courses/a/", "courses/a/", "./"),
        ("courses/a/", "https://example.org/", "https://example.org/"),
    ],
)
def test_relative_url(source: str, target: str, expected: str) -> None:
    assert relative_url(source, target) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021", "2021"), ("2021-06", "June 2021"), ("2021-06-03", "3 June 2021")],
)
def test_date_label(value: str, expected: str) -> None:
    assert date_label(value) == expected


@pytest.mark.parametrize(
    ("size", "expected"), [(12, "12 bytes"), (2400, "2 KB"), (1_234_567, "1.2 MB")]
)
def test_human_size(size: int, expected: str) -> None:
    assert human_size(size) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Audio Editing & Podcasting", "audio-editing-podcasting"),
        ("Y6-7 Computing", "y6-7-computing"),
        ("!!!", "record"),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("audiences", 0), "audiences"),
        (("downloads", 1, "url"), "downloads[2].url"),
        (("video", "transcript"), "video.transcript"),
    ],
)
def test_field_name(path: tuple[str | int, ...], expected: str) -> None:
    assert field_name(path) == expected


def test_yaml_positions_point_at_keys() -> None:
    doc = parse("title: x\nmodules:\n  - title: a\n  - title: b\n    summary: c\n")
    assert doc.lines[("title",)] == 1
    assert doc.lines[("modules", 1)] == 4
    assert doc.line_of(("modules", 1, "summary")) == 5
    assert doc.line_of(("modules", 1, "missing")) == 4


def test_yaml_keeps_dates_as_text() -> None:
    assert parse("date: 2021-06-30\n").data == {"date": "2021-06-30"}


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: &x 1\nb: *x\n", 1), ("a: 1\nb: [\n", 3), ("a: !!python/name:os.system\n", 1)],
)
def test_yaml_refuses_unsafe_or_broken_input(text: str, line: int) -> None:
    with pytest.raises(YamlError) as caught:
        parse(text)
    assert caught.value.line == line


def test_did_you_mean() -> None:
    assert did_you_mean("secondry", ["primary", "secondary"]) == "; did you mean 'secondary'?"
    assert did_you_mean("zzz", ["primary"]) == ""


def test_problems_sort_by_file_then_line_and_format() -> None:
    problems = [
        Problem("b.md", 1, "x", "m"),
        Problem("a.md", 9, "y", "m"),
        Problem("a.md", 2, "z", "m"),
        Problem("a.md", 2, "z", "m"),
    ]
    assert [str(p) for p in sort_problems(problems)] == [
        "a.md:2: z: m",
        "a.md:9: y: m",
        "b.md:1: x: m",
    ]


def test_summary_line() -> None:
    assert summary_line([], 31, 31) == "archive check: 31 records in 31 files, no problems."
    assert (
        summary_line([Problem("a.md", 1, "x", "m")], 30, 31)
        == "archive check: 1 problem in 1 file (30 valid records read from 31 files)."
    )


def test_staging_swaps_only_on_commit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = Staging(site)
    (staging.begin() / "new.html").write_text("new")
    staging.abandon()
    assert [p.name for p in site.iterdir()] == ["old.html"]
    (staging.begin() / "new.html").write_text("new")
    staging.commit()
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert not staging.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"], (
        "no staging or retired folder is left behind"
    )


def test_concurrent_builds_into_one_folder_publish_a_whole_site(tmp_path: Path) -> None:
    """Eight builds stage and publish into one folder at once: each stages in its own
    folder and swaps under the lock, so the published site is always one build's whole
    output (its search index included), never a mix or a half."""
    import threading

    site = tmp_path / "site"
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def one_build(number: int) -> None:
        try:
            staging = Staging(site)
            folder = staging.begin()
            for name in ("index.html", "pagefind/pagefind.js", "find/data/records.json"):
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(f"build {number}")
            barrier.wait()
            staging.commit()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=one_build, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    texts = {p.read_text() for p in site.rglob("*") if p.is_file()}
    assert len(texts) == 1 and len(list(site.rglob("*.*"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock"]


def test_paragraphs() -> None:
    assert paragraphs("One\nline.\n\n  Two.  \n\n\n") == ["One line.", "Two."]


def test_preview_serves_under_the_sub_path_with_gzip_and_404(tmp_path: Path) -> None:
    import gzip
    import urllib.error
    import urllib.request

    from harness.preview import serve

    (tmp_path / "courses").mkdir()
    (tmp_path / "courses" / "index.html").write_text("<p>courses</p>" * 50)
    (tmp_path / "404.html").write_text("not here")
    with serve(tmp_path, "/repo/") as url:
        request = urllib.request.Request(url + "courses/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == b"<p>courses</p>" * 50
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url.replace("/repo/", "/") + "courses/")
        assert missing.value.code == 404 and missing.value.read() == b"not here"


def _fragment(folder: Path, page_id: str, url: str, signature: bytes = b"pagefind_dcd") -> None:
    import gzip
    import json

    folder.mkdir(parents=True, exist_ok=True)
    data = signature + json.dumps({"url": url, "content": "words"}).encode()
    (folder / f"{page_id}.pf_fragment").write_bytes(gzip.compress(data))


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (
            ["en_4548abc", "en_cd9b3aa", "en_cd9b4bb"],
            {"en_4548abc": "en_4", "en_cd9b3aa": "en_cd9b3", "en_cd9b4bb": "en_cd9b4"},
        ),
        # Pagefind lengthens a short hash that collides: the shorter id must match whole.
        (
            ["en_1234567", "en_12345678", "en_1234569"],
            {"en_1234567": "en_1234567.", "en_12345678": "en_12345678", "en_1234569": "en_1234569"},
        ),
        (["en_aa", "en_aa"], {"en_aa": "e"}),
        ([], {}),
    ],
)
def test_unique_prefixes(ids: list[str], expected: dict[str, str]) -> None:
    from legacy_archive.core.emit.find_data import unique_prefixes

    assert unique_prefixes(ids) == expected


@pytest.mark.parametrize(
    ("urls", "ids", "expected"),
    [
        (
            ["b/", "a/", "gone/"],
            {"a/": "en_1aaa", "b/": "en_2bbb", "about/": "en_1abc"},
            '["en_2","en_1aa",null]',
        ),
        ([], {"a/": "en_1"}, "[]"),
    ],
)
def test_search_ids_follow_the_browse_positions(
    urls: list[str], ids: dict[str, str], expected: str
) -> None:
    from legacy_archive.core.emit.find_data import search_ids

    assert search_ids(urls, ids) == expected


def test_card_urls_read_the_shards_in_order() -> None:
    from legacy_archive.core.emit.find_data import card_urls

    shards = [[["a/", "A", 0, "", "2021"], ["b/", "B", 1, "", "2020"]], [["c/", "C", 0, "", ""]]]
    assert card_urls(shards) == ["a/", "b/", "c/"]


def test_search_ids_are_written_from_pagefind_fragments(tmp_path: Path) -> None:
    import json

    from legacy_archive.core.publish.search_index import write_search_ids

    data = tmp_path / "find" / "data"
    data.mkdir(parents=True)
    cards = [[f"courses/c{n}/", f"C{n}", 0, "", "2021"] for n in range(3)]
    (data / "cards-0.json").write_text(json.dumps(cards[:2]))
    (data / "cards-1.json").write_text(json.dumps(cards[2:]))
    bundle = tmp_path / "pagefind"
    _fragment(bundle / "fragment", "en_aaa", "/courses/c2/")
    _fragment(bundle / "fragment", "en_bbb", "/courses/c0/")
    _fragment(bundle / "fragment", "en_ccc", "/about/")
    assert write_search_ids(tmp_path, bundle) == 2
    assert json.loads((data / "search-ids.json").read_text()) == ["en_b", None, "en_a"]
    assert write_search_ids(tmp_path / "no-find-page", bundle) == 0


def test_an_unknown_pagefind_fragment_format_is_one_clear_message(tmp_path: Path) -> None:
    from legacy_archive.core.publish.search_index import SearchIndexFailure, page_ids

    _fragment(tmp_path / "fragment", "en_aaa", "/a/", signature=b"pagefind_xyz")
    with pytest.raises(SearchIndexFailure, match=r"en_aaa.pf_fragment: expected a Pagefind 1.5"):
        page_ids(tmp_path)
    (tmp_path / "fragment" / "en_aaa.pf_fragment").write_bytes(b"not gzip")
    with pytest.raises(SearchIndexFailure, match=r"en_aaa.pf_fragment: expected .* but "):
        page_ids(tmp_path)


def test_a_released_body_is_read_again_exactly(tmp_path: Path) -> None:
    file = tmp_path / "record.md"
    file.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nFirst line\r\n\r\nCaf\xc3\xa9 \xe2\x80\x94 end\r\n"
    )
    source, problems = read_source("courses/record.md", file)
    assert source is not None and problems == []
    kept = source.body
    source.release_body()
    assert source.body == kept == "First line\n\nCaf\u00e9 \u2014 end\n"


def test_a_body_changed_after_reading_is_an_error_not_other_text(tmp_path: Path) -> None:
    file = tmp_path / "record.md"
    file.write_text("---\ntitle: T\n---\nBody\n", "utf-8")
    source, _ = read_source("courses/record.md", file)
    assert source is not None
    source.release_body()
    file.write_text("---\ntitle: T\n---\nA longer body\n", "utf-8")
    with pytest.raises(SourceChanged, match=r"^courses/record\.md:1: file: changed on disk"):
        _ = source.body
    file.unlink()
    with pytest.raises(SourceChanged):
        _ = source.body
