"""An archive that is not the demo: hyphenated collection names, a path of its own, declared
JSON-LD and notices, and every mistake with them reported with its file and line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from legacy_archive.core.cli.main import check as archive_check
from legacy_archive.core.config.notices import Notices, read_notices
from legacy_archive.core.emit.jsonld import record_jsonld
from legacy_archive.core.emit.notices import NoticeRenderer, attribution_of
from legacy_archive.core.validate.schema.load import load_schemas
from support.second_archive import load, messages, talent_archive

NAME = "(expected lowercase letters, digits and single hyphens, starting with a letter, like 'reports' or 'case-studies')"
PATH = "(expected one URL segment of lowercase letters, digits and single hyphens, like 'case-studies')"
ELSEWHERE = "(expected an address no other page or file of this site uses)"


def check(root: Path) -> list[str]:
    """`archive check` on the project: its lines, the summary left out."""
    out = io.StringIO()
    archive_check(root / "mkdocs.yml", out)
    return [line for line in out.getvalue().splitlines() if not line.startswith("archive check")]


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_archive_is_clean_and_addressed_by_its_paths(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    result = load(root)
    assert result.problems == []
    archive = result.archive
    assert list(archive.collections) == ["case-studies", "podcasts", "toolkits"]
    kit = archive.get("toolkits/starter-kit")
    study = archive.get("case-studies/city-hospital")
    assert kit is not None and study is not None
    assert archive.url_of(kit) == "kits/starter-kit/"
    assert archive.url_of(study) == "case-studies/city-hospital/"
    assert archive.page_path(kit) == "kits/starter-kit/index.md"
    assert archive.collections["toolkits"].url == "kits/"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "name: case-studies",
            "name: case_studies",
            f"mkdocs.yml:22: plugins.archive.collections[1].name: 'case_studies' is not a valid collection name {NAME}",
        ),
        (
            "name: case-studies",
            "name: case--studies",
            f"mkdocs.yml:22: plugins.archive.collections[1].name: 'case--studies' is not a valid collection name {NAME}",
        ),
        (
            "name: case-studies",
            "name: -case-studies",
            f"mkdocs.yml:22: plugins.archive.collections[1].name: '-case-studies' is not a valid collection name {NAME}",
        ),
        (
            "name: podcasts",
            "name: Podcasts",
            f"mkdocs.yml:26: plugins.archive.collections[2].name: 'Podcasts' is not a valid collection name {NAME}",
        ),
        (
            "path: kits",
            "path: kits/tools",
            f"mkdocs.yml:33: plugins.archive.collections[3].path: 'kits/tools' is not a valid collection path {PATH}",
        ),
        (
            "path: kits",
            "path: kits-",
            f"mkdocs.yml:33: plugins.archive.collections[3].path: 'kits-' is not a valid collection path {PATH}",
        ),
        (
            "path: kits",
            "path: podcasts",
            "mkdocs.yml:33: plugins.archive.collections[3].path: collection 'toolkits' would publish at 'podcasts/', which collection 'podcasts' already uses (expected a 'path' of its own)",
        ),
        (
            "home_closure:",
            "home_closer:",
            "mkdocs.yml:19: plugins.archive.notices.home_closer: unknown notice (expected one of: banner, home_closure, available_until, withdrawn_kept, illustrative_title, illustrative; did you mean 'home_closure'?)",
        ),
        (
            '"{programme} has closed"',
            '"{programme} closed in {year}"',
            "mkdocs.yml:19: plugins.archive.notices.home_closure: '{year}' is not a value this notice knows (expected {programme}, {start}, {end})",
        ),
        (
            "illustrative: This record",
            "illustrative_title: 3\n        illustrative: This record",
            "mkdocs.yml:20: plugins.archive.notices.illustrative_title: got int (expected the notice's text)",
        ),
    ],
)
def test_bad_names_paths_and_notices_are_reported_on_their_lines(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    root = talent_archive(tmp_path)
    edit(root, "mkdocs.yml", old, new)
    assert check(root) == [expected]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "find",
            f"mkdocs.yml:33: plugins.archive.collections[3].path: '/find/index.html' is already the Find page {ELSEWHERE}",
        ),
        (
            "admin",
            f"mkdocs.yml:33: plugins.archive.collections[3].path: '/admin/index.html' is already the form editor (archive-cms) {ELSEWHERE}",
        ),
        (
            "site-map",
            f"mkdocs.yml:33: plugins.archive.collections[3].path: '/site-map/index.html' is already the site map {ELSEWHERE}",
        ),
    ],
)
def test_a_collection_path_that_clashes_with_a_page_is_reported(
    tmp_path: Path, path: str, expected: str
) -> None:
    root = talent_archive(tmp_path)
    edit(root, "mkdocs.yml", "path: kits", f"path: {path}")
    assert check(root) == [expected]


def test_a_collection_path_in_a_reserved_folder_is_reported(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    edit(root, "mkdocs.yml", "path: kits", "path: pagefind")
    edit(root, "mkdocs.yml", "  - archive-cms", "  - archive-cms\n  - archive-search")
    assert check(root) == [
        "mkdocs.yml:33: plugins.archive.collections[3].path: '/pagefind/index.html' is inside the folder of the search index (archive-search) (expected a collection path other than 'pagefind')"
    ]


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (
            "case_studies/city-hospital",
            "'case_studies/city-hospital' names no collection 'case_studies' (expected one of: case-studies, podcasts, toolkits; did you mean 'case-studies'?)",
        ),
        (
            "kits/starter-kit",
            "'kits/starter-kit' names no collection 'kits' (expected one of: case-studies, podcasts, toolkits; did you mean 'toolkits'?)",
        ),
        (
            "case-studies/city-hospitl",
            "no record 'case-studies/city-hospitl' (expected '<collection>/<slug>' of an existing record; did you mean 'case-studies/city-hospital'?)",
        ),
        (
            "Podcasts/Episode",
            "'Podcasts/Episode' is not a record reference (expected '<collection>/<slug>' in lowercase words joined by hyphens, like 'case-studies/<slug>')",
        ),
        (
            "podcasts/episode-one/extra",
            "'podcasts/episode-one/extra' is not a record reference (expected '<collection>/<slug>' in lowercase words joined by hyphens, like 'case-studies/<slug>')",
        ),
    ],
)
def test_references_are_checked_against_the_declared_collections(
    tmp_path: Path, reference: str, expected: str
) -> None:
    root = talent_archive(tmp_path)
    edit(root, "podcasts/episode-one/index.md", "[case-studies/city-hospital]", f"[{reference}]")
    assert messages(root) == [f"podcasts/episode-one/index.md:8: related: {expected}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '"x-schema-org": "PodcastEpisode"',
            '"x-schema-org": "podcast episode"',
            "schemas/podcasts.schema.json:6: x-schema-org: 'podcast episode' is not a schema.org type (expected a name like 'Course')",
        ),
        (
            '"x-schema-org": "episodeNumber"',
            '"x-schema-org": "Episode Number"',
            "schemas/podcasts.schema.json:13: properties.episode_number.x-schema-org: 'Episode Number' is not a schema.org property (expected a name like 'episodeNumber')",
        ),
        (
            '"x-schema-org": "episodeNumber"',
            '"x-schema-org": 7',
            "schemas/podcasts.schema.json:13: properties.episode_number.x-schema-org: got 7 (expected a property name or an object)",
        ),
        (
            '"key": "contentUrl"',
            '"key": "contentUrl", "lists": true',
            "schemas/podcasts.schema.json:15: properties.audio.x-schema-org.lists: unknown option (expected one of: property, type, key, list, default, format; did you mean 'list'?)",
        ),
        (
            '"type": "MediaObject"',
            '"type": "media object"',
            "schemas/podcasts.schema.json:15: properties.audio.x-schema-org.type: 'media object' is not a schema.org type (expected a name like 'Person')",
        ),
        (
            '"x-expected": "an ISO',
            '"x-expectd": "an ISO',
            "schemas/podcasts.schema.json:14: properties.duration.x-expectd: unknown keyword (expected one of: x-vocabulary, x-expected, x-organisation, x-record, x-attachment, x-link, x-date, x-schema-org, x-schema-org-properties; did you mean 'x-expected'?)",
        ),
        (
            '"x-attachment": true,',
            '"x-attachment": "yes",',
            "schemas/podcasts.schema.json:15: properties.audio.x-attachment: got 'yes' (expected true or false)",
        ),
        (
            '"partOfSeries": {"value"',
            '"partOfSeries": {"from": "title", "value"',
            "schemas/podcasts.schema.json:8: x-schema-org-properties.partOfSeries: has 'from' and 'value' (expected exactly one of 'from', 'value', 'cases' or 'properties')",
        ),
        (
            '"partOfSeries": {"value": {"@type": "PodcastSeries", "name": "Talent Talks"}}',
            '"partOfSeries": "series"',
            "schemas/podcasts.schema.json:8: x-schema-org-properties.partOfSeries: no field 'series' (expected a field of the collection or '@programme')",
        ),
        (
            '"partOfSeries": {"value": {"@type": "PodcastSeries", "name": "Talent Talks"}}',
            '"partOfSeries": {"from": "episode_numbr"}',
            "schemas/podcasts.schema.json:8: x-schema-org-properties.partOfSeries.from: no field 'episode_numbr' (expected a field of the collection or '@programme'; did you mean 'episode_number'?)",
        ),
        (
            '"description": "the episode\'s number in the series"',
            '"description": "the episode\'s number in the series", "x-schema-org-properties": {}',
            "schemas/podcasts.schema.json:13: properties.episode_number.x-schema-org-properties: is inside a field (expected it at the schema's top, beside the collection's type)",
        ),
    ],
)
def test_bad_schema_keywords_are_reported_with_their_lines(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    root = talent_archive(tmp_path)
    edit(root, "schemas/podcasts.schema.json", old, new)
    _, problems = load_schemas(root / "schemas")
    assert [str(p) for p in problems] == [expected]


def test_every_schema_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    edit(root, "schemas/podcasts.schema.json", '"x-expected": "an ISO', '"x-expectd": "an ISO')
    edit(root, "schemas/case-studies.schema.json", '"x-vocabulary"', '"x-vocabluary"')
    _, problems = load_schemas(root / "schemas")
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("schemas/case-studies.schema.json", 10, "properties.sector.x-vocabluary"),
        ("schemas/podcasts.schema.json", 14, "properties.duration.x-expectd"),
    ]


def test_a_podcast_is_a_podcast_episode_in_its_json_ld(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    archive = load(root).archive
    schemas, _ = load_schemas(root / "schemas")
    renderer = NoticeRenderer(
        archive, archive.settings.programme, "https://example.org/t/", schemas
    )
    episode = archive.get("podcasts/episode-one")
    assert episode is not None
    attribution = attribution_of(
        archive, episode, archive.settings.programme, "https://example.org/t/"
    )
    data = record_jsonld(
        archive,
        episode,
        renderer.fields_of(episode),
        attribution,
        archive.settings.programme,
        "https://example.org/t/",
    )
    assert data["@type"] == "PodcastEpisode"
    assert data["inLanguage"] == "en"
    assert data["episodeNumber"] == 1
    assert data["duration"] == "PT45M"
    assert data["partOfSeries"] == {"@type": "PodcastSeries", "name": "Talent Talks"}
    assert data["associatedMedia"] == {
        "@type": "MediaObject",
        "contentUrl": "https://example.org/t/podcasts/episode-one/episode.mp3",
    }
    assert data["datePublished"] == "2021-06-01"
    kit = archive.get("toolkits/starter-kit")
    assert kit is not None
    plain = record_jsonld(
        archive, kit, renderer.fields_of(kit), attribution_of(archive, kit, None, ""), None
    )
    assert plain["@type"] == "CreativeWork"
    assert "headline" not in plain and "provider" not in plain


def test_the_json_ld_is_in_the_themes_language(tmp_path: Path) -> None:
    root = talent_archive(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n  language: cy\n", 1))
    archive = load(root).archive
    kit = archive.get("toolkits/starter-kit")
    assert kit is not None and archive.settings.site.language == "cy"
    schemas, _ = load_schemas(root / "schemas")
    renderer = NoticeRenderer(archive, None, "", schemas)
    data = record_jsonld(
        archive, kit, renderer.fields_of(kit), attribution_of(archive, kit, None, ""), None
    )
    assert data["inLanguage"] == "cy"


def test_notices_default_to_the_current_wording_and_take_the_projects() -> None:
    notices, errors = read_notices({"withdrawn_kept": "Kept   so links\n work."})
    assert errors == []
    assert notices.say("withdrawn_kept") == "Kept so links work."
    assert Notices().say("available_until", date="April 2023", programme="P & Q") == (
        "Originally available until April 2023."
    )
    assert Notices(illustrative="<b>{programme}</b>'s").say("illustrative", programme="<i>") == (
        "&lt;b&gt;&lt;i&gt;&lt;/b&gt;'s"
    )
