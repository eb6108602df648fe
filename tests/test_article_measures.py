"""Articles end to end (extract, then reconcile): which figures meet in one measure.

Every article here is invented for these tests. Each family is a case table: the
figures of one measure told in different words must meet; figures of different
diseases, places or periods must not; a figure the text itself gives as replaced is
never set against the figure that replaced it.
"""

from __future__ import annotations

import pandas as pd
import pytest

import claimrec
from claimrec.extract import extract

PUBLISHED = "2025-03-04"


def _frame(*articles: str) -> pd.DataFrame:
    frames = [
        extract(text, published=PUBLISHED, document=f"doc{i}") for i, text in enumerate(articles)
    ]
    return pd.concat(frames, ignore_index=True)


def _row(frame: pd.DataFrame, value_text: str) -> pd.Series:
    rows = frame[frame["value_text"] == value_text]
    assert len(rows) == 1, frame[["value_text", "measure"]]
    return rows.iloc[0]


# --- one measure in different words ------------------------------------------------------

SAME_MEASURE = {
    "verb died": "At least 40 people died in the floods in Norland, officials said on Monday.",
    "noun death toll": (
        "The death toll from the floods in Norland rose to 52 on Monday, the civil defence "
        "agency said."
    ),
    "verb killed": "The floods in Norland killed 47 people, the Red Cross said on Monday.",
    "noun fatalities": (
        "Flood fatalities in Norland stood at 45 on Monday, according to the interior ministry."
    ),
    "adjective dead": "Rescuers counted 44 dead after the Norland floods on Monday.",
}


def test_died_death_toll_killed_and_fatalities_are_one_measure() -> None:
    frame = _frame(*SAME_MEASURE.values())
    assert frame["measure"].nunique() == 1, frame[["document", "value_text", "measure"]]
    report = claimrec.reconcile(frame)
    assert report.claims["group"].nunique() == 1


# --- figures that must not meet ------------------------------------------------------------

APART = [
    pytest.param(
        "Cholera has killed 230 people in Darova this year, the health ministry said on "
        "Monday. Measles deaths in Darova reached 45 over the same period, the ministry said.",
        ("230", "45"),
        id="two diseases of one country",
    ),
    pytest.param(
        "Outbreak spreads in Kesh\nThe ministry counted 12 new deaths from dengue in Kesh on "
        "Monday. Dengue has killed 310 people in Kesh since January, the ministry said.",
        ("12", "310"),
        id="a day's new deaths beside the running total",
    ),
    pytest.param(
        "Police detained 80 protesters in Tarnow on Saturday, a rights group said. In Lesko, "
        "police detained 35 people at a smaller rally on Saturday, the group said.",
        ("80", "35"),
        id="detentions in two cities on one day",
    ),
]


@pytest.mark.parametrize(("text", "values"), APART)
def test_different_subjects_are_different_measures(text: str, values: tuple[str, str]) -> None:
    frame = _frame(text)
    first, second = (_row(frame, v) for v in values)
    assert first["measure"] and second["measure"]
    assert first["measure"] != second["measure"]
    report = claimrec.reconcile(frame)
    assert "contradict" not in set(report.groups["verdict"])


def test_two_cities_detentions_from_two_articles_never_meet() -> None:
    frame = _frame(
        "Police detained 80 protesters in Tarnow on Saturday, a rights group said.",
        "Police detained 35 protesters in Lesko on Saturday, a rights group said.",
    )
    report = claimrec.reconcile(frame)
    documents = report.claims.dropna(subset=["group"]).groupby("group")["document"].nunique()
    assert (documents <= 1).all()


# --- figures the text gives as replaced --------------------------------------------------

SUPERSEDED = [
    pytest.param(
        "The regional health office lowered the storm death toll in Velmar to 42 from nearly "
        "70, saying some victims had been counted twice.",
        "nearly 70",
        "42",
        id="lowered to the new figure from the old one",
    ),
    pytest.param(
        "Officials revised their count of the missing in Ostra from 18 to 11 after several "
        "people were found alive.",
        "18",
        "11",
        id="revised from the old figure to the new one",
    ),
    pytest.param(
        "The agency had previously said 75 people were killed in the Velmar storm. It now "
        "says 42 people died in the storm.",
        "75",
        "42",
        id="what a source previously said",
    ),
    pytest.param(
        "Health officials counted 910 cholera cases in Darova, up from the 640 reported earlier.",
        "640",
        "910",
        id="up from an earlier figure",
    ),
]


@pytest.mark.parametrize(("text", "old", "new"), SUPERSEDED)
def test_a_figure_revised_in_the_text_is_never_a_rival(text: str, old: str, new: str) -> None:
    frame = _frame(text)
    assert _row(frame, old)["modality"] == "superseded"
    assert _row(frame, new)["modality"] == "reported"
    report = claimrec.reconcile(frame)
    assert "contradict" not in set(report.groups["verdict"])


STILL_REPORTED = [
    pytest.param(
        "The shelters housed 9,400 people on Friday, up from 6,100 on Monday.",
        "6,100",
        id="an earlier level with its own date",
    ),
    pytest.param(
        "Aid arrived from 12 countries after the Norland floods, officials said.",
        "12",
        id="from without any change",
    ),
    pytest.param(
        "Exports rose to $5bn in 2024 from $4bn in 2023.",
        "$4bn",
        id="the start of a change in its own year",
    ),
]


@pytest.mark.parametrize(("text", "value_text"), STILL_REPORTED)
def test_figures_that_are_not_replaced(text: str, value_text: str) -> None:
    assert _row(_frame(text), value_text)["modality"] == "reported"


def test_two_replaced_figures_are_not_set_against_each_other() -> None:
    frame = _frame(
        "The regional office cut the storm death toll in Velmar to 42 from nearly 70. "
        "The agency had previously said 75 people were killed in the Velmar storm."
    )
    assert list(frame["modality"]) == ["reported", "superseded", "superseded"]
    report = claimrec.reconcile(frame)
    assert "contradict" not in set(report.groups["verdict"])
    superseded = report.claims[report.claims["modality"] == "superseded"]
    assert superseded["group"].isna().all()  # listed, judged against nothing


def test_a_superseded_claim_typed_by_hand_joins_no_group() -> None:
    claims = [
        claimrec.claim("42", measure="storm deaths", published=PUBLISHED, reporter="office"),
        claimrec.claim(
            "70", measure="storm deaths", published=PUBLISHED, reporter="agency",
            modality="superseded",
        ),
    ]  # fmt: skip
    report = claimrec.reconcile(claims)
    assert set(report.groups["verdict"]) == {"single"}
