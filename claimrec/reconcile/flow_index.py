"""The constraints of every flow measure, kept with a report to answer
:meth:`~claimrec.Report.consensus` questions asked later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.constraints import (
    Implied,
    flow_system,
    implied_bounds,
)
from claimrec.errors import ClaimError
from claimrec.reconcile.columns import ClaimTable
from claimrec.reconcile.flow import OPEN, Batch, _relaxed

__all__ = ["FlowIndex", "flow_index"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Objects = NDArray[np.object_]


@dataclass(frozen=True, slots=True)
class FlowIndex:
    """The constraints of every flow measure, kept (picklable) for
    :meth:`Report.consensus` questions: rows ``lo:hi`` of the arrays per measure."""

    start: Ints
    stop: Ints
    lower: Floats
    upper: Floats
    lower_strict: Bools
    upper_strict: Bools
    measures: dict[str, tuple[int, int, int, bool]]  # key → lo, hi, origin, feasible
    slack: float = 0.0

    def ask(self, measure: str, start: date | str | None, end: date | str) -> Implied:
        """The tightest range the claims of one flow measure imply for a chosen window."""
        from claimrec.measure import measure_key
        from claimrec.read.times import parse_reference

        key = measure if measure in self.measures else measure_key(measure)
        if key not in self.measures:
            raise ClaimError("no flow claims about this measure", field="measure", text=measure)
        lo, hi, origin, feasible = self.measures[key]
        if not feasible:
            raise ClaimError(
                "the claims about this measure contradict each other; see report.conflicts",
                field="measure",
                text=measure,
            )
        last = parse_reference(end).latest.toordinal() if isinstance(end, str) else end.toordinal()
        first: int | None = None
        if start is not None:
            first = (
                parse_reference(start).earliest.toordinal()
                if isinstance(start, str)
                else start.toordinal()
            )
        origin = min(origin, (first if first is not None else last) - 1)
        system = flow_system(
            np.where(self.start[lo:hi] == OPEN, origin, self.start[lo:hi]),
            self.stop[lo:hi],
            self.lower[lo:hi],
            _relaxed(self.upper[lo:hi], self.slack),
            lower_strict=self.lower_strict[lo:hi],
            upper_strict=self.upper_strict[lo:hi],
        )
        return implied_bounds(system, origin if first is None else first, last + 1)


def flow_index(
    t: ClaimTable,
    batch: Batch,
    is_flow: Bools,
    feasible: Bools,
    g_measure: Objects,
    g_origin: Ints,
    slack: float,
) -> FlowIndex:
    groups = np.flatnonzero(is_flow)
    measures = g_measure[groups]
    codes, uniques = pd.factorize(pd.Series(measures, dtype=object))
    measure_of_group = np.full(is_flow.size, -1, dtype=np.int64)
    measure_of_group[groups] = codes
    rows_measure = measure_of_group[batch.group]
    order = np.lexsort((np.arange(len(batch)), batch.group, rows_measure))
    sorted_measure = rows_measure[order]
    lo = np.searchsorted(sorted_measure, np.arange(len(uniques)), side="left")
    hi = np.searchsorted(sorted_measure, np.arange(len(uniques)), side="right")
    all_feasible = np.ones(len(uniques), dtype=bool)
    np.logical_and.at(all_feasible, codes, feasible[groups])
    origin_of = np.zeros(len(uniques), dtype=np.int64)
    origin_of[codes] = g_origin[groups]
    spans = {
        str(m): (int(a), int(z), int(o), bool(f))
        for m, a, z, o, f in zip(
            uniques,
            lo.tolist(),
            hi.tolist(),
            origin_of.tolist(),
            all_feasible.tolist(),
            strict=True,
        )
    }
    return FlowIndex(
        start=batch.start[order],
        stop=batch.stop[order],
        lower=batch.lower[order],
        upper=batch.upper[order],
        lower_strict=batch.lower_strict[order],
        upper_strict=batch.upper_strict[order],
        measures=spans,
        slack=slack,
    )
