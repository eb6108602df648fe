"""The example notebook and script run as a user runs them."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "seeds.ipynb"


def _execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()
    return notebook


def _outputs_text(notebook: nbformat.NotebookNode) -> str:
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(json.dumps(output.get("data", {})))
            parts.append(str(output.get("text", "")))
    return "\n".join(parts)


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_on_the_claims_table() -> None:
    """Every cell but the extraction section (tagged ``extract``)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    table_only = copy.deepcopy(notebook)
    table_only.cells = [
        cell for cell in notebook.cells if "extract" not in cell.metadata.get("tags", [])
    ]
    assert len(table_only.cells) < len(notebook.cells)
    text = _outputs_text(_execute(table_only))
    assert "claimrec-report" in text  # the report displayed itself as HTML
    assert "image/png" in text  # the timeline was drawn
    assert "Example Monitor" in text  # the contradiction
    assert "QuantitativeValue" in text


def test_notebook_runs_with_extraction() -> None:
    """The whole notebook, including extract_files('../seeds/')."""
    notebook = _execute(nbformat.read(NOTEBOOK, as_version=4))
    assert "execution" in _outputs_text(notebook)


def test_spreadsheet_example_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "report_from_spreadsheet.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "17 group(s)" in result.stdout
    for name in ("report.html", "report.json", "report.csv", "claims.csv"):
        assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("name", ["seeds.ipynb", "report_from_spreadsheet.py"])
def test_examples_exist(name: str) -> None:
    assert (EXAMPLES / name).is_file()
