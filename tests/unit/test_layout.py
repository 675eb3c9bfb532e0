"""The house stays walkable: the import graph's limits, checked as the README states them.

Each limit failed once by drift (a starter writer importing the whole ledger check added a
floor; a module grew past 350 lines), so they are tests, not only figures in the README.
"""

from __future__ import annotations

from pathlib import Path

import import_graph

MAX_FLOORS = 10
MAX_BACK_UP = 1
MAX_MODULE_LINES = 350
MAX_PLUGIN_LINES = 200


def test_no_import_cycles() -> None:
    edges, _ = import_graph.graph()
    assert import_graph.cycles(edges) == []


def test_at_most_ten_floors_from_the_cli_down() -> None:
    edges, _ = import_graph.graph()
    chain = import_graph.longest_chain(edges, import_graph.TOP)
    assert len(chain) <= MAX_FLOORS, " -> ".join(chain)


def test_imports_run_down_the_stages() -> None:
    edges, _ = import_graph.graph()
    assert len(import_graph.back_up(edges)) <= MAX_BACK_UP, import_graph.back_up(edges)


def test_no_module_over_350_lines() -> None:
    _, lines = import_graph.graph()
    assert {name: count for name, count in lines.items() if count > MAX_MODULE_LINES} == {}


def test_each_engine_plugin_is_under_200_lines() -> None:
    plugins = Path(import_graph.PACKAGE, "mkdocs_plugins").glob("*/plugin.py")
    sizes = {path.parent.name: len(path.read_text().splitlines()) for path in plugins}
    assert sizes and max(sizes.values()) < MAX_PLUGIN_LINES, sizes


def test_the_longest_chain_is_measured_as_a_chain() -> None:
    edges = {"a": {"b", "c"}, "b": {"d"}, "c": set(), "d": {"a"}}
    assert import_graph.longest_chain(edges, "a") == ["a", "b", "d"]
