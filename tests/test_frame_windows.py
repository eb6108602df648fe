"""Window texts read once and placed against each publication date (claimrec.frame.windows):
the same windows and errors as parse_window on every (text, date) pair."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimrec.calendar import DateRange
from claimrec.frame.windows import WindowTexts
from claimrec.read.times import parse_window
from claimrec.testing import references, window_texts
from claimrec.testing.prose import date_texts
from claimrec.window import Window


def _reading(read: object, text: str, day: DateRange) -> Window | tuple[type, str]:
    try:
        window = read(text, day)  # type: ignore[operator]
    except ValueError as error:
        return type(error), str(error)
    assert isinstance(window, Window)
    return window


def _direct(text: str, day: DateRange) -> Window:
    return parse_window(text, day)


def _same_as_parse_window(texts: list[str], days: list[DateRange]) -> None:
    cached = WindowTexts()
    for text in texts:
        for day in days:
            assert _reading(cached.read, text, day) == _reading(_direct, text, day), (text, day)


# Texts of the shapes a claims table repeats under many dates, in my own words per family.
FAMILIES = {
    "fixed-day-iso": ["as of 2023-06-30", "on 2021-11-02", "by 2024-01-15"],
    "fixed-day-written": ["as of August 3, 2022", "on 9 May 2020", "as of Sept. 12, 2023"],
    "month-or-year": ["in March 2024", "in 2019", "during the first half of 2022"],
    "span-of-two-days": ["from 2022-10-02 to 2022-12-28", "between May 2 and June 9, 2023"],
    "since-with-end": ["since 2021 as of 2023-04-01", "since January 2022"],
    "relative-to-the-day": ["last week", "in the past 3 months", "so far this year", "today"],
    "yearless": ["since March 2", "on June 14", "as of Nov. 6"],
    "weekday-and-month-end": ["on Thursday", "at the end of February", "last month"],
    "not-a-window": ["", "   ", "hello there", "x" * 400, "2024-02-30"],
}

_DAYS = [
    DateRange.day(date(2020, 2, 29)),
    DateRange.day(date(2022, 12, 31)),
    DateRange.day(date(2023, 1, 1)),
    DateRange.day(date(2023, 3, 1)),
    DateRange.day(date(2024, 2, 28)),
    DateRange.month(2023, 6),
    DateRange.year(2022),
] + [DateRange.day(date(2021, 1, 1) + timedelta(days=37 * k)) for k in range(40)]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_reads_as_parse_window(family: str) -> None:
    _same_as_parse_window(FAMILIES[family], _DAYS)


def test_a_fixed_day_is_read_once_for_many_dates() -> None:
    cached = WindowTexts()
    for day in _DAYS:
        _reading(cached.read, "as of 2023-06-30", day)
    kept = cached._texts["as of 2023-06-30"]
    assert not kept.opaque
    assert len(kept.cases) <= 2  # before the day, and on or after it


_PHRASES = st.one_of(
    window_texts(),
    st.tuples(st.sampled_from(["as of", "on", "since", "by", "in", "from"]), date_texts()).map(
        " ".join
    ),
    st.tuples(date_texts(), date_texts()).map(lambda pair: f"from {pair[0]} to {pair[1]}"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PHRASES, min_size=1, max_size=3), st.lists(references(), min_size=1, max_size=6))
def test_cached_readings_equal_parse_window(texts: list[str], days: list[DateRange]) -> None:
    _same_as_parse_window(texts, days)


@settings(max_examples=100, deadline=None)
@given(date_texts(), st.lists(references(min_year=1948, max_year=2052), min_size=2, max_size=8))
def test_dates_near_the_text_read_as_parse_window(text: str, days: list[DateRange]) -> None:
    _same_as_parse_window([f"as of {text}", f"from {text} to 2051-01-01", f"since {text}"], days)
