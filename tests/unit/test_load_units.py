"""Loading records: slugs, and a body read once and released is read again exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacy_archive.core.load.records import slugify
from legacy_archive.core.load.source import SourceChanged, read_source


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
