"""The columnar engine against the per-group reference (tests/reconcile_reference.py):
for generated tables both give the same groups, verdicts, pairs, conflicts,
consensus, corrections and claims — the fast path checked against a slow, obvious
one."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconcile_reference import build, origin_of, reference_reconcile

import claimrec
from claimrec.constraints import implied_bounds
from claimrec.describe import describe_claim
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.record import Claim
from claimrec.testing import claim_tables
from claimrec.units import parse_unit

_TABLES = ("groups", "pairs", "conflicts", "corrections", "unread", "weights", "claims")


def _missing(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _equal(x: object, y: object) -> bool:
    if _missing(x) or _missing(y):
        return _missing(x) and _missing(y)
    if isinstance(x, float) or isinstance(y, float):
        try:
            fx, fy = float(x), float(y)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return fx == fy or math.isclose(fx, fy, rel_tol=1e-9)
    return bool(x == y)


def _support_implies(report: claimrec.Report, group: dict[str, object], policy: Policy) -> None:
    """The claims a flow consensus rests on imply its bounds by themselves (another
    shortest path of equal weight may name other claims than the reference's)."""
    kept = report.claims[report.claims["group"].notna()].drop(columns=["group"])
    alive = claimrec.from_frame(kept)
    by_text = {describe_claim(c): c for c in alive}
    support = [by_text[text] for text in str(group["consensus_rests_on"]).split("; ")]
    measure = [c for c in alive if c.measure == group["measure"] and c.measure_kind == "flow"]
    origin = origin_of(measure)
    system = build(support, parse_unit(str(group["unit"])), policy, origin).system
    start = origin if group["start"] is None else group["start"].toordinal()  # type: ignore[attr-defined]
    found = implied_bounds(system, start, group["end"].toordinal() + 1)  # type: ignore[attr-defined]
    assert found.lower == group["consensus_low"]
    assert _equal(found.upper, group["consensus_high"])


def assert_same_report(
    fast: claimrec.Report, slow: claimrec.Report, policy: Policy = DEFAULT_POLICY
) -> None:
    for name in _TABLES:
        a, b = getattr(fast, name), getattr(slow, name)
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), (name, len(a), len(b))
        if name == "claims":
            assert list(a.index) == list(b.index)
        a, b = a.reset_index(drop=True), b.reset_index(drop=True)
        for column in b.columns:
            for row, (x, y) in enumerate(zip(a[column].tolist(), b[column].tolist(), strict=True)):
                if name == "groups" and column == "consensus_rests_on" and x != y:
                    _support_implies(fast, a.iloc[row].to_dict(), policy)
                    continue
                assert _equal(x, y), (name, column, row, x, y)


_POLICIES = st.builds(
    Policy,
    slack=st.sampled_from([0.0, 0.0, 0.1]),
    documented_counts=st.sampled_from(["at_least", "exact"]),
    agree_tolerance=st.sampled_from([0.1, 0.3]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables(), _POLICIES)
def test_the_columnar_engine_gives_the_reference_report(items: list[Claim], policy: Policy) -> None:
    assert_same_report(
        claimrec.reconcile(items, policy=policy), reference_reconcile(items, policy=policy), policy
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables())
def test_a_claims_frame_gives_the_reference_report(items: list[Claim]) -> None:
    frame = claimrec.to_frame(items)
    frame.index = pd.RangeIndex(100, 100 + len(frame))
    assert_same_report(claimrec.reconcile(frame), reference_reconcile(frame))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables(max_claims=60, reporters=14))
def test_groups_with_many_reporters_give_the_reference_pairs(items: list[Claim]) -> None:
    assert_same_report(claimrec.reconcile(items), reference_reconcile(items))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables())
def test_weighted_consensus_gives_the_reference_weights(items: list[Claim]) -> None:
    assert_same_report(
        claimrec.reconcile(items, consensus="crh"), reference_reconcile(items, consensus="crh")
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables(max_claims=10), st.randoms(use_true_random=False))
def test_a_frame_with_repeated_and_shuffled_rows_gives_the_reference_report(
    items: list[Claim], rng: object
) -> None:
    frame = claimrec.to_frame(items)
    doubled = pd.concat([frame, frame.iloc[::2]], ignore_index=True)
    order = list(range(len(doubled)))
    rng.shuffle(order)  # type: ignore[attr-defined]
    shuffled = doubled.iloc[order]
    assert_same_report(claimrec.reconcile(shuffled), reference_reconcile(shuffled))


@given(
    st.lists(
        st.tuples(st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30)), st.booleans()),
        max_size=30,
    )
)
def test_days_become_dates_in_one_pass_as_one_by_one(cells: list[tuple[date, bool]]) -> None:
    import numpy as np

    from claimrec.reconcile.columns import dates

    days = np.asarray([d.toordinal() for d, _ in cells], dtype=np.int64)
    present = np.asarray([p for _, p in cells], dtype=bool)
    found = dates(days, present).tolist()
    assert found == [d if p else None for d, p in cells]
    assert all(type(x) is date for x in found if x is not None)


def _walked_pairs(source: list[int], end: list[int]) -> set[tuple[int, int]]:
    """The pairs of one group with many reporters, one claim at a time: consecutive
    claims of each reporter by end day, and for each claim the first claim of each of
    up to NEAREST_REPORTERS other reporters met walking out from it in end-day order
    (the nearer side first, the earlier on a tie; 8 x NEAREST_REPORTERS steps at most)."""
    from claimrec.reconcile.pairs import NEAREST_REPORTERS

    found: set[tuple[int, int]] = set()
    for who in set(source):
        mine = sorted(
            (p for p in range(len(source)) if source[p] == who), key=lambda p: (end[p], p)
        )
        found.update((min(a, b), max(a, b)) for a, b in itertools.pairwise(mine))
    order = sorted(range(len(source)), key=lambda p: (end[p], p))
    for rank, position in enumerate(order):
        seen = {source[position]}
        left, right, steps = rank - 1, rank + 1, 0
        while len(seen) <= NEAREST_REPORTERS and (left >= 0 or right < len(order)):
            steps += 1
            if steps > 8 * NEAREST_REPORTERS:
                break
            go_left = right >= len(order) or (
                left >= 0 and end[position] - end[order[left]] <= end[order[right]] - end[position]
            )
            partner = order[left] if go_left else order[right]
            left, right = (left - 1, right) if go_left else (left, right + 1)
            if source[partner] not in seen:
                seen.add(source[partner])
                found.add((min(position, partner), max(position, partner)))
    return found


@given(
    st.integers(10, 25).flatmap(
        lambda reporters: st.lists(
            st.tuples(st.integers(0, reporters - 1), st.integers(0, 60)), min_size=11, max_size=160
        ).filter(lambda cells: len({s for s, _ in cells}) > 9)
    )
)
def test_many_reporters_pairs_match_a_walk_one_claim_at_a_time(
    cells: list[tuple[int, int]],
) -> None:
    import numpy as np

    from claimrec.reconcile.pairs import Grouped, select_pairs

    source = [s for s, _ in cells]
    end = [e for _, e in cells]
    zeros = np.zeros(len(cells))
    grouped = Grouped(
        group=np.zeros(len(cells), dtype=np.int64),
        source=np.asarray(source, dtype=np.int64),
        end=np.asarray(end, dtype=np.int64),
        value=(zeros, zeros, zeros),
    )
    found = {(int(a), int(b)) for a, b in select_pairs(grouped).tolist()}
    assert found == _walked_pairs(source, end)
