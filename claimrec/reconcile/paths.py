"""Shortest paths over many small difference-constraint graphs at once.

Every flow group is one graph over its node days (sorted); the graphs of all
groups are laid end to end, so that one Bellman–Ford round is a few array
operations over all of them: relax every claim edge once (the smallest
candidate per head wins), then close the monotonicity edges — 0-weight steps
between consecutive days of one group, all pointing the same way — with one
running minimum restarted at each group (:mod:`claimrec.reconcile.segments`).

After round r every distance is at most the weight of any path with r claim
edges, so a group with m claim edges and no negative cycle stops changing by
round m + 1; one still changing then has a negative cycle. Groups settle
independently and leave the working set as they do. Weights must be exact in
float64 (integers below 2**52 in sum): callers send other systems to
:mod:`claimrec.constraints`, the exact solver.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from claimrec.reconcile.segments import layout

__all__ = ["MONOTONE", "Graphs", "shortest"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

#: Parent of a node reached through a monotonicity step.
MONOTONE = -2
#: Parent of a node not reached (or reached from the virtual source).
ROOT = -1


@dataclass(frozen=True, slots=True)
class Graphs:
    """Graphs of several groups: nodes ``node_start[g] … node_start[g] + node_count[g] - 1``
    of group g in day order; claim edges tail → head with their weights."""

    node_start: Ints  # per group
    node_count: Ints  # per group
    node_group: Ints  # per node
    tails: Ints  # per edge
    heads: Ints
    weights: Floats
    edge_group: Ints

    @property
    def n_nodes(self) -> int:
        return int(self.node_group.size)


@dataclass(frozen=True, slots=True)
class Paths:
    dist: Floats  # per node
    parent: Ints  # per node: edge index, MONOTONE or ROOT
    negative: Bools  # per group: a negative cycle was found
    settled: Bools  # per group: converged (False: negative, or given up)


def _relax_edges(
    dist: Floats, parent: Ints, tails: Ints, heads: Ints, weights: Floats, edges: Ints
) -> Ints:
    """One pass over the claim edges; returns the nodes that improved."""
    candidate = dist[tails] + weights
    better = np.flatnonzero(candidate < dist[heads])
    if better.size == 0:
        return better
    h = heads[better]
    c = candidate[better]
    order = np.lexsort((better, c, h))
    h_sorted = h[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = h_sorted[1:] != h_sorted[:-1]
    chosen = better[order[first]]
    nodes = heads[chosen]
    dist[nodes] = candidate[chosen]
    parent[nodes] = edges[chosen]
    return nodes


def shortest(
    graphs: Graphs,
    init: Floats,
    *,
    backward_monotone: bool,
    max_rounds: int = 64,
    only: Bools | None = None,
) -> Paths:
    """Bellman–Ford rounds from ``init`` (0 everywhere: a virtual source; inf but at one
    node per group: single source). Monotonicity steps go from each day to the one
    before it (``backward_monotone``) or to the one after it. ``only`` (per group)
    restricts the work to some groups."""
    n_groups = int(graphs.node_start.size)
    dist = init.astype(np.float64, copy=True)
    parent = np.full(graphs.n_nodes, ROOT, dtype=np.int64)
    negative = np.zeros(n_groups, dtype=bool)
    settled = np.zeros(n_groups, dtype=bool)
    edge_counts = np.bincount(graphs.edge_group, minlength=n_groups)
    active = np.ones(n_groups, dtype=bool) if only is None else only.copy()
    groups = np.flatnonzero(active)
    edges = np.flatnonzero(active[graphs.edge_group])
    tails, heads, weights = graphs.tails[edges], graphs.heads[edges], graphs.weights[edges]
    mono = layout(graphs.node_start[groups], graphs.node_count[groups], graphs.n_nodes)

    def close() -> Ints:
        closed = mono.accumulate(np.minimum, dist, reverse=backward_monotone, pad=np.inf)
        improved = np.flatnonzero(closed < dist)
        dist[improved] = closed[improved]
        parent[improved] = MONOTONE
        return improved

    close()  # the initial distances, carried along the monotone steps
    for rounds in range(1, max_rounds + 1):
        relaxed = _relax_edges(dist, parent, tails, heads, weights, edges)
        improved = close()
        changed = np.zeros(n_groups, dtype=bool)
        changed[graphs.node_group[relaxed]] = True
        changed[graphs.node_group[improved]] = True
        quiet = active & ~changed
        settled |= quiet
        # Still changing after m + 1 rounds of a group's m claim edges: a negative cycle.
        over = active & changed & (edge_counts < rounds)
        negative |= over
        active &= ~(quiet | over)
        if not active.any():
            break
        # Keep working only on the groups still changing (when they are few).
        if active.sum() * 2 < groups.size:
            groups = np.flatnonzero(active)
            edges = np.flatnonzero(active[graphs.edge_group])
            tails, heads, weights = graphs.tails[edges], graphs.heads[edges], graphs.weights[edges]
            mono = layout(graphs.node_start[groups], graphs.node_count[groups], graphs.n_nodes)
    return Paths(dist, parent, negative, settled)
