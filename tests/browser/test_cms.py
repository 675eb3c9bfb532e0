"""The editing forms at /admin/: generated config, and the real CMS in headless Chromium.

The browser test works offline: every request is answered from the built site, and the
CMS works on a local copy of the records ("Work with Local Repository", what `make serve`
editors use), so each collection's new-entry form is filled in, saved as a Markdown file,
and that file goes through `archive check` like any pull request.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from editor_screenshots import (
    ORIGIN,
    READ,
    Steps,
    fill_required,
    open_local,
    read_saved,
    record_files,
    save,
    serve,
)
from harness.browser import CHROMIUM_FLAGS, chromium_path
from legacy_archive.core.cli.main import read_settings
from legacy_archive.core.editors.vendored import CMS_FILE
from legacy_archive.core.validate.schema.fields import collection_fields
from legacy_archive.core.validate.schema.load import load_schemas
from support.builds import ENV
from support.paths import SITE

CHROMIUM = chromium_path()
REPOSITORY = "example/learning-archive"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built once, as a GitHub Actions build of `REPOSITORY` would."""
    out = tmp_path_factory.mktemp("cms") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(SITE / "mkdocs.yml")]
    result = subprocess.run(
        [*command, "-d", str(out)],
        capture_output=True,
        text=True,
        env={**ENV, "ARCHIVE_REPOSITORY": REPOSITORY},
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
def test_config_has_every_collection_field_and_rule(site: Path) -> None:
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "github",
        "branch": "main",
        "repo": REPOSITORY,
        "auth_methods": ["token"],
    }, "the repository of the Actions run, and token sign-in when there is no OAuth helper"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["output"] == {"omit_empty_optional_fields": True}
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
    assert find(interviews, "quote")["maxlength"] == 300
    portrait = find(interviews, "portrait")
    assert portrait["pattern"][0].startswith("\\.([pP][nN][gG]|")
    assert portrait["pattern"][1] == "Expected a PNG, JPEG or WebP file beside the record."
    video = find(interviews, "video")
    assert video["widget"] == "object"
    assert find(video["fields"], "transcript") | {"required": True, "minlength": 20} == find(
        video["fields"], "transcript"
    )
    related = find(interviews, "related")
    assert related["widget"] == "select" and related["multiple"] is True
    assert any(o["value"] == "courses/audio-editing-and-podcasting" for o in related["options"])
    shared = {id(find(c["fields"], "related")["options"]) for c in collections.values()}
    assert len(shared) == 1, "the list of every record is written once, then referred to"
    summary = find(interviews, "summary")
    assert (summary["minlength"], summary["maxlength"]) == (20, 400)
    assert summary["hint"].startswith("One or two sentences")
    assert subjects["hint"] == "Choose one or more.", "the form lists the subjects itself"
    assert find(interviews, "pathway")["hint"].startswith("Choose one. ")
    assert (
        find(interviews, "licence")["hint"] == "Choose one. The site default applies when omitted."
    )
    date = find(interviews, "date")
    assert date["pattern"][1] == "Write a date like 2021-06-30, 2021-06 or 2021."
    modules = find(collections["courses"]["fields"], "modules")
    assert modules["widget"] == "list" and find(modules["fields"], "title")["required"]
    ages = find(collections["briefs"]["fields"], "ages")
    assert ages["required"] is False and "Required unless 'Key stages'" in ages["hint"]
    rating = find(collections["events"]["fields"], "rating")
    assert find(rating["fields"], "out_of") | {"value_type": "int"} == find(
        rating["fields"], "out_of"
    )


@pytest.mark.build
def test_the_cms_is_served_from_the_site_with_its_integrity(site: Path) -> None:
    page = (site / "admin/index.html").read_text(encoding="utf-8")
    assert f'<script src="{CMS_FILE}" integrity="sha384-' in page
    assert "https://" not in page.split("<script", 1)[1], "nothing loads from another host"
    assert (site / "admin" / CMS_FILE).stat().st_size > 1_000_000
    assert (site / "admin/sveltia-cms.LICENSE.txt").read_text(encoding="utf-8").startswith("MIT")


def refused_before_saving(page: Any, collection: dict[str, Any]) -> None:
    """A date `archive check` refuses and a summary too short: the form says what is
    wrong, in the words of the rule, and writes nothing; put right, the record saves."""
    date = page.locator('section.field[data-key-path="date"] input').first
    summary = page.locator('section.field[data-key-path="summary"] textarea').first
    good_date, good_summary = date.input_value(), summary.input_value()
    date.fill("2021-13")
    summary.fill("Too short")
    page.get_by_role("button", name="Save", exact=True).first.click()
    message = find(collection["fields"], "date")["pattern"][1]
    page.get_by_text(message).first.wait_for(timeout=10_000)
    assert page.locator('section.field[data-key-path="summary"] [aria-invalid="true"]').count()
    slug = collection["label_singular"].lower().replace(" ", "-")
    assert read_saved(page, f"{collection['folder']}/form-test-{slug}.md", 1) is None
    date.fill(good_date)
    summary.fill(good_summary)


def form_holds(page: Any, title: str, timeout_s: float = 60) -> None:
    """Type `title` until the form holds it: its preview shows it.

    A new-entry form can be drawn before it listens: text typed then is wiped when it
    settles (on the first form after sign-in, or any form on a loaded machine), and the
    record is saved under a random name. The preview shows what the form holds."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator('section.field[data-key-path="title"] input')
    box.wait_for(timeout=timeout_s * 1000)
    held = page.get_by_text(title, exact=True).filter(visible=True)
    deadline = time.monotonic() + timeout_s
    while True:
        if box.input_value() != title:
            box.fill(title)
        try:
            held.first.wait_for(timeout=2_000)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise


def written(page: Any, path: str) -> str:
    """The file the CMS writes into its local copy on Save, waited for (however long the
    write takes on a loaded machine, within a minute)."""
    # The read is asynchronous, the condition is not: each poll starts a read and looks at
    # what the last one found.
    poll = f"""(path) => {{
      const found = (window.savedFiles ??= {{}});
      ({READ})(path).then((text) => {{ found[path] = text; }});
      return found[path] ?? null;
    }}"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        wrote = page.wait_for_function(poll, arg=path, polling=250, timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail(f"the form did not write {path} within a minute of Save")
    return str(wrote.json_value())


@pytest.fixture(scope="module")
def browser() -> Any:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("the browser test needs chromium on CI")
        pytest.skip("needs chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS)
        )
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.build
def test_every_new_entry_form_saves_a_record_that_archive_check_accepts(
    site: Path, browser: Any, tmp_path: Path
) -> None:
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    served = serve(page, site)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    files = record_files(SITE, [c["folder"] for c in config["collections"]])
    steps = Steps()
    started = time.monotonic()
    open_local(page, ORIGIN, files, steps)
    viewports = page.eval_on_selector_all('meta[name="viewport"]', "m => m.map(e => e.content)")
    assert len(viewports) == 2, "the CMS adds its own viewport"
    assert not [v for v in viewports if "maximum-scale" in v], "people can zoom (WCAG 1.4.4)"
    archive = tmp_path / "archive"
    shutil.copytree(SITE, archive)
    saved: dict[str, str] = {}
    for collection in config["collections"]:
        # As an editor does it: the collection in the side bar, then New.
        page.get_by_text(collection["label"], exact=True).first.click(timeout=30_000)
        steps.add("clicks", collection["label"])
        page.get_by_role("button", name="Create New Entry", exact=True).first.click()
        steps.add("clicks", "New")
        title = f"Form test {collection['label_singular']}"
        form_holds(page, title)
        fill_required(page, collection["fields"], steps, title)
        if collection is config["collections"][1]:
            refused_before_saving(page, collection)
        form_holds(page, title)
        save(page, steps)
        path = f"{collection['folder']}/form-test-{collection['label_singular'].lower().replace(' ', '-')}.md"
        text = written(page, path)
        assert text.startswith("---\n") and f"title: {title}" in text, text
        assert "''" not in text, f"an empty field was written: {text}"
        saved[path] = text
        (archive / path).write_text(text, encoding="utf-8")
        if collection is config["collections"][0]:
            first = (steps.total, time.monotonic() - started, list(steps.log))
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "legacy_archive.core.cli.main",
            "check",
            "-f",
            str(archive / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert len(saved) == len(config["collections"])
    assert any(url.endswith(f"/admin/{CMS_FILE}") for url in served.urls)
    assert not served.refused, f"the form editor reached out of the site: {served.refused}"
    assert not errors, errors
    # The measurement the README quotes: what an editor does from opening /admin/ to a
    # saved record (on GitHub, Save opens the pull request), counted, not timed to pass.
    count, seconds, log = first
    print(f"\nform path, first record: {count} steps in {seconds:.1f} s: {'; '.join(log)}")
