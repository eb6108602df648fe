"""Level groups: figures of a state at a moment (prices, turnout, troops deployed).

Two level claims about coinciding moments contradict when no value lies in both
of their intervals (beyond ``Policy.slack``); about different moments they may
both be true, since a level can change.

Where level claims conflict, the consensus is the value supported by the most
independent sources at the group's latest moment: each reporter counts once
(echoes through other outlets and repeated mentions are one claim already),
its most recent, most precise claim at that moment. With ``consensus="crh"``
each source's vote is weighted by a reliability learned from all level groups
of the report (CRH, Li et al. 2014: truths are weighted medians, a source's
weight is ``log(total loss / its loss)``, iterated a fixed number of times —
deterministic). The report gives the supporters, the share of sources (or
weight) that agree, and the range every claim allows.

Pairs and consensus are computed for all level groups at once, on arrays.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from claimrec.reconcile.bounds import Bounds
from claimrec.reconcile.columns import NO_DAY
from claimrec.reconcile.segments import first_of_runs

__all__ = [
    "AGREE",
    "CONTRADICT",
    "DIFFER",
    "MOMENTS",
    "SLACK",
    "ConsensusMethod",
    "LevelConsensus",
    "crh_weights",
    "level_consensus",
    "level_pairs",
]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Objects = NDArray[np.object_]

ConsensusMethod = Literal["vote", "crh"]
_CRH_ROUNDS = 20

# What a level pair's reason says.
MOMENTS, CONTRADICT, SLACK, AGREE, DIFFER = 0, 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Claims:
    """What level comparisons read of each (grouped) claim: its raw figure (as stated,
    in its own unit), its bounds in the group's unit and its moment."""

    stated: Floats
    low: Floats
    high: Floats
    unit: Objects
    end_earliest: Ints
    end_latest: Ints


def level_pairs(
    a: Ints, b: Ints, c: Claims, bounds: Bounds, slack: float, tolerance: float
) -> tuple[Ints, Floats, Floats]:
    """Per pair: what its reason says (MOMENTS … DIFFER), its gap, and the larger lower
    bound involved (for the relative gap)."""
    ea0, ea1, eb0, eb1 = c.end_earliest[a], c.end_latest[a], c.end_earliest[b], c.end_latest[b]
    same_moment = (ea0 != NO_DAY) & (eb0 != NO_DAY) & (ea0 <= eb1) & (eb0 <= ea1)
    la, lb, ua, ub = bounds.lower[a], bounds.lower[b], bounds.upper[a], bounds.upper[b]
    a_below = ua < lb
    b_below = ~a_below & (ub < la)
    gap = np.where(a_below, lb - ua, np.where(b_below, la - ub, 0.0))
    larger = np.where(a_below, lb, np.where(b_below, la, 0.0))
    touching = ((ua == lb) & (bounds.upper_strict[a] | bounds.lower_strict[b])) | (
        (ub == la) & (bounds.upper_strict[b] | bounds.lower_strict[a])
    )
    apart = (gap > 0) | touching
    forgiven = (larger > 0) & (gap <= slack * np.abs(larger))
    sa, sb = c.stated[a], c.stated[b]
    plain = np.isnan(sa) | np.isnan(sb) | (c.unit[a] != c.unit[b])
    scale = np.maximum(np.abs(sa), np.abs(sb))
    with np.errstate(invalid="ignore"):
        close = np.where(
            plain,
            (c.low[a] <= c.high[b]) & (c.low[b] <= c.high[a]),
            (scale == 0) | (np.abs(sa - sb) <= tolerance * scale),
        )
    says = np.where(
        ~same_moment,
        MOMENTS,
        np.where(apart, np.where(forgiven, SLACK, CONTRADICT), np.where(close, AGREE, DIFFER)),
    )
    gap = np.where(~same_moment, math.nan, np.where(apart, gap, 0.0))
    larger = np.maximum(la, lb)
    return says.astype(np.int64), gap, larger


# --- consensus -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LevelConsensus:
    """Per group (of those asked about): the value, its supporters (source names), the
    number of sources, the share that agree and the range every claim allows."""

    has: Bools
    value: Floats
    supporters: list[tuple[str, ...]]
    sources: Ints
    share: Floats
    allowed_low: Floats
    allowed_high: Floats


@dataclass(frozen=True, slots=True)
class Chosen:
    """Each source's claim at its group's latest moment: its most recent, most precise."""

    group: Ints
    claim: Ints  # grouped index
    name: Objects  # source name


def at_latest_moment(
    group: Ints,
    source: Ints,
    name: Objects,
    end_earliest: Ints,
    end_latest: Ints,
    published: Ints,
    width: Floats,
    text_form: object,
) -> Chosen:
    """``text_form(k)`` is the text form of grouped claim k's figure (breaks ties)."""
    n = group.size
    k = np.arange(n, dtype=np.int64)
    known = end_earliest != NO_DAY
    n_groups = int(group.max(initial=-1)) + 1
    order = np.lexsort((end_latest[known], end_earliest[known], group[known]))
    kk = k[known][order]
    last = np.append(group[kk][1:] != group[kk][:-1], True) if kk.size else np.zeros(0, bool)
    latest0 = np.zeros(n_groups, dtype=np.int64)
    latest1 = np.zeros(n_groups, dtype=np.int64)
    has = np.zeros(n_groups, dtype=bool)
    latest0[group[kk[last]]] = end_earliest[kk[last]]
    latest1[group[kk[last]]] = end_latest[kk[last]]
    has[group[kk[last]]] = True
    here = known & has[group] & (end_earliest <= latest1[group]) & (latest0[group] <= end_latest)
    m = k[here]
    pub = published[m]
    order = np.lexsort((m, width[m], -pub, source[m], group[m]))
    m = m[order]
    run_key = group[m] * (int(source.max(initial=0)) + 1) + source[m]
    first = first_of_runs(run_key)
    starts = np.flatnonzero(first)
    picked = m[starts].copy()
    # Equal publication day and width: the text form decides, then group order.
    tie = np.flatnonzero(
        ~first
        & (np.append(False, (pub[order][1:] == pub[order][:-1])))
        & (np.append(False, width[m][1:] == width[m][:-1]))
    )
    if tie.size:
        run = np.cumsum(first) - 1
        for r in np.unique(run[tie]).tolist():
            lo = int(starts[r])
            hi = int(starts[r + 1]) if r + 1 < starts.size else m.size
            top = m[lo]
            tied = [
                int(x)
                for x in m[lo:hi].tolist()
                if published[x] == published[top] and width[x] == width[top]
            ]
            picked[r] = min(tied, key=lambda x: (text_form(x), x))  # type: ignore[operator]
    return Chosen(group[picked], picked, name[picked])


def level_consensus(
    chosen: Chosen,
    n_groups: int,
    raw: Claims,
    bounds: Bounds,
    weights: Mapping[str, float] | None,
) -> LevelConsensus:
    """The value supported by the most independent sources (or weight) per group."""
    has = np.zeros(n_groups, dtype=bool)
    value = np.full(n_groups, math.nan)
    supporters: list[tuple[str, ...]] = [()] * n_groups
    sources = np.zeros(n_groups, dtype=np.int64)
    share = np.full(n_groups, math.nan)
    allowed_low = np.full(n_groups, math.nan)
    allowed_high = np.full(n_groups, math.nan)
    counts = np.bincount(chosen.group, minlength=n_groups)
    keep = counts[chosen.group] >= 2
    g, k, names = chosen.group[keep], chosen.claim[keep], chosen.name[keep]
    if g.size == 0:
        return LevelConsensus(has, value, supporters, sources, share, allowed_low, allowed_high)
    order = np.lexsort((names.astype(str), g))
    g, k, names = g[order], k[order], names[order]
    low, high = bounds.lower[k], bounds.upper[k]
    if weights is None:
        weight = np.ones(g.size)
    else:
        weight = np.array([max(weights.get(str(x), 0.0), 0.0) for x in names.tolist()])
    stated = raw.stated[k]
    mid = (raw.low[k] + raw.high[k]) / 2
    point = np.where(
        ~np.isnan(stated),
        stated,
        np.where(np.isfinite(raw.low[k]) & np.isfinite(raw.high[k]), mid, math.nan),
    )
    clamped = np.minimum(np.maximum(point, low), high)
    cand_group = np.concatenate([g[~np.isnan(point)], g[np.isfinite(low)], g[np.isfinite(high)]])
    cand_value = np.concatenate(
        [clamped[~np.isnan(point)], low[np.isfinite(low)], high[np.isfinite(high)]]
    )
    if cand_group.size == 0:
        return LevelConsensus(has, value, supporters, sources, share, allowed_low, allowed_high)
    both = np.unique(np.stack([cand_group.astype(np.float64), cand_value]), axis=1)
    cg, cv = both[0].astype(np.int64), both[1]
    # Support of each candidate: total weight of its group's sources containing it.
    first = np.flatnonzero(first_of_runs(g))
    group_start = np.zeros(n_groups, dtype=np.int64)
    group_size = np.zeros(n_groups, dtype=np.int64)
    group_start[g[first]] = first
    group_size[g[first]] = np.diff(np.append(first, g.size))
    reps = group_size[cg]
    cand = np.repeat(np.arange(cg.size), reps)
    member = np.repeat(group_start[cg], reps) + (
        np.arange(cand.size) - np.repeat(np.cumsum(reps) - reps, reps)
    )
    inside = (low[member] <= cv[cand]) & (cv[cand] <= high[member])
    support = np.bincount(cand, weights=np.where(inside, weight[member], 0.0), minlength=cg.size)
    # Best per group: the largest support, the smallest value on a tie.
    order = np.lexsort((cv, -support, cg))
    best = order[first_of_runs(cg[order])]
    groups = cg[best]
    has[groups] = True
    value[groups] = cv[best]
    total = np.bincount(g, weights=weight, minlength=n_groups)
    share[groups] = np.where(total[groups] > 0, support[best] / total[groups], 0.0)
    sources[groups] = group_size[groups]
    allowed_low[groups] = np.maximum.reduceat(low, first)[np.searchsorted(g[first], groups)]
    allowed_high[groups] = np.minimum.reduceat(high, first)[np.searchsorted(g[first], groups)]
    chosen_value = value[g]
    agrees = (low <= chosen_value) & (chosen_value <= high)
    for grp in groups.tolist():
        lo = int(group_start[grp])
        hi = lo + int(group_size[grp])
        supporters[grp] = tuple(str(names[i]) for i in range(lo, hi) if agrees[i])
    return LevelConsensus(has, value, supporters, sources, share, allowed_low, allowed_high)


def crh_weights(chosen: Chosen, raw: Claims, rank: Ints) -> dict[str, float]:
    """Source reliabilities learned from the level groups (CRH with absolute loss).

    Each group with at least two sources is one object; its truth is the weighted
    median of the sources' figures; a source's loss is its absolute distance to
    the truths, each divided by that object's spread; its weight is
    ``log(total loss / its loss)``. Iterated a fixed number of rounds from equal
    weights, in sorted order: the result is deterministic.
    """
    k = chosen.claim
    stated = raw.stated[k]
    mid = (raw.low[k] + raw.high[k]) / 2
    point = np.where(
        ~np.isnan(stated),
        stated,
        np.where(np.isfinite(raw.low[k]) & np.isfinite(raw.high[k]), mid, math.nan),
    )
    by_group: dict[int, list[tuple[str, float]]] = {}
    for grp, name, p in zip(chosen.group.tolist(), chosen.name.tolist(), point.tolist(),
                            strict=True):  # fmt: skip
        if not math.isnan(p):
            by_group.setdefault(int(grp), []).append((str(name), float(p)))
    objects: list[tuple[list[str], np.ndarray]] = []
    for grp in sorted(by_group, key=lambda g: int(rank[g])):
        named = sorted(by_group[grp])
        if len(named) >= 2:
            objects.append(([n for n, _ in named], np.asarray([p for _, p in named])))
    sources = sorted({n for names, _ in objects for n in names})
    if not sources:
        return {}
    index = {n: i for i, n in enumerate(sources)}
    weights = np.ones(len(sources))
    positions = [np.asarray([index[n] for n in names], dtype=np.int64) for names, _ in objects]
    for _ in range(_CRH_ROUNDS):
        loss = np.zeros(len(sources))
        for where, (_, values) in zip(positions, objects, strict=True):
            truth = _weighted_median(values, weights[where])
            spread = float(np.std(values)) or 1.0
            np.add.at(loss, where, np.abs(values - truth) / spread)
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
