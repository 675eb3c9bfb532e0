"""Unit tables for core/common and the date keyword: dates, links, YAML positions, problems."""

from __future__ import annotations

import pytest

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.problems import Problem, did_you_mean, sort_problems, summary_line
from legacy_archive.core.common.weblinks import check_link
from legacy_archive.core.common.yamlpos import YamlError, field_name, parse
from legacy_archive.core.validate.schema.keywords import check_date


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
    ("value", "expected"),
    [("2021", "2021"), ("2021-06", "June 2021"), ("2021-06-03", "3 June 2021")],
)
def test_date_label(value: str, expected: str) -> None:
    assert date_label(value) == expected


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
