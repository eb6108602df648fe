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

Modules: :mod:`.system` (the types, their checks, the graph), :mod:`.search`
(feasibility), :mod:`.conflicts` and :mod:`.implied`; this package exports their
public names.
"""

from __future__ import annotations

from claimrec.constraints.conflicts import find_conflicts
from claimrec.constraints.implied import implied_bounds, implied_ranges
from claimrec.constraints.search import is_feasible
from claimrec.constraints.system import Conflict, FlowSystem, Implied, Step, flow_system

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
