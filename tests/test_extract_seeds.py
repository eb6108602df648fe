"""Extraction end to end on the seed articles: claims per seed, and their reconciliation."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from conftest import SEEDS

import claimrec
from claimrec.extract import extract, extract_files
from claimrec.measure import measure_key

# What the readers make of the seeds: a concept with its subject (who, where, the event).
POW = "conflict execution soldier ukraine"
RELEASED = "conflict release russia soldier"
PG = "Office of the Prosecutor General of Ukraine"
HUR = "Defence Intelligence of Ukraine (HUR)"
AMNESTY = "Amnesty International"
LUBINETS = "Ukrainian Parliament Commissioner for Human Rights (Dmytro Lubinets)"
HRMMU = "UN Human Rights Monitoring Mission in Ukraine"
ZELENSKY = "Volodymyr Zelensky"
REGISTER = "State register of missing persons (Ukraine)"
D = date.fromisoformat


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return extract_files([SEEDS])


@pytest.fixture(scope="module")
def report(seeds: pd.DataFrame) -> claimrec.Report:
    return claimrec.reconcile(seeds)


def _doc(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    return frame[frame["document"].str.startswith(prefix)].reset_index(drop=True)


def _table(frame: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    out = []
    for row in frame[list(columns)].itertuples(index=False):
        out.append(tuple(None if v is None or v is pd.NA or v is pd.NaT else v for v in row))
    return out


def _pair(report: claimrec.Report, a: str, b: str) -> pd.Series:
    pairs = report.pairs
    mask = ((pairs["reporter_a"] == a) & (pairs["reporter_b"] == b)) | (
        (pairs["reporter_a"] == b) & (pairs["reporter_b"] == a)
    )
    assert mask.sum() == 1, pairs[["reporter_a", "reporter_b"]]
    return pairs[mask].iloc[0]


# --- the reconciliation of the extracted claims ------------------------------------


def test_pow_group_agree_diverge_and_consensus(report: claimrec.Report) -> None:
    rows = report.groups[report.groups["measure"] == POW]
    assert len(rows) == 1, report.groups
    group = rows.iloc[0]
    assert group["verdict"] == "diverge"
    assert report.conflicts.empty
    assert group["consensus_low"] == 151
    assert math.isinf(group["consensus_high"])
    assert group["end"] == date(2025, 5, 24)

    agree = _pair(report, AMNESTY, LUBINETS)
    assert agree["verdict"] == "agree"
    assert "109" in agree["reason"]

    diverge = _pair(report, PG, HUR)
    assert diverge["verdict"] == "diverge"
    assert "window" in diverge["reason"]
    assert "2025-05-24" in diverge["reason"] and "2024-11-06" in diverge["reason"]


def test_pow_group_members(report: claimrec.Report) -> None:
    members = report.claims[report.claims["measure"] == POW]
    assert set(members["reporter"]) == {PG, HUR, AMNESTY, LUBINETS, HRMMU}
    assert set(report.groups["verdict"]) <= {"agree", "diverge", "single"}


def test_other_groups_of_the_seeds(report: claimrec.Report) -> None:
    measures = set(report.groups["measure"])
    expected = {
        "conflict execution share soldier ukraine",  # 80% (000)
        measure_key("incidents of executions of Ukrainian POWs"),  # 24 incidents (001)
        "conflict missing ukraine",  # 55,000 twice (002)
        measure_key("North Korean soldiers taken prisoner"),  # 2 (003)
        RELEASED,  # 50 (004)
    }
    assert expected <= measures, sorted(measures)
    released = report.groups[report.groups["measure"] == RELEASED]
    assert released.iloc[0]["verdict"] == "agree"  # headline "50" and body "some 50"


# --- per seed ----------------------------------------------------------------------


def test_seed_000_figures_reporters_windows(seeds: pd.DataFrame) -> None:
    doc = _doc(seeds, "000")
    assert _table(doc, "value_text", "kind", "reporter", "start_earliest", "end_latest") == [
        ("2", "exact", PG, None, D("2024-11-11")),
        ("two", "exact", PG, None, D("2024-11-11")),
        ("two", "exact", PG, None, D("2024-11-11")),  # "…, the prosecutors said."
        ("at least 124", "at_least", PG, D("2022-01-01"), D("2024-11-06")),
        ("Some 80%", "approx", PG, D("2024-01-01"), D("2024-11-11")),
    ]
    # The headline figure is the body's claim; the teaser and "Most popular" are dropped.
    assert doc.loc[0, "claim_id"] == doc.loc[1, "claim_id"]
    assert "$350" not in " ".join(doc["quote"])


def test_seed_001_headlines_take_the_body_claim(seeds: pd.DataFrame) -> None:
    doc = _doc(seeds, "001")
    incidents = "execution incident pow ukrainian"
    may24, feb1, feb28 = D("2025-05-24"), D("2025-02-01"), D("2025-02-28")
    columns = ("value_text", "kind", "reporter", "measure", "end_earliest", "end_latest")
    assert _table(doc, *columns) == [
        ("over 150", "more_than", HUR, POW, may24, may24),
        ("150", "exact", HUR, POW, may24, may24),
        ("over 150", "more_than", HUR, POW, may24, may24),
        ("79", "exact", HRMMU, POW, feb1, feb28),
        ("24", "exact", HRMMU, incidents, feb1, feb28),
    ]
    assert (doc["window_kind"] == "point").all()
    assert doc["start_earliest"].isna().all()


def test_seed_002_reporters_and_windows(seeds: pd.DataFrame) -> None:
    doc = _doc(seeds, "002")
    assert _table(doc, "value_text", "reporter") == [
        ("109", AMNESTY),
        ("109", AMNESTY),
        ("approximately 55,000", REGISTER),
        ("109", AMNESTY),
        ("more than two years", "Volodymyr Shevchenko"),
        ("thousands", AMNESTY),
        ("nearly 100%", AMNESTY),  # a quote attributed after it: "…," Velch noted.
        ("43", AMNESTY),
        ("five", AMNESTY),
        ("approximately 55,000", REGISTER),  # not "Amnesty International reminded that …"
        ("3,767", AMNESTY),
        ("25%", AMNESTY),
        ("109", LUBINETS),
    ]
    amnesty_109 = doc[(doc["stated"] == 109) & (doc["reporter"] == AMNESTY)]
    assert amnesty_109["claim_id"].nunique() == 1
    assert set(amnesty_109["window_text"]) <= {"over past year", "over the past year",
                                              "Over the past year"}  # fmt: skip
    lubinets = doc[doc["reporter"] == LUBINETS].iloc[0]
    assert (lubinets["start_earliest"], lubinets["end_latest"]) == (
        D("2024-01-01"),
        D("2024-12-31"),
    )
    undated = doc[doc["window_text"].isna()]
    assert (undated["end_earliest"] == D("2025-01-01")).all()
    assert (undated["end_latest"] == D("2025-12-31")).all()
    assert undated["start_earliest"].isna().all()  # no start is invented


def test_seed_003_repeated_copy_gives_mentions_not_claims(seeds: pd.DataFrame) -> None:
    doc = _doc(seeds, "003")
    assert _table(doc, "value_text", "reporter") == [
        ("Two", ZELENSKY),
        ("Two", ZELENSKY),
        ("around 12,000", None),
        ("Two", ZELENSKY),
        ("around 12,000", None),
    ]
    assert doc["claim_id"].nunique() == 2
    text = (SEEDS / "003_16f483c57f592d0a.txt").read_text(encoding="utf-8")
    assert "these two" in text  # anaphora: not a new figure
    assert all("rewrite" not in q for q in doc["quote"])


def test_seed_004_navigation_junk_and_headline(seeds: pd.DataFrame) -> None:
    doc = _doc(seeds, "004")
    assert _table(doc, "value_text", "kind", "unit", "start_earliest", "end_latest") == [
        ("50", "exact", "count", D("2022-11-24"), D("2022-11-24")),
        ("some 50", "approx", "count", D("2022-11-24"), D("2022-11-24")),
        ("four months", "exact", "month", None, D("2022-11-24")),
        ("36", "exact", "count", D("2022-11-23"), D("2022-11-23")),
    ]
    assert doc.loc[0, "measure"] == doc.loc[1, "measure"]
    assert doc["reporter"].isna().all()


def test_every_quote_is_the_text_at_its_span(seeds: pd.DataFrame) -> None:
    for row in seeds.itertuples(index=False):
        text = (SEEDS / str(row.document)).read_text(encoding="utf-8")
        assert text[row.span_start : row.span_end] == row.quote
    assert list(seeds.index) == list(range(len(seeds)))
    assert list(seeds.columns) == list(claimrec.CANONICAL_COLUMNS)


def test_extract_one_seed_matches_extract_files(seeds: pd.DataFrame) -> None:
    text = (SEEDS / "000_9dfda098a2a7daba.txt").read_text(encoding="utf-8")
    one = extract(
        text, published="2024-11-11", outlet="Kyiv Independent", document="000_9dfda098a2a7daba.txt"
    )
    pd.testing.assert_frame_equal(one, _doc(seeds, "000"))
