"""Claims as columns: a canonical claims frame read once into numpy arrays.

The rows of the frame are *mentions*; rows sharing a ``claim_id`` are one claim
(its id is taken from the column, computed once by :func:`claimrec.normalize` or
:func:`claimrec.to_frame`). :class:`ClaimTable` holds one entry per claim, read
from its first row; days are proleptic ordinals, 0 where a window has no start
(a running total) or no end (unknown), and where a claim has no publication day.

A frame is read directly when it is *clean* — the dtypes :func:`claimrec.to_frame`
writes and values every record accepts. Any other canonical frame (read back from
CSV or JSON, edited by hand) is first read claim by claim with
:func:`claimrec.from_frame`, which names every bad cell, and written back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, cast

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.frame import CANONICAL_COLUMNS, from_frame, to_frame
from claimrec.record import MEASURE_KINDS, MODALITIES, Claim, merge_mentions
from claimrec.sanitize import safe_record
from claimrec.units import parse_unit, unit_name
from claimrec.value import KINDS

__all__ = ["NO_DAY", "ClaimTable", "Mentions", "read_frame"]

#: The day number of a missing day (ordinals start at 1).
NO_DAY = 0

Objects = NDArray[np.object_]
Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

_DATE_COLUMNS = ("start_earliest", "start_latest", "end_earliest", "end_latest")
_TEXT_COLUMNS = (
    "claim_id",
    "kind",
    "unit",
    "value_text",
    "counted",
    "measure",
    "measure_text",
    "measure_kind",
    "method",
    "modality",
    "window_kind",
    "window_text",
    "reporter",
    "reporter_as_written",
    "reporter_kind",
    "reporter_text",
    "via",
    "document",
    "url",
    "published",
    "quote",
)


#: What makes two mentions of one claim two places (``Source`` equality).
_SOURCE_COLUMNS = ("document", "url", "via", "published", "quote", "span_start", "span_end")


@dataclass(frozen=True, slots=True)
class ClaimTable:
    """One entry per claim, in order of first mention. Text columns are object
    arrays of ``str`` or None; ``stated`` and ``precision`` are NaN where absent."""

    ids: Objects
    reporter: Objects
    measure: Objects
    measure_text: Objects
    measure_kind: Objects
    modality: Objects
    method: Objects
    counted: Objects
    kind: Objects
    stated: Floats
    low: Floats
    high: Floats
    low_closed: Bools
    high_closed: Bools
    precision: Floats
    unit: Objects  # unit names
    start_earliest: Ints
    start_latest: Ints
    end_earliest: Ints
    end_latest: Ints
    window_kind: Objects
    window_text: Objects
    published_earliest: Ints
    published_latest: Ints

    def __len__(self) -> int:
        return int(self.ids.size)

    def take(self, index: Ints) -> ClaimTable:
        return ClaimTable(*(getattr(self, name)[index] for name in self.__slots__))

    def window_key(self) -> Ints:
        """Codes equal exactly for equal windows (days and kind; not the text)."""
        return _codes(
            self.start_earliest,
            self.start_latest,
            self.end_earliest,
            self.end_latest,
            _factor(self.window_kind),
        )


@dataclass(frozen=True, slots=True)
class Mentions:
    """The rows of a clean canonical frame and the claim each row mentions."""

    frame: pd.DataFrame
    claim: Ints  # claim index of each row
    positional: bool  # rows keep their place and label (read from a frame)


def _factor(values: Objects | NDArray[np.generic]) -> Ints:
    codes: Ints = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)[0]
    return codes.astype(np.int64)


def _codes(*columns: NDArray[np.generic]) -> Ints:
    """Codes (0..k-1, first appearance order) of the distinct rows of ``columns``."""
    if not columns:
        return np.zeros(0, dtype=np.int64)
    code = np.zeros(columns[0].size, dtype=np.int64)
    for column in columns:
        cells = column if column.dtype.kind in "iufb" else pd.Series(column, dtype=object)
        k, uniques = pd.factorize(cells, use_na_sentinel=False)
        code = code * (len(uniques) + 1) + k.astype(np.int64)
        code = pd.factorize(code)[0].astype(np.int64)  # renumbered: never overflows
    return code


def codes_of(*columns: NDArray[np.generic]) -> Ints:
    """Codes (first appearance order) of the distinct combinations of ``columns``."""
    return _codes(*columns)


def objects(column: pd.Series) -> Objects:
    """A column as an object array, missing cells as None."""
    cells: Objects = cast(Any, column).to_numpy(dtype=object, na_value=None)
    return cells


def _texts(column: pd.Series) -> Objects | None:
    """A text column as an object array of str/None; None when it holds anything else."""
    cells = objects(column)
    kinds = pd.unique(pd.Series([type(x) for x in pd.unique(cells)], dtype=object))
    if any(t is not str and t is not type(None) for t in kinds):
        return None
    return cells


def _days(column: pd.Series) -> Ints | None:
    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    days = np.empty(len(uniques) + 1, dtype=np.int64)
    for k, cell in enumerate(uniques):
        if not isinstance(cell, date) or hasattr(cell, "hour"):
            return None
        days[k] = cell.toordinal()
    days[-1] = NO_DAY
    return days[codes]


@cache
def _unit_ok(name: str) -> bool:
    try:
        return unit_name(parse_unit(name)) == name
    except ValueError:
        return False


@cache
def _published_days(text: str) -> tuple[int, int] | None:
    from claimrec.read.times import parse_reference

    try:
        found = parse_reference(text)
    except ValueError:
        return None
    if str(found) != text:
        return None
    return found.earliest.toordinal(), found.latest.toordinal()


def _bools(column: pd.Series) -> Bools | None:
    if column.dtype != bool and (str(column.dtype) != "boolean" or bool(column.isna().any())):
        return None
    flags: Bools = column.to_numpy(dtype=bool)
    return flags


def _floats(column: pd.Series) -> Floats | None:
    if column.dtype != np.float64:
        return None
    numbers: Floats = column.to_numpy(dtype=np.float64)
    return numbers


def _is_clean_table(t: ClaimTable, frame: pd.DataFrame) -> bool:
    """The checks :class:`~claimrec.Value`, :class:`~claimrec.Window` and
    :class:`~claimrec.Claim` make, over whole columns."""
    low, high, stated, precision = t.low, t.high, t.stated, t.precision
    if np.isnan(low).any() or np.isnan(high).any():
        return False
    if not set(pd.unique(t.kind)) <= set(KINDS):
        return False
    if not all(isinstance(u, str) and _unit_ok(u) for u in pd.unique(t.unit)):
        return False
    has_stated = ~np.isnan(stated)
    bad = (
        (low > high)
        | (low == np.inf)
        | (high == -np.inf)
        | (np.isinf(low) & t.low_closed)
        | (np.isinf(high) & t.high_closed)
        | ((low == high) & ~(t.low_closed & t.high_closed))
        | (has_stated & (np.isinf(stated) | ~((low <= stated) & (stated <= high))))
        | (~np.isnan(precision) & ~((precision > 0) & np.isfinite(precision)))
        | ((t.unit == "count") & (low < 0))
    )
    if bad.any():
        return False
    se, sl, ee, el = t.start_earliest, t.start_latest, t.end_earliest, t.end_latest
    known = (se != NO_DAY) == (sl != NO_DAY)
    known &= (ee != NO_DAY) == (el != NO_DAY)
    if not known.all():
        return False
    has_start, has_end = se != NO_DAY, ee != NO_DAY
    point = t.window_kind == "point"
    if not set(pd.unique(t.window_kind)) <= {"period", "point"}:
        return False
    wrong = (has_start & (se > sl)) | (has_end & (ee > el)) | (has_start & has_end & (se > el))
    if (wrong | (point & has_start)).any():
        return False
    if not set(pd.unique(t.measure_kind)) <= set(MEASURE_KINDS):
        return False
    if not set(pd.unique(t.modality)) <= set(MODALITIES):
        return False
    if any(x is None for x in pd.unique(t.measure)) or any(x is None for x in pd.unique(t.ids)):
        return False
    if any(x is None for x in pd.unique(t.window_text)):
        return False
    # Texts that records store as missing when empty must not be empty here.
    for name in ("value_text", "counted", "measure_text", "method", "reporter_kind"):
        cells = frame[name]
        if bool(cells.isna().all()):
            continue
        if any(isinstance(x, str) and not x.strip() for x in pd.unique(cells.dropna())):
            return False
    reporters = frame["reporter"].isna().to_numpy()
    written = frame["reporter_as_written"].isna().to_numpy()
    resolved = frame["reporter_resolved"].isna().to_numpy()
    if (~reporters & (written | resolved)).any():
        return False
    spans = frame[["span_start", "span_end"]]
    if not all(str(dtype) == "Int64" for dtype in spans.dtypes):
        return False
    start_na, end_na = spans["span_start"].isna(), spans["span_end"].isna()
    if bool((start_na != end_na).any()):
        return False
    both = ~start_na
    if bool(both.any()):
        s = spans["span_start"][both].to_numpy(dtype=np.int64)
        e = spans["span_end"][both].to_numpy(dtype=np.int64)
        if ((s < 0) | (s > e)).any():
            return False
    return True


def _table(frame: pd.DataFrame) -> tuple[ClaimTable, Ints] | None:
    """The claim table of a clean canonical frame and the claim of each row (None when
    the frame is not clean)."""
    texts: dict[str, Objects] = {}
    for name in _TEXT_COLUMNS:
        cells = _texts(frame[name])
        if cells is None:
            return None
        texts[name] = cells
    days: dict[str, Ints] = {}
    for name in _DATE_COLUMNS:
        found = _days(frame[name])
        if found is None:
            return None
        days[name] = found
    floats: dict[str, Floats] = {}
    for name in ("stated", "low", "high", "precision"):
        number = _floats(frame[name])
        if number is None:
            return None
        floats[name] = number
    bools: dict[str, Bools] = {}
    for name in ("low_closed", "high_closed"):
        flags = _bools(frame[name])
        if flags is None:
            return None
        bools[name] = flags
    claim_codes, _ = pd.factorize(pd.Series(texts["claim_id"], dtype=object))
    claim = claim_codes.astype(np.int64)
    if (claim < 0).any():
        return None
    first = np.full(int(claim.max(initial=-1)) + 1, -1, dtype=np.int64)
    first[claim[::-1]] = np.arange(claim.size - 1, -1, -1)
    published = np.zeros((first.size, 2), dtype=np.int64)
    pub_codes, pub_uniques = pd.factorize(pd.Series(texts["published"][first], dtype=object))
    pub_days = np.zeros((len(pub_uniques) + 1, 2), dtype=np.int64)
    for k, text in enumerate(pub_uniques):
        span = _published_days(str(text))
        if span is None:
            return None
        pub_days[k] = span
    published = pub_days[pub_codes]
    table = ClaimTable(
        ids=texts["claim_id"][first],
        reporter=texts["reporter"][first],
        measure=texts["measure"][first],
        measure_text=texts["measure_text"][first],
        measure_kind=texts["measure_kind"][first],
        modality=texts["modality"][first],
        method=texts["method"][first],
        counted=texts["counted"][first],
        kind=texts["kind"][first],
        stated=floats["stated"][first],
        low=floats["low"][first],
        high=floats["high"][first],
        low_closed=bools["low_closed"][first],
        high_closed=bools["high_closed"][first],
        precision=floats["precision"][first],
        unit=texts["unit"][first],
        start_earliest=days["start_earliest"][first],
        start_latest=days["start_latest"][first],
        end_earliest=days["end_earliest"][first],
        end_latest=days["end_latest"][first],
        window_kind=texts["window_kind"][first],
        window_text=texts["window_text"][first],
        published_earliest=published[:, 0].copy(),
        published_latest=published[:, 1].copy(),
    )
    every: dict[str, Any] = {**texts, **days, **floats, **bools}
    whole = ClaimTable(  # the checks see every row, not only first mentions
        *(every[n] if n in every else getattr(table, n)[claim] for n in ClaimTable.__slots__)
    )
    if not _is_clean_table(whole, frame):
        return None
    return table, claim


def read_frame(frame: pd.DataFrame) -> tuple[ClaimTable, Mentions]:
    """The claims of a canonical frame (rows that failed to read already removed)."""
    found = _table(frame) if set(CANONICAL_COLUMNS) <= set(frame.columns) else None
    if found is not None:
        table, claim = found
        frame = frame[list(CANONICAL_COLUMNS)]
        # Rows of one claim from the same place (same source fields) are one mention.
        place = codes_of(
            claim,
            *(objects(frame[name]) for name in _SOURCE_COLUMNS),
        )
        firsts = np.unique(place, return_index=True)[1]
        if firsts.size < len(frame):
            keep = np.sort(firsts)
            frame, claim = frame.iloc[keep], claim[keep]
        return table, Mentions(frame, claim, positional=True)
    # Not clean: read claim by claim (naming every bad cell), then write back.
    claims = merge_mentions(from_frame(frame))
    return read_claims_list(claims)


def read_claims_list(items: list[Claim]) -> tuple[ClaimTable, Mentions]:
    """The claims of a list of :class:`~claimrec.Claim` (mentions merged)."""
    claims = merge_mentions(safe_record(c) for c in items)
    positions = [s.position for c in claims for s in (c.sources or ())]
    counted = sum(max(len(c.sources), 1) for c in claims)
    positional = (
        bool(claims)
        and len(positions) == counted
        and None not in positions
        and len(set(positions)) == len(positions)
    )
    frame = to_frame(claims)
    found = _table(frame)
    if found is None:  # pragma: no cover - to_frame writes clean frames
        raise AssertionError("to_frame wrote a frame that does not read back")
    table, claim = found
    return table, Mentions(frame, claim, positional=positional)
