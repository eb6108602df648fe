"""Minimal conflicts: the feasibility search resumed after each conflict is set aside,
each violated cycle shrunk to an irreducible set by a deletion filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from claimrec._gc import quiet_gc
from claimrec.constraints.search import _members, _negative_cycle, _Search
from claimrec.constraints.system import (
    Bound,
    Conflict,
    FlowSystem,
    Step,
    _Graph,
    _graph,
)
from claimrec.errors import ClaimrecError


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


@quiet_gc()
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
