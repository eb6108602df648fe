"""The partitions of a reconciliation on Dask (:mod:`claimrec.dask`): each one's
report with what is needed to merge it with the others, its size for the worker's
memory manager, and the global group numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from dask.sizeof import sizeof

from claimrec.errors import ClaimError, ClaimsFrameError
from claimrec.policy import Policy
from claimrec.report import LazyTable, Report

if TYPE_CHECKING:
    from claimrec.constraints import Implied

# A row's place in the input: its partition in the high bits, its row in the low ones.
ROW_BITS = 40
# The input's own row label, carried through the shuffle beside the position.
LABEL = "_claimrec_label"
TABLES = ("groups", "pairs", "conflicts", "corrections", "claims", "unread", "weights")
RANK = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}


def placed(part: pd.DataFrame, partition_info: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The partition indexed by each row's place in the whole input, its own label kept
    (as whole numbers when the input's labels are: an object column of them would be
    turned into text by Dask's string conversion, and takes eight times the memory)."""
    number = int(partition_info["number"]) if partition_info else 0
    if len(part) >= 2**ROW_BITS:
        raise ClaimError("a partition holds too many rows", field="claims", text=str(len(part)))
    positions = (number << ROW_BITS) + np.arange(len(part), dtype=np.int64)
    out = part.set_axis(pd.Index(positions, dtype="int64"))
    if part.index.dtype == np.int64:
        return out.assign(**{LABEL: part.index.to_numpy(dtype=np.int64)})
    labels = np.empty(len(part), dtype=object)
    labels[:] = list(part.index)
    return out.assign(**{LABEL: labels})


@dataclass(frozen=True, slots=True)
class Part:
    """One partition's report, with what is needed to merge it with the others: the
    input label of each position, and the place of the first mention of each claim."""

    report: Report
    labels: pd.Series  # position -> the input's row label
    first_seen: pd.Series  # claim id -> position of its first row
    group_keys: pd.DataFrame  # local group, place of the first claim of its key


def _part_size(part: Part) -> int:
    """What a partition's report holds, for the worker's memory manager (which
    spills results to disk by their size: by default it would see a few bytes, and
    the reports held until every partition is reconciled would stay in memory)."""
    return _deep_size(part, set())


_sizeof: Any = sizeof
_sizeof.register(Part)(_part_size)


def _deep_size(value: object, seen: set[int], depth: int = 0) -> int:
    """Bytes held by ``value``: Dask's own measure of frames and arrays, object
    arrays sampled like object columns, other records through their fields."""
    if id(value) in seen or depth > 8:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray) and value.dtype == object:
        return int(sizeof(pd.Series(value.ravel(), copy=False)))
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index, np.ndarray, str, bytes)):
        return int(sizeof(value))
    if isinstance(value, (list, tuple)) and len(value) > 64:
        return int(sizeof(value))
    if isinstance(value, (list, tuple, set, frozenset)):
        return 64 + sum(_deep_size(item, seen, depth + 1) for item in value)
    if isinstance(value, dict):
        items = list(value.items())[:10_000]
        return 64 + sum(
            _deep_size(k, seen, depth + 1) + _deep_size(v, seen, depth + 1) for k, v in items
        )
    names = [n for c in type(value).__mro__ for n in getattr(c, "__slots__", ())]
    names += list(getattr(value, "__dict__", {}))
    if not names:
        return int(sizeof(value))
    return 64 + sum(_deep_size(getattr(value, n, None), seen, depth + 1) for n in set(names))


def reconcile_part(
    part: pd.DataFrame, *, policy: Policy, conflicts_limit: int, consensus: Any
) -> Part:
    from claimrec.reconcile import reconcile as reconcile_frame

    part = part.sort_index()  # the input's order (the shuffle does not keep it)
    label_column = part[LABEL]
    labels = pd.Series(
        label_column.to_numpy(dtype=np.int64 if label_column.dtype == np.int64 else object),
        index=part.index,
    )
    frame = part.drop(columns=[LABEL])
    try:
        report = reconcile_frame(
            frame, policy=policy, conflicts_limit=conflicts_limit, consensus=consensus
        )
    except ClaimsFrameError as error:  # name the input's rows, not their positions
        raise ClaimsFrameError([e.at_row(labels.get(e.row, e.row)) for e in error.errors]) from None
    ids = frame["claim_id"]
    first = ids.notna().to_numpy() & ~ids.duplicated(keep="first").to_numpy()
    first_seen = pd.Series(frame.index[first], index=ids[first].astype(object))
    return Part(report, labels, first_seen, _group_keys(report, first_seen))


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
    groups = written(report, "groups")
    if not len(groups):
        return pd.DataFrame({"group": [], "key_place": []}, dtype="int64")
    claims = written(report, "claims")[["claim_id", "group"]]
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


def numbering(*keys: pd.DataFrame) -> list[np.ndarray]:
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


def written(report: Report, name: str) -> pd.DataFrame:
    """A table of ``report`` with its text written, not kept in the report: a
    partition's report stays the size it had when Dask measured it (a kept table
    would grow it behind the worker's back, up to several times, with the pairs'
    reasons and the claims frame)."""
    if name == "claims":
        claims = report._claims
        return claims if isinstance(claims, pd.DataFrame) else claims.frame()
    if name in ("unread", "weights"):
        table: pd.DataFrame = getattr(report, name)
        return table
    if isinstance(report._tables[name], LazyTable):
        return report._rows(name).reset_index(drop=True)
    return report._table(name)


def part_table(part: Part, numbers: np.ndarray, name: str) -> pd.DataFrame:
    """One table of a partition's report in the input's terms: global group numbers,
    the input's row labels."""
    return in_input_terms(part, numbers, name, written(part.report, name))


def in_input_terms(part: Part, numbers: np.ndarray, name: str, table: pd.DataFrame) -> pd.DataFrame:
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


def keys_of(part: Part) -> pd.DataFrame:
    return part.group_keys


def sizes_of(part: Part) -> dict[str, Any]:
    report = part.report
    sizes: dict[str, Any] = {name: report._size(name) for name in TABLES[:4]}
    sizes["claims"] = report._claim_counts()[0]
    sizes["unread"], sizes["weights"] = len(report.unread), len(report.weights)
    verdicts = report._column("groups", "verdict").value_counts()
    sizes["verdicts"] = {str(k): int(v) for k, v in verdicts.items()}
    return sizes


def summed(*sizes: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(TABLES, 0)
    verdicts: dict[str, int] = {}
    for one in sizes:
        for name in TABLES:
            out[name] += one[name]
        for verdict, count in one["verdicts"].items():
            verdicts[verdict] = verdicts.get(verdict, 0) + count
    out["verdicts"] = dict(sorted(verdicts.items(), key=lambda kv: RANK.get(kv[0], 9)))
    return out


def flow_measures(part: Part) -> list[str]:
    column = part.report._column
    kind, unit, measure = (column("groups", c) for c in ("measure_kind", "unit", "measure"))
    return sorted(set(measure[(kind == "flow") & (unit != "percent")].astype(str)))


def ask(part: Part, measure: str, start: date | str | None, end: date | str) -> Implied:
    return part.report.consensus(measure, start=start, end=end)
