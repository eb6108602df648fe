"""normalize on any cell of any dtype: coerce never raises, raise raises only
ClaimsFrameError; rows in = rows out, index kept, one error per failed row."""

from __future__ import annotations

import contextlib
import io
import math
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimrec
from claimrec.errors import UnsafeTextWarning
from claimrec.testing import messy_frames


def _coerce(frame: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnsafeTextWarning)
        return claimrec.normalize(frame, errors="coerce")


def _check_coerced(frame: pd.DataFrame, out: pd.DataFrame) -> None:
    assert len(out) == len(frame)
    assert list(out.index) == list(frame.index)
    for error, claim_id in zip(out["error"], out["claim_id"], strict=True):
        failed = not pd.isna(error)
        assert failed == pd.isna(claim_id)
        if failed:
            parts = str(error).split("; ")
            assert len(parts) == len(set(parts)), error  # no message twice


@settings(max_examples=80)
@given(messy_frames())
def test_coerce_never_raises_on_loose_frames(frame: pd.DataFrame) -> None:
    before = frame.copy()
    out = _coerce(frame)
    _check_coerced(frame, out)
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnsafeTextWarning)
        failed = int(out["error"].notna().sum())
        if not failed:
            claimrec.normalize(frame, errors="raise")
            return
        with pytest.raises(claimrec.ClaimsFrameError) as caught:
            claimrec.normalize(frame, errors="raise")
    rows = {e.row for e in caught.value.errors}
    assert len(rows) == failed or len(set(frame.index)) < len(frame)
    assert str(caught.value).startswith(f"{len(rows)} row(s)")


@settings(max_examples=60)
@given(messy_frames(canonical=True))
def test_coerce_never_raises_on_canonical_frames(frame: pd.DataFrame) -> None:
    out = _coerce(frame)
    _check_coerced(frame, out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnsafeTextWarning)
        with contextlib.suppress(claimrec.ClaimsFrameError):
            claimrec.normalize(frame, errors="raise")


@given(st.sampled_from(["value", "measure", "reporter", "via", "window", "published"]))
def test_a_list_in_any_cell_fails_that_row_only(column: str) -> None:
    frame = pd.DataFrame(
        {"value": ["12", "30"], "measure": ["deaths", "deaths"], "published": ["2024", "2024"]},
        dtype=object,
    )
    frame[column] = pd.Series([[1, 2], frame[column].iloc[1] if column in frame else None])
    out = claimrec.normalize(frame, errors="coerce")
    assert out["error"].iloc[0].startswith(f"row 0, {column}: '[1, 2]': expected text")
    assert pd.isna(out["error"].iloc[1])


def test_a_span_that_is_not_an_offset_names_its_row() -> None:
    frame = pd.DataFrame(
        {"value": ["12"], "measure": ["deaths"], "span_start": ["abc"], "span_end": [3]}
    )
    out = claimrec.normalize(frame, errors="coerce")
    assert "row 0, span" in out["error"].iloc[0]
    with pytest.raises(claimrec.ClaimsFrameError, match="row 0, span"):
        claimrec.normalize(frame)


def test_a_column_of_years_from_read_csv_is_read() -> None:
    frame = pd.read_csv(io.StringIO("value,measure,published\n12,deaths,2024\n30,deaths,2023\n"))
    assert frame["published"].dtype.kind == "i"
    out = claimrec.normalize(frame)
    assert list(out["published"]) == ["2024", "2023"]


def test_one_bad_date_is_reported_once_for_its_row() -> None:
    frame = pd.DataFrame({"value": ["12"], "measure": ["deaths"], "published": ["not a date"]})
    out = claimrec.normalize(frame, errors="coerce")
    assert out["error"].iloc[0].count("published") == 1
    with pytest.raises(claimrec.ClaimsFrameError) as caught:
        claimrec.normalize(frame)
    assert str(caught.value).startswith("1 row(s) could not be read")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ((-5.0, 3.0), "a count cannot be negative"),
        (-2, "a count cannot be negative"),
        ("12 bananas per fortnight", "'bananas per fortnight' is not a unit"),
        ("5 km per fortnight", "is not a unit claimrec reads"),
        ("40 deaths a day", "is not a unit claimrec reads"),
        (10**400, "too large"),
    ],
)
def test_values_no_claim_can_hold_are_refused(value: object, reason: str) -> None:
    with pytest.raises(claimrec.ClaimrecError, match=reason) as caught:
        claimrec.claim(value, measure="deaths")  # type: ignore[arg-type]
    assert caught.value.field in ("value", "unit")
    assert caught.value.text


def test_a_rate_with_a_unit_of_its_own_is_kept() -> None:
    made = claimrec.claim("5", unit="km/h", measure="speed of the convoy")
    assert claimrec.unit_name(made.unit) == "kilometer/hour"
    assert claimrec.claim("12 bananas", measure="bananas eaten").value.low == 12


def test_a_nan_bound_on_a_closed_end_is_refused() -> None:
    table = claimrec.to_frame([claimrec.claim("12", measure="deaths")])
    table.loc[0, "high"] = math.nan
    out = claimrec.normalize(table, errors="coerce")
    assert "high" in out["error"].iloc[0] and "NaN" in out["error"].iloc[0]
    with pytest.raises(claimrec.ClaimsFrameError, match="row 0, high"):
        claimrec.from_frame(table)
    open_end = claimrec.to_frame([claimrec.claim("over 12", measure="deaths")])
    open_end.loc[0, "high"] = math.nan  # JSON's null for an open end: unbounded
    assert claimrec.from_frame(open_end)[0].value.high == math.inf
