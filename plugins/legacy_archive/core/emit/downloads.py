"""The "Download the whole archive" page: the three editions that outlive the website
(offline ZIM, web archive WACZ, library BagIt), what each is for in a reader's words,
how big each is and where to get it.

The editions are attached to the repository's GitHub Releases (Pages limits a site to
1 GB and a file to 100 MB), so the page links to
`https://github.com/OWNER/NAME/releases/latest/download/FILE`, which always serves the
newest. A site cannot contain the size of an edition that contains the site, so the sizes
come from `editions.json`, which the release workflow attaches to each release: a build
that finds the file beside `mkdocs.yml` (the workflows download the latest release's)
shows the download links with those sizes, labelled with their release. Before the first
release (no file), or with no GitHub repository, the page gives the commands that make
the editions instead of links that would not work yet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from legacy_archive.core.common.dates import date_label
from legacy_archive.core.common.problems import Problem
from legacy_archive.core.common.sizes import file_size

DOWNLOADS_URL = "download/"
EDITIONS_FILE = "editions.json"
"""Beside `mkdocs.yml`: the editions of the latest release, as the release workflow wrote them."""
GITHUB_REPO = re.compile(r"^/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?(?:/.*)?$")
"""`/owner/name`, with or without `.git` or a page of the repository (`/issues`) after it."""
TAG = re.compile(r"^[\w.+-]{1,64}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Edition:
    """One edition of the archive, as the page describes it."""

    key: str
    """The `archive export` subcommand that writes it."""
    title: str
    suffix: str
    purpose: str
    """What it is for, in the words of a teacher or a librarian."""
    how: str
    """How to open or use it."""


EDITIONS = (
    Edition(
        "zim",
        "Offline edition",
        ".zim",
        "Read it offline with Kiwix on a phone, laptop or school hotspot: every page and "
        "its search, with no internet connection.",
        "Install the free Kiwix app (kiwix.org) and open the file in it. One copy on a USB "
        "stick or a Kiwix hotspot serves a whole classroom.",
    ),
    Edition(
        "wacz",
        "Web archive edition",
        ".wacz",
        "For web archives such as the UK Web Archive and the Internet Archive: every page as "
        "the website served it, at its original address.",
        "Open it in ReplayWeb.page (replayweb.page) in a browser, or give it to a web archive.",
    ),
    Edition(
        "bag",
        "Library deposit edition",
        ".tar",
        "For a library or records office: the records as their editors wrote them, the open "
        "data and the website, with a checksum for every file.",
        "A BagIt bag in one tar file, the format repositories take in; unpack it and check "
        "it with any BagIt tool.",
    ),
)


def edition_slug(site_name: str) -> str:
    """The editions' file name, from the site's name (`techpathways-london-archive`): the
    same rule the exports use for their default output."""
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "archive"


def github_repository(*urls: object) -> str:
    """`owner/name` of the first GitHub repository address among `urls`, or empty (the
    settings' `repo_url` and `report_to`, which may be unset)."""
    for url in urls:
        parts = urlsplit(url if isinstance(url, str) else "")
        if parts.scheme == "https" and parts.hostname == "github.com":
            match = GITHUB_REPO.match(parts.path)
            if match:
                return f"{match.group(1)}/{match.group(2)}"
    return ""


@dataclass(frozen=True)
class Released:
    """An edition as the latest release published it."""

    file: str
    bytes: int
    sha256: str = ""


@dataclass(frozen=True)
class ReleaseFacts:
    tag: str = ""
    date: str = ""
    editions: tuple[tuple[str, Released], ...] = ()

    def get(self, key: str) -> Released | None:
        return dict(self.editions).get(key)


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def read_editions(root: Path) -> tuple[ReleaseFacts, list[Problem]]:
    """`editions.json` beside `mkdocs.yml`, checked; no file means no sizes yet."""
    path = root / EDITIONS_FILE
    if not path.is_file() or path.is_symlink():
        return ReleaseFacts(), []
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return ReleaseFacts(), [
            Problem(
                EDITIONS_FILE,
                1,
                "file",
                f"cannot be read ({error}; expected the JSON the release workflow writes)",
            )
        ]
    problems: list[Problem] = []

    def problem(field: str, message: str, near: str = "") -> None:
        problems.append(Problem(EDITIONS_FILE, _line_of(text, near) if near else 1, field, message))

    if not isinstance(data, dict) or not isinstance(data.get("editions"), list):
        problem(
            "editions", 'missing (expected {"release": TAG, "date": YYYY-MM-DD, "editions": [...]})'
        )
        return ReleaseFacts(), problems
    tag, date = data.get("release", ""), data.get("date", "")
    if not isinstance(tag, str) or not TAG.match(tag):
        problem(
            "release", f"'{tag}' is not a release tag (expected a tag like v1.2.0)", '"release"'
        )
        tag = ""
    if not isinstance(date, str) or not DATE.match(date):
        problem("date", f"'{date}' is not a date (expected YYYY-MM-DD)", '"date"')
        date = ""
    found: dict[str, Released] = {}
    keys = {edition.key: edition for edition in EDITIONS}
    for number, entry in enumerate(data["editions"]):
        where = f"editions[{number}]"
        if not isinstance(entry, dict):
            problem(where, 'expected {"edition", "file", "bytes", "sha256"}', '"editions"')
            continue
        key, file, size = entry.get("edition"), entry.get("file"), entry.get("bytes")
        digest = entry.get("sha256", "")
        near = f'"{file}"' if isinstance(file, str) else '"editions"'
        if key not in keys:
            problem(
                f"{where}.edition",
                f"'{key}' is not an edition (expected one of: zim, wacz, bag)",
                near,
            )
        elif not isinstance(file, str) or not file.endswith(keys[str(key)].suffix) or "/" in file:
            problem(
                f"{where}.file",
                f"'{file}' is not a file name (expected NAME{keys[str(key)].suffix})",
                near,
            )
        elif not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            problem(f"{where}.bytes", f"'{size}' is not a size (expected a number of bytes)", near)
        elif not isinstance(digest, str) or (digest and not SHA256.match(digest)):
            problem(
                f"{where}.sha256", f"'{digest}' is not a SHA-256 (expected 64 hex digits)", near
            )
        else:
            found[str(key)] = Released(file, size, digest)
    return ReleaseFacts(tag, date, tuple(sorted(found.items()))), problems


def download_entries(site_name: str, repository: str, facts: ReleaseFacts) -> list[dict[str, str]]:
    """One entry per edition, for the page's template."""
    slug = edition_slug(site_name)
    entries = []
    for edition in EDITIONS:
        released = facts.get(edition.key)
        file = released.file if released else slug + edition.suffix
        url = (
            f"https://github.com/{repository}/releases/latest/download/{file}"
            if repository and released
            else ""
        )
        entries.append(
            {
                "key": edition.key,
                "title": edition.title,
                "format": {"zim": "ZIM", "wacz": "WACZ", "bag": "BagIt"}[edition.key],
                "purpose": edition.purpose,
                "how": edition.how,
                "file": file,
                "url": url,
                "size": file_size(released.bytes) if released else "",
                "sha256": released.sha256 if released else "",
                "command": f"archive export {edition.key}",
            }
        )
    return entries


def release_label(facts: ReleaseFacts) -> str:
    """`release v1.2.0 of 3 March 2026`, or empty before the first release."""
    if not facts.tag:
        return ""
    return f"release {facts.tag}" + (f" of {date_label(facts.date)}" if facts.date else "")


def downloads_page(
    env: jinja2.Environment, site_name: str, facts: ReleaseFacts, *repository_urls: object
) -> str:
    """Markdown source of the page (HTML inside, rendered by Jinja with autoescape); the
    repository is the first GitHub one of `repository_urls` (`repo_url`, `report_to`)."""
    repository = github_repository(*repository_urls)
    html = env.get_template("_downloads.md.j2").render(
        editions=download_entries(site_name, repository, facts),
        repository=repository,
        releases_url=f"https://github.com/{repository}/releases" if repository else "",
        release=release_label(facts),
        site_name=site_name,
    )
    return "---\ntitle: Download the whole archive\n---\n\n" + html
