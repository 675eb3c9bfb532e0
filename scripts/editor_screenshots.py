"""Screenshots of the form editor for CONTRIBUTING.md, and the driver the browser test shares.

    .venv/bin/python scripts/editor_screenshots.py [--site DIR] [--out docs/editors]

Builds the learning fixture (unless `--site` names a built site), opens `/admin/` in
headless Chromium with nothing online (every request is answered from the built site),
works on a local copy of the records ("Work with Local Repository", the directory picker
answered with a folder in the browser's private storage), fills in a new record and saves
it. It writes the screenshots editors see in the guide and prints what `/admin/` weighs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from harness.browser import CHROMIUM_FLAGS, chromium_path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests/fixtures/learning"
ORIGIN = "http://127.0.0.1:8765"
"""A loopback address: the CMS offers "Work with Local Repository" on it, as under `make serve`.
No server listens there; Playwright answers every request from the built site."""
PUBLISHED = "https://archive.test"
"""An address like the published site's, where the sign-in page offers the token only."""

PICKER = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle('repo', {create: true});
};
"""
"""The browser's directory picker, answered with a folder of its private storage (OPFS),
which has the same interface as a folder on disk: no dialog for a headless browser."""

SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('repo', {recursive: true}).catch(() => {});
  const repo = await root.getDirectoryHandle('repo', {create: true});
  await repo.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const file = await dir.getFileHandle(parts.at(-1), {create: true});
    const writable = await file.createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""

READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('repo');
  const parts = path.split('/');
  try {
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  } catch { return null; }
}"""


@dataclass
class Served:
    """What the page asked for: answered from the site, and refused (anything else)."""

    urls: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)


def serve(page: Any, site: Path, *origins: str) -> Served:
    """Answer every request to `origins` (default: `ORIGIN`) from the built site; refuse
    everything else (offline)."""
    served = Served()
    origins = origins or (ORIGIN,)

    def handle(route: Any) -> None:
        url = route.request.url.split("#")[0].split("?")[0]
        origin = next((o for o in origins if url.startswith(o + "/")), "")
        if not origin:
            served.refused.append(url)
            route.abort()
            return
        file = site / url.removeprefix(origin + "/")
        file = file / "index.html" if file.is_dir() else file
        if not file.is_file():
            route.fulfill(status=404, body="not found")
            return
        body = file.read_bytes()
        served.urls.append(url)
        # What GitHub Pages sends: gzip for text, files as they are for fonts and images.
        packed = (
            len(gzip.compress(body, 6))
            if file.suffix in {".js", ".yml", ".html", ".css"}
            else len(body)
        )
        served.bytes_by_url[url] = packed
        kind = "application/yaml" if file.suffix == ".yml" else None
        kind = kind or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=body, content_type=kind)

    page.route("**/*", handle)
    return served


def record_files(root: Path, folders: list[str]) -> dict[str, str]:
    """The records of an archive, by path, for the CMS's local copy."""
    out: dict[str, str] = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*.md")):
            out[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    return out


@dataclass
class Steps:
    """What an editor does, counted: clicks, fields typed in, choices picked."""

    clicks: int = 0
    typed: int = 0
    picked: int = 0
    log: list[str] = field(default_factory=list)

    def add(self, kind: str, what: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.log.append(f"{kind}: {what}")

    @property
    def total(self) -> int:
        return self.clicks + self.typed + self.picked


def open_local(page: Any, origin: str, files: dict[str, str], steps: Steps) -> None:
    """Open `/admin/` and work on a local copy of `files` (as `make serve` editors do)."""
    page.add_init_script(PICKER)
    page.goto(f"{origin}/admin/fonts.css")  # any page of the site: storage is per origin
    page.evaluate(SEED, files)
    page.goto(f"{origin}/admin/")
    button = page.get_by_role("button", name="Work with Local Repository")
    button.wait_for(timeout=30_000)
    button.click()
    steps.add("clicks", "Work with Local Repository")


SAMPLE = "A short course for teachers on recording and editing audio in the classroom."


def _text_for(spec: dict[str, Any]) -> str:
    pattern = (spec.get("pattern") or [""])[0]
    if "\\d{4}" in pattern:
        return "2021-06-30"  # unquoted in the YAML the CMS writes: a date to PyYAML
    if pattern.startswith("^(https?"):
        return "https://example.org/"
    if pattern.startswith("^/"):
        return "/old/page.html"
    text = SAMPLE if spec.get("minlength", 0) > 1 else "Sound designer"
    return text[: spec.get("maxlength", len(text))]


def _needed(spec: dict[str, Any]) -> bool:
    return bool(spec.get("required")) or "Required unless" in spec.get("hint", "")


def fill_required(
    page: Any, fields: list[dict[str, Any]], steps: Steps, title: str, prefix: str = ""
) -> None:
    """Fill in every required field (and the first of each "required unless" pair)."""
    alternatives_done = False
    for spec in fields:
        if spec["name"] == "title":
            value = title
        elif not _needed(spec) or spec["name"] == "body":
            continue
        elif "Required unless" in spec.get("hint", ""):
            if alternatives_done:
                continue
            alternatives_done = True
        section = page.locator(f'section.field[data-key-path="{prefix}{spec["name"]}"]').first
        widget = spec.get("widget", "string")
        if widget in ("string", "text"):
            box = section.locator("input, textarea").first
            box.fill(value if spec["name"] == "title" else _text_for(spec))
            steps.add("typed", spec["name"])
        elif widget == "select":
            _pick(page, section, max(1, int(spec.get("min", 1))), steps, spec["name"])
        elif widget == "number":
            section.locator("input").first.fill(str(spec.get("min", 1)))
            steps.add("typed", spec["name"])
        elif widget == "object":
            fill_required(page, spec["fields"], steps, title, f"{prefix}{spec['name']}.")


def _pick(page: Any, section: Any, count: int, steps: Steps, name: str) -> None:
    """Choose the first `count` values of a select, whichever control the CMS drew."""
    radios = section.get_by_role("radio")
    boxes = section.get_by_role("checkbox")
    if radios.count():
        radios.first.click()
        steps.add("picked", name)
        return
    if boxes.count():
        for index in range(count):
            boxes.nth(index).click()
            steps.add("picked", name)
        return
    for _ in range(count):
        section.get_by_role("combobox").first.click()
        option = page.locator(
            '[role="listbox"]:visible [role="option"]:not([aria-selected="true"])'
        )
        option.first.click()
        steps.add("picked", name)  # the list closes by itself once a value is chosen


def save(page: Any, steps: Steps) -> None:
    page.get_by_role("button", name="Save", exact=True).first.click()
    steps.add("clicks", "Save")


def read_saved(page: Any, path: str, timeout_s: float = 15) -> str | None:
    """The file the CMS wrote into the local copy, once it is there."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = page.evaluate(READ, path)
        if text is not None:
            return str(text)
        page.wait_for_timeout(250)
    return None


def build_site(out: Path) -> Path:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "ARCHIVE_REPOSITORY": "example/learning-archive",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    command += ["-f", str(FIXTURE / "mkdocs.yml"), "-d", str(out)]
    subprocess.run(command, check=True, env=env, capture_output=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the fixture)")
    parser.add_argument("--out", type=Path, default=REPO / "docs/editors")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        site = args.site or build_site(Path(temp) / "site")
        config = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
        collection = config["collections"][0]
        files = record_files(FIXTURE, [c["folder"] for c in config["collections"]])
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium_path()), args=list(CHROMIUM_FLAGS)
            )
            for width, height in ((1280, 800), (390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                served = serve(page, site, PUBLISHED, ORIGIN)
                steps = Steps()
                page.goto(f"{PUBLISHED}/admin/")
                token = page.get_by_role("button", name="Sign In Using Access Token")
                token.wait_for()
                page.wait_for_timeout(500)
                page.screenshot(path=str(args.out / f"1-sign-in-{width}.png"))
                if width == 1280:
                    weight = sum(served.bytes_by_url.values())
                    print(f"/admin/ transferred (gzip where Pages gzips): {weight:,} bytes")
                    for url, size in sorted(served.bytes_by_url.items()):
                        print(f"  {size:>10,}  {url.removeprefix(PUBLISHED)}")
                token.click()
                page.wait_for_timeout(300)
                page.screenshot(path=str(args.out / f"2-token-{width}.png"))
                page.goto("about:blank")
                open_local(page, ORIGIN, files, steps)
                page.get_by_text(collection["label"], exact=True).first.click()
                steps.add("clicks", collection["label"])
                page.get_by_role("button", name="Create New Entry", exact=True).first.click()
                steps.add("clicks", "New")
                page.locator('section[data-key-path="title"] input').wait_for()
                fill_required(page, collection["fields"], steps, "Audio editing for teachers")
                page.locator('section.field[data-key-path="title"]').scroll_into_view_if_needed()
                page.screenshot(path=str(args.out / f"3-form-{width}.png"))
                date = page.locator('section.field[data-key-path="date"] input').first
                date.fill("2021-13")
                page.get_by_role("button", name="Save", exact=True).first.click()
                date.scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                page.screenshot(path=str(args.out / f"4-problem-{width}.png"))
                date.fill("2021-06")
                save(page, steps)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(args.out / f"5-saved-{width}.png"))
                page.close()
                print(json.dumps({"width": width, "steps": steps.total, "log": steps.log}))
            browser.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
