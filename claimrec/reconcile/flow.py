"""Flow groups: the claims of a count over time as one system of difference constraints.

Let S(t) be the count from the measure's origin up to day t, non-decreasing. A
claim with a stated start bounds S(end) − S(start); a claim with no stated start
is a running total from the origin, one origin shared by every claim of the
measure (the day before every day the claims name, when no event fixes it). A
claim whose window is unknown (the text says so) bounds nothing. Windows are
read leniently — a lower bound over the widest reading, an upper bound over the
narrowest — so a contradiction found holds under every reading.

``Policy.slack`` forgives small gaps: every finite upper bound is relaxed to
U / (1 − slack), so a chain of lower bounds summing to L and upper bounds
summing to U conflicts exactly when L − U > slack · L. Gaps are reported on the
claims' own figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from claimrec.constraints import (
    FlowSystem,
    Implied,
    find_conflicts,
    flow_system,
    implied_bounds,
    is_feasible,
)
from claimrec.describe import describe_claim, reporter_name
from claimrec.errors import ClaimError
from claimrec.policy import Policy
from claimrec.reconcile.bounds import Bounds, Days, bounds, days
from claimrec.record import Claim
from claimrec.value import format_number

if TYPE_CHECKING:
    import pint

__all__ = [
    "FlowGroup",
    "FlowIndex",
    "build",
    "conflicts",
    "consensus",
    "pair_feasible",
    "running_totals_feasible",
]

#: Start of a running total in stored constraints: replaced by the origin when solved.
OPEN = -1


@dataclass(frozen=True, slots=True)
class Constraints:
    """Constraint arrays of some claims; ``start`` is OPEN for running totals."""

    start: NDArray[np.int64]
    stop: NDArray[np.int64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    lower_strict: NDArray[np.bool_]
    upper_strict: NDArray[np.bool_]
    owner: NDArray[np.int64]  # claim position of each constraint
    is_lower: NDArray[np.bool_]  # a lower-bound constraint (else an upper one)

    def system(self, origin: int, *, slack: float = 0.0) -> FlowSystem:
        start = np.where(self.start == OPEN, origin, self.start)
        upper = self.upper
        if slack > 0:
            upper = np.where(np.isfinite(upper) & (upper > 0), upper / (1.0 - slack), upper)
        return flow_system(
            start,
            self.stop,
            self.lower,
            upper,
            lower_strict=self.lower_strict,
            upper_strict=self.upper_strict,
        )

    def take(self, constraints: NDArray[np.int64]) -> Constraints:
        return Constraints(
            self.start[constraints],
            self.stop[constraints],
            self.lower[constraints],
            self.upper[constraints],
            self.lower_strict[constraints],
            self.upper_strict[constraints],
            self.owner[constraints],
            self.is_lower[constraints],
        )


def constraints_of(claims: Sequence[Claim], unit: pint.Unit, policy: Policy) -> Constraints:
    start: list[int] = []
    stop: list[int] = []
    lower: list[float] = []
    upper: list[float] = []
    lower_strict: list[bool] = []
    upper_strict: list[bool] = []
    owner: list[int] = []
    is_lower: list[bool] = []
    for position, item in enumerate(claims):
        b: Bounds = bounds(item, unit, policy)
        d = days(item)
        if d.end_earliest is None or d.end_latest is None:
            continue  # an unknown window bounds nothing
        if b.lower > 0 or (b.lower == 0 and b.lower_strict):
            start.append(OPEN if d.start_earliest is None else d.start_earliest)
            stop.append(d.end_latest + 1)
            lower.append(b.lower)
            upper.append(math.inf)
            lower_strict.append(b.lower_strict)
            upper_strict.append(False)
            owner.append(position)
            is_lower.append(True)
        if math.isfinite(b.upper):
            first = OPEN if d.start_latest is None else d.start_latest
            if first == OPEN or first <= d.end_earliest:
                start.append(first)
                stop.append(d.end_earliest + 1)
                lower.append(-math.inf)
                upper.append(b.upper)
                lower_strict.append(False)
                upper_strict.append(b.upper_strict)
                owner.append(position)
                is_lower.append(False)
    return Constraints(
        np.asarray(start, dtype=np.int64),
        np.asarray(stop, dtype=np.int64),
        np.asarray(lower, dtype=np.float64),
        np.asarray(upper, dtype=np.float64),
        np.asarray(lower_strict, dtype=bool),
        np.asarray(upper_strict, dtype=bool),
        np.asarray(owner, dtype=np.int64),
        np.asarray(is_lower, dtype=bool),
    )


@dataclass(slots=True)
class FlowGroup:
    """The constraint system of one flow group, with the claim each constraint came from."""

    claims: list[Claim]
    origin: int
    constraints: Constraints
    system: FlowSystem  # with the policy's slack


def origin_of(claims: Sequence[Claim]) -> int:
    """The shared origin of running totals: the day before every day the claims name."""
    known = [
        d for c in claims for d in (c.window.start_earliest, c.window.end_earliest) if d is not None
    ]
    return (min(known).toordinal() if known else date(2000, 1, 1).toordinal()) - 1


def build(claims: Sequence[Claim], unit: pint.Unit, policy: Policy, origin: int) -> FlowGroup:
    found = constraints_of(claims, unit, policy)
    return FlowGroup(list(claims), origin, found, found.system(origin, slack=policy.slack))


@dataclass(frozen=True, slots=True)
class FoundConflict:
    members: tuple[int, ...]  # claim positions
    gap: float
    relative_gap: float
    chain: str


def _span_text(start: int, stop: int, origin: int) -> str:
    last = date.fromordinal(stop - 1).isoformat()
    if start <= origin:
        return f"up to {last}"
    first = date.fromordinal(start).isoformat()
    return f"from {first} to {last}" if first != last else f"on {first}"


def _explain(group: FlowGroup, picked: Constraints, members: Sequence[int]) -> FoundConflict:
    """Gap and chain of a minimal conflict, on the claims' own figures (no slack)."""
    system = picked.system(group.origin)
    found = find_conflicts(system, limit=1)
    claims = "; ".join(describe_claim(group.claims[m]) for m in members)
    if not found:  # only the slack's relaxation is infeasible: cannot happen, kept safe
        return FoundConflict(tuple(members), 0.0, 0.0, f"{claims} — cannot all be true.")
    lowers: list[str] = []
    uppers: list[str] = []
    low_total = 0.0
    high_total = 0.0
    for step in found[0].chain:
        if step.constraint is None:
            continue
        i = step.constraint
        item = group.claims[int(picked.owner[i])]
        span = _span_text(int(system.start[i]), int(system.stop[i]), group.origin)
        if picked.is_lower[i]:
            value = float(picked.lower[i])
            low_total += value
            lowers.append(f"{reporter_name(item)} says at least {format_number(value)} {span}")
        else:
            value = float(picked.upper[i])
            high_total += value
            uppers.append(f"{reporter_name(item)} says at most {format_number(value)} {span}")
    gap = float(found[0].gap)
    relative = gap / low_total if low_total > 0 else math.inf
    if not lowers or not uppers:
        return FoundConflict(tuple(members), gap, relative, f"{claims} — cannot all be true.")
    chain = (
        f"{' and '.join(lowers)}, but {' and '.join(uppers)}, a window that contains "
        f"{'it' if len(lowers) == 1 else 'them'}; a count cannot fall over time, so it would need "
        f"{format_number(low_total)} ≤ count ≤ {format_number(high_total)}, short by "
        f"{format_number(gap)} ({relative:.1%}). (Claims: {claims}.)"
    )
    return FoundConflict(tuple(members), gap, relative, chain)


def conflicts(group: FlowGroup, limit: int) -> list[FoundConflict]:
    """Minimal sets of claims that cannot all be true (beyond the slack), largest gap
    first. Each is an irreducible infeasible set of constraints, so removing any of
    its claims makes it feasible."""
    found: list[FoundConflict] = []
    seen: set[tuple[int, ...]] = set()
    for conflict in find_conflicts(group.system, limit=limit):
        picked = np.asarray(conflict.members, dtype=np.int64)
        members = tuple(sorted({int(group.constraints.owner[i]) for i in picked}))
        if members in seen:
            continue
        seen.add(members)
        found.append(_explain(group, group.constraints.take(picked), members))
    found.sort(key=lambda c: (-c.relative_gap, -c.gap, c.members))
    return found


def running_totals_feasible(ba: Bounds, da: Days, bb: Bounds, db: Days, slack: float) -> bool:
    """Two running totals from the same origin can both be true unless a lower bound
    reached by some day exceeds an upper bound stated for that day or later."""
    if None in (da.end_earliest, da.end_latest, db.end_earliest, db.end_latest):
        return True
    scale = 1.0 / (1.0 - slack) if slack > 0 else 1.0

    def fits(low: Bounds, low_end: int | None, high: Bounds, high_end: int | None) -> bool:
        assert low_end is not None and high_end is not None
        if low_end > high_end or not math.isfinite(high.upper):
            return True
        upper = high.upper * scale if high.upper > 0 else high.upper
        if low.lower > upper:
            return False
        return not (low.lower == upper and (low.lower_strict or high.upper_strict))

    return fits(ba, da.end_latest, bb, db.end_earliest) and fits(
        bb, db.end_latest, ba, da.end_earliest
    )


def pair_feasible(a: Claim, b: Claim, unit: pint.Unit, policy: Policy, origin: int) -> bool:
    """True when two flow claims can both be true (with the slack)."""
    da, db = days(a), days(b)
    if da.start_earliest is None and db.start_earliest is None:
        return running_totals_feasible(
            bounds(a, unit, policy), da, bounds(b, unit, policy), db, policy.slack
        )
    return is_feasible(build([a, b], unit, policy, origin).system)


# --- what the claims imply ------------------------------------------------------------------


def _implied_text(low: float, high: float, start: int, stop: int, origin: int, label: str) -> str:
    span = (
        f"by {date.fromordinal(stop - 1).isoformat()}"
        if start <= origin
        else _span_text(start, stop, origin)
    )
    if math.isinf(high) and low <= 0:
        return f"the claims set no bound on {label} {span}."
    if math.isinf(high):
        return f"all claims together imply at least {format_number(low)} {label} {span}."
    if low <= 0:
        return f"all claims together imply at most {format_number(high)} {label} {span}."
    if low == high:
        return f"all claims together imply exactly {format_number(low)} {label} {span}."
    return (
        f"all claims together imply {format_number(low)} to {format_number(high)} {label} {span}."
    )


@dataclass(frozen=True, slots=True)
class Consensus:
    low: float
    high: float
    text: str
    rests_on: str
    start: date | None
    end: date | None


def consensus(group: FlowGroup, label: str) -> Consensus | None:
    """What all claims of a feasible group imply over its span: the strongest lower
    bound, stated at the earliest end day by which it holds."""
    claims = group.claims
    ends = sorted(
        {d.toordinal() for c in claims for d in (c.window.end_earliest, c.window.end_latest) if d}
    )
    if not ends or len(group.system) == 0:
        return None
    if any(c.window.start_earliest is None for c in claims):
        start = group.origin
    else:
        start = min(c.window.start_earliest.toordinal() for c in claims if c.window.start_earliest)
    best = implied_bounds(group.system, start, ends[-1] + 1)
    # The lower bound only grows with the end day: find the first end that reaches it.
    lo, hi = 0, len(ends) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if implied_bounds(group.system, start, ends[mid] + 1).lower >= best.lower:
            hi = mid
        else:
            lo = mid + 1
    stop = ends[lo] + 1
    implied = implied_bounds(group.system, start, stop)
    text = _implied_text(implied.lower, implied.upper, start, stop, group.origin, label)
    owners = group.constraints.owner
    support = sorted({int(owners[i]) for i in (*implied.lower_support, *implied.upper_support)})
    rests_on = "; ".join(describe_claim(claims[p]) for p in support)
    first = None if start <= group.origin else date.fromordinal(start)
    return Consensus(
        implied.lower, implied.upper, text, rests_on, first, date.fromordinal(stop - 1)
    )


@dataclass(frozen=True, slots=True)
class FlowIndex:
    """The constraints of every flow measure, kept (picklable) for
    :meth:`Report.consensus` questions."""

    measures: dict[str, tuple[Constraints, int]]  # measure key → constraints, origin
    feasible: dict[str, bool]
    slack: float = 0.0

    def ask(self, measure: str, start: date | str | None, end: date | str) -> Implied:
        """The tightest range the claims of one flow measure imply for a chosen window."""
        from claimrec.measure import measure_key
        from claimrec.read.times import parse_reference

        key = measure if measure in self.measures else measure_key(measure)
        if key not in self.measures:
            raise ClaimError("no flow claims about this measure", field="measure", text=measure)
        if not self.feasible[key]:
            raise ClaimError(
                "the claims about this measure contradict each other; see report.conflicts",
                field="measure",
                text=measure,
            )
        stored, origin = self.measures[key]
        last = parse_reference(end).latest.toordinal() if isinstance(end, str) else end.toordinal()
        first: int | None = None
        if start is not None:
            first = (
                parse_reference(start).earliest.toordinal()
                if isinstance(start, str)
                else start.toordinal()
            )
        origin = min(origin, (first if first is not None else last) - 1)
        system = stored.system(origin, slack=self.slack)
        return implied_bounds(system, origin if first is None else first, last + 1)


def merge_constraints(parts: Sequence[Constraints]) -> Constraints:
    return Constraints(
        *(
            np.concatenate([getattr(p, name) for p in parts])
            for name in (
                "start",
                "stop",
                "lower",
                "upper",
                "lower_strict",
                "upper_strict",
                "owner",
                "is_lower",
            )
        )
    )
