"""The reconciliation report: tables a notebook shows and a summary a person reads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, cast

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from claimrec.constraints import Implied

__all__ = [
    "CONFLICT_COLUMNS",
    "CORRECTION_COLUMNS",
    "GROUP_COLUMNS",
    "PAIR_COLUMNS",
    "UNREAD_COLUMNS",
    "WEIGHT_COLUMNS",
    "Report",
]

GROUP_COLUMNS = (
    "group",
    "measure",
    "label",
    "measure_kind",
    "modality",
    "unit",
    "claims",
    "reporters",
    "verdict",
    "reason",
    "gap",
    "relative_gap",
    "largest_difference",
    "start",
    "end",
    "consensus_low",
    "consensus_high",
    "consensus",
    "consensus_rests_on",
    "consensus_value",
    "consensus_share",
    "consensus_sources",
    "consensus_supporters",
)
PAIR_COLUMNS = (
    "group",
    "claim_a",
    "claim_b",
    "reporter_a",
    "reporter_b",
    "verdict",
    "difference",
    "relative_difference",
    "gap",
    "reason",
)
CONFLICT_COLUMNS = ("group", "conflict", "claims", "reporters", "gap", "relative_gap", "chain")
CORRECTION_COLUMNS = (
    "type",
    "reporter",
    "measure",
    "kept",
    "dropped",
    "from_value",
    "to_value",
    "from_day",
    "to_day",
    "superseded",
    "reason",
)
UNREAD_COLUMNS = ("row", "error")
WEIGHT_COLUMNS = ("reporter", "weight")

#: How many contradictions, divergences and corrections the text summary names.
SUMMARY_ITEMS = 10


class LazyClaims(Protocol):
    """A claims frame built when first read."""

    def frame(self) -> pd.DataFrame: ...

    def counts(self) -> tuple[int, int]: ...


class _Asks(Protocol):
    def ask(self, measure: str, start: date | str | None, end: date | str) -> Implied: ...


def _frame(rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


class LazyTable:
    """A report table whose text columns are written when read.

    ``data`` holds the table's other columns, in their final order, and the
    structured columns (named ``_…``) the sentences are written from; ``render``
    writes the text columns of any rows of ``data``. :meth:`frame` is the whole
    table (written once, then kept); :meth:`rows` writes only the rows asked for.
    """

    __slots__ = ("_frame", "columns", "data", "render")

    def __init__(
        self,
        data: pd.DataFrame,
        columns: tuple[str, ...],
        render: Callable[[pd.DataFrame], dict[str, list[str]]],
    ) -> None:
        self.data = data
        self.columns = columns
        self.render = render
        self._frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.data)

    def _written(self, data: pd.DataFrame) -> pd.DataFrame:
        texts = self.render(data) if len(data) else {}
        out: dict[str, object] = {}
        for name in self.columns:
            if name in texts:
                out[name] = pd.Series(texts[name], index=data.index)
            elif name in data.columns:
                out[name] = data[name]
            else:
                out[name] = pd.Series([""] * len(data), index=data.index, dtype=object)
        return pd.DataFrame(out, index=data.index, columns=list(self.columns))

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = self._written(self.data).reset_index(drop=True)
        return self._frame

    def rows(self, mask: pd.Series | None = None, *, limit: int | None = None) -> pd.DataFrame:
        """The rows where ``mask`` holds (all rows by default), at most ``limit``."""
        if self._frame is not None:
            chosen = self._frame if mask is None else self._frame[mask.to_numpy()]
            return chosen if limit is None else chosen.head(limit)
        data = self.data if mask is None else self.data[mask.to_numpy()]
        return self._written(data if limit is None else data.head(limit))


Table = pd.DataFrame | LazyTable


class Report:
    """What :func:`claimrec.reconcile` found. Every table is a DataFrame; the report
    pickles (for Dask and multiprocessing).

    * ``groups`` — one row per group, contradictions first, then by gap: ``group``,
      ``measure`` (key), ``label`` (the measure as most claims write it),
      ``measure_kind``, ``modality``, ``unit``, ``claims``, ``reporters``,
      ``verdict`` (``agree``, ``diverge``, ``contradict``, ``single``), ``reason``,
      ``gap``/``relative_gap`` (of its largest contradiction), ``largest_difference``
      (relative, among compared pairs), and the consensus: ``consensus_low``/
      ``consensus_high`` (flow: the range all claims imply from ``start`` to ``end``;
      level: the range every claim allows), ``consensus`` (in words),
      ``consensus_rests_on``; for levels also ``consensus_value``,
      ``consensus_share``, ``consensus_sources``, ``consensus_supporters``.
    * ``pairs`` — the pairs compared (consecutive figures of each reporter, and
      each claim against the nearest claim in time of every other reporter):
      ``claim_a``, ``claim_b``, ``reporter_a``, ``reporter_b``, ``verdict``,
      ``difference``, ``relative_difference``, ``gap``, ``reason``.
    * ``conflicts`` — one row per minimal set of claims that cannot all be true,
      largest relative gap first: ``claims``, ``reporters``, ``gap``,
      ``relative_gap``, ``chain`` (the inequalities that break, in words).
    * ``corrections`` (also ``revisions``) — superseded figures: ``type``
      (``correction``: a reporter's running total went down; ``revision``: a
      later figure for the same window; ``qualifier``: mentions that disagree on
      the qualifier), ``kept``, ``dropped``, ``from_value``, ``to_value``,
      ``from_day``, ``to_day``, ``superseded``, ``reason``.
    * ``unread`` — rows of the input table that could not be read: ``row`` (its
      label) and ``error`` (field, text and reason).
    * ``weights`` — source reliabilities when consensus was weighted (``crh``).
    * ``claims`` — the canonical claims frame, one row per mention, with ``group``.
    """

    __slots__ = ("_claims", "_flow_index", "_tables", "unread", "weights")

    def __init__(
        self,
        *,
        groups: Table,
        pairs: Table,
        conflicts: Table,
        corrections: Table,
        claims: pd.DataFrame | LazyClaims,
        unread: pd.DataFrame,
        weights: pd.DataFrame,
        _flow_index: _Asks | None = None,
    ) -> None:
        self._tables: dict[str, Table] = {
            "groups": groups,
            "pairs": pairs,
            "conflicts": conflicts,
            "corrections": corrections,
        }
        self._claims = claims
        self.unread = unread
        self.weights = weights
        self._flow_index = _flow_index

    def _table(self, name: str) -> pd.DataFrame:
        table = self._tables[name]
        return table.frame() if isinstance(table, LazyTable) else table

    def _rows(
        self, name: str, mask: pd.Series | None = None, *, limit: int | None = None
    ) -> pd.DataFrame:
        """Rows of a table with their text written (only those rows when it is lazy)."""
        table = self._tables[name]
        if isinstance(table, LazyTable):
            return table.rows(mask, limit=limit)
        chosen = table if mask is None else table[mask.to_numpy()]
        return chosen if limit is None else chosen.head(limit)

    def _column(self, name: str, column: str) -> pd.Series:
        """One column of a table, without writing text columns."""
        table = self._tables[name]
        if isinstance(table, LazyTable) and column in table.data.columns:
            return table.data[column].reset_index(drop=True)
        return self._table(name)[column]

    def _size(self, name: str) -> int:
        return len(self._tables[name])

    @property
    def claims(self) -> pd.DataFrame:
        """The canonical claims frame of the claims compared, with their ``group``."""
        if not isinstance(self._claims, pd.DataFrame):
            self._claims = self._claims.frame()
        return self._claims

    def _claim_counts(self) -> tuple[int, int]:
        """Mentions and distinct claims, without building the claims frame."""
        if not isinstance(self._claims, pd.DataFrame):
            return self._claims.counts()
        frame = self._claims
        distinct = frame["claim_id"].nunique() if "claim_id" in frame else 0
        return len(frame), int(distinct)

    @property
    def groups(self) -> pd.DataFrame:
        return self._table("groups")

    @property
    def pairs(self) -> pd.DataFrame:
        return self._table("pairs")

    @property
    def conflicts(self) -> pd.DataFrame:
        return self._table("conflicts")

    @property
    def corrections(self) -> pd.DataFrame:
        return self._table("corrections")

    @staticmethod
    def build(
        *,
        groups: list[dict[str, object]],
        pairs: list[dict[str, object]],
        conflicts: list[dict[str, object]],
        corrections: list[dict[str, object]],
        claims: pd.DataFrame,
        unread: list[dict[str, object]] | None = None,
        weights: list[dict[str, object]] | None = None,
        flow_index: _Asks | None = None,
    ) -> Report:
        return Report(
            groups=_frame(groups, GROUP_COLUMNS),
            pairs=_frame(pairs, PAIR_COLUMNS),
            conflicts=_frame(conflicts, CONFLICT_COLUMNS),
            corrections=_frame(corrections, CORRECTION_COLUMNS),
            claims=claims,
            unread=_frame(unread or [], UNREAD_COLUMNS),
            weights=_frame(weights or [], WEIGHT_COLUMNS),
            _flow_index=flow_index,
        )

    @property
    def revisions(self) -> pd.DataFrame:
        """The ``corrections`` table (its former name)."""
        return self.corrections

    @property
    def has_contradictions(self) -> bool:
        return bool((self._column("groups", "verdict") == "contradict").any())

    @property
    def has_divergences(self) -> bool:
        return bool((self._column("groups", "verdict") == "diverge").any())

    def equals(self, other: Report) -> bool:
        """True when every table of both reports is equal (cell by cell)."""
        return all(
            getattr(self, name)
            .reset_index(drop=True)
            .equals(getattr(other, name).reset_index(drop=True))
            for name in ("groups", "pairs", "conflicts", "corrections", "unread", "weights")
        ) and self.claims.drop(columns=["group"], errors="ignore").reset_index(drop=True).equals(
            other.claims.drop(columns=["group"], errors="ignore").reset_index(drop=True)
        )

    def consensus(self, measure: str, *, start: date | str | None, end: date | str) -> Implied:
        """The tightest range all claims of ``measure`` imply for a window you choose
        (``start=None`` counts from the beginning of the record; ``end`` included)."""
        from claimrec.errors import ClaimError

        if self._flow_index is None:
            raise ClaimError("this report has no claims to ask about", field="measure", text="")
        return self._flow_index.ask(measure, start, end)

    def summary(self) -> str:
        """A plain-text summary a person can read at any size: counts, then the
        contradictions by gap, the divergences by difference, the corrections and
        the unread rows, each list cut at a few items (the tables hold them all)."""
        return _summary(self)

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
    from claimrec.timeline import _group_claims, figure_label

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


_LINE = 600  # characters of one summary line at most


def _cut(text: object) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= _LINE else line[: _LINE - 1] + "…"


def _more(shown: int, total: int, table: str) -> list[str]:
    return [f"  … and {total - shown} more (report.{table})."] if total > shown else []


def _summary(report: Report) -> str:
    verdicts = report._column("groups", "verdict")
    n_groups = report._size("groups")
    counts = verdicts.value_counts().to_dict() if n_groups else {}
    types = report._column("corrections", "type")
    kinds = types.value_counts().to_dict() if report._size("corrections") else {}
    mentions, distinct = report._claim_counts()
    lines = [
        f"{mentions} mention(s) of {distinct} claim(s), {n_groups} group(s): "
        + ", ".join(f"{counts.get(v, 0)} {v}" for v in ("contradict", "diverge", "agree", "single"))
        + f"; {kinds.get('correction', 0)} correction(s), {kinds.get('revision', 0)} "
        f"revision(s); {len(report.unread)} unread row(s)."
    ]
    conflicts = report._size("conflicts")
    if conflicts:
        shown = report._rows("conflicts", limit=SUMMARY_ITEMS)
        numbers = set(shown["group"].tolist())
        group_numbers = report._column("groups", "group")
        wanted = group_numbers.isin(numbers)
        labels = dict(
            zip(group_numbers[wanted], report._column("groups", "label")[wanted], strict=True)
        )
        lines += ["", "Contradictions, largest gap first:"]
        for conflict in shown.to_dict(orient="records"):
            label = labels.get(conflict["group"], "")
            lines.append(
                _cut(f"  [CONTRADICT] {label} (group {conflict['group']}): {conflict['chain']}")
            )
        lines += _more(len(shown), conflicts, "conflicts")
    for verdict, title in (
        ("diverge", "Divergences, largest difference first:"),
        ("agree", "Agreements:"),
    ):
        mask = verdicts == verdict
        total = int(mask.sum())
        if not total:
            continue
        lines += ["", title]
        shown = report._rows("groups", mask, limit=SUMMARY_ITEMS)
        for group in shown.to_dict(orient="records"):
            lines.append(
                _cut(
                    f"  [{verdict.upper()}] {group['label']} (group {group['group']}, measure "
                    f"{group['measure']}; {group['claims']} claim(s)): {group['reason']}"
                )
            )
            if isinstance(group["consensus"], str) and group["consensus"]:
                lines.append(_cut(f"    Consensus: {group['consensus']}"))
        lines += _more(len(shown), total, "groups")
    singles = counts.get("single", 0)
    if singles:
        lines += ["", f"{singles} group(s) hold a single claim, with nothing to compare."]
    corrections = report._size("corrections")
    if corrections:
        lines += ["", "Corrections and revisions:"]
        shown = report._rows("corrections", limit=SUMMARY_ITEMS)
        for note in shown.to_dict(orient="records"):
            lines.append(_cut(f"  - {note['type']}: {note['reason']}"))
        lines += _more(len(shown), corrections, "corrections")
    if len(report.unread):
        lines += ["", "Rows that could not be read:"]
        shown = report.unread.head(SUMMARY_ITEMS)
        for row in shown.to_dict(orient="records"):
            lines.append(_cut(f"  - row {row['row']}: {row['error']}"))
        lines += _more(len(shown), len(report.unread), "unread")
    return "\n".join(lines)
