"""A spreadsheet of a programme's resources (a CSV export) read as one item per row.

Spreadsheets come from Excel, LibreOffice and Google Sheets in whatever encoding and
separator the exporting machine liked: UTF-8 with or without a byte order mark, UTF-16
("Unicode text"), Windows-1252 with its curly quotes and pound signs, semicolons where
the decimal separator is a comma, tabs. The bytes are decoded strictly in a fixed order
(a byte order mark first, then UTF-8, then Windows-1252, then Latin-1, which accepts
anything), so the same file always reads the same way and the encoding used is named in
the inventory. The separator is the one that splits the first rows into the same number
of columns. Quoted values may hold separators, quotes and line breaks.

Each row becomes the item `row:N`, N its row number in the spreadsheet (the header is row
1, blank rows skipped), with every column in `fields` and its title from the `title`
column (else the first one); the body stays in its column for the mapping to choose.

Nothing here raises for bad input: an empty or binary file, a missing or repeated column
name, a row with too many or too few values each become `file.csv:line: column: what is
wrong (expected ...)`, with the physical line where the row starts.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from legacy_archive.core.importing.items import Source, SourceItem
from legacy_archive.core.importing.textdecode import SAVE_AS, decode
from legacy_archive.core.validate.htmlpolicy import CONTROL

MAX_BYTES = 100 * 1024 * 1024
"""A spreadsheet of a finished programme's resources is far smaller; a larger file is
more likely a mistake than a catalogue."""
DELIMITERS = (",", ";", "\t", "|")
SHORT_VALUE = 60
"""Columns whose values are all this short (and few distinct) get their values listed in
the inventory: likely categories, types or audiences a mapping file maps to ids."""
DISTINCT_VALUES = 40

_WORKBOOKS = (
    (b"PK\x03\x04", "an Excel or OpenDocument workbook, not CSV"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls), not CSV"),
    (b"%PDF", "a PDF document, not CSV"),
)


def read_csv(path: Path) -> Source:
    """Every row of the spreadsheet at `path` as an item, and every problem with it."""
    name = str(path)
    source = Source(kind="csv", name=name)
    data = _read_bytes(path, source)
    if data is None:
        return source
    decoded = decode(data)
    for line, message in decoded.problems:
        _problem(source, line, "file", message)
    if decoded.text is None:
        return source
    text = decoded.text
    delimiter = _sniff(text)
    rows = _rows(text, delimiter, source)
    if not rows:
        _problem(source, 1, "file", "holds no rows (expected a header row naming the columns)")
        return source
    header_line, header = rows[0]
    columns = _columns(header, header_line, [values for _, values in rows[1:]], source)
    if columns is None:
        return source
    _items(rows[1:], columns, source)
    source.inventory["encoding"] = Counter({decoded.encoding: 1})
    source.inventory["delimiter"] = Counter({_shown(delimiter): 1})
    return source


def source_encoding(source: Source) -> str:
    """The encoding `read_csv` decoded the file with (from its inventory)."""
    for key in source.inventory.get("encoding", Counter()):
        return key
    return "utf-8"


def _problem(source: Source, line: int, column: str, message: str) -> None:
    source.problems.append(f"{source.name}:{line}: {column}: {message}")


def _shown(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[delimiter]


def _read_bytes(path: Path, source: Source) -> bytes | None:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        _problem(source, 1, "file", f"cannot be read: {reason} (expected a readable CSV file)")
        return None
    if len(data) > MAX_BYTES:
        _problem(
            source,
            1,
            "file",
            f"is larger than {MAX_BYTES // (1024 * 1024)} MB (expected a spreadsheet of "
            "records; split it into several files)",
        )
        return None
    if not data.strip():
        _problem(source, 1, "file", "is empty (expected a header row naming the columns)")
        return None
    for magic, what in _WORKBOOKS:
        if data.startswith(magic):
            _problem(source, 1, "file", f"is {what} ({SAVE_AS})")
            return None
    return data


def _sniff(text: str) -> str:
    """The separator that splits the first rows into the most columns, the same number
    in each (a comma when nothing splits them)."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            rows = [row for _, row in zip(range(20), reader, strict=False) if row]
        except csv.Error:
            continue
        if len(text) > len(sample) and len(rows) > 1:
            rows = rows[:-1]  # the sample may cut the last row short
        if not rows:
            continue
        widths = Counter(len(row) for row in rows)
        width, agreeing = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _rows(text: str, delimiter: str, source: Source) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the physical line each starts on."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line_end = 0
    while True:
        start = line_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                message = (
                    f"a value from here on is longer than {csv.field_size_limit()} characters "
                    "and the rest is not read (expected shorter values: a quote never "
                    "closed makes the rest of the file one value)"
                )
            else:
                message = f"row cannot be read: {error} (expected CSV)"
            _problem(source, start, "file", message)
            break
        line_end = reader.line_num
        if not any(value.strip() for value in row):
            continue
        rows.append((start, [value.replace("\r\n", "\n").replace("\r", "\n") for value in row]))
    return rows


def _looks_like_data(name: str) -> bool:
    value = name.strip()
    return (
        bool(re.fullmatch(r"[-+]?[\d.,:/ ]+", value))
        or value.startswith(("http://", "https://", "www."))
        or len(value) > 80
        or "\n" in value
    )


def _columns(
    header: list[str], line: int, rows: list[list[str]], source: Source
) -> list[str] | None:
    """The column names, or None (with problems) when the header row is not one."""
    names = [name.strip() for name in header]
    used = {index for values in rows for index, value in enumerate(values) if value.strip()}
    while names and not names[-1] and len(names) - 1 not in used:
        names.pop()  # empty trailing columns, as Excel writes them
    problems = len(source.problems)
    if names and sum(_looks_like_data(name) for name in names if name) * 2 > len(names):
        _problem(
            source,
            line,
            "header",
            "the first row holds values, not column names (expected a header row naming "
            "the columns, such as title, date, summary)",
        )
        return None
    seen: dict[str, int] = {}
    for index, name in enumerate(names, start=1):
        if not name:
            _problem(
                source,
                line,
                f"column {index}",
                "has no name but holds values (expected a name in the header row)",
            )
            continue
        key = name.casefold()
        if key in seen:
            _problem(
                source,
                line,
                name,
                f"names columns {seen[key]} and {index} (expected each column name once)",
            )
        else:
            seen[key] = index
    if len(source.problems) > problems:
        return None
    return names


def _values(count: int) -> str:
    return f"{count} value" if count == 1 else f"{count} values"


def _items(rows: list[tuple[int, list[str]]], columns: list[str], source: Source) -> None:
    filled: Counter[str] = Counter(dict.fromkeys(columns, 0))
    values: dict[str, Counter[str]] = {name: Counter() for name in columns}
    title_column = next((name for name in columns if name.casefold() == "title"), columns[0])
    for number, (line, row) in enumerate(rows, start=2):
        if len(row) > len(columns) and any(value.strip() for value in row[len(columns) :]):
            _problem(
                source,
                line,
                "row",
                f"has {_values(len(row))} but the header names {len(columns)} columns "
                "(expected one value per column; a value with the separator in it needs "
                'quotes: "a, b")',
            )
        elif len(row) < len(columns):
            _problem(
                source,
                line,
                "row",
                f"has {_values(len(row))} but the header names {len(columns)} columns "
                "(expected one value per column, empty ones too)",
            )
        fields: dict[str, str] = {}
        for name, raw in zip(columns, row + [""] * (len(columns) - len(row)), strict=False):
            value = raw
            if (match := CONTROL.search(value)) is not None:
                _problem(
                    source,
                    line,
                    name,
                    f"contains the control character U+{ord(match.group()):04X} "
                    "(expected plain text; it was removed)",
                )
                value = CONTROL.sub("", value)
            fields[name] = value
            if value.strip():
                filled[name] += 1
                values[name][value.strip()] += 1
        source.items.append(
            SourceItem(
                key=f"row:{number}",
                kind="row",
                title=fields[title_column].strip(),
                html="",
                origin=f"{source.name}:{line}",
                fields=fields,
                line=line,
            )
        )
    source.inventory["columns"] = filled
    for name in columns:
        counter = values[name]
        if (
            name != title_column
            and counter
            and len(counter) <= DISTINCT_VALUES
            and all(len(value) <= SHORT_VALUE and "\n" not in value for value in counter)
        ):
            source.inventory[f"values: {name}"] = counter
