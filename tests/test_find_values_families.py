"""Figure families of issue 11, as case tables in our own words, and a negative corpus.

Each table row is (id, running text, the figure text expected, its Value). The
negative corpus lists text in which no figure (or no bound, or no range) may be
read. Property tests state that dates, phone numbers and product codes never
give a figure, and that reading stays linear on large hostile input.
"""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimrec.read.figures import clear_caches, find_values, parse_value
from claimrec.testing import date_texts, phone_texts, product_codes
from claimrec.value import Bound, Value


def _one(text: str) -> tuple[str, Value]:
    found = find_values(text)
    assert len(found) == 1, [(m.text, str(m.value)) for m in found]
    return found[0].text, found[0].value


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _assert_figure(text: str, figure: str, stated: float) -> None:
    """The one figure of ``text`` is written ``figure`` and states ``stated``."""
    found, value = _one(text)
    assert found == figure
    assert value.stated is not None and _close(value.stated, stated)


# (id, text, figure text, stated value)
NUMBERS = [
    ("minus-sign", "The reading fell to -7 overnight.", "-7", -7.0),
    ("minus-sign-decimal", "Core inflation was -2.4% in May.", "-2.4%", -2.4),
    ("unicode-minus", "It closed at −15 points.", "−15", -15.0),
    ("minus-word", "The wind chill reached minus 12 degrees.", "minus 12 degrees", -12.0),
    ("negative-word", "Growth came in at negative three percent.", "negative three percent", -3.0),
    ("scientific-e", "The sample held 4.5e6 cells.", "4.5e6", 4.5e6),
    ("scientific-signed", "A constant near 6.02e+23 appears.", "6.02e+23", 6.02e23),
    ("scientific-times", "A share of 3.1x10^-4 remained.", "3.1x10^-4", 3.1e-4),
    ("leading-point", "The rate moved by .25 overnight.", ".25", 0.25),
    ("fraction-digits", "Only 2/3 of the budget was spent.", "2/3", 2 / 3),
    ("mixed-fraction", "The pipe is 4 1/2 metres long.", "4 1/2 metres", 4.5),
    ("vulgar-fraction", "Add ¾ of the flour.", "¾", 0.75),
    ("glued-vulgar", "The board is 12½ wide.", "12½", 12.5),
    ("fraction-words", "Two thirds of voters agreed.", "Two thirds", 2 / 3),
    ("fraction-article", "A quarter of homes lost power.", "A quarter", 0.25),
    ("fraction-plural", "Seven eighths of the field was flooded.", "Seven eighths", 7 / 8),
    ("compound-ordinal", "One twentieth of the stock was lost.", "One twentieth", 0.05),
    ("and-a-half", "The talks lasted two and a half days.", "two and a half days", 2.5),
    ("half-a-million", "Organisers counted half a million marchers.", "half a million", 5e5),
    ("quarter-million", "A quarter million tickets sold.", "A quarter million", 2.5e5),
    (
        "fraction-scale",
        "Three quarters of a billion was raised.",
        "Three quarters of a billion",
        7.5e8,
    ),
    (
        "words-and-a-half-scale",
        "It drew four and a half million viewers.",
        "four and a half million",
        4.5e6,
    ),
    ("scale-and-a-half", "They owe 2 million and a half.", "2 million and a half", 2.5e6),
    ("point-words", "The index stood at six point two five.", "six point two five", 6.25),
    ("nought", "It scored nought point seven.", "nought point seven", 0.7),
    ("digits-hundred", "We counted 7 hundred boats.", "7 hundred", 700.0),
    ("digits-scales", "A fleet of 2 thousand 4 hundred trucks.", "2 thousand 4 hundred", 2400.0),
    ("thousand-and", "They hired two thousand and fifty staff.", "two thousand and fifty", 2050.0),
    ("dozens-count", "She baked four dozen rolls.", "four dozen", 48.0),
    ("lakh", "The scheme reached 45 lakh farmers.", "45 lakh", 4.5e6),
    ("crore", "The fund holds 3 crore rupees.", "3 crore rupees", 3e7),
    ("lakh-crore", "Spending hit two lakh crore.", "two lakh crore", 2e12),
    ("indian-grouping", "The bill came to 3,45,678.50 in total.", "3,45,678.50", 345678.5),
    ("suffix-tn", "Debt of 2 tln was reported.", "2 tln", 2e12),
]


@pytest.mark.parametrize(
    ("text", "figure", "stated"), [row[1:] for row in NUMBERS], ids=[row[0] for row in NUMBERS]
)
def test_number_families(text: str, figure: str, stated: float) -> None:
    _assert_figure(text, figure, stated)


# (id, text, figure text, value text form prefix: kind and ends)
BOUNDS = [
    ("no-less-than", "No less than 40 ships docked.", Value.at_least(40)),
    ("less-or-equal", "Loads less than or equal to 90 pass.", Value.at_most(90)),
    ("equal-or-more", "Marks equal to or more than 70 qualify.", Value.at_least(70)),
    ("or-greater", "Applicants aged 30 or greater may vote.", None),
    ("exceeding", "Fines exceeding 500 were waived.", Value.more_than(500)),
    ("surpass", "Sales could surpass 9000 units.", Value.more_than(9000, unit="count")),
    ("strict-then-inclusive", "Bids more than 60 or equal to it win.", Value.at_least(60)),
    ("negative-bound", "Temperatures <= -30 are rare.", Value.at_most(-30)),
]


@pytest.mark.parametrize(
    ("text", "expected"), [row[1:] for row in BOUNDS], ids=[row[0] for row in BOUNDS]
)
def test_bound_families(text: str, expected: Value | None) -> None:
    found = find_values(text)
    assert len(found) == 1
    value = found[0].value
    if expected is None:  # "aged 30 or greater" is an age only in running text read there
        assert value.kind in ("at_least", "exact")
        return
    assert (value.kind, value.low, value.high) == (expected.kind, expected.low, expected.high)
    assert (value.low_bound, value.high_bound) == (expected.low_bound, expected.high_bound)


OPEN, CLOSED = Bound.OPEN, Bound.CLOSED
RANGES = [
    ("above-and-below", "Readings above 10 and below 20 were kept.", 10, 20, OPEN, OPEN),
    ("at-most-and-at-least", "Crews of at most 12 and at least 4 sailed.", 4, 12, CLOSED, CLOSED),
    ("greater-and-at-most", "Bands greater than 3 and at most 9 apply.", 3, 9, OPEN, CLOSED),
    ("units-both-ends", "Doses of 20 mg to 25 mg were given.", 20, 25, CLOSED, CLOSED),
    ("between-negative", "Between -5 and 5 percent moved.", -5, 5, CLOSED, CLOSED),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "low", "high", "low_bound", "high_bound"),
    [row[1:] for row in RANGES],
    ids=[row[0] for row in RANGES],
)
def test_range_families(
    text: str, low: float, high: float, low_bound: Bound, high_bound: Bound
) -> None:
    _, value = _one(text)
    assert value.kind == "range"
    assert (value.low, value.high, value.low_bound, value.high_bound) == (
        low, high, low_bound, high_bound,
    )  # fmt: skip


# (id, text, figure text, stated, unit name)
UNITS = [
    ("glued-gb", "The phone ships with 512GB of storage.", "512GB", 512, "gigabyte"),
    ("glued-kw", "A 3kW heater was fitted.", "3kW", 3, "kilowatt"),
    ("glued-mph", "Gusts hit 70mph on the coast.", "70mph", 70, "mile/hour"),
    ("glued-pc", "Turnout rose 18pc this year.", "18pc", 18, "percent"),
    ("mg", "Each tablet has 250 mg of salt.", "250 mg", 250, "milligram"),
    ("mw", "The plant adds 400 MW.", "400 MW", 400, "megawatt"),
    ("cents", "Shares fell 34 cents.", "34 cents", 34, "cent_usd"),
    ("pence", "The stock closed at 210 pence.", "210 pence", 210, "penny_gbp"),
    ("rate-per-hour", "It did 90 km per hour.", "90 km per hour", 90, "kilometer/hour"),
    ("rate-an-hour", "Winds of 40 miles an hour.", "40 miles an hour", 40, "mile/hour"),
    ("hyphen-adjective", "A 12-inch pipe burst.", "12-inch", 12, "inch"),
    ("word-adjective", "The four-mile walk ended.", "four-mile", 4, "mile"),
    ("bracketed-unit", "The load is 30 (kg).", "30 (kg)", 30, "kilogram"),
    ("percentage-word", "A 40 percentage drop.", "40 percentage", 40, "percent"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "stated", "unit"), [row[1:] for row in UNITS], ids=[row[0] for row in UNITS]
)
def test_unit_families(text: str, figure: str, stated: float, unit: str) -> None:
    found, value = _one(text)
    assert found == figure
    assert value.stated == stated
    assert str(value).split()[-1 if value.precision is None else -2] == unit


CURRENCIES = [
    ("us-dollar-prefix", "It cost US$ 40 million.", 4e7, "USD"),
    ("canadian-prefix", "A C$ 12 fee applies.", 12, "CAD"),
    ("hong-kong-prefix", "Sales of HK$ 3.5 billion.", 3.5e9, "HKD"),
    ("australian-glued", "Tickets cost A$15.", 15, "AUD"),
    ("rupee-sign", "Fares rose to ₹ 250.", 250, "INR"),
    ("rs-prefix", "The fee is Rs. 400 now.", 400, "INR"),
    ("ringgit-prefix", "A fine of RM 500 applies.", 500, "MYR"),
    ("symbol-after", "Lunch was 12 € each.", 12, "EUR"),
    ("dollars-and-cents", "It only cost 7 dollars 25 cents.", 7.25, "USD"),
    ("dollars-and-number", "It costs 9 dollars and 50.", 9.5, "USD"),
    ("million-code", "Losses above 40 MEUR were booked.", 4e7, "EUR"),
    ("code-then-scale", "They paid 60 USD million.", 6e7, "USD"),
]


@pytest.mark.parametrize(
    ("text", "stated", "unit"), [row[1:] for row in CURRENCIES], ids=[row[0] for row in CURRENCIES]
)
def test_currency_families(text: str, stated: float, unit: str) -> None:
    found = find_values(text)
    assert len(found) == 1, [(m.text, str(m.value)) for m in found]
    value = found[0].value
    assert value.stated is not None and _close(value.stated, stated)
    assert str(value.unit) == unit


# Text in which no figure is read at all.
NO_FIGURE = [
    ("day-range", "The fair runs May 12-16 in the old town."),
    ("phone-plus-spaced", "Call +44 20 7946 0958 for tickets."),
    ("phone-dashes", "Ring 555-0100-22 after work."),
    ("part-code", "Part 12-345-678 was recalled."),
    ("score", "The home side won 3-1 on Sunday."),
    ("score-draw", "It ended in a 2-2 draw."),
    ("tally", "The motion passed 52-48."),
    ("leading-zero-code", "Use code 0042 at checkout."),
    ("date-slash", "It was signed on 22/04 last year."),
    ("url", "See https://example.org/report?id=30%25 for more."),
    ("console", "He bought a PS5 console."),
    ("age", "A 45-year-old man was held."),
]


@pytest.mark.parametrize("text", [row[1] for row in NO_FIGURE], ids=[row[0] for row in NO_FIGURE])
def test_negative_corpus_has_no_figure(text: str) -> None:
    assert find_values(text) == []


# Text whose figures are read, but as no bound or range.
NO_BOUND = [
    ("change-then-level", "The index slipped 0.3 per cent to 21,450.", ["exact", "exact"]),
    ("grew-to", "Sales grew 12% last year to 4.2 million.", ["exact", "exact"]),
    ("revised-up-to", "Hiring was revised up to 184,000 from 171,000.", ["exact", "exact"]),
    ("climbed-back-up-to", "Joblessness climbed back up to 5.1 percent.", ["exact"]),
    ("over-a-span", "The firm will invest $2bn over 5 years.", ["exact", "exact"]),
    ("scores-verb", "She scores 30 points a game.", ["exact"]),
]


@pytest.mark.parametrize(
    ("text", "kinds"), [row[1:] for row in NO_BOUND], ids=[row[0] for row in NO_BOUND]
)
def test_negative_corpus_has_no_bound(text: str, kinds: list[str]) -> None:
    assert [m.value.kind for m in find_values(text)] == kinds


def test_over_a_span_of_time_without_a_figure_before_is_still_a_bound() -> None:
    assert find_values("He spent over two years in captivity.")[0].value.kind == "more_than"


def test_scores_of_people_is_vague() -> None:
    assert find_values("Scores of people were hurt.")[0].value.kind == "vague"


def test_parse_value_reads_the_new_families() -> None:
    assert parse_value("two thirds").stated == pytest.approx(2 / 3)
    assert parse_value("minus 5").stated == -5
    assert parse_value("1.5e3").stated == 1500
    assert parse_value("between -5 and 5").low == -5


def test_new_values_round_trip_through_the_text_form() -> None:
    for text in ("two thirds", "-2.4%", "34 cents", "90 km/h", "above 10 and below 20"):
        value = parse_value(text)
        assert Value.from_text(str(value)) == value


@given(st.one_of(date_texts(), phone_texts(), product_codes()))
def test_no_figure_from_dates_phones_and_codes(text: str) -> None:
    assert find_values(f"It was listed as {text} in the file.") == []


@given(st.one_of(date_texts(), phone_texts(), product_codes()))
def test_no_figure_from_them_alone(text: str) -> None:
    assert find_values(text) == []


def _reading_time(text: str) -> float:
    clear_caches()
    started = time.perf_counter()
    find_values(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "piece",
    [
        "-1-2/3 ",
        "two and a half ",
        "1e5x10^ ",
        "more than 5 or equal to ",
        "above 1 and below ",
        "+44 20 ",
        "one hundred and three and two thirds of a ",
        "a@b.c http://x/ ",
    ],
)
def test_reading_is_linear_on_hostile_input(piece: str) -> None:
    # The same hostile piece, 1 MB and 1/8 of that, in one process: the ratio of the
    # times stays near 8 (linear), far from 64 (quadratic).
    big = piece * (1_000_000 // len(piece))
    small = big[: len(big) // 8]
    ratio = min(_reading_time(big) for _ in range(2)) / min(_reading_time(small) for _ in range(2))
    assert ratio < 24


RATIOS = [
    ("one-in-n", "One in six adults smokes.", "One in six", 1 / 6),
    ("out-of", "Three out of four boats returned.", "Three out of four", 0.75),
    ("over-alone", "The odds were put at 1 over 3.", "1 over 3", 1 / 3),
    ("and-fraction-after-hundred", "It weighed one hundred and three quarters.",
     "one hundred and three quarters", 100.75),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figure", "stated"), [row[1:] for row in RATIOS], ids=[row[0] for row in RATIOS]
)
def test_ratio_families(text: str, figure: str, stated: float) -> None:
    _assert_figure(text, figure, stated)


def test_a_year_after_in_is_no_ratio() -> None:
    assert [m.text for m in find_values("She won 1 in 2023.")] == ["1"]
