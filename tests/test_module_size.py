"""Size limits that keep the package readable: one concept per module.

No module of the package is over :data:`MODULE_LINES` lines, and no function of the
readers (``claimrec/read/``) is over :data:`READER_FUNCTION_LINES` lines: a reader
that grows past that is an engine holding a table it should read from data, or two
concepts that belong apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "claimrec"
MODULE_LINES = 600
READER_FUNCTION_LINES = 60

MODULES = sorted(PACKAGE.rglob("*.py"))
READERS = sorted((PACKAGE / "read").rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_is_at_most_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{_name(path)} has {lines} lines; split it along its seams"


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > READER_FUNCTION_LINES
    ]


@pytest.mark.parametrize("path", READERS, ids=_name)
def test_reader_functions_are_short(path: Path) -> None:
    assert _long_functions(path) == []
