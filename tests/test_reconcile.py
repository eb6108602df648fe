"""Reconciliation: the seeds' verdicts, minimal contradictions checked by an LP,
and the invariants a fact-checker relies on."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
from conftest import with_at_most_100
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import linprog

import claimrec
from claimrec.measure import measure_key
from claimrec.record import Claim, claim
from claimrec.testing import claims as claim_lists
from claimrec.testing import hidden_counts, true_claims
from claimrec.units import parse_unit, unit_name
from claimrec.value import Value

POW = measure_key("executions of Ukrainian POWs")
LUBINETS = "Ukrainian Parliament Commissioner for Human Rights (Dmytro Lubinets)"
PG = "Office of the Prosecutor General of Ukraine"
HUR = "Defence Intelligence of Ukraine (HUR)"
AMNESTY = "Amnesty International"


def _pow_group(report: claimrec.Report) -> pd.Series:
    rows = report.groups[report.groups["measure"] == POW]
    assert len(rows) == 1, report.groups
    return rows.iloc[0]


def _pair(report: claimrec.Report, a: str, b: str) -> pd.Series:
    pairs = report.pairs
    mask = ((pairs["reporter_a"] == a) & (pairs["reporter_b"] == b)) | (
        (pairs["reporter_a"] == b) & (pairs["reporter_b"] == a)
    )
    assert mask.sum() == 1, pairs[["reporter_a", "reporter_b"]]
    return pairs[mask].iloc[0]


def test_seeds_amnesty_and_ombudsman_agree(seeds_report: claimrec.Report) -> None:
    pair = _pair(seeds_report, AMNESTY, LUBINETS)
    assert pair["verdict"] == "agree"
    assert "109" in pair["reason"]
    assert "coincide" in pair["reason"]


def test_seeds_prosecutor_and_hur_diverge_explained_by_windows(
    seeds_report: claimrec.Report,
) -> None:
    pair = _pair(seeds_report, PG, HUR)
    assert pair["verdict"] == "diverge"
    assert "window" in pair["reason"]
    assert "2025-05-24" in pair["reason"] and "2024-11-06" in pair["reason"]
    assert "lower bound" in pair["reason"]


def test_seeds_pow_group_has_no_contradiction_and_implies_151(
    seeds_report: claimrec.Report,
) -> None:
    group = _pow_group(seeds_report)
    assert group["verdict"] == "diverge"
    assert seeds_report.conflicts.empty
    assert group["consensus_low"] == 151
    assert math.isinf(group["consensus_high"])
    assert group["end"] == date(2025, 5, 24)
    assert "at least 151" in group["consensus"] and "2025-05-24" in group["consensus"]
    assert "HUR" in group["consensus_rests_on"]


def test_seeds_headline_and_body_mentions_count_once(seeds_report: claimrec.Report) -> None:
    qualifier = seeds_report.revisions[seeds_report.revisions["type"] == "qualifier"]
    assert len(qualifier) == 1
    assert ">150" in qualifier.iloc[0]["reason"]
    hur = seeds_report.claims[seeds_report.claims["reporter"] == HUR]
    assert set(hur["kind"]) == {"more_than"}
    assert len(hur) == 2  # both mentions kept as sources of one claim
    assert hur["claim_id"].nunique() == 1


def test_every_seed_claim_is_in_a_group(seeds_report: claimrec.Report) -> None:
    assert seeds_report.claims["group"].notna().all()
    assert set(seeds_report.groups["verdict"]) <= {"agree", "diverge", "contradict", "single"}
    assert f"{len(seeds_report.groups)} group(s)" in str(seeds_report)


def test_added_upper_bound_contradicts_exactly_the_ombudsman() -> None:
    report = claimrec.reconcile(with_at_most_100())
    assert len(report.conflicts) == 1
    conflict = report.conflicts.iloc[0]
    assert set(conflict["reporters"].split("; ")) == {"Example Monitor", LUBINETS}
    assert conflict["gap"] == 9
    chain = conflict["chain"]
    assert "at least 109" in chain and "at most 100" in chain
    assert "2024-01-01" in chain and "2022-02-24" in chain
    assert _pow_group(report)["verdict"] == "contradict"


def test_revision_supersedes_instead_of_disagreeing() -> None:
    common = {
        "measure": "executions of POWs",
        "window": ("2024-01-01", "2024-12-31"),
        "reporter": "HUR",
    }
    early = claim("100", published="2025-01-10", **common)  # type: ignore[arg-type]
    late = claim("109", published="2025-03-01", **common)  # type: ignore[arg-type]
    report = claimrec.reconcile([early, late])
    assert list(report.revisions["type"]) == ["revision"]
    assert report.groups.iloc[0]["verdict"] == "single"
    assert report.conflicts.empty


def test_cumulative_series_going_down_is_a_correction() -> None:
    early = claim(
        "at least 150",
        measure="executions of POWs",
        reporter="HUR",
        window=(None, "2025-03-01"),
        published="2025-03-02",
    )
    late = claim(
        "120",
        measure="executions of POWs",
        reporter="HUR",
        window=(None, "2025-05-01"),
        published="2025-05-02",
    )
    report = claimrec.reconcile([early, late])
    assert list(report.revisions["type"]) == ["correction"]
    assert report.conflicts.empty


def test_level_claims_at_the_same_moment_contradict_when_disjoint() -> None:
    a = claim("approximately 55,000", measure="Ukrainians listed as missing", published="2025")
    b = claim(
        "fewer than 20,000",
        measure="Ukrainians listed as missing",
        published="2025",
        reporter="Example Monitor",
    )
    report = claimrec.reconcile([a, b])
    assert report.groups.iloc[0]["measure_kind"] == "level"
    assert report.groups.iloc[0]["verdict"] == "contradict"
    assert len(report.conflicts) == 1


def test_hectares_and_acres_meet_and_convert() -> None:
    a = claim(
        "19 million hectares",
        measure="area burned",
        measure_kind="flow",
        window=("2023-01-01", "2023-12-31"),
    )
    b = claim(
        "47 million acres",
        measure="area burned",
        measure_kind="flow",
        window=("2023-01-01", "2023-12-31"),
        reporter="Example Monitor",
    )
    report = claimrec.reconcile([a, b])
    assert len(report.groups) == 1
    assert report.groups.iloc[0]["verdict"] == "agree"


def test_figures_of_different_dimensions_never_meet() -> None:
    a = claim("25%", measure="share of POWs held in isolation")
    b = claim("25", measure="share of POWs held in isolation")
    assert len(claimrec.reconcile([a, b]).groups) == 2


def test_consensus_for_a_window_the_user_asks_about(seeds_report: claimrec.Report) -> None:
    implied = seeds_report.consensus(
        "executions of Ukrainian POWs", start=None, end=date(2025, 5, 24)
    )
    assert implied.lower == 151
    implied_2024 = seeds_report.consensus(
        "executions of Ukrainian POWs", start="2024-01-01", end="2024-12-31"
    )
    assert implied_2024.lower == 109


# --- an independent LP over the same reading of the claims ---------------------------------


def _lp_feasible(items: Sequence[Claim]) -> bool:
    """Feasibility of the claims' constraints, solved by scipy's linprog: the same
    lenient reading (lower bounds over the widest window, upper over the
    narrowest), written out directly as inequalities on the cumulative count."""
    rows: list[tuple[int, int, float, float]] = []
    days: set[int] = set()
    first = (
        min(
            d.toordinal()
            for c in items
            for d in (c.window.start_earliest, c.window.end_earliest)
            if d
        )
        - 1
    )
    for c in items:
        w = c.window
        low, high = c.value.low, c.value.high
        if unit_name(c.unit) == "count":
            low = (
                math.floor(low) + 1
                if not c.value.low_closed and float(low).is_integer()
                else math.ceil(low)
            )
            if math.isfinite(high):
                high = (
                    math.ceil(high) - 1
                    if not c.value.high_closed and float(high).is_integer()
                    else math.floor(high)
                )
        if w.end_latest is not None and low > 0:
            a = w.start_earliest.toordinal() if w.start_earliest else first
            rows.append((a, w.end_latest.toordinal() + 1, low, math.inf))
        if w.end_earliest is not None and math.isfinite(high):
            # A running total (no start) counts from the shared origin.
            a = w.start_latest.toordinal() if w.start_latest else first
            if a <= w.end_earliest.toordinal():
                rows.append((a, w.end_earliest.toordinal() + 1, -math.inf, high))
    for a, b, _, _ in rows:
        days.update((a, b))
    if not rows:
        return True
    nodes = sorted(days)
    at = {d: i for i, d in enumerate(nodes)}
    a_ub: list[np.ndarray] = []
    b_ub: list[float] = []
    for a, b, low, high in rows:
        row = np.zeros(len(nodes))
        row[at[b]], row[at[a]] = 1.0, -1.0
        if math.isfinite(low):
            a_ub.append(-row)
            b_ub.append(-low)
        if math.isfinite(high):
            a_ub.append(row)
            b_ub.append(high)
    for k in range(len(nodes) - 1):
        row = np.zeros(len(nodes))
        row[k], row[k + 1] = 1.0, -1.0  # S(t_k) <= S(t_{k+1})
        a_ub.append(row)
        b_ub.append(0.0)
    result = linprog(
        np.zeros(len(nodes)),
        A_ub=np.array(a_ub),
        b_ub=np.array(b_ub),
        bounds=[(None, None)] * len(nodes),
        method="highs",
    )
    return bool(result.status == 0)


def _flow(items: list[Claim]) -> list[Claim]:
    return [
        Claim(
            value=c.value,
            measure=POW,
            measure_text="executions",
            measure_kind="flow",
            window=c.window,
            reporter=c.reporter,
            sources=c.sources,
        )
        for c in items
    ]


def _conflict_sets(report: claimrec.Report) -> set[frozenset[str]]:
    return {frozenset(row.split("; ")) for row in report.conflicts["claims"]}


@given(st.data())
def test_true_claims_never_contradict(data: st.DataObject) -> None:
    counts = data.draw(hidden_counts())
    items = data.draw(true_claims(counts))
    report = claimrec.reconcile(items)
    assert report.conflicts.empty
    assert "contradict" not in set(report.groups["verdict"])


@given(claim_lists(min_size=2, max_size=6))
def test_reported_conflicts_are_minimal_by_lp(items: list[Claim]) -> None:
    items = _flow(items)
    report = claimrec.reconcile(items)
    by_id = {c.id: c for c in items}
    assert (not report.conflicts.empty) == (not _lp_feasible(list(by_id.values()))) or len(
        report.revisions
    ) > 0
    for members in _conflict_sets(report):
        chosen = [by_id[i] for i in members]
        assert not _lp_feasible(chosen)
        for left_out in range(len(chosen)):
            subset = chosen[:left_out] + chosen[left_out + 1 :]
            assert _lp_feasible(subset)


@given(claim_lists(min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_input_order_changes_nothing(items: list[Claim], rng: random.Random) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    a, b = claimrec.reconcile(items), claimrec.reconcile(shuffled)
    key = ["measure", "verdict", "claims", "consensus_low", "consensus_high"]
    left = a.groups[key].sort_values(key).reset_index(drop=True)
    right = b.groups[key].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    assert _conflict_sets(a) == _conflict_sets(b)


@given(claim_lists(min_size=1, max_size=5), claim_lists(min_size=1, max_size=1))
def test_adding_a_claim_never_removes_a_contradiction(
    items: list[Claim], extra: list[Claim]
) -> None:
    items, extra = _flow(items), _flow(extra)
    before = claimrec.reconcile(items)
    assume(before.revisions.empty)
    after = claimrec.reconcile(items + extra)
    assume(after.revisions.empty)
    if not before.conflicts.empty:
        assert not after.conflicts.empty


def _widened(value: Value) -> Value:
    """The same claim with a wider interval: 5 lower and 5 higher where bounded."""
    low = max(0.0, value.low - 5) if math.isfinite(value.low) else value.low
    if math.isfinite(value.high):
        return Value.between(low, value.high + 5, unit=value.unit)
    return Value.at_least(low, unit=value.unit)


@given(claim_lists(min_size=1, max_size=6), st.data())
def test_widening_a_claim_never_creates_a_contradiction(
    items: list[Claim], data: st.DataObject
) -> None:
    items = _flow(items)
    before = claimrec.reconcile(items)
    assume(before.revisions.empty)
    index = data.draw(st.integers(0, len(items) - 1))
    c = items[index]
    wider = replace(c, value=_widened(c.value))
    after = claimrec.reconcile([*items[:index], wider, *items[index + 1 :]])
    assume(after.revisions.empty)
    if before.conflicts.empty:
        assert after.conflicts.empty


@given(claim_lists(min_size=1, max_size=6, unit="hectare"))
def test_converting_units_changes_no_verdict(items: list[Claim]) -> None:
    acre = parse_unit("acre")
    # Only the unit changes: every other field (method too) stays, so no two
    # claims become mentions of one by the conversion.
    converted = [replace(c, value=c.value.to(acre)) for c in items]
    a, b = claimrec.reconcile(items), claimrec.reconcile(converted)
    assert list(a.groups["verdict"]) == list(b.groups["verdict"])
    assert len(a.conflicts) == len(b.conflicts)
