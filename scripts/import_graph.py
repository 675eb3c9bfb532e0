"""The package's import graph, measured: cycles, floors, imports that run back up, and size.

Every import counts, including those inside functions and under `TYPE_CHECKING`: a cycle
hidden in a function is still a cycle a reader has to hold in mind.

- floors: the longest chain of imports from `core.cli.main` down (a module importing
  nothing of the package is floor 1).
- runs back up: an import from a stage to a later one, in the order the pipeline runs:
  common, config, speed, load, validate, model, emit, publish, editors, starter, importing,
  export, cli, then the engine adapters.

    python scripts/import_graph.py            # the figures
    python scripts/import_graph.py --mermaid  # the stage diagram for the README
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "legacy_archive"
STAGES = [
    "common",
    "config",
    "speed",
    "load",
    "validate",
    "model",
    "pipeline",
    "emit",
    "publish",
    "editors",
    "starter",
    "importing",
    "export",
    "cli",
    "mkdocs_plugins",
]
TOP = "legacy_archive.core.cli.main"


def module_name(path: Path) -> str:
    parts = ["legacy_archive", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, name: str, modules: set[str]) -> Iterator[str]:
    """The package's modules that `path` imports (a package import counts as its __init__)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            if target in modules and target != name:
                yield target


def graph() -> tuple[dict[str, set[str]], dict[str, int]]:
    files = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    modules = set(files)
    edges = {name: set(imported(path, name, modules)) for name, path in files.items()}
    for name, targets in edges.items():  # `from pkg import module` also names pkg: drop it
        edges[name] = {t for t in targets if not any(o.startswith(t + ".") for o in targets)}
    lines = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in files.items()
    }
    return edges, lines


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def longest_chain(edges: dict[str, set[str]], start: str) -> list[str]:
    """The longest import chain from `start`, top first (cycles are walked once)."""
    below: dict[str, list[str]] = {}

    def walk(node: str, seen: frozenset[str]) -> list[str]:
        if node in below:
            return below[node]
        chains = [walk(n, seen | {node}) for n in sorted(edges[node]) if n not in seen]
        below[node] = [node, *max(chains, key=len, default=[])]
        return below[node]

    return walk(start, frozenset())


def floors(edges: dict[str, set[str]], start: str) -> int:
    """How many modules the longest import chain from `start` passes through."""
    return len(longest_chain(edges, start))


def stage(name: str) -> int | None:
    parts = name.split(".")
    room = parts[2] if parts[1] == "core" and len(parts) > 2 else parts[1]
    return STAGES.index(room) if room in STAGES else None


def back_up(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    ups = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            low, high = stage(source), stage(target)
            if low is not None and high is not None and high > low:
                ups.append((source, target))
    return ups


def mermaid(edges: dict[str, set[str]]) -> str:
    """The stage diagram, transitively reduced: an arrow another path already implies is left out."""
    rooms: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            a, b = stage(source), stage(target)
            if a is not None and b is not None and a != b:
                rooms.setdefault(STAGES[a], set()).add(STAGES[b])

    def reach(room: str, seen: set[str]) -> set[str]:
        for below in rooms.get(room, set()) - seen:
            seen.add(below)
            reach(below, seen)
        return seen

    kept = [
        (a, b)
        for a, targets in rooms.items()
        for b in targets
        if not any(b in reach(other, set()) for other in targets - {b})
    ]
    lines = ["flowchart BT"]
    lines += [f"  {a} --> {b}" for a, b in sorted(kept, key=lambda e: (STAGES.index(e[0]), e[1]))]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mermaid", action="store_true", help="print the stage diagram")
    args = parser.parse_args()
    edges, lines = graph()
    if args.mermaid:
        print(mermaid(edges))
        return
    core = [n for n in lines if n.startswith("legacy_archive.core")]
    big = sorted(((lines[n], n) for n in lines if lines[n] > 350), reverse=True)
    print(f"modules: {len(lines)} ({len(core)} in core), {sum(lines.values())} lines")
    print(f"import cycles: {len(cycles(edges))}")
    for component in cycles(edges):
        print("  " + " <-> ".join(n.removeprefix("legacy_archive.") for n in component))
    chain = longest_chain(edges, TOP)
    print(f"floors from the CLI down: {len(chain)}")
    print("  " + " -> ".join(n.removeprefix("legacy_archive.") for n in chain))
    ups = back_up(edges)
    print(f"imports that run back up: {len(ups)}")
    for source, target in ups:
        print(
            f"  {source.removeprefix('legacy_archive.')} -> {target.removeprefix('legacy_archive.')}"
        )
    print(f"modules over 350 lines: {len(big)}")
    for count, name in big:
        print(f"  {count:5d} {name.removeprefix('legacy_archive.')}")


if __name__ == "__main__":
    main()
