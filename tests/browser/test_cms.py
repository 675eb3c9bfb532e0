"""The editing forms at /admin/: generated config, and the real CMS in headless Chromium."""

from __future__ import annotations

import mimetypes
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from harness.browser import CHROMIUM_FLAGS, chromium_path
from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.editors.cms import CMS_SCRIPT, admin_page
from legacy_archive.core.validate.schema.fields import collection_fields
from legacy_archive.core.validate.schema.load import load_schemas
from support.paths import REPO, SITE

CHROMIUM = chromium_path()
CMS_DIST = REPO / "node_modules/decap-cms/dist"
CDN_DIST = CMS_SCRIPT.rsplit("/", 1)[0]
ORIGIN = "https://archive.test"  # a secure context: the CMS needs crypto.randomUUID
FLAGS = list(CHROMIUM_FLAGS)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive built once, with its /admin/ folder."""
    out = tmp_path_factory.mktemp("cms") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(SITE / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def expected_fields() -> dict[str, list[str]]:
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    schemas, _ = load_schemas(SITE / settings.schemas_dir)
    return {
        spec.name: [f.name for f in collection_fields(schemas, spec.schema, spec.name).fields]
        for spec in settings.collections
    }


def find(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(f for f in fields if f["name"] == name)


@pytest.mark.build
def test_config_has_every_collection_and_field(site: Path) -> None:
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["public_folder"] == "/techpathways-archive/assets/uploads"
    collections = {c["name"]: c for c in config["collections"]}
    for name, fields in expected_fields().items():
        assert [f["name"] for f in collections[name]["fields"]] == [*fields, "body"]
        assert collections[name]["folder"] == name
    interviews = collections["interviews"]["fields"]
    sector = find(interviews, "sector")
    assert sector["widget"] == "select" and sector["required"] is True
    assert {"label": "Games (games)", "value": "games"} in sector["options"]
    subjects = find(interviews, "subjects")
    assert subjects["multiple"] is True and subjects["min"] == 1
    assert find(interviews, "name")["required"] is False
    video = find(interviews, "video")
    assert video["widget"] == "object"
    assert find(video["fields"], "transcript")["required"] is True
    related = find(interviews, "related")
    assert related["widget"] == "select" and related["multiple"] is True
    assert any(o["value"] == "courses/audio-editing-and-podcasting" for o in related["options"])
    shared = {id(find(c["fields"], "related")["options"]) for c in collections.values()}
    assert len(shared) == 1, "the list of every record is written once, then referred to"
    modules = find(collections["courses"]["fields"], "modules")
    assert modules["widget"] == "list" and find(modules["fields"], "title")["required"]
    ages = find(collections["briefs"]["fields"], "ages")
    assert ages["required"] is False and "Required unless 'Key stages'" in ages["hint"]
    rating = find(collections["events"]["fields"], "rating")
    assert find(rating["fields"], "out_of") | {"value_type": "int"} == find(
        rating["fields"], "out_of"
    )


def test_admin_page_escapes_its_values() -> None:
    html = admin_page('<b>"Archive"</b>', "https://cdn.example/cms.js?a=1&b=2")
    assert "&lt;b&gt;&#34;Archive&#34;&lt;/b&gt;" in html
    assert 'src="https://cdn.example/cms.js?a=1&amp;b=2"' in html


@pytest.fixture
def browser_page() -> Any:
    if not CHROMIUM.exists() or not (CMS_DIST / "decap-cms.js").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("the browser test needs chromium and `npm ci` (decap-cms) on CI")
        pytest.skip("needs chromium and `npm ci`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def serve(site: Path, page: Any) -> list[str]:
    """Answer every request from the built site or the local CMS copy; nothing goes online."""
    served: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        if url.startswith(CDN_DIST + "/"):
            file = CMS_DIST / url.removeprefix(CDN_DIST + "/")
        elif url.startswith(ORIGIN + "/"):
            file = site / url.removeprefix(ORIGIN + "/")
            file = file / "index.html" if file.is_dir() else file
        else:
            route.abort()
            return
        if not file.is_file():
            route.fulfill(status=404, body="not found")
            return
        body = file.read_bytes()
        if file.name == "config.yml":
            # The test backend keeps everything in the browser: no GitHub, no log-in.
            config = yaml.safe_load(body)
            config["backend"] = {"name": "test-repo"}
            body = yaml.safe_dump(config).encode()
        served.append(url)
        content_type = "text/yaml" if file.suffix == ".yml" else None
        content_type = content_type or mimetypes.guess_type(file.name)[0] or "text/plain"
        # The CDN answers cross-origin requests, which the integrity check needs.
        headers = {"Access-Control-Allow-Origin": "*"} if url.startswith(CDN_DIST) else {}
        route.fulfill(status=200, body=body, content_type=content_type, headers=headers)

    page.route("**/*", handle)
    return served


@pytest.mark.browser
@pytest.mark.build
def test_admin_shows_every_collection_and_field(site: Path, browser_page: Any) -> None:
    page = browser_page
    served = serve(site, page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text or "integrity" in message.text
            else None
        ),
    )
    page.goto(f"{ORIGIN}/admin/")
    page.get_by_role("button", name="Login").click()
    settings, _ = read_settings(SITE / "mkdocs.yml")
    assert settings is not None
    for spec in settings.collections:
        page.get_by_role("link", name=spec.title, exact=True).first.wait_for(timeout=30_000)
    assert any(url.endswith("decap-cms.js") for url in served), "the local CMS copy was used"
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    for collection in config["collections"]:
        page.goto(f"{ORIGIN}/admin/#/collections/{collection['name']}/new")
        page.reload()  # a fresh editor: a hash change alone keeps the previous form
        login = page.get_by_role("button", name="Login")
        login.or_(page.locator("label").first).first.wait_for(timeout=30_000)
        if login.is_visible():
            login.click()
        wanted = [field["label"].lower() for field in collection["fields"]]
        missing = wanted
        for _ in range(60):  # the form renders asynchronously after the route changes
            labels = page.locator("label").all_text_contents()
            shown = [" ".join(text.split()).lower() for text in labels]
            missing = [w for w in wanted if not any(text.startswith(w) for text in shown)]
            if not missing:
                break
            page.wait_for_timeout(500)
        assert not missing, (collection["name"], missing)
        page.screenshot(path=str(site.parent / f"admin-{collection['name']}.png"))
    assert not errors, errors
