"""Every problem a build looks for before it writes anything, in one list.

The build and `archive check` both report exactly this, so a check that passes means a
build that starts: the loaded archive's problems (records, schemas, vocabularies), the
addresses the site would publish, and the page templates the collections need.
"""

from __future__ import annotations

from legacy_archive.core.common.problems import Problem, sort_problems
from legacy_archive.core.emit.template_check import template_problems
from legacy_archive.core.pipeline import LoadResult
from legacy_archive.core.publish.namespace import site_problems


def preflight_problems(result: LoadResult) -> list[Problem]:
    """The loaded archive's problems, its addresses' and its templates', sorted."""
    archive = result.archive
    found = [*result.problems, *site_problems(archive), *template_problems(archive.settings)]
    return sort_problems(found)
