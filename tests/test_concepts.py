"""Measures as concept + subject (claimrec/read/concepts.py, data/en/concepts.txt).

Case tables per family, in sentences written for these tests: each row is an id, a
sentence, the words its measure key must hold and the words it must not. Then a
negative corpus (figures that must get no measure, or never a given concept), the
property that two unrelated articles never share a group, the merge across articles,
and the end-to-end check of tests/data/articles.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimrec
from claimrec import claim
from claimrec.extract import extract, extract_files, merge_measures
from claimrec.lexicon import default_lexicon
from claimrec.read.files import read_header
from claimrec.testing import ARTICLE_DOMAINS, domain_articles

ARTICLES = Path(__file__).parent / "data" / "articles"


def _row(text: str, value: str | None = None) -> pd.Series:
    frame = extract(text, published="2024-05-20")
    if value is not None:
        frame = frame[frame["value_text"] == value]
    assert len(frame), text
    return frame.iloc[0]


# --- families ------------------------------------------------------------------------------

CASES = [
    # deaths: died / dead / killed / fatalities / death toll
    (
        "died",
        "Some 310 people died in Nepal when the landslide buried two villages.",
        {"death", "nepal", "landslide"},
        set(),
    ),
    (
        "toll-before",
        "The death toll from the Kenya floods has climbed to 96, officials said.",
        {"death", "kenya", "flood"},
        set(),
    ),
    (
        "fatalities",
        "Police reported 14 fatalities in Chile after the storm on Monday.",
        {"death", "chile", "storm"},
        set(),
    ),
    (
        "killed-civilians",
        "Shelling killed at least 23 civilians in Syria overnight.",
        {"death", "civilian", "syria"},
        set(),
    ),
    # injuries
    (
        "wounded",
        "More than 70 people were wounded in Peru when the tremor struck.",
        {"injured", "peru", "earthquake"},
        {"death"},
    ),
    # crowds
    (
        "protesters",
        "Organizers said 45,000 protesters rallied in Madrid on Sunday.",
        {"attendance", "madrid"},
        set(),
    ),
    (
        "turnout-count",
        "Police estimated the turnout at 12,000 in Berlin on Saturday.",
        {"attendance", "berlin"},
        {"voter"},
    ),
    (
        "turnout-share",
        "Turnout in the Kenya election was 64 percent, the commission said.",
        {"voter", "turnout", "kenya"},
        {"share"},
    ),
    # detentions outrank the people detained
    (
        "detained",
        "More than 300 protesters were detained in Tbilisi, the ministry said.",
        {"detention", "tbilisi"},
        {"attendance"},
    ),
    (
        "arrests",
        "Border agents made 41,000 arrests in Mexico in June.",
        {"detention", "mexico"},
        set(),
    ),
    # displacement
    (
        "refugees",
        "About 8,000 refugees have crossed from Sudan into Chad this week.",
        {"displaced", "sudan"},
        set(),
    ),
    (
        "fled",
        "Some 60,000 people have fled Haiti since the violence began.",
        {"displaced", "haiti"},
        set(),
    ),
    # infections, only in an epidemic
    (
        "cases",
        "Peru recorded 1,250 new cases of dengue fever in the outbreak, officials said.",
        {"infection", "new", "peru"},
        set(),
    ),
    # a property of the event: the country, never the province
    (
        "magnitude",
        "The quake had a magnitude of 6.8, the Japanese agency said.",
        {"magnitude", "earthquake", "japan"},
        set(),
    ),
    # rates with their period
    (
        "inflation",
        "Monthly inflation in Turkey slowed to 3.2% in April.",
        {"inflation", "monthly", "turkey"},
        {"share"},
    ),
    # a country named by its adjective in the counted phrase
    (
        "demonym",
        "Russia said 90 Ukrainian soldiers were released in the exchange.",
        {"release", "soldier", "ukraine"},
        {"russia"},
    ),
    # places joined by "and" are one subject
    (
        "joined-places",
        "Insured losses in Florida and Georgia reached $4 billion, the firm said.",
        {"loss", "florida", "georgia"},
        set(),
    ),
    # the subject keeps one article's counts apart
    (
        "disease-named",
        "Measles has killed 61 children in Kenya since January, the ministry said.",
        {"death", "measle", "epidemic", "kenya", "child"},
        {"cholera"},
    ),
    (
        "place-before-verb",
        "The floods in Nepal killed 212 people, the army said.",
        {"death", "flood", "nepal"},
        set(),
    ),
    (
        "burned-area-is-a-fire",
        "Some 4,100 hectares burned in Portugal during the heat wave, officials said.",
        {"area", "burned", "fire", "portugal"},
        {"heat"},
    ),
    (
        "rockets-are-an-attack",
        "Militants fired 35 rockets at Peru's border posts before the strikes stopped.",
        {"projectile", "attack"},
        {"strike"},
    ),
    (
        "name-with-for",
        "The Centre for Disaster Studies counted 88 deaths in Chile after the storm.",
        {"death", "chile", "storm"},
        {"disaster", "studies"},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_concept_and_subject(text: str, present: set[str], absent: set[str]) -> None:
    key = set(_row(text)["measure"].split())
    assert present <= key, key
    assert not absent & key, key


def test_phrasings_of_one_concept_meet() -> None:
    texts = [
        "At least 1,200 people died in Peru after the earthquake.",
        "The earthquake in Peru killed 1,200 people.",
        "Peru's earthquake death toll stands at 1,200.",
        "The quake left 1,200 dead in Peru, officials said.",
    ]
    keys = {_row(t)["measure"] for t in texts}
    assert len(keys) == 1, keys


def test_measure_text_says_what_was_read() -> None:
    row = _row("Shelling killed at least 23 civilians in Syria overnight.")
    assert "killed" in row["measure_text"] and "Syria" in row["measure_text"]


def test_an_elided_figure_takes_the_concept_not_the_place() -> None:
    frame = extract(
        "Organizers counted 90,000 marchers across Spain, including 40,000 in Madrid.",
        published="2024-05-20",
    )
    national, madrid = frame["measure"]
    assert "attendance" in national.split() and "attendance" in madrid.split()
    assert "madrid" in madrid.split() and national != madrid


def test_there_is_the_previous_figure_s_place() -> None:
    frame = extract(
        "The storm killed 30 people in Nigeria. In Lagos, 12 people died. "
        "The death toll there rose to 15 on Tuesday.",
        published="2024-05-20",
    )
    nigeria, lagos, there = frame["measure"]
    assert there == lagos != nigeria


def test_there_names_the_last_place_of_the_sentence_before() -> None:
    frame = extract(
        "Rescuers arrived in Velmar on foot. The death toll there rose to 37.",
        published="2024-05-20",
    )
    assert "velmar" in frame["measure"].iloc[0].split()


def test_nationwide_is_the_article_s_country_though_a_place_came_first() -> None:
    frame = extract(
        "Floods hit Peru\nThe recount in Velmar could lower the nationwide toll to about 90.",
        published="2024-05-20",
    )
    key = frame["measure"].iloc[0].split()
    assert "peru" in key and "velmar" not in key


def test_a_figure_written_again_takes_its_specific_key() -> None:
    frame = extract(
        "Clinics in Kenya recorded 642 civilian deaths in the clashes. By Friday the "
        "count stood at 642, the ministry said.",
        published="2024-05-20",
    )
    assert frame["measure"].nunique() == 1 and "civilian" in frame["measure"].iloc[0]


def test_a_small_figure_written_again_keeps_its_own_key() -> None:
    frame = extract(
        "Some 40 people died in the Kenya floods. The parliament has 40 seats.",
        published="2024-05-20",
    )
    assert frame["measure"].nunique() == 2


def test_a_level_rate_for_one_month_is_no_monthly_measure() -> None:
    frame = extract(
        "The jobless rate in Chile was 8.1% in March, the statistics office said.",
        published="2024-05-20",
    )
    assert "monthly" not in frame["measure"].iloc[0].split()


def test_a_rate_for_one_month_is_monthly() -> None:
    frame = extract(
        "Monthly inflation in Chile was 0.9% in July. Inflation for June was 0.8%.",
        published="2024-08-20",
    )
    july, june = frame["measure"]
    assert july == june and "monthly" in july.split()


# --- negatives ------------------------------------------------------------------------------

NEGATIVE = [
    # things counted, not a concept: the phrase stays apart from the concept families
    ("things", "The storm damaged 45 schools in Chile.", "death"),
    # a partitive: part of another count
    ("partitive", "Police detained 40 protesters, 12 of them women.", "detention"),
    # "cases" outside an epidemic are not infections
    ("cases-legal", "The court heard 17 cases of fraud in Kenya last year.", "infection"),
    # a magnitude far from its figure is not the figure's
    ("magnitude-far", "The magnitude of the quake surprised the 40 scientists who met in Lima.",
     "magnitude"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "concept"), [c[1:] for c in NEGATIVE],
                         ids=[c[0] for c in NEGATIVE])  # fmt: skip
def test_not_this_concept(text: str, concept: str) -> None:
    frame = extract(text, published="2024-05-20")
    keys = list(frame["measure"])
    if concept == "detention":  # the whole is a detention; its part is not the same count
        assert concept in keys[0].split()
        keys = keys[1:]
    assert keys, text
    for key in keys:
        assert concept not in key.split(), (text, key)


def test_no_catch_all_measure() -> None:
    # figures whose measure cannot be read keep an empty measure and never meet
    frame = extract(
        "It was 4 to 1 at half time. Later it was 17. Nobody knew why it was 9.",
        published="2024-05-20",
    )
    assert len(frame)
    assert all(m == "" or "unspecified" not in m for m in frame["measure"])
    report = claimrec.reconcile(frame)
    assert (
        not (report.claims["measure"] == "").any()
        or report.claims.loc[report.claims["measure"] == "", "group"].isna().all()
    )


def test_a_fraction_is_no_count() -> None:
    frame = extract("Half of the 300 people who died in Peru were children.", published="2024")
    half = frame[frame["value_text"].str.lower() == "half"]
    assert (half["measure"] == "").all()


# --- modality -------------------------------------------------------------------------------


def test_forecast_and_reported_are_apart() -> None:
    frame = extract(
        "Annual inflation in Norway was 4.8% in May, the statistics office said. "
        "Economists had forecast annual inflation of 4.1% in May.",
        published="2024-06-12",
    )
    assert list(frame["modality"]) == ["reported", "forecast"]
    assert frame["measure"].nunique() == 1  # the same measure...
    report = claimrec.reconcile(frame)
    assert set(report.groups["verdict"]) == {"single"}  # ...never judged against each other


def test_estimated_by_a_model() -> None:
    row = _row("A statistical model put excess deaths in Peru at 12,000 last year.")
    assert row["modality"] == "estimated"


# --- two unrelated articles never share a group -------------------------------------------


@st.composite
def _two_domains(draw: st.DrawFn) -> tuple[tuple[str, str], tuple[str, str]]:
    first, second = draw(
        st.lists(st.sampled_from(sorted(ARTICLE_DOMAINS)), min_size=2, max_size=2, unique=True)
    )
    return draw(domain_articles(domain=first)), draw(domain_articles(domain=second))


@given(_two_domains())
@settings(max_examples=40, deadline=None)
def test_unrelated_articles_never_share_a_group(
    pair: tuple[tuple[str, str], tuple[str, str]],
) -> None:
    (_, one), (_, other) = pair
    frame = pd.concat(
        [
            extract(one, published="2024-05-20", document="one"),
            extract(other, published="2024-05-20", document="other"),
        ],
        ignore_index=True,
    )
    report = claimrec.reconcile(frame)
    grouped = report.claims.dropna(subset=["group"])
    documents = grouped.groupby("group")["document"].nunique()
    assert (documents <= 1).all(), grouped[["document", "value_text", "measure"]]


# --- merging keys across a batch ---------------------------------------------------------


def _claim(measure: str, text: str, document: str) -> claimrec.Claim:
    made = claim("120", measure=measure, published="2024-05-20", document=document)
    return replace(made, measure_text=text)


def test_merge_never_gives_other_articles_a_place() -> None:
    claims = [_claim("deaths in Peru", "deaths in Peru", f"p{i}") for i in range(1)]
    claims += [_claim("deaths", "deaths", f"d{i}") for i in range(5)]
    merged = merge_measures(claims)
    assert [c.measure for c in merged[1:]] == [claims[1].measure] * 5


def test_merge_within_an_article_takes_its_unique_qualified_key() -> None:
    claims = [
        _claim("executions of Ukrainian POWs", "executions of Ukrainian POWs", "a"),
        _claim("POW executions", "POW executions", "a"),
    ]
    merged = merge_measures(claims)
    assert merged[1].measure == merged[0].measure


def test_merge_refuses_two_candidates() -> None:
    claims = [
        _claim("executions of Ukrainian POWs", "executions of Ukrainian POWs", "a"),
        _claim("executions of Russian POWs", "executions of Russian POWs", "a"),
        _claim("POW executions", "POW executions", "a"),
    ]
    assert merge_measures(claims)[2].measure == claims[2].measure


# --- header lines ---------------------------------------------------------------------------


def test_header_lines_are_publication_facts() -> None:
    facts, length = read_header("URL: https://example.org/x\nPUBLISHED: 2024-01-02\n\nBody 5.")
    assert facts == {"url": "https://example.org/x", "published": "2024-01-02"}
    assert length == len("URL: https://example.org/x\nPUBLISHED: 2024-01-02\n\n")
    assert read_header("Summary: a text that starts like a header\n\nBody")[0] == {}
    assert read_header("URL: https://example.org/x\nno blank line")[0] == {}


def test_header_is_not_read_and_spans_index_the_file() -> None:
    frame = extract_files([ARTICLES / "quake_ministry.txt"])
    text = (ARTICLES / "quake_ministry.txt").read_text(encoding="utf-8")
    assert set(frame["published"].astype(str)) == {"2023-03-10"}
    assert set(frame["url"]) == {"https://example.org/news/peru-quake-toll"}
    for row in frame.itertuples(index=False):
        assert text[row.span_start : row.span_end] == row.quote
        assert "2023" not in row.value_text


def test_folder_notes_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("This folder holds 3 articles.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Floods in Kenya killed 40 people.\n", encoding="utf-8")
    assert set(extract_files([tmp_path])["document"]) == {"a.txt"}
    assert "folder_notes" in default_lexicon().names


# --- end to end: claimrec check on articles written for the tests ----------------------

# What each extracted figure is about, as the articles were written (document, figure).
INTENDED = {
    ("quake_ministry.txt", "At least 1,200"): "quake deaths",
    ("quake_governor.txt", "No more than 900"): "quake deaths",
    ("quake_ministry.txt", "more than 3,000"): "quake injured",
    ("quake_governor.txt", "45"): "schools damaged",
    ("peru_floods.txt", "40"): "flood deaths",
    ("peru_floods.txt", "About 2,500"): "homes flooded",
    ("lisbon_march.txt", "80,000"): "Lisbon crowd",
    ("lisbon_march.txt", "20,000"): "Lisbon crowd",
    ("lisbon_march.txt", "Tens of thousands"): "Lisbon crowd",
    ("norway_prices.txt", "4.8%"): "inflation",
    ("norway_prices.txt", "4.1%"): "inflation",
    ("sudan_refugees_a.txt", "More than 50,000"): "refugees",
    ("sudan_refugees_b.txt", "about 52,000"): "refugees",
}


@pytest.fixture(scope="module")
def report() -> claimrec.Report:
    return claimrec.reconcile(extract_files([ARTICLES]))


def test_check_finds_the_contradictions_the_articles_hold(report: claimrec.Report) -> None:
    contradicted = report.groups[report.groups["verdict"] == "contradict"]
    keys = [set(m.split()) for m in contradicted["measure"]]
    assert len(keys) == 2, contradicted
    assert any({"death", "earthquake", "peru"} <= k for k in keys)  # 1,200+ vs at most 900
    assert any({"attendance", "lisbon"} <= k for k in keys)  # 80,000 vs 20,000
    # the forecast of inflation is never set against the reported rate; the refugee
    # counts agree; the flood deaths never meet the earthquake deaths
    assert "agree" in set(report.groups["verdict"])


def test_every_group_holds_one_measure(report: claimrec.Report) -> None:
    claims = report.claims.dropna(subset=["group"])
    for _, members in claims.groupby("group"):
        intended = {
            INTENDED.get((row.document, row.value_text), f"{row.document}:{row.value_text}")
            for row in members.itertuples(index=False)
        }
        assert len(intended) == 1, members[["document", "value_text", "measure"]]


def test_cli_check_on_the_folder_reads_the_headers() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimrec", "check", str(ARTICLES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # contradictions found
    assert "no publication date" not in result.stderr
    assert result.stdout.count("[CONTRADICT]") == 2, result.stdout
