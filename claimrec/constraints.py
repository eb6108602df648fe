"""The difference-constraint system of a flow measure.

Let S(t) be the cumulative count up to day t, non-decreasing. Constraint i says

    lower[i] <= S(stop[i]) - S(start[i]) <= upper[i]        (start[i] < stop[i])

with either side possibly infinite (absent) or strict. Days are node positions
only: the caller passes ``stop = end day + 1`` and, for open starts, one common
origin day earlier than every other day.

Written as ``S(head) - S(tail) <= weight``, every inequality is an edge
tail → head of a graph over the node days, sorted:

* upper bound U of constraint i: start → stop, weight U (forward);
* lower bound L of constraint i: stop → start, weight −L (backward);
* monotonicity between consecutive node days: later → earlier, weight 0
  (backward). These are not claims: they never appear among conflict members.

The system is feasible exactly when no cycle has negative weight, or zero weight
with a strict edge. Weights are exact integers: bounds are put on a common
decimal grid (whole counts stay as they are; other values use the coarsest of
10⁰…10⁻¹² that represents every bound to a relative 10⁻¹²; beyond that they are
rounded to 12 decimals), and strictness is folded in as ``weight·K − strict``
with K larger than the number of strict edges, so that a cycle is infeasible
iff its folded weight is negative.

Feasibility is a search for a negative cycle: Bellman–Ford–Moore with a FIFO
queue and Tarjan's subtree disassembly (:class:`_Search`), started from a
virtual source joined to every node at 0, nodes queued latest day first. A
violated cycle shows the moment a node improves one of its own ancestors.
:func:`find_conflicts` resumes that same search after setting each conflict
aside, and shrinks each cycle found to a minimal conflict by a deletion
filter whose tests start from the last feasible potential.
:func:`implied_bounds` / :func:`implied_ranges` reuse the potential of the
feasibility run: under it every reduced edge weight is non-negative, so the
bounds are Dijkstra runs, O(m log n) whatever the system.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any, Literal, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from claimrec.errors import ClaimrecError

__all__ = [
    "Conflict",
    "FlowSystem",
    "Implied",
    "Step",
    "find_conflicts",
    "flow_system",
    "implied_bounds",
    "implied_ranges",
    "is_feasible",
]

Bound = Literal["lower", "upper", "monotone"]
_Item = TypeVar("_Item", bound=np.generic)

_MAX_DECIMALS = 12
_GRID_TOLERANCE = 1e-12
_INT64_SAFE = 2**62
_INF = float("inf")


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowSystem:
    """Constraints ``lower[i] <= S(stop[i]) - S(start[i]) <= upper[i]``.

    Build with :func:`flow_system`, which validates the arrays. All arrays are
    read-only and of equal length; ``lower`` may be −inf and ``upper`` +inf
    (no bound on that side); ``*_strict`` make that side a strict inequality.
    """

    start: NDArray[np.int64]
    stop: NDArray[np.int64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    lower_strict: NDArray[np.bool_]
    upper_strict: NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.start.size)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One inequality ``S(head) - S(tail) <= weight`` (``<`` when strict) of a chain.

    ``constraint`` is the constraint index, or None for monotonicity.
    ``bound`` says which inequality: ``"upper"`` (tail = start, head = stop,
    weight = upper), ``"lower"`` (tail = stop, head = start, weight = −lower)
    or ``"monotone"`` (tail a later day, head an earlier one, weight 0; runs of
    monotone steps are merged into one).
    """

    constraint: int | None
    bound: Bound
    tail: int
    head: int
    weight: float
    strict: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """A minimal set of constraints that cannot hold together.

    ``members``: sorted constraint indices; the set is infeasible and every
    proper subset of it is feasible. ``chain``: the inequalities of one
    violated cycle, in order; each step's head is the next step's tail and the
    last head is the first tail, so adding them up gives ``0 <= sum of
    weights``, which fails. ``gap``: by how much it fails, ``−(sum of
    weights)`` in the units of the bounds (``109 − 100 = 9``); 0 when only a
    strict inequality makes the cycle fail.
    """

    members: tuple[int, ...]
    chain: tuple[Step, ...]
    gap: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Implied:
    """The tightest range the constraints imply for ``S(stop) - S(start)``.

    ``lower``/``upper``: the bounds (``upper`` is +inf when nothing bounds it;
    ``lower`` is at least 0 by monotonicity); ``lower_strict``/``upper_strict``:
    whether that side is strict; ``lower_support``/``upper_support``: sorted
    indices of the constraints on the shortest path that gives the bound
    (empty when the bound comes from monotonicity alone or is infinite).
    """

    start: int
    stop: int
    lower: float
    upper: float
    lower_strict: bool
    upper_strict: bool
    lower_support: tuple[int, ...]
    upper_support: tuple[int, ...]


# --- building and validating ---------------------------------------------------


def _frozen(array: NDArray[_Item]) -> NDArray[_Item]:
    array = array.copy()
    array.flags.writeable = False
    return array


def _as_days(values: ArrayLike, field: str) -> NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ClaimrecError("expected a one-dimensional array", field=field, text=array.shape)
    if array.size and array.dtype.kind not in "iu":
        raise ClaimrecError("expected integer day numbers", field=field, text=str(array.dtype))
    if array.dtype.kind == "u" and array.size and int(array.max()) > np.iinfo(np.int64).max:
        raise ClaimrecError("day does not fit in int64", field=field, text=int(array.max()))
    return array.astype(np.int64)


def _as_bounds(values: ArrayLike, field: str) -> NDArray[np.float64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ClaimrecError("expected a one-dimensional array", field=field, text=array.shape)
    if array.size and array.dtype.kind not in "iuf":
        raise ClaimrecError("expected numbers", field=field, text=str(array.dtype))
    result = array.astype(np.float64)
    nan = np.flatnonzero(np.isnan(result))
    if nan.size:
        raise ClaimrecError("bound is NaN", field=field, text=f"constraint {int(nan[0])}")
    return result


def _as_flags(values: ArrayLike | None, size: int, field: str) -> NDArray[np.bool_]:
    if values is None:
        return np.zeros(size, dtype=bool)
    array = np.asarray(values)
    if array.shape != (size,):
        raise ClaimrecError(f"expected {size} flags", field=field, text=array.shape)
    if array.size and array.dtype.kind != "b":
        raise ClaimrecError("expected booleans", field=field, text=str(array.dtype))
    return array.astype(bool)


def _first(mask: NDArray[np.bool_]) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def flow_system(
    start: ArrayLike,
    stop: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    *,
    lower_strict: ArrayLike | None = None,
    upper_strict: ArrayLike | None = None,
) -> FlowSystem:
    """Validate and freeze a constraint system; see :class:`FlowSystem`.

    Raises :class:`~claimrec.errors.ClaimrecError` naming the field and the
    first offending constraint when arrays disagree in length, days are not
    integers, ``start >= stop``, a bound is NaN, ``lower`` is +inf or
    ``upper`` is −inf, or a constraint's own interval is empty
    (``lower > upper``, or equal with a strict side).
    """
    starts = _as_days(start, "start")
    stops = _as_days(stop, "stop")
    lowers = _as_bounds(lower, "lower")
    uppers = _as_bounds(upper, "upper")
    size = starts.size
    for field, array in (("stop", stops), ("lower", lowers), ("upper", uppers)):
        if array.size != size:
            raise ClaimrecError(f"expected {size} values like start", field=field, text=array.size)
    lower_flags = _as_flags(lower_strict, size, "lower_strict")
    upper_flags = _as_flags(upper_strict, size, "upper_strict")

    checks: tuple[tuple[str, NDArray[np.bool_], str], ...] = (
        ("stop", stops <= starts, "stop must be after start"),
        ("lower", lowers == np.inf, "lower bound is +inf"),
        ("upper", uppers == -np.inf, "upper bound is -inf"),
        ("upper", uppers < lowers, "upper bound is below lower bound"),
        (
            "upper",
            (uppers == lowers) & (lower_flags | upper_flags),
            "empty interval: equal bounds with a strict side",
        ),
    )
    for field, bad, reason in checks:
        index = _first(bad)
        if index is not None:
            raise ClaimrecError(
                reason,
                field=field,
                text=(
                    f"constraint {index}: start={int(starts[index])}, stop={int(stops[index])}, "
                    f"lower={float(lowers[index])}, upper={float(uppers[index])}"
                ),
            )
    return FlowSystem(
        start=_frozen(starts),
        stop=_frozen(stops),
        lower=_frozen(lowers),
        upper=_frozen(uppers),
        lower_strict=_frozen(lower_flags),
        upper_strict=_frozen(upper_flags),
    )


# --- exact integer weights -------------------------------------------------------


def _grid_scale(values: NDArray[np.float64]) -> int:
    """The power of ten that puts every finite bound on an integer grid."""
    if np.array_equal(values, np.rint(values)):
        return 1
    for decimals in range(1, _MAX_DECIMALS + 1):
        scaled = values * 10.0**decimals
        error = np.abs(scaled - np.rint(scaled))
        if np.all(error <= _GRID_TOLERANCE * np.maximum(1.0, np.abs(scaled))):
            return int(10**decimals)
    return int(10**_MAX_DECIMALS)


def _grid_ints(values: NDArray[np.float64], scale: int, k: int) -> NDArray[Any]:
    """Bounds on the grid as integers: int64 when ``value·k`` cannot overflow,
    else Python integers (an object array), which never do."""
    scaled = np.rint(values * float(scale))
    if not scaled.size or np.abs(scaled).max() * k < _INT64_SAFE:
        return scaled.astype(np.int64)
    return np.array([int(v) for v in scaled.tolist()], dtype=object)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Graph:
    """The constraint graph of a subset of a system's constraints."""

    days: NDArray[np.int64]  # sorted node days
    out: list[list[tuple[int, Any, int]]]  # per tail node: (head, folded weight, edge id)
    tails: NDArray[np.int64]  # tail node of each edge id
    heads: NDArray[np.int64]
    n_constraints: int  # edge ids: upper 2i, lower 2i+1, monotone 2m + k (k+1 → k)
    k: int  # folding factor for strictness
    scale: int


def _graph(
    system: FlowSystem,
    subset: NDArray[np.int64] | None = None,
    extra_days: Sequence[int] = (),
) -> _Graph:
    index = np.arange(len(system)) if subset is None else subset
    start = system.start[index]
    stop = system.stop[index]
    lower = system.lower[index]
    upper = system.upper[index]
    lower_strict = system.lower_strict[index]
    upper_strict = system.upper_strict[index]
    m = int(system.start.size)

    extra = np.asarray(extra_days, dtype=np.int64)
    days, node = np.unique(np.concatenate([start, stop, extra]), return_inverse=True)
    n = int(days.size)
    tail_node = node[: start.size]
    head_node = node[start.size : 2 * start.size]
    has_upper = np.isfinite(upper)
    has_lower = np.isfinite(lower)
    finite = np.concatenate([upper[has_upper], lower[has_lower]])
    scale = _grid_scale(finite) if finite.size else 1
    k = int(np.count_nonzero(upper_strict & has_upper) + np.count_nonzero(lower_strict & has_lower))
    k += 1

    # Edge ids: upper bound of constraint i is 2i, lower bound 2i + 1,
    # monotone step from node k + 1 to node k is 2m + k.
    upper_ids = 2 * index[has_upper]
    lower_ids = 2 * index[has_lower] + 1
    monotone_ids = 2 * m + np.arange(max(n - 1, 0), dtype=np.int64)
    tails = np.zeros(2 * m + max(n - 1, 0), dtype=np.int64)
    heads = tails.copy()
    tails[upper_ids], heads[upper_ids] = tail_node[has_upper], head_node[has_upper]
    tails[lower_ids], heads[lower_ids] = head_node[has_lower], tail_node[has_lower]
    tails[2 * m :] = np.arange(1, n)
    heads[2 * m :] = np.arange(n - 1)

    upper_weights = _grid_ints(upper[has_upper], scale, k)
    lower_weights = -_grid_ints(lower[has_lower], scale, k)
    if k > 1:
        upper_weights = upper_weights * k - upper_strict[has_upper].astype(np.int64)
        lower_weights = lower_weights * k - lower_strict[has_lower].astype(np.int64)
    # Per node: lower bounds first, then upper bounds, then the monotone step.
    edges = np.concatenate([lower_ids, upper_ids, monotone_ids])
    weights = np.concatenate(
        [lower_weights, upper_weights, np.zeros(monotone_ids.size, dtype=np.int64)]
    )
    return _Graph(
        days=days,
        out=_adjacency(n, edges, tails, heads, weights),
        tails=tails,
        heads=heads,
        n_constraints=m,
        k=k,
        scale=scale,
    )


def _adjacency(
    n: int,
    edges: NDArray[np.int64],
    tails: NDArray[np.int64],
    heads: NDArray[np.int64],
    weights: NDArray[Any],
) -> list[list[tuple[int, Any, int]]]:
    """Per tail node, its edges as (head, folded weight, edge id) tuples, in the
    order given within a node."""
    # Stable sorts of 16-bit keys are radix sorts: ~20x faster than of int64.
    keys = tails[edges].astype(np.int16) if n < 2**15 else tails[edges]
    order = np.argsort(keys, kind="stable")
    triples = list(
        zip(
            heads[edges][order].tolist(),
            weights[order].tolist(),
            edges[order].tolist(),
            strict=True,
        )
    )
    bounds = np.concatenate([[0], np.cumsum(np.bincount(tails[edges], minlength=n))]).tolist()
    return [triples[bounds[u] : bounds[u + 1]] for u in range(n)]


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Pause cyclic garbage collection while building and searching a graph.

    A graph is ~10⁴ small tuples and lists; allocating them triggers full
    collections that find no garbage and cost as much as the search itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- shortest paths: FIFO label correcting with subtree disassembly -------------


class _Search:
    """Bellman–Ford–Moore with a FIFO queue and Tarjan's subtree disassembly.

    The shortest-path tree is kept as a preorder list with depths. When the
    distance of a node falls, its whole subtree is taken out of the tree (those
    distances are stale: they will fall too) and its queued members are skipped,
    so no work is spent on labels known to be outdated. A negative cycle shows
    at once: a node improves an ancestor of itself. Each run scans, on every
    family of systems measured (``benchmarks/reconcile.py``), a few edges per
    constraint; the worst case of the method is Bellman–Ford's O(n·m).

    ``dist`` holds, for every node, the weight of some walk from a virtual
    source (an edge of weight ``dist[v]`` to every node with a finite label),
    so a search can be resumed after edges are dropped (:meth:`drop`).
    """

    __slots__ = ("depth", "dist", "graph", "in_tree", "next", "parent", "prev", "queue")

    def __init__(self, graph: _Graph, dist: list[Any], seeds: Sequence[int]) -> None:
        n = len(dist)
        self.graph = graph
        self.dist = dist
        self.parent = [-1] * n
        self.next = [n] * (n + 1)  # preorder list; index n is the virtual root
        self.prev = [n] * (n + 1)
        self.depth = [0] * (n + 1)
        self.in_tree = [False] * n
        self.queue: deque[int] = deque()
        self._roots(seeds)

    def _roots(self, nodes: Sequence[int]) -> None:
        """Hang ``nodes`` (out of the tree) under the root and queue them."""
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        root = len(self.dist)
        last = prv[root]
        nodes = [v for v in dict.fromkeys(nodes) if not in_tree[v]]
        for v in nodes:
            nxt[last], prv[v] = v, last
            last = v
            depth[v] = 1
            in_tree[v] = True
            self.parent[v] = -1
        nxt[last], prv[root] = root, last
        self.queue.extend(nodes)

    def run(self) -> list[int] | None:
        """Relax to shortest paths; the edge ids of a negative cycle, in order,
        or None when the labels converged."""
        out = self.graph.out
        dist, parent = self.dist, self.parent
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        queue = self.queue
        queued = [False] * len(dist)
        for v in queue:
            queued[v] = True
        pop, push = queue.popleft, queue.append
        while queue:
            u = pop()
            queued[u] = False
            if not in_tree[u]:
                continue  # taken out with a subtree: it will be reached again
            du = dist[u]
            below = depth[u] + 1
            for v, w, e in out[u]:
                candidate = du + w
                if candidate >= dist[v]:
                    continue
                if in_tree[v]:
                    # Take v's subtree out of the tree; u in it closes a negative cycle.
                    dv = depth[v]
                    x = nxt[v]
                    while depth[x] > dv:
                        if x == u:
                            # Leave the tree as it was, so that the search can resume.
                            y = nxt[v]
                            while y != u:
                                in_tree[y] = True
                                y = nxt[y]
                            queue.appendleft(u)  # u is scanned again
                            return self._cycle(u, v, e)
                        in_tree[x] = False
                        x = nxt[x]
                    p = prv[v]
                    nxt[p], prv[x] = x, p
                dist[v] = candidate
                parent[v] = e
                after = nxt[u]
                nxt[u], prv[v], nxt[v], prv[after] = v, u, after, v
                depth[v] = below
                in_tree[v] = True
                if not queued[v]:
                    queued[v] = True
                    push(v)
        return None

    def _cycle(self, u: int, v: int, edge: int) -> list[int]:
        """The cycle v → … → u (tree path) → v (``edge``), as edge ids."""
        tails = self.graph.tails
        path = []
        x = u
        while x != v:
            e = self.parent[x]
            path.append(e)
            x = int(tails[e])
        path.reverse()
        path.append(edge)
        return path

    def drop(self, edges: Sequence[int]) -> None:
        """Remove constraint edges from the graph so that :meth:`run` can resume.

        Labels need not be shortest-path distances to be resumed from: with
        no negative cycle the search stops only when every edge holds, which
        proves feasibility whatever the labels were; and a cycle is reported
        only as a tree path plus an edge, all of them current edges. So no
        label is reset. A subtree hanging from a dropped edge moves under the
        virtual root (its label becomes the weight of a virtual edge), and
        nodes taken out of the tree before (whose pending update might have
        come through a dropped edge) are hung under the root and queued.
        """
        graph = self.graph
        nxt, prv, depth, in_tree = self.next, self.prev, self.depth, self.in_tree
        root = len(self.dist)
        for e in edges:
            tail, head = int(graph.tails[e]), int(graph.heads[e])
            graph.out[tail][:] = [t for t in graph.out[tail] if t[2] != e]
            if not (in_tree[head] and self.parent[head] == e):
                continue
            shift = depth[head] - 1
            last = head
            x = nxt[head]
            while depth[x] > depth[head]:
                last = x
                x = nxt[x]
            p = prv[head]
            nxt[p], prv[x] = x, p  # unlink the block head .. last
            y = head
            while True:
                depth[y] -= shift
                if y == last:
                    break
                y = nxt[y]
            end = prv[root]  # append the block at the end of the list
            nxt[end], prv[head] = head, end
            nxt[last], prv[root] = root, last
            self.parent[head] = -1
        stale = [v for v in range(root) if not in_tree[v]]
        self._roots(stale)


def _solve(graph: _Graph) -> tuple[list[int] | None, list[Any]]:
    """``(negative cycle or None, labels)``; when feasible the labels are shortest
    distances from a virtual source joined to every node at 0: a potential
    under which every edge's reduced weight is non-negative."""
    n = int(graph.days.size)
    dist: list[Any] = [0] * n
    search = _Search(graph, dist, range(n - 1, -1, -1))
    return search.run(), dist


def _negative_cycle(graph: _Graph) -> list[int] | None:
    """Edge ids of a violated cycle, in order, or None when feasible."""
    return _solve(graph)[0]


def _members(graph: _Graph, edges: list[int]) -> list[int]:
    monotone = 2 * graph.n_constraints
    return sorted({e // 2 for e in edges if e < monotone})


@_quiet_gc()
def is_feasible(system: FlowSystem) -> bool:
    """Whether some non-decreasing S satisfies every constraint of ``system``."""
    if len(system) == 0:
        return True
    return _negative_cycle(_graph(system)) is None


# --- conflicts -------------------------------------------------------------------


class _Subsets:
    """The graph of a set of constraints, with constraints switched off and on."""

    def __init__(self, system: FlowSystem, members: Sequence[int]) -> None:
        self.graph = _graph(system, np.asarray(members, dtype=np.int64))
        monotone = 2 * self.graph.n_constraints
        self.edges: dict[int, list[tuple[int, tuple[int, Any, int]]]] = {i: [] for i in members}
        for u, out in enumerate(self.graph.out):
            for triple in out:
                if triple[2] < monotone:
                    self.edges[triple[2] // 2].append((u, triple))

    def switch_off(self, members: Sequence[int]) -> None:
        out = self.graph.out
        for i in members:
            for u, triple in self.edges[i]:
                out[u].remove(triple)

    def switch_on_all(self, members: Sequence[int]) -> None:
        for i in members:
            self.switch_on(i)

    def switch_on(self, i: int) -> list[int]:
        """Switch a constraint on again; the tails of its edges."""
        for u, triple in self.edges[i]:
            self.graph.out[u].append(triple)
        return [u for u, _ in self.edges[i]]

    def cycle(self) -> list[int] | None:
        return _negative_cycle(self.graph)


def _irreducible(system: FlowSystem, members: list[int]) -> tuple[_Graph, list[int]]:
    """Deletion filter: shrink an infeasible set until every proper subset is feasible.

    Candidates are set aside in runs, the run doubling while the rest stays
    infeasible and halving when it does not, so that a conflict of c members
    among k is isolated in O(c log k) tests rather than k. Each test solves
    the set without the run; once a test has come out feasible, the next
    starts from the potential it gave, searching again only from the
    constraints switched back on.
    """
    subsets = _Subsets(system, members)
    graph = subsets.graph
    n = int(graph.days.size)
    kept = list(members)
    off: set[int] = set()  # members of kept switched off; the potential holds without them
    potential: list[Any] | None = None

    def test(run: set[int]) -> list[int] | None:
        nonlocal off, potential
        subsets.switch_off(sorted(run - off))
        seeds = [u for i in sorted(off - run) for u in subsets.switch_on(i)]
        if potential is None:
            dist: list[Any] = [0] * n
            search = _Search(graph, dist, range(n - 1, -1, -1))
        else:
            dist = list(potential)
            search = _Search(graph, dist, seeds)
        cycle = search.run()
        if cycle is None:
            potential, off = dist, run
        else:  # back to the state the potential holds for
            subsets.switch_off(sorted(off - run))
            subsets.switch_on_all(sorted(run - off))
        return cycle

    position, size = 0, max(1, len(kept) // 2)
    while position < len(kept):
        size = min(size, len(kept) - position)
        run = set(kept[position : position + size])
        cycle = test(run)
        if cycle is None:
            if size == 1:
                position += 1  # needed: keep it
            size = max(1, size // 2)
            continue
        # Still infeasible without the run: continue from the (smaller) cycle
        # found. Members already proven necessary are on every violated cycle
        # of a subset, so they stay, in the same order, before `position`.
        smaller = set(_members(graph, cycle))
        dropped = [i for i in kept[position:] if i not in smaller]
        subsets.switch_off([i for i in dropped if i not in off])
        off -= set(dropped)
        kept = kept[:position] + [i for i in kept[position:] if i in smaller]
        size *= 2
    for i in sorted(off):
        subsets.switch_on(i)
    cycle = subsets.cycle()
    if cycle is None:  # pragma: no cover - the filter keeps the set infeasible
        raise AssertionError("deletion filter lost infeasibility")
    return graph, cycle


def _chain(system: FlowSystem, graph: _Graph, edges: list[int]) -> tuple[Step, ...]:
    monotone = 2 * graph.n_constraints
    days = graph.days.tolist()
    steps: list[Step] = []
    for e in edges:
        tail = days[int(graph.tails[e])]
        head = days[int(graph.heads[e])]
        if e >= monotone:
            if steps and steps[-1].bound == "monotone":
                tail = steps.pop().tail
            steps.append(
                Step(
                    constraint=None,
                    bound="monotone",
                    tail=tail,
                    head=head,
                    weight=0.0,
                    strict=False,
                )
            )
            continue
        i = e // 2
        bound: Bound
        if e % 2 == 0:
            weight, strict, bound = float(system.upper[i]), bool(system.upper_strict[i]), "upper"
        else:
            weight, strict, bound = -float(system.lower[i]), bool(system.lower_strict[i]), "lower"
        steps.append(
            Step(constraint=i, bound=bound, tail=tail, head=head, weight=weight, strict=strict)
        )
    # The cycle may start inside a monotone run that wraps around: merge it.
    if len(steps) > 1 and steps[0].bound == "monotone" and steps[-1].bound == "monotone":
        last = steps.pop()
        first = steps[0]
        steps[0] = Step(
            constraint=None,
            bound="monotone",
            tail=last.tail,
            head=first.head,
            weight=0.0,
            strict=False,
        )
    # Start at a lower bound (the claim that is "too big"), lowest index first,
    # so that chains read the same way whatever order the search found them in.
    claims = [s for s in steps if s.constraint is not None]
    lowers = [s for s in claims if s.bound == "lower"] or claims
    first_step = min(lowers, key=lambda s: s.constraint if s.constraint is not None else -1)
    at = steps.index(first_step)
    return tuple(steps[at:] + steps[:at])


def _constraint_edges(system: FlowSystem, members: Sequence[int]) -> list[int]:
    edges = []
    for i in members:
        if np.isfinite(system.upper[i]):
            edges.append(2 * i)
        if np.isfinite(system.lower[i]):
            edges.append(2 * i + 1)
    return edges


@_quiet_gc()
def find_conflicts(system: FlowSystem, *, limit: int = 100) -> list[Conflict]:
    """Minimal conflicting sets of constraints, at most ``limit`` of them.

    Each conflict is an irreducible infeasible subset: infeasible, and every
    proper subset feasible. "All" conflicts means a maximal sequence of
    *disjoint* ones, found greedily: after each conflict its members are set
    aside and the search resumes on the rest (from where it stopped, not from
    scratch). When fewer than ``limit`` are returned, the constraints outside
    every reported conflict are feasible together; other minimal sets that
    overlap a reported one are not listed. An empty list means the system is
    feasible. Conflicts come sorted by their members; which ones are found
    first when ``limit`` cuts the search short is not specified.
    """
    if limit < 0:
        raise ClaimrecError("limit must be non-negative", field="limit", text=limit)
    conflicts: list[Conflict] = []
    if limit == 0 or len(system) == 0:
        return conflicts
    graph = _graph(system)
    n = int(graph.days.size)
    search = _Search(graph, [0] * n, range(n - 1, -1, -1))
    while len(conflicts) < limit:
        cycle = search.run()
        if cycle is None:
            break
        small_graph, small_cycle = _irreducible(system, _members(graph, cycle))
        members = tuple(_members(small_graph, small_cycle))
        chain = _chain(system, small_graph, small_cycle)
        # Sum on the integer grid, so that 109 − 100 is exactly 9.
        total = sum(int(np.rint(step.weight * small_graph.scale)) for step in chain)
        conflicts.append(
            Conflict(members=members, chain=chain, gap=-total / small_graph.scale + 0.0)
        )
        search.drop(_constraint_edges(system, members))
    conflicts.sort(key=lambda conflict: conflict.members)
    return conflicts


# --- implied bounds --------------------------------------------------------------


def _reverse(graph: _Graph) -> list[list[tuple[int, Any, int]]]:
    """Per head node, its edges as (tail, folded weight, edge id)."""
    into: list[list[tuple[int, Any, int]]] = [[] for _ in graph.out]
    for u, edges in enumerate(graph.out):
        for v, w, e in edges:
            into[v].append((u, w, e))
    return into


def _dijkstra(
    adjacency: list[list[tuple[int, Any, int]]],
    potential: list[Any],
    source: int,
    *,
    reverse: bool = False,
) -> tuple[list[Any], list[int]]:
    """Shortest distances from ``source`` (to it, with ``reverse`` and the
    reversed adjacency), and the edge that reaches each node on its path.

    ``potential`` is a feasible solution, so every reduced weight
    ``w + p(tail) − p(head)`` is non-negative and Dijkstra's method is exact:
    O(m log n), whatever the system.
    """
    n = len(potential)
    reduced: list[Any] = [_INF] * n
    parent = [-1] * n
    reduced[source] = 0
    heap: list[tuple[Any, int]] = [(0, source)]
    sign = -1 if reverse else 1
    while heap:
        d, u = heappop(heap)
        if d > reduced[u]:
            continue
        pu = potential[u]
        for v, w, e in adjacency[u]:
            candidate = d + w + sign * (pu - potential[v])
            if candidate < reduced[v]:
                reduced[v] = candidate
                parent[v] = e
                heappush(heap, (candidate, v))
    base = potential[source]
    dist = [_INF if r == _INF else r + sign * (potential[v] - base) for v, r in enumerate(reduced)]
    return dist, parent


def _support(
    graph: _Graph, parent: list[int], source: int, target: int, *, reverse: bool
) -> tuple[int, ...]:
    monotone = 2 * graph.n_constraints
    ends = graph.heads if reverse else graph.tails
    found: set[int] = set()
    node = target
    while node != source:
        edge = parent[node]
        if edge < monotone:
            found.add(edge // 2)
        node = int(ends[edge])
    return tuple(sorted(found))


def _decode(graph: _Graph, folded: Any) -> tuple[float, bool]:
    """Bound value and strictness of a folded path weight ``w·K − strict``."""
    value = -(-int(folded) // graph.k)  # ceiling division: exact on integers
    strict_count = value * graph.k - int(folded)
    return value / graph.scale, strict_count > 0


def _feasible_graph(system: FlowSystem, days: Sequence[int]) -> tuple[_Graph, list[Any]]:
    graph = _graph(system, extra_days=days)
    cycle, potential = _solve(graph)
    if cycle is not None:
        raise ClaimrecError(
            "the constraints contradict each other; find_conflicts names them",
            field="system",
            text=f"{len(system)} constraints",
        )
    return graph, potential


def _window(start: Any, stop: Any) -> tuple[int, int]:
    start, stop = int(start), int(stop)
    if start >= stop:
        raise ClaimrecError(
            "stop must be after start", field="stop", text=f"start={start}, stop={stop}"
        )
    return start, stop


@_quiet_gc()
def implied_bounds(system: FlowSystem, start: int, stop: int) -> Implied:
    """The tightest range all constraints imply for ``S(stop) - S(start)``.

    ``start < stop`` are node days like those of the system (``stop`` = end
    day + 1); they need not be among the system's days. The upper bound is the
    shortest path start → stop, the lower bound minus the shortest path
    stop → start. Raises :class:`~claimrec.errors.ClaimrecError` when the
    system is infeasible (nothing is implied then) or ``start >= stop``.
    """
    return implied_ranges(system, [start], [stop])[0]


@_quiet_gc()
def implied_ranges(system: FlowSystem, starts: ArrayLike, stops: ArrayLike) -> list[Implied]:
    """:func:`implied_bounds` for many windows ``starts[j] .. stops[j]`` at once.

    One feasibility run gives a potential; every distinct start then costs two
    Dijkstra runs (paths from it and paths into it), which answer all the
    windows that share it — a user asking what the claims imply by each of
    many end days pays for one start, not for every window.
    """
    first = _as_days(starts, "starts").tolist()
    last = _as_days(stops, "stops").tolist()
    if len(first) != len(last):
        raise ClaimrecError(
            f"expected {len(first)} stops", field="stops", text=f"{len(last)} stops"
        )
    windows = [_window(a, b) for a, b in zip(first, last, strict=True)]
    if not windows:
        return []
    graph, potential = _feasible_graph(system, [d for w in windows for d in w])
    into = _reverse(graph)
    node = {int(d): i for i, d in enumerate(graph.days.tolist())}
    found: list[Implied] = []
    by_start: dict[int, tuple[list[Any], list[int], list[Any], list[int]]] = {}
    for start, stop in windows:
        source, target = node[start], node[stop]
        if source not in by_start:
            by_start[source] = (
                *_dijkstra(graph.out, potential, source),
                *_dijkstra(into, potential, source, reverse=True),
            )
        to_stop, up_parent, from_stop, low_parent = by_start[source]
        upper_support: tuple[int, ...] = ()
        if to_stop[target] == _INF:
            upper, upper_strict = _INF, False
        else:
            upper, upper_strict = _decode(graph, to_stop[target])
            upper_support = _support(graph, up_parent, source, target, reverse=False)
        # A monotone path stop → start of weight 0 always exists: the lower bound is finite.
        negative_lower, lower_strict = _decode(graph, from_stop[target])
        found.append(
            Implied(
                start=start,
                stop=stop,
                lower=-negative_lower + 0.0,
                upper=upper,
                lower_strict=lower_strict,
                upper_strict=upper_strict,
                lower_support=_support(graph, low_parent, source, target, reverse=True),
                upper_support=upper_support,
            )
        )
    return found
