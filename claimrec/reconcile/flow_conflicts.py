"""Minimal conflicts of a flow group, each with its gap and the chain of claims that
cannot all be true, written on the claims' own figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from claimrec.constraints import (
    Conflict,
    find_conflicts,
)
from claimrec.reconcile.columns import ClaimTable
from claimrec.reconcile.flow import Batch, system_of
from claimrec.reconcile.words import claim_text, reporter
from claimrec.value import format_number

__all__ = ["FoundConflict", "conflicts"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class FoundConflict:
    members: tuple[int, ...]  # claim positions in the group
    gap: float
    relative_gap: float
    chain: str


def _span_text(start: int, stop: int, origin: int) -> str:
    last = date.fromordinal(stop - 1).isoformat()
    if start <= origin:
        return f"up to {last}"
    first = date.fromordinal(start).isoformat()
    return f"from {first} to {last}" if first != last else f"on {first}"


def _explain(
    t: ClaimTable,
    claims: Ints,
    picked: Batch,
    members: Sequence[int],
    origin: int,
    known: Conflict | None,
) -> FoundConflict:
    """Gap and chain of a minimal conflict, on the claims' own figures (no slack):
    ``known`` is the conflict as found when no slack was applied (its chain and gap are
    those of the picked constraints alone: an irreducible set has one violated cycle)."""
    system = system_of(picked, origin)
    found = [known] if known is not None else find_conflicts(system, limit=1)
    described = "; ".join(claim_text(t, int(claims[m])) for m in members)
    if not found:  # only the slack's relaxation is infeasible: cannot happen, kept safe
        return FoundConflict(tuple(members), 0.0, 0.0, f"{described} — cannot all be true.")
    lowers: list[str] = []
    uppers: list[str] = []
    low_total = 0.0
    high_total = 0.0
    chosen = found[0]
    steps = chosen.chain
    renumber: dict[int, int] | None = None
    if known is not None:  # constraint indices of the group's system: renumber to picked
        renumber = {int(c): k for k, c in enumerate(known.members)}
    for step in steps:
        if step.constraint is None:
            continue
        i = step.constraint if renumber is None else renumber[step.constraint]
        who = reporter(t, int(picked.claim[i]))
        span = _span_text(int(system.start[i]), int(system.stop[i]), origin)
        if picked.is_lower[i]:
            value = float(picked.lower[i])
            low_total += value
            lowers.append(f"{who} says at least {format_number(value)} {span}")
        else:
            value = float(picked.upper[i])
            high_total += value
            uppers.append(f"{who} says at most {format_number(value)} {span}")
    gap = float(chosen.gap)
    relative = gap / low_total if low_total > 0 else math.inf
    if not lowers or not uppers:
        return FoundConflict(tuple(members), gap, relative, f"{described} — cannot all be true.")
    chain = (
        f"{' and '.join(lowers)}, but {' and '.join(uppers)}, a window that contains "
        f"{'it' if len(lowers) == 1 else 'them'}; a count cannot fall over time, so it would need "
        f"{format_number(low_total)} ≤ count ≤ {format_number(high_total)}, short by "
        f"{format_number(gap)} ({relative:.1%}). (Claims: {described}.)"
    )
    return FoundConflict(tuple(members), gap, relative, chain)


def conflicts(
    t: ClaimTable, claims: Ints, part: Batch, origin: int, slack: float, limit: int
) -> list[FoundConflict]:
    """Minimal sets of claims of one group (``claims`` in group order, ``part`` its
    constraints) that cannot all be true beyond the slack, largest gap first. Each is
    an irreducible infeasible set of constraints: removing any of its claims makes it
    feasible."""
    found: list[FoundConflict] = []
    seen: set[tuple[int, ...]] = set()
    for conflict in find_conflicts(system_of(part, origin, slack=slack), limit=limit):
        picked = np.asarray(conflict.members, dtype=np.int64)
        members = tuple(sorted({int(part.owner[i]) for i in picked}))
        if members in seen:
            continue
        seen.add(members)
        known = conflict if slack <= 0 else None
        found.append(_explain(t, claims, part.take(picked), members, origin, known))
    found.sort(key=lambda c: (-c.relative_gap, -c.gap, c.members))
    return found
