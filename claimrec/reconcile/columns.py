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
    "published",
)
#: Text columns passed through as they are (checked to hold text).
_OTHER_TEXT_COLUMNS = ("value_text", "reporter_text", "via", "document", "url", "quote")


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
    codes: dict[str, Ints]  # per claim: codes of its text columns (equal text, equal code)

    def __len__(self) -> int:
        return int(self.ids.size)

    def window_key(self) -> Ints:
        """Codes equal exactly for equal windows (days and kind; not the text)."""
        return _codes(
            self.start_earliest,
            self.start_latest,
            self.end_earliest,
            self.end_latest,
            self.codes["window_kind"],
        )


@dataclass(frozen=True, slots=True)
class Mentions:
    """The rows of a clean canonical frame and the claim each row mentions."""

    frame: pd.DataFrame
    claim: Ints  # claim index of each row
    positional: bool  # rows keep their place and label (read from a frame)


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


_EPOCH = date(1970, 1, 1).toordinal()


def dates(days: Ints, present: Bools) -> Objects:
    """``date`` objects of day ordinals where ``present`` (None elsewhere), converted in
    one numpy pass."""
    shifted = np.where(present, days, _EPOCH) - _EPOCH
    out: Objects = shifted.astype("datetime64[D]").astype(object)
    out[~present] = None
    return out


def objects(column: pd.Series) -> Objects:
    """A column as an object array, missing cells as None."""
    cells: Objects = cast(Any, column).to_numpy(dtype=object, na_value=None)
    return cells


@dataclass(frozen=True, slots=True)
class Text:
    """A text column as codes per row (-1: missing) and its distinct values (with None
    last, so that ``uniques[codes]`` is the column)."""

    codes: Ints
    uniques: Objects

    @property
    def missing(self) -> Bools:
        flags: Bools = self.codes < 0
        return flags

    def code_of(self, value: str) -> int:
        found = np.flatnonzero(self.uniques[:-1] == value)
        return int(found[0]) if found.size else -2


def _text(column: pd.Series) -> Text | None:
    """The codes of a text column; None when it holds anything but text."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    values = np.empty(len(uniques) + 1, dtype=object)
    values[:-1] = np.asarray(uniques, dtype=object)
    values[-1] = None
    typed = isinstance(column.dtype, pd.StringDtype)  # holds text by construction
    if not typed and not all(isinstance(x, str) for x in values[:-1].tolist()):
        return None
    return Text(codes.astype(np.int64), values)


def _holds_text(column: pd.Series, *, empty: bool = True) -> bool:
    """Whether a column holds only text (or missing cells); with ``empty`` False, no
    empty or blank text either."""
    if isinstance(column.dtype, pd.StringDtype):
        if empty:
            return True
        stripped = column.dropna().str.strip()
        return not bool((stripped == "").any())
    cells = column.dropna()
    return all(isinstance(x, str) and (empty or x.strip()) for x in pd.unique(cells))


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


def _is_clean(
    texts: dict[str, Text],
    days: dict[str, Ints],
    floats: dict[str, Floats],
    bools: dict[str, Bools],
    frame: pd.DataFrame,
) -> bool:
    """The checks :class:`~claimrec.Value`, :class:`~claimrec.Window` and
    :class:`~claimrec.Claim` make, over whole columns (text ones by distinct value)."""
    for name in ("claim_id", "kind", "unit", "measure", "measure_kind", "modality",
                 "window_kind", "window_text"):  # fmt: skip
        if texts[name].missing.any():
            return False

    def values(name: str) -> set[object]:
        return set(texts[name].uniques[:-1].tolist())

    if not (
        values("kind") <= set(KINDS)
        and values("window_kind") <= {"period", "point"}
        and values("measure_kind") <= set(MEASURE_KINDS)
        and values("modality") <= set(MODALITIES)
        and all(_unit_ok(str(u)) for u in values("unit"))
    ):
        return False
    # Texts that records store as missing when empty must not be empty here.
    for name in ("counted", "measure_text", "method", "reporter_kind"):
        if any(not str(x).strip() for x in texts[name].uniques[:-1].tolist()):
            return False
    low, high, stated, precision = (
        floats["low"],
        floats["high"],
        floats["stated"],
        floats["precision"],
    )
    low_closed, high_closed = bools["low_closed"], bools["high_closed"]
    if np.isnan(low).any() or np.isnan(high).any():
        return False
    count = texts["unit"].code_of("count")
    has_stated = ~np.isnan(stated)
    with np.errstate(invalid="ignore"):
        bad = (
            (low > high)
            | (low == np.inf)
            | (high == -np.inf)
            | (np.isinf(low) & low_closed)
            | (np.isinf(high) & high_closed)
            | ((low == high) & ~(low_closed & high_closed))
            | (has_stated & (np.isinf(stated) | ~((low <= stated) & (stated <= high))))
            | (~np.isnan(precision) & ~((precision > 0) & np.isfinite(precision)))
            | ((texts["unit"].codes == count) & (low < 0))
        )
    if bad.any():
        return False
    se, sl = days["start_earliest"], days["start_latest"]
    ee, el = days["end_earliest"], days["end_latest"]
    has_start, has_end = se != NO_DAY, ee != NO_DAY
    if ((sl != NO_DAY) != has_start).any() or ((el != NO_DAY) != has_end).any():
        return False
    point = texts["window_kind"].codes == texts["window_kind"].code_of("point")
    wrong = (has_start & (se > sl)) | (has_end & (ee > el)) | (has_start & has_end & (se > el))
    if (wrong | (point & has_start)).any():
        return False
    reporters = texts["reporter"].missing
    written = texts["reporter_as_written"].missing
    resolved = frame["reporter_resolved"].isna().to_numpy()
    if (~reporters & (written | resolved)).any():
        return False
    spans = frame[["span_start", "span_end"]]
    if not all(str(dtype) == "Int64" for dtype in spans.dtypes):
        return False
    start_na = spans["span_start"].isna().to_numpy()
    end_na = spans["span_end"].isna().to_numpy()
    if (start_na != end_na).any():
        return False
    both = ~start_na
    if both.any():
        s = spans["span_start"].to_numpy(dtype=np.float64, na_value=0)
        e = spans["span_end"].to_numpy(dtype=np.float64, na_value=0)
        if ((s < 0) | (s > e))[both].any():
            return False
    return True


def _table(frame: pd.DataFrame) -> tuple[ClaimTable, Ints, dict[str, Text]] | None:
    """The claim table of a clean canonical frame, the claim of each row and the text
    columns as codes (None when the frame is not clean)."""
    texts: dict[str, Text] = {}
    for name in _TEXT_COLUMNS:
        found_text = _text(frame[name])
        if found_text is None:
            return None
        texts[name] = found_text
    for name in _OTHER_TEXT_COLUMNS:
        if not _holds_text(frame[name]):
            return None
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
    if not _holds_text(frame["value_text"], empty=False):
        return None
    if not _is_clean(texts, days, floats, bools, frame):
        return None
    claim = texts["claim_id"].codes
    first = np.full(int(claim.max(initial=-1)) + 1, -1, dtype=np.int64)
    first[claim[::-1]] = np.arange(claim.size - 1, -1, -1)
    published = texts["published"]
    pub_days = np.zeros((published.uniques.size, 2), dtype=np.int64)
    for k, written in enumerate(published.uniques[:-1].tolist()):
        span = _published_days(str(written))
        if span is None:
            return None
        pub_days[k] = span
    pub = pub_days[published.codes[first]]

    def text(name: str) -> Objects:
        column = texts[name]
        taken: Objects = column.uniques[column.codes[first]]
        return taken

    table = ClaimTable(
        ids=text("claim_id"),
        reporter=text("reporter"),
        measure=text("measure"),
        measure_text=text("measure_text"),
        measure_kind=text("measure_kind"),
        modality=text("modality"),
        method=text("method"),
        counted=text("counted"),
        kind=text("kind"),
        stated=floats["stated"][first],
        low=floats["low"][first],
        high=floats["high"][first],
        low_closed=bools["low_closed"][first],
        high_closed=bools["high_closed"][first],
        precision=floats["precision"][first],
        unit=text("unit"),
        start_earliest=days["start_earliest"][first],
        start_latest=days["start_latest"][first],
        end_earliest=days["end_earliest"][first],
        end_latest=days["end_latest"][first],
        window_kind=text("window_kind"),
        window_text=text("window_text"),
        published_earliest=pub[:, 0].copy(),
        published_latest=pub[:, 1].copy(),
        codes={
            name: texts[name].codes[first]
            for name in (
                "reporter",
                "measure",
                "measure_kind",
                "modality",
                "method",
                "unit",
                "kind",
                "window_kind",
                "counted",
                "measure_text",
            )
        },
    )
    return table, claim, texts


def repeated_places(frame: pd.DataFrame, owner: Ints, rows: Ints) -> Ints:
    """Those of ``rows`` (positions in ``frame``; ``owner`` their claims) that repeat an
    earlier row of the same claim from the same place. Columns are compared one after
    the other, each only among rows still alike, so a column of distinct URLs settles
    almost every row at once."""
    key = pd.factorize(owner)[0].astype(np.int64)
    alike = np.arange(rows.size)
    for name in ("url", "quote", "document", "via", "published", "span_start", "span_end"):
        repeated = np.bincount(key)[key] > 1
        alike, key = alike[repeated], key[repeated]
        if alike.size == 0:
            return np.zeros(0, dtype=np.int64)
        codes = pd.factorize(frame[name].iloc[rows[alike]], use_na_sentinel=False)[0]
        key = codes_of(key, codes.astype(np.int64))
    firsts = np.unique(key, return_index=True)[1]
    later = np.ones(alike.size, dtype=bool)
    later[firsts] = False
    return np.sort(rows[alike[later]])


def read_frame(frame: pd.DataFrame) -> tuple[ClaimTable, Mentions]:
    """The claims of a canonical frame (rows that failed to read already removed)."""
    found = _table(frame) if set(CANONICAL_COLUMNS) <= set(frame.columns) else None
    if found is not None:
        table, claim, _ = found
        frame = frame[list(CANONICAL_COLUMNS)]
        # Rows of one claim from the same place (same source fields) are one mention.
        again = np.flatnonzero(np.bincount(claim)[claim] > 1)
        if again.size:
            drop = repeated_places(frame, claim[again], again)
            if drop.size:
                keep = np.setdiff1d(np.arange(claim.size), drop)
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
    table, claim, _ = found
    return table, Mentions(frame, claim, positional=positional)
