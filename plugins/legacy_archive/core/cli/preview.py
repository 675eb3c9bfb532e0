"""`archive preview`: what a pull request changes on the site, for the pull request workflow.

    archive preview summary --base origin/main   # build both, write _preview/summary.md
    archive preview screenshots                  # photograph the pages in _preview/pages.txt

`summary` builds the base branch and the working tree (or `--head`) into `_preview/base`
and `_preview/site`, writes the Markdown summary and the list of pages to photograph, and
appends the summary to `$GITHUB_STEP_SUMMARY` on GitHub Actions.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from legacy_archive.core.editors.preview.builds import PreviewError, make_preview
from legacy_archive.core.editors.preview.screenshots import WIDTHS, ScreenshotError, photograph

OUT = Path("_preview")


def run_summary(args: argparse.Namespace) -> int:
    log: list[str] = []
    try:
        made = make_preview(
            Path(args.repo).resolve(), args.base, args.head, args.config_file, args.out, log
        )
    except PreviewError as error:
        print(f"archive preview: {error}", file=sys.stdout)
        return 1
    for line in log:
        print(f"archive preview: {line}", file=sys.stdout)
    if not made.built:
        return 1
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY", "")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as handle:
            handle.write(made.summary + "\n")
    print(made.summary, file=sys.stdout)
    return 0


def run_screenshots(args: argparse.Namespace) -> int:
    try:
        text = args.pages.read_text(encoding="utf-8")
    except OSError as error:
        print(
            f"archive preview: {args.pages}: {error.strerror} (run `summary` first)",
            file=sys.stdout,
        )
        return 1
    pages = [line.strip() for line in text.splitlines() if line.strip()]
    try:
        photograph(args.site, pages, args.out)
    except ScreenshotError as error:
        print(f"archive preview: {error}", file=sys.stdout)
        return 1
    print(f"{len(pages)} pages at {len(WIDTHS)} widths in {args.out}", file=sys.stdout)
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `preview summary` and `preview screenshots` to the `archive` parser."""
    parser = commands.add_parser(
        "preview",
        help="show reviewers what a pull request changes on the site",
        description="Build the base branch and the pull request, and say what changed.",
    )
    steps = parser.add_subparsers(dest="step", required=True)
    one = steps.add_parser(
        "summary", help="build base and head, write the summary of the changed pages"
    )
    one.add_argument("--base", required=True, help="the base branch, like origin/main")
    one.add_argument("--head", default="", help="a commit to build (default: the working tree)")
    one.add_argument("--repo", default=".", help="the git repository (default: .)")
    one.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="mkdocs.yml, inside the repository (default: mkdocs.yml)",
    )
    one.add_argument("--out", type=Path, default=OUT, help="where to write (default: _preview)")
    one.set_defaults(run=run_summary)
    two = steps.add_parser("screenshots", help="photograph the pages the summary listed")
    two.add_argument("--site", type=Path, default=OUT / "site", help="the built pull request")
    two.add_argument("--pages", type=Path, default=OUT / "pages.txt", help="one path a line")
    two.add_argument("--out", type=Path, default=OUT / "screenshots", help="where to write")
    two.set_defaults(run=run_screenshots)
