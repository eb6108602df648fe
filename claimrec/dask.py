"""Claims on Dask: ``normalize`` by partitions, ``reconcile`` by measure.

``pip install 'claimrec[dask]'`` (Dask's DataFrame and ``distributed``). A loose
table is normalized partition by partition (each row is read on its own, so
any partitioning gives the rows of :func:`claimrec.normalize`). To reconcile,
the canonical rows are shuffled on their ``measure`` key, so that every claim
about one measure lands in one partition; each partition is then reconciled
by :func:`claimrec.reconcile` itself. Nothing claimrec decides reaches across
measures — groups, running totals and their origins, a reporter's series and
corrections, mentions of one claim, consensus — so the partitions' reports
together are the in-memory report: :meth:`DaskReport.compute` numbers the
groups and orders the tables as the in-memory report does.

One exception: ``consensus="crh"`` learns one reliability per reporter from
every measure at once, so it is refused here (reconcile the computed frame,
or use the default ``"vote"``).

    import claimrec.dask
    report = claimrec.dask.reconcile(ddf)     # lazy: a DaskReport
    report.groups                              # a Dask DataFrame
    report.compute()                           # a claimrec.Report
"""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.delayed import Delayed, delayed

import claimrec._dask_parts as parts_
from claimrec.errors import ClaimError
from claimrec.frame import CANONICAL_COLUMNS
from claimrec.frame import normalize as normalize_frame
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.report import Report

if TYPE_CHECKING:
    from claimrec.calendar import EventCalendar
    from claimrec.constraints import Implied
    from claimrec.frame import Errors
    from claimrec.lexicon import Lexicon
    from claimrec.measure import MeasureSynonyms
    from claimrec.reporter import ReporterTable

__all__ = ["DaskReport", "normalize", "reconcile"]

# Dask's own annotations are partial: its verbs are called through an untyped handle.
_dask: Any = dask

_NOTE_TYPES = ("qualifier", "revision", "correction")  # the order reconcile lists them in


# --- normalize --------------------------------------------------------------------


def normalize(
    ddf: dd.DataFrame,
    *,
    errors: Errors = "raise",
    columns: Mapping[str, str] | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> dd.DataFrame:
    """:func:`claimrec.normalize` of every partition: a lazy canonical claims frame
    with the same partitions and index. With ``errors="raise"`` the first partition
    that fails raises (for its rows) when computed."""
    if errors not in ("raise", "coerce"):
        raise ClaimError("must be 'raise' or 'coerce'", field="errors", text=str(errors))
    read = functools.partial(
        normalize_frame,
        errors=errors,
        columns=columns,
        policy=policy,
        reporters=reporters,
        synonyms=synonyms,
        calendar=calendar,
        lexicon=lexicon,
    )
    return cast(dd.DataFrame, cast(Any, ddf).map_partitions(read, meta=read(ddf._meta)))


# --- reconcile --------------------------------------------------------------------


def reconcile(
    claims: dd.DataFrame,
    *,
    policy: Policy = DEFAULT_POLICY,
    conflicts_limit: int = 20,
    consensus: str = "vote",
    npartitions: int | None = None,
) -> DaskReport:
    """Reconcile a Dask DataFrame of claims (loose or canonical) by measure.

    The claims are shuffled on their measure key into ``npartitions`` partitions
    (default: as many as ``claims`` has) and each partition is reconciled by
    :func:`claimrec.reconcile` with ``policy``, ``conflicts_limit`` and
    ``consensus``. Nothing is computed until asked: see :class:`DaskReport`.
    """
    if consensus not in ("vote", "crh"):
        raise ClaimError("must be 'vote' or 'crh'", field="consensus", text=str(consensus))
    if consensus == "crh":
        raise ClaimError(
            "learns one reliability per reporter from every measure at once, so it cannot "
            "be split by measure; use consensus='vote' on Dask, or reconcile the computed "
            "frame",
            field="consensus",
            text=consensus,
        )
    if npartitions is not None and (not isinstance(npartitions, int) or npartitions < 1):
        raise ClaimError(
            "must be a whole number of at least 1", field="npartitions", text=str(npartitions)
        )
    canonical = (
        claims
        if set(CANONICAL_COLUMNS) <= set(claims.columns)
        else normalize(claims, errors="coerce", policy=policy)
    )
    placed = cast(Any, canonical).map_partitions(
        parts_.placed, partition_info=True, meta=parts_.placed(canonical._meta, {"number": 0})
    )
    shuffled = placed.shuffle(on="measure", npartitions=npartitions or claims.npartitions)
    run = functools.partial(
        parts_.reconcile_part, policy=policy, conflicts_limit=conflicts_limit, consensus=consensus
    )
    parts = tuple(delayed(run)(part) for part in shuffled.to_delayed())
    return DaskReport(parts=parts)


# --- the report on Dask ---------------------------------------------------------------


@dataclass(frozen=True)
class DaskReport:
    """A reconciliation on Dask, computed when asked.

    * ``groups``, ``pairs``, ``conflicts``, ``corrections``, ``claims``,
      ``unread`` — the report's tables as Dask DataFrames, one partition per
      measure partition, with the in-memory report's group numbers and row
      labels (each partition in its own order; sort, or :meth:`compute`).
    * :meth:`compute` — the :class:`~claimrec.Report` (everything in memory),
      equal to ``claimrec.reconcile`` of the computed frame.
    * :meth:`persist` — the partitions' reports kept on the cluster, so the
      tables and :meth:`consensus` questions do not reconcile again.
    * :meth:`consensus` — the range a flow measure's claims imply for a window,
      answered by the one partition that holds the measure.
    """

    parts: tuple[Delayed, ...]
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def npartitions(self) -> int:
        return len(self.parts)

    def persist(self, **options: Any) -> DaskReport:
        """The same report with every partition's reconciliation kept in memory (on
        the cluster when one is running); ``options`` go to ``dask.persist``."""
        return DaskReport(parts=tuple(_dask.persist(*self.parts, **options)))

    def compute(self, **options: Any) -> Report:
        """The whole report in memory; ``options`` go to ``dask.compute``."""
        parts: list[parts_.Part] = list(_dask.compute(*self.parts, **options))
        return _merge_parts(parts)

    def _numbers(self) -> Delayed:
        found = self._cache.get("numbers")
        if found is None:
            keys = [delayed(parts_.keys_of)(part) for part in self.parts]
            found = self._cache["numbers"] = delayed(parts_.numbering)(*keys)
        numbers: Delayed = found
        return numbers

    def _table(self, name: str) -> dd.DataFrame:
        meta = _meta()[name]
        numbers = self._numbers()
        pieces = [
            delayed(_lazy_table)(part, numbers, i, name, meta) for i, part in enumerate(self.parts)
        ]
        return cast(dd.DataFrame, _dask_frames().from_delayed(pieces, meta=meta, verify_meta=False))

    def sizes(self) -> Delayed:
        """How many rows each table has, and how many groups have each verdict, without
        writing any text (``.compute()`` gives ``{"groups": …, "pairs": …, …,
        "verdicts": {"agree": …, …}}``): one small result per partition."""
        sizes: Delayed = delayed(parts_.summed)(
            *(delayed(parts_.sizes_of)(part) for part in self.parts)
        )
        return sizes

    @property
    def groups(self) -> dd.DataFrame:
        return self._table("groups")

    @property
    def pairs(self) -> dd.DataFrame:
        return self._table("pairs")

    @property
    def conflicts(self) -> dd.DataFrame:
        return self._table("conflicts")

    @property
    def corrections(self) -> dd.DataFrame:
        return self._table("corrections")

    @property
    def claims(self) -> dd.DataFrame:
        return self._table("claims")

    @property
    def unread(self) -> dd.DataFrame:
        return self._table("unread")

    def consensus(self, measure: str, *, start: date | str | None, end: date | str) -> Implied:
        """:meth:`claimrec.Report.consensus`, asked of the partition holding ``measure``
        (persist first when asking many questions)."""
        owners = self._cache.get("owners")
        if owners is None:
            known = _dask.compute(*(delayed(parts_.flow_measures)(part) for part in self.parts))
            owners = self._cache["owners"] = {m: i for i, ms in enumerate(known) for m in ms}
        owner = owners.get(measure)
        if owner is None:
            from claimrec.measure import measure_key

            owner = owners.get(measure_key(measure), 0)
        if not self.parts:
            raise ClaimError("this report has no claims to ask about", field="measure", text="")
        answer: Implied = _dask.compute(
            delayed(parts_.ask)(self.parts[owner], measure, start, end)
        )[0]
        return answer


def _dask_frames() -> Any:
    return dd


def _lazy_table(
    part: parts_.Part, numbers: list[np.ndarray], i: int, name: str, meta: pd.DataFrame
) -> pd.DataFrame:
    table = parts_.part_table(part, numbers[i], name)
    return _as_meta(table, meta)


def _as_meta(table: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """The table with the columns and dtypes of ``meta`` (every partition alike)."""
    out = {}
    for name in meta.columns:
        column = table[name] if name in table.columns else pd.Series(None, index=table.index)
        if column.dtype != meta[name].dtype:
            try:
                column = column.astype(meta[name].dtype)
            except (TypeError, ValueError):  # cells of another kind: kept as they are
                column = column.astype(object)
        out[name] = column
    return pd.DataFrame(out, index=table.index)


@functools.cache
def _meta() -> dict[str, pd.DataFrame]:
    """Empty tables with the columns and dtypes of a report (read off a small one)."""
    from claimrec.reconcile import reconcile as reconcile_frame

    sample = pd.DataFrame(
        {
            "value": ["at least 120", "90", "about 40", "110", "15%", "over 500", "many"],
            "measure": [
                "arrests",
                "arrests",
                "arrests",
                "arrests",
                "turnout",
                "arrests",
                "arrests",
            ],
            "measure_kind": ["flow", "flow", "flow", "flow", "level", "flow", "flow"],
            "window": [
                "from 2024-01-01 to 2024-01-31",
                "from 2024-01-01 to 2024-01-31",
                "in March 2024",
                "from 2024-01-01 to 2024-02-10",
                "as of 2024-03-01",
                "from 2024-01-01 to 2024-02-20",
                "",
            ],
            "reporter": ["A", "B", "A", "B", "C", "B", "A"],
            "published": ["2024-04-01"] * 7,
        }
    )
    report = reconcile_frame(sample)
    out: dict[str, pd.DataFrame] = {}
    for name in parts_.TABLES:
        table: pd.DataFrame = getattr(report, name)
        # A column the sample leaves empty may hold anything (dates, numbers): object.
        empty = [c for c in table.columns if table[c].dtype != object and table[c].isna().all()]
        out[name] = table.astype(dict.fromkeys(empty, object)).iloc[:0]
    return out


# --- merging the partitions' reports --------------------------------------------------


def _merge_parts(parts: Sequence[parts_.Part]) -> Report:
    """One report from the reports of partitions that hold disjoint sets of measures."""
    numbering = parts_.numbering(*(part.group_keys for part in parts))
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in parts_.TABLES}
    places: list[np.ndarray] = []
    for part, numbers in zip(parts, numbering, strict=True):
        for name in parts_.TABLES:
            table = parts_.written(part.report, name)
            if name == "claims":
                places.append(table.index.to_numpy(dtype=np.int64))
            tables[name].append(parts_.in_input_terms(part, numbers, name, table))
    groups = _sorted(
        _concat(tables["groups"]),
        lambda t: [
            t["verdict"].map(parts_.RANK).to_numpy(),
            -_finite(t["relative_gap"]),
            -_finite(t["largest_difference"]),
            t["group"].to_numpy(),
        ],
    )
    pairs = _sorted(
        _concat(tables["pairs"]),
        lambda t: [
            t["verdict"].map(parts_.RANK).to_numpy(),
            -_finite(t["relative_difference"]),
            t["group"].to_numpy(),
            t["claim_a"].to_numpy(dtype=object),
            t["claim_b"].to_numpy(dtype=object),
        ],
    )
    conflicts = _sorted(
        _concat(tables["conflicts"]),
        lambda t: [-_finite(t["relative_gap"]), t["group"].to_numpy(), t["conflict"].to_numpy()],
    )
    claims = _concat(tables["claims"])
    order = np.concatenate(places) if places else np.zeros(0, dtype=np.int64)
    claims = claims.iloc[np.argsort(order, kind="stable")]
    unread = _concat(tables["unread"])
    unread_places = np.concatenate(
        [pd.Index(part.report.unread["row"]).to_numpy(dtype=np.int64) for part in parts]
    ) if parts else np.zeros(0, dtype=np.int64)  # fmt: skip
    unread = unread.iloc[np.argsort(unread_places, kind="stable")].reset_index(drop=True)
    return Report(
        groups=groups,
        pairs=pairs,
        conflicts=conflicts,
        corrections=_merged_notes(parts, tables["corrections"]),
        claims=claims,
        unread=unread,
        weights=_concat(tables["weights"]),
        _flow_index=_Indexes(
            tuple(part.report for part in parts),
            {m: i for i, part in enumerate(parts) for m in parts_.flow_measures(part)},
        ),
    )


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The tables one under the other, dtypes as one table of all the rows would have."""
    filled = [t for t in tables if len(t)]
    if not filled:
        return tables[0] if tables else pd.DataFrame()
    if len(filled) == 1:
        return filled[0].copy()
    out = pd.concat(filled)
    mixed = [name for name in out.columns if len({str(t[name].dtype) for t in filled}) > 1]
    for name in mixed:
        out[name] = out[name].astype(object).infer_objects()
    return out


def _finite(column: pd.Series) -> np.ndarray:
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    out = np.where(np.isnan(values) | (values == -math.inf), -1.0, values)
    return np.where(out == math.inf, 1e300, out)


def _sorted(table: pd.DataFrame, keys: Callable[[pd.DataFrame], list[np.ndarray]]) -> pd.DataFrame:
    """The rows in the order reconcile sorts them by (the last key varies fastest)."""
    if len(table) < 2:
        return table.reset_index(drop=True)
    columns = keys(table)
    frame = pd.DataFrame({str(i): column for i, column in enumerate(columns)})
    order = frame.sort_values(list(frame.columns), kind="stable").index.to_numpy()
    return table.iloc[order].reset_index(drop=True)


def _merged_notes(parts: Sequence[parts_.Part], tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The corrections of all partitions: by type in reconcile's order, each type's
    notes of the partitions merged by where their claims were first mentioned (each
    partition's own order kept)."""
    filled = [(part, table) for part, table in zip(parts, tables, strict=True) if len(table)]
    if not filled:
        return tables[0] if tables else pd.DataFrame()
    offsets = np.cumsum([0] + [len(table) for _, table in filled])
    order: list[int] = []
    for kind in _NOTE_TYPES:
        streams: list[Iterator[tuple[float, int, int]]] = []
        for number, (part, table) in enumerate(filled):
            chosen = np.flatnonzero((table["type"] == kind).to_numpy(dtype=bool))
            if not chosen.size:
                continue
            kept = table["kept"].iloc[chosen].astype(object)
            dropped = table["dropped"].iloc[chosen].astype(object)
            place = np.fmin(
                kept.map(part.first_seen).to_numpy(dtype=np.float64, na_value=np.nan),
                dropped.map(part.first_seen).to_numpy(dtype=np.float64, na_value=np.nan),
            )
            # The notes of one kept claim (one bucket) share the bucket's first place.
            bucket = pd.Series(place).groupby(kept.to_numpy()).transform("min").to_numpy()
            rows = (offsets[number] + chosen).tolist()
            streams.append(iter(zip(bucket.tolist(), [number] * len(rows), rows, strict=True)))
        order.extend(row for _, _, row in heapq.merge(*streams, key=lambda t: (t[0], t[1])))
    merged = _concat([table for _, table in filled])
    return merged.iloc[order].reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class _Indexes:
    """Consensus questions of a merged report, each asked of its measure's partition."""

    reports: tuple[Report, ...]
    owners: dict[str, int]

    def ask(self, measure: str, start: date | str | None, end: date | str) -> Implied:
        from claimrec.measure import measure_key

        owner = self.owners.get(measure)
        if owner is None:
            owner = self.owners.get(measure_key(measure), 0)
        if not self.reports:
            raise ClaimError("no flow claims about this measure", field="measure", text=measure)
        return self.reports[owner].consensus(measure, start=start, end=end)
