"""Which time expression governs a figure (issue 12), as case tables per family in our
own words, a negative corpus of time words that govern no figure, and properties.

Each case is (id, publication date, text, figure text, expected start, expected end,
words expected in ``window_text``). A start of None is an open start (a total standing
at the end day); an end of None with no start is "as of publication".
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings

from claimrec.extract import extract, page_text
from claimrec.testing import binding_articles

D = date.fromisoformat
Case = tuple[str, str, str, str, date | None, date | None, str]


def _row(text: str, published: str, figure: str) -> pd.Series:
    frame = extract(text, published=published)
    rows = frame[frame["value_text"].fillna("").str.contains(figure, regex=False)]
    assert len(rows) >= 1, frame[["value_text", "window_text"]]
    return rows.iloc[0]


def _start(row: pd.Series) -> date | None:
    value = row["start_earliest"]
    return None if pd.isna(value) else value  # type: ignore[no-any-return]


def _check(case: Case) -> None:
    _, published, text, figure, start, end, words = case
    row = _row(text, published, figure)
    assert _start(row) == start, (row["window_text"], row["start_earliest"])
    if end is None:
        assert pd.isna(row["start_earliest"])
        assert not row["window_text"], row["window_text"]
    else:
        assert row["end_earliest"] <= end <= row["end_latest"], (row["window_text"], row)
    assert words in (row["window_text"] or ""), row["window_text"]


# --- the time of the figure's own clause ----------------------------------------------

CLAUSE: list[Case] = [
    (
        "after-over-commas",
        "2026-03-20",
        "Rescuers pulled 41 people from the rubble in Ardent, Bellmoor and Cray between "
        "March 3 and March 9, officials said.",
        "41",
        D("2026-03-03"),
        D("2026-03-09"),
        "between March 3 and March 9",
    ),
    (
        "before-in-sentence",
        "2026-06-02",
        "In April, the agency recorded 3,200 crossings at the northern gate.",
        "3,200",
        D("2026-04-01"),
        D("2026-04-30"),
        "In April",
    ),
    (
        "from-to-months",
        "2026-09-10",
        "Some 640 wildfires were recorded from May to August across the province.",
        "640",
        D("2026-05-01"),
        D("2026-08-31"),
        "from May to August",
    ),
    (
        "bracketed-restatement",
        "2026-06-25",
        "About 12,400 hectares (30,600 acres) burned from June 2 to June 20, the agency said.",
        "12,400",
        D("2026-06-02"),
        D("2026-06-20"),
        "from June 2 to June 20",
    ),
    (
        "since-a-day",
        "2026-03-30",
        "The clinic has treated 870 patients since March 2.",
        "870",
        D("2026-03-02"),
        D("2026-03-30"),
        "since March 2",
    ),
    (
        "range-before-inside-year",
        "2026-08-06",
        "Between February 1 and August 5 the burned area ran 180% above average this year.",
        "180%",
        D("2026-02-01"),
        D("2026-08-05"),
        "Between February 1 and August 5",
    ),
    (
        "war-in-a-name-is-no-event",
        "2026-01-10",
        "At least 124 prisoners of war have been freed since 2023.",
        "124",
        D("2023-01-01"),
        D("2026-01-10"),
        "since 2023",
    ),
    (
        "since-and-as-of-apart",
        "2026-05-04",
        "As of April 30, at least 212 schools had been damaged since the offensive began in "
        "January.",
        "212",
        D("2026-01-01"),
        D("2026-04-30"),
        "As of April 30",
    ),
]


@pytest.mark.parametrize("case", CLAUSE, ids=[c[0] for c in CLAUSE])
def test_the_time_of_the_figures_clause(case: Case) -> None:
    _check(case)


def test_another_figure_between_keeps_the_time_for_its_own() -> None:
    text = "Deaths rose to 90, up from 45 on Monday."
    assert _row(text, "2026-02-11", "45")["window_text"] == "on Monday"
    assert not _row(text, "2026-02-11", "90")["window_text"]


# --- times of reporting ---------------------------------------------------------------

REPORTING: list[Case] = [
    (
        "said-on-day",
        "2026-01-14",
        "Some 300 homes were flooded, the mayor said on Tuesday.",
        "300",
        None,
        D("2026-01-13"),
        "on Tuesday",
    ),
    (
        "time-before-said",
        "2026-06-09",
        "The ministry on Monday evening said 212 people had been evacuated.",
        "212",
        None,
        D("2026-06-08"),
        "on Monday",
    ),
    (
        "in-a-statement",
        "2026-10-03",
        "The insurer in a statement Friday raised its loss estimate to $3.5 billion.",
        "$3.5 billion",
        None,
        D("2026-10-02"),
        "Friday",
    ),
    (
        "said-day-no-known-source",
        "2026-04-16",
        "The regional chief of the relief effort, Brig. Anan Tesh, said Wednesday the flood "
        "had left more than 9,000 people homeless.",
        "9,000",
        None,
        D("2026-04-15"),
        "Wednesday",
    ),
]


@pytest.mark.parametrize("case", REPORTING, ids=[c[0] for c in REPORTING])
def test_a_reporting_time_is_a_total_standing_at_that_day(case: Case) -> None:
    _check(case)


def test_a_rolling_window_counts_back_from_the_day_reported() -> None:
    _check((
        "previous-24-hours", "2026-07-06",
        "Officials on Sunday said that in the previous 24 hours the region had logged 410 "
        "new cases.",
        "410", D("2026-07-04"), D("2026-07-05"), "in the previous 24 hours … on Sunday",
    ))  # fmt: skip


# --- dated events ---------------------------------------------------------------------

EVENTS: list[Case] = [
    (
        "since-war-began-on",
        "2026-05-30",
        "Since the war began on Feb. 24, some 3.1 million people have fled the country.",
        "3.1 million",
        D("2026-02-24"),
        D("2026-05-30"),
        "Since the war began on Feb. 24",
    ),
    (
        "since-the-named-conflict",
        "2026-05-20",
        "The fighting broke out on April 15 in the capital. Since the fighting, at least 900 "
        "civilians have been killed.",
        "900",
        D("2026-04-15"),
        D("2026-05-20"),
        "Since the fighting",
    ),
    (
        "hours-after-quake",
        "2026-03-04",
        "The earthquake struck the coast on Sunday. In the first 48 hours after the quake, "
        "rescue teams reached 70 villages.",
        "70",
        D("2026-03-01"),
        D("2026-03-03"),
        "48 hours after the quake",
    ),
    (
        "months-after-flood",
        "2026-09-01",
        "The flood hit the valley on April 2. In the three months after the flood, 1,150 "
        "families applied for aid.",
        "1,150",
        D("2026-04-02"),
        D("2026-07-02"),
        "three months after the flood",
    ),
    (
        "magnitude-at-event-day",
        "2026-03-04",
        "The earthquake that hit the coast on Sunday had a magnitude of 6.8.",
        "6.8",
        None,
        D("2026-03-01"),
        "on Sunday",
    ),
    (
        "old-disaster-own-figures",
        "2025-06-01",
        "A hailstorm that hit the city in June 2012 caused $400 million in insured losses.",
        "$400 million",
        D("2012-06-01"),
        D("2012-06-30"),
        "in June 2012",
    ),
]


@pytest.mark.parametrize("case", EVENTS, ids=[c[0] for c in EVENTS])
def test_events_named_in_the_text_with_their_date(case: Case) -> None:
    _check(case)


DAY_EVENTS: list[Case] = [
    (
        "possessive-rally",
        "2026-05-11",
        "Saturday's rally drew about 40,000 people to the square.",
        "40,000",
        D("2026-05-09"),
        D("2026-05-09"),
        "Saturday",
    ),
    (
        "crowd-after-dated-march",
        "2026-02-10",
        "Thousands of farmers marched through the capital on Monday. Police put the crowd at "
        "12,000.",
        "12,000",
        D("2026-02-09"),
        D("2026-02-09"),
        "on Monday",
    ),
    (
        "turnout-after-dated-vote",
        "2026-11-09",
        "Voters went to the polls on Sunday across the island. The commission said turnout "
        "was 61 percent.",
        "61 percent",
        D("2026-11-08"),
        D("2026-11-08"),
        "on Sunday",
    ),
    (
        "strikers-after-dated-strike",
        "2026-04-04",
        "Dockworkers held a one-day strike on Thursday. The union said 8,000 workers joined "
        "the stoppage.",
        "8,000",
        D("2026-04-02"),
        D("2026-04-02"),
        "on Thursday",
    ),
    (
        "detentions-at-held-protests",
        "2026-09-07",
        "Protests were held on Sunday in several cities. Rights monitors said 151 people had "
        "been detained.",
        "151",
        D("2026-09-06"),
        D("2026-09-06"),
        "on Sunday",
    ),
    (
        "the-articles-event-first",
        "2026-10-30",
        "Crowds filled the avenue on Sunday in a large rally for unity. As at the previous "
        "rally three weeks ago, estimates varied widely. Police said 280,000 marchers took "
        "part.",
        "280,000",
        D("2026-10-25"),
        D("2026-10-25"),
        "on Sunday",
    ),
]


@pytest.mark.parametrize("case", DAY_EVENTS, ids=[c[0] for c in DAY_EVENTS])
def test_figures_of_a_days_event_take_its_day(case: Case) -> None:
    _check(case)


# --- the sentence before, a figure repeated, the lede ----------------------------------

CONTEXT: list[Case] = [
    (
        "that-months-rate",
        "2026-07-20",
        "The jobless rate hit 7.2% in March. That month's rate for graduates was 11.5%.",
        "11.5%",
        D("2026-03-01"),
        D("2026-03-31"),
        "That month",
    ),
    (
        "the-days-figure",
        "2026-06-09",
        "Later on Sunday the portal was updated. It put the day's deaths at 525.",
        "525",
        D("2026-06-07"),
        D("2026-06-07"),
        "the day's",
    ),
    (
        "repeated-specific-figure",
        "2026-05-06",
        "Hospitals had recorded 1,284 deaths as of May 2, the union said. Of the 1,284 dead, "
        "310 were children.",
        "310",
        None,
        D("2026-05-02"),
        "as of May 2",
    ),
    (
        "lede-period-carries",
        "2026-07-13",
        "Border crossings fell to about 61,000 in the first quarter of 2025. Crossings on the "
        "eastern route dropped 22%, while arrivals by sea rose 9%.",
        "22%",
        D("2025-01-01"),
        D("2025-03-31"),
        "in the first quarter of 2025",
    ),
    (
        "as-of-runs-from-ledes-since",
        "2026-05-25",
        "Some 1.2 million people have left the region since the fighting began on May 3. The "
        "count stood at 900,000 as of May 20.",
        "900,000",
        D("2026-05-03"),
        D("2026-05-20"),
        "as of May 20",
    ),
    (
        "by-the-evening-of",
        "2016-05-20",
        "By the evening of 3 May, more than 88,000 people had been evacuated.",
        "88,000",
        None,
        D("2016-05-03"),
        "3 May",
    ),
]


@pytest.mark.parametrize("case", CONTEXT, ids=[c[0] for c in CONTEXT])
def test_times_from_the_context(case: Case) -> None:
    _check(case)


# --- negative corpus: time words that govern no figure -------------------------------

NEGATIVE: list[tuple[str, str, str, str]] = [
    ("age", "2026-02-02", "A 20-year-old man was among 14 people hurt.", "14"),
    ("law-by-year", "2026-02-02", "The 2019 law capped fees at 300 euros.", "300"),
    ("duration-figure", "2026-11-23", "Voting was extended by two hours on Sunday.", "two"),
    ("held-for-months", "2026-01-10", "He was held for 14 months without trial.", "14"),
    ("compared-with-last-year", "2026-07-01", "Arrivals fell 38% compared with last year.", "38%"),
    (
        "compared-same-period",
        "2026-07-01",
        "Crossings dropped to 94,000, compared to the corresponding period in 2025.",
        "94,000",
    ),
    (
        "superlative-since",
        "2026-08-20",
        "It was the deadliest outbreak since 2014, with 230 cases so far.",
        "230",
    ),
    ("possessive-quake", "2026-03-05", "The toll from Tuesday's earthquake reached 96.", "96"),
    (
        "attributive-quake",
        "2026-11-02",
        "The October 8 quake also left more than 6,900 people injured.",
        "6,900",
    ),
    (
        "landslide-that-hit",
        "2026-06-02",
        "Officials said 74 people were missing after the landslide that hit the valley on May 30.",
        "74",
    ),
    (
        "invasion-launched",
        "2026-01-10",
        "The country has lost 1,200 tanks in its invasion, launched in February 2022.",
        "1,200",
    ),
    (
        "no-dated-event",
        "2026-02-10",
        "Thousands marched on Monday. The city has 2.4 million residents.",
        "2.4 million",
    ),
]


@pytest.mark.parametrize("case", NEGATIVE, ids=[c[0] for c in NEGATIVE])
def test_time_words_that_govern_no_figure(case: tuple[str, str, str, str]) -> None:
    _, published, text, figure = case
    row = _row(text, published, figure)
    assert pd.isna(row["start_earliest"]), row["window_text"]
    assert not row["window_text"], row["window_text"]
    assert row["end_latest"] == D(published)


# --- properties ---------------------------------------------------------------------


@given(binding_articles())
@settings(max_examples=60, deadline=None)
def test_a_window_is_never_invented(text: str) -> None:
    # Every window says the words it came from, and they are words of the text; a claim
    # whose text says nothing stands as of publication, with no start.
    frame = extract(text, published="2026-06-15")
    plain = page_text(text)
    for row in frame.itertuples(index=False):
        evidence = row.window_text or ""
        for part in evidence.split(" … "):
            assert part in plain, (evidence, row.quote)
        if not evidence:
            assert pd.isna(row.start_earliest)
            assert row.end_earliest == row.end_latest == D("2026-06-15")
