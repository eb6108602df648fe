"""The package's import graph: no cycles, lazy (function-level) imports included.

The graph is read from the source (``ast``): every ``import claimrec…`` and
``from claimrec… import …`` at any depth — inside functions too — except under
``if TYPE_CHECKING:``, which never runs. A cycle is a strongly connected
component of more than one module.

The package once had a cycle (the package, its accessor, the export, HTML, reconcile
and report modules importing each other); it is broken, and :data:`KNOWN_CYCLE` is
empty. A module put back into a cycle fails the tests.

:func:`import_graph` and :func:`cycles` are helpers other tests can use.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "claimrec"

#: Modules allowed in a cycle: none (see the module docstring).
KNOWN_CYCLE: frozenset[str] = frozenset()

#: The reading layer: records, lexicon, readers. None of it may be in a cycle.
READING_LAYER = (
    "claimrec._text",
    "claimrec.lexicon",
    "claimrec.textform",
    "claimrec.units",
    "claimrec.value",
    "claimrec.calendar",
    "claimrec.window",
    "claimrec.measure",
    "claimrec.reporter",
    "claimrec.record",
    "claimrec.extract",
    "claimrec.policy",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    def __init__(self, modules: frozenset[str]) -> None:
        self.modules = modules
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(a.name for a in node.names if a.name in self.modules)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module in self.modules:
            self.found.add(module)
        for alias in node.names:  # "from claimrec import units" imports a module
            if f"{module}.{alias.name}" in self.modules:
                self.found.add(f"{module}.{alias.name}")


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module → the claimrec modules it imports (at run time, lazily or not)."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = frozenset(paths)
    graph: dict[str, frozenset[str]] = {}
    for name, path in paths.items():
        visitor = _Imports(modules)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = frozenset(visitor.found - {name})
    return graph


def cycles(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def reachable(graph: dict[str, frozenset[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for other in graph[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def test_no_cycle_outside_the_known_one() -> None:
    for component in cycles(import_graph()):
        assert component <= KNOWN_CYCLE, sorted(component - KNOWN_CYCLE)


def test_the_reading_layer_is_in_no_cycle() -> None:
    in_cycles = set().union(*cycles(import_graph()))
    reading = {m for m in import_graph() if m.startswith("claimrec.read")} | set(READING_LAYER)
    assert not reading & in_cycles


def test_records_import_no_grammar() -> None:
    # A Value, a Window or a DateRange can be used without loading any reader.
    graph = import_graph()
    for record in ("claimrec.value", "claimrec.window", "claimrec.calendar", "claimrec.textform"):
        readers = {m for m in reachable(graph, record) if m.startswith("claimrec.read")}
        assert not readers, (record, sorted(readers))


def test_the_helpers_find_a_cycle() -> None:
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
    assert reachable(graph, "a") == {"a", "b", "c"}
