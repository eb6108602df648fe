"""The README's code examples run, in order, in one namespace, and say what they show."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

README = ROOT / "README.md"


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_readme_has_the_two_setup_commands_near_the_top() -> None:
    text = README.read_text(encoding="utf-8")
    head = text[: text.index("## Quick start")]
    commands = re.findall(r"```sh\n(.*?)```", head, flags=re.DOTALL)
    assert any("pip install ." in c and "claimrec check seeds/" in c for c in commands)
    assert any('pip install -e ".[test]"' in c and "pytest" in c for c in commands)


def test_readme_examples_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "readme"}
    blocks = _python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    report = namespace["report"]
    conflicts = report.conflicts  # type: ignore[attr-defined]
    assert len(conflicts) == 1
    assert "Example Monitor" in conflicts.iloc[0]["reporters"]
    assert "Lubinets" in conflicts.iloc[0]["reporters"]
    assert conflicts.iloc[0]["gap"] == 9
    table = namespace["table"]
    assert len(table) == len(pd.read_csv(Path("examples/seeds_claims.csv")))  # type: ignore[arg-type]
    assert os.getcwd() == str(ROOT)
