"""parse_value and Value: the dev table, the grammar, the reading policy, errors."""

from __future__ import annotations

import contextlib
import csv
import math
import pickle

import pytest
from conftest import DATA
from growth import growth, repeated
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimrecError, FigureError, UnitError
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.figures import clear_caches, parse_value
from claimrec.testing import figure_texts, overflowing_figure_texts, values
from claimrec.units import COUNT, parse_unit, unit_name
from claimrec.value import DEFAULT_TOLERANCE, KINDS, Bound, Value

INF = math.inf


def _dev_rows() -> list[dict[str, str]]:
    with (DATA / "values_dev.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


DEV_ROWS = _dev_rows()


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or math.isclose(a, b, rel_tol=1e-9)


@pytest.mark.parametrize("row", DEV_ROWS, ids=[row["text"] for row in DEV_ROWS])
def test_values_dev_table(row: dict[str, str]) -> None:
    value = parse_value(row["text"])
    stated = None if row["stated"] == "" else float(row["stated"])
    assert _close(value.stated, stated)
    assert _close(value.low, float(row["low"]))
    assert _close(value.high, float(row["high"]))
    assert value.low_closed is (row["low_closed"] == "true")
    assert value.high_closed is (row["high_closed"] == "true")
    assert value.kind == row["kind"]
    assert unit_name(value.unit) == row["unit"]


# --- grammar, dateutil style: (text, expected) tables -------------------------

GRAMMAR = [
    # qualifiers of every kind
    ("no less than 79", Value.at_least(79)),
    ("79 or more", Value.at_least(79)),
    ("30,000+", Value.at_least(30000, precision=10000)),
    ("upward of 400", Value.more_than(400)),
    ("greater than 5%", Value.more_than(5, unit="percent")),
    ("not more than 100", Value.at_most(100)),
    ("at the most 30", Value.at_most(30)),
    ("10 or fewer", Value.at_most(10)),
    ("well below 300", Value.less_than(300)),
    ("ca. 300", Value.approx(300)),
    ("estimated 300", Value.approx(300)),
    ("300 or so", Value.approx(300)),
    ("just over 500", Value.just_over(500)),
    ("slightly more than 500", Value.just_over(500)),
    ("just under 500", Value.nearly(500)),
    # numbers in digits and words
    ("1 500 people", Value.rounded(1500, precision=100)),
    ("1\u202f500", Value.rounded(1500, precision=100)),
    ("1\u2009500", Value.rounded(1500, precision=100)),
    ("0.25", Value.exact(0.25)),
    ("twenty-one", Value.exact(21)),
    ("twenty five soldiers", Value.exact(25)),
    ("one thousand", Value.rounded(1000, precision=1000)),
    ("a hundred", Value.exact(100)),
    ("two dozen", Value.exact(24)),
    ("three million", Value.rounded(3e6, precision=1e6)),
    ("1.5bn", Value.rounded(1.5e9, precision=1e8)),
    ("2 mln", Value.rounded(2e6, precision=1e6)),
    ("12m", Value.rounded(12e6, precision=1e6)),
    # money and units
    ("USD 350", Value.exact(350, unit="USD")),
    ("€1.5 billion", Value.rounded(1.5e9, precision=1e8, unit="EUR")),
    ("20,000 hryvnias", Value.rounded(20000, precision=1000, unit="UAH")),
    ("$10,000,000", Value.rounded(1e7, precision=1000, unit="USD")),
    ("5 km²", Value.exact(5, unit="km²")),
    ("750 square kilometres", Value.exact(750, unit="km²")),
    ("3 hours", Value.exact(3, unit="hour")),
    # ranges
    ("$1.5-2 billion", Value.between(1.5e9, 2e9, unit="USD")),
    ("10%-15%", Value.between(10, 15, unit="percent")),
    ("30 — 40", Value.between(30, 40)),
    ("two to three years", Value.between(2, 3, unit="year")),
    # vague amounts, including a multiplied one
    ("dozens", Value.vague(24, 99)),
    ("a couple", Value.vague(2, 2)),
    ("several hundred", Value.vague(300, 999)),
    ("millions of dollars", Value.vague(2e6, 9_999_999, unit="USD")),
    ("several months", Value.vague(3, 9, unit="month")),
    # lead words
    ("another 50", Value.exact(50)),
    ("a further 12", Value.exact(12)),
    ("only five", Value.exact(5)),
]


@pytest.mark.parametrize(("text", "expected"), GRAMMAR, ids=[row[0] for row in GRAMMAR])
def test_grammar(text: str, expected: Value) -> None:
    assert parse_value(text) == expected


POLICY_CASES = [
    ("11,000", Policy(round_figures=False), Value.exact(11000)),
    ("109", Policy(bare_counts="at_least"), Value.at_least(109)),
    ("11,000 people", Policy(bare_counts="at_least"), Value.at_least(11000, precision=1000)),
    ("5%", Policy(bare_counts="at_least"), Value.exact(5, unit="percent")),
    ("around 100", Policy(approx_tolerance=0.2), Value.approx(100, tolerance=0.2)),
    ("about 10 000", DEFAULT_POLICY, Value.approx(10000, precision=10000)),
    ("nearly 200", Policy(approx_tolerance=0.05), Value.nearly(200, tolerance=0.05)),
    (
        "dozens",
        Policy(vague_amounts=(("dozens", 13, 100),)),
        Value.vague(13, 100),
    ),
]


@pytest.mark.parametrize(
    ("text", "policy", "expected"),
    POLICY_CASES,
    ids=[f"{row[0]}-{i}" for i, row in enumerate(POLICY_CASES)],
)
def test_reading_policy(text: str, policy: Policy, expected: Value) -> None:
    assert parse_value(text, policy=policy) == expected


def test_round_figures_cover_half_a_unit_of_the_last_non_zero_digit() -> None:
    value = parse_value("10 000")
    assert (value.low, value.high, value.precision) == (5000, 15000, 10000)
    assert (value.low_closed, value.high_closed) == (True, False)
    assert value.kind == "exact"
    # money written in digits is read to the thousand at most
    assert parse_value("$10 000").precision == 1000
    # with a scale word the money cap does not apply
    assert parse_value("$2 billion").precision == 1e9


def test_bounds_use_the_figure_itself_not_its_rounding() -> None:
    assert parse_value("more than 100,000").low == 100000
    assert parse_value("at least 1.7 million").low == 1.7e6
    assert parse_value("under 1,000").high == 1000


def test_approx_is_never_narrower_than_the_rounding() -> None:
    value = parse_value("about 1 million")
    assert (value.low, value.high) == (500_000, 1_500_000)
    assert (value.low_closed, value.high_closed) == (True, True)


# --- named constructors and the record ------------------------------------------


def test_named_constructors() -> None:
    assert Value.exact(109) == Value(stated=109, low=109, high=109, kind="exact")
    assert (Value.at_least(124).low, Value.at_least(124).high) == (124, INF)
    more = Value.more_than(150)
    assert (more.low_closed, more.high_closed) == (False, False)
    assert (Value.at_most(1000).low, Value.at_most(1000).high) == (0, 1000)
    less = Value.less_than(20)
    assert (less.low, less.low_closed, less.high_closed) == (0, True, False)
    assert (Value.approx(12000, tolerance=0.1).low, Value.approx(12000).high) == (10800, 13200)
    assert (Value.between(30, 40).stated, Value.between(30, 40).kind) == (None, "range")
    assert Value.vague(24, 99).kind == "vague"
    rounded = Value.rounded(11000, precision=1000)
    assert (rounded.low, rounded.high, rounded.high_closed) == (10500, 11500, False)
    assert Value.exact(3, unit="months").unit == parse_unit("month")
    assert Value.at_most(-5).low == -INF


def test_value_is_frozen_slotted_and_keyword_only() -> None:
    value = Value.exact(1)
    with pytest.raises(AttributeError):
        value.low = 3  # type: ignore[misc]
    assert not hasattr(value, "__dict__")
    with pytest.raises(TypeError):
        Value(1, 1, 1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"stated": 5, "low": 6, "high": 4}, "low end is above high end"),
        ({"stated": 9, "low": 1, "high": 4}, "outside"),
        ({"stated": 1, "low": 1, "high": INF, "high_closed": True}, "infinite end"),
        ({"stated": 1, "low": 1, "high": 1, "high_closed": False}, "empty"),
        ({"stated": 1, "low": 1, "high": 2, "kind": "roughly"}, "kind"),
        ({"stated": math.nan, "low": 1, "high": 2}, "NaN"),
        ({"stated": 1, "low": 1, "high": 2, "precision": -1}, "precision"),
        ({"stated": 1, "low": 1, "high": 2, "unit": "furlongs of joy"}, "unit"),
    ],
)
def test_invalid_values_raise_figure_error(fields: dict[str, object], reason: str) -> None:
    with pytest.raises(FigureError, match=reason):
        Value(**fields)  # type: ignore[arg-type]


def test_bounds_are_an_enum_with_boolean_views() -> None:
    more = Value.more_than(150)
    assert (more.low_bound, more.high_bound) == (Bound.OPEN, Bound.OPEN)
    assert Value.exact(3).low_bound is Bound.CLOSED and Value.exact(3).low_closed is True
    with pytest.raises(TypeError, match="ambiguous"):
        bool(Bound.OPEN)
    assert ~Bound.OPEN is Bound.CLOSED
    # the constructor takes either spelling of a bound, never both for one end
    by_bound = Value(stated=1, low=1, high=2, high_bound=Bound.OPEN)
    assert by_bound == Value(stated=1, low=1, high=2, high_closed=False)
    with pytest.raises(FigureError, match="not both"):
        Value(stated=1, low=1, high=2, high_bound=Bound.OPEN, high_closed=False)


def test_the_record_default_tolerance_is_the_policy_default() -> None:
    # Value.approx needs no Policy; its default is the documented reading (DESIGN §5).
    assert DEFAULT_POLICY.approx_tolerance == DEFAULT_TOLERANCE


def test_is_count_with_unit_and_to() -> None:
    assert Value.exact(3).is_count
    assert not Value.exact(3, unit="%").is_count
    assert Value.exact(3).with_unit("hectare") == Value.exact(3, unit="hectare")
    acres = Value.between(1, 2, unit="hectare").to("acre")
    assert unit_name(acres.unit) == "acre"
    assert acres.low == pytest.approx(2.4710538, rel=1e-4)
    assert Value.at_least(1, unit="year").to("month").high == INF
    with pytest.raises(UnitError):
        Value.exact(1, unit="USD").to("EUR")


def test_values_pickle() -> None:
    value = parse_value("around 12,000 soldiers")
    assert pickle.loads(pickle.dumps(value)) == value


# --- the text form ---------------------------------------------------------------

TEXT_FORMS = [
    ("approx 12000 [10800, 13200] count precision=1000", parse_value("around 12,000")),
    ("at_least 124 [124, inf) count", Value.at_least(124)),
    ("more_than 2 (2, inf) year", Value.more_than(2, unit="year")),
    ("range [30, 40] count", Value.between(30, 40)),
    ("exact 20000 [19500, 20500) RUB precision=1000", parse_value("20,000 roubles")),
    ("exact 1.7 [1.7, 1.7] percent", parse_value("1.7 percent")),
]


@pytest.mark.parametrize(("text", "value"), TEXT_FORMS, ids=[row[0] for row in TEXT_FORMS])
def test_text_form(text: str, value: Value) -> None:
    assert str(value) == text == value.to_text()
    assert parse_value(text) == value


@given(values())
def test_text_form_round_trips(value: Value) -> None:
    back = parse_value(str(value))
    assert back == value
    assert (back.precision, back.kind, back.unit) == (value.precision, value.kind, value.unit)


@given(values())
def test_low_stated_high_are_ordered(value: Value) -> None:
    assert value.low <= value.high
    if value.stated is not None:
        assert value.low <= value.stated <= value.high
    assert value.kind in KINDS


@given(figure_texts())
def test_figure_texts_parse_into_ordered_values(text: str) -> None:
    value = parse_value(text)
    assert value.low <= value.high
    if value.stated is not None:
        assert value.low <= value.stated <= value.high
        assert value.kind not in ("range", "vague")


# --- errors ---------------------------------------------------------------------

ERRORS = [
    ("", "no figure"),
    ("   ", "no figure"),
    ("executions of POWs", "no figure"),
    ("109 and 124", "two figures"),
    ("at least 5, at least 9", "two figures"),  # "at least 5, at most 9" is a range
    ("in 2024, 109 cases", "before the figure"),
    ("40-30", "low end is above"),
    ("between 30", "between"),
    ("3rd", "ordinal"),
    ("45-year-old", "compound"),
    ("Nov 24", "no figure"),
    ("24 Nov", "date"),
    ("7 PM", "time"),
    ("1" * 40, "too many digits"),
    ("x" * 3000, "too long"),
    ("at least 30-40", "cannot apply to a range"),
    ("10 km to 5 USD", "different units"),
]


@pytest.mark.parametrize(("text", "reason"), ERRORS, ids=[row[0][:20] or "empty" for row in ERRORS])
def test_errors_name_field_text_and_reason(text: str, reason: str) -> None:
    with pytest.raises(FigureError) as caught:
        parse_value(text)
    error = caught.value
    assert error.field == "value"
    assert error.text == text
    assert reason in error.reason
    assert reason in str(error)


def test_arguments_of_the_wrong_type_raise_claimrec_errors() -> None:
    with pytest.raises(FigureError):
        parse_value(109)  # type: ignore[arg-type]
    with pytest.raises(ClaimrecError):
        parse_value("109", policy={"bare_counts": "exact"})  # type: ignore[arg-type]


@given(st.text(max_size=80))
def test_any_text_raises_only_claimrec_errors(text: str) -> None:
    try:
        value = parse_value(text)
    except ClaimrecError:
        return
    assert value.low <= value.high


@given(st.text(alphabet="0123456789,. -–%$k+~ ", max_size=60))
def test_any_number_soup_raises_only_claimrec_errors(text: str) -> None:
    with contextlib.suppress(ClaimrecError):
        parse_value(text)


def test_parse_value_is_cached() -> None:
    clear_caches()
    first = parse_value("around 12,000 soldiers")
    assert parse_value("around 12,000 soldiers") is first


HOSTILE_FIGURES = {
    "million digits": (repeated("1"), 1_000_000),
    "comma soup": (repeated("1,"), 1000),
    "long grouped number": (repeated(",000", prefix="1,000"), 300_000),
    "qualifiers": (repeated("at least "), 200),
    "nearly": (repeated("nearly ", suffix="5"), 200),
    "words": (repeated("a hundred and "), 150),
}


def _refused(text: str) -> None:
    clear_caches()  # parse_value remembers texts it has read
    with pytest.raises(FigureError):
        parse_value(text)


@pytest.mark.parametrize("name", list(HOSTILE_FIGURES))
def test_hostile_inputs_are_refused_in_linear_time(name: str) -> None:
    make, n = HOSTILE_FIGURES[name]
    _refused(make(n))
    ratio = growth(_refused, make, n)
    assert ratio < 4, f"{name}: {ratio:.1f}x linear growth"


def test_count_is_dimensionless() -> None:
    assert COUNT.dimensionless


# --- figures past a float's range (issue 14) ------------------------------------------

PAST_FLOAT_RANGE = [
    "1e308 billion",
    "more than 2.5e307 trillion people",
    "$9e300 lakh crore",
    "1e999",
    "4x10^400 hectares",
    "9^330 billion",
    "1.5e308 MUSD",
    "7e307 USD million",
    # a range whose ends share a scale or a unit: the shared scale made the low end
    # -inf, and its widening by a zero tolerance NaN ("low is not a number")
    "-1e308 to1dozen",
    "between -1e308 and 2 dozen",
    "-1e308 km to 5 m",
    # widened by the tolerance past the range
    "about 1.7e308",
    "some 1.7e308 to 1.79e308 tonnes",
]


@pytest.mark.parametrize("text", PAST_FLOAT_RANGE, ids=PAST_FLOAT_RANGE)
def test_figures_past_a_floats_range_are_refused_naming_the_text(text: str) -> None:
    with pytest.raises(FigureError) as caught:
        parse_value(text)
    assert (caught.value.field, caught.value.text) == ("value", text)
    assert "too large" in caught.value.reason


@given(overflowing_figure_texts())
def test_any_overflowing_figure_is_a_figure_error(text: str) -> None:
    with pytest.raises(FigureError, match="too large"):
        parse_value(text)


def test_the_largest_finite_figures_are_still_read() -> None:
    assert parse_value("1.5e308").stated == 1.5e308
    assert parse_value("1e290 billion").stated == pytest.approx(1e299)


def test_normalize_coerce_keeps_an_overflowing_figure_as_its_rows_error() -> None:
    import pandas as pd

    from claimrec.errors import ClaimsFrameError
    from claimrec.frame import normalize

    frame = pd.DataFrame(
        {"value": ["1e308 billion", "5", "3e300 trillion dollars"], "measure": ["deaths"] * 3}
    )
    out = normalize(frame, errors="coerce")
    assert len(out) == 3
    assert out["error"].isna().tolist() == [False, True, False]
    assert "too large" in out["error"].iloc[0]
    with pytest.raises(ClaimsFrameError) as caught:
        normalize(frame)
    assert {error.row for error in caught.value.errors} == {0, 2}
