"""Implied bounds: Dijkstra runs under the potential of the feasibility search, so
reduced weights are non-negative whatever the system."""

from __future__ import annotations

from collections.abc import Sequence
from heapq import heappop, heappush
from typing import Any

from numpy.typing import ArrayLike

from claimrec._gc import quiet_gc
from claimrec.constraints.search import _solve
from claimrec.constraints.system import (
    _INF,
    FlowSystem,
    Implied,
    _as_days,
    _Graph,
    _graph,
)
from claimrec.errors import ClaimrecError


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


@quiet_gc()
def implied_bounds(system: FlowSystem, start: int, stop: int) -> Implied:
    """The tightest range all constraints imply for ``S(stop) - S(start)``.

    ``start < stop`` are node days like those of the system (``stop`` = end
    day + 1); they need not be among the system's days. The upper bound is the
    shortest path start → stop, the lower bound minus the shortest path
    stop → start. Raises :class:`~claimrec.errors.ClaimrecError` when the
    system is infeasible (nothing is implied then) or ``start >= stop``.
    """
    return implied_ranges(system, [start], [stop])[0]


@quiet_gc()
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
