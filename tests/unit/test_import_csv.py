"""Spreadsheets as the importer reads them: every encoding and separator Excel, LibreOffice
and Google Sheets write, quoted values over several lines, and bad files said plainly."""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

import pytest

from legacy_archive.core.importing.csvsource import read_csv, source_encoding

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import" / "csv"


def test_fixture_bytes_are_as_exported() -> None:
    """The fixtures are the bytes the exporters write; a checkout that converted them
    (line ends, encodings) would make the tests below test nothing."""
    assert (FIXTURES / "excel-windows-1252.csv").read_bytes().count(b"\r\n") == 3
    assert b"\xa35" in (FIXTURES / "excel-windows-1252.csv").read_bytes()  # £5
    assert (FIXTURES / "excel-unicode-text.csv").read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert (FIXTURES / "semicolon-utf8-bom.csv").read_bytes().startswith(codecs.BOM_UTF8)


def test_windows_1252_with_pound_and_smart_quotes() -> None:
    source = read_csv(FIXTURES / "excel-windows-1252.csv")
    assert source.problems == []
    assert source_encoding(source) == "windows-1252"
    first, second = source.items
    assert first.title == "“Robots” for beginners"
    assert first.fields["price"] == "£5"
    assert first.fields["summary"] == "A course on robots – week one"
    assert second.fields["summary"] == "Pupils’ café club"
    assert (first.key, first.kind, first.line, first.html) == ("row:2", "row", 2, "")
    assert first.origin == f"{FIXTURES / 'excel-windows-1252.csv'}:2"


def test_utf16_tab_separated() -> None:
    source = read_csv(FIXTURES / "excel-unicode-text.csv")
    assert source.problems == []
    assert source_encoding(source) == "utf-16"
    assert source.inventory["delimiter"] == Counter({"tab": 1})
    assert [item.title for item in source.items] == ["Über robots", "日本語 course"]
    assert source.items[0].fields == {
        "title": "Über robots",
        "summary": "A talk in Zürich",
        "audience": "secondary",
    }


def test_utf16_without_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "no-bom.csv"
    path.write_bytes("title,kind\nÉcole,x\n".encode("utf-16-le"))
    source = read_csv(path)
    assert source.problems == []
    assert source_encoding(source) == "utf-16-le"
    assert source.items[0].title == "École"


def test_semicolons_and_byte_order_mark() -> None:
    """Where the decimal separator is a comma, Excel separates with semicolons."""
    source = read_csv(FIXTURES / "semicolon-utf8-bom.csv")
    assert source.problems == []
    assert source_encoding(source) == "utf-8 with byte order mark"
    assert source.inventory["delimiter"] == Counter({"semicolon": 1})
    assert list(source.items[0].fields) == ["title", "hours", "audience"]  # no BOM in 'title'
    assert source.items[0].fields["hours"] == "1,5"


def test_quoted_values_with_newlines_quotes_and_commas() -> None:
    source = read_csv(FIXTURES / "quoted-multiline.csv")
    assert source.problems == []
    robots, plain, last = source.items
    assert robots.title == "Robots, part 1"
    assert robots.fields["summary"] == 'Line one\nline two with "quotes"'
    assert plain.fields["summary"] == "Three\n\nparagraphs\nhere"
    assert plain.fields["link"] == ""
    assert [item.line for item in source.items] == [2, 4, 8]  # physical lines
    assert [item.key for item in source.items] == ["row:2", "row:3", "row:4"]
    assert last.title == "Last"


def test_inventory_counts_columns_and_lists_short_values() -> None:
    source = read_csv(FIXTURES / "excel-windows-1252.csv")
    assert source.inventory["columns"] == Counter(
        {"title": 2, "summary": 2, "price": 2, "audience": 2}
    )
    assert source.inventory["values: audience"] == Counter({"secondary": 1, "primary": 1})
    assert "values: title" not in source.inventory  # titles are not a vocabulary
    multi = read_csv(FIXTURES / "quoted-multiline.csv")
    assert multi.inventory["columns"]["link"] == 2
    assert "values: summary" not in multi.inventory  # values over several lines


def test_title_is_the_first_column_without_a_title_column(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,Role\nAda,Engineer\n", encoding="utf-8")
    assert read_csv(path).items[0].title == "Ada"
    path.write_text("Name,Title\nAda,Engineer\n", encoding="utf-8")
    assert read_csv(path).items[0].title == "Engineer"


def test_trailing_empty_columns_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"title,kind,,\r\nA,x,,\r\n\r\nB,y,,\r\n,,,\r\n")
    source = read_csv(path)
    assert source.problems == []
    assert [item.fields for item in source.items] == [
        {"title": "A", "kind": "x"},
        {"title": "B", "kind": "y"},
    ]
    assert [item.line for item in source.items] == [2, 4]


BAD: list[tuple[str, bytes, list[str]]] = [
    ("empty file", b"", ["1: file: is empty (expected a header row naming the columns)"]),
    ("blank lines only", b"\n\n  \n", ["1: file: is empty (expected a header row naming the columns)"]),
    ("Excel workbook", b"PK\x03\x04\x14\x00rest",
     ["1: file: is an Excel or OpenDocument workbook, not CSV (expected a CSV file: in the "
      "spreadsheet, choose Save As or Download, then CSV UTF-8)"]),
    ("binary", b"title\nab\x00\x01\x02cd\xff\xfe\n",
     ["2: file: is not text (expected a CSV file: in the spreadsheet, choose Save As or "
      "Download, then CSV UTF-8)"]),
    ("duplicate header", b"title,Summary,summary\na,b,c\n",
     ["1: summary: names columns 2 and 3 (expected each column name once)"]),
    ("unnamed column with values", b"title,,kind\na,b,c\n",
     ["1: column 2: has no name but holds values (expected a name in the header row)"]),
    ("no header row", b"1,2020-01-01,https://a.example/\n2,2020-02-01,https://b.example/\n",
     ["1: header: the first row holds values, not column names (expected a header row "
      "naming the columns, such as title, date, summary)"]),
    ("ragged rows", b"title,kind\na,b,c\nd\n\"e\",f\n",
     ['2: row: has 3 values but the header names 2 columns (expected one value per column; '
      'a value with the separator in it needs quotes: "a, b")',
      "3: row: has 1 value but the header names 2 columns (expected one value per column, "
      "empty ones too)"]),
    ("control character", b"title,kind\na\x07b,c\n",
     ["2: title: contains the control character U+0007 (expected plain text; it was removed)"]),
    ("double-encoded UTF-8", "title\nCafÃ©\n".encode(),
     ["2: file: holds 'Ã©', which is text saved in the wrong encoding once already (expected "
      "the characters themselves: open the original and save as CSV UTF-8)"]),
    ("quote never closed", b'title,summary\na,"' + b"x" * 140_000 + b"\n",
     ["2: file: a value from here on is longer than 131072 characters and the rest is not "
      "read (expected shorter values: a quote never closed makes the rest of the file one "
      "value)"]),
    ("broken UTF-16", codecs.BOM_UTF16_LE + "title\n".encode("utf-16-le") + b"\x00\xd8",
     ["2: file: is not valid utf-16 though it starts like it (expected one encoding for the "
      "whole file)"]),
]  # fmt: skip


@pytest.mark.parametrize(("data", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_files_are_problems_not_exceptions(
    tmp_path: Path, data: bytes, expected: list[str]
) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    source = read_csv(path)
    assert source.problems == [f"{path}:{message}" for message in expected]
    assert source.kind == "csv" and source.name == str(path)


def test_control_character_removed_from_the_value(tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(b"title,kind\na\x07b,c\n")
    assert read_csv(path).items[0].title == "ab"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = read_csv(tmp_path / "nope.csv")
    assert missing.problems == [
        f"{tmp_path / 'nope.csv'}:1: file: cannot be read: No such file or directory "
        "(expected a readable CSV file)"
    ]
    assert read_csv(tmp_path).problems[0].endswith("(expected a readable CSV file)")


def test_latin1_when_not_windows_1252(tmp_path: Path) -> None:
    """0x81 is undefined in Windows-1252: Latin-1 reads every byte."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"title\nA\x81 \xe9\n")
    source = read_csv(path)
    assert source_encoding(source) == "iso-8859-1"
    assert source.items[0].title == "A\x81 é".replace("\x81", "")  # C1 control removed


def test_single_column_and_comma_default(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("title\nOne; two\nThree\n", encoding="utf-8")
    source = read_csv(path)
    assert source.inventory["delimiter"] == Counter({"comma": 1})
    assert [item.title for item in source.items] == ["One; two", "Three"]
