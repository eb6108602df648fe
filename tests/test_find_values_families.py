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

from claimrec.errors import ClaimrecError
from claimrec.extract import extract
from claimrec.read.figures import clear_caches, find_values, parse_value
from claimrec.testing import date_texts, phone_texts, product_codes, score_texts
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
    # powers written with a caret; two signs cancel
    ("caret-power", "The model uses 3.2^2 as its factor.", "3.2^2", 10.24),
    ("caret-negative-power", "It shrinks by 4^-2 each round.", "4^-2", 0.0625),
    ("caret-double-sign", "A gain of 2^--3 was logged.", "2^--3", 8.0),
    # fractions written as one hyphenated word, or with a spaced hyphen
    ("hyphen-fraction", "Two-thirds of the crew stayed.", "Two-thirds", 2 / 3),
    ("hyphen-fraction-singular", "They hold a two-third majority.", "two-third", 2 / 3),
    ("hyphen-one-eighth", "One-eighth of the land is forest.", "One-eighth", 0.125),
    (
        "hyphen-fraction-scale",
        "One-quarter of a million tickets went.",
        "One-quarter of a million",
        2.5e5,
    ),
    ("spaced-hyphen-tens", "The tally reached forty - seven.", "forty - seven", 47.0),
    ("spaced-hyphen-fraction", "Pour in three - fifths of it.", "three - fifths", 0.6),
    # after "and", a fraction below one is added; one above one counts the whole too
    (
        "improper-after-and",
        "It came to one hundred and forty-one fifths.",
        "one hundred and forty-one fifths",
        28.2,
    ),
    ("compound-denominator", "Only three twenty fifths remained.", "three twenty fifths", 0.12),
    (
        "ordinal-denominator",
        "Each got one one hundred and fifth.",
        "one one hundred and fifth",
        1 / 105,
    ),
    (
        "scale-ordinal-denominator",
        "It weighs two hundred thousand billionths.",
        "two hundred thousand billionths",
        2e-4,
    ),
    (
        "and-dozens",
        "They packed five hundred and three dozen eggs.",
        "five hundred and three dozen",
        536.0,
    ),
    ("bare-hundred-scale", "Hundred thousand people marched.", "Hundred thousand", 1e5),
    (
        "crore-and-words",
        "A budget of 4 crore and five hundred.",
        "4 crore and five hundred",
        40_000_500.0,
    ),
    ("digits-lakh-crore", "A plan worth 3 lakh crore was cleared.", "3 lakh crore", 3e12),
    ("digits-hundred-thousand", "Some 7 hundred thousand fled.", "Some 7 hundred thousand", 7e5),
    # scale letters in capitals, glued or spaced
    ("capital-b-spaced", "The app has 3 B downloads.", "3 B", 3e9),
    ("capital-m-glued", "Streams passed 7M overnight.", "7M", 7e6),
    ("lower-m-before-plural", "The show drew 3m viewers.", "3m", 3e6),
    ("lower-m-at-clause-end", "Sales reached 12m.", "12m", 12e6),
    # decimal commas
    ("decimal-comma", "The index read 2,5 yesterday.", "2,5", 2.5),
    ("dotted-groups-decimal-comma", "A total of 2.345,5 was logged.", "2.345,5", 2345.5),
    # counts written as adjectives and after a copula
    ("count-adjective", "A 12-person crew sailed.", "12", 12.0),
    ("count-strong", "A 300-strong crowd gathered.", "300", 300.0),
    ("four-digit-count-after-were", "Arrests this season were 1987 in total.", "1987", 1987.0),
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
    ("as-high-as", "Rents ran as high as 40% in town.", Value.at_most(40, unit="percent")),
    ("as-few-as", "As few as 12 boats returned.", Value.at_least(12)),
    ("exactly-not-rounded", "Exactly 12,000 seats were sold.", Value.exact(12000)),
    ("equal-to", "The count is equal to 75 today.", Value.exact(75)),
    ("postfix-bound-beats-about", "About 300 or more came.", Value.at_least(300)),
    ("dangling-or-greater-than", "Bids of 90 or greater than that win.", Value.at_least(90)),
    ("equals-sign-then-greater", "Values =>18 pass.", Value.at_least(18)),
    ("equals-sign-then-less", "Values =<18 fail.", Value.at_most(18)),
    ("ratio-then-postfix", "Three in 10 or more agree.", Value.at_least(0.3)),
    ("article-as-one-unit", "The raid lasted about an hour.", Value.approx(1, unit="hour")),
    ("bound-of-a-week", "They waited more than a week.", Value.more_than(1, unit="week")),
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
    ("through", "Bids of 40 through 60 were kept.", 40, 60, CLOSED, CLOSED),
    ("tilde-glued", "Expect 20~30 guests.", 20, 30, CLOSED, CLOSED),
    ("hyphen-to-hyphen", "Polls gave it a 55-to-60 percent lead.", 55, 60, CLOSED, CLOSED),
    ("alternatives-or", "The work takes two or three weeks.", 2, 3, CLOSED, CLOSED),
    ("alternatives-comma-or", "They waited 8, or 9 hours.", 8, 9, CLOSED, CLOSED),
    ("alternatives-shared-scale", "It costs one or two million.", 1e6, 2e6, CLOSED, CLOSED),
    ("bounds-joined-by-comma", "Crews of at least 5, at most 9 sailed.", 5, 9, CLOSED, CLOSED),
    ("and-less-or-equal", "Counts above 10 and less or equal than 20 pass.", 10, 20, OPEN,
     CLOSED),
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
    ("metre-letter-glued", "The wall is 2.4m tall.", "2.4m", 2.4, "meter"),
    ("metre-letter-spaced", "A 6 m drop ends the path.", "6 m", 6, "meter"),
    ("tonne-letter", "A 40t truck overturned.", "40t", 40, "metric_ton"),
    ("hour-letter", "Service resumes within 48h.", "48h", 48, "hour"),
    ("square-metre-glued", "A 120m2 flat was sold.", "120m2", 120, "meter**2"),
    ("million-before-unit", "Exports hit 2.5m tonnes.", "2.5m tonnes", 2.5e6, "metric_ton"),
    ("feet-and-inches", "The fence is 6 ft 3 in high.", "6 ft 3 in", 6.25, "foot"),
    ("feet-and-inches-words", "She is 5 feet and 6 inches.", "5 feet and 6 inches", 5.5, "foot"),
    ("hours-and-minutes", "The flight took 3 hours 15 minutes.", "3 hours 15 minutes", 3.25,
     "hour"),
    ("pounds-and-ounces", "The baby weighed 7 lb 8 oz.", "7 lb 8 oz", 7.5, "pound"),
    ("rate-slash-hour", "Trains run at 120km/hr there.", "120km/hr", 120, "kilometer/hour"),
    ("rate-per-millisecond", "A pulse of 3 metres per millisecond.", "3 metres per millisecond",
     3, "meter/millisecond"),
    ("degree-c-glued", "It reached 41°C inland.", "41°C", 41, "degree_Celsius"),
    ("degree-then-celsius", "The oven hit 220° Celsius.", "220° Celsius", 220, "degree_Celsius"),
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
    ("double-m-millions", "They booked US$ 4MM in sales.", 4e6, "USD"),
    ("code-glued-plain-number", "The voucher is worth USD115.", 115, "USD"),
    ("two-sums-by-sign", "Paid $ 20.00 then more.", 20, "USD"),
    ("pounds-after-a-million", "Profit rose to 45 million pounds.", 4.5e7, "GBP"),
    ("dotted-us-dollar", "The prize is u.s $ 2,000 this year.", 2000, "USD"),
    ("sign-then-country", "A bid of $US 40 million failed.", 4e7, "USD"),
    ("rupee-sign-lakh-crore", "A ₹2 lakh crore plan.", 2e12, "INR"),
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
    ("second-day-of-a-date", "The fair closed on August 5 and 6 in the rain."),
    ("ages-of-a-pair", "Voters between the ages of 18 and 29 stayed home."),
    ("age-range", "Those aged 18-24 were asked."),
    ("unit-letter-inside-code", "The part 5m21 shipped late."),
    ("power-too-large", "The string 999999^999 is junk."),
    ("part-of-a-period", "Output fell in the second quarter."),
    ("half-of-a-year", "Arrivals rose in the first half of the year."),
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
    ("from-to-after-a-change", "The toll was revised from 120 to 135.", ["exact", "exact"]),
    ("from-to-after-a-rise", "Prices rose from 5 to 7 per cent.", ["exact", "exact"]),
    ("either-or", "It was either 4 or 40.", ["exact", "exact"]),
    ("list-ending-in-or", "Pick 2, 3 or 4 of them.", ["exact", "exact", "exact"]),
    ("or-with-two-scales", "Losses of 10 million or 2 billion.", ["exact", "exact"]),
    ("descending-or", "They lost 13 or 12.", ["exact", "exact"]),
    ("metric-parts-stay-apart", "The rope is 12 m 40 cm long.", ["exact", "exact"]),
    ("pounds-of-goods-are-mass", "They shipped 5 million pounds of beef.", ["exact"]),
    ("or-equal-then-figure", "Marks more than 50 or equal to 70 count.", ["more_than", "exact"]),
    ("two-hundreds", "We saw 3 hundred and 2 hundred of them.", ["exact", "exact"]),
    ("zero-after-and", "It was 4 thousand 3 hundred and 0 then.", ["exact", "exact"]),
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
    for text in (
        "two thirds", "-2.4%", "34 cents", "90 km/h", "above 10 and below 20", "2.5^-1",
        "two-thirds", "5 feet 2 inches", "10km/hr", "40°C", "exactly 12,000", "2 or 3 days",
        "nearly one in five", "about an hour", "3 B", "1,5", "50 km/ms",
    ):  # fmt: skip
        value = parse_value(text)
        assert Value.from_text(str(value)) == value


@given(st.one_of(date_texts(), phone_texts(), product_codes()))
def test_no_figure_from_dates_phones_and_codes(text: str) -> None:
    assert find_values(f"It was listed as {text} in the file.") == []


@given(score_texts())
def test_no_range_or_bound_from_a_score(text: str) -> None:
    found = find_values(f"On Sunday the side {text}, the club said.")
    assert all(m.value.kind not in ("range", "at_least", "at_most") for m in found), found


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


@pytest.mark.parametrize(
    "piece",
    [
        "2.5^-1 1,3 ",
        "fifty - two - ",
        "5 feet 2 inches 3 ",
        "12, or 13 or ",
        "more than 5 acres (6 acres) (",
        "one one hundred and fifth one ",
        "rose from 6 to from ",
        "per cent of 5 per cent of ",
        "about an twice as 3 times more ",
    ],
)
def test_the_new_families_read_in_linear_time(piece: str) -> None:
    # 100 KB and 1/8 of it: the ratio of the times stays near 8, far from 64.
    big = piece * (100_000 // len(piece))
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


# A figure in brackets right after a qualified one restates it in another unit and
# keeps the qualifier; other brackets do not. (id, text, kinds of the figures)
EQUIVALENTS = [
    ("area-in-two-units", "Well over 8,000 hectares (19,800 acres) burned.", ["more_than"] * 2),
    ("money-in-two-currencies", "Damage of roughly C$3bn (US$2.2bn) is expected.",
     ["approx", "approx"]),
    ("area-in-square-miles", "Nearly 2 million acres (3,100 square miles) are gone.",
     ["approx", "approx"]),
    ("other-kind-in-brackets", "About 40 people (12 children) were hurt.", ["approx", "exact"]),
    ("bracket-not-right-after", "More than 900 tonnes, and later (300 tonnes) more.",
     ["more_than", "exact"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kinds"), [row[1:] for row in EQUIVALENTS], ids=[row[0] for row in EQUIVALENTS]
)
def test_bracketed_equivalents_keep_the_qualifier(text: str, kinds: list[str]) -> None:
    assert [m.value.kind for m in find_values(text)] == kinds


def test_percent_of_a_number_at_a_clause_end_is_that_percentage() -> None:
    assert str(parse_value("per cent of 35")) == "exact 35 [35, 35] percent"
    assert [m.text for m in find_values("Pay rose 4 per cent of 200 workers.")] == [
        "4 per cent",
        "200",
    ]


def test_tens_alone_is_vague() -> None:
    found = find_values('The army fired "tens" of shells at the town.')
    assert [(m.text, m.value.kind, m.value.low, m.value.high) for m in found] == [
        ("tens", "vague", 20, 99)
    ]


def test_a_span_of_time_dating_another_event_is_no_claim() -> None:
    text = "Rescuers found 12 survivors three days after the quake."
    frame = extract(text, published="2024-05-02")
    assert list(zip(frame["stated"], frame["unit"], strict=True)) == [(12.0, "count")]


# Fractions below one, ratios and multiples are shares (the unit "ratio", which converts
# to percent), never counts. (id, text, figure text, stated)
SHARES = [
    ("fraction-in-words", "Two thirds of voters agreed.", "Two thirds", 2 / 3),
    ("hyphenated-fraction", "One-fifth of the stock was sold.", "One-fifth", 0.2),
    ("fraction-in-digits", "Only 3/4 of the seats were filled.", "3/4", 0.75),
    ("vulgar-fraction", "Use ½ of the water.", "½", 0.5),
    ("one-in-n", "One in eight pupils was absent.", "One in eight", 0.125),
    ("multiple-as-many", "Four times as many boats came.", "Four times", 4.0),
    ("multiple-more", "They sold 3 times more tickets.", "3 times", 3.0),
    ("twice-as", "It is twice as large.", "twice", 2.0),
]


@pytest.mark.parametrize(
    ("text", "figure", "stated"), [row[1:] for row in SHARES], ids=[row[0] for row in SHARES]
)
def test_fractions_ratios_and_multiples_are_shares(text: str, figure: str, stated: float) -> None:
    _assert_figure(text, figure, stated)
    value = find_values(text)[0].value
    assert str(value.unit) == "ratio" and not value.is_count
    assert value.to("percent").stated == pytest.approx(stated * 100)


def test_counts_of_times_and_scaled_fractions_stay_counts() -> None:
    for text in ("He was stopped three times a day.", "Half a million came.", "It took 2 1/2."):
        assert find_values(text)[0].value.is_count, text


def test_a_long_sentence_repeating_function_words_is_no_menu() -> None:
    text = (
        "The crew of the ship told the press that the 240 sailors of the fleet were safe, "
        "although the figure was not confirmed by the navy."
    )
    frame = extract(text, published="2024-05-02")
    assert 240.0 in set(frame["stated"])


_SOUP = [
    "2.5", "^", "-", "--", "+", "1,3", "1.111,11", "m", "M", "B", "MM", "t", "h", "2", "m2",
    "°", "C", "Celsius", "(", ")", "or", ",", "either", "through", "~", "to", "from", "rose",
    "times", "as", "twice", "one", "in", "six", "two-thirds", "a", "an", "hour", "about",
    "exactly", "equal", "than", "greater", "feet", "inches", "ft", "lb", "oz", "per", "km",
    "/", "hr", "ms", "cent", "of", "percent", "lakh", "crore", "₹", "$", "US", "u", ".", "s",
    "pounds", "million", "first", "half", "quarter", "member", "were", "1987", "0", "999999",
]  # fmt: skip


@given(st.lists(st.sampled_from(_SOUP), max_size=30), st.sampled_from(["", " "]))
def test_soup_of_the_new_families_never_raises_but_claimrec_errors(
    parts: list[str], joiner: str
) -> None:
    text = joiner.join(parts)
    for match in find_values(text):
        assert text[match.start : match.end] == match.text
        assert match.value.low <= match.value.high
    try:
        value = parse_value(text)
    except ClaimrecError:
        return
    assert Value.from_text(str(value)) == value
