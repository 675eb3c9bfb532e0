"""What every edition of the archive starts from: the built site, the archive's model and
the facts only the generator knows (redirects, the URL ledger, the programme, the date).

An edition is made from a site already built, never by building one: `make_context`
checks that the site folder holds a build of these records (`built_site.py`) and gathers
everything at once, reporting every problem; `archive export` (`cli/export.py`, the one
place that loads the archive, so no edition depends on the pipeline) then writes the
edition through a temporary file that is renamed only when it is complete and within its
size limit (`output.py`), so a failed or refused export leaves nothing behind. The
editions import what they need from here.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.common.sizes import limit_size as human_size
from legacy_archive.core.config.programme import Programme
from legacy_archive.core.config.settings import ProjectSettings
from legacy_archive.core.emit.downloads import edition_slug
from legacy_archive.core.export.built_site import (
    SiteFile,
    site_files,
)
from legacy_archive.core.export.languages import language_code
from legacy_archive.core.export.output import (
    DEFAULT_MAX_SIZE,
    ExportError,
    atomic_output,
    parse_size,
)
from legacy_archive.core.model.archive import Archive
from legacy_archive.core.publish.address_rules import redirect_file

__all__ = [
    "DEFAULT_MAX_SIZE",
    "ExportContext",
    "ExportError",
    "SiteFile",
    "add_export_options",
    "atomic_output",
    "content_timestamp",
    "human_size",
    "language_code",
    "line_of",
    "output_path",
    "parse_size",
    "site_files",
]


@dataclass(frozen=True)
class ExportContext:
    """Everything an edition is made from, read once and checked before anything is written."""

    config_file: Path
    settings: ProjectSettings
    archive: Archive
    site_dir: Path
    """The built site (`site/`, or `--site`)."""
    site_url: str
    """The address the site was built for, ending in `/` (from its sitemap)."""
    site_name: str
    """`site_name` of mkdocs.yml."""
    site_description: str
    """`site_description` of mkdocs.yml (may be empty)."""
    language: str
    """The theme's language as the pages say it (`en`, `cy`)."""
    language3: str
    """The same as ISO 639-3 (`eng`, `cym`)."""
    programme: Programme | None
    redirects: dict[str, str]
    """Old site-relative URL (`techpathways/courses.html`) -> the site-relative page URL it
    now leads to (`courses/`): the exact, internal `legacy_urls` and `redirects` rules.
    Wildcards, old addresses with a query and external targets have no equivalent outside a
    browser (a ZIM entry's path has no query) and are left out."""
    ledger_urls: tuple[str, ...]
    """Every URL the ledger says was ever published, site-relative (`courses/intro/`)."""
    timestamp: datetime.datetime
    """When the edition says it was made: `SOURCE_DATE_EPOCH` when set (the commit's time
    in the workflows), else the newest date of the content, at midnight UTC; never the clock."""
    files: tuple[SiteFile, ...]
    """Every file of the built site, sorted by path; symlinks are never followed."""

    @property
    def date(self) -> str:
        """`timestamp` as `YYYY-MM-DD`."""
        return self.timestamp.date().isoformat()

    @property
    def slug(self) -> str:
        """A file name for the edition, from the site's name (`techpathways-london-archive`)."""
        return edition_slug(self.site_name)

    @property
    def site_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def file_of(self, url: str) -> str | None:
        """The site file that answers a site-relative URL (`about/` -> `about/index.html`)."""
        path = redirect_file("/" + url.lstrip("/"))
        return path if (self.site_dir / path).is_file() else None


def add_export_options(parser: argparse.ArgumentParser, suffix: str) -> None:
    """The options every edition shares: the project, the built site, the output, the limit."""
    parser.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        type=Path,
        help="path to mkdocs.yml (default: ./mkdocs.yml)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="the built site (default: site_dir of mkdocs.yml, usually site/)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"the file to write (default: build/editions/<site name>{suffix} beside mkdocs.yml)",
    )
    parser.add_argument(
        "--max-size",
        type=parse_size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help="refuse to write an edition larger than this (default: 2G, a GitHub Release "
        "asset's limit and under FAT32's 4G; K, M, G or T)",
    )


def line_of(config_file: Path, key: str) -> int:
    """The first line that sets `key:` in the file, for a message (1 when none does)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    return next((n for n, text in enumerate(lines, start=1) if pattern.match(text)), 1)


def _padded(date: str) -> str:
    """`2021` -> `2021-01-01`, `2021-05` -> `2021-05-01`; anything else -> empty."""
    text = str(date)[:10]
    if re.fullmatch(r"\d{4}", text):
        return text + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01"
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""


def content_timestamp(archive: Archive, environ: dict[str, str] | None = None) -> datetime.datetime:
    """`SOURCE_DATE_EPOCH` when set, else the newest date the content holds (records'
    dates and withdrawals, the programme's `last_reviewed`), at midnight UTC."""
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    dates = []
    programme = archive.settings.programme
    if programme is not None:
        dates += [programme.last_reviewed, programme.end]
    for record in archive.every_record():
        dates.append(record.date)
        withdrawn = record.fields.get("withdrawn")
        if isinstance(withdrawn, dict):
            dates.append(str(withdrawn.get("date", "")))
    newest = max((d for d in map(_padded, dates) if d), default="1970-01-01")
    try:
        day = datetime.date.fromisoformat(newest)
    except ValueError:
        day = datetime.date(1970, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def output_path(context: ExportContext, out: Path | None, suffix: str) -> Path:
    """Where the edition goes: `--out`, or `build/editions/<slug><suffix>` in the project."""
    if out is not None:
        return out
    return context.settings.root / "build" / "editions" / f"{context.slug}{suffix}"
