"""A straightforward reference for reconciling running totals, kept in the tests as
the oracle: corrections by their definition (a figure of a reporter's series is
superseded when a later figure of that series is lower), and feasibility solved
by scipy's linprog (highs) over the cumulative count, written out directly.

It knows nothing of claimrec.constraints or claimrec.reconcile's internals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
from scipy.optimize import linprog

from claimrec.measure import measure_key
from claimrec.record import Claim
from claimrec.reporter import resolve_reporter
from claimrec.value import Value
from claimrec.window import Window

MEASURE = "deaths from the outbreak"
DAY0 = date(2024, 3, 1)


def running_total(reporter: str, day: int, value: Value, *, kind: str = "flow") -> Claim:
    """``reporter``'s running total (no start stated) as of day number ``day``."""
    return Claim(
        value=value,
        measure=measure_key(MEASURE),
        measure_text=MEASURE,
        measure_kind=kind,  # type: ignore[arg-type]
        window=Window.as_of(DAY0 + timedelta(days=day)),
        reporter=resolve_reporter(reporter),
    )


def superseded(items: Sequence[Claim]) -> set[str]:
    """Ids of figures a later, lower figure of the same reporter's series replaces."""
    out: set[str] = set()
    for a in items:
        for b in items:
            if (
                a.reporter == b.reporter
                and a.measure_kind == "flow"
                and a.value.stated is not None
                and b.value.stated is not None
                and a.window.end_latest is not None
                and b.window.end_latest is not None
                and b.window.end_latest > a.window.end_latest
                and b.value.stated < a.value.stated
            ):
                out.add(a.id)
    return out


def lp_feasible(items: Sequence[Claim], *, slack: float = 0.0) -> bool:
    """Can all running totals be true of one non-decreasing count from 0 (upper bounds
    relaxed by the slack: U / (1 − slack))?"""
    days = sorted({c.window.end_latest.toordinal() for c in items if c.window.end_latest})
    if not days:
        return True
    at = {d: i + 1 for i, d in enumerate(days)}  # node 0 is the origin, S = 0 there
    n = len(days) + 1
    a_ub: list[np.ndarray] = []
    b_ub: list[float] = []
    for c in items:
        assert c.window.end_latest is not None
        low, high = c.value.low, c.value.high
        low = math.floor(low) + 1 if not c.value.low_closed else math.ceil(low)
        if math.isfinite(high):
            high = math.ceil(high) - 1 if not c.value.high_closed else math.floor(high)
        row = np.zeros(n)
        row[at[c.window.end_latest.toordinal()]] = 1.0
        if low > 0:
            a_ub.append(-row)
            b_ub.append(-low)
        if math.isfinite(high):
            a_ub.append(row)
            b_ub.append(high / (1.0 - slack))
    for k in range(n - 1):
        row = np.zeros(n)
        row[k], row[k + 1] = 1.0, -1.0
        a_ub.append(row)
        b_ub.append(0.0)
    result = linprog(
        np.zeros(n),
        A_ub=np.array(a_ub),
        b_ub=np.array(b_ub),
        bounds=[(0, 0)] + [(None, None)] * (n - 1),
        method="highs",
    )
    return bool(result.status == 0)


def minimal(items: Sequence[Claim], *, slack: float = 0.0) -> bool:
    """Infeasible, and feasible without any one of its claims."""
    if lp_feasible(items, slack=slack):
        return False
    return all(lp_feasible([*items[:i], *items[i + 1 :]], slack=slack) for i in range(len(items)))
