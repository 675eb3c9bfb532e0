"""Claims of old addresses with a query (`/?p=123`), which claim no file of the site: the
host answers them with the page of their path, whose script forwards them, or with the
404 page when no file is there. Checked with every other claim by `namespace.py`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from legacy_archive.core.common.problems import Problem
from legacy_archive.core.publish.address_rules import query_key


class Claimed(Protocol):
    """A claim on a file (`claims.Claim`), as far as these checks read it."""

    @property
    def file(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def field(self) -> str: ...


class Rule(Protocol):
    """An old address (`redirects.Redirect`), as far as these checks read it."""

    @property
    def source(self) -> str: ...
    @property
    def query(self) -> str: ...


def query_problems(
    queries: Sequence[tuple[Rule, Claimed]], owners: Mapping[str, Claimed], pages: set[str]
) -> list[Problem]:
    """Old addresses with a query: served from a page (whose script forwards them) or from
    no file (the 404 page's script does), and each query claimed once on its path, once
    its parameters are sorted (`/?b=2&a=1` is `/?a=1&b=2`). `pages` are the files the
    theme renders (and so carry its script)."""
    problems = []
    claimed: dict[tuple[str, str], Claimed] = {}
    for rule, item in queries:
        host = owners.get(item.file)
        if host is not None and item.file not in pages:
            problems.append(
                Problem(
                    item.path,
                    item.line,
                    item.field,
                    f"'{rule.source}' would be answered by {host.owner}, which runs no script "
                    f"to read the query (expected a query on a page of this site or on an "
                    f"address no file answers, like '/index.php?p=123')",
                )
            )
            continue
        key = (item.file, query_key(rule.query))
        other = claimed.setdefault(key, item)
        if other is not item:
            problems.append(
                Problem(
                    item.path,
                    item.line,
                    item.field,
                    f"'{rule.source}' is already {other.owner}, once its parameters are "
                    f"sorted (expected each old address to lead to one page)",
                )
            )
    return problems
