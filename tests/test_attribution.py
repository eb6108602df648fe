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


def test_outlet_crediting_itself_names_no_source() -> None:
    frame = claimrec.extract(
        "At least 90 homes flooded. (Via Daily Ledger)\n\nPolice said 4 died. Medics said 6.",
        published="2024-03-04",
        outlet="Daily Ledger",
    )
    assert pd.isna(frame[frame["value_text"] == "At least 90"].iloc[0]["reporter"])


# The families of English attribution, one block each, in sentences of our own:
# (family, id, text, the figure as written, the reporter it takes; None: no source).
# Where a text has one source only, a second one is named so that the article's
# single source is not simply inherited by every figure.
FAMILY_CASES = [
    (
        "verbs",
        "plain-form-plural",
        "Early polls suggest 41 percent back the plan.",
        "41 percent",
        "Early polls",
    ),
    (
        "verbs",
        "gerund-after-with",
        "The quake measured 6.1, with state media reporting it to be 6.4.",
        "6.4",
        "state media",
    ),
    (
        "verbs",
        "described-as",
        "Governor Ida Lund described the 312 blazes as a calamity.",
        "312",
        "Ida Lund",
    ),
    (
        "verbs",
        "read-a-list",
        "The deputy mayor, Tom Reyes, read to journalists a list of 64 names.",
        "64",
        "Tom Reyes",
    ),
    (
        "verbs",
        "narrowed-estimate",
        "The insurance firm narrowed its estimate to $6 billion.",
        "$6 billion",
        "insurance firm",
    ),
    (
        "between",
        "weekday-adverbial",
        "Rescuers on Tuesday said 14 climbers were missing.",
        "14",
        "Rescuers",
    ),
    (
        "between",
        "statement-adverbial",
        "The insurer in a statement Friday put the bill at $3 billion.",
        "$3 billion",
        "insurer",
    ),
    (
        "between",
        "overnight-date",
        "Surveys overnight on 3/4 June showed 60 percent support.",
        "60 percent",
        "Surveys",
    ),
    (
        "between",
        "relative-gerund",
        (
            "The figure matches those of village elders, who have been saying for "
            "days that 95 homes burned."
        ),
        "95",
        "elders",
    ),
    (
        "names",
        "company-abbreviation",
        "Harbour modelling firm Lee & Sons Ltd. estimated losses at $2 billion.",
        "$2 billion",
        "Harbour modelling firm Lee & Sons Ltd",
    ),
    (
        "names",
        "rank-dropped",
        "Maj. Gen. Omar Haddad said 35 soldiers were wounded.",
        "35",
        "Omar Haddad",
    ),
    (
        "names",
        "hyphenated-rank-dropped",
        (
            "The region's head of logistics, Lieutenant-Colonel Ines Varga, said 18 "
            "bridges were down."
        ),
        "18",
        "Ines Varga",
    ),
    (
        "names",
        "office-not-person",
        (
            "According to the Regional Commissioner for Water Safety (RCWS) "
            "figures, 27 wells were tainted."
        ),
        "27",
        "Regional Commissioner for Water Safety",
    ),
    (
        "names",
        "located-source",
        "Union organizers in Leeds claimed a turnout of 40,000.",
        "40,000",
        "Union organizers in Leeds",
    ),
    (
        "names",
        "title-of-organisation",
        (
            "The chair of the water board, Ruth Ames, who also runs the utility, "
            "said 12 wells failed."
        ),
        "12",
        "board",
    ),
    (
        "data",
        "noun-adjunct-owner",
        "Where the sheriff's count is just 800, the campaign says 4,000 attended.",
        "800",
        "sheriff",
    ),
    (
        "data",
        "noun-adjunct-head",
        "Campaigners counted 9,000, while the police count was 2,500.",
        "2,500",
        "police",
    ),
    (
        "data",
        "estimates-from-lowercase",
        "Some 30,000 walked, according to estimates from rally organizers.",
        "Some 30,000",
        "rally organizers",
    ),
    (
        "data",
        "sent-to-reporters-by",
        "Figures handed to reporters by the port authority showed 310 ships arrived.",
        "310",
        "port authority",
    ),
    (
        "data",
        "claim-by",
        "A claim by a retired professor that 45% of pipes leak caused a stir.",
        "45%",
        "retired professor",
    ),
    (
        "passive",
        "passive-only-verb",
        "A 48-hour curfew imposed by the army ended.",
        "48-hour",
        "army",
    ),
    (
        "passive",
        "post-modifier-scope",
        (
            "The two-week drive fell short of the 70 percent backing predicted by "
            "pollsters, the mayor said."
        ),
        "two-week",
        "mayor",
    ),
    (
        "passive",
        "post-modifier-own",
        (
            "The two-week drive fell short of the 70 percent backing predicted by "
            "pollsters, the mayor said."
        ),
        "70 percent",
        "pollsters",
    ),
    (
        "speakers",
        "he-told-same-sentence",
        (
            "Port spokesman Ian Cole said counting went on, but he told reporters "
            "at least 300 boats sailed."
        ),
        "at least 300",
        "Ian Cole",
    ),
    (
        "speakers",
        "participle-shares",
        "The federation raised its count to 90, saying 12 more clubs had joined. Rivals said 70.",
        "12",
        "federation",
    ),
    (
        "speakers",
        "quote-continues",
        (
            "“We counted every one,” organizer Ana Lima said. “At least 8,000 "
            "people came.” Police said 5,000."
        ),
        "At least 8,000",
        "organizer Ana Lima",
    ),
    (
        "speakers",
        "described-then-named",
        (
            "A rail union official says 4,000 trains were cancelled. Police said 12 "
            "were late. The figure rose later, rail union official Peter Marsh "
            "said."
        ),
        "4,000",
        "union",
    ),
    (
        "speakers",
        "headline-description-named",
        (
            "Retired professor says 30% of bridges are unsafe\nThe claim came as the "
            "ministry said 12% needed repair. Harbin University professor Li Wen "
            "wrote that the share was higher."
        ),
        "30%",
        "Li Wen",
    ),
    (
        "speakers",
        "commission-head",
        (
            "The electoral commission extended voting. Later its head, Judge Amal "
            "Nur, said turnout was 52 percent."
        ),
        "52 percent",
        "Amal Nur",
    ),
    (
        "unnamed",
        "estimates-put",
        "The fire, which estimates put at 9,000 hectares, still burns.",
        "9,000 hectares",
        "estimates",
    ),
    (
        "unnamed",
        "governed-by-speaker",
        (
            "Police said 40 people drowned. The head of the commission, Dana Wu, "
            "said initial counts showed 61 percent voted."
        ),
        "61 percent",
        "commission",
    ),
    (
        "official",
        "official-tally",
        "Local authorities said 40 died. The official tally showed 212 people injured.",
        "212",
        "Local authorities",
    ),
    (
        "official",
        "unofficial-after-figure",
        (
            "The statistics office said prices rose 2.1% in May. Campaigners said "
            "prices rose 6%. Official inflation for April was 1.8%, compared with "
            "the 5.5% unofficial estimate."
        ),
        "5.5%",
        "Campaigners",
    ),
    (
        "official",
        "official-before-figure",
        (
            "The statistics office said prices rose 2.1% in May. Campaigners said "
            "prices rose 6%. Official inflation for April was 1.8%, compared with "
            "the 5.5% unofficial estimate."
        ),
        "1.8%",
        "statistics office",
    ),
    (
        "own",
        "which-would-mean",
        (
            "The minister said 30 percent of staff struck, which would mean 9,000 "
            "of the 30,000 workers stayed home."
        ),
        "9,000",
        None,
    ),
    (
        "own",
        "writer-aside",
        "The Green League, the party which lost 9 seats last year, said turnout was 48 percent.",
        "9",
        None,
    ),
    (
        "credit",
        "via-closes-paragraph",
        (
            "At least 200 houses collapsed in the valley, early reports indicated. "
            "(Via Channel Four)\n\nPolice said 30 people died."
        ),
        "At least 200",
        "Channel Four",
    ),
    (
        "described",
        "rights-groups",
        "Rights groups said 300 people were detained.",
        "300",
        "Rights groups",
    ),
    (
        "described",
        "spokesperson-for",
        "A spokesperson for the agency said 70 flights were cancelled.",
        "70",
        "agency",
    ),
    (
        "described",
        "researchers-found",
        "Researchers found 12 percent of samples contaminated.",
        "12 percent",
        "Researchers",
    ),
    (
        "described",
        "data-from",
        "Data from the weather service show 40 mm of rain fell.",
        "40 mm",
        "weather service",
    ),
    ("described", "the-report", "The report said 1,200 schools closed.", "1,200", "report"),
    (
        "speakers",
        "the-ministry-added",
        "The Transport Ministry said 40 roads were shut. Rail firms said 9 lines stopped. "
        "Another 12 roads flooded overnight, the ministry added.",
        "12",
        "Transport Ministry",
    ),
    (
        "names",
        "data-word-in-a-name",
        "According to the Coastal Survey, 9 beaches closed. Police said 2 stayed open.",
        "9",
        "Coastal Survey",
    ),
    (
        "verbs",
        "single-quoted-inverted",
        "'We have found 30 bodies,' said Ali Khan, a police official. Medics said 12.",
        "30",
        "Ali Khan",
    ),
    (
        "data",
        "statement-from",
        "According to a statement from the health ministry, 120 cases were confirmed.",
        "120",
        "health ministry",
    ),
    (
        "data",
        "possessive-statement-subject",
        "The ministry's statement said 40 schools closed. Teachers said 55.",
        "40",
        "ministry",
    ),
    (
        "names",
        "researchers-at-place",
        "Researchers at Northfield University put the deaths at 3,000. Police said 2,000.",
        "3,000",
        "Researchers at Northfield University",
    ),
    (
        "speakers",
        "unit-of-parent",
        "Harbour Risk Labs raised its estimate to $3 billion. The London-based unit of Orbis "
        "Holdings Inc. in a statement Friday narrowed its loss estimate to $2.5 billion. "
        "Rivals said $5 billion.",
        "$2.5 billion",
        "Harbour Risk Labs",
    ),
]


@pytest.mark.parametrize(
    ("text", "figure", "reporter"),
    [case[2:] for case in FAMILY_CASES],
    ids=[f"{case[0]}:{case[1]}" for case in FAMILY_CASES],
)
def test_attribution_families(text: str, figure: str, reporter: str | None) -> None:
    frame = claimrec.extract(text, published="2024-03-04", outlet="Daily Ledger")
    rows = frame[frame["value_text"] == figure]
    assert len(rows) >= 1, list(frame["value_text"])
    got = rows.iloc[0]["reporter"]
    assert (None if pd.isna(got) else got) == reporter, rows.iloc[0]["reporter_text"]


def test_family_case_ids_are_unique() -> None:
    ids = [case[1] for case in FAMILY_CASES]
    assert len(set(ids)) == len(ids)


def test_every_rule_is_documented() -> None:
    from claimrec.read.attribution import RULES
    from claimrec.read.attribution import __doc__ as doc

    assert doc is not None
    assert all(f"``{rule}``" in doc for rule in RULES)


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
    ("street-named-police", "On Police Road 12 shops were shuttered."),
    ("street-with-title-word", "Police Chief Road 9 was closed."),
    ("byline", "By Ana Lima and Tom Reyes\nThe bridge carries 4,000 cars a day."),
    ("date-then-figure", "On March 3 40 people queued for bread."),
    ("month-as-noun", "Hundreds joined the march in 40 towns."),
    ("picture-credit", "The river rose 3 metres overnight. (Via Getty Images)"),
    ("infinitive", "The agency is expected to report 5 new cases."),
    ("document-not-speaker", "The report, 30 pages long, was published on Monday."),
    ("relative-clause-source", "The 2,000-strong militia, which officials say is armed, left."),
    ("possessive-place", "Station Road's 14 shops stayed shut."),
    (
        "report-title-by-country",
        "A book on prisoners held by Russia report, 200 pages long, sold well.",
    ),
]


@pytest.mark.parametrize("sentence", [c[1] for c in NOT_SOURCES], ids=[c[0] for c in NOT_SOURCES])
def test_not_sources(sentence: str) -> None:
    frame = claimrec.extract(sentence, published="2024-03-04")
    assert frame["reporter"].isna().all(), frame[["value_text", "reporter", "reporter_text"]]


# Figures beside a source that is not theirs: (id, text, figure as written).
NOT_THEIR_SOURCE = [
    (
        "official-not-a-count",
        "The ministry said 30 schools closed. Teachers said 40 closed. "
        "The official language is spoken by 3 million people.",
        "3 million",
    ),
    (
        "plain-verb-after-a-thing",
        "Photos show 30 trucks crossing. Police said 4 stopped. Medics said 2 were hurt.",
        "30",
    ),
    (
        "before-a-post-modifier",
        "The two-week drive fell short of the backing predicted by pollsters.",
        "two-week",
    ),
    (
        "picture-credit-paragraph",
        "The river rose 3 metres overnight. (Via Getty Images)\n\nPolice said 30 died. "
        "Medics said 12.",
        "3 metres",
    ),
]


@pytest.mark.parametrize(
    ("text", "figure"),
    [case[1:] for case in NOT_THEIR_SOURCE],
    ids=[case[0] for case in NOT_THEIR_SOURCE],
)
def test_not_their_source(text: str, figure: str) -> None:
    frame = claimrec.extract(text, published="2024-03-04")
    rows = frame[frame["value_text"] == figure]
    assert len(rows) >= 1, list(frame["value_text"])
    assert pd.isna(rows.iloc[0]["reporter"]), rows.iloc[0]["reporter_text"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB,.'’()&:;\"0123456789 saidthe")), max_size=200))
def test_attribution_never_raises(text: str) -> None:
    claimrec.extract(text, published="2024-03-04")
