"""Hostile inputs a pull request can carry, each refused by `archive check` with its exact
message: files that point out of the repository, active attachments, addresses that would
overwrite the site's own files, unsafe vocabulary links, control characters and forged
workflow commands. (Record bodies have their own table in test_body_check.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legacy_archive.core.emit.pages import PageEmitter
from legacy_archive.core.validate.htmlpolicy import inspect_html
from support.project import COURSE, Project

LINKED = "(expected a real file in courses/a/: links are never published, as they can point anywhere on the machine that builds the site)"
NAME = "is not a file name the site can link to (expected letters, digits, '.', '_' and '-', at most 100 characters; did you mean"
UNUSED = "(expected an address no other page or file of this site uses)"
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="1" height="1"/></svg>'
LEGACY = [
    "/assets/javascripts/bundle.js", "/pagefind/pagefind.js", "/admin/index.html",
    "/admin/config.yml", "/404.html", "/find/data/records.json", "/*", "/a/*?b=1", "/a#b",
    "/.", "/" + "x" * 300 + ".html", "/sitemap.xml", "/robots.txt",
]  # fmt: skip


def folder_course(project: Project, extra: str = "") -> None:
    project.write("courses/a/index.md", COURSE.replace("level: short\n", "level: short\n" + extra))


def other_course(extra: str) -> str:
    return COURSE.replace("Audio Editing", "Audio Mixing").replace(
        "level: short\n", "level: short\n" + extra
    )


def symlink(target: str, name: str, extra: str = "") -> Callable[[Project], None]:
    def make(project: Project) -> None:
        folder_course(project, extra)
        (project.root / "courses/a" / name).symlink_to(target)

    return make


def html_attachment(project: Project) -> None:
    folder_course(project)
    project.write("courses/a/page.html", "<script>alert(1)</script>")


def svg_image(project: Project) -> None:
    folder_course(project, "image: pic.svg\nimage_alt: A picture\n")
    project.write("courses/a/pic.svg", SVG)


def bad_names(project: Project) -> None:
    folder_course(project)
    project.write("courses/a/notes #1?.pdf", b"%PDF-1.4")
    project.write("courses/a/100%.pdf", b"%PDF-1.4")


def fifo_record(project: Project) -> None:
    os.mkfifo(project.root / "courses/b.md")


def symlinked_record(project: Project) -> None:
    (project.root / "courses/c.md").symlink_to("/etc/passwd")


def legacy_overwrites(project: Project) -> None:
    urls = "".join(f"  - '{url}'\n" for url in LEGACY)
    project.write(
        "courses/a.md", COURSE.replace("level: short\n", f"level: short\nlegacy_urls:\n{urls}")
    )


def file_and_folder(project: Project) -> None:
    project.write(
        "courses/a.md",
        COURSE.replace("level: short\n", "level: short\nlegacy_urls: ['/foo.html']\n"),
    )
    project.write("courses/b.md", other_course("legacy_urls: ['/foo.html/']\n"))


def attachment_overwritten(project: Project) -> None:
    project.write("courses/a/index.md", COURSE)
    project.write("courses/a/notes.pdf", b"%PDF-1.4")
    project.write("courses/b.md", other_course("legacy_urls: ['/courses/a/notes.pdf']\n"))


def content_collisions(project: Project) -> None:
    project.write("courses/a.md", COURSE)
    for name in ("find.md", "admin.md", "robots.txt", "data/records.json", "sitemap.xml"):
        project.write(f"content/{name}", "# x\n")


def licence_link(project: Project) -> None:
    project.write("courses/a.md", COURSE)
    data = project.root / "data/archive.yml"
    good = 'url: "https://creativecommons.org/licenses/by/4.0/"'
    data.write_text(data.read_text(encoding="utf-8").replace(good, 'url: "javascript:alert(1)"'))


def control_title(project: Project) -> None:
    title = "title: Audio Editing and Podcasting"
    project.write("courses/a.md", COURSE.replace(title, 'title: "Audio\\x1b[31m \\u202eEditing"'))


CASES: list[tuple[str, Callable[[Project], None], list[str]]] = [
    ("symlink to the build's environment", symlink("/proc/self/environ", "env.txt"),
     [f"courses/a/index.md:1: file: 'env.txt' is a symbolic link to '/proc/self/environ' {LINKED}"]),
    ("symlink to the repository's git config", symlink("../../.git/config", "config.txt"),
     [f"courses/a/index.md:1: file: 'config.txt' is a symbolic link to '../../.git/config' {LINKED}"]),
    ("symlink a field names", symlink("/etc/passwd", "pic.png", "image: pic.png\nimage_alt: A picture\n"),
     [f"courses/a/index.md:9: file: 'pic.png' is a symbolic link to '/etc/passwd' {LINKED}",
      "courses/a/index.md:9: image: 'pic.png' is a symbolic link (expected a real file in courses/a/: links are never published)"]),
    ("FIFO named like a record", fifo_record,
     ["courses/b.md:1: file: is not a regular file (expected a Markdown file or a record folder)"]),
    ("symlinked record", symlinked_record,
     ["courses/c.md:1: file: is a symbolic link (expected a real file or folder: links are never followed, as they can point anywhere on the machine that builds the site)"]),
    ("HTML attachment", html_attachment,
     ["courses/a/index.md:1: file: 'page.html' is a .html file, which browsers would run as part of this site (expected a PDF, an image or a document; to share its source, rename it to 'page.html.txt')"]),
    ("SVG image with a script", svg_image,
     ["courses/a/index.md:9: file: 'pic.svg' line 1: <script> is not allowed in an SVG image (expected drawing elements only; it is removed)"]),
    ("attachment names with % # ?", bad_names,
     [f"courses/a/index.md:1: file: '100%.pdf' {NAME} '100.pdf'?)",
      f"courses/a/index.md:1: file: 'notes #1?.pdf' {NAME} 'notes-1.pdf'?)"]),
    ("legacy_urls over the site's own files", legacy_overwrites, [
        "courses/a.md:10: legacy_urls[1]: '/assets/javascripts/bundle.js' is inside the folder of the theme's files (expected an old address outside /assets/)",
        "courses/a.md:11: legacy_urls[2]: '/pagefind/pagefind.js' is inside the folder of the search index (archive-search) (expected an old address outside /pagefind/)",
        "courses/a.md:12: legacy_urls[3]: '/admin/index.html' is inside the folder of the form editor (archive-cms) (expected an old address outside /admin/)",
        "courses/a.md:13: legacy_urls[4]: '/admin/config.yml' is inside the folder of the form editor (archive-cms) (expected an old address outside /admin/)",
        f"courses/a.md:14: legacy_urls[5]: '/404.html' is already the 'page not found' page {UNUSED}",
        "courses/a.md:15: legacy_urls[6]: '/find/data/records.json' is inside the folder of the Find page's browse data (expected an old address outside /find/)",
        "courses/a.md:16: legacy_urls[7]: '/*' would send every missing address of the site elsewhere (expected a folder, like '/blog/*')",
        "courses/a.md:17: legacy_urls[8]: '/a/*?b=1' has a query on a wildcard (expected a folder wildcard like '/blog/*', or one old address with its query, like '/a/?p=123')",
        "courses/a.md:18: legacy_urls[9]: '/a#b' has a fragment, which a browser never sends (expected the address without its '#' part, like '/a')",
        "courses/a.md:19: legacy_urls[10]: '/.' has an empty, '.' or '..' part (expected a path like '/old/page.html')",
        f"courses/a.md:20: legacy_urls[11]: '/{'x' * 300}.html' has a part 305 characters long (expected at most 150",
        f"courses/a.md:21: legacy_urls[12]: '/sitemap.xml' is already the sitemap {UNUSED}",
        f"courses/a.md:22: legacy_urls[13]: '/robots.txt' is already robots.txt {UNUSED}",
    ]),
    ("a file and a folder at one address", file_and_folder,
     ["courses/a.md:9: legacy_urls[1]: '/foo.html' needs '/foo.html' as a file and as a folder, with the old address '/foo.html/' (courses/b.md:9) (expected one or the other)"]),
    ("legacy_urls over an attachment", attachment_overwritten,
     [f"courses/b.md:9: legacy_urls[1]: '/courses/a/notes.pdf' is already an attachment of courses/a/index.md {UNUSED}"]),
    ("content/ pages over generated ones", content_collisions, [
        f"content/admin.md:1: file: '/admin/index.html' is already the form editor (archive-cms) {UNUSED}",
        f"content/data/records.json:1: file: '/data/records.json' is already the open data export {UNUSED}",
        f"content/find.md:1: file: '/find/index.html' is already the Find page {UNUSED}",
        f"content/robots.txt:1: file: '/robots.txt' is already robots.txt {UNUSED}",
        f"content/sitemap.xml:1: file: '/sitemap.xml' is already the sitemap {UNUSED}",
    ]),
    ("licence link with javascript:", licence_link,
     ["data/archive.yml:73: vocabularies.licences.terms[1].url: link scheme 'javascript:' is not allowed (expected an https:// or http:// address)"]),
    ("control characters in a field", control_title,
     ["courses/a.md:2: title: contains the invisible character U+001B (expected plain text; retype the value)"]),
]  # fmt: skip


def check(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "legacy_archive.core.cli.main", "check", "-f", "mkdocs.yml"]
    environ = {**os.environ, "GITHUB_ACTIONS": "", **env}
    return subprocess.run(
        command, cwd=root, capture_output=True, text=True, env=environ, timeout=60, check=False
    )


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_archive_check_refuses_it_with_its_message(
    project: Project, name: str, make: Callable[[Project], None], expected: list[str]
) -> None:
    make(project)
    result = check(project.root)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()[:-1]
    for message in expected:
        assert any(line.startswith(message) for line in lines), (message, lines)
    assert "Traceback" not in result.stderr


def test_record_text_cannot_forge_a_workflow_command(project: Project) -> None:
    forged = 'format: "x\\n::stop-commands::abc\\n::error file=README.md::forged"'
    project.write("courses/a.md", COURSE.replace("format: online", forged))
    result = check(project.root, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith("::error file=courses/a.md,") for line in commands)
    assert not any(
        line.startswith(("::stop-commands", "::error file=README"))
        for line in result.stdout.splitlines()
    )


FRONT = st.text(
    alphabet=st.sampled_from([*"<>\"'&`[](){}:;=/\\ \n\tabc#!*_|-", "\x1b", "\u202e"]),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=FRONT, summary=FRONT)
def test_fuzzed_front_matter_is_refused_or_escaped(
    project: Project, title: str, summary: str
) -> None:
    """Any title and summary either gets a message or renders with no markup of its own:
    no traceback, and nothing the sanitiser would have to take out of the page."""
    render_record(project, title, summary)


def test_hostile_title_and_summary_render_as_text(project: Project) -> None:
    assert render_record(project, "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def render_record(project: Project, title: str, summary: str) -> bool:
    """Write, load and render one course; False when it was refused with a message."""
    text = COURSE.replace("title: Audio Editing and Podcasting", f"title: {json.dumps(title)}")
    text = text.replace(
        "summary: A short online course on recording and editing audio for podcasts.",
        f"summary: {json.dumps(summary)}",
    )
    project.write("courses/a.md", text)
    loaded = project.load()
    if loaded.problems:
        return False
    (record,) = loaded.archive.collections["courses"].records
    source = PageEmitter(loaded.archive).record_page(record)
    rendered = markdown.markdown(source.content, extensions=["attr_list", "md_in_html", "tables"])
    hostile = [
        f.message
        for f in inspect_html(rendered)
        if any(word in f.message for word in ("event handler", "not allowed in", "link scheme"))
    ]
    assert hostile == [], (title, summary)
    return True
