"""The reconciliation report: tables a notebook shows and a summary a person reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

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
        # Contradictions first, then divergences and agreements; single claims last.
        rank = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}
        ordered = self.groups.assign(_rank=self.groups["verdict"].map(rank)).sort_values(
            ["_rank", "group"], kind="stable"
        )
        for _, group in ordered.iterrows():
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

        # A notebook cell stays readable (and light) however many groups there are.
        return report_html(self, standalone=False, max_groups=50)

    def to_html(self, path: str | Path | None = None, *, title: str = "claimrec report") -> str:
        """The report as one self-contained HTML page (inline CSS and SVG timelines, no
        scripts, all claim text escaped); written to ``path`` when given."""
        from claimrec.html import report_html

        page = report_html(self, standalone=True, title=title)
        if path is not None:
            Path(path).write_text(page, encoding="utf-8")
        return page

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (schema: ``claimrec/data/report.schema.json``)."""
        from claimrec.export import report_json

        return report_json(self)

    def to_json(self, path: str | Path | None = None, *, indent: int | None = 2) -> str:
        """The report as JSON text (:meth:`to_dict`); written to ``path`` when given."""
        text = json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    def to_csv(self, path_or_buffer: str | Path | IO[str] | None = None) -> str | None:
        """One spreadsheet-safe CSV row per mention with its group's verdict and reason
        (formula-like text cells get a leading ``'``). Returns the text when no path
        or buffer is given, like pandas."""
        from claimrec.export import report_csv

        return report_csv(self, path_or_buffer)

    def plot(self, group: int | None = None, *, ax: Axes | None = None) -> Axes:
        """Draw the timeline of one group with matplotlib (``pip install claimrec[plot]``)
        and return the Axes.

        ``group`` is a group number (``report.groups["group"]``); by default the group
        with the most claims. Each claim is one horizontal bar over the widest
        reading of its window (``ax.containers[0]``: one bar per claim), its certain
        part drawn solid on top (``ax.containers[1]``); a bar without a start runs
        from the left edge with an arrow, and each bar is labelled with its figure.
        """
        return _plot_group(self, group, ax=ax)


def _plot_group(report: Report, group: int | None, *, ax: Axes | None) -> Axes:
    from claimrec.errors import ClaimError
    from claimrec.html import _group_claims, figure_label

    try:
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
    except ImportError:
        raise ClaimError(
            "plotting needs matplotlib: pip install 'claimrec[plot]'", field="plot", text=""
        ) from None
    if len(report.groups) == 0:
        raise ClaimError("the report has no groups to plot", field="group", text="")
    if group is None:
        largest = report.groups.sort_values(["claims", "group"], ascending=[False, True])
        group = int(largest.iloc[0]["group"])
    elif group not in set(report.groups["group"].astype(int)):
        raise ClaimError("no such group in the report", field="group", text=str(group))
    row = report.groups[report.groups["group"] == group].iloc[0]
    claims = _group_claims(report, group)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.5 * len(claims) + 1.5))

    def day(d: date) -> float:
        # matplotlib's date2num is untyped; its result is a day number.
        return float(cast(Any, mdates).date2num(datetime(d.year, d.month, d.day)))

    known = [
        d
        for c in claims
        for d in (c.start_earliest, c.start_latest, c.end_earliest, c.end_latest)
        if d is not None
    ]
    first = day(min(known)) if known else day(date.today())
    last = day(max(known)) + 1 if known else first + 1
    # Open starts run from a left edge a quarter of the span before the first known day.
    edge = first - max(30.0, (last - first) * 0.25)
    wide_left: list[float] = []
    wide_width: list[float] = []
    core_left: list[float] = []
    core_width: list[float] = []
    for c in claims:
        if c.end_earliest is None or c.end_latest is None:  # unknown window: an empty bar
            wide_left.append(edge)
            wide_width.append(0.0)
            core_left.append(edge)
            core_width.append(0.0)
            continue
        start = edge if c.start_earliest is None else day(c.start_earliest)
        sure_start = edge if c.start_latest is None else day(c.start_latest)
        end, sure_end = day(c.end_latest) + 1, day(c.end_earliest) + 1  # end day included
        wide_left.append(start)
        wide_width.append(end - start)
        core_left.append(sure_start)
        core_width.append(max(0.0, sure_end - sure_start))
    y = list(range(len(claims)))
    colors = ["#c0392b" if c.in_conflict else "#3f6fb0" for c in claims]
    # The widest reading, light and hatched: uncertain ends show as the hatched part.
    ax.barh(
        y,
        wide_width,
        left=wide_left,
        height=0.5,
        color=colors,
        alpha=0.3,
        hatch="//",
        edgecolor=colors,
        linewidth=0.5,
        label="widest reading",
    )
    ax.barh(y, core_width, left=core_left, height=0.5, color=colors, label="certain part")
    for i, c in enumerate(claims):
        if c.start_earliest is None and c.end_latest is not None:
            ax.annotate(
                "",
                xy=(edge, i),
                xytext=(edge + (last - first) * 0.08 + 10, i),
                arrowprops={"arrowstyle": "->", "color": colors[i]},
            )
        label = (
            figure_label(c.row)
            if c.end_latest is not None
            else figure_label(c.row) + " (window unknown)"
        )
        ax.text(wide_left[i] + wide_width[i], i, "  " + label, va="center", fontsize=9)
    ax.set_yticks(y, [str(c.row.get("reporter") or "unattributed")[:40] for c in claims])
    ax.invert_yaxis()
    ax.set_xlim(edge, last + (last - edge) * 0.25)
    ax.xaxis_date()
    ax.set_title(f"{row['measure']} — {row['verdict']}")
    return ax
