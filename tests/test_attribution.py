"""Attribution: who gave a figure, read by the source-phrase grammar (attribution.txt)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimrec

# (id, sentence, reporter expected for its one figure, evidence words expected)
SOURCES = [
    (
        "subject-described",
        "The government says 4,300 people died in the floods.",
        "government",
        "government says",
    ),
    (
        "subject-after-place",
        "In the port city, the union counted 250,000 marchers.",
        "union",
        "union counted",
    ),
    (
        "subject-plural-unnamed",
        "Organizers estimated at least 900,000 took part.",
        "Organizers",
        "Organizers estimated",
    ),
    (
        "subject-modified",
        "Local authorities said 38 homes burned down.",
        "Local authorities",
        "Local authorities said",
    ),
    (
        "subject-spokesperson",
        "An aid-agency spokesperson said 1,200 families were displaced.",
        "aid-agency spokesperson",
        "aid-agency spokesperson said",
    ),
    ("subject-study", "The study found 17 percent of wells were dry.", "study", "study found"),
    ("inverted", "About 300 people were arrested, police said.", "police", "police said"),
    (
        "put-the-toll",
        "Hospital officials put the toll at 61 on Friday.",
        "Hospital officials",
        "Hospital officials put",
    ),
    (
        "according-to",
        "At least 75 people drowned, according to the Coast Guard.",
        "Coast Guard",
        "according to the Coast Guard",
    ),
    (
        "figures-from",
        "Figures from the Harbour Authority show 412 ships docked.",
        "Harbour Authority",
        "Figures from the Harbour Authority",
    ),
    (
        "possessive",
        "The Relief Society's latest count is 5,100 shelters.",
        "Relief Society",
        "Relief Society's latest count",
    ),
    (
        "passive-by",
        "Some 640 cases were reported by the district clinic.",
        "district clinic",
        "reported by the district clinic",
    ),
    (
        "title-organisation",
        "Transit Agency spokeswoman Mira Olsen said 88 buses ran.",
        "Transit Agency",
        "Transit Agency spokeswoman Mira Olsen said",
    ),
    (
        "toll-verb-lowered",
        "Provincial officials lowered the death toll to 88 on Sunday.",
        "Provincial officials",
        "Provincial officials lowered the death toll",
    ),
    (
        "toll-verb-over-adverb",
        "Kenya has officially raised the number of flood victims to 190.",
        "Kenya",
        "Kenya has officially raised the number",
    ),
    (
        "estimate-with-modifiers",
        "The city council provided a far smaller estimate of 40,000.",
        "city council",
        "city council provided a far smaller estimate",
    ),
    (
        "bracketed-abbreviation",
        "The Harbour Workers League [HWL] put the crowd at 25,000.",
        "Harbour Workers League [HWL]",
        "Harbour Workers League [HWL] put",
    ),
    (
        "unread-description-then-name",
        "The region's coordinator of relief supplies, Amina Odhiambo, said 3,100 tents arrived.",
        "Amina Odhiambo",
        "Amina Odhiambo, said",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "reporter", "evidence"),
    [case[1:] for case in SOURCES],
    ids=[case[0] for case in SOURCES],
)
def test_sources(sentence: str, reporter: str, evidence: str) -> None:
    frame = claimrec.extract(sentence, published="2024-03-04")
    assert len(frame) >= 1
    row = frame.iloc[0]
    assert row["reporter"] == reporter
    assert row["reporter_text"] == evidence
    assert evidence in sentence


def test_case_ids_are_unique() -> None:
    assert len({case[0] for case in SOURCES}) == len(SOURCES)


def test_speaker_then_pronoun_then_organisation() -> None:
    text = (
        "Water Board director Lena Hart spoke on Monday. She said 14 pumping stations had failed."
    )
    frame = claimrec.extract(text, published="2024-03-04")
    assert frame.iloc[0]["reporter"] == "Water Board"


def test_the_union_refers_back() -> None:
    text = (
        "The Harbour Workers Union said 900 members struck on Monday. "
        "On Tuesday 1,100 joined them, the union said."
    )
    frame = claimrec.extract(text, published="2024-03-06")
    assert set(frame["reporter"]) == {"Harbour Workers Union"}


def test_outlet_is_not_the_reporter_unless_its_own_count() -> None:
    relayed = claimrec.extract(
        "Daily Ledger reported 40 arrests.", published="2024-03-04", outlet="Daily Ledger"
    )
    assert pd.isna(relayed.iloc[0]["reporter"])
    own = claimrec.extract(
        "A Daily Ledger tally puts the arrests at 40.",
        published="2024-03-04",
        outlet="Daily Ledger",
    )
    assert own.iloc[0]["reporter"] == "Daily Ledger"


# What is not a source: the figure stays unattributed.
NOT_SOURCES = [
    ("toll-said-to-be", "The death toll, said to be 45, rose overnight."),
    ("place", "In Northport 30 houses were flooded."),
    ("date", "On Saturday 12 roads were closed."),
    ("country-name-noun", "The United States has 50 states."),
    ("plain-fact", "The bridge is 400 metres long."),
    ("believed", "The gang is believed to have 200 members."),
    ("released-prisoners", "The army released 500 prisoners on Monday."),
    ("set-record", "The runner set a record of 9.8 seconds."),
]


@pytest.mark.parametrize("sentence", [c[1] for c in NOT_SOURCES], ids=[c[0] for c in NOT_SOURCES])
def test_not_sources(sentence: str) -> None:
    frame = claimrec.extract(sentence, published="2024-03-04")
    assert frame["reporter"].isna().all(), frame[["value_text", "reporter", "reporter_text"]]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB,.'’()&:;\"0123456789 saidthe")), max_size=200))
def test_attribution_never_raises(text: str) -> None:
    claimrec.extract(text, published="2024-03-04")
