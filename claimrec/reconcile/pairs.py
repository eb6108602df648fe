"""Which pairs of a group are compared, and the verdict of a pair of flow claims.

A group's verdict comes from its constraint system; pairs explain it. The pairs
listed are, whatever the group's size: consecutive figures of one reporter's
series (in the order of their end days), and for each claim the claim of every
other reporter closest to it in time (its end day) — of the
``NEAREST_REPORTERS`` (8) other reporters nearest in time when a group has more
reporters than that. A group of n claims gives at most n·9 pairs besides the
series, never all n² of them.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimrec.describe import (
    describe_claim,
    describe_day,
    describe_window,
    reporter_name,
    uncertain_day,
)
from claimrec.policy import Policy
from claimrec.reconcile.bounds import Bounds, Days, bounds, days, in_unit, is_documented
from claimrec.reconcile.flow import pair_feasible, running_totals_feasible
from claimrec.reconcile.ids import Ids
from claimrec.reconcile.level import source_key
from claimrec.record import Claim
from claimrec.value import Value

if TYPE_CHECKING:
    import pint

__all__ = ["NEAREST_REPORTERS", "GroupContext", "difference", "pair_flow", "select_pairs"]

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
