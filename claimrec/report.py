"""The reconciliation report: tables a notebook shows and a summary a person reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from claimrec.reconcile import Implied

__all__ = ["GROUP_COLUMNS", "PAIR_COLUMNS", "Report"]

GROUP_COLUMNS = (
    "group",
    "measure",
    "measure_kind",
    "unit",
    "claims",
    "verdict",
    "reason",
    "start",
    "end",
    "consensus_low",
    "consensus_high",
    "consensus",
    "consensus_rests_on",
)
PAIR_COLUMNS = (
    "group",
    "claim_a",
    "claim_b",
    "reporter_a",
    "reporter_b",
    "verdict",
    "reason",
)
CONFLICT_COLUMNS = ("group", "conflict", "claims", "reporters", "gap", "chain")
REVISION_COLUMNS = ("type", "reporter", "measure", "kept", "dropped", "reason")


def _frame(rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """What :func:`claimrec.reconcile` found.

    * ``groups`` — one row per group: measure, verdict (``agree``, ``diverge``,
      ``contradict``, ``single``), reason, and the consensus the claims imply.
    * ``pairs`` — one row per pair of claims within a group, with its verdict and reason.
    * ``conflicts`` — one row per minimal set of claims that cannot all be true,
      with the chain of inequalities that breaks.
    * ``revisions`` — superseded figures (revisions, corrections) and mentions whose
      qualifiers disagree.
    * ``claims`` — the canonical claims frame, one row per mention, with ``group``.
    """

    groups: pd.DataFrame
    pairs: pd.DataFrame
    conflicts: pd.DataFrame
    revisions: pd.DataFrame
    claims: pd.DataFrame
    _consensus: Callable[[str, date | str | None, date | str], Implied] | None = field(
        default=None, repr=False, compare=False
    )

    @staticmethod
    def build(
        *,
        groups: list[dict[str, object]],
        pairs: list[dict[str, object]],
        conflicts: list[dict[str, object]],
        revisions: list[dict[str, object]],
        claims: pd.DataFrame,
        consensus: Callable[[str, date | str | None, date | str], Implied] | None = None,
    ) -> Report:
        return Report(
            groups=_frame(groups, GROUP_COLUMNS),
            pairs=_frame(pairs, PAIR_COLUMNS),
            conflicts=_frame(conflicts, CONFLICT_COLUMNS),
            revisions=_frame(revisions, REVISION_COLUMNS),
            claims=claims,
            _consensus=consensus,
        )

    @property
    def has_contradictions(self) -> bool:
        return bool((self.groups["verdict"] == "contradict").any())

    @property
    def has_divergences(self) -> bool:
        return bool((self.groups["verdict"] == "diverge").any())

    def consensus(self, measure: str, *, start: date | str | None, end: date | str) -> Implied:
        """The tightest range all claims of ``measure`` imply for a window you choose
        (``start=None`` counts from the beginning of the record; ``end`` included)."""
        from claimrec.errors import ClaimError

        if self._consensus is None:
            raise ClaimError("this report has no claims to ask about", field="measure", text="")
        return self._consensus(measure, start, end)

    def summary(self) -> str:
        """A plain-text summary: each group, its verdict and reasons, and its conflicts."""
        lines: list[str] = []
        counts = self.groups["verdict"].value_counts().to_dict() if len(self.groups) else {}
        lines.append(
            f"{len(self.claims)} mention(s), {len(self.groups)} group(s): "
            + ", ".join(
                f"{counts.get(v, 0)} {v}" for v in ("contradict", "diverge", "agree", "single")
            )
        )
        for _, group in self.groups.iterrows():
            lines.append("")
            lines.append(
                f"[{str(group['verdict']).upper()}] {group['measure']} "
                f"({group['measure_kind']}, {group['unit']}; {group['claims']} claim(s))"
            )
            lines.append(f"  {group['reason']}")
            if isinstance(group["consensus"], str) and group["consensus"]:
                lines.append(f"  Consensus: {group['consensus']}")
            pairs = self.pairs[self.pairs["group"] == group["group"]]
            for _, pair in pairs.iterrows():
                lines.append(f"  - {pair['verdict']}: {pair['reason']}")
            conflicts = self.conflicts[self.conflicts["group"] == group["group"]]
            for _, conflict in conflicts.iterrows():
                lines.append(f"  ! contradiction: {conflict['chain']}")
        if len(self.revisions):
            lines.append("")
            lines.append("Revisions and discrepancies:")
            for _, revision in self.revisions.iterrows():
                lines.append(f"  - {revision['type']}: {revision['reason']}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from claimrec.html import report_html

        return report_html(self, standalone=False)

    def to_dict(self) -> dict[str, Any]:
        from claimrec.export import report_json

        return report_json(self)
