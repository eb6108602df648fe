"""CSV exports opened by a real spreadsheet engine: LibreOffice, headless.

Every file claimrec writes as CSV (``Report.to_csv``, ``write_claims``, ``claimrec
check --format csv``) is imported by LibreOffice with formula evaluation on, saved as
flat OpenDocument XML, and searched for formulas: there must be none, for every
formula prefix placed at the start of a cell and after every kind of line break
inside it. Skipped, with a message, where LibreOffice is not installed (``.ci/run``
installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

import claimrec
from claimrec.cli import main
from claimrec.export import read_claims

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui): "
    "the spreadsheet test cannot run",
)

# Comma-separated, '"' quotes, UTF-8, from line 1, standard cells, English, quoted
# fields not forced to text, special numbers detected, ..., token 13: evaluate formulas.
CSV_IMPORT = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}

#: What a spreadsheet runs as a formula, with and without payloads and quotes before.
PREFIXES = (
    "=",
    "+",
    "-",
    "@",
    "\t=",
    "\r=",
    "'=",
    "''+",
    "=cmd|' /c calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.invalid","y")',
    "+1+1",
    "-2+3",
)
#: Where the prefix goes: at the start of the cell, or after each kind of line break.
SEPARATORS = ("", "\r", "\n", "\r\n", "\n\r", "\r\r", "x\r", "x\n", "a b;\t\r", '"\r')


def hostile_cells() -> list[str]:
    return [f"{sep}{prefix}2+2" for prefix in PREFIXES for sep in SEPARATORS]


def _formulas_and_rows(path: Path) -> tuple[list[str], int]:
    tree = ET.parse(path)
    formulas = [
        cell.get(f"{{{NS['table']}}}formula", "")
        for cell in tree.iter(f"{{{NS['table']}}}table-cell")
        if cell.get(f"{{{NS['table']}}}formula") is not None
    ]
    rows = 0
    for row in tree.iter(f"{{{NS['table']}}}table-row"):
        repeat = int(row.get(f"{{{NS['table']}}}number-rows-repeated", "1"))
        if any(cell.itertext() for cell in row):
            rows += repeat
    return formulas, rows


def _open_in_libreoffice(tmp_path: Path, files: list[Path]) -> list[Path]:
    assert SOFFICE is not None
    out = tmp_path / "opened"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            f"--infilter={CSV_IMPORT}",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    opened = [out / (path.stem + ".fods") for path in files]
    assert all(path.is_file() for path in opened), list(out.iterdir())
    return opened


def _loose_table(cells: list[str]) -> pd.DataFrame:
    # The quote column keeps its text as written (line breaks included).
    return pd.DataFrame(
        {
            "value": [str(10 + n) for n in range(len(cells))],
            "measure": ["deaths in the flood"] * len(cells),
            "reporter": ["Example Agency"] * len(cells),
            "published": ["2024-05-01"] * len(cells),
            "quote": cells,
        }
    )


def test_a_control_formula_is_evaluated(tmp_path: Path) -> None:
    # The import really evaluates formulas: an unprotected cell becomes one.
    path = tmp_path / "control.csv"
    path.write_text("a,b\nx,=1+1\ny\r=2+2,z\n", encoding="utf-8", newline="")
    (opened,) = _open_in_libreoffice(tmp_path, [path])
    formulas, _ = _formulas_and_rows(opened)
    assert len(formulas) == 2, formulas


def test_no_export_holds_a_formula_for_libreoffice(tmp_path: Path) -> None:
    cells = hostile_cells()
    table = _loose_table(cells)
    report_path = tmp_path / "report.csv"
    claimrec.reconcile(table).to_csv(report_path)
    claims_path = tmp_path / "claims.csv"
    canonical = claimrec.normalize(table)
    claimrec.write_claims(canonical, claims_path)
    loose_path = tmp_path / "loose.csv"
    claimrec.write_claims(table, loose_path)  # a loose table, as a user saved it
    check_path = tmp_path / "check.csv"
    # One agency's different running totals for the same day contradict (exit 1);
    # what matters here is the file written.
    assert main(["check", str(loose_path), "--format", "csv", "-o", str(check_path)]) in (0, 1)

    files = [report_path, claims_path, check_path]
    for opened in _open_in_libreoffice(tmp_path, files):
        formulas, rows = _formulas_and_rows(opened)
        assert formulas == [], f"{opened.name}: {formulas[:5]}"
        # One header row and one row per cell: no line break started a row.
        assert rows == 1 + len(cells), opened.name
    # And the text reads back as written.
    assert list(read_claims(claims_path)["quote"]) == cells
