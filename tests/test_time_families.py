"""Time expressions by family (issue 11): case tables in our own words, a negative corpus,
and properties (text-form round trips, only claimrec errors, the future never read as
the past, linear time on hostile input).

Reference: Saturday 2025-05-24 unless a row says otherwise. A window is written in its
text form (``START/END``, an uncertain end as ``EARLIEST~LATEST``, ``..`` open).
"""

from __future__ import annotations

import contextlib
import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimrec import ClaimrecError
from claimrec.errors import WindowError
from claimrec.lexicon import default_lexicon
from claimrec.read.figures import find_values
from claimrec.read.times import find_windows, parse_window
from claimrec.testing import not_dated_numbers, references, window_texts, written_days
from claimrec.window import DateRange, Window

REF = "2025-05-24"  # a Saturday
MONDAY = "2025-05-19"


def read(text: str, reference: str | None = REF) -> str:
    return str(parse_window(text, reference=reference))


def case_table(rows: dict[str, tuple[str, str | None, str]]) -> list[object]:
    return [pytest.param(text, ref, want, id=name) for name, (text, ref, want) in rows.items()]


# --- quarters and halves --------------------------------------------------------------

QUARTERS = {
    "ordinal_quarter_latest_begun": ("in the third quarter", REF, "2024-07-01/2024-09-30"),
    "ordinal_quarter_this_year": ("in the first quarter", REF, "2025-01-01/2025-03-31"),
    "hyphenated_adjective": ("third-quarter", REF, "2024-07-01/2024-09-30"),
    "letter_half_with_year": ("H1 2023", None, "2023-01-01/2023-06-30"),
    "half_of_the_year_so_far": ("the first half of the year", REF, "2025-01-01/2025-05-24"),
    "second_half_of_last_year": ("the second half of last year", REF, "2024-07-01/2024-12-31"),
    "letter_quarter_this_year": ("Q1 this year", REF, "2025-01-01/2025-03-31"),
    "possessive_next_year": ("next year's second quarter", REF, "2026-04-01/2026-06-30"),
    "year_then_ordinal": ("2019 the fourth quarter", None, "2019-10-01/2019-12-31"),
}


@pytest.mark.parametrize(("text", "ref", "want"), case_table(QUARTERS))
def test_quarters_and_halves(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


def test_third_quarter_earnings_in_running_text() -> None:
    (m,) = find_windows("The group posted third-quarter profit of $2bn.", reference=REF)
    assert (m.text, str(m.window)) == ("third-quarter", "2024-07-01/2024-09-30")


# --- numeric dates and the day-month order ------------------------------------------------

NUMERIC = {
    "both_ways_is_the_window_over_both": (
        "4/9/2018", None, "2018-04-09~2018-09-04/2018-04-09~2018-09-04",
    ),
    "day_above_twelve_first": ("23/04/2019", None, "2019-04-23"),
    "day_above_twelve_second": ("04/23/2019", None, "2019-04-23"),
    "same_both_ways": ("1/1/2016", None, "2016-01-01"),
    "no_year_latest_not_after": ("22/04", REF, "2025-04-22"),
    "no_year_later_in_the_year": ("6/30", REF, "2024-06-30"),
    "two_digit_year_old": ("5/30/98", None, "1998-05-30"),
    "two_digit_year_recent": ("30/5/21", None, "2021-05-30"),
    "year_first_dots": ("2015.5.13", None, "2015-05-13"),
    "year_first_slashes": ("2011/09/30", None, "2011-09-30"),
    "year_month_name_day": ("2019-sep-1", None, "2019-09-01"),
    "iso_month": ("2016-11", None, "2016-11-01/2016-11-30"),
    "slash_month_never_a_span": ("2019/12", None, "2019-12-01/2019-12-31"),
    "month_number_then_year": ("11/2016", None, "2016-11-01/2016-11-30"),
    "season_span": ("2020-21", None, "2020-01-01/2021-12-31"),
    "month_or_season_both": ("2010-11", None, "2010-01-01~2010-11-01/2010-11-30~2011-12-31"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(NUMERIC))
def test_numeric_dates(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


@pytest.mark.parametrize(
    ("order", "want"),
    [("month_first", "2018-04-09"), ("day_first", "2018-09-04"),
     ("either", "2018-04-09~2018-09-04/2018-04-09~2018-09-04")],
)  # fmt: skip
def test_day_month_order_is_a_lexicon_option(order: str, want: str) -> None:
    lexicon = default_lexicon().with_entries("numeric_dates", {"order": order})
    assert str(parse_window("4/9/2018", lexicon=lexicon)) == want
    # a day above 12 decides whatever the order
    assert str(parse_window("23/4/2018", lexicon=lexicon)) == "2018-04-23"


def test_an_unknown_order_is_refused_naming_it() -> None:
    lexicon = default_lexicon().with_entries("numeric_dates", {"order": "middle_first"})
    with pytest.raises(WindowError) as caught:
        parse_window("4/9/2018", lexicon=lexicon)
    assert caught.value.field == "lexicon"
    assert "middle_first" in caught.value.text


# --- days written with words, weekdays and the days of a month ---------------------------

DAYS = {
    "ordinal_word_of_month": ("the fourteenth of March", REF, "2025-03-14"),
    "month_the_ordinal": ("July the fourth", REF, "2024-07-04"),
    "compound_ordinal_and_year_in_words": (
        "June twenty-first, nineteen eighty-one", None, "1981-06-21",
    ),
    "glued_day_and_month": ("9june", REF, "2024-06-09"),
    "abbreviation_dash_day": ("Mar-3", REF, "2025-03-03"),
    "year_before_a_day_kept": ("12 October 1492", None, "1492-10-12"),
    "weekday_names_the_month": ("Tuesday the 13th", REF, "2025-05-13"),
    "weekday_looks_back_for_its_day": ("Friday the 13th", REF, "2024-12-13"),
    "nth_weekday_of_month": ("the second Tuesday of April", REF, "2025-04-08"),
    "last_weekday_of_month": ("the last Friday of February", REF, "2025-02-28"),
    "nth_weekday_of_next_month": ("the first Monday of next month", REF, "2025-06-02"),
    "day_of_next_month": ("the 10th of next month", REF, "2025-06-10"),
    "weekday_of_last_week": ("Wednesday of last week", REF, "2025-05-14"),
    "this_weekday_is_of_this_week": ("this Monday", REF, "2025-05-19"),
    "the_ordinal_day_alone": ("the 3rd", REF, "2025-05-03"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(DAYS))
def test_days(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


# --- weeks ----------------------------------------------------------------------------

WEEKS = {
    "week_of_a_day": ("the week of March 5", REF, "2025-03-03/2025-03-09"),
    "week_commencing": ("the week commencing 12 May", REF, "2025-05-12/2025-05-18"),
    "nth_week_of_month_two_conventions": (
        "the first week of March", REF, "2025-03-01~2025-03-03/2025-03-07~2025-03-09",
    ),
    "iso_week_number": ("week 10 of 2024", None, "2024-03-04/2024-03-10"),
    "the_week_after_next": ("the week after next", REF, "2025-06-02/2025-06-08"),
    "early_next_week": ("early next week", REF, "2025-05-26/2025-05-28"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(WEEKS))
def test_weeks(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


# --- relative to the reference, and to the year so far -----------------------------------

RELATIVE = {
    "years_ago": ("three years ago", REF, "2022-05-24"),
    "compound_ago": ("2 months and 10 days ago", REF, "2025-03-14"),
    "month_of_last_year": ("June last year", REF, "2024-06-01/2024-06-30"),
    "since_start_of_year": ("since the start of the year", REF, "2025-01-01/2025-05-24"),
    "so_far_this_year": ("so far this year", REF, "2025-01-01/2025-05-24"),
    "year_to_date": ("in the year to date", REF, "2025-01-01/2025-05-24"),
    "earlier_this_month": ("earlier this month", REF, "2025-05-01/2025-05-23~2025-05-24"),
    "past_few_days_is_uncertain": ("the past few days", REF, "2025-05-19~2025-05-22/2025-05-24"),
    "mid_year": ("mid-2024", None, "2024-05-01/2024-08-31"),
    "early_year": ("early 2023", None, "2023-01-01/2023-04-30"),
    "late_year": ("late 2023", None, "2023-09-01/2023-12-31"),
    "late_month_so_far": ("late May", REF, "2025-05-21/2025-05-24"),
    "two_weeks_from_a_day": ("two weeks after March 3", REF, "2025-03-17"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(RELATIVE))
def test_relative(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


# --- bounds: before, until, after, by ----------------------------------------------------

BOUNDS = {
    "before_a_year": ("before 2020", REF, "../2019-12-31"),
    "until_a_month": ("until March", REF, "../2025-03-01~2025-03-31"),
    "after_an_event": ("after the Covid pandemic", REF, "2020-03-12/2025-05-24"),
    "after_a_later_year_has_no_known_end": ("after 2030", REF, "2031-01-01/.."),
    "by_a_later_end_is_a_future_point": ("by the end of 2026", REF, "@2026-12-31"),
    "more_than_weeks_after": ("more than 3 weeks after today", REF, "2025-06-14~2025-06-15/.."),
    "within_days_from": ("within 10 days from today", REF, "2025-05-24/2025-06-02"),
}


@pytest.mark.parametrize(("text", "ref", "want"), case_table(BOUNDS))
def test_bounds(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


# --- decades, centuries, seasons, named days -------------------------------------------

NAMED = {
    "decade_in_words": ("the eighties", None, "1980-01-01/1989-12-31"),
    "decade_with_century_word": ("the nineteen sixties", None, "1960-01-01/1969-12-31"),
    "decade_twenty_tens": ("the twenty-tens", None, "2010-01-01/2019-12-31"),
    "short_decade": ("the '60s", None, "1960-01-01/1969-12-31"),
    "short_twenties_by_the_reference": ("the 20s", REF, "2020-01-01/2025-05-24"),
    "century_so_far": ("the 21st century", REF, "2000-01-01/2025-05-24"),
    "century_in_words": ("the nineteenth century", None, "1800-01-01/1899-12-31"),
    "this_decade": ("this decade", REF, "2020-01-01/2025-05-24"),
    "season_of_a_year": ("summer 2019", None, "2019-06-01/2019-08-31"),
    "winter_of_a_year_two_readings": (
        "winter 2019", None, "2018-12-01~2019-12-01/2019-02-28~2020-02-29",
    ),
    "last_summer": ("last summer", REF, "2024-06-01/2024-08-31"),
    "holiday_latest": ("Christmas Day", REF, "2024-12-25"),
    "holiday_of_a_year": ("Easter 2024", None, "2024-03-31"),
    "holiday_nth_weekday": ("Thanksgiving 2023", None, "2023-11-23"),
    "holiday_shifted": ("Good Friday 2025", None, "2025-04-18"),
    "holiday_next": ("next Christmas", REF, "2025-12-25"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(NAMED))
def test_decades_seasons_and_named_days(text: str, ref: str | None, want: str) -> None:
    assert read(text, ref) == want


# --- the future ---------------------------------------------------------------------------

FUTURE = {
    "tonight_is_the_day_itself": ("tonight", REF, "2025-05-24"),
    "tomorrow": ("tomorrow", REF, "2025-05-25"),
    "next_weekday_one_reading": ("next Monday", REF, "2025-05-26"),
    "next_weekday_two_readings": (
        "next Friday", MONDAY, "2025-05-23~2025-05-30/2025-05-23~2025-05-30",
    ),
    "this_coming_weekday": ("this coming Friday", MONDAY, "2025-05-23"),
    "this_weekday_ahead": ("this Friday", MONDAY, "2025-05-23"),
    "next_year": ("next year", REF, "2026-01-01/2026-12-31"),
    "next_month_name": ("next March", REF, "2026-03-01/2026-03-31"),
    "in_the_coming_weeks": ("in the coming weeks", REF, "2025-05-25/2025-06-07~2025-06-28"),
    "next_counted_days": ("the next 10 days", REF, "2025-05-25/2025-06-03"),
    "later_this_year": ("later this year", REF, "2025-05-24/2025-12-31"),
    "rest_of_the_month": ("the rest of the month", REF, "2025-05-24/2025-05-31"),
    "weeks_from_now": ("two weeks from now", REF, "2025-06-07"),
    "explicit_later_date": ("March 3, 2027", REF, "2027-03-03"),
    "this_weekend_ahead": ("this weekend", MONDAY, "2025-05-24/2025-05-25"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "ref", "want"), case_table(FUTURE))
def test_the_future_is_read_forward(text: str, ref: str | None, want: str) -> None:
    window = parse_window(text, reference=ref)
    assert str(window) == want
    assert window.end_latest is None or window.end_latest >= date.fromisoformat(str(ref))


FUTURE_IN_TEXT = [
    "The minister will visit next Tuesday.",
    "Markets reopen this coming Monday, the exchange said.",
    "The new rules take effect next month.",
    "Voting runs until the end of next week.",
    "The plant should be finished by the end of 2027.",
    "A decision is expected in the coming days.",
    "Talks continue on Friday next week.",
    "Fares rise on the first Monday of next month.",
]


@pytest.mark.parametrize("text", FUTURE_IN_TEXT)
def test_future_marked_times_in_text_are_never_past_windows(text: str) -> None:
    found = find_windows(text, reference=REF)
    assert found, text
    for m in found:
        assert m.window.end_latest is None or m.window.end_latest > date(2025, 5, 24), m


# --- times read against another time of the sentence ---------------------------------------

SHIFTS = {
    "a_year_earlier": (
        "Exports reached $5bn in 2023, up from $4bn a year earlier.",
        "a year earlier",
        "2022-01-01/2022-12-31",
    ),
    "same_period_last_year": (
        "Sales rose 3% in the first quarter of 2024 from the same period last year.",
        "the same period last year",
        "2023-01-01/2023-03-31",
    ),
    "days_later": (
        "The dam broke on March 3 and the river crested two days later.",
        "two days later",
        "2025-03-05",
    ),
    "the_next_day": (
        "He was held on Monday, May 19, and freed the next day, his lawyer said.",
        "the next day",
        "2025-05-20",
    ),
    "the_year_before_at_the_end": (
        "Output rose in 2023 after falling the year before.",
        "the year before",
        "2022-01-01/2022-12-31",
    ),
    "base_after_the_shift": (
        "Compared with a year earlier, prices in May 2024 were up 4%.",
        "a year earlier",
        "2023-05-01/2023-05-31",
    ),
}


@pytest.mark.parametrize(("text", "phrase", "want"), SHIFTS.values(), ids=list(SHIFTS))
def test_shifts_read_against_another_time(text: str, phrase: str, want: str) -> None:
    found = {m.text: str(m.window) for m in find_windows(text, reference=REF)}
    assert found[phrase] == want


def test_a_day_in_words_after_a_month_only_before_a_small_word() -> None:
    found = find_windows("The hearing is on June twenty with the panel.", reference=REF)
    assert [(m.text, str(m.window)) for m in found] == [("on June twenty", "2024-06-20")]
    found = find_windows("In June twenty people died.", reference=REF)
    assert [m.text for m in found] == ["In June"]


def test_a_day_before_something_named_is_not_a_shift_of_another_time() -> None:
    found = find_windows("On May 19 he spoke, the day before the vote.", reference=REF)
    assert [m.text for m in found] == ["On May 19"]


@pytest.mark.parametrize("text", ["a year earlier", "the same period last year", "two days later"])
def test_a_shift_alone_is_refused_with_its_reason(text: str) -> None:
    with pytest.raises(WindowError, match="another time of the same sentence"):
        parse_window(text, reference=REF)
    assert find_windows(f"Prices were up {text}.", reference=REF) == []


# --- the future tense: "in N units" and later-shifts read from the reference -----------------

FUTURE_CLAUSES = {
    "in_weeks_after_will": ("The bridge will reopen in 3 weeks.", "in 3 weeks", "2025-06-14"),
    "in_words_after_contraction": ("We'll know in two days.", "in two days", "2025-05-26"),
    "in_units_and_units": (
        "They plan to vote in 1 month and 2 days.", "in 1 month and 2 days", "2025-06-26",
    ),
    "later_shift_from_now": ("She'll call back two days later.", "two days later", "2025-05-26"),
    "next_day_from_now": ("He will fly home the next day.", "the next day", "2025-05-25"),
    "bare_next_day": ("The parts will ship next day.", "next day", "2025-05-25"),
    "units_and_units_later": (
        "The lease will end 1 year 10 days later.", "1 year 10 days later", "2026-06-03",
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "phrase", "want"), FUTURE_CLAUSES.values(), ids=list(FUTURE_CLAUSES)
)
def test_future_clauses_read_from_the_reference(text: str, phrase: str, want: str) -> None:
    found = {m.text: str(m.window) for m in find_windows(text, reference=REF)}
    assert found == {phrase: want}


NOT_FUTURE_CLAUSES = {
    "past_tense": "Prices doubled in 3 weeks.",
    "superlative": "The index will post its biggest gain in 5 years, traders bet.",
    "first_time": "It will be the first time in 10 years that the park opens.",
    "earlier_shift": "He will have left two days earlier.",
    "past_narrative_shift": "He was freed the next day.",
    "future_in_another_sentence": "He will speak. Then it rose in 3 weeks.",
}


@pytest.mark.parametrize("text", NOT_FUTURE_CLAUSES.values(), ids=list(NOT_FUTURE_CLAUSES))
def test_without_a_future_clause_nothing_is_read_from_the_reference(text: str) -> None:
    assert find_windows(text, reference=REF) == []


# --- two days of one month joined by a slash ------------------------------------------------

SLASH_DAYS = {
    "days_then_month": ("Storms hit on 16/17 May.", "on 16/17 May", "2025-05-16/2025-05-17"),
    "overnight_with_year": (
        "The raid took place on the night of 30/31 March 2021.", "30/31 March 2021",
        "2021-03-30/2021-03-31",
    ),
    "month_then_days": ("Polls open May 6/7, 2026.", "May 6/7, 2026", "2026-05-06/2026-05-07"),
    "abbreviated_month": (
        "Flights resumed 2/3 Feb after the strike.", "2/3 Feb", "2025-02-02/2025-02-03",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "phrase", "want"), SLASH_DAYS.values(), ids=list(SLASH_DAYS))
def test_two_days_joined_by_a_slash_are_a_range(text: str, phrase: str, want: str) -> None:
    found = {m.text: str(m.window) for m in find_windows(text, reference=REF)}
    assert found == {phrase: want}


@pytest.mark.parametrize(
    "text",
    ["Storms hit on 16/17 May.", "Polls open May 6/7, 2026.", "Flights resumed 2/3 Feb now."],
)
def test_two_days_joined_by_a_slash_are_no_fraction(text: str) -> None:
    assert find_values(text) == []


def test_a_slash_between_days_not_in_a_row_is_no_range() -> None:
    assert [m.text for m in find_windows("Results came 3/9 May.", reference=REF)] == []
    assert [v.text for v in find_values("In May 2/3 of voters agreed.")] == ["2/3"]


# --- lowercase names, and the names that are also words ------------------------------------

LOWERCASE = {
    "month_year": ("prices rose in june 2023 and", "in june 2023", "2023-06-01/2023-06-30"),
    "day_month": ("talks ended on 3 february, aides said", "on 3 february", "2025-02-03"),
    "weekday": ("the rally on friday drew crowds", "on friday", "2025-05-23"),
    "may_with_an_ordinal": ("the vote on may the fourth", "on may the fourth", "2025-05-04"),
    "may_of": ("since the fourth of may", "since the fourth of may", "2025-05-04/2025-05-24"),
}


@pytest.mark.parametrize(("text", "phrase", "want"), LOWERCASE.values(), ids=list(LOWERCASE))
def test_lowercase_names(text: str, phrase: str, want: str) -> None:
    found = {m.text: str(m.window) for m in find_windows(text, reference=REF)}
    assert found == {phrase: want}


# --- the negative corpus: no window here ---------------------------------------------------

NOT_WINDOWS = {
    "score": "The hosts won 3-1 and lead the group.",
    "score_with_dash": "A 21-14 lead at half-time.",
    "phone_numbers": "Call 555-0123 or +44 20 7946 0958 for details.",
    "product_codes": "The X-2020 ships with 16/32 GB and the A4-22 cable.",
    "version_number": "Version 1.2.10 fixed the bug.",
    "decimal": "Turnout was 4.22 million, or 2015.3 thousand in the capital.",
    "verbs": "They may march on the capital and sat down.",
    "football_half": "He scored in the first half and again in the 27th minute.",
    "fraction": "A 3/4 majority is needed.",
    "count_after_a_range": "Between 4 and 22 protesters were held.",
    "event_mention": "They described the fall of the city.",
    "season_verb": "Prices fall when supply rises.",
    "ordinal_noun": "For the second time, the court ruled.",
    "year_like_count": "Around 2000 people attended.",
    "isbn": "ISBN 978-3-16-148410-0",
    "clock_time_after_at": "The doors open at 7.45 and close at 9.30.",
    "share_of_two_numbers": "The vote split 16/17 in the end.",
}


@pytest.mark.parametrize("text", NOT_WINDOWS.values(), ids=list(NOT_WINDOWS))
def test_negative_corpus(text: str) -> None:
    assert find_windows(text, reference=REF) == []


# --- properties -----------------------------------------------------------------------------

EXPRESSIONS = [
    *(text for text, _, _ in QUARTERS.values()), *(text for text, _, _ in NUMERIC.values()),
    *(text for text, _, _ in DAYS.values()), *(text for text, _, _ in WEEKS.values()),
    *(text for text, _, _ in RELATIVE.values()), *(text for text, _, _ in BOUNDS.values()),
    *(text for text, _, _ in NAMED.values()), *(text for text, _, _ in FUTURE.values()),
]  # fmt: skip


@settings(max_examples=300)
@given(st.sampled_from(EXPRESSIONS), references(min_year=1990, max_year=2060))
def test_every_window_round_trips_through_its_text_form(text: str, reference: DateRange) -> None:
    try:
        window = parse_window(text, reference=reference)
    except WindowError:
        return  # e.g. "since the start of the year" is fine, "after 2030" read in 2040 too
    assert parse_window(str(window)) == window


# Words that mark the future ("this Friday" is this week's, which may be past; an explicit
# date is past for a later reference).
NOT_MARKED = ("tonight", "this Friday", "March 3, 2027")
FUTURE_WORDED = [text for text, _, _ in FUTURE.values() if text not in NOT_MARKED]


@settings(max_examples=300)
@given(st.sampled_from(FUTURE_WORDED), st.dates(date(1950, 1, 1), date(2080, 12, 31)))
def test_a_marked_future_never_ends_before_its_reference(text: str, day: date) -> None:
    window = parse_window(text, reference=day)
    assert window.end_latest is None or window.end_latest >= day


@settings(max_examples=500)
@given(window_texts(), st.one_of(st.none(), references()))
def test_no_text_raises_anything_but_a_claimrec_error(
    text: str, reference: DateRange | None
) -> None:
    with contextlib.suppress(ClaimrecError):
        parse_window(text, reference=reference)
    find_windows(text, reference=reference)  # never raises at all


@settings(max_examples=300)
@given(not_dated_numbers())
def test_phone_numbers_and_codes_are_not_windows(text: str) -> None:
    assert find_windows(text, reference=REF) == []


@settings(max_examples=300)
@given(written_days())
def test_a_written_date_is_one_window_of_that_day(case: tuple[str, date]) -> None:
    text, day = case
    (m,) = find_windows(text, reference=REF)
    assert m.window == Window.day(day)


HOSTILE = {
    "next_words": "next coming next this coming ",
    "numeric_parts": "3/7/12-4.",
    "nth_weekday_parts": "the first Friday of the second week of ",
    "bounds": "more than 2 weeks after before until ",
    "ranges": "between 4 and 22 from 3 to ",
    "holidays": "Christmas Easter Thanksgiving 2020 ",
    "words_years": "nineteen seventy two thousand and ",
    "shifts": "a year earlier the same period last year ",
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        find_windows(text, reference=REF)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_inputs_of_the_new_families_scale_linearly(name: str) -> None:
    # No wall-clock budget: 8x the input against 1x, in the same process (linear is
    # about 8, quadratic 64).
    unit = HOSTILE[name]
    repeats = 1_000_000 // len(unit)
    small, large = unit * (repeats // 8), unit * repeats
    find_windows(unit, reference=REF)  # patterns compiled before the clock starts
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    assert ratio < 24, f"{name}: 8x the input took {ratio:.1f}x the time"


def test_a_reference_moves_relative_days_together() -> None:
    day = date(2025, 5, 24)
    for text in ("tomorrow", "two weeks from now", "three years ago"):
        a, b = parse_window(text, reference=day), parse_window(text, reference=day + timedelta(1))
        assert a.start_earliest is not None and b.start_earliest is not None
        assert b.start_earliest - a.start_earliest in (timedelta(1), timedelta(0), timedelta(2))
