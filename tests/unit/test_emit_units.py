"""Unit tables for the emitter's small helpers: relative URLs, sizes, paragraphs."""

from __future__ import annotations

import pytest

from legacy_archive.core.emit.environment import human_size, paragraphs, relative_url


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
    ("size", "expected"), [(12, "12 bytes"), (2400, "2 KB"), (1_234_567, "1.2 MB")]
)
def test_human_size(size: int, expected: str) -> None:
    assert human_size(size) == expected


def test_paragraphs() -> None:
    assert paragraphs("One\nline.\n\n  Two.  \n\n\n") == ["One line.", "Two."]
