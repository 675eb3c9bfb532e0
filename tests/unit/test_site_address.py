"""Which address a build is for: the deployment's, the config's, or a local preview's."""

from __future__ import annotations

import pytest
import yaml

from legacy_archive.core.config.site_address import (
    LOCAL_ADDRESS,
    SiteAddressError,
    site_address,
)
from support.paths import REPO


@pytest.mark.parametrize(
    ("configured", "environ", "url", "source"),
    [
        (None, {}, LOCAL_ADDRESS, ""),
        ("", {"ARCHIVE_SITE_URL": "  "}, LOCAL_ADDRESS, ""),
        ("https://a.org/x/", {}, "https://a.org/x/", "site_url"),
        ("https://a.org/x", {}, "https://a.org/x/", "site_url"),
        (
            None,
            {"ARCHIVE_SITE_URL": "https://o.github.io/repo"},
            "https://o.github.io/repo/",
            "ARCHIVE_SITE_URL",
        ),
        (
            "https://a.org/x/",
            {"ARCHIVE_SITE_URL": "https://b.org/"},
            "https://b.org/",
            "ARCHIVE_SITE_URL",
        ),
    ],
)
def test_the_deployment_wins_then_the_config_then_a_local_preview(
    configured: str | None, environ: dict[str, str], url: str, source: str
) -> None:
    address = site_address(configured, environ)
    assert (address.url, address.source, address.assumed) == (url, source, not source)


def test_an_assumed_address_says_so_in_plain_words() -> None:
    assert site_address(None, {}).notice() == (
        "site address not set: built for http://127.0.0.1:8000/ "
        "(set site_url or ARCHIVE_SITE_URL for the published address)"
    )


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("owner.github.io/repo", "ARCHIVE_SITE_URL"),
        ("ftp://a.org/", "ARCHIVE_SITE_URL"),
        ("https://a.org/?x=1", "ARCHIVE_SITE_URL"),
    ],
)
def test_an_address_that_is_not_one_is_refused(value: str, name: str) -> None:
    with pytest.raises(SiteAddressError) as caught:
        site_address(None, {name: value})
    assert str(caught.value) == (
        f"{name}: '{value}' is not a site address (expected the address the site is "
        "published at, like https://owner.github.io/repository/)"
    )


def test_the_pages_workflow_builds_for_the_address_pages_gives() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in steps if str(s.get("uses", "")).startswith("actions/configure-pages@"))
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["ARCHIVE_SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
