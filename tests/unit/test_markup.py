"""Unit table for the HTML corrections the `archive-markup` plugin applies to every page."""

from __future__ import annotations

import pytest

from legacy_archive.core.emit.markup import without_invalid_autocomplete

CASES = [
    # Material's drawer toggle: the attribute goes, everything else stays.
    (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
    ),
    ("<input type=radio autocomplete=off name=p>", "<input type=radio name=p>"),
    ("<input autocomplete='off' type='checkbox'>", "<input type='checkbox'>"),
    # Text-like inputs may carry autocomplete: untouched.
    ('<input type="text" autocomplete="off">', '<input type="text" autocomplete="off">'),
    ('<input type="search" autocomplete="off">', '<input type="search" autocomplete="off">'),
    ('<input autocomplete="off">', '<input autocomplete="off">'),
    # Not an input, or no attribute: untouched.
    (
        '<form autocomplete="off"><p>checkbox</p></form>',
        '<form autocomplete="off"><p>checkbox</p></form>',
    ),
    ('<input type="checkbox" id="x">', '<input type="checkbox" id="x">'),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_autocomplete_is_dropped_only_where_html_forbids_it(html: str, expected: str) -> None:
    assert without_invalid_autocomplete(html) == expected
