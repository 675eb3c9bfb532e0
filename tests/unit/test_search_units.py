"""Search ids: short unique prefixes of Pagefind's page ids, read from its fragments."""

from __future__ import annotations

from pathlib import Path

import pytest


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
