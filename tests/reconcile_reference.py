"""The per-group reference for reconciliation, kept in the tests as the oracle of the
columnar engine (:mod:`claimrec.reconcile`).

This is reconciliation written the straightforward way, one group at a time over
:class:`~claimrec.Claim` objects: the engine of claimrec before it was made columnar
(issue 15), kept as it was so that the fast path is checked against a slow, obvious
one (``tests/test_reconcile_columnar.py``). It uses claimrec's records, describers,
reading and the constraint solver (:mod:`claimrec.constraints`), never the columnar
engine's modules.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.constraints import (
    FlowSystem,
    Implied,
    find_conflicts,
    flow_system,
    implied_bounds,
    is_feasible,
)
from claimrec.describe import (
    describe_claim,
    describe_day,
    describe_value,
    describe_window,
    reporter_name,
    uncertain_day,
)
from claimrec.errors import ClaimError
from claimrec.frame import CANONICAL_COLUMNS, from_frame, normalize, to_frame
from claimrec.grouping import group_windows
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.record import Claim, merge_mentions
from claimrec.report import Report
from claimrec.sanitize import safe_record
from claimrec.units import convert, unit_name
from claimrec.value import Value, format_number

if TYPE_CHECKING:
    import pint


# --- ids ----------------------------------------------------------------------


class Ids:
    """``ids(claim)`` is ``claim.id``, hashed once per claim object (the objects are
    kept alive by the reconciliation that owns this map)."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[int, tuple[Claim, str]] = {}

    def __call__(self, item: Claim) -> str:
        found = self._known.get(id(item))
        if found is not None and found[0] is item:
            return found[1]
        value = item.id
        self._known[id(item)] = (item, value)
        return value


# --- bounds -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bounds:
    lower: float
    upper: float
    lower_strict: bool
    upper_strict: bool


@dataclass(frozen=True, slots=True)
class Days:
    """A claim's window as ordinals; None where open (no start) or unknown (no end)."""

    start_earliest: int | None
    start_latest: int | None
    end_earliest: int | None
    end_latest: int | None


@cache
def _documented_words() -> frozenset[str]:
    from claimrec.lexicon import default_lexicon

    return default_lexicon().words("documented_counts")


_WORD = re.compile(r"[a-z]+")


def is_documented(item: Claim) -> bool:
    """True when the claim's method, counted text or measure text calls the count
    documented, verified or confirmed (a monitor's count)."""
    words = _documented_words()
    for text in (item.method, item.counted, item.measure_text):
        if text and any(word in words for word in _WORD.findall(text.lower())):
            return True
    return False


def in_unit(x: float, source: pint.Unit, target: pint.Unit) -> float:
    if source is target or not math.isfinite(x) or source == target:
        return x
    return convert(x, source, target)


def whole_counts(unit: pint.Unit) -> bool:
    return unit_name(unit) == "count"


def bounds(item: Claim, unit: pint.Unit, policy: Policy) -> Bounds:
    """The claim's bounds on the true value, in ``unit``."""
    value: Value = item.value
    low, high = in_unit(value.low, value.unit, unit), in_unit(value.high, value.unit, unit)
    upper_closed = value.high_closed
    whole = whole_counts(unit)
    if (
        whole
        and policy.documented_counts == "at_least"
        and item.measure_kind == "flow"
        and is_documented(item)
    ):
        high, upper_closed = math.inf, False
    if not whole:
        return Bounds(low, high, not value.low_closed, not upper_closed)
    # Counts are whole: the smallest and largest whole numbers in the interval
    # ("over 150" is at least 151, "fewer than 20" at most 19).
    lower, upper = low, high
    if math.isfinite(low):
        lower = float(math.floor(low) + 1 if not value.low_closed else math.ceil(low))
    if math.isfinite(high):
        upper = float(math.ceil(high) - 1 if not upper_closed else math.floor(high))
    if max(lower, 0.0) > upper:
        # No whole number fits ("0.5 cases", an average): compare it as written.
        return Bounds(low, high, not value.low_closed, not upper_closed)
    return Bounds(max(lower, 0.0), upper, False, False)


def days(item: Claim) -> Days:
    w = item.window
    return Days(
        None if w.start_earliest is None else w.start_earliest.toordinal(),
        None if w.start_latest is None else w.start_latest.toordinal(),
        None if w.end_earliest is None else w.end_earliest.toordinal(),
        None if w.end_latest is None else w.end_latest.toordinal(),
    )


# --- level --------------------------------------------------------------------


ConsensusMethod = Literal["vote", "crh"]
_CRH_ROUNDS = 20


def moment(item: Claim) -> tuple[int, int] | None:
    d = days(item)
    if d.end_earliest is None or d.end_latest is None:
        return None
    return (d.end_earliest, d.end_latest)


def pair_level(a: Claim, b: Claim, unit: pint.Unit, policy: Policy) -> tuple[str, str, float]:
    """Verdict, reason and gap of two level claims."""
    described = f"{describe_claim(a)} and {describe_claim(b)}"
    ma, mb = moment(a), moment(b)
    if ma is None or mb is None or not (ma[0] <= mb[1] and mb[0] <= ma[1]):
        return (
            "diverge",
            f"{described} describe different moments, and a level can change between them.",
            math.nan,
        )
    ba, bb = bounds(a, unit, policy), bounds(b, unit, policy)
    if ba.upper < bb.lower:
        gap, larger = bb.lower - ba.upper, bb.lower
    elif bb.upper < ba.lower:
        gap, larger = ba.lower - bb.upper, ba.lower
    else:
        gap, larger = 0.0, 0.0
    touching_open = (ba.upper == bb.lower and (ba.upper_strict or bb.lower_strict)) or (
        bb.upper == ba.lower and (bb.upper_strict or ba.lower_strict)
    )
    if gap > 0 or touching_open:
        forgiven = larger > 0 and gap <= policy.slack * abs(larger)
        if not forgiven:
            return (
                "contradict",
                f"{described}: at the same moment (within their date precision) the level "
                f"cannot be both {describe_value(a.value)} and {describe_value(b.value)}; they "
                f"are {format_number(gap)} apart.",
                gap,
            )
        return (
            "diverge",
            f"{described}: the intervals miss each other by {format_number(gap)}, within the "
            f"policy's slack of {policy.slack:.0%}.",
            gap,
        )
    if _level_close(a, b, policy):
        return "agree", f"{described}: the figures are within tolerance at the same moment.", 0.0
    return (
        "diverge",
        f"{described}: the figures differ, yet both can be true at the same moment because "
        "their intervals overlap.",
        0.0,
    )


def _level_close(a: Claim, b: Claim, policy: Policy) -> bool:
    sa, sb = a.value.stated, b.value.stated
    if sa is None or sb is None or unit_name(a.unit) != unit_name(b.unit):
        return a.value.low <= b.value.high and b.value.low <= a.value.high
    scale = max(abs(sa), abs(sb))
    return scale == 0 or abs(sa - sb) <= policy.agree_tolerance * scale


# --- consensus -------------------------------------------------------------------------------


def source_key(item: Claim) -> str:
    return item.reporter.name if item.reporter is not None else f"unattributed {item.id}"


def _point(item: Claim) -> float | None:
    """The figure a source gives: its stated number, or the middle of a finite range."""
    if item.value.stated is not None:
        return float(item.value.stated)
    if math.isfinite(item.value.low) and math.isfinite(item.value.high):
        return (item.value.low + item.value.high) / 2
    return None


def _at_latest_moment(claims: Sequence[Claim]) -> dict[str, Claim]:
    """Each source's claim at the group's latest moment: its most recent, most precise."""
    dated = [(c, moment(c)) for c in claims]
    known = [m for _, m in dated if m is not None]
    if not known:
        return {}
    latest = max(known, key=lambda m: (m[0], m[1]))
    chosen: dict[str, Claim] = {}
    for item, m in dated:
        if m is None or not (m[0] <= latest[1] and latest[0] <= m[1]):
            continue
        key = source_key(item)
        current = chosen.get(key)
        if current is None or _preference(item) < _preference(current):
            chosen[key] = item
    return chosen


def _preference(item: Claim) -> tuple[object, ...]:
    published = item.published
    return (
        -(published.earliest.toordinal() if published is not None else 0),
        item.value.high - item.value.low,
        str(item.value),
    )


@dataclass(frozen=True, slots=True)
class LevelConsensus:
    value: float
    supporters: tuple[str, ...]
    sources: int
    share: float
    allowed_low: float
    allowed_high: float
    text: str


def level_consensus(
    claims: Sequence[Claim],
    unit: pint.Unit,
    policy: Policy,
    label: str,
    weights: Mapping[str, float] | None = None,
) -> LevelConsensus | None:
    chosen = _at_latest_moment(claims)
    if len(chosen) < 2:
        return None
    names = sorted(chosen)
    low = np.empty(len(names))
    high = np.empty(len(names))
    weight = np.empty(len(names))
    candidates: list[float] = []
    for i, name in enumerate(names):
        b = bounds(chosen[name], unit, policy)
        low[i], high[i] = b.lower, b.upper
        weight[i] = 1.0 if weights is None else max(weights.get(name, 0.0), 0.0)
        point = _point(chosen[name])
        if point is not None:
            candidates.append(min(max(point, b.lower), b.upper))
    candidates.extend(x for x in (*low, *high) if math.isfinite(x))
    if not candidates:
        return None
    values = np.unique(np.asarray(candidates, dtype=np.float64))
    # support(v) = total weight of sources whose interval contains v.
    support = ((low[None, :] <= values[:, None]) & (values[:, None] <= high[None, :])) @ weight
    best = int(np.argmax(support))  # ties: the smallest value, deterministically
    value = float(values[best])
    total = float(weight.sum())
    supporters = tuple(n for i, n in enumerate(names) if low[i] <= value <= high[i])
    share = float(support[best]) / total if total > 0 else 0.0
    allowed_low, allowed_high = float(low.max()), float(high.min())
    suffix = "" if unit_name(unit) == "count" else f" {unit_name(unit)}"
    figure = format_number(value) + suffix
    how = "the most independent sources" if weights is None else "the most reliable weight"
    agreeing = (
        f"{len(supporters)} of {len(names)} sources ({share:.0%}"
        + (" of the weight" if weights is not None else "")
        + f"): {', '.join(supporters)}"
    )
    if allowed_low <= allowed_high:
        allowed = (
            f"every claim allows {format_number(allowed_low)} to {format_number(allowed_high)}"
            f"{suffix}"
        )
    else:
        allowed = "no single value satisfies every claim"
    text = f"the value of {label} supported by {how} is {figure}, given by {agreeing}; {allowed}."
    return LevelConsensus(value, supporters, len(names), share, allowed_low, allowed_high, text)


def crh_weights(groups: Sequence[Sequence[Claim]]) -> dict[str, float]:
    """Source reliabilities learned from the level groups (CRH with absolute loss).

    Each group with at least two sources is one object; its truth is the weighted
    median of the sources' figures; a source's loss is its absolute distance to
    the truths, each divided by that object's spread; its weight is
    ``log(total loss / its loss)``. Iterated a fixed number of rounds from equal
    weights, in sorted order: the result is deterministic.
    """
    objects: list[tuple[list[str], np.ndarray]] = []
    for claims in groups:
        chosen = _at_latest_moment(claims)
        pairs = sorted((name, _point(c)) for name, c in chosen.items())
        named = [(n, p) for n, p in pairs if p is not None]
        if len(named) >= 2:
            objects.append(([n for n, _ in named], np.asarray([p for _, p in named])))
    sources = sorted({n for names, _ in objects for n in names})
    if not sources:
        return {}
    index = {n: i for i, n in enumerate(sources)}
    weights = np.ones(len(sources))
    for _ in range(_CRH_ROUNDS):
        loss = np.zeros(len(sources))
        for names, values in objects:
            w = weights[[index[n] for n in names]]
            truth = _weighted_median(values, w)
            spread = float(np.std(values)) or 1.0
            for n, v in zip(names, values, strict=True):
                loss[index[n]] += abs(float(v) - truth) / spread
        loss = np.maximum(loss, 1e-9)
        weights = np.log(loss.sum() / loss)
        weights = np.maximum(weights, 1e-9)
    return {n: float(weights[i]) for n, i in index.items()}


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.lexsort((values,))
    v, w = values[order], weights[order]
    cumulative = np.cumsum(w)
    half = cumulative[-1] / 2
    return float(v[int(np.searchsorted(cumulative, half))])


# --- flow ---------------------------------------------------------------------


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


# --- series -------------------------------------------------------------------


Note = dict[str, object]


def _note(
    ids: Ids, kind: str, kept: Claim, dropped: Claim, reason: str, superseded: int = 1
) -> Note:
    return {
        "type": kind,
        "reporter": reporter_name(kept),
        "measure": kept.measure,
        "kept": ids(kept),
        "dropped": ids(dropped),
        "from_value": dropped.value.stated,
        "to_value": kept.value.stated,
        "from_day": dropped.window.end_latest,
        "to_day": kept.window.end_latest,
        "superseded": superseded,
        "reason": reason,
    }


def _is_bare(item: Claim) -> bool:
    return item.value.kind == "exact" and item.value.stated is not None


def _same_window_key(item: Claim) -> tuple[object, ...]:
    """What mentions of one reporter's figure for one window share: reporter, measure,
    kind, modality, window and unit (qualifier folding and revisions bucket on it)."""
    return (
        item.reporter.name if item.reporter is not None else None,
        item.measure,
        item.measure_kind,
        item.modality,
        str(item.window),
        unit_name(item.unit),
    )


def fold_qualifiers(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """Mentions of one figure that disagree on its qualifier are one claim: keep the
    more precise reading — a qualified one over a bare headline figure, else the
    narrower — and record it."""
    buckets: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        stated = item.value.stated
        if stated is None or item.reporter is None:
            buckets[("unique", ids(item))].append(item)
        else:
            buckets[(*_same_window_key(item), stated)].append(item)
    kept: list[Claim] = []
    notes: list[Note] = []
    for bucket in buckets.values():
        if len(bucket) == 1:
            kept.append(bucket[0])
            continue
        # Ties go to the tighter end, then to the text form: never to the input order.
        best = min(
            bucket,
            key=lambda c: (
                _is_bare(c),
                c.value.high - c.value.low,
                c.value.low_closed,
                str(c.value),
            ),
        )
        sources = tuple(dict.fromkeys(s for c in bucket for s in c.sources))
        kept.append(best.with_sources(sources))
        for other in bucket:
            if other is best:
                continue
            notes.append(
                _note(
                    ids,
                    "qualifier",
                    best,
                    other,
                    f"{reporter_name(best)}'s figure is reported both as "
                    f"{describe_value(other.value)} and as {describe_value(best.value)}; the "
                    f"more precise reading, {describe_value(best.value)}, is kept and the "
                    "mentions count once.",
                )
            )
    order = {ids(item): position for position, item in enumerate(items)}
    kept.sort(key=lambda c: order.get(ids(c), len(order)))
    return kept, notes


def revisions(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """A later-published figure from the same reporter for the same window supersedes
    the earlier ones (a revision)."""
    buckets: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        if item.reporter is not None and item.published is not None:
            buckets[_same_window_key(item)].append(item)
    superseded: set[str] = set()
    notes: list[Note] = []
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        latest = max(bucket, key=lambda c: (_published(c), str(c.value)))
        for earlier in bucket:
            published = earlier.published
            latest_published = latest.published
            if earlier is latest or published is None or latest_published is None:
                continue
            if not latest_published.earliest > published.latest:
                continue
            superseded.add(ids(earlier))
            notes.append(
                _note(
                    ids,
                    "revision",
                    latest,
                    earlier,
                    f"{reporter_name(latest)} revised its figure for the same window from "
                    f"{describe_value(earlier.value)} (published "
                    f"{describe_day(published.earliest)}) to {describe_value(latest.value)} "
                    f"(published {describe_day(latest_published.earliest)}); the later figure "
                    "replaces the earlier one and the change is not counted as a disagreement.",
                )
            )
    return [item for item in items if ids(item) not in superseded], notes


def _published(item: Claim) -> date:
    return item.published.earliest if item.published is not None else date.min


def _series_key(item: Claim) -> tuple[object, ...] | None:
    """The series a claim belongs to: a reporter's running total of one measure from
    one start (None: not part of a series)."""
    w = item.window
    if (
        item.reporter is None
        or item.measure_kind != "flow"
        or item.value.stated is None
        or w.end_earliest is None
        or not item.measure
    ):
        return None
    return (
        item.reporter.name,
        item.measure,
        item.modality,
        item.method,
        unit_name(item.unit),
        w.start_earliest,
        w.start_latest,
    )


def _order(item: Claim) -> tuple[object, ...]:
    w = item.window
    value = item.value
    return (w.end_latest, w.end_earliest, _published(item), value.stated, value.low, value.high)


def corrections(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """Each downward step of a reporter's running total is one correction; the later
    figure supersedes every earlier figure of the series that is above it."""
    series: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        key = _series_key(item)
        if key is not None:
            series[key].append(item)
    superseded: set[str] = set()
    notes: list[Note] = []
    for members in series.values():
        if len(members) < 2:
            continue
        members.sort(key=_order)
        stated = [float(c.value.stated) for c in members if c.value.stated is not None]
        # A figure is superseded when a later figure of its series is lower.
        lowest_after = [float("inf")] * len(members)
        running = float("inf")
        for i in range(len(members) - 1, -1, -1):
            lowest_after[i] = running
            running = min(running, stated[i])
        for i, item in enumerate(members):
            if stated[i] > lowest_after[i]:
                superseded.add(ids(item))
        for i in range(1, len(members)):
            if stated[i] >= stated[i - 1]:
                continue
            earlier, later = members[i - 1], members[i]
            dropped = sum(1 for j in range(i) if stated[j] > stated[i])
            others = dropped - 1
            also = (
                f"; it also replaces {others} earlier figure(s) of the series above it"
                if others > 0
                else ""
            )
            notes.append(
                _note(
                    ids,
                    "correction",
                    later,
                    earlier,
                    f"{reporter_name(later)}'s running total went down, from "
                    f"{describe_value(earlier.value)} up to "
                    f"{describe_day(earlier.window.end_latest)} to "
                    f"{describe_value(later.value)} up to "
                    f"{describe_day(later.window.end_latest)}: the later figure corrects the "
                    f"earlier one{also}, and the step is not counted as a disagreement.",
                    superseded=dropped,
                )
            )
    return [item for item in items if ids(item) not in superseded], notes


# --- pairs --------------------------------------------------------------------


#: With more reporters than this in a group (plus one), a claim is paired with the
#: nearest claims in time of this many other reporters, not of all of them.
NEAREST_REPORTERS = 8


@dataclass(frozen=True, slots=True)
class GroupContext:
    """What a group's pairs need of each claim, computed once per claim."""

    claims: Sequence[Claim]
    unit: pint.Unit
    origin: int
    policy: Policy
    ids: list[str]
    texts: list[str]  # describe_claim of each claim
    bounds: list[Bounds]
    days: list[Days]

    @staticmethod
    def of(
        claims: Sequence[Claim], unit: pint.Unit, origin: int, policy: Policy, ids: Ids
    ) -> GroupContext:
        return GroupContext(
            claims,
            unit,
            origin,
            policy,
            [ids(c) for c in claims],
            [describe_claim(c) for c in claims],
            [bounds(c, unit, policy) for c in claims],
            [days(c) for c in claims],
        )


def _end(item: Claim) -> int:
    d = days(item)
    return d.end_latest if d.end_latest is not None else 0


def _value_key(value: Value) -> tuple[float, float, float]:
    stated = value.stated if value.stated is not None else value.low
    return (stated, value.low, value.high)


def select_pairs(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Positions (i < j) of the pairs to compare; see the module docstring."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(claims):
        by_source[source_key(item)].append(position)
    ordered: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for source, members in by_source.items():
        members.sort(key=lambda p: (_end(claims[p]), _value_key(claims[p].value), p))
        ordered[source] = members
        ends[source] = [_end(claims[p]) for p in members]
    found: set[tuple[int, int]] = set()
    for members in ordered.values():
        for a, b in itertools.pairwise(members):
            found.add((min(a, b), max(a, b)))
    sources = sorted(ordered)
    if len(sources) <= NEAREST_REPORTERS + 1:
        for source in sources:
            for position in ordered[source]:
                end = _end(claims[position])
                for other in sources:
                    if other == source:
                        continue
                    their = ends[other]
                    k = bisect.bisect_left(their, end)
                    options = [j for j in (k - 1, k) if 0 <= j < len(their)]
                    nearest = min(options, key=lambda j: (abs(their[j] - end), their[j]))
                    partner = ordered[other][nearest]
                    found.add((min(position, partner), max(position, partner)))
        return sorted(found)
    # Many reporters: each claim meets the nearest claims in time of up to
    # NEAREST_REPORTERS other reporters, found by walking out from it in end-day order.
    keys = [source_key(c) for c in claims]
    order = sorted(range(len(claims)), key=lambda p: (_end(claims[p]), p))
    for rank, position in enumerate(order):
        end = _end(claims[position])
        seen: set[str] = {keys[position]}
        left, right = rank - 1, rank + 1
        steps = 0
        while len(seen) <= NEAREST_REPORTERS and (left >= 0 or right < len(order)):
            steps += 1
            if steps > 8 * NEAREST_REPORTERS:
                break
            go_left = right >= len(order) or (
                left >= 0 and end - _end(claims[order[left]]) <= _end(claims[order[right]]) - end
            )
            partner = order[left] if go_left else order[right]
            if go_left:
                left -= 1
            else:
                right += 1
            if keys[partner] in seen:
                continue
            seen.add(keys[partner])
            found.add((min(position, partner), max(position, partner)))
    return sorted(found)


def difference(a: Value, b: Value, unit: pint.Unit) -> tuple[float, float]:
    """Absolute and relative difference of the stated figures (NaN without them)."""
    if a.stated is None or b.stated is None:
        return math.nan, math.nan
    sa, sb = in_unit(a.stated, a.unit, unit), in_unit(b.stated, b.unit, unit)
    gap = abs(sa - sb)
    scale = max(abs(sa), abs(sb))
    return gap, (gap / scale if scale > 0 else 0.0)


def _comparable(a: Days, b: Days, origin: int) -> float:
    """The best overlap (intersection over union) of two windows under any reading."""
    if a.end_earliest is None or a.end_latest is None:
        return 0.0
    if b.end_earliest is None or b.end_latest is None:
        return 0.0

    def start_range(d: Days) -> tuple[int, int]:
        if d.start_earliest is None or d.start_latest is None:
            return (origin, origin)  # a running total starts at the shared origin
        return (d.start_earliest, d.start_latest)

    if a.start_earliest is None and b.start_earliest is None:
        # Two running totals from the origin: the ends as close as their ranges allow.
        if a.end_earliest <= b.end_latest and b.end_earliest <= a.end_latest:
            return 1.0
        low, high = (a, b) if a.end_latest < b.end_earliest else (b, a)
        assert low.end_latest is not None and high.end_earliest is not None
        return (low.end_latest - origin + 1) / (high.end_earliest - origin + 1)
    sa, sb = start_range(a), start_range(b)
    ea, eb = (a.end_earliest, a.end_latest), (b.end_earliest, b.end_latest)
    best = 0.0
    for s in (*sa, *sb):
        s1, s2 = min(max(s, sa[0]), sa[1]), min(max(s, sb[0]), sb[1])
        for e in (*ea, *eb):
            e1, e2 = min(max(e, ea[0]), ea[1]), min(max(e, eb[0]), eb[1])
            if s1 > e1 or s2 > e2:
                continue
            inter = min(e1, e2) - max(s1, s2) + 1
            union = max(e1, e2) - min(s1, s2) + 1
            if inter > 0:
                best = max(best, inter / union)
    return best


def _close(a: Value, b: Value, unit: pint.Unit, tolerance: float) -> bool:
    if a.stated is not None and b.stated is not None:
        return difference(a, b, unit)[1] <= tolerance
    la, ha = in_unit(a.low, a.unit, unit), in_unit(a.high, a.unit, unit)
    lb, hb = in_unit(b.low, b.unit, unit), in_unit(b.high, b.unit, unit)
    return la <= hb and lb <= ha


def _kind_note(item: Claim, bound: Bounds) -> str | None:
    kind = item.value.kind
    who = reporter_name(item)
    if kind not in ("at_least", "more_than") and bound.upper == math.inf and is_documented(item):
        return f"{who}'s figure is a documented count, a lower bound on the true count"
    if kind in ("at_least", "more_than"):
        return f"{who}'s figure is a lower bound"
    if kind in ("at_most", "less_than"):
        return f"{who}'s figure is an upper bound"
    if kind == "approx":
        return f"{who}'s figure is approximate"
    if kind in ("range", "vague"):
        return f"{who} gives a range"
    if item.value.precision is not None:
        return f"{who}'s figure is rounded"
    return None


def _window_notes(a: Claim, b: Claim) -> list[str]:
    """How two windows differ, in words."""
    da, db = days(a), days(b)
    parts: list[str] = []
    if da.end_latest is not None and db.end_latest is not None and da.end_latest != db.end_latest:
        later, earlier = (a, b) if da.end_latest > db.end_latest else (b, a)
        gap = abs(da.end_latest - db.end_latest)
        parts.append(
            f"{reporter_name(later)}'s window ends up to {gap} day(s) later "
            f"({describe_day(later.window.end_latest)} against "
            f"{describe_day(earlier.window.end_latest)}), and a count can grow in between"
        )
    open_a, open_b = a.window.start_earliest is None, b.window.start_earliest is None
    if open_a != open_b:
        running, dated = (a, b) if open_a else (b, a)
        parts.append(
            f"{reporter_name(running)} gives a running total from the start of the count while "
            f"{reporter_name(dated)} counts {describe_window(dated.window)}"
        )
    elif not open_a and a.window.start_earliest != b.window.start_earliest:
        wa, wb = a.window, b.window
        parts.append(
            "they start on different days "
            f"({uncertain_day(wa.start_earliest, wa.start_latest)} against "
            f"{uncertain_day(wb.start_earliest, wb.start_latest)})"
        )
    if not parts:
        parts.append("their windows differ in their uncertain ends")
    return parts


def pair_flow(ctx: GroupContext, i: int, j: int) -> tuple[str, str]:
    """Verdict and reason of two flow claims of a group (their contradiction, if any,
    is also the group's conflict; here the pair is judged on its own)."""
    a, b = ctx.claims[i], ctx.claims[j]
    policy, unit = ctx.policy, ctx.unit
    described = f"{ctx.texts[i]} and {ctx.texts[j]}"
    da, db = ctx.days[i], ctx.days[j]
    if da.start_earliest is None and db.start_earliest is None:
        feasible = running_totals_feasible(ctx.bounds[i], da, ctx.bounds[j], db, policy.slack)
    else:
        feasible = pair_feasible(a, b, unit, policy, ctx.origin)
    if not feasible:
        return (
            "contradict",
            f"{described} cannot both be true: a count cannot fall over time, and one's lower "
            "bound is above the other's upper bound for a window it contains.",
        )
    overlap = _comparable(da, db, ctx.origin)
    close = _close(a.value, b.value, unit, policy.agree_tolerance)
    same_window = a.window == b.window
    if close and overlap >= policy.comparable_overlap:
        how = "the same figure" if a.value == b.value else "figures within tolerance"
        if same_window:
            window = "over the same window"
        else:
            how_much = (
                "may coincide"
                if overlap >= 0.99
                else f"may overlap by {overlap:.0%} of their length"
            )
            window = (
                f"{reporter_name(a)}'s window ({describe_window(a.window)}) and "
                f"{reporter_name(b)}'s ({describe_window(b.window)}) {how_much} under some "
                "reading of their uncertain ends"
            )
        return "agree", f"{described} agree: {how}, {window}."
    notes = [] if same_window else _window_notes(a, b)
    notes += [n for n in (_kind_note(a, ctx.bounds[i]), _kind_note(b, ctx.bounds[j])) if n]
    if a.method != b.method and (a.method or b.method):
        notes.append(f"methods differ ({a.method or 'unstated'} against {b.method or 'unstated'})")
    if not notes:
        notes.append("their bounds overlap")
    lead = (
        "give similar figures over windows that are not comparable"
        if close
        else "give different figures"
    )
    return "diverge", f"{described} {lead}, yet both can be true: " + "; ".join(notes) + "."


# --- reading ------------------------------------------------------------------


#: Columns of ``Report.unread``: the row label (of the table given) and its error.
UNREAD_COLUMNS = ("row", "error")


def read_claims(
    data: pd.DataFrame | Iterable[Claim], policy: Policy
) -> tuple[list[Claim], list[dict[str, object]]]:
    """The claims of ``data`` and the rows that could not be read (with their errors).

    A loose table is normalized with ``policy`` (so "11000" in a numeric cell and
    "about 11,000" in a text cell are read as the policy says); failed rows, of a
    loose table or of a canonical one read with ``errors="coerce"``, go to the
    unread list instead of raising.
    """
    if not isinstance(data, pd.DataFrame):
        return [safe_record(item) for item in data], []
    canonical = (
        data
        if set(CANONICAL_COLUMNS) <= set(data.columns)
        else normalize(data, errors="coerce", policy=policy)
    )
    unread: list[dict[str, object]] = []
    if "error" in canonical.columns:
        failed = canonical["error"].notna().to_numpy(dtype=bool)
        # normalize keeps rows in order: position i of the output is row i of the input.
        for position in failed.nonzero()[0]:
            unread.append(
                {
                    "row": data.index[int(position)],
                    "error": str(canonical["error"].iloc[int(position)]),
                }
            )
        if failed.any():
            canonical = canonical[~failed]
    return from_frame(canonical), unread


# --- engine -------------------------------------------------------------------


_FAR_FUTURE = 10**7  # after every ordinal day
_RANK = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}


def _dimension_key(item: Claim) -> str:
    name = unit_name(item.unit)
    if name in ("count", "percent"):
        return name
    return str(item.unit.dimensionality)


def _group_ids(items: Sequence[Claim]) -> np.ndarray:
    keys = pd.factorize(
        pd.Series(
            [
                f"{c.measure}\x1f{c.measure_kind}\x1f{_dimension_key(c)}\x1f{c.modality}"
                for c in items
            ],
            dtype=object,
        )
    )[0].astype(np.int64)
    starts = np.array(
        [c.window.start_earliest.toordinal() if c.window.start_earliest else 0 for c in items],
        dtype=np.int64,
    )
    ends = np.array(
        [c.window.end_latest.toordinal() if c.window.end_latest else _FAR_FUTURE for c in items],
        dtype=np.int64,
    )
    return np.asarray(group_windows(keys, starts, ends), dtype=np.int64)


def _label(items: Sequence[Claim]) -> str:
    """The measure as most claims of a group write it (ties by text, not order)."""
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[(c.measure_text or c.measure).strip()] += 1
    return min(counts, key=lambda text: (-counts[text], text))


def _group_unit(items: Sequence[Claim]) -> pint.Unit:
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[unit_name(c.unit)] += 1
    best = min(counts, key=lambda name: (-counts[name], name))  # ties: by name, not order
    return next(c.unit for c in items if unit_name(c.unit) == best)


def _percent(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "an unbounded share"


def reference_reconcile(
    claims: pd.DataFrame | Iterable[Claim],
    *,
    policy: Policy = DEFAULT_POLICY,
    conflicts_limit: int = 20,
    consensus: ConsensusMethod = "vote",
) -> Report:
    """Group claims, judge every group, name minimal contradictions with their gaps,
    note corrections, and state what the claims together imply.

    ``claims`` is a list of :class:`~claimrec.Claim` or a claims DataFrame (loose or
    canonical); a loose table is read with ``policy``, and rows that cannot be read
    are listed in ``Report.unread``. Mentions of one claim count once. A flow
    group's verdict comes from one constraint system over all its claims; the
    pairs listed explain it (see :mod:`claimrec.reconcile.pairs`). ``consensus``
    is how level groups pick a value: ``"vote"`` (each independent source once) or
    ``"crh"`` (votes weighted by a reliability learned from the claims; the
    weights are in ``Report.weights``).
    """
    if consensus not in ("vote", "crh"):
        raise ClaimError("must be 'vote' or 'crh'", field="consensus", text=str(consensus))
    read, unread = read_claims(claims, policy)
    items = merge_mentions(read)
    ids = Ids()
    items, qualifier_notes = fold_qualifiers(items, ids)
    items, revision_notes = revisions(items, ids)
    items, correction_notes = corrections(items, ids)
    notes = qualifier_notes + revision_notes + correction_notes
    grouped = [c for c in items if c.measure]
    gids = _group_ids(grouped) if grouped else np.zeros(0, dtype=np.int64)
    members: dict[int, list[Claim]] = defaultdict(list)
    for item, gid in zip(grouped, gids.tolist(), strict=True):
        members[gid].append(item)

    # One origin per flow measure, shared by all its running totals.
    origins: dict[str, int] = {}
    by_measure: dict[str, list[Claim]] = defaultdict(list)
    for c in grouped:
        if c.measure_kind == "flow" and c.modality == "reported":
            by_measure[c.measure].append(c)
    for measure, measure_claims in by_measure.items():
        origins[measure] = origin_of(measure_claims)

    weights: dict[str, float] | None = None
    if consensus == "crh":
        weights = crh_weights(
            [g for g in members.values() if g[0].measure_kind == "level" or _is_share(g)]
        )

    group_rows: list[dict[str, object]] = []
    pair_rows: list[dict[str, object]] = []
    conflict_rows: list[dict[str, object]] = []
    stored: dict[str, list[tuple[Constraints, bool]]] = defaultdict(list)
    for gid in sorted(members):
        group = members[gid]
        row, pairs, found = _judge(
            gid, group, policy, origins, conflicts_limit, weights, stored, ids
        )
        group_rows.append(row)
        pair_rows.extend(pairs)
        conflict_rows.extend(found)

    frame = to_frame(items)
    by_id = {ids(c): gid for c, gid in zip(grouped, gids.tolist(), strict=True)}
    frame["group"] = pd.Series(
        [by_id.get(i) for i in frame["claim_id"]], dtype="Int64", index=frame.index
    )
    index = FlowIndex(
        measures={
            measure: (merge_constraints([c for c, _ in parts]), origins[measure])
            for measure, parts in stored.items()
        },
        feasible={measure: all(ok for _, ok in parts) for measure, parts in stored.items()},
        slack=policy.slack,
    )
    group_rows.sort(
        key=lambda r: (
            _RANK[str(r["verdict"])],
            -_finite(r["relative_gap"]),
            -_finite(r["largest_difference"]),
            r["group"],
        )
    )
    pair_rows.sort(
        key=lambda r: (
            _RANK[str(r["verdict"])],
            -_finite(r["relative_difference"]),
            r["group"],
            r["claim_a"],
            r["claim_b"],
        )
    )
    conflict_rows.sort(key=lambda r: (-_finite(r["relative_gap"]), r["group"], r["conflict"]))
    weight_rows = [
        {"reporter": name, "weight": value} for name, value in sorted((weights or {}).items())
    ]
    return Report.build(
        groups=group_rows,
        pairs=pair_rows,
        conflicts=conflict_rows,
        corrections=notes,
        claims=frame,
        unread=unread,
        weights=weight_rows,
        flow_index=index,
    )


def _finite(value: object) -> float:
    if value is None or value is pd.NA:
        return -1.0
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else (1e300 if number > 0 else -1.0)


def _is_share(group: Sequence[Claim]) -> bool:
    return unit_name(group[0].unit) == "percent"


def _judge(
    gid: int,
    group: list[Claim],
    policy: Policy,
    origins: dict[str, int],
    conflicts_limit: int,
    weights: dict[str, float] | None,
    stored: dict[str, list[tuple[Constraints, bool]]],
    ids: Ids,
) -> tuple[dict[str, object], list[dict[str, object]], list[dict[str, object]]]:
    first = group[0]
    unit = _group_unit(group)
    label = _label(group)
    is_flow = first.measure_kind == "flow" and unit_name(unit) != "percent"
    # Only reported figures fix a measure's origin; a forecast's group counts from its own days.
    origin = (
        origins.get(first.measure, origin_of(group))
        if first.modality == "reported"
        else origin_of(group)
    )
    row: dict[str, object] = {
        "group": gid,
        "measure": first.measure,
        "label": label,
        "measure_kind": first.measure_kind,
        "modality": first.modality,
        "unit": unit_name(unit),
        "claims": len(group),
        "reporters": len({source_key(c) for c in group}),
        "verdict": "single",
        "reason": "",
        "gap": math.nan,
        "relative_gap": math.nan,
        "largest_difference": math.nan,
        "start": None,
        "end": None,
        "consensus_low": math.nan,
        "consensus_high": math.nan,
        "consensus": "",
        "consensus_rests_on": "",
        "consensus_value": math.nan,
        "consensus_share": math.nan,
        "consensus_sources": 0,
        "consensus_supporters": "",
    }
    conflict_rows: list[dict[str, object]] = []
    ctx = GroupContext.of(group, unit, origin, policy, ids)
    claim_ids = ctx.ids

    def conflict_row(
        number: int, members: Sequence[int], gap: float, relative_gap: float, chain: str
    ) -> dict[str, object]:
        return {
            "group": gid,
            "conflict": number,
            "claims": "; ".join(claim_ids[m] for m in members),
            "reporters": "; ".join(reporter_name(group[m]) for m in members),
            "gap": gap,
            "relative_gap": relative_gap,
            "chain": chain,
        }

    if is_flow:
        system = build(group, unit, policy, origin)
        feasible = is_feasible_group(system)
        if first.modality == "reported":  # only reported counts answer what a measure implies
            stored[first.measure].append((system.constraints, feasible))
        if not feasible:
            for number, found in enumerate(conflicts(system, conflicts_limit)):
                conflict_rows.append(
                    conflict_row(number, found.members, found.gap, found.relative_gap, found.chain)
                )
        else:
            implied = consensus(system, label)
            if implied is not None:
                row.update(
                    consensus_low=implied.low,
                    consensus_high=implied.high,
                    consensus=implied.text,
                    consensus_rests_on=implied.rests_on,
                    start=implied.start,
                    end=implied.end,
                )
    pair_rows: list[dict[str, object]] = []
    for i, j in select_pairs(group) if len(group) > 1 else []:
        a, b = group[i], group[j]
        gap = math.nan
        if is_flow:
            verdict, reason = pair_flow(ctx, i, j)
        else:
            verdict, reason, gap = pair_level(a, b, unit, policy)
            if verdict == "contradict":
                relative_gap = _level_relative_gap(a, b, unit, policy, gap)
                conflict_rows.append(
                    conflict_row(len(conflict_rows), (i, j), gap, relative_gap, reason)
                )
        absolute, relative = difference(a.value, b.value, unit)
        pair_rows.append(
            {
                "group": gid,
                "claim_a": claim_ids[i],
                "claim_b": claim_ids[j],
                "reporter_a": reporter_name(a),
                "reporter_b": reporter_name(b),
                "verdict": verdict,
                "difference": absolute,
                "relative_difference": relative,
                "gap": gap,
                "reason": reason,
            }
        )
    if not is_flow:
        found_consensus = level_consensus(group, unit, policy, label, weights)
        if found_consensus is not None:
            row.update(
                consensus_low=found_consensus.allowed_low,
                consensus_high=found_consensus.allowed_high,
                consensus=found_consensus.text,
                consensus_value=found_consensus.value,
                consensus_share=found_consensus.share,
                consensus_sources=found_consensus.sources,
                consensus_supporters="; ".join(found_consensus.supporters),
            )
    differences = [float(p["relative_difference"]) for p in pair_rows]  # type: ignore[arg-type]
    finite = [d for d in differences if math.isfinite(d)]
    row["largest_difference"] = max(finite) if finite else math.nan
    if conflict_rows:
        largest = max(conflict_rows, key=lambda r: _finite(r["relative_gap"]))
        row["gap"], row["relative_gap"] = largest["gap"], largest["relative_gap"]
    row["verdict"], row["reason"] = _group_verdict(group, label, pair_rows, conflict_rows, row)
    return row, pair_rows, conflict_rows


def is_feasible_group(group: FlowGroup) -> bool:
    return len(group.system) == 0 or is_feasible(group.system)


def _level_relative_gap(a: Claim, b: Claim, unit: pint.Unit, policy: Policy, gap: float) -> float:
    larger = max(bounds(a, unit, policy).lower, bounds(b, unit, policy).lower)
    return gap / larger if larger > 0 else math.nan


def _group_verdict(
    group: Sequence[Claim],
    label: str,
    pairs: Sequence[dict[str, object]],
    conflicts: Sequence[dict[str, object]],
    row: dict[str, object],
) -> tuple[str, str]:
    n = len(group)
    if n == 1:
        return (
            "single",
            f"{describe_claim(group[0])} is the only claim about {label} in its window, so "
            "there is nothing to compare it with.",
        )
    if conflicts:
        gap = float(row["gap"])  # type: ignore[arg-type]
        relative = float(row["relative_gap"])  # type: ignore[arg-type]
        return (
            "contradict",
            f"{len(conflicts)} minimal set(s) of the {n} claims about {label} cannot all be "
            f"true; the largest gap is {format_number(gap)} ({_percent(relative)} of the "
            "figures involved), and each set is listed in the conflicts.",
        )
    verdicts = [str(p["verdict"]) for p in pairs]
    agreeing = verdicts.count("agree")
    diverging = len(verdicts) - agreeing
    if verdicts and diverging == 0:
        return (
            "agree",
            f"All {n} claims about {label} agree: each of the {len(verdicts)} compared pair(s) "
            "gives figures within tolerance over comparable windows.",
        )
    largest = float(row["largest_difference"])  # type: ignore[arg-type]
    spread = (
        f" the largest difference between compared figures is {_percent(largest)};"
        if math.isfinite(largest)
        else ""
    )
    return (
        "diverge",
        f"The {n} claims about {label} can all be true together, yet their figures differ:"
        f"{spread} {diverging} of {len(verdicts)} compared pair(s) diverge and {agreeing} agree.",
    )
