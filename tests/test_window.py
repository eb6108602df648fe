"""Time windows: the record, references, the grammar, the dev table and properties."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimrecError, ReferenceDateError, WindowError
from claimrec.read.times import parse_reference, parse_window
from claimrec.testing import references, window_texts, windows
from claimrec.window import (
    DEFAULT_CALENDAR,
    OPEN_END_ORDINAL,
    OPEN_START_ORDINAL,
    DateRange,
    EventCalendar,
    Window,
    to_ordinals,
)

D = date.fromisoformat


def ends(window: Window) -> tuple[str | None, ...]:
    return tuple(
        None if day is None else day.isoformat()
        for day in (
            window.start_earliest,
            window.start_latest,
            window.end_earliest,
            window.end_latest,
        )
    )


# --- the dev table -----------------------------------------------------------------


def _dev_rows() -> list[object]:
    with open(DATA / "windows_dev.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        pytest.param(row, id=f"{row['text']}@{row['reference'] or 'none'}".replace(" ", "_"))
        for row in rows
    ]


@pytest.mark.parametrize("row", _dev_rows())
def test_dev_table(row: dict[str, str]) -> None:
    window = parse_window(row["text"], reference=row["reference"] or None)
    expected = tuple(
        row[key] or None for key in ("start_earliest", "start_latest", "end_earliest", "end_latest")
    )
    assert ends(window) == expected
    assert window.kind == row["kind"]


# --- grammar tables ------------------------------------------------------------------

REF = "2025-05-24"  # a Saturday

GRAMMAR = [
    # explicit days, with and without a year
    ("Nov. 6", REF, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("Nov 6", REF, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("May 24", REF, ("2025-05-24", "2025-05-24", "2025-05-24", "2025-05-24")),
    ("6 November 2024", None, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("November 6, 2024", None, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("November 6th, 2024", None, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("the 6th of November", REF, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("2024-11-06", None, ("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-06")),
    ("24 Nov, 2022", None, ("2022-11-24", "2022-11-24", "2022-11-24", "2022-11-24")),
    ("Thursday, Nov. 24, 2022", None, ("2022-11-24", "2022-11-24", "2022-11-24", "2022-11-24")),
    ("February 29", REF, ("2024-02-29", "2024-02-29", "2024-02-29", "2024-02-29")),
    # months, years, quarters, halves, spans
    ("in March 2021", None, ("2021-03-01", "2021-03-01", "2021-03-31", "2021-03-31")),
    ("March of 2021", None, ("2021-03-01", "2021-03-01", "2021-03-31", "2021-03-31")),
    ("2024-02", None, ("2024-02-01", "2024-02-01", "2024-02-29", "2024-02-29")),
    ("in 2019", None, ("2019-01-01", "2019-01-01", "2019-12-31", "2019-12-31")),
    ("Q3 2024", None, ("2024-07-01", "2024-07-01", "2024-09-30", "2024-09-30")),
    ("2024 Q4", None, ("2024-10-01", "2024-10-01", "2024-12-31", "2024-12-31")),
    ("the third quarter of 2024", None, ("2024-07-01", "2024-07-01", "2024-09-30", "2024-09-30")),
    ("H1 2024", None, ("2024-01-01", "2024-01-01", "2024-06-30", "2024-06-30")),
    ("the second half of 2023", None, ("2023-07-01", "2023-07-01", "2023-12-31", "2023-12-31")),
    ("the first half of last year", REF, ("2024-01-01", "2024-01-01", "2024-06-30", "2024-06-30")),
    ("2020-21", None, ("2020-01-01", "2020-01-01", "2021-12-31", "2021-12-31")),
    ("2020–2021", None, ("2020-01-01", "2020-01-01", "2021-12-31", "2021-12-31")),
    ("1999-00", None, ("1999-01-01", "1999-01-01", "2000-12-31", "2000-12-31")),
    ("in 2020 and 2021", None, ("2020-01-01", "2020-01-01", "2021-12-31", "2021-12-31")),
    ("early 2023", None, ("2023-01-01", "2023-01-01", "2023-04-30", "2023-04-30")),
    ("mid-2023", None, ("2023-05-01", "2023-05-01", "2023-08-31", "2023-08-31")),
    ("late March 2024", None, ("2024-03-21", "2024-03-21", "2024-03-31", "2024-03-31")),
    ("the beginning of 2022", None, ("2022-01-01", "2022-01-01", "2022-01-01", "2022-01-01")),
    # since, as of, by
    ("since 2022", REF, ("2022-01-01", "2022-12-31", "2025-05-24", "2025-05-24")),
    ("since the beginning of 2022", REF, ("2022-01-01", "2022-01-01", "2025-05-24", "2025-05-24")),
    ("since Nov. 6 as of Nov. 20", REF, ("2024-11-06", "2024-11-06", "2024-11-20", "2024-11-20")),
    ("since 2022 through 2023", REF, ("2022-01-01", "2022-12-31", "2023-12-31", "2023-12-31")),
    ("as of Nov. 6", REF, (None, None, "2024-11-06", "2024-11-06")),
    ("as of November 2024", None, (None, None, "2024-11-01", "2024-11-30")),
    ("by Nov. 6", REF, (None, None, "2024-11-06", "2024-11-06")),
    ("by the end of last year", REF, (None, None, "2024-12-31", "2024-12-31")),
    # ranges, sharing a trailing year
    ("between Sept. 20 and Dec. 31, 2017", None,
     ("2017-09-20", "2017-09-20", "2017-12-31", "2017-12-31")),
    ("from March to May 2023", None, ("2023-03-01", "2023-03-01", "2023-05-31", "2023-05-31")),
    ("from December to March 2023", None,
     ("2022-12-01", "2022-12-01", "2023-03-31", "2023-03-31")),
    ("Nov. 1 through Nov. 6, 2024", None,
     ("2024-11-01", "2024-11-01", "2024-11-06", "2024-11-06")),
    ("January 2022 until March 2022", None,
     ("2022-01-01", "2022-01-01", "2022-03-31", "2022-03-31")),
    ("2019 to 2021", None, ("2019-01-01", "2019-01-01", "2021-12-31", "2021-12-31")),
    ("in 2024 alone", None, ("2024-01-01", "2024-01-01", "2024-12-31", "2024-12-31")),
    # relative
    ("past 7 days", REF, ("2025-05-17", "2025-05-17", "2025-05-24", "2025-05-24")),
    ("the last three months", REF, ("2025-02-24", "2025-02-24", "2025-05-24", "2025-05-24")),
    ("over the past two weeks", REF, ("2025-05-10", "2025-05-10", "2025-05-24", "2025-05-24")),
    ("in the past twenty-four hours", REF,
     ("2025-05-23", "2025-05-23", "2025-05-24", "2025-05-24")),
    ("the day before yesterday", REF, ("2025-05-22", "2025-05-22", "2025-05-22", "2025-05-22")),
    ("today", REF, ("2025-05-24", "2025-05-24", "2025-05-24", "2025-05-24")),
    ("two weeks ago", REF, ("2025-05-10", "2025-05-10", "2025-05-10", "2025-05-10")),
    ("last Thursday", REF, ("2025-05-22", "2025-05-22", "2025-05-22", "2025-05-22")),
    ("on Saturday", REF, ("2025-05-24", "2025-05-24", "2025-05-24", "2025-05-24")),
    ("last August", "2025-01-11", ("2024-08-01", "2024-08-01", "2024-08-31", "2024-08-31")),
    ("last May", REF, ("2024-05-01", "2024-05-01", "2024-05-31", "2024-05-31")),
    ("this month", REF, ("2025-05-01", "2025-05-01", "2025-05-24", "2025-05-24")),
    ("last quarter", REF, ("2025-01-01", "2025-01-01", "2025-03-31", "2025-03-31")),
    # "earlier" than the reference day: up to the day before it, or the day itself
    ("earlier this year", REF, ("2025-01-01", "2025-01-01", "2025-05-23", "2025-05-24")),
    ("in the third quarter", REF, ("2024-07-01", "2024-07-01", "2024-09-30", "2024-09-30")),
    ("the week ending May 23", REF, ("2025-05-17", "2025-05-17", "2025-05-23", "2025-05-23")),
    ("past year", "2024-02-29", ("2023-02-28", "2023-02-28", "2024-02-29", "2024-02-29")),
    # partial references carry their uncertainty
    ("in December", "2025", ("2024-12-01", "2025-12-01", "2024-12-31", "2025-12-31")),
    ("this year", "2025", ("2025-01-01", "2025-01-01", "2025-01-01", "2025-12-31")),
    ("last year", "2025-03", ("2024-01-01", "2024-01-01", "2024-12-31", "2024-12-31")),
    ("yesterday", "2025-03", ("2025-02-28", "2025-03-30", "2025-02-28", "2025-03-30")),
    ("May 24", "2025", ("2025-05-24", "2025-05-24", "2025-05-24", "2025-05-24")),
    # events
    ("since the beginning of the full-scale invasion", REF,
     ("2022-02-24", "2022-02-24", "2025-05-24", "2025-05-24")),
    ("since Russia's full-scale invasion of Ukraine", REF,
     ("2022-02-24", "2022-02-24", "2025-05-24", "2025-05-24")),
    ("since the annexation of Crimea", REF,
     ("2014-03-18", "2014-03-18", "2025-05-24", "2025-05-24")),
    ("since the October 7 attack", REF, ("2023-10-07", "2023-10-07", "2025-05-24", "2025-05-24")),
    ("since the start of the war in Gaza", REF,
     ("2023-10-07", "2023-10-07", "2025-05-24", "2025-05-24")),
    ("since October 7", REF, ("2024-10-07", "2024-10-07", "2025-05-24", "2025-05-24")),
    ("since the COVID-19 pandemic was declared", REF,
     ("2020-03-11", "2020-03-11", "2025-05-24", "2025-05-24")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [pytest.param(t, r, e, id=f"{t}@{r}".replace(" ", "_")) for t, r, e in GRAMMAR],
)
def test_grammar(text: str, reference: str | None, expected: tuple[str | None, ...]) -> None:
    assert ends(parse_window(text, reference=reference)) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("as of Nov. 6", "point", id="as_of"),
        pytest.param("by the end of 2023", "point", id="by_end"),
        pytest.param("by May 24", "point", id="by"),
        pytest.param("since 2022 as of Nov. 6", "period", id="since_as_of"),
        pytest.param("last week", "period", id="last_week"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert parse_window(text, reference=REF).kind == kind


def test_text_is_kept_but_not_compared() -> None:
    first = parse_window("in 2024", reference=REF)
    second = parse_window("2024", reference=REF)
    assert first == second
    assert first.text == "in 2024"
    assert hash(first) == hash(second)


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "since 2022",
        "last week",
        "over the past year",
        "Nov. 6",
        "in February",
        "on Thursday",
        "since the full-scale invasion",
    ],
)
def test_relative_without_reference(text: str) -> None:
    with pytest.raises(ReferenceDateError, match="reference date"):
        parse_window(text)


@pytest.mark.parametrize(
    "text",
    ["banana", "", "   ", "the next day", "in the 3 weeks", "2024-02-30", "Q5 2024", "1066"],
)
def test_junk_names_the_text(text: str) -> None:
    with pytest.raises(WindowError) as caught:
        parse_window(text, reference=REF)
    assert not isinstance(caught.value, ReferenceDateError)
    assert caught.value.text == text
    assert caught.value.field == "window"


def test_an_explicit_later_year_is_a_future_window_not_cut() -> None:
    # A year written out after the reference is read whole, as a future window; only a
    # window that holds the reference day is cut there.
    assert ends(parse_window("in 2026", reference=REF)) == (
        "2026-01-01", "2026-01-01", "2026-12-31", "2026-12-31",
    )  # fmt: skip


def test_bad_reference() -> None:
    with pytest.raises(WindowError) as caught:
        parse_window("last week", reference="someday")
    assert caught.value.field == "reference"


def test_long_text_is_refused_quickly() -> None:
    with pytest.raises(WindowError, match="too long"):
        parse_window("since " * 100_000, reference=REF)


# --- the record -------------------------------------------------------------------


def test_constructors() -> None:
    assert Window.day(D("2024-11-06")) == parse_window("2024-11-06")
    assert Window.between(D("2024-01-01"), D("2024-12-31")) == parse_window("2024")
    assert Window.as_of(D("2024-11-06")) == parse_window("as of 2024-11-06")
    since = Window.since(DateRange.year(2022), D("2024-11-06"))
    assert since == parse_window("since 2022 as of Nov. 6", reference="2024-11-11")


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"start_earliest": D("2024-02-01"), "start_latest": D("2024-01-01")},
                     id="start_reversed"),
        pytest.param({"end_earliest": D("2024-02-01"), "end_latest": D("2024-01-01"),
                      "start_earliest": None, "start_latest": None}, id="end_reversed"),
        pytest.param({"start_earliest": D("2025-01-01"), "start_latest": D("2025-01-01")},
                     id="starts_after_end"),
        pytest.param({"start_latest": None}, id="half_open_start"),
        pytest.param({"end_latest": None}, id="half_open_end"),
        pytest.param({"kind": "point"}, id="point_with_start"),
        pytest.param({"kind": "moment"}, id="bad_kind"),
        pytest.param({"end_latest": datetime(2024, 12, 31)}, id="datetime"),
    ],
)  # fmt: skip
def test_validation(fields: dict[str, object]) -> None:
    base: dict[str, object] = {
        "start_earliest": D("2024-01-01"),
        "start_latest": D("2024-01-01"),
        "end_earliest": D("2024-12-31"),
        "end_latest": D("2024-12-31"),
    }
    with pytest.raises(WindowError):
        Window(**{**base, **fields})  # type: ignore[arg-type]


def test_operations() -> None:
    since = parse_window("since 2022 as of Nov. 6", reference="2024-11-11")
    in_2024 = parse_window("2024")
    in_2025 = parse_window("2025")
    dec_2024 = parse_window("December 2024")
    assert since.overlaps(in_2024)
    assert not since.overlaps(in_2025)
    assert in_2024.touches(in_2025)
    assert not in_2024.overlaps(in_2025)
    assert not parse_window("2023").touches(in_2025)
    assert in_2024.contains(dec_2024)
    assert not dec_2024.contains(in_2024)
    assert not since.contains(dec_2024)
    assert since.contains(parse_window("2023"))
    assert since.widest() == (D("2022-01-01"), D("2024-11-06"))
    assert since.narrowest() == (D("2022-12-31"), D("2024-11-06"))
    assert since.length_days() == ((D("2024-11-06") - D("2022-12-31")).days + 1, 1041)
    assert not since.is_open
    point = parse_window("as of Nov. 6", reference="2024-11-11")
    assert point.is_open
    assert point.length_days() == (None, None)
    assert point.contains(in_2024, some_reading=True) is False
    assert point.overlaps(in_2024)
    assert point.overlaps(parse_window("2001"))


def test_narrowest_can_be_empty() -> None:
    window = parse_window("in December", reference="2025")
    assert window.narrowest() is None
    assert window.length_days()[0] == 1


def test_to_ordinals() -> None:
    items = [parse_window("2024"), Window.as_of(D("2024-11-06"))]
    columns = to_ordinals(items)
    assert columns["start_earliest"].dtype.kind == "i"
    assert columns["start_earliest"].tolist() == [D("2024-01-01").toordinal(), OPEN_START_ORDINAL]
    assert columns["end_latest"].tolist() == [
        D("2024-12-31").toordinal(),
        D("2024-11-06").toordinal(),
    ]
    unknown = Window(start_earliest=None, start_latest=None, end_earliest=None, end_latest=None)
    assert to_ordinals([unknown])["end_earliest"].tolist() == [OPEN_END_ORDINAL]


# --- references and the calendar ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2025", ("2025-01-01", "2025-12-31", "year"), id="year"),
        pytest.param("2025-05", ("2025-05-01", "2025-05-31", "month"), id="month"),
        pytest.param("2025-05-24", ("2025-05-24", "2025-05-24", "day"), id="day"),
        pytest.param("2025-05-24T10:30:00Z", ("2025-05-24", "2025-05-24", "day"), id="iso_time"),
        pytest.param(date(2024, 2, 29), ("2024-02-29", "2024-02-29", "day"), id="date"),
        pytest.param(datetime(2024, 2, 29, 23, 0), ("2024-02-29", "2024-02-29", "day"),
                     id="datetime"),
        pytest.param("May 24, 2025", ("2025-05-24", "2025-05-24", "day"), id="written_day"),
        pytest.param("May 2025", ("2025-05-01", "2025-05-31", "month"), id="written_month"),
    ],
)  # fmt: skip
def test_parse_reference(value: object, expected: tuple[str, str, str]) -> None:
    parsed = parse_reference(value)  # type: ignore[arg-type]
    assert (parsed.earliest.isoformat(), parsed.latest.isoformat(), parsed.precision) == expected
    assert parse_reference(str(parsed)) == parsed


@pytest.mark.parametrize("value", ["", "2025-13", "2025-02-30", "last week", "2020-21", "x"])
def test_parse_reference_refuses(value: str) -> None:
    with pytest.raises(WindowError):
        parse_reference(value)


def test_calendar_is_extensible_and_hashable() -> None:
    calendar = DEFAULT_CALENDAR.with_events({"Kakhovka dam collapse": "2023-06-06"})
    assert calendar["the Kakhovka dam collapse"] == DateRange.day(D("2023-06-06"))
    assert hash(calendar) != hash(DEFAULT_CALENDAR)
    assert calendar != DEFAULT_CALENDAR
    assert "kakhovka dam collapse" not in DEFAULT_CALENDAR
    window = parse_window("since the Kakhovka dam collapse", reference=REF, calendar=calendar)
    assert ends(window)[:2] == ("2023-06-06", "2023-06-06")
    with pytest.raises(WindowError):
        parse_window("since the Kakhovka dam collapse", reference=REF)
    fuzzy = EventCalendar({"Maidan protests": DateRange.month(2013, 11)})
    window = parse_window("since the Maidan protests began", reference=REF, calendar=fuzzy)
    assert ends(window)[:2] == ("2013-11-01", "2013-11-30")


def test_full_scale_spellings() -> None:
    assert DEFAULT_CALENDAR["Full scale invasion"] == DEFAULT_CALENDAR["the full-scale invasion"]


# --- properties -----------------------------------------------------------------------


@given(windows())
def test_text_form_round_trip(window: Window) -> None:
    assert parse_window(str(window)) == window
    if "/" in str(window) or str(window).startswith("@"):
        assert parse_window(str(window), reference="1800") == window  # absolute


@given(window_texts(), st.one_of(st.none(), references()))
def test_parser_raises_only_claimrec_errors(text: str, reference: DateRange | None) -> None:
    try:
        window = parse_window(text, reference=reference)
    except ClaimrecError:
        return
    for first, last in (
        (window.start_earliest, window.start_latest),
        (window.end_earliest, window.end_latest),
    ):
        assert (first is None) == (last is None)
        if first is not None and last is not None:
            assert first <= last
    if window.start_earliest is not None and window.end_latest is not None:
        assert window.start_earliest <= window.end_latest
    if (
        reference is not None
        and window.end_latest is not None
        and "@" not in text
        and ("/" not in text)
    ):
        assert window.end_latest <= reference.latest


RELATIVE = [
    "since 2022", "last week", "this week", "this month", "this year", "last year",
    "over the past year", "in the past 12 months", "past 30 days", "in February", "in May",
    "in December", "on Thursday", "last Thursday", "yesterday", "today", "Nov. 6", "May 24",
    "since Dec. 1", "since the full-scale invasion", "in the week to March 8", "last August",
    "the first half of this year", "in the third quarter", "early this year",
]  # fmt: skip


@given(st.sampled_from(RELATIVE), references(min_year=2023, max_year=2060))
def test_no_window_reaches_past_its_reference(text: str, reference: DateRange) -> None:
    try:
        window = parse_window(text, reference=reference)
    except ReferenceDateError:
        raise
    except WindowError:
        return
    assert window.end_latest is not None
    assert window.end_latest <= reference.latest
    if window.start_earliest is not None:
        assert window.start_earliest <= window.end_latest
        assert window.start_latest is not None
        assert window.start_latest <= window.end_latest


SHIFTING = [
    "yesterday", "today", "the day before yesterday", "past 7 days", "the past 10 days",
    "in the past 24 hours", "in the past 48 hours", "the past three weeks", "two days ago",
]  # fmt: skip


@given(
    st.sampled_from(SHIFTING),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(-800, 800),
)
def test_day_relative_windows_move_with_the_reference(text: str, day: date, k: int) -> None:
    before = parse_window(text, reference=day)
    after = parse_window(text, reference=day + timedelta(days=k))
    moved = [None if d is None else d + timedelta(days=k) for d in ends_as_dates(before)]
    assert ends_as_dates(after) == moved


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 400))
def test_week_to_moves_by_whole_weeks_of_days(day: date, k: int) -> None:
    # "in the week to <date written with its year>" moves exactly with its date.
    first = parse_window(f"in the week to {day.isoformat()}")
    later = parse_window(f"in the week to {(day + timedelta(days=k)).isoformat()}")
    assert later.start_earliest == first.start_earliest + timedelta(days=k)  # type: ignore[operator]


def ends_as_dates(window: Window) -> list[date | None]:
    return [window.start_earliest, window.start_latest, window.end_earliest, window.end_latest]


@given(st.sampled_from(RELATIVE), st.dates(min_value=date(2023, 1, 1), max_value=date(2060, 1, 1)))
def test_cache_does_not_change_results(text: str, day: date) -> None:
    def outcome(reference: date | str) -> Window | str:
        try:
            return parse_window(text, reference=reference)
        except WindowError as error:  # e.g. "2025" read before 2025: refused both ways
            return str(error)

    assert outcome(day) == outcome(day.isoformat())
