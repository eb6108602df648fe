"""Unencodable text (lone surrogates) is replaced once at the entry points and counted
in a warning; nothing downstream (Arrow strings, Parquet, JSON, CSV) sees it."""

from __future__ import annotations

import json
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimrec
from claimrec.errors import UnsafeTextWarning
from claimrec.sanitize import REPLACEMENT, safe_frame, safe_text

LONE = json.loads('"\\ud800"')  # what a JSON reader returns for an escaped lone surrogate
ARTICLE = f"At least 41 people died in the floods{LONE}, the Civil Defence Agency said."


def _no_surrogate(frame: pd.DataFrame) -> None:
    for name in frame.columns:
        for cell in frame[name]:
            if isinstance(cell, str):
                cell.encode("utf-8")  # raises on a surrogate


def test_safe_text_replaces_and_counts() -> None:
    with pytest.warns(UnsafeTextWarning, match="replaced 2 unencodable"):
        assert safe_text(f"a{LONE}b\udfff") == f"a{REPLACEMENT}b{REPLACEMENT}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert safe_text("plain é text") == "plain é text"


def test_extract_reads_past_a_lone_surrogate() -> None:
    with pytest.warns(UnsafeTextWarning, match="1 unencodable"):
        df = claimrec.extract(ARTICLE, published="2024-05-02", outlet=f"Daily{LONE}")
    assert list(df["low"]) == [41.0]
    assert df["via"].iloc[0] == f"Daily{REPLACEMENT}"
    _no_surrogate(df)


def _loose() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "value": [f"12{LONE}", "30", "about 40"],
            "measure": ["deaths", f"deaths{LONE}", "deaths"],
            "reporter": ["Agency A", "Agency B", f"Agency{LONE} C"],
            "published": ["2024-01-05"] * 3,
        },
        dtype=object,
    )


@pytest.mark.parametrize("errors", ["raise", "coerce"])
def test_normalize_replaces_and_keeps_every_row(errors: str) -> None:
    table = _loose()
    before = table.copy()
    with pytest.warns(UnsafeTextWarning, match="3 unencodable"):
        out = claimrec.normalize(table, errors=errors)  # type: ignore[arg-type]
    assert len(out) == 3
    _no_surrogate(out)
    pd.testing.assert_frame_equal(table, before)  # the input is not changed


def test_reconcile_takes_surrogates_in_frames_and_claims() -> None:
    with pytest.warns(UnsafeTextWarning):
        report = claimrec.reconcile(_loose().iloc[1:])
    assert len(report.claims) == 2
    made = claimrec.claim("7", measure="deaths", reporter="Agency")
    hand_built = replace(made, measure_text=f"deaths{LONE}", counted=f"x{LONE}")
    with pytest.warns(UnsafeTextWarning):
        report = claimrec.reconcile([hand_built])
    _no_surrogate(report.claims)
    with pytest.warns(UnsafeTextWarning):
        claimrec.to_frame([hand_built]).to_parquet(Path("/dev/null"))


def test_claim_builder_replaces_surrogates() -> None:
    with pytest.warns(UnsafeTextWarning):
        made = claimrec.claim("7", measure=f"deaths{LONE}", quote=f"q{LONE}")
    assert made.sources[0].quote == f"q{REPLACEMENT}"
    assert made.id  # hashable: the id encodes its parts


def test_json_table_with_an_escaped_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    path.write_text('[{"value": "12", "measure": "deaths\\ud800"}]', encoding="utf-8")
    with pytest.warns(UnsafeTextWarning):
        table = claimrec.read_claims(path, errors="coerce")
    assert len(table) == 1
    _no_surrogate(table)


def test_safe_frame_leaves_clean_frames_alone() -> None:
    table = pd.DataFrame({"a": ["x", "é"], "n": [1, 2]})
    assert safe_frame(table) is table


_ANY_CODE_POINT = st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr))


@given(st.lists(_ANY_CODE_POINT, max_size=60).map("".join))
def test_extract_never_fails_on_any_code_point(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnsafeTextWarning)
        df = claimrec.extract(text + " 12 people died, police said.", published="2024-01-01")
    _no_surrogate(df)
