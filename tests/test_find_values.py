"""find_values: figures in running text, with spans, values and counted phrases."""

from __future__ import annotations

import pytest
from growth import growth, repeated
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimrecError
from claimrec.read.figures import FigureMatch, clear_caches, find_values
from claimrec.testing import figure_texts, overflowing_figure_texts
from claimrec.value import Value

FOUND = [
    # (running text, [(match text, value, counted)])
    (
        "Russian forces allegedly killed two captured Ukrainian servicemen in Kursk.",
        [("two", Value.exact(2), "captured Ukrainian servicemen")],
    ),
    (
        "Russian forces have executed at least 124 Ukrainian prisoners of war since 2022 "
        "as of Nov. 6, the office said.",
        [("at least 124", Value.at_least(124), "Ukrainian prisoners of war")],
    ),
    (
        "Amnesty recorded 109 executions of Ukrainian POWs over the past year.",
        [("109", Value.exact(109), "executions of Ukrainian POWs")],
    ),
    (
        "Some 80% of the cases of executions were recorded in 2024.",
        [("Some 80%", Value.approx(80, unit="percent"), "cases of executions")],
    ),
    (
        "The register holds approximately 55,000 missing persons.",
        [("approximately 55,000", Value.approx(55000, precision=1000), "missing persons")],
    ),
    (
        "He spent more than two years in Russian captivity.",
        [("more than two years", Value.more_than(2, unit="year"), "years")],
    ),
    (
        "Between 30 and 40 civilians and 1.5 to 2 million hectares burned.",
        [
            ("Between 30 and 40", Value.between(30, 40), "civilians"),
            ("1.5 to 2 million hectares", Value.between(1.5e6, 2e6, unit="hectare"), "hectares"),
        ],
    ),
    (
        "Dozens of POWs and thousands of Ukrainians remain captive.",
        [
            ("Dozens", Value.vague(24, 99), "POWs"),
            ("thousands", Value.vague(2000, 9999), "Ukrainians"),
        ],
    ),
    (
        "He paid 20,000 roubles, then $350.",
        [
            ("20,000 roubles", Value.rounded(20000, precision=1000, unit="RUB"), None),
            ("$350", Value.exact(350, unit="USD"), None),
        ],
    ),
    (
        "The commission raised alarm over 79 documented cases across 24 separate incidents.",
        [
            ("79", Value.exact(79), "documented cases"),
            ("24", Value.exact(24), "separate incidents"),
        ],
    ),
    (
        "Only five reported receiving a letter.",
        [("five", Value.exact(5), None)],
    ),
    (
        "Footage purportedly shows one Russian soldier who refused to surrender.",
        [("one", Value.exact(1), "Russian soldier")],
    ),
    ("Up to 1,000 people fled; fewer than 20 stayed.", None),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[row[0][:40] for row in FOUND])
def test_found_in_running_text(
    text: str, expected: list[tuple[str, Value, str | None]] | None
) -> None:
    matches = find_values(text)
    for match in matches:
        assert text[match.start : match.end] == match.text
    if expected is None:
        assert [(m.text, m.value.kind) for m in matches] == [
            ("Up to 1,000", "at_most"),
            ("fewer than 20", "less_than"),
        ]
        return
    assert [(m.text, m.value, m.counted) for m in matches] == expected


NOT_FIGURES = [
    "It happened in 2024.",
    "since the invasion in February 2022 began",
    "as of Nov. 6, officials said",
    "announced on May 24, sparking concern",
    "24 Nov, 2022 22:44",
    "November 11, 2024 7:28 PM",
    "following the second prisoner swap this week",
    "for the 3rd time, the 21st brigade",
    "a soldier aged 45 was",
    "a 45-year-old soldier",
    "the man, 45 years old, said",
    "Covid-19 restrictions",
    "the G7 summit",
    "2 min read",
    "One of the servicemen said he was tortured",
    "In one of the videos",
    "no one was hurt",
    "between 2022 and 2024 the war",
    "the 2014-2022 period",
    "under Article 5 of the treaty",
    "open 24/7",
    "F-16 jets arrived at 9 a.m. on Monday",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_dates_times_ordinals_ages_and_names_are_not_figures(text: str) -> None:
    assert find_values(text) == []


def test_figure_match_is_a_frozen_slotted_record() -> None:
    match = find_values("some 50 Russian servicemen")[0]
    assert isinstance(match, FigureMatch)
    assert (match.start, match.end, match.text) == (0, 7, "some 50")
    assert match.counted == "Russian servicemen"
    with pytest.raises(AttributeError):
        match.start = 1  # type: ignore[misc]
    assert not hasattr(match, "__dict__")


def test_find_values_returns_a_fresh_list_each_time() -> None:
    first = find_values("at least 124 prisoners")
    first.clear()
    assert len(find_values("at least 124 prisoners")) == 1


@given(st.lists(figure_texts(), min_size=1, max_size=4))
def test_figures_joined_into_prose_are_found(texts: list[str]) -> None:
    prose = "Officials said " + ", and later ".join(texts) + " were reported."
    matches = find_values(prose)
    assert len(matches) >= 1
    _assert_spans(prose, matches)


def _assert_spans(text: str, matches: list[FigureMatch]) -> None:
    previous_end = 0
    for match in matches:
        assert text[match.start : match.end] == match.text
        assert previous_end <= match.start < match.end
        previous_end = match.end
        assert match.value.low <= match.value.high


@given(st.text(max_size=200))
def test_any_text_gives_exact_sorted_non_overlapping_spans(text: str) -> None:
    try:
        matches = find_values(text)
    except ClaimrecError:  # pragma: no cover - find_values does not refuse text
        return
    _assert_spans(text, matches)


@given(
    st.lists(
        st.sampled_from(
            ["1", "1,000", " ", "-", "to", "at least", "about", "%", "$", "May", "2024", "one",
             "of", "hundred", "and", "a", "million", ".", ",", "k", "dozens", "between", "or more"]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_figure_soup_gives_exact_spans(parts: list[str]) -> None:
    text = " ".join(parts)
    _assert_spans(text, find_values(text))


HOSTILE = {
    "million digits": (repeated("9"), 1_000_000),
    "one long grouped number": (repeated(",000", prefix="1"), 250_000),
    "separators": (repeated("1,000 "), 20_000),
    "repeated qualifiers": (repeated("at least more than about "), 10_000),
    "ranges": (repeated("1 to "), 20_000),
    "dashes": (repeated("1-"), 50_000),
    "number words": (repeated("one hundred and "), 10_000),
    "vague": (repeated("several "), 20_000),
    "dates": (repeated("Nov. 6, 2022 "), 10_000),
}


def _uncached(text: str) -> list[FigureMatch]:
    clear_caches()  # find_values remembers texts it has read
    return find_values(text)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_inputs_scale_linearly(name: str) -> None:
    make, n = HOSTILE[name]
    text = make(n)
    _assert_spans(text, find_values(text))
    ratio = growth(_uncached, make, n)
    assert ratio < 4, f"{name}: {ratio:.1f}x linear growth"


# --- figures past a float's range are skipped, the rest is read (issue 14) -------------


@given(overflowing_figure_texts())
def test_an_overflowing_figure_is_skipped_and_the_next_one_read(text: str) -> None:
    found = find_values(f"Officials put it at {text}; 40 people were hurt.")
    assert [match.value.stated for match in found] == [40]


def test_a_400_digit_number_with_a_scale_word_is_skipped() -> None:
    found = find_values("9" * 400 + " billion, and then 12 more")
    assert [match.value.stated for match in found] == [12]


@pytest.mark.parametrize(
    "unreadable", ["-1e308 to1dozen", "between -1e308 and 2 dozen", "about 1.7e308"]
)
def test_a_figure_past_a_floats_range_costs_its_paragraph_no_other_figure(
    unreadable: str,
) -> None:
    text = f"Rescuers found 14 survivors; a model said {unreadable}, and 3 roads were shut."
    found = [(m.text, m.value) for m in find_values(text)]
    assert ("14", Value.exact(14)) in found and ("3", Value.exact(3)) in found
