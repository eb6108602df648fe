"""Exports: JSON valid against the shipped schema, spreadsheet-safe CSV, claims tables
that round-trip through CSV, Parquet and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from conftest import SEEDS_CSV, with_at_most_100
from hypothesis import given
from hypothesis import strategies as st

import claimrec
from claimrec.export import (
    neutralize,
    read_claims,
    report_csv,
    report_json,
    report_schema,
    safe_csv,
    unneutralize,
    write_claims,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MALICIOUS = pd.DataFrame(
    [
        {
            "value": "at least 124",
            "measure": "executions of Ukrainian POWs <script>alert(1)</script>",
            "reporter": "<img src=x onerror=alert(1)>",
            "window": "since 2022 as of Nov. 6",
            "published": "2024-11-11",
            "via": '=HYPERLINK("http://evil","x")',
            "url": "javascript:alert(1)",
            "quote": "<script>alert(1)</script> executed",
            "counted": "@SUM(A1)",
        },
        {
            "value": "over 150",
            "measure": "executions of Ukrainian POWs <script>alert(1)</script>",
            "reporter": "+1+1",
            "window": "as of May 24",
            "published": "2025-05-24",
            "via": "-2+3",
            "url": "https://example.org/?q=<b>",
            "quote": "\tcmd|' /C calc'!A0",
            "counted": "\rcases",
        },
    ]
)


def test_report_json_validates_against_the_schema(seeds_report: claimrec.Report) -> None:
    data = report_json(seeds_report)
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.validate(data, report_schema(), cls=jsonschema.Draft202012Validator)
    # Plain JSON: no NaN or Infinity sneaks in.
    json.loads(json.dumps(data, allow_nan=False))


def test_report_json_of_a_contradiction_validates_and_names_it() -> None:
    report = claimrec.reconcile(with_at_most_100())
    data = json.loads(report.to_json())
    jsonschema.validate(data, report_schema(), cls=jsonschema.Draft202012Validator)
    assert data["summary"]["verdicts"]["contradict"] == 1
    (conflict,) = data["conflicts"]
    assert conflict["gap"] == 9
    assert any("Example Monitor" in r for r in conflict["reporters"])
    group = next(g for g in data["groups"] if g["verdict"] == "contradict")
    assert group["review"]["reviewRating"]["alternateName"] == "contradict"
    assert set(conflict["claims"]) <= set(group["claims"])


def test_claim_values_are_quantitative_values(seeds_report: claimrec.Report) -> None:
    data = seeds_report.to_dict()
    by_text = {c["value"]["text"]: c for c in data["claims"]}
    over = by_text["over 150"]["value"]
    assert over["@type"] == "QuantitativeValue"
    assert (over["value"], over["minValue"], over["maxValue"]) == (150, 150, None)
    assert (over["kind"], over["lowClosed"], over["highClosed"]) == ("more_than", False, False)
    assert over["unitText"] == "count"
    approx = by_text["approximately 55000"]["value"]
    assert (approx["minValue"], approx["maxValue"], approx["kind"]) == (49500, 60500, "approx")


def test_windows_are_iso_intervals_with_open_and_uncertain_ends(
    seeds_report: claimrec.Report,
) -> None:
    data = seeds_report.to_dict()
    by_text = {c["window"]["text"]: c["window"] for c in data["claims"] if c["window"]["text"]}
    since = by_text["since 2022 as of Nov. 6"]
    assert since["interval"] == "2022-01-01/2024-11-06"  # the widest reading
    assert (since["startEarliest"], since["startLatest"]) == ("2022-01-01", "2022-12-31")
    assert by_text["as of May 24"]["interval"] == "../2025-05-24"  # open start


def test_verdicts_are_claim_reviews(seeds_report: claimrec.Report) -> None:
    data = seeds_report.to_dict()
    group = next(g for g in data["groups"] if g["verdict"] == "diverge")
    review = group["review"]
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "diverge"
    assert review["reviewBody"] == group["reason"]
    assert len(review["itemReviewed"]) == group["claimCount"] == 5
    ids = {c["@id"] for c in data["claims"]}
    assert {item["@id"] for item in review["itemReviewed"]} <= ids
    for pair in data["pairs"]:
        assert pair["review"]["reviewRating"]["alternateName"] == pair["verdict"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_neutralizes_formulas() -> None:
    report = claimrec.reconcile(MALICIOUS)
    text = report_csv(report)
    assert text is not None
    rows = _cells(text)
    assert len(rows) == 1 + len(MALICIOUS)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or _is_number(cell), cell
    flat = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil","x")' in flat
    assert "'@SUM(A1)" in flat
    assert "'+1+1" in flat and "'-2+3" in flat


def test_safe_csv_leaves_numbers_alone() -> None:
    df = pd.DataFrame({"n": [-2.0, 3.5], "i": [-1, 2], "t": ["-2+3", "ok"]})
    rows = _cells(safe_csv(df) or "")
    assert rows == [["n", "i", "t"], ["-2.0", "-1", "'-2+3"], ["3.5", "2", "ok"]]


def test_report_to_csv_writes_a_file(seeds_report: claimrec.Report, tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    assert seeds_report.to_csv(path) is None
    table = pd.read_csv(path)
    assert len(table) == len(seeds_report.claims)
    assert {"group", "group_verdict", "group_reason"} <= set(table.columns)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".json"])
def test_claims_tables_round_trip(suffix: str, tmp_path: Path) -> None:
    table = claimrec.normalize(pd.read_csv(SEEDS_CSV))
    # Cells that look like formulas, and one that already starts with a quote.
    table.loc[0, "quote"] = '=HYPERLINK("http://evil","x")'
    table.loc[1, "quote"] = "'=kept as written"
    table.loc[2, "quote"] = "'just a quote"
    path = tmp_path / f"claims{suffix}"
    write_claims(table, path)
    back = read_claims(path)
    pd.testing.assert_frame_equal(back, table)
    assert claimrec.from_frame(back) == claimrec.from_frame(table)


def test_written_claims_csv_is_spreadsheet_safe(tmp_path: Path) -> None:
    table = claimrec.normalize(MALICIOUS)
    path = tmp_path / "claims.csv"
    write_claims(table, path)
    for row in _cells(path.read_text(encoding="utf-8")):
        for cell in row:
            assert not cell.startswith(FORMULA_START) or _is_number(cell), cell
    pd.testing.assert_frame_equal(read_claims(path), table)


def test_read_claims_normalizes_a_loose_table(tmp_path: Path) -> None:
    path = tmp_path / "loose.csv"
    path.write_text(SEEDS_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    table = read_claims(path)
    assert set(claimrec.CANONICAL_COLUMNS) <= set(table.columns)
    assert len(table) == len(pd.read_csv(SEEDS_CSV))


def test_unknown_table_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(claimrec.ClaimrecError, match="unknown table format"):
        write_claims(claimrec.to_frame([]), tmp_path / "claims.xlsx")


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n", "\n\r", "\r\r"])
@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "'="])
def test_a_formula_after_a_line_break_stays_in_its_cell(brk: str, prefix: str) -> None:
    cell = f"harmless{brk}{prefix}cmd|' /c calc'!A0"
    rows = _cells(safe_csv(pd.DataFrame({"t": [cell, "next"]})) or "")
    assert len(rows) == 3  # header, the hostile cell, the next row
    written = rows[1][0]
    for line in written.replace("\r", "\n").split("\n"):
        assert not line.startswith(FORMULA_START), repr(written)
    assert unneutralize(written) == cell


@given(st.text(alphabet="'=+-@\t\r\n ab", max_size=12))
def test_neutralize_is_undone_exactly(cell: str) -> None:
    written = neutralize(cell)
    assert isinstance(written, str)
    assert unneutralize(written) == cell
    for line in written.replace("\r", "\n").split("\n"):
        assert not line.startswith(("=", "+", "-", "@", "\t"))


def test_safe_csv_quotes_every_text_cell() -> None:
    text = safe_csv(pd.DataFrame({"t": ["a;b\tc", "x\ry"], "n": [1.5, 2.0]})) or ""
    assert text.splitlines()[0] == '"t","n"'
    assert '"a;b\tc",1.5' in text and '"x\ry",2.0' in text
    with pytest.raises(claimrec.ClaimrecError, match="quoting"):
        safe_csv(pd.DataFrame({"t": ["a"]}), quoting=csv.QUOTE_NONE)
