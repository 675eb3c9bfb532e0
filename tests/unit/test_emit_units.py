"""Unit tables for the emitter's small helpers: relative URLs and paragraphs (sizes: test_record_teachers)."""

from __future__ import annotations

import pytest

from legacy_archive.core.emit.environment import paragraphs, relative_url


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


def test_paragraphs() -> None:
    assert paragraphs("One\nline.\n\n  Two.  \n\n\n") == ["One line.", "Two."]
