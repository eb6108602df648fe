"""Which pairs of a group are compared, and the verdicts of pairs of flow claims, for all
groups at once.

A group's verdict comes from its constraint system; pairs explain it. The pairs
listed are, whatever the group's size: consecutive figures of one reporter's
series (in the order of their end days), and for each claim the claim of every
other reporter closest to it in time (its end day) — of the
``NEAREST_REPORTERS`` (8) other reporters nearest in time when a group has more
reporters than that. A group of n claims gives at most n·9 pairs besides the
series, never all n² of them.

Two flow claims can both be true unless a lower bound of one, over a window, is
above an upper bound of the other over a window containing it (or an upper bound
is below zero): with two claims no other chain of inequalities can break, so the
pair verdict is a comparison of arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.reconcile.bounds import Bounds
from claimrec.reconcile.columns import NO_DAY
from claimrec.reconcile.segments import first_of_runs

__all__ = ["NEAREST_REPORTERS", "Grouped", "comparable", "flow_feasible", "select_pairs"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

#: With more reporters than this in a group (plus one), a claim is paired with the
#: nearest claims in time of this many other reporters, not of all of them.
NEAREST_REPORTERS = 8
_WALK = 8 * NEAREST_REPORTERS  # positions a claim looks at, at most
_SPAN = np.int64(1 << 24)  # above every end day
_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class Grouped:
    """The grouped claims, group by group in claim order: index k of every array."""

    group: Ints
    source: Ints  # code of the claim's source (reporter, or the claim when unattributed)
    end: Ints  # end day (latest), 0 when unknown
    value: tuple[Floats, Floats, Floats]  # (stated or low, low, high)


def _pairs(a: Ints, b: Ints) -> Ints:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return np.stack([lo, hi], axis=1)


def select_pairs(g: Grouped) -> Ints:
    """Pairs (k1 < k2) of grouped claims to compare (in no particular order); see the
    module docstring."""
    n = g.group.size
    k = np.arange(n, dtype=np.int64)
    stated, low, high = g.value
    by_source = np.lexsort((k, high, low, stated, g.end, g.source, g.group))
    seg_key = g.group[by_source] * (int(g.source.max(initial=0)) + 1) + g.source[by_source]
    seg_first = first_of_runs(seg_key)
    found: list[Ints] = []
    same = ~seg_first[1:]
    found.append(_pairs(by_source[:-1][same], by_source[1:][same]))
    seg = np.cumsum(seg_first) - 1  # per sorted position
    seg_start = np.flatnonzero(seg_first)
    seg_len = np.diff(np.append(seg_start, n))
    seg_group = g.group[by_source][seg_start]
    group_first_seg = np.flatnonzero(first_of_runs(seg_group))
    n_groups = int(g.group.max(initial=-1)) + 1
    reporters = np.zeros(n_groups, dtype=np.int64)
    first_seg_of = np.zeros(n_groups, dtype=np.int64)
    reporters[seg_group[group_first_seg]] = np.diff(np.append(group_first_seg, seg_start.size))
    first_seg_of[seg_group[group_first_seg]] = group_first_seg
    few = reporters[g.group] <= NEAREST_REPORTERS + 1
    # Few reporters: each claim meets the nearest claim (by end day) of every other one.
    claim_seg = np.empty(n, dtype=np.int64)
    claim_seg[by_source] = seg
    asking = np.flatnonzero(few & (reporters[g.group] > 1))
    if asking.size:
        r = reporters[g.group[asking]]
        who = np.repeat(asking, r)
        offset = np.arange(who.size) - np.repeat(np.cumsum(r) - r, r)
        target = first_seg_of[g.group[who]] + offset
        other = target != claim_seg[who]
        who, target = who[other], target[other]
        composite = seg * _SPAN + g.end[by_source]
        at = np.searchsorted(composite, target * _SPAN + g.end[who], side="left")
        lo, hi = seg_start[target], seg_start[target] + seg_len[target]
        left_ok = at - 1 >= lo
        right_ok = at < hi
        ends_sorted = g.end[by_source]
        d_left = g.end[who] - ends_sorted[np.maximum(at - 1, 0)]
        d_right = ends_sorted[np.minimum(at, n - 1)] - g.end[who]
        take_left = left_ok & (~right_ok | (d_left <= d_right))
        position = np.where(take_left, at - 1, at)
        found.append(_pairs(who, by_source[position]))
    many = np.flatnonzero(~few)
    if many.size:
        found.append(_walk(g, many))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    every = np.concatenate(found)
    if not every.size:
        return np.zeros((0, 2), dtype=np.int64)
    code = pd.unique(every[:, 0] * np.int64(n) + every[:, 1])  # hashing, not sorting
    return np.stack([code // n, code % n], axis=1)


def _walk(g: Grouped, many: Ints) -> Ints:
    """Many reporters: each claim meets the nearest claims in time of up to
    NEAREST_REPORTERS other reporters, found by walking out from it in end-day order
    (the nearer side first, the earlier on a tie), looking at ``_WALK`` claims at most."""
    n = g.group.size
    k = np.arange(n, dtype=np.int64)
    by_end = np.lexsort((k, g.end, g.group))
    rank = np.empty(n, dtype=np.int64)
    rank[by_end] = k
    group_sorted = g.group[by_end]
    first = np.flatnonzero(first_of_runs(group_sorted))
    group_lo = np.zeros(int(g.group.max()) + 1, dtype=np.int64)
    group_hi = np.zeros_like(group_lo)
    group_lo[group_sorted[first]] = first
    group_hi[group_sorted[first]] = np.append(first[1:], n)
    end_sorted = g.end[by_end]
    source_sorted = g.source[by_end]
    steps = np.arange(1, _WALK + 1, dtype=np.int64)
    out: list[Ints] = []
    for lo_chunk in range(0, many.size, _CHUNK):
        who = many[lo_chunk : lo_chunk + _CHUNK]
        q = rank[who]
        lo = group_lo[g.group[who]]
        hi = group_hi[g.group[who]]
        left = q[:, None] - steps[None, :]
        right = q[:, None] + steps[None, :]
        left_ok = left >= lo[:, None]
        right_ok = right < hi[:, None]
        here = end_sorted[q][:, None]
        far = np.int64(1) << np.int64(40)
        d_left = np.where(left_ok, here - end_sorted[np.maximum(left, 0)], far)
        d_right = np.where(right_ok, end_sorted[np.minimum(right, n - 1)] - here, far)
        # Visiting order: by distance, the left side first on a tie, nearer first.
        key = np.concatenate(
            [d_left * 256 + steps[None, :], d_right * 256 + 128 + steps[None, :]], axis=1
        )
        positions = np.concatenate([left, right], axis=1)
        valid = np.concatenate([left_ok, right_ok], axis=1)
        order = np.argsort(key, axis=1, kind="stable")[:, :_WALK]
        rows = np.arange(who.size)[:, None]
        visited = positions[rows, order]
        visited_ok = valid[rows, order]
        src = np.where(visited_ok, source_sorted[np.clip(visited, 0, n - 1)], -1)
        own = g.source[who][:, None]
        # The first visit of each other reporter, the first NEAREST_REPORTERS of them:
        # each row's (reporter, visit) codes sorted within the row (rows are short).
        codes = np.sort((src + 1) * _WALK + np.arange(_WALK)[None, :], axis=1)
        code_src = codes // _WALK
        new_src = np.ones(codes.shape, dtype=bool)
        new_src[:, 1:] = code_src[:, 1:] != code_src[:, :-1]
        is_first = np.zeros((who.size, _WALK), dtype=bool)
        first_row, _ = np.nonzero(new_src)
        is_first[first_row, codes[new_src] % _WALK] = True
        is_first &= visited_ok & (src != own)
        taken = np.cumsum(is_first, axis=1) <= NEAREST_REPORTERS
        chosen = is_first & taken
        r, c = np.nonzero(chosen)
        out.append(_pairs(who[r], by_end[visited[r, c]]))
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


# --- flow pairs --------------------------------------------------------------------------


def _relax(upper: Floats, slack: float) -> Floats:
    if slack <= 0:
        return upper
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(upper) & (upper > 0), upper / (1.0 - slack), upper)


@dataclass(frozen=True, slots=True)
class Days:
    start_earliest: Ints
    start_latest: Ints
    end_earliest: Ints
    end_latest: Ints

    def take(self, index: Ints) -> Days:
        return Days(
            self.start_earliest[index],
            self.start_latest[index],
            self.end_earliest[index],
            self.end_latest[index],
        )


def _running_fits(
    low: Floats, low_strict: Bools, low_end: Ints, high: Floats, high_strict: Bools,
    high_end: Ints, slack: float,
) -> Bools:  # fmt: skip
    scale = 1.0 / (1.0 - slack) if slack > 0 else 1.0
    with np.errstate(invalid="ignore"):
        upper = np.where(high > 0, high * scale, high)
    ok = (low_end > high_end) | ~np.isfinite(high)
    ok |= ~((low > upper) | ((low == upper) & (low_strict | high_strict)))
    return ok


def flow_feasible(
    a: Ints, b: Ints, bounds: Bounds, days: Days, origin: Ints, slack: float
) -> Bools:
    """Per pair (claims ``a[i]``, ``b[i]``, indices into ``bounds``/``days``): can both be
    true (with the slack)? ``origin`` per pair."""
    se_a, se_b = days.start_earliest[a], days.start_earliest[b]
    ee_a, ee_b = days.end_earliest[a], days.end_earliest[b]
    el_a, el_b = days.end_latest[a], days.end_latest[b]
    la, lb, ua, ub = bounds.lower[a], bounds.lower[b], bounds.upper[a], bounds.upper[b]
    lsa, lsb = bounds.lower_strict[a], bounds.lower_strict[b]
    usa, usb = bounds.upper_strict[a], bounds.upper_strict[b]
    both_open = (se_a == NO_DAY) & (se_b == NO_DAY)
    unknown = (ee_a == NO_DAY) | (ee_b == NO_DAY)
    running = unknown | (
        _running_fits(la, lsa, el_a, ub, usb, ee_b, slack)
        & _running_fits(lb, lsb, el_b, ua, usa, ee_a, slack)
    )

    # Dated: a lower bound over a window inside an upper bound's window, above it.
    def lower_side(
        se: Ints, el: Ints, ee: Ints, low: Floats, strict: Bools
    ) -> tuple[Bools, Ints, Ints]:
        has = (ee != NO_DAY) & ((low > 0) | ((low == 0) & strict))
        return has, np.where(se == NO_DAY, origin, se), el + 1

    def upper_side(sl: Ints, ee: Ints, up: Floats) -> tuple[Bools, Ints, Ints]:
        first = np.where(sl == NO_DAY, origin, sl)
        has = (ee != NO_DAY) & np.isfinite(up) & ((sl == NO_DAY) | (sl <= ee))
        return has, first, ee + 1

    lower_a = lower_side(se_a, el_a, ee_a, la, lsa)
    lower_b = lower_side(se_b, el_b, ee_b, lb, lsb)
    ua_r, ub_r = _relax(ua, slack), _relax(ub, slack)
    upper_a = upper_side(days.start_latest[a], ee_a, ua_r)
    upper_b = upper_side(days.start_latest[b], ee_b, ub_r)
    bad = np.zeros(a.size, dtype=bool)
    for has_u, start_u, stop_u, value, strict in (
        (*upper_a, ua_r, usa),
        (*upper_b, ub_r, usb),
    ):
        bad |= has_u & ((value < 0) | ((value == 0) & strict))  # a count cannot fall
        for has_l, start_l, stop_l, low, low_strict in (
            (*lower_a, la, lsa),
            (*lower_b, lb, lsb),
        ):
            inside = has_u & has_l & (start_u <= start_l) & (stop_l <= stop_u)
            bad |= inside & ((low > value) | ((low == value) & (low_strict | strict)))
    return np.where(both_open, running, ~bad)


def comparable(a: Ints, b: Ints, days: Days, origin: Ints) -> Floats:
    """Per pair: the best overlap (intersection over union) of the two windows under
    any reading of their uncertain ends."""
    se_a, sl_a, ee_a, el_a = (x[a] for x in (days.start_earliest, days.start_latest,
                                              days.end_earliest, days.end_latest))  # fmt: skip
    se_b, sl_b, ee_b, el_b = (x[b] for x in (days.start_earliest, days.start_latest,
                                              days.end_earliest, days.end_latest))  # fmt: skip
    unknown = (ee_a == NO_DAY) | (ee_b == NO_DAY)
    open_a, open_b = se_a == NO_DAY, se_b == NO_DAY
    # Two running totals: the ends as close as their ranges allow.
    meet = (ee_a <= el_b) & (ee_b <= el_a)
    low_first = el_a < ee_b
    low_end = np.where(low_first, el_a, el_b)
    high_end = np.where(low_first, ee_b, ee_a)
    with np.errstate(divide="ignore", invalid="ignore"):
        running = np.where(meet, 1.0, (low_end - origin + 1) / (high_end - origin + 1))
    s_a = (np.where(open_a, origin, se_a), np.where(open_a, origin, sl_a))
    s_b = (np.where(open_b, origin, se_b), np.where(open_b, origin, sl_b))
    best = np.zeros(a.size)
    for s in (*s_a, *s_b):
        s1 = np.minimum(np.maximum(s, s_a[0]), s_a[1])
        s2 = np.minimum(np.maximum(s, s_b[0]), s_b[1])
        for e in (ee_a, el_a, ee_b, el_b):
            e1 = np.minimum(np.maximum(e, ee_a), el_a)
            e2 = np.minimum(np.maximum(e, ee_b), el_b)
            inter = np.minimum(e1, e2) - np.maximum(s1, s2) + 1
            union = np.maximum(e1, e2) - np.minimum(s1, s2) + 1
            ok = (s1 <= e1) & (s2 <= e2) & (inter > 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(ok, inter / union, 0.0)
            best = np.maximum(best, ratio)
    out = np.where(open_a & open_b, running, best)
    return np.where(unknown, 0.0, out)


def difference(stated_a: Floats, stated_b: Floats) -> tuple[Floats, Floats]:
    """Absolute and relative difference of stated figures (NaN without them)."""
    gap = np.abs(stated_a - stated_b)
    scale = np.maximum(np.abs(stated_a), np.abs(stated_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(scale > 0, gap / scale, 0.0)
    relative = np.where(np.isnan(gap), math.nan, relative)
    return gap, relative
