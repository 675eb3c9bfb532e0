"""Archives made by `archive init` build strictly on the first try, with nothing of the demo's."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.builds import ENV, build, page
from support.starter import PROGRAMMES, new_archive, records_of

pytestmark = pytest.mark.build


@pytest.mark.parametrize("programme", sorted(PROGRAMMES))
def test_a_new_archive_checks_and_builds_strictly(programme: str, tmp_path: Path) -> None:
    root = new_archive(tmp_path / programme, programme)
    check = subprocess.run(
        [sys.executable, "-m", "legacy_archive.core.cli.main", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    records = records_of(programme)
    assert check.returncode == 0, check.stdout
    assert check.stdout.endswith(f"{len(records)} records in {len(records)} files, no problems.\n")
    site = tmp_path / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    for record in records:
        assert "archive-banner" in page(site, f"{record}/")
    home = page(site, "")
    facts = PROGRAMMES[programme]
    assert facts.name in home
    for choice in facts.collections:  # the nav is made from the collections
        assert f'href="{choice.name}/"' in home
        assert page(site, f"{choice.name}/").count('class="archive-card') >= 1
    assert 'href="find/"' in home
    indexed = sorted(
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if "data-pagefind-body" in p.read_text("utf-8")
    )
    # the site map never is; the download page is, so "offline" or "Kiwix" finds it
    assert indexed == sorted([".", "about", "contribute", "download", *records])
    assert f"Pagefind indexed {len(indexed)} pages" in result.stderr
    for path in site.rglob("*.html"):
        assert "TechPathways" not in path.read_text("utf-8"), path
    for record, expected in STRUCTURED.items():
        if record in records:
            described = json_ld(page(site, f"{record}/"))
            assert {key: described.get(key) for key in expected} == expected, record


STRUCTURED = {
    "podcasts/careers-in-games-1": {
        "@type": "PodcastEpisode",
        "episodeNumber": 1,
        "duration": "PT32M",
        "partOfSeries": {"@type": "PodcastSeries", "name": "Digital Talent Conversations"},
    },
    "events/closing-showcase": {
        "@type": "Event",
        "startDate": "2021-07-02",
        "location": {"@type": "Place", "name": "City Hall, London"},
    },
    "courses/intro-to-coding": {"@type": "Course", "timeRequired": "4 weeks, 2 hours a week"},
}
"""What the presets declare in JSON-LD, read back from the built pages."""


def json_ld(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    data: dict[str, object] = json.loads(match.group(1))
    return data
