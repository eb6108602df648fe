"""Flow groups: the claims of a count over time as one system of difference constraints
per group, built for all groups at once.

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

Feasibility and what the claims imply are shortest paths
(:mod:`claimrec.reconcile.paths`) over the graphs of all groups at once, for the
systems whose weights are whole numbers without strict bounds; the others, and the
minimal conflicts of the few groups that contradict (:mod:`.flow_conflicts`), go to
the exact solver (:mod:`claimrec.constraints`) one group at a time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from claimrec.constraints import (
    FlowSystem,
    flow_system,
    implied_bounds,
    is_feasible,
)
from claimrec.reconcile.bounds import Bounds
from claimrec.reconcile.columns import NO_DAY, ClaimTable
from claimrec.reconcile.paths import MONOTONE, ROOT, Graphs, shortest
from claimrec.reconcile.segments import first_of_runs

__all__ = [
    "OPEN",
    "Batch",
    "Consensus",
    "constraints_of",
    "solve",
]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

#: Start of a running total in stored constraints: replaced by the origin when solved.
OPEN = -1
_EXACT = 2.0**52  # float64 sums of whole numbers below this are exact


@dataclass(frozen=True, slots=True)
class Batch:
    """The constraints of many flow groups, group by group, each group's in the order
    of its claims (a claim's lower bound before its upper bound)."""

    group: Ints  # flow group (0..G-1) of each constraint
    owner: Ints  # claim position within its group
    claim: Ints  # claim table index
    start: Ints  # OPEN for a running total
    stop: Ints
    lower: Floats
    upper: Floats
    lower_strict: Bools
    upper_strict: Bools
    is_lower: Bools

    def __len__(self) -> int:
        return int(self.group.size)

    def take(self, index: Ints) -> Batch:
        return Batch(*(getattr(self, name)[index] for name in self.__slots__))


def constraints_of(group: Ints, owner: Ints, claim: Ints, t: ClaimTable, b: Bounds) -> Batch:
    """Constraints of claims (given in group order, ``b`` their bounds in group units)."""
    se, sl = t.start_earliest[claim], t.start_latest[claim]
    ee, el = t.end_earliest[claim], t.end_latest[claim]
    known = ee != NO_DAY
    has_lower = known & ((b.lower > 0) | ((b.lower == 0) & b.lower_strict))
    first = np.where(sl == NO_DAY, OPEN, sl)
    has_upper = known & np.isfinite(b.upper) & ((first == OPEN) | (first <= ee))
    # Slots 2p (lower) and 2p + 1 (upper) of claim p, in order.
    take_lower = np.flatnonzero(has_lower)
    take_upper = np.flatnonzero(has_upper)
    slots = np.concatenate([2 * take_lower, 2 * take_upper + 1])
    order = np.argsort(slots, kind="stable")
    which = np.concatenate([take_lower, take_upper])[order]
    lower_side = (slots[order] % 2) == 0
    start = np.where(lower_side, np.where(se[which] == NO_DAY, OPEN, se[which]), first[which])
    stop = np.where(lower_side, el[which] + 1, ee[which] + 1)
    return Batch(
        group=group[which],
        owner=owner[which],
        claim=claim[which],
        start=start.astype(np.int64),
        stop=stop.astype(np.int64),
        lower=np.where(lower_side, b.lower[which], -math.inf),
        upper=np.where(lower_side, math.inf, b.upper[which]),
        lower_strict=np.where(lower_side, b.lower_strict[which], False),
        upper_strict=np.where(lower_side, False, b.upper_strict[which]),
        is_lower=lower_side,
    )


def _relaxed(upper: Floats, slack: float) -> Floats:
    if slack <= 0:
        return upper
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(upper) & (upper > 0), upper / (1.0 - slack), upper)


def system_of(batch: Batch, origin: int, *, slack: float = 0.0) -> FlowSystem:
    """The constraint system of (one group's part of) a batch."""
    return flow_system(
        np.where(batch.start == OPEN, origin, batch.start),
        batch.stop,
        batch.lower,
        _relaxed(batch.upper, slack),
        lower_strict=batch.lower_strict,
        upper_strict=batch.upper_strict,
    )


# --- many groups at once -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    """The graphs of some groups: node days, and for each constraint its nodes."""

    graphs: Graphs
    days: Ints  # per node
    start_node: Ints  # per constraint
    stop_node: Ints
    groups: Ints  # the flow groups laid out (graph group k is flow group groups[k])
    constraint: Ints  # batch index of each graph edge


_DAY_SPAN = np.int64(1 << 23)  # above every ordinal + 1


def _lay_out(
    batch: Batch,
    groups: Ints,
    origins: Ints,
    slack: float,
    extra_group: Ints,
    extra_day: Ints,
    *,
    reverse: bool,
) -> _Layout:
    """Nodes (the days of the constraints of ``groups``, and extra days) and edges."""
    local = np.full(int(batch.group.max(initial=-1)) + 2, -1, dtype=np.int64)
    local[groups] = np.arange(groups.size)
    chosen = np.flatnonzero(local[batch.group] >= 0)
    g = local[batch.group[chosen]]
    start = np.where(batch.start[chosen] == OPEN, origins[batch.group[chosen]], batch.start[chosen])
    stop = batch.stop[chosen]
    eg = local[extra_group]
    keys = np.concatenate([g * _DAY_SPAN + start, g * _DAY_SPAN + stop, eg * _DAY_SPAN + extra_day])
    unique, inverse = np.unique(keys, return_inverse=True)
    node_group = (unique // _DAY_SPAN).astype(np.int64)
    days = (unique % _DAY_SPAN).astype(np.int64)
    k = chosen.size
    start_node, stop_node = inverse[:k], inverse[k : 2 * k]
    first = np.flatnonzero(first_of_runs(node_group))
    node_start = np.zeros(groups.size, dtype=np.int64)
    node_count = np.zeros(groups.size, dtype=np.int64)
    node_start[node_group[first]] = first
    node_count[node_group[first]] = np.diff(np.append(first, node_group.size))
    upper = _relaxed(batch.upper[chosen], slack)
    lower = batch.lower[chosen]
    is_lower = batch.is_lower[chosen]
    # Upper bound U: start → stop (weight U); lower bound L: stop → start (−L).
    tail = np.where(is_lower, stop_node, start_node)
    head = np.where(is_lower, start_node, stop_node)
    weight = np.where(is_lower, -lower, upper)
    if reverse:
        tail, head = head, tail
    graphs = Graphs(
        node_start=node_start,
        node_count=node_count,
        node_group=node_group,
        tails=tail.astype(np.int64),
        heads=head.astype(np.int64),
        weights=weight.astype(np.float64),
        edge_group=g,
    )
    return _Layout(graphs, days, start_node, stop_node, groups, chosen)


def exact_in_floats(batch: Batch, n_groups: int, slack: float) -> Bools:
    """Per flow group: every bound a whole number, none strict, sums exact in float64."""
    upper = _relaxed(batch.upper, slack)
    weight = np.where(batch.is_lower, batch.lower, upper)
    whole = (weight == np.rint(weight)) & ~(batch.lower_strict | batch.upper_strict)
    bad = np.bincount(batch.group, weights=(~whole).astype(np.float64), minlength=n_groups)
    total = np.bincount(batch.group, weights=np.abs(weight), minlength=n_groups)
    exact: Bools = (bad == 0) & (total < _EXACT)
    return exact


def _hard(batch: Batch, n_groups: int) -> Bools:
    """Groups whose feasibility is in question: with lower and upper bounds, or an upper
    bound below zero (only lower bounds, or only upper bounds not below zero, always
    hold)."""
    counts = np.bincount(batch.group, minlength=n_groups)
    lowers = np.bincount(batch.group, weights=batch.is_lower.astype(np.float64),
                         minlength=n_groups)  # fmt: skip
    uppers = counts - lowers
    below = (~batch.is_lower) & ((batch.upper < 0) | ((batch.upper == 0) & batch.upper_strict))
    negative = np.bincount(batch.group, weights=below.astype(np.float64), minlength=n_groups)
    hard: Bools = (counts > 0) & (((lowers > 0) & (uppers > 0)) | (negative > 0))
    return hard


def _part(batch: Batch, order: Ints, sorted_groups: Ints, g: int) -> Batch:
    lo, hi = np.searchsorted(sorted_groups, [g, g + 1])
    return batch.take(order[lo:hi])


def solve(
    t: ClaimTable,
    batch: Batch,
    flow_groups: Ints,
    claim_group: Ints,
    claim_index: Ints,
    origins: Ints,
    n_groups: int,
    slack: float,
) -> tuple[Bools, Consensus]:
    """Per group: can all its claims be true (True for groups not in ``flow_groups``),
    and what the claims of each feasible flow group imply over its span — the strongest
    lower bound, stated at the earliest end day by which it holds.

    ``claim_group``/``claim_index``: the flow group and table index of each flow claim.
    Groups whose bounds are whole numbers are solved together on one layout of their
    graphs; the others one by one with :mod:`claimrec.constraints`.
    """
    feasible = np.ones(n_groups, dtype=bool)
    counts = np.bincount(batch.group, minlength=n_groups)
    # Per group: the start (the origin when a claim has no start) and the end days.
    se = t.start_earliest[claim_index]
    open_start = np.bincount(claim_group, weights=(se == NO_DAY).astype(np.float64),
                             minlength=n_groups) > 0  # fmt: skip
    earliest = np.full(n_groups, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(earliest, claim_group, np.where(se == NO_DAY, np.iinfo(np.int64).max, se))
    start = np.where(open_start, origins, earliest)
    days = np.concatenate([t.end_earliest[claim_index], t.end_latest[claim_index]])
    owners = np.concatenate([claim_group, claim_group])
    known = days != NO_DAY
    ends = np.unique(owners[known] * _DAY_SPAN + days[known])
    end_group, end_day = ends // _DAY_SPAN, ends % _DAY_SPAN
    with_ends = np.bincount(end_group, minlength=n_groups) > 0
    in_flow = np.zeros(n_groups, dtype=bool)
    in_flow[flow_groups] = True
    exact = exact_in_floats(batch, n_groups, slack)
    hard = _hard(batch, n_groups) & in_flow
    wanted = in_flow & (counts > 0) & with_ends  # a consensus is asked of these
    laid = np.flatnonzero(exact & in_flow & (counts > 0) & (hard | wanted))
    lay = None
    if laid.size:
        picked = np.zeros(n_groups, dtype=bool)
        picked[laid] = True
        ask = picked[end_group]
        lay = _lay_out(
            batch, laid, origins, slack,
            np.concatenate([laid, end_group[ask]]),
            np.concatenate([start[laid], end_day[ask] + 1]),
            reverse=False,
        )  # fmt: skip
        local_hard = hard[laid]
        paths = shortest(
            lay.graphs, np.zeros(lay.graphs.n_nodes), backward_monotone=True, only=local_hard
        )
        feasible[laid[paths.negative]] = False
        unsettled = laid[local_hard & ~(paths.negative | paths.settled)]
    else:
        unsettled = np.zeros(0, dtype=np.int64)
    order = np.argsort(batch.group, kind="stable")
    sorted_groups = batch.group[order]
    for g in [*np.flatnonzero(hard & ~exact).tolist(), *unsettled.tolist()]:
        part = _part(batch, order, sorted_groups, g)
        feasible[g] = is_feasible(system_of(part, int(origins[g]), slack=slack))
    # --- what the feasible groups imply
    has = wanted & feasible
    low = np.full(n_groups, math.nan)
    high = np.full(n_groups, math.nan)
    stop = np.zeros(n_groups, dtype=np.int64)
    support_group: list[Ints] = []
    support_claim: list[Ints] = []
    if lay is not None:
        g_found, c_found = _batched_consensus(
            lay, batch, has[laid], end_group, end_day, low, high, start, stop
        )
        support_group.append(g_found)
        support_claim.append(c_found)
    for g in np.flatnonzero(has & ~exact).tolist():
        part = _part(batch, order, sorted_groups, g)
        system = system_of(part, int(origins[g]), slack=slack)
        group_ends = np.sort(end_day[end_group == g]).tolist()
        first = int(start[g])
        best = implied_bounds(system, first, group_ends[-1] + 1)
        a, b = 0, len(group_ends) - 1
        while a < b:
            mid = (a + b) // 2
            if implied_bounds(system, first, group_ends[mid] + 1).lower >= best.lower:
                b = mid
            else:
                a = mid + 1
        found = implied_bounds(system, first, group_ends[a] + 1)
        low[g], high[g], stop[g] = found.lower, found.upper, group_ends[a] + 1
        used = np.asarray([*found.lower_support, *found.upper_support], dtype=np.int64)
        support_claim.append(part.claim[used])
        support_group.append(np.full(used.size, g, dtype=np.int64))
    return feasible, _consensus(has, low, high, start, stop, support_group, support_claim)


# --- what the claims imply ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consensus:
    """Per flow group: what all its claims imply from ``start`` to ``stop`` (day
    numbers; ``start`` is the origin for a running total), and the claims it rests on
    (table indices); ``has`` is False where nothing is implied."""

    has: Bools
    low: Floats
    high: Floats
    start: Ints
    stop: Ints
    support: Ints  # claim table indices, group by group, each group's sorted
    support_start: Ints  # per group: its claims are support[support_start:support_stop]
    support_stop: Ints


def _chase(
    lay: _Layout,
    graphs: Graphs,
    parent: Ints,
    batch: Batch,
    targets: Ints,
    source_of: Ints,
    forward_mono: bool,
) -> tuple[Ints, Ints]:
    """Constraint owners (claim table indices) on the tree path from each target back
    to its group's source: pairs (target position, claim)."""
    node = targets.copy()
    alive = np.ones(targets.size, dtype=bool)
    tails = graphs.tails
    claims = batch.claim[lay.constraint]
    at: list[Ints] = []
    owner: list[Ints] = []
    step_back = -1 if forward_mono else 1
    for _ in range(4 * int(lay.graphs.n_nodes) + 8):
        alive &= node != source_of
        if not alive.any():
            break
        which = np.flatnonzero(alive)
        p = parent[node[which]]
        mono = p == MONOTONE
        root = p == ROOT
        alive[which[root]] = False
        node[which[mono]] += step_back
        edge = ~mono & ~root
        edge_at, edges = which[edge], p[edge]
        at.append(edge_at)
        owner.append(claims[edges])
        node[edge_at] = tails[edges]
    if not at:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(at), np.concatenate(owner)


def _consensus(
    has: Bools,
    low: Floats,
    high: Floats,
    start: Ints,
    stop: Ints,
    groups: list[Ints],
    claims: list[Ints],
) -> Consensus:
    n_groups = has.size
    g = np.concatenate(groups) if groups else np.zeros(0, np.int64)
    c = np.concatenate(claims) if claims else np.zeros(0, np.int64)
    span = int(c.max(initial=0)) + 1
    both = np.unique(g * span + c)
    g, c = both // span, both % span
    first = np.searchsorted(g, np.arange(n_groups), side="left")
    last = np.searchsorted(g, np.arange(n_groups), side="right")
    return Consensus(has, low, high, start, stop, c, first, last)


def _batched_consensus(
    lay: _Layout,
    batch: Batch,
    asked: Bools,
    end_group: Ints,
    end_day: Ints,
    low: Floats,
    high: Floats,
    start: Ints,
    stop: Ints,
) -> tuple[Ints, Ints]:
    """Consensus of the laid-out groups where ``asked`` (per laid-out group)."""
    groups = lay.groups
    if not asked.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    graphs = lay.graphs
    key = graphs.node_group * _DAY_SPAN + lay.days
    node_of_start = np.searchsorted(key, np.arange(groups.size) * _DAY_SPAN + start[groups])
    # Lower bounds: minus the shortest paths from every end+1 to the start, i.e. the
    # shortest paths from the start in the reversed graph (monotone steps forward).
    back = Graphs(
        graphs.node_start, graphs.node_count, graphs.node_group, graphs.heads, graphs.tails,
        graphs.weights, graphs.edge_group,
    )  # fmt: skip
    init = np.full(graphs.n_nodes, math.inf)
    init[node_of_start[asked]] = 0.0
    reached = shortest(back, init, backward_monotone=False, max_rounds=10**9, only=asked)
    lower_at = -reached.dist
    # Per group, the first end whose lower bound is the strongest (the last end's).
    local = np.full(max(int(groups.max(initial=0)), int(end_group.max(initial=0))) + 1, -1,
                    dtype=np.int64)  # fmt: skip
    local[groups] = np.arange(groups.size)
    mine = local[end_group]
    chosen = mine >= 0
    chosen[chosen] &= asked[mine[chosen]]
    end_nodes = np.searchsorted(key, mine[chosen] * _DAY_SPAN + end_day[chosen] + 1)
    g_of = graphs.node_group[end_nodes]  # sorted by group, then day
    last = np.append(g_of[1:] != g_of[:-1], True)
    best = np.full(groups.size, -math.inf)
    best[g_of[last]] = lower_at[end_nodes[last]]
    hits = np.flatnonzero(lower_at[end_nodes] >= best[g_of])
    firsts = hits[first_of_runs(g_of[hits])]
    stop_node = np.zeros(groups.size, dtype=np.int64)
    stop_node[g_of[firsts]] = end_nodes[firsts]
    which = np.flatnonzero(asked)
    low[groups[which]] = lower_at[stop_node[which]] + 0.0
    stop[groups[which]] = lay.days[stop_node[which]]
    lower_on, lower_claim = _chase(
        lay, back, reached.parent, batch, stop_node[which], node_of_start[which], True
    )
    # Upper bounds: shortest paths from the start in the graph itself.
    forward = shortest(graphs, init, backward_monotone=True, max_rounds=10**9, only=asked)
    high[groups[which]] = forward.dist[stop_node[which]]
    finite = np.isfinite(forward.dist[stop_node[which]])
    upper_on, upper_claim = _chase(
        lay, graphs, forward.parent, batch, stop_node[which], node_of_start[which], False
    )
    kept = finite[upper_on]
    on = np.concatenate([lower_on, upper_on[kept]])
    return groups[which[on]], np.concatenate([lower_claim, upper_claim[kept]])
