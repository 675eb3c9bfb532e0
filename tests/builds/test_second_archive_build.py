"""The fixture archive that is not the demo builds strict with no Python of its own:
hyphenated collections at their paths, a podcast as a schema.org PodcastEpisode, references
across collections, and its own notices."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from support.builds import build, page
from support.second_archive import talent_archive

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = talent_archive(tmp_path_factory.mktemp("talent"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - archive-cms", "  - archive-cms\n  - archive-search"))
    out = root.parent / "site"
    result = build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def jsonld(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_pages_live_at_the_collections_paths(site: Path) -> None:
    for url in ("case-studies/", "case-studies/city-hospital/", "podcasts/episode-one/", "kits/"):
        assert (site / url / "index.html").is_file(), url
    assert (site / "kits/starter-kit/index.html").is_file()
    assert not (site / "toolkits").exists()
    assert (site / "podcasts/episode-one/episode.mp3").is_file()


def test_related_references_cross_collections(site: Path) -> None:
    html = page(site, "case-studies/city-hospital/")
    assert 'href="../../podcasts/episode-one/"' in html
    assert 'href="../../kits/starter-kit/"' in html


def test_a_podcast_is_a_podcast_episode(site: Path) -> None:
    data = jsonld(page(site, "podcasts/episode-one/"))
    assert data["@type"] == "PodcastEpisode"
    assert data["episodeNumber"] == 1
    assert data["duration"] == "PT45M"
    assert data["partOfSeries"] == {"@type": "PodcastSeries", "name": "Talent Talks"}
    assert data["associatedMedia"] == {
        "@type": "MediaObject",
        "contentUrl": "https://example.org/talent/podcasts/episode-one/episode.mp3",
    }
    assert jsonld(page(site, "case-studies/city-hospital/"))["about"] == "Health and care"
    assert jsonld(page(site, "kits/starter-kit/"))["@type"] == "CreativeWork"


def test_everything_keyed_by_the_collection_name_takes_a_hyphen(site: Path) -> None:
    cms = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    folders = {c["name"]: c["folder"] for c in cms["collections"]}
    assert folders == {
        "case-studies": "case-studies",
        "podcasts": "podcasts",
        "toolkits": "toolkits",
    }
    records = json.loads((site / "data/records.json").read_text(encoding="utf-8"))["records"]
    study = next(r for r in records if r["slug"] == "city-hospital")
    assert study["collection"] == "case-studies"
    assert study["url"] == "https://example.org/talent/case-studies/city-hospital/"
    csv = (site / "data/case-studies.csv").read_text(encoding="utf-8")
    assert "podcasts/episode-one; toolkits/starter-kit" in csv
    assert (site / "data/case-studies.schema.json").is_file()
    facets = (site / "find/data/facets.json").read_text(encoding="utf-8")
    assert "Case study" in facets
    ids = json.loads((site / "find/data/search-ids.json").read_text(encoding="utf-8"))
    assert len(ids) == 3


def test_the_archive_speaks_in_its_own_words(site: Path) -> None:
    home = unescape(page(site, ""))
    assert "<strong>Digital Talent Programme</strong> has closed" in home
    study = unescape(page(site, "case-studies/city-hospital/"))
    assert "This record is made up for the tests of Digital Talent Programme." in study
    assert "Digital Talent Programme</strong> ran from 2019 to 2022 and has ended." in study
