"""Claims as DataFrames: normalize, round trips through files, errors that keep rows."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEEDS_CSV
from hypothesis import given, settings
from hypothesis import strategies as st

import claimrec
from claimrec.errors import ClaimsFrameError
from claimrec.frame import CANONICAL_COLUMNS, from_frame, normalize, to_frame
from claimrec.testing import claims as claim_lists
from claimrec.testing import claims_tables, loose_frames, mention_frames


@pytest.fixture(scope="module")
def seeds_frame() -> pd.DataFrame:
    return pd.read_csv(SEEDS_CSV)


def test_seed_claims_normalize(seeds_frame: pd.DataFrame) -> None:
    out = normalize(seeds_frame)
    assert list(out.columns) == list(CANONICAL_COLUMNS)
    assert len(out) == len(seeds_frame)
    assert out.index.equals(seeds_frame.index)
    pg = out.iloc[0]
    assert pg["low"] == 124 and math.isinf(pg["high"]) and pg["kind"] == "at_least"
    assert str(pg["end_latest"]) == "2024-11-06"
    assert pg["reporter"] == "Office of the Prosecutor General of Ukraine"


def test_pow_execution_phrasings_of_the_seed_table_meet(seeds_frame: pd.DataFrame) -> None:
    out = normalize(seeds_frame)
    executions = out[
        out["reporter"].isin(
            [
                "Office of the Prosecutor General of Ukraine",
                "Defence Intelligence of Ukraine (HUR)",
                "Amnesty International",
                "Ukrainian Parliament Commissioner for Human Rights (Dmytro Lubinets)",
                "UN Human Rights Monitoring Mission in Ukraine",
            ]
        )
        & out["measure_text"].str.contains("xecut")
    ]
    executions = executions[~executions["measure_text"].str.contains("incidents|share")]
    assert executions["measure"].nunique() == 1
    assert len(executions) == 7


def test_canonical_dtypes(seeds_frame: pd.DataFrame) -> None:
    out = normalize(seeds_frame)
    assert out["low"].dtype == "float64"
    assert out["low_closed"].dtype == "boolean"
    assert out["span_start"].dtype == "Int64"
    assert out["kind"].dtype == "string"


def test_input_is_not_mutated_and_index_is_kept() -> None:
    df = pd.DataFrame(
        {"value": ["over 150", "109"], "measure": ["executions", "executions"]},
        index=["b", "a"],
    )
    before = df.copy()
    out = normalize(df)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == ["b", "a"]


def test_columns_mapping() -> None:
    df = pd.DataFrame({"Figure": ["at least 124"], "What": ["executions of POWs"]})
    out = normalize(df, columns={"Figure": "value", "What": "measure"})
    assert out.loc[0, "kind"] == "at_least"


def test_coerce_keeps_failed_rows_with_an_error_column() -> None:
    df = pd.DataFrame(
        {
            "value": ["at least 124", "lots", "109"],
            "measure": ["executions", "executions", "executions"],
            "window": ["since 2022", "in 2024", "last week"],
            "published": ["2024-11-11", "2025", None],
        },
        index=[10, 11, 12],
    )
    out = normalize(df, errors="coerce")
    assert list(out.index) == [10, 11, 12]
    assert pd.isna(out.loc[10, "error"])
    assert "value" in out.loc[11, "error"] and "lots" in out.loc[11, "error"]
    assert "window" in out.loc[12, "error"] and "reference" in out.loc[12, "error"]
    assert pd.isna(out.loc[11, "low"])


def test_raise_lists_every_failure_not_just_the_first() -> None:
    df = pd.DataFrame(
        {
            "value": ["lots", "109", "many"],
            "measure": ["executions", "executions", "executions"],
            "unit": [None, "parsecs of joy", None],
        },
        index=["r1", "r2", "r3"],
    )
    with pytest.raises(ClaimsFrameError) as caught:
        normalize(df)
    error = caught.value
    assert isinstance(error, ValueError)
    assert [e.row for e in error.errors] == ["r1", "r2", "r3"]
    assert [e.field for e in error.errors] == ["value", "unit", "value"]
    assert "'lots'" in str(error) and "'many'" in str(error)


def test_missing_required_column_is_named() -> None:
    with pytest.raises(claimrec.ClaimrecError) as caught:
        normalize(pd.DataFrame({"value": ["1"]}))
    assert caught.value.field == "measure"


def test_window_start_and_end_columns() -> None:
    df = pd.DataFrame(
        {
            "value": [109],
            "measure": ["executions"],
            "window_start": ["2024-01-01"],
            "window_end": ["2024-12-31"],
        }
    )
    out = normalize(df)
    assert str(out.loc[0, "start_earliest"]) == "2024-01-01"
    assert str(out.loc[0, "end_latest"]) == "2024-12-31"


def test_accessor_is_thin_over_normalize(seeds_frame: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(seeds_frame.claimrec.normalize(), normalize(seeds_frame))


def test_mentions_share_a_claim_id(seeds_frame: pd.DataFrame) -> None:
    out = normalize(seeds_frame)
    amnesty = out[(out["reporter"] == "Amnesty International") & (out["stated"] == 109)]
    assert amnesty["claim_id"].nunique() == 1
    assert len(from_frame(amnesty)) == 1
    assert len(from_frame(amnesty)[0].sources) == 2


# --- round trips -------------------------------------------------------------------------


def _csv_round_trip(frame: pd.DataFrame, tmp: Path) -> pd.DataFrame:
    path = tmp / "claims.csv"
    frame.to_csv(path, index=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _json_round_trip(frame: pd.DataFrame, tmp: Path) -> pd.DataFrame:
    text = frame.to_json(orient="records", date_format="iso", default_handler=str)
    return pd.read_json(io.StringIO(text), orient="records", dtype=False)


def _parquet_round_trip(frame: pd.DataFrame, tmp: Path) -> pd.DataFrame:
    path = tmp / "claims.parquet"
    frame.to_parquet(path)
    return pd.read_parquet(path)


@pytest.mark.parametrize(
    "trip",
    [
        pytest.param(_csv_round_trip, id="csv"),
        pytest.param(_json_round_trip, id="json"),
        pytest.param(_parquet_round_trip, id="parquet"),
    ],
)
def test_file_round_trips_lose_nothing_on_the_seeds(
    trip: object, seeds_frame: pd.DataFrame, tmp_path: Path
) -> None:
    claims = from_frame(normalize(seeds_frame))
    back = from_frame(trip(to_frame(claims), tmp_path))  # type: ignore[operator]
    assert back == claims
    assert [c.sources for c in back] == [c.sources for c in claims]


@given(claim_lists())
def test_from_frame_of_to_frame_is_identity(items: list[claimrec.Claim]) -> None:
    # Every row is a mention: merged, they are the claims' own mentions.
    back = claimrec.merge_mentions(from_frame(to_frame(items)))
    assert back == claimrec.merge_mentions(items)
    assert [c.sources for c in back] == [c.sources for c in claimrec.merge_mentions(items)]


@given(claim_lists(max_size=4))
def test_parquet_csv_json_round_trips(items: list[claimrec.Claim]) -> None:
    import tempfile

    expected = claimrec.merge_mentions(items)
    with tempfile.TemporaryDirectory() as tmp:
        for trip in (_csv_round_trip, _json_round_trip, _parquet_round_trip):
            back = claimrec.merge_mentions(from_frame(trip(to_frame(items), Path(tmp))))
            assert back == expected, trip.__name__
            assert [c.sources for c in back] == [c.sources for c in expected]


@given(loose_frames())
def test_normalize_keeps_rows_order_and_index(df: pd.DataFrame) -> None:
    out = normalize(df, errors="coerce")
    assert len(out) == len(df)
    assert out.index.equals(df.index)
    assert "error" in out.columns


@given(loose_frames())
def test_normalize_is_idempotent(df: pd.DataFrame) -> None:
    once = normalize(df, errors="coerce")
    twice = normalize(once, errors="coerce")
    pd.testing.assert_frame_equal(
        once.drop(columns="error"), twice.drop(columns="error"), check_dtype=True
    )
    assert once["error"].isna().equals(twice["error"].isna())


@given(st.lists(st.sampled_from(["at least 124", "109", "dozens", "x"]), max_size=30))
def test_rows_in_equal_rows_out_with_coerce(values: list[str]) -> None:
    df = pd.DataFrame({"value": values, "measure": ["executions"] * len(values)})
    out = normalize(df, errors="coerce")
    assert len(out) == len(values)
    assert out["error"].notna().sum() == values.count("x")


def test_normalize_reads_modality_and_keeps_it_through_a_round_trip() -> None:
    df = pd.DataFrame(
        {
            "value": ["900", "900", "1,000"],
            "measure": ["new jobs"] * 3,
            "window": ["2025"] * 3,
            "modality": [None, "forecast", "Estimated"],
            "reporter_text": ["the ministry said", None, None],
        }
    )
    out = normalize(df)
    assert list(out["modality"]) == ["reported", "forecast", "estimated"]
    assert out.loc[0, "claim_id"] != out.loc[1, "claim_id"]
    assert out.loc[0, "reporter_text"] == "the ministry said"
    back = to_frame(from_frame(out))
    assert list(back["modality"]) == ["reported", "forecast", "estimated"]


def test_normalize_refuses_an_unknown_modality_naming_the_row() -> None:
    df = pd.DataFrame({"value": ["900"], "measure": ["new jobs"], "modality": ["rumour"]})
    out = normalize(df, errors="coerce")
    assert out["modality"].isna().all()
    assert "modality" in str(out.loc[0, "error"])


@given(mention_frames())
def test_to_frame_of_from_frame_gives_the_frame_back(frame: pd.DataFrame) -> None:
    # Every mention's own texts, the row order and the caller's index survive.
    back = to_frame(from_frame(frame))
    pd.testing.assert_frame_equal(back, frame)


def test_each_mention_keeps_its_own_figure_text() -> None:
    rows = [
        claimrec.claim("two", measure="deaths", reporter="UN", published="2024-01-02", via="A"),
        claimrec.claim("5", measure="injuries", via="C"),
        claimrec.claim("2", measure="deaths", reporter="UN", published="2024-01-02", via="B"),
    ]
    frame = to_frame(rows).set_axis(["x", "y", "z"])
    assert frame["claim_id"]["x"] == frame["claim_id"]["z"]  # one claim, two mentions
    back = to_frame(from_frame(frame))
    assert list(back.index) == ["x", "y", "z"]
    assert list(back["value_text"]) == ["two", "5", "2"]


def test_normalize_reads_with_the_lexicon_given() -> None:
    hedged = claimrec.DEFAULT_LEXICON.with_qualifiers({"give or take": "approx"}).with_unit_aliases(
        {"bucks": "USD"}
    )
    df = pd.DataFrame(
        {
            "value": ["give or take 40", "900 bucks", "give or take 40"],
            "measure": ["repairs paid for", "repairs paid for", "wells dug in the valley"],
        }
    )
    out = normalize(df, lexicon=hedged)
    assert out["kind"].tolist() == ["approx", "exact", "approx"]
    assert (out.loc[0, "low"], out.loc[0, "high"]) == (36, 44)
    assert out.loc[1, "unit"] == "USD"
    plain = normalize(df, errors="coerce")
    assert plain["error"].notna().sum() >= 2  # the default lexicon reads neither phrase


def _row_by_row(df: pd.DataFrame) -> pd.DataFrame:
    """Each row through normalize on its own: the table read at once must equal this."""
    parts = [normalize(df.iloc[[i]], errors="coerce") for i in range(len(df))]
    return pd.concat(parts) if parts else normalize(df, errors="coerce")


@settings(max_examples=60, deadline=None)
@given(df=st.one_of(loose_frames(), claims_tables(max_rows=25)))
def test_a_table_read_at_once_equals_its_rows_read_one_by_one(df: pd.DataFrame) -> None:
    # normalize reads each distinct cell (or combination) once and spreads the
    # readings onto the rows: no row may see another row's reading.
    whole = normalize(df, errors="coerce")
    alone = _row_by_row(df)
    assert len(whole) == len(alone) == len(df)
    for name in whole.columns:
        left = whole[name].reset_index(drop=True)
        right = alone[name].reset_index(drop=True).astype(left.dtype)
        assert left.equals(right), name


def test_window_dates_read_once_whatever_their_publication_day() -> None:
    # A (start, end) pair does not depend on the publication date, unless that date
    # cannot be read: then the row fails, naming the date.
    df = pd.DataFrame(
        {
            "value": ["12", "12", "12", "12"],
            "measure": ["wells dug"] * 4,
            "window_start": ["2024-01-01"] * 4,
            "window_end": ["2024-02-01"] * 4,
            "published": ["2024-03-01", "2024-04-01", "not a date", None],
        }
    )
    out = normalize(df, errors="coerce")
    assert out["end_latest"].iloc[[0, 1, 3]].astype(str).tolist() == ["2024-02-01"] * 3
    assert out["error"].isna().tolist() == [True, True, False, True]
    assert "published" in str(out.loc[2, "error"])
    assert out["claim_id"].iloc[0] == out["claim_id"].iloc[1] == out["claim_id"].iloc[3]


# --- the bulk paths of normalize give what the cell-by-cell readings give ---------------

# Text with every kind of spacing folding meets: runs, ends, tabs and line breaks, the
# ASCII separators str.split treats as space, and white space beyond ASCII.
_SPACED_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"ab/:.-é1 ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\xa0", "\u2003", "\u3000"]
    ),
    max_size=12,
)


@given(st.lists(_SPACED_TEXT, max_size=20))
def test_folding_a_column_at_once_equals_folding_each_cell(cells: list[str]) -> None:
    from claimrec.frame.columns import _folded, _folded_all

    assert _folded_all(cells) == [_folded(cell) for cell in cells]


@given(st.lists(st.one_of(_SPACED_TEXT, st.integers(), st.floats(), st.none()), max_size=20))
def test_cleaning_a_column_at_once_equals_cleaning_each_cell(cells: list[object]) -> None:
    from claimrec.frame.columns import _clean, _clean_all, _folded, _folded_all

    cleaned, expected = _clean_all(cells), [_clean(cell) for cell in cells]
    assert [repr(c) for c in cleaned] == [repr(c) for c in expected]  # NaN is not NaN
    assert [repr(c) for c in _folded_all(cells)] == [repr(_folded(c)) for c in cells]


_NAME = st.text(max_size=6)


_MODALITY = st.sampled_from(["reported", "forecast", "planned"])


@given(st.lists(st.tuples(_NAME, _NAME, _NAME, _NAME, _NAME, st.none() | _NAME, _MODALITY)))
def test_claim_ids_of_a_batch_are_those_of_each_claim(
    rows: list[tuple[str, str, str, str, str, str | None, str]],
) -> None:
    from claimrec.record import claim_identities, claim_identity

    assert claim_identities(rows) == [
        claim_identity(
            reporter=r, measure=m, measure_kind=k, window=w, value=v, method=t, modality=o
        )
        for r, m, k, w, v, t, o in rows
    ]
