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

from claimrec.errors import ClaimError, ClaimsFrameError
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

# A row's place in the input: its partition in the high bits, its row in the low ones.
_ROW_BITS = 40
# The input's own row label, carried through the shuffle beside the position.
_LABEL = "_claimrec_label"
_TABLES = ("groups", "pairs", "conflicts", "corrections", "claims", "unread", "weights")
_RANK = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}
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
        _placed, partition_info=True, meta=_placed(canonical._meta, {"number": 0})
    )
    shuffled = placed.shuffle(on="measure", npartitions=npartitions or claims.npartitions)
    run = functools.partial(
        _reconcile_part, policy=policy, conflicts_limit=conflicts_limit, consensus=consensus
    )
    parts = tuple(delayed(run)(part) for part in shuffled.to_delayed())
    return DaskReport(parts=parts)


def _placed(part: pd.DataFrame, partition_info: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The partition indexed by each row's place in the whole input, its own label kept."""
    number = int(partition_info["number"]) if partition_info else 0
    if len(part) >= 2**_ROW_BITS:
        raise ClaimError("a partition holds too many rows", field="claims", text=str(len(part)))
    positions = (number << _ROW_BITS) + np.arange(len(part), dtype=np.int64)
    out = part.set_axis(pd.Index(positions, dtype="int64"))
    labels = np.empty(len(part), dtype=object)
    labels[:] = list(part.index)
    return out.assign(**{_LABEL: labels})


@dataclass(frozen=True, slots=True)
class _Part:
    """One partition's report, with what is needed to merge it with the others: the
    input label of each position, and the place of the first mention of each claim."""

    report: Report
    labels: pd.Series  # position -> the input's row label
    first_seen: pd.Series  # claim id -> position of its first row
    group_keys: pd.DataFrame  # local group, place of the first claim of its key


def _reconcile_part(
    part: pd.DataFrame, *, policy: Policy, conflicts_limit: int, consensus: Any
) -> _Part:
    from claimrec.reconcile import reconcile as reconcile_frame

    part = part.sort_index()  # the input's order (the shuffle does not keep it)
    labels = pd.Series(part[_LABEL].to_numpy(dtype=object), index=part.index)
    frame = part.drop(columns=[_LABEL])
    try:
        report = reconcile_frame(
            frame, policy=policy, conflicts_limit=conflicts_limit, consensus=consensus
        )
    except ClaimsFrameError as error:  # name the input's rows, not their positions
        raise ClaimsFrameError([e.at_row(labels.get(e.row, e.row)) for e in error.errors]) from None
    ids = frame["claim_id"]
    first = ids.notna().to_numpy() & ~ids.duplicated(keep="first").to_numpy()
    first_seen = pd.Series(frame.index[first], index=ids[first].astype(object))
    return _Part(report, labels, first_seen, _group_keys(report, first_seen))


def _dimension(unit: str) -> str:
    """The unit dimension claims are grouped by ("count" and "percent" apart)."""
    from claimrec.units import parse_unit

    if unit in ("count", "percent"):
        return unit
    return str(parse_unit(unit).dimensionality)


def _group_keys(report: Report, first_seen: pd.Series) -> pd.DataFrame:
    """For each local group, where the first claim of its grouping key was mentioned.

    reconcile numbers groups by key (in order of the key's first claim) and then by
    start; a key lives in one partition, so sorting every partition's groups by
    (that place, local number) gives the in-memory numbering."""
    groups = report.groups
    if not len(groups):
        return pd.DataFrame({"group": [], "key_place": []}, dtype="int64")
    claims = report.claims
    claims = claims[claims["group"].notna()]
    seen = claims["claim_id"].astype(object).map(first_seen)
    places = pd.Series(
        np.where(seen.isna(), claims.index.to_numpy(dtype=np.int64), seen.fillna(0)),
        index=claims.index,
    ).astype("int64")
    first_of_group = places.groupby(claims["group"].to_numpy(dtype=np.int64)).min()
    keys = pd.Series(
        [
            (m, k, o, _dimension(str(u)))
            for m, k, o, u in zip(
                groups["measure"], groups["measure_kind"], groups["modality"], groups["unit"],
                strict=True,
            )
        ],
        index=groups["group"].to_numpy(dtype=np.int64),
        dtype=object,
    )  # fmt: skip
    firsts = first_of_group.reindex(keys.index).to_numpy()
    key_place = pd.Series(firsts).groupby(keys.to_numpy()).transform("min").to_numpy()
    out = pd.DataFrame({"group": keys.index.to_numpy(), "key_place": key_place})
    return out.sort_values("group", kind="stable").reset_index(drop=True)


def _numbering(*keys: pd.DataFrame) -> list[np.ndarray]:
    """Global group numbers, for each partition indexed by its local group number:
    all partitions' groups in order of (key place, local number)."""
    tables = [k.assign(part=i) for i, k in enumerate(keys) if len(k)]
    out = [np.zeros(0, dtype=np.int64) for _ in keys]
    if not tables:
        return out
    table = pd.concat(tables, ignore_index=True).astype("int64")
    order = np.lexsort((table["group"].to_numpy(), table["key_place"].to_numpy()))
    number = np.empty(len(table), dtype=np.int64)
    number[order] = np.arange(len(table), dtype=np.int64)
    part = table["part"].to_numpy()
    local = table["group"].to_numpy()
    for i in np.unique(part).tolist():
        chosen = part == i
        numbers = np.full(int(local[chosen].max()) + 1, -1, dtype=np.int64)
        numbers[local[chosen]] = number[chosen]
        out[i] = numbers
    return out


def _renumber(column: pd.Series, numbers: np.ndarray) -> pd.Series:
    present = column.notna().to_numpy()
    if present.all():
        return pd.Series(
            numbers[column.to_numpy(dtype=np.int64)], index=column.index, name=column.name
        ).astype(column.dtype)
    values = np.array([None if pd.isna(g) else g for g in column], dtype=object)
    values[present] = numbers[column[present].to_numpy(dtype=np.int64)]
    return pd.Series(values, index=column.index, name=column.name).astype(column.dtype)


def _part_table(part: _Part, numbers: np.ndarray, name: str) -> pd.DataFrame:
    """One table of a partition's report in the input's terms: global group numbers,
    the input's row labels."""
    table: pd.DataFrame = getattr(part.report, name)
    if "group" in table.columns and len(table):
        table = table.assign(group=_renumber(table["group"], numbers))
    if name == "claims":
        table = table.set_axis(_labels(part.labels, table.index))
    elif name == "unread" and len(table):
        table = table.assign(row=list(_labels(part.labels, pd.Index(table["row"]))))
    return table


def _labels(labels: pd.Series, positions: pd.Index) -> pd.Index:
    """The input's labels of rows at ``positions``, as an index of them (like to_frame's)."""
    index: pd.Index = pd.Index(list(labels.reindex(positions).to_numpy(dtype=object)))
    return index


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
        parts: list[_Part] = list(_dask.compute(*self.parts, **options))
        return _merge_parts(parts)

    def _numbers(self) -> Delayed:
        found = self._cache.get("numbers")
        if found is None:
            keys = [delayed(_keys_of)(part) for part in self.parts]
            found = self._cache["numbers"] = delayed(_numbering)(*keys)
        numbers: Delayed = found
        return numbers

    def _table(self, name: str) -> dd.DataFrame:
        meta = _meta()[name]
        numbers = self._numbers()
        pieces = [
            delayed(_lazy_table)(part, numbers, i, name, meta) for i, part in enumerate(self.parts)
        ]
        return cast(dd.DataFrame, _dask_frames().from_delayed(pieces, meta=meta, verify_meta=False))

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
            known = _dask.compute(*(delayed(_flow_measures)(part) for part in self.parts))
            owners = self._cache["owners"] = {m: i for i, ms in enumerate(known) for m in ms}
        owner = owners.get(measure)
        if owner is None:
            from claimrec.measure import measure_key

            owner = owners.get(measure_key(measure), 0)
        if not self.parts:
            raise ClaimError("this report has no claims to ask about", field="measure", text="")
        answer: Implied = _dask.compute(delayed(_ask)(self.parts[owner], measure, start, end))[0]
        return answer


def _dask_frames() -> Any:
    return dd


def _keys_of(part: _Part) -> pd.DataFrame:
    return part.group_keys


def _flow_measures(part: _Part) -> list[str]:
    groups = part.report.groups
    flows = groups[(groups["measure_kind"] == "flow") & (groups["unit"] != "percent")]
    return sorted(set(flows["measure"].astype(str)))


def _ask(part: _Part, measure: str, start: date | str | None, end: date | str) -> Implied:
    return part.report.consensus(measure, start=start, end=end)


def _lazy_table(
    part: _Part, numbers: list[np.ndarray], i: int, name: str, meta: pd.DataFrame
) -> pd.DataFrame:
    table = _part_table(part, numbers[i], name)
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
    for name in _TABLES:
        table: pd.DataFrame = getattr(report, name)
        # A column the sample leaves empty may hold anything (dates, numbers): object.
        empty = [c for c in table.columns if table[c].dtype != object and table[c].isna().all()]
        out[name] = table.astype(dict.fromkeys(empty, object)).iloc[:0]
    return out


# --- merging the partitions' reports --------------------------------------------------


def _merge_parts(parts: Sequence[_Part]) -> Report:
    """One report from the reports of partitions that hold disjoint sets of measures."""
    numbering = _numbering(*(part.group_keys for part in parts))
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in _TABLES}
    for part, numbers in zip(parts, numbering, strict=True):
        for name in _TABLES:
            tables[name].append(_part_table(part, numbers, name))
    groups = _sorted(
        _concat(tables["groups"]),
        lambda t: [
            t["verdict"].map(_RANK).to_numpy(),
            -_finite(t["relative_gap"]),
            -_finite(t["largest_difference"]),
            t["group"].to_numpy(),
        ],
    )
    pairs = _sorted(
        _concat(tables["pairs"]),
        lambda t: [
            t["verdict"].map(_RANK).to_numpy(),
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
    places = np.concatenate(
        [part.report.claims.index.to_numpy(dtype=np.int64) for part in parts]
    ) if parts else np.zeros(0, dtype=np.int64)  # fmt: skip
    claims = claims.iloc[np.argsort(places, kind="stable")]
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
            {m: i for i, part in enumerate(parts) for m in _flow_measures(part)},
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


def _merged_notes(parts: Sequence[_Part], tables: list[pd.DataFrame]) -> pd.DataFrame:
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
