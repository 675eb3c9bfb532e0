"""The two builds a preview compares: the base branch's and the pull request's.

The base (and, when asked, the head) is exported with `git archive`, so the checkout is
left as it is, and each tree is built by MkDocs in its own process: the engine that
builds the archive is the one installed, whatever the base branch's code says.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from legacy_archive.core.editors.preview.changes import compare, read_build
from legacy_archive.core.editors.preview.markdown import summary

ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
MAX_EXPORT_BYTES = 2_000_000_000
"""A branch bigger than this is not exported (a bound, not an expected size)."""
EXPORT_SECONDS = 600
BUILD_SECONDS = 1200


class PreviewError(Exception):
    """A branch that cannot be exported, or a build that cannot start."""


@dataclass(frozen=True)
class PreviewFiles:
    """What `make_preview` wrote: the summary and the pages to photograph."""

    summary: str
    pages: list[str]
    built: bool
    """False when the pull request's tree did not build (the base may fail: it is empty)."""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            check=False,
            timeout=EXPORT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PreviewError(f"cannot run git in {repo}: {error}") from None


def check_ref(repo: Path, ref: str) -> None:
    """Refuse a ref git does not know before anything is written."""
    if (
        ref.startswith("-")
        or _git(repo, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}").returncode
    ):
        raise PreviewError(f"{repo}: {ref!r} is not a commit here (expected a branch or commit)")


def export(repo: Path, ref: str, into: Path) -> None:
    """The files of `ref`, written under `into`, without touching the checkout."""
    result = _git(repo, "archive", "--format=tar", ref)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise PreviewError(f"cannot export {ref}: {detail} (expected a branch or commit)")
    if len(result.stdout) > MAX_EXPORT_BYTES:
        raise PreviewError(f"{ref} is over {MAX_EXPORT_BYTES:,} bytes")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(into, filter="data")  # no links out, no absolute paths


def build(root: Path, config: str, out: Path, log: list[str]) -> bool:
    """Build `root/config` into `out`; a tree that does not build leaves `out` empty."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / config)]
    try:
        result = subprocess.run(
            [*command, "-d", str(out.resolve())],
            capture_output=True,
            text=True,
            env={**os.environ, **ENV},
            cwd=root,
            check=False,
            timeout=BUILD_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PreviewError(f"cannot build {root / config}: {error}") from None
    if result.returncode != 0:
        log.append(f"{root / config} did not build:\n{result.stderr[-2000:]}")
        out.mkdir(parents=True, exist_ok=True)
    return result.returncode == 0


def _build_ref(repo: Path, ref: str, config: str, out: Path, log: list[str]) -> bool:
    with tempfile.TemporaryDirectory() as temp:
        tree = Path(temp) / "tree"
        tree.mkdir()
        export(repo, ref, tree)
        return build(tree, config, out, log)


def make_preview(
    repo: Path, base: str, head: str, config: str, out: Path, log: list[str]
) -> PreviewFiles:
    """Build base and head into `out/base` and `out/site`; write `summary.md` and `pages.txt`.

    Without `head`, the working tree of `repo` is the pull request."""
    for ref in (base, head) if head else (base,):
        check_ref(repo, ref)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    _build_ref(repo, base, config, out / "base", log)
    if head:
        built = _build_ref(repo, head, config, out / "site", log)
    else:
        built = build(repo, config, out / "site", log)
    if not built:
        return PreviewFiles("", [], built=False)
    preview = compare(read_build(out / "base"), read_build(out / "site"))
    text = summary(preview)
    pages = preview.screenshot_paths()
    (out / "summary.md").write_text(text, encoding="utf-8")
    (out / "pages.txt").write_text("".join(f"{path}\n" for path in pages), encoding="utf-8")
    return PreviewFiles(text, pages, built=True)
