"""Difference constraints of flow measures, checked against an independent LP."""

from __future__ import annotations

import math
from datetime import date
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from claimrec.constraints import (
    Conflict,
    FlowSystem,
    Step,
    find_conflicts,
    flow_system,
    implied_bounds,
    implied_ranges,
    is_feasible,
)
from claimrec.errors import ClaimrecError
from claimrec.testing import (
    FLOW_FAMILIES,
    consistent_flow_systems,
    flow_systems,
    structured_flow_systems,
)

INF = math.inf


def day(text: str) -> int:
    return (date.fromisoformat(text) - date(1970, 1, 1)).days


def subsystem(system: FlowSystem, members: list[int] | tuple[int, ...]) -> FlowSystem:
    index = list(members)
    return flow_system(
        system.start[index],
        system.stop[index],
        system.lower[index],
        system.upper[index],
        lower_strict=system.lower_strict[index],
        upper_strict=system.upper_strict[index],
    )


# --- the independent check: a linear programme over S at the node days -------------


def lp_rows(
    system: FlowSystem, extra_days: tuple[int, ...] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``A x <= b`` over x = S(day) for the sorted node days.

    Strict sides of whole-number data are tightened by a margin smaller than
    1 / (number of strict sides): with integer bounds a cycle fails by a whole
    unit or not at all, so the margin decides exactly the strict zero cycles.
    """
    days = np.unique(np.concatenate([system.start, system.stop, extra_days]).astype(np.int64))
    strict = int(system.lower_strict.sum() + system.upper_strict.sum())
    margin = 1.0 / (2 * strict + 2)
    rows, rhs = [], []
    for i in range(len(system)):
        a = int(np.searchsorted(days, system.start[i]))
        b = int(np.searchsorted(days, system.stop[i]))
        if math.isfinite(system.upper[i]):
            row = np.zeros(days.size)
            row[b], row[a] = 1.0, -1.0
            rows.append(row)
            rhs.append(system.upper[i] - (margin if system.upper_strict[i] else 0.0))
        if math.isfinite(system.lower[i]):
            row = np.zeros(days.size)
            row[b], row[a] = -1.0, 1.0
            rows.append(row)
            rhs.append(-system.lower[i] - (margin if system.lower_strict[i] else 0.0))
    for k in range(days.size - 1):
        row = np.zeros(days.size)
        row[k], row[k + 1] = 1.0, -1.0
        rows.append(row)
        rhs.append(0.0)
    return days, np.array(rows).reshape(-1, days.size), np.array(rhs)


def lp_feasible(system: FlowSystem) -> bool:
    if len(system) == 0:
        return True
    days, a, b = lp_rows(system)
    result = linprog(np.zeros(days.size), A_ub=a, b_ub=b, bounds=(None, None), method="highs")
    assert result.status in (0, 2), result.message
    return bool(result.status == 0)


def lp_range(system: FlowSystem, start: int, stop: int) -> tuple[float, float]:
    """min and max of S(stop) - S(start) by LP (non-strict data)."""
    days, a, b = lp_rows(system, (start, stop))
    objective = np.zeros(days.size)
    objective[np.searchsorted(days, stop)] = 1.0
    objective[np.searchsorted(days, start)] = -1.0
    ends = []
    for sign in (1.0, -1.0):
        result = linprog(sign * objective, A_ub=a, b_ub=b, bounds=(None, None), method="highs")
        assert result.status in (0, 3), result.message
        ends.append(sign * result.fun if result.status == 0 else sign * -INF)
    return ends[0], ends[1]


def truth_window(series: list[int], start: int, stop: int) -> int:
    # Days beyond the hidden series are quiet: S stays at its last value.
    def s(t: int) -> int:
        return series[min(max(t, 0), len(series) - 1)]

    return s(stop) - s(start)


# --- the motivating example ----------------------------------------------------------


def test_ombudsman_versus_at_most_100() -> None:
    # Ombudsman: 109 in 2024 alone; X: at most 100 from 2022-02-24 to 2024-12-31.
    system = flow_system(
        [day("2024-01-01"), day("2022-02-24")],
        [day("2025-01-01"), day("2025-01-01")],
        [109, -INF],
        [109, 100],
    )
    assert not is_feasible(system)
    (conflict,) = find_conflicts(system)
    assert conflict.members == (0, 1)
    assert conflict.gap == 9
    assert conflict.chain == (
        Step(
            constraint=0,
            bound="lower",
            tail=day("2025-01-01"),
            head=day("2024-01-01"),
            weight=-109.0,
            strict=False,
        ),
        Step(
            constraint=None,
            bound="monotone",
            tail=day("2024-01-01"),
            head=day("2022-02-24"),
            weight=0.0,
            strict=False,
        ),
        Step(
            constraint=1,
            bound="upper",
            tail=day("2022-02-24"),
            head=day("2025-01-01"),
            weight=100.0,
            strict=False,
        ),
    )


def test_seed_claims_are_consistent_and_imply_151() -> None:
    origin = day("2022-02-24")
    system = flow_system(
        [origin, origin, day("2024-01-01")],
        [day("2024-11-07"), day("2025-05-25"), day("2025-01-01")],
        [124, 150, 109],
        [INF, INF, 109],
        lower_strict=[False, True, False],
    )
    assert is_feasible(system)
    assert find_conflicts(system) == []
    implied = implied_bounds(system, origin, day("2025-05-25"))
    assert (implied.lower, implied.lower_strict, implied.lower_support) == (150, True, (1,))
    assert (implied.upper, implied.upper_support) == (INF, ())
    # 2024 alone, then the days after: at least 109 by the start of 2025.
    implied = implied_bounds(system, day("2023-06-01"), day("2025-03-01"))
    assert (implied.lower, implied.lower_support) == (109, (2,))


# --- strictness and non-integer bounds, by example ----------------------------------

STRICT_EXAMPLES = [
    # (start, stop, lower, upper, lower_strict, upper_strict, conflicting members, gap)
    pytest.param(
        [0, 0],
        [10, 10],
        [5, -INF],
        [INF, 5],
        [True, False],
        [False, False],
        [(0, 1)],
        0.0,
        id="over-5-vs-at-most-5",
    ),
    pytest.param(
        [0, 0],
        [10, 10],
        [5, -INF],
        [INF, 5],
        [False, False],
        [False, False],
        [],
        None,
        id="at-least-5-vs-at-most-5",
    ),
    pytest.param(
        [2, 0],
        [5, 10],
        [5, -INF],
        [INF, 5],
        [True, False],
        [False, False],
        [(0, 1)],
        0.0,
        id="strict-through-monotone",
    ),
    pytest.param(
        [0],
        [1],
        [-INF],
        [0],
        [False],
        [True],
        [(0,)],
        0.0,
        id="fewer-than-zero",
    ),
    pytest.param(
        [0],
        [1],
        [-INF],
        [-3],
        [False],
        [False],
        [(0,)],
        3.0,
        id="negative-upper",
    ),
    pytest.param(
        [0, 1, 0],
        [1, 2, 2],
        [0.1, 0.2, -INF],
        [INF, INF, 0.3],
        [False] * 3,
        [False] * 3,
        [],
        None,
        id="decimals-add-up-exactly",
    ),
    pytest.param(
        [0, 1, 0],
        [1, 2, 2],
        [0.1, 0.2, -INF],
        [INF, INF, 0.29],
        [False] * 3,
        [False] * 3,
        [(0, 1, 2)],
        0.01,
        id="decimals-fail-by-a-hundredth",
    ),
    pytest.param(
        [0, 1, 0],
        [1, 2, 2],
        [1 / 3, 2 / 3, -INF],
        [INF, INF, 1.0],
        [False] * 3,
        [False] * 3,
        [],
        None,
        id="thirds-on-the-12-decimal-grid",
    ),
]


@pytest.mark.parametrize(
    ("start", "stop", "lower", "upper", "lower_strict", "upper_strict", "members", "gap"),
    STRICT_EXAMPLES,
)
def test_strict_and_decimal_examples(
    start: list[int],
    stop: list[int],
    lower: list[float],
    upper: list[float],
    lower_strict: list[bool],
    upper_strict: list[bool],
    members: list[tuple[int, ...]],
    gap: float | None,
) -> None:
    system = flow_system(
        start, stop, lower, upper, lower_strict=lower_strict, upper_strict=upper_strict
    )
    conflicts = find_conflicts(system)
    assert [c.members for c in conflicts] == members
    assert is_feasible(system) == (not members)
    if gap is not None:
        assert conflicts[0].gap == pytest.approx(gap, abs=1e-12)


def test_implied_bounds_report_strictness() -> None:
    system = flow_system(
        [0, 0],
        [10, 10],
        [5, -INF],
        [INF, 8],
        lower_strict=[True, False],
        upper_strict=[False, True],
    )
    implied = implied_bounds(system, 0, 10)
    assert (implied.lower, implied.lower_strict, implied.upper, implied.upper_strict) == (
        5,
        True,
        8,
        True,
    )


def test_open_start_sentinel_and_outside_days() -> None:
    origin = int(np.iinfo(np.int64).min)
    system = flow_system([origin, 100], [200, 300], [10, -INF], [INF, 4])
    implied = implied_bounds(system, origin, 300)
    assert (implied.lower, implied.lower_support, implied.upper) == (10, (0,), INF)
    implied = implied_bounds(system, 150, 250)  # days that are not nodes
    assert (implied.lower, implied.upper, implied.upper_support) == (0, 4, (1,))


def test_several_independent_conflicts() -> None:
    system = flow_system(
        [0, 0, 10, 10, 20],
        [5, 5, 15, 15, 25],
        [8, -INF, 3, -INF, 0],
        [INF, 7, INF, 2, 1],
    )
    conflicts = find_conflicts(system)
    assert [c.members for c in conflicts] == [(0, 1), (2, 3)]
    assert [c.gap for c in conflicts] == [1, 1]
    (first,) = find_conflicts(system, limit=1)
    assert first.members in {(0, 1), (2, 3)}


ERRORS = [
    pytest.param(([5], [5], [0], [1]), {}, "stop", id="start-equals-stop"),
    pytest.param(([5], [4], [0], [1]), {}, "stop", id="stop-before-start"),
    pytest.param(([0], [1], [math.nan], [1]), {}, "lower", id="nan-lower"),
    pytest.param(([0], [1], [0], [math.nan]), {}, "upper", id="nan-upper"),
    pytest.param(([0], [1], [3], [2]), {}, "upper", id="lower-above-upper"),
    pytest.param(([0], [1], [INF], [INF]), {}, "lower", id="lower-plus-inf"),
    pytest.param(([0], [1], [-INF], [-INF]), {}, "upper", id="upper-minus-inf"),
    pytest.param(([0], [1], [2], [2]), {"lower_strict": [True]}, "upper", id="empty-strict"),
    pytest.param(([0, 1], [1], [0], [1]), {}, "stop", id="length-mismatch"),
    pytest.param(([0.5], [1], [0], [1]), {}, "start", id="float-days"),
    pytest.param(([0], [1], [0], [1]), {"upper_strict": [1]}, "upper_strict", id="int-flags"),
    pytest.param(([0], [1], ["a"], [1]), {}, "lower", id="text-bound"),
]


@pytest.mark.parametrize(("arrays", "flags", "field"), ERRORS)
def test_invalid_systems_name_the_field(
    arrays: tuple[list[object], ...], flags: dict[str, list[object]], field: str
) -> None:
    with pytest.raises(ClaimrecError) as info:
        flow_system(*arrays, **flags)  # type: ignore[arg-type]
    assert info.value.field == field


def test_implied_bounds_refuses_infeasible_and_empty_windows() -> None:
    infeasible = flow_system([0, 0], [5, 5], [3, -INF], [INF, 2])
    with pytest.raises(ClaimrecError) as info:
        implied_bounds(infeasible, 0, 5)
    assert info.value.field == "system"
    with pytest.raises(ClaimrecError):
        implied_bounds(flow_system([0], [5], [3], [4]), 5, 5)


def test_empty_system() -> None:
    system = flow_system([], [], [], [])
    assert is_feasible(system)
    assert find_conflicts(system) == []
    assert implied_bounds(system, 0, 3).upper == INF


# --- properties ------------------------------------------------------------------


def check_conflict(system: FlowSystem, conflict: Conflict) -> None:
    """Members minimal (by LP), chain closed, weights add up to −gap."""
    members = list(conflict.members)
    assert members == sorted(set(members))
    assert not lp_feasible(subsystem(system, members))
    # Feasibility is kept by subsets: every proper subset is feasible exactly
    # when every subset with one member less is.
    for part in combinations(members, len(members) - 1):
        assert lp_feasible(subsystem(system, part))
    chain = conflict.chain
    for step, following in zip(chain, chain[1:] + chain[:1], strict=True):
        assert step.head == following.tail
    assert sorted(s.constraint for s in chain if s.constraint is not None) == members
    assert -sum(s.weight for s in chain) == pytest.approx(conflict.gap)
    assert conflict.gap > 0 or (conflict.gap == 0 and any(s.strict for s in chain))


@given(flow_systems())
def test_feasibility_matches_lp(system: FlowSystem) -> None:
    assert is_feasible(system) == lp_feasible(system)


@given(flow_systems(strict=True))
def test_feasibility_matches_lp_with_strict_bounds(system: FlowSystem) -> None:
    assert is_feasible(system) == lp_feasible(system)


@given(flow_systems(strict=True))
def test_conflicts_are_minimal_and_disjoint(system: FlowSystem) -> None:
    conflicts = find_conflicts(system)
    assert (conflicts == []) == is_feasible(system)
    seen: set[int] = set()
    for conflict in conflicts:
        check_conflict(system, conflict)
        assert seen.isdisjoint(conflict.members)
        seen.update(conflict.members)
    rest = [i for i in range(len(system)) if i not in seen]
    assert is_feasible(subsystem(system, rest))


@given(consistent_flow_systems(fractional=True))
def test_claims_true_of_a_hidden_series_are_feasible(case: tuple[FlowSystem, list[int]]) -> None:
    system, _ = case
    assert is_feasible(system)
    assert find_conflicts(system) == []


@given(flow_systems(strict=True), flow_systems(max_constraints=1, strict=True))
def test_adding_a_constraint_never_restores_feasibility(
    system: FlowSystem, extra: FlowSystem
) -> None:
    combined = flow_system(
        np.concatenate([system.start, extra.start]),
        np.concatenate([system.stop, extra.stop]),
        np.concatenate([system.lower, extra.lower]),
        np.concatenate([system.upper, extra.upper]),
        lower_strict=np.concatenate([system.lower_strict, extra.lower_strict]),
        upper_strict=np.concatenate([system.upper_strict, extra.upper_strict]),
    )
    # Checked as the equivalent implication, so no example is filtered away.
    assert is_feasible(system) or not is_feasible(combined)


@given(consistent_flow_systems(), st.data())
def test_widening_keeps_feasibility(
    case: tuple[FlowSystem, list[int]], data: st.DataObject
) -> None:
    system, _ = case
    i = data.draw(st.integers(0, len(system) - 1))
    by = data.draw(st.sampled_from([0.0, 1.0, 7.5, INF]))
    lower, upper = system.lower.copy(), system.upper.copy()
    lower[i] -= by
    upper[i] += by
    wider = flow_system(
        system.start,
        system.stop,
        lower,
        upper,
        lower_strict=system.lower_strict,
        upper_strict=system.upper_strict,
    )
    assert is_feasible(wider)


@given(consistent_flow_systems(strict=False), st.data())
def test_implied_bounds_contain_truth_and_match_lp(
    case: tuple[FlowSystem, list[int]], data: st.DataObject
) -> None:
    system, series = case
    start = data.draw(st.integers(-2, len(series)))
    stop = data.draw(st.integers(start + 1, len(series) + 2))
    implied = implied_bounds(system, start, stop)
    assert implied.lower <= truth_window(series, start, stop) <= implied.upper
    low, high = lp_range(system, start, stop)
    assert implied.lower == pytest.approx(max(low, 0.0))
    assert implied.upper == pytest.approx(high)
    for support, bound in ((implied.lower_support, "lower"), (implied.upper_support, "upper")):
        # The supporting claims alone imply the same bound.
        alone = implied_bounds(subsystem(system, support), start, stop)
        assert getattr(alone, bound) == getattr(implied, bound)


# --- families of systems reporters produce, against the LP -------------------------


@pytest.mark.parametrize("family", FLOW_FAMILIES)
@given(data=st.data())
def test_family_feasibility_matches_lp(family: str, data: st.DataObject) -> None:
    system = data.draw(structured_flow_systems(family=family, strict=True))
    assert is_feasible(system) == lp_feasible(system)


@pytest.mark.parametrize("family", FLOW_FAMILIES)
@given(data=st.data())
def test_family_conflicts_are_minimal_disjoint_and_leave_a_feasible_rest(
    family: str, data: st.DataObject
) -> None:
    system = data.draw(structured_flow_systems(family=family, strict=True))
    conflicts = find_conflicts(system)
    assert (conflicts == []) == lp_feasible(system)
    seen: set[int] = set()
    for conflict in conflicts:
        check_conflict(system, conflict)
        assert seen.isdisjoint(conflict.members)
        seen.update(conflict.members)
    assert lp_feasible(subsystem(system, [i for i in range(len(system)) if i not in seen]))


@pytest.mark.parametrize("family", FLOW_FAMILIES)
@given(data=st.data())
def test_family_consistent_systems_are_feasible(family: str, data: st.DataObject) -> None:
    system = data.draw(structured_flow_systems(family=family, strict=True, consistent=True))
    assert is_feasible(system)
    assert find_conflicts(system) == []


@pytest.mark.parametrize("family", FLOW_FAMILIES)
@given(data=st.data())
def test_family_implied_bounds_match_lp(family: str, data: st.DataObject) -> None:
    system = data.draw(structured_flow_systems(family=family, consistent=True))
    start = data.draw(st.integers(-2, 14))
    stop = data.draw(st.integers(start + 1, 17))
    implied = implied_bounds(system, start, stop)
    low, high = lp_range(system, start, stop)
    assert implied.lower == pytest.approx(max(low, 0.0))
    assert implied.upper == pytest.approx(high)


@given(consistent_flow_systems(strict=True), st.data())
def test_implied_ranges_answer_each_window_as_implied_bounds(
    case: tuple[FlowSystem, list[int]], data: st.DataObject
) -> None:
    system, series = case
    windows = data.draw(
        st.lists(
            st.integers(-1, len(series)).flatmap(
                lambda a: st.tuples(st.just(a), st.integers(a + 1, len(series) + 1))
            ),
            min_size=1,
            max_size=6,
        )
    )
    starts, stops = zip(*windows, strict=True)
    many = implied_ranges(system, list(starts), list(stops))
    assert many == [implied_bounds(system, a, b) for a, b in windows]


def test_implied_ranges_refuse_bad_windows() -> None:
    system = flow_system([0], [5], [3], [4])
    assert implied_ranges(system, [], []) == []
    with pytest.raises(ClaimrecError) as info:
        implied_ranges(system, [0, 1], [5])
    assert info.value.field == "stops"
    with pytest.raises(ClaimrecError) as info:
        implied_ranges(system, [3], [3])
    assert info.value.field == "stop"
