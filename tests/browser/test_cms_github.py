"""The form editor on GitHub: token sign-in, and Save opening one pull request per record.

The built site is served as the published one, and every request the CMS makes to
`api.github.com` (REST and GraphQL) is answered by `FakeGitHub`, which holds the fixture's
records and records the branch, commit and pull request each Save makes. The page keeps
its production policy: the requests go to GitHub's address and are answered there, so
nothing about the page is changed for the test. Each record's file, read from the pull
request's branch, goes through `archive check` in a copy of the archive.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_cms import REPOSITORY, browser, form_holds, site

from editor_screenshots import PUBLISHED, Steps, fill_required, record_files, save, serve
from support.builds import ENV
from support.fake_github import API, FakeGitHub
from support.paths import SITE

__all__ = ["browser", "site"]  # the built site and Chromium, shared with test_cms

CORS = {
    "Access-Control-Allow-Origin": PUBLISHED,
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Accept",
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE",
    "Access-Control-Expose-Headers": "Link, X-OAuth-Scopes",
}
"""What GitHub's API sends a page of another origin."""

WAIT = 60_000
"""Milliseconds to wait for what the CMS does (generous: the machine may be loaded)."""


def answer_from(fake: FakeGitHub, page: Any) -> list[str]:
    """Answer every request to GitHub's API from `fake`; return the errors met."""
    errors: list[str] = []

    def handle(route: Any) -> None:
        request = route.request
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        try:
            status, body = fake.answer(
                request.method,
                request.url,
                request.post_data or "",
                request.headers.get("authorization", ""),
            )
        except Exception as error:  # a shape the fake misreads: fail the test, not hang
            errors.append(f"{request.method} {request.url}: {error!r}")
            route.abort()
            return
        text = "" if status == 204 else json.dumps(body)
        route.fulfill(status=status, headers=CORS, content_type="application/json", body=text)

    page.route(f"{API}/**", handle)
    return errors


def pull_request_opened(response: Any) -> bool:
    return bool(
        response.request.method == "POST" and response.url == f"{API}/repos/{REPOSITORY}/pulls"
    )


def sign_in(page: Any, token: str, steps: Steps) -> None:
    """As CONTRIBUTING.md says: Sign In Using Access Token, paste the token, Sign In."""
    page.goto(f"{PUBLISHED}/admin/")
    page.get_by_role("button", name="Sign In Using Access Token").click(timeout=WAIT)
    steps.add("clicks", "Sign In Using Access Token")
    page.get_by_role("textbox", name="Personal Access Token").fill(token)
    steps.add("typed", "token")
    page.get_by_role("button", name="Sign In", exact=True).click()
    steps.add("clicks", "Sign In")


def archive_check(archive: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "legacy_archive.core.cli.main", "check"]
    command += ["-f", str(archive / "mkdocs.yml")]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)


@pytest.mark.browser
@pytest.mark.build
def test_token_sign_in_and_save_open_one_pull_request_per_record(
    site: Path, browser: Any, tmp_path: Path
) -> None:
    config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    collections = config["collections"][:2]
    files = record_files(SITE, [c["folder"] for c in config["collections"]])
    fake = FakeGitHub(REPOSITORY, files)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    served = serve(page, site, PUBLISHED)
    failures = answer_from(fake, page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    steps = Steps()
    started = time.monotonic()
    sign_in(page, fake.token, steps)
    measured: list[tuple[int, float]] = []
    for number, collection in enumerate(collections, start=1):
        page.get_by_text(collection["label"], exact=True).first.click(timeout=WAIT)
        steps.add("clicks", collection["label"])
        page.get_by_role("button", name="Create New Entry", exact=True).first.click()
        steps.add("clicks", "New")
        title = f"Form test {collection['label_singular']}"
        form_holds(page, title)
        fill_required(page, collection["fields"], steps, title)
        form_holds(page, title)
        with page.expect_response(pull_request_opened, timeout=WAIT):
            save(page, steps)
        measured.append((steps.total, time.monotonic() - started))
        # Then the CMS may ask "Send for Review?" (a draft until then): later; either way
        # it goes back to the list, where the record waits under "Unpublished Entries".
        later = page.get_by_role("alertdialog").get_by_role("button", name="Later", exact=True)
        listed = page.get_by_text("Unpublished Entries", exact=True)
        later.or_(listed).filter(visible=True).first.wait_for(timeout=WAIT)
        if later.is_visible():
            later.click()
            steps.add("clicks", "Later")
        listed.filter(visible=True).first.wait_for(timeout=WAIT)
        assert len(fake.pulls) == number, "one pull request per saved record"
    assert not failures, failures
    assert not fake.unknown, f"requests the fake does not answer: {fake.unknown}"
    assert not fake.unauthorised, "every request carries the token"
    archive = tmp_path / "archive"
    shutil.copytree(SITE, archive)
    for pull, collection in zip(fake.pulls, collections, strict=True):
        slug = f"form-test-{collection['label_singular'].lower().replace(' ', '-')}"
        assert pull.head == f"cms/{collection['name']}/{slug}" and pull.base == "main"
        assert pull.draft, "a draft until the editor moves it to In review"
        path = f"{collection['folder']}/{slug}.md"
        commit = fake.commits[fake.refs[pull.head]]
        assert commit.parent == fake.refs["main"], "one commit on the branch, from main"
        added = fake.added(pull)
        assert list(added) == [path], f"the commit adds the record, and only it: {added}"
        assert f"title: Form test {collection['label_singular']}" in added[path]
        (archive / path).write_text(added[path], encoding="utf-8")
    check = archive_check(archive)
    assert check.returncode == 0, check.stdout + check.stderr
    assert fake.refs["main"] == next(iter(fake.commits)), "nothing was committed to main"
    assert not served.refused, f"the form editor reached out of the site: {served.refused}"
    assert not errors, errors
    # The measurement the README quotes, counted (not timed to pass): from the sign-in page
    # (token in hand) to the pull request open, then the next record.
    (first, first_s), (both, both_s) = measured
    print(f"\nGitHub path: sign-in to first pull request: {first} steps in {first_s:.1f} s")
    print(f"next record: {both - first} steps in {both_s - first_s:.1f} s")
    print("steps: " + "; ".join(steps.log))
