"""Defence in depth: with the editor-facing body and attachment checks switched off, hostile
bodies and an SVG with scripts are built into a site and loaded in Chromium. The sanitiser
and the Content-Security-Policy alone must keep every one inert: no script runs, no dialog
opens, no request leaves for another host."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.browser import CHROMIUM_FLAGS, chromium_path
from support.project import COURSE, Project

pytestmark = [pytest.mark.browser, pytest.mark.build]

PWN = "window.__pwned=1;alert(1)"
BODIES = [
    f'<details title=">" open ontoggle="{PWN}">x</details>',
    f'<img src="missing.png" alt="a"\n  onerror="{PWN}">',
    f"[decimal](javascript&#58;{PWN})",
    f"[nested [b] c](javascript:{PWN})",
    f"[![alt](p.png)](javascript:{PWN})",
    f"[ref][r]\n\n[r]: javascript:{PWN}",
    f'A paragraph\n{{: onclick="{PWN}" }}',
    f"<script>{PWN}</script>",
    f'<svg><animate onbegin="{PWN}" attributeName="x" dur="1s"/></svg>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><button>Go</button></form>',
    '<p style="background:url(https://evil.example/bg.png)">styled</p>',
    f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>',
    "![remote](https://evil.example/pixel.png)",
    f'<a href="vbscript:{PWN}">vb</a> <a href="data:text/html,<script>{PWN}</script>">data</a>',
    f"<a href=<script>{PWN}</script>",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">',
    f'<noscript><p title="</noscript><img src=x onerror="{PWN}">"></noscript>',
    '<div id="__config">{"base": "https://evil.example/"}</div>',
    "<!-- never closed",
]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    f'onload="{PWN}"><script>{PWN}</script><rect width="10" height="10"/>'
    '<a xlink:href="javascript:alert(1)"><set attributeName="href" to="javascript:alert(1)"/>'
    '<text y="20">x</text></a><use href="https://evil.example/x.svg#a"/></svg>'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from legacy_archive.core import pipeline as archive_module
    from legacy_archive.core.load.attachments import scan

    project = Project(tmp_path_factory.mktemp("hostile") / "project")
    for number, body in enumerate(BODIES):
        extra = "image: drawing.svg\nimage_alt: A drawing\n" if number == 0 else ""
        text = COURSE.replace("Audio Editing", f"Case {number} Audio")
        text = text.replace("level: short\n", f"level: short\n{extra}")
        project.write(f"courses/case-{number}/index.md", text.replace("Body text.", body))
    project.write("courses/case-0/drawing.svg", SVG)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(archive_module, "check_body", lambda *a, **k: iter(()))
        patch.setattr(archive_module, "scan", lambda f, p, lines=None: (scan(f, p, lines)[0], []))
        cwd = Path.cwd()
        os.chdir(project.root)
        try:
            site = project.root / "site"
            build(load_config(str(project.root / "mkdocs.yml"), site_dir=str(site)))
        finally:
            os.chdir(cwd)
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not chromium_path().is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium not found at {chromium_path()}")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path()), args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


def test_every_hostile_record_is_published_and_inert(site: Path, browser: Any) -> None:
    from harness.preview import serve

    pages = [f"courses/case-{n}/" for n in range(len(BODIES))]
    assert all((site / page / "index.html").is_file() for page in pages)
    assert (site / "courses/case-0/drawing.svg").is_file()
    dialogs: list[str] = []
    outside: list[str] = []
    handlers: dict[str, list[str]] = {}
    with serve(site, "/techpathways-archive/") as base:
        context = browser.new_context()

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for address in [*pages, "courses/case-0/drawing.svg"]:
            page.goto(base + address, wait_until="load")
            page.wait_for_timeout(150)
            assert page.evaluate("window.__pwned") is None, address
            if address.endswith("/"):
                handlers[address] = page.evaluate(
                    """() => [...document.querySelectorAll('article *')].flatMap(e =>
                        [...e.attributes].filter(a => a.name.startsWith('on') ||
                        /^\\s*(javascript|vbscript|data):/i.test(a.value)).map(a =>
                        e.tagName + ' ' + a.name))"""
                )
                assert page.locator("footer").count() >= 1, address
        context.close()
    assert dialogs == []
    assert outside == []
    assert {k: v for k, v in handlers.items() if v} == {}
