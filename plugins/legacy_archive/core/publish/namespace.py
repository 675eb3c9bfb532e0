"""Who publishes each address of the site: one check for pages, files and old addresses.

A static site is a folder, and two things written to one file means one of them silently
wins: a record's `legacy_urls` entry could overwrite the search script, the form editor or
another record's attachment, a hand-written page could replace the Find page, and a
wildcard could take every missing address of the site. Every claim on an address is
collected here, from the archive's model alone (no engine needed, so `archive check`
runs it as the build does), and every collision is reported with both owners. An old
address with a query (`/?p=123`) claims no file but its query on the file its path is
served from, which must be a page (whose script forwards it) or nothing (the 404 page's
script does): `query_claims.py`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.emit.find_data import find_data_files
from legacy_archive.core.load.attachments import attachments
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.address_rules import address_problem, external, redirect_file
from legacy_archive.core.publish.claims import Claim, browse_claims
from legacy_archive.core.publish.ledger_file import page_url_of
from legacy_archive.core.publish.opendata import data_files
from legacy_archive.core.publish.query_claims import query_problems
from legacy_archive.core.publish.redirects import Redirect, redirect_rules

THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
"""The theme's own files: a claim inside them could replace the site's scripts."""


@dataclass(frozen=True)
class PageClaim(Claim):
    """A page the theme renders, so its script can forward old addresses with a query."""


def _generated(archive: Archive) -> Iterator[Claim]:
    """Pages and files the archive and its plugins write."""
    site = archive.settings.site
    lines = archive.settings.lines
    for number, collection in enumerate(archive.collections.values()):
        written = ("collections", number, "path" if collection.spec.path else "name")
        yield PageClaim(
            f"{collection.url}index.html",
            f"the {collection.spec.title} listing",
            lines.file,
            lines.line_of(*written),
            lines.field(*written),
        )
    for record in archive.every_record():
        url = archive.url_of(record)
        yield PageClaim(f"{url}index.html", f"the record page of {record.path}")
        for file in attachments(record.folder, record.path):
            yield Claim(f"{url}{file.rel}", f"an attachment of {record.path}")
    yield PageClaim(f"{archive.url_of_find()}index.html", "the Find page")
    for path, _ in find_data_files(archive):
        yield Claim(path, "the Find page's browse data")
    yield PageClaim("site-map/index.html", "the site map")
    yield PageClaim("download/index.html", "the page 'Download the whole archive'")
    names = sorted(
        p.name for p in (archive.settings.root / archive.settings.schemas_dir).glob("*.json")
    )
    for path in data_files(archive, names):
        yield Claim(path, "the open data export")
    for path, owner in (
        ("404.html", "the 'page not found' page"),
        ("sitemap.xml", "the sitemap"),
        ("sitemap.xml.gz", "the sitemap"),
        ("robots.txt", "robots.txt"),
    ):
        yield Claim(path, owner)
    if site.admin_dir:
        for name in ("index.html", "config.yml"):
            yield Claim(f"{site.admin_dir}/{name}", "the form editor (archive-cms)")


def reserved_folders(archive: Archive) -> list[tuple[str, str]]:
    """Folders whose whole content belongs to the theme or a plugin."""
    site = archive.settings.site
    folders = [(folder, "the theme's files") for folder in THEME_FOLDERS]
    folders.append((f"{archive.url_of_find()}data/", "the Find page's browse data"))
    if site.search_dir:
        folders.append((f"{site.search_dir}/", "the search index (archive-search)"))
    if site.admin_dir:
        folders.append((f"{site.admin_dir}/", "the form editor (archive-cms)"))
    return folders


def content_claims(archive: Archive) -> tuple[list[Claim], list[Problem]]:
    """The hand-written pages and files of the docs folder; links and special files in
    it are problems (the engine would copy what a link points at)."""
    root = archive.settings.root
    docs = archive.settings.site.docs_dir
    claims: list[Claim] = []
    problems: list[Problem] = []
    base = root / docs
    if not base.is_dir():
        return claims, problems
    for rel, path in _walk(base, ""):
        shown = f"{docs}/{rel}"
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            problems.append(
                Problem(
                    shown,
                    1,
                    "file",
                    f"is a symbolic link to '{path.readlink()}' (expected a real file: the "
                    "site would publish whatever the link points at)",
                )
            )
        elif stat.S_ISDIR(mode):
            continue
        elif not stat.S_ISREG(mode):
            problems.append(
                Problem(shown, 1, "file", "is not a regular file (expected a page or a file)")
            )
        elif rel.endswith(".md"):
            claims.append(PageClaim(page_url_of(rel) + "index.html", f"the page {shown}", shown))
        else:
            claims.append(Claim(rel, f"the file {shown}", shown))
    return claims, problems


def _walk(folder: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel, path = prefix + entry.name, Path(entry.path)
        yield rel, path
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, rel + "/")


def _redirect_claims(rules: Iterable[Redirect]) -> Iterator[tuple[Redirect, Claim]]:
    for rule in rules:
        path, _, line = rule.origin.rpartition(":")
        claim = Claim(
            redirect_file(rule.source),
            f"the old address '{rule.source}' ({rule.origin})",
            path or rule.origin,
            int(line) if line.isdigit() else 1,
            rule.field,
        )
        yield rule, claim


def check_namespace(archive: Archive, rules: list[Redirect]) -> list[Problem]:
    """Every address claimed twice, claimed inside a reserved folder, or not servable."""
    problems: list[Problem] = []
    owners: dict[str, Claim] = {}

    def claim(new: Claim) -> None:
        other = owners.get(new.file)
        if other is None:
            owners[new.file] = new
        elif new.path and other.owner != new.owner:
            problems.append(
                Problem(
                    new.path,
                    new.line,
                    new.field,
                    f"'/{new.file}' is already {other.owner} (expected an address no other page or file of this site uses)",
                )
            )

    clashed: set[str] = set()
    for generated in _generated(archive):
        other = owners.setdefault(generated.file, generated)
        blamed, named = (generated, other) if generated.path else (other, generated)
        if other is not generated and blamed.path and blamed.owner != named.owner:
            clashed.add(blamed.file)
            problems.append(
                Problem(
                    blamed.path,
                    blamed.line,
                    blamed.field,
                    f"'/{blamed.file}' is already {named.owner} (expected an address no other page or file of this site uses)",
                )
            )
    problems += _reserved_problems(owners, reserved_folders(archive), clashed)
    found, content_problems = content_claims(archive)
    problems += content_problems
    for item in found:
        claim(item)
    reserved = reserved_folders(archive)
    for claims in browse_claims(archive):
        before = len(problems)
        for item in claims:
            folder = next((owner for f, owner in reserved if item.file.startswith(f)), None)
            if folder is None:
                claim(PageClaim(item.file, item.owner, item.path, item.line, item.field))
            else:
                inside = f"'/{item.file}' is inside the folder of {folder} (expected a browse path of its own, like 'subjects')"
                problems.append(Problem(item.path, item.line, item.field, inside))
            if len(problems) > before:
                break  # one message per facet: its path is what to change
    wildcards: list[tuple[str, Claim]] = []
    queries: list[tuple[Redirect, Claim]] = []
    for rule, item in _redirect_claims(rules):
        if (why := address_problem(rule.source)) is not None:
            problems.append(Problem(item.path, item.line, item.field, why))
            continue
        if rule.wildcard:
            prefix = unquote(rule.source).lstrip("/").removesuffix("*")
            wildcards.append((prefix, item))
            continue
        folder = next((owner for f, owner in reserved if item.file.startswith(f)), None)
        if folder is not None:
            problems.append(
                Problem(
                    item.path,
                    item.line,
                    item.field,
                    f"'{rule.source}' is inside the folder of {folder} (expected an old address outside /{item.file.split('/')[0]}/)",
                )
            )
            continue
        if rule.query:
            queries.append((rule, item))
            continue
        claim(item)
    pages = {file for file, owner in owners.items() if isinstance(owner, PageClaim)}
    problems += query_problems(queries, owners, pages)
    problems += _target_problems(rules, owners)
    problems += _folder_conflicts(owners)
    problems += _wildcard_problems(wildcards, owners, reserved)
    return sorted(set(problems))


def _reserved_problems(
    owners: dict[str, Claim], reserved: list[tuple[str, str]], reported: set[str]
) -> list[Problem]:
    """Generated pages an option has placed inside a folder the theme or a plugin owns."""
    return [
        Problem(
            claim.path,
            claim.line,
            claim.field,
            f"'/{claim.file}' is inside the folder of {folder} (expected a collection path "
            f"other than '{claim.file.split('/')[0]}')",
        )
        for claim in owners.values()
        if claim.path and claim.file not in reported
        for prefix, folder in reserved
        if claim.file.startswith(prefix)
    ]


def _folder_conflicts(owners: dict[str, Claim]) -> list[Problem]:
    """A file where another claim needs a folder (`/a.html` and `/a.html/`)."""
    problems = []
    folders: dict[str, Claim] = {}
    for file, owner in owners.items():
        parts = file.split("/")
        for end in range(1, len(parts)):
            folders.setdefault("/".join(parts[:end]), owner)
    for file, owner in owners.items():
        other = folders.get(file)
        if other is not None:
            blamed, named = (owner, other) if owner.path else (other, owner)
            if blamed.path:
                problems.append(
                    Problem(
                        blamed.path,
                        blamed.line,
                        blamed.field,
                        f"'/{blamed.file}' needs '/{file}' as a file and as a folder, with {named.owner} (expected one or the other)",
                    )
                )
    return problems


def _wildcard_problems(
    wildcards: list[tuple[str, Claim]],
    owners: dict[str, Claim],
    reserved: list[tuple[str, str]],
) -> list[Problem]:
    """Wildcards apply to missing addresses only: they may not cover the site's own folders."""
    problems = []
    taken: list[tuple[str, Claim]] = []
    for prefix, item in sorted(wildcards, key=lambda pair: pair[0]):
        covered = next((file for file in owners if file.startswith(prefix)), None)
        folder = next(
            (owner for f, owner in reserved if f.startswith(prefix) or prefix.startswith(f)), None
        )
        overlap = next((other for p, other in taken if prefix.startswith(p)), None)
        if covered is not None:
            message = f"'/{prefix}*' covers '/{covered}', {owners[covered].owner} (expected a folder this site does not use)"
        elif folder is not None:
            message = f"'/{prefix}*' covers the folder of {folder} (expected a folder this site does not use)"
        elif overlap is not None:
            message = f"'/{prefix}*' is inside {overlap.owner}, which already covers it (expected one rule per folder)"
        else:
            taken.append((prefix, item))
            continue
        problems.append(Problem(item.path, item.line, item.field, message))
    return problems


def _target_problems(rules: list[Redirect], owners: dict[str, Claim]) -> list[Problem]:
    """Old addresses must lead to a page of this site (or a full web address)."""
    problems = []
    for rule, item in _redirect_claims(rules):
        target = rule.target.split("#", 1)[0]
        if external(target) or target + "index.html" in owners or target in owners:
            continue
        problems.append(
            Problem(
                item.path,
                item.line,
                item.field,
                f"'{rule.source}' leads to '{rule.target}', which is not a page of this site (expected a URL like 'about/' or 'courses/<slug>/')",
            )
        )
    return problems


def site_problems(archive: Archive) -> list[Problem]:
    """The site-level checks `archive check` and the build share: the redirect settings
    and every address the site would publish."""
    return safe_redirects(archive)[1]


def safe_redirects(archive: Archive) -> tuple[list[Redirect], list[Problem]]:
    """The redirects the site may write (none with a problem: a rule that would overwrite
    a file is never written, even when a build goes on without `--strict`), and every
    problem of the site's addresses."""
    rules, problems = redirect_rules(archive)
    problems = sorted(set(problems + check_namespace(archive, rules)))
    blamed = {(p.path, p.line, p.field) for p in problems}
    kept = []
    for rule, item in _redirect_claims(rules):
        if (item.path, item.line, item.field) not in blamed:
            kept.append(rule)
    return kept, problems
