"""find_windows: time expressions in running text."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import WindowError
from claimrec.read.times import find_windows, parse_window
from claimrec.testing import references, window_texts
from claimrec.window import DateRange

REF = "2025-05-24"


def texts(found: list[object]) -> list[str]:
    return [m.text for m in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("executed 124 prisoners since 2022 as of Nov. 6, officials said",
                     ["since 2022 as of Nov. 6"], id="longest_wins"),
        pytest.param("It happened in 2024 and again on May 3.", ["in 2024", "on May 3"],
                     id="two"),
        pytest.param("In 2020 and 2021, numbers rose.", ["In 2020 and 2021"], id="and_span"),
        pytest.param("between Sept. 20 and Dec. 31, 2017 they",
                     ["between Sept. 20 and Dec. 31, 2017"], id="between"),
        pytest.param("in the week to March 8 prices", ["in the week to March 8"], id="week_to"),
        pytest.param("in the first half of 2024 the", ["in the first half of 2024"], id="half"),
        pytest.param("launched in February 2022.", ["in February 2022"], id="month_year"),
        pytest.param("on Thursday and Friday", ["on Thursday", "Friday"], id="weekday_and"),
        pytest.param("since the beginning of the full-scale invasion,",
                     ["since the beginning of the full-scale invasion"], id="event"),
        pytest.param("its full-scale invasion of Ukraine", [], id="event_mention_is_not_window"),
    ],
)  # fmt: skip
def test_finds(text: str, expected: list[str]) -> None:
    found = find_windows(text, reference=REF)
    assert texts(found) == expected
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.window == parse_window(m.text, reference=REF)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("at least 124 Ukrainian prisoners of war", id="count"),
        pytest.param("over 150 cases, 109 executions, 55,000 missing", id="counts"),
        pytest.param("between 1500 and 2000 people", id="year_like_counts"),
        pytest.param("around 2000 soldiers", id="year_like_count"),
        pytest.param("The 2024 report said", id="adjective_year"),
        pytest.param("2024 was the deadliest year", id="bare_year"),
        pytest.param("they may 5 times march on", id="verbs"),
        pytest.param("the state register contains data on 3,767 people", id="thousands"),
        pytest.param("tel. 2024-555 or 7:28 PM", id="numbers"),
    ],
)
def test_plain_numbers_are_not_windows(text: str) -> None:
    assert find_windows(text, reference=REF) == []


def test_without_reference_relative_expressions_are_skipped() -> None:
    text = "Since 2022, and in 2024, and last week, and on Nov. 6, and on 6 November 2024."
    assert texts(find_windows(text)) == ["in 2024", "on 6 November 2024"]
    assert texts(find_windows(text, reference=REF)) == [
        "Since 2022",
        "in 2024",
        "last week",
        "on Nov. 6",
        "on 6 November 2024",
    ]


def test_partial_reference() -> None:
    (match,) = find_windows("Over the past year, Amnesty recorded", reference="2025")
    assert str(match.window) == "2024-01-01~2024-12-31/2025-01-01~2025-12-31"


def test_a_later_year_is_read_as_a_future_window() -> None:
    found = find_windows("in 2030 and in 2020", reference=REF)
    assert [(m.text, str(m.window)) for m in found] == [
        ("in 2030", "2030-01-01/2030-12-31"),
        ("in 2020", "2020-01-01/2020-12-31"),
    ]


@given(window_texts(), st.one_of(st.none(), references()))
def test_never_raises_and_spans_are_exact(text: str, reference: DateRange | None) -> None:
    found = find_windows(text, reference=reference)
    last_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end  # in order, not overlapping
        last_end = m.end


@given(st.text(alphabet="0123456789 /-.,:Q", max_size=200))
def test_digits_and_punctuation(text: str) -> None:
    for m in find_windows(text, reference=REF):
        assert text[m.start : m.end] == m.text


# Hostile input as (unit, repeats): repeated to about 1 MB at the large size.
HOSTILE = {
    "digits": ("7", 1_000_000),
    "slashes": ("/", 1_000_000),
    "digits_slashes": ("12/", 333_334),
    "month_names": ("March May Nov. ", 70_000),
    "since": ("since ", 170_000),
    "in": ("in ", 330_000),
    "dates": ("Nov. 6, 2024 ", 77_000),
    "years": ("2024 ", 200_000),
    "grammar_words": ("since 2022 as of between from the first half of in the week to ", 15_000),
    "dashes": ("2020-", 200_000),
}


def _seconds(text: str) -> float:
    # Best of two, so one pause of a loaded machine does not decide.
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        find_windows(text, reference=REF)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_inputs_scale_linearly(name: str) -> None:
    # No wall-clock budget: the time on 8n characters against the time on n, in the
    # same process. Linear is about 8, quadratic 64; the bound leaves room for noise.
    unit, repeats = HOSTILE[name]
    small, large = unit * (repeats // 8), unit * repeats
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    assert ratio < 24, f"{name}: 8x the input took {ratio:.1f}x the time"
    with pytest.raises(WindowError, match="too long"):
        parse_window(large, reference=REF)


FUTURE_DAYS = {
    "next_before_weekday": "The committee meets again next Tuesday.",
    "coming_before_weekday": "Talks resume this coming Thursday, officials said.",
    "next_week_after_weekday": "The vote is on Wednesday next week.",
    "weekday_of_next_month": "Results come out on the second Monday of next month.",
    "next_week_on_weekday": "Ministers gather next week on Friday.",
}


@pytest.mark.parametrize("name", list(FUTURE_DAYS))
def test_future_marked_days_are_future_windows_never_past_ones(name: str) -> None:
    (m,) = find_windows(FUTURE_DAYS[name], reference=REF)
    assert m.window.start_earliest is not None
    assert m.window.start_earliest > date(2025, 5, 24)


def test_unmarked_weekday_is_still_read() -> None:
    (m,) = find_windows("The ministry reported 40 cases on Tuesday.", reference=REF)
    assert (m.text, str(m.window)) == ("on Tuesday", "2025-05-20")


DECADES = {
    "the_nineties_after_in": ("Coal use peaked in the 1990s.", "1990-01-01/1999-12-31"),
    "apostrophe_decade": ("Rents doubled during the 2010's.", "2010-01-01/2019-12-31"),
    "two_decades_as_a_span": ("in the 1970s and 1980s", "1970-01-01/1989-12-31"),
}


@pytest.mark.parametrize("name", list(DECADES))
def test_decades(name: str) -> None:
    text, want = DECADES[name]
    (m,) = find_windows(text, reference=REF)
    assert str(m.window) == want


@pytest.mark.parametrize("text", ["a 1990s look", "model 2010s-X", "paid $1990s"])
def test_bare_decade_words_are_not_windows(text: str) -> None:
    assert find_windows(text, reference=REF) == []
