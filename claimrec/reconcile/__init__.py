"""Reconciliation: groups, verdicts with reasons, minimal contradictions, corrections,
consensus.

Claims meet when they share a measure key, a unit dimension and a modality and
their windows overlap or touch (a sort-and-sweep in :mod:`claimrec.grouping`);
a claim with no measure is never grouped. For a ``flow`` measure the claims of
a group are one system of difference constraints on the count from the
measure's origin (:mod:`claimrec.reconcile.flow`); a reporter's own series is
read first, each downward step one correction (:mod:`claimrec.reconcile.series`);
for a ``level`` measure claims about coinciding moments are compared as
intervals and a consensus value is voted (:mod:`claimrec.reconcile.level`).
Every verdict comes with a reason written in words and figures
(:mod:`claimrec.describe`).
"""

from __future__ import annotations

from claimrec.constraints import Implied
from claimrec.describe import describe_claim, describe_value
from claimrec.reconcile.engine import reconcile

__all__ = ["Implied", "describe_claim", "describe_value", "reconcile"]
