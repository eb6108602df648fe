"""Claims as DataFrames: normalize loose tables, convert claims to and from frames.

The canonical claims frame has one row per mention (a claim relayed by three
outlets is three rows sharing one ``claim_id``); its columns are listed in
``CANONICAL_COLUMNS`` and documented in ``docs/columns.md``.

Work is done per distinct input, not per row: a column of a million cells
with a few thousand distinct figures parses a few thousand figures, and the
results are spread back onto the rows with numpy ``take``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd

from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimError, ClaimrecError, ClaimsFrameError
from claimrec.lexicon import Lexicon
from claimrec.measure import MeasureSynonyms, infer_measure_kind, measure_key
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.times import parse_reference
from claimrec.record import (
    MEASURE_KINDS,
    MENTION_TEXTS,
    Claim,
    MeasureKind,
    Source,
    check_value,
    claim_identity,
    read_modality,
    read_published,
    read_reporter,
    read_value,
    read_window,
)
from claimrec.reporter import Reporter, ReporterTable
from claimrec.sanitize import safe_frame, safe_record, safe_texts
from claimrec.units import parse_unit, unit_name
from claimrec.value import Value
from claimrec.window import Window

__all__ = [
    "CANONICAL_COLUMNS",
    "INPUT_COLUMNS",
    "from_frame",
    "normalize",
    "to_frame",
]

Errors = Literal["raise", "coerce"]

# The canonical columns, part by part (each part is read once per distinct input).
_VALUE_COLUMNS = ("stated", "low", "high", "low_closed", "high_closed", "kind", "precision", "unit")
_WINDOW_COLUMNS = (
    "start_earliest",
    "start_latest",
    "end_earliest",
    "end_latest",
    "window_kind",
    "window_text",
)
_REPORTER_COLUMNS = ("reporter", "reporter_as_written", "reporter_resolved", "reporter_kind")

#: The columns of the canonical claims frame, in order (``docs/columns.md``).
CANONICAL_COLUMNS: tuple[str, ...] = (
    "claim_id",
    *_VALUE_COLUMNS,
    "value_text",
    "counted",
    "measure",
    "measure_text",
    "measure_kind",
    "method",
    "modality",
    *_WINDOW_COLUMNS,
    *_REPORTER_COLUMNS,
    "reporter_text",
    "via",
    "document",
    "url",
    "published",
    "quote",
    "span_start",
    "span_end",
)

#: Columns ``normalize`` reads from a loose table (named like ``claim()``'s parameters).
INPUT_COLUMNS: tuple[str, ...] = (
    "value",
    "unit",
    "counted",
    "measure",
    "measure_kind",
    "window",
    "window_start",
    "window_end",
    "reporter",
    "published",
    "via",
    "url",
    "document",
    "quote",
    "span_start",
    "span_end",
    "method",
    "modality",
    "reporter_text",
)

_FLOAT_COLUMNS = ("stated", "low", "high", "precision")
_BOOL_COLUMNS = ("low_closed", "high_closed", "reporter_resolved")
_INT_COLUMNS = ("span_start", "span_end")
_DATE_COLUMNS = ("start_earliest", "start_latest", "end_earliest", "end_latest")

T = TypeVar("T")


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _clean(value: object) -> object:
    """Cells as claim() takes them: missing → None, numpy scalars → Python."""
    if _missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


# --- claims → frame ---------------------------------------------------------------


def _value_fields(value: Value) -> dict[str, object]:
    return {
        "stated": math.nan if value.stated is None else value.stated,
        "low": value.low,
        "high": value.high,
        "low_closed": value.low_closed,
        "high_closed": value.high_closed,
        "kind": value.kind,
        "precision": math.nan if value.precision is None else value.precision,
        "unit": unit_name(value.unit),
    }


def _window_fields(window: Window) -> dict[str, object]:
    return {
        "start_earliest": window.start_earliest,
        "start_latest": window.start_latest,
        "end_earliest": window.end_earliest,
        "end_latest": window.end_latest,
        "window_kind": window.kind,
        "window_text": window.text,
    }


def _reporter_fields(reporter: Reporter | None) -> dict[str, object]:
    if reporter is None:
        return {
            "reporter": None,
            "reporter_as_written": None,
            "reporter_resolved": None,
            "reporter_kind": None,
        }
    return {
        "reporter": reporter.name,
        "reporter_as_written": reporter.as_written,
        "reporter_resolved": reporter.resolved,
        "reporter_kind": reporter.kind,
    }


def _source_fields(source: Source) -> dict[str, object]:
    return {
        "via": source.via,
        "document": source.document,
        "url": source.url,
        "published": None if source.published is None else str(source.published),
        "quote": source.quote,
        "span_start": None if source.span is None else source.span[0],
        "span_end": None if source.span is None else source.span[1],
    }


def _claim_fields(item: Claim) -> dict[str, object]:
    """The canonical fields of a claim, all but those of its sources."""
    fields: dict[str, object] = {"claim_id": item.id}
    fields.update(_value_fields(item.value))
    fields.update(
        value_text=item.value_text or None,
        counted=item.counted,
        measure=item.measure,
        measure_text=item.measure_text or None,
        measure_kind=item.measure_kind,
        method=item.method,
        modality=item.modality,
    )
    fields.update(_window_fields(item.window))
    fields.update(_reporter_fields(item.reporter))
    fields["reporter_text"] = item.reporter_text or None
    return fields


def _typed_frame(columns: dict[str, list[object]], index: pd.Index | None) -> pd.DataFrame:
    """Give every canonical column its documented dtype. ``columns`` is consumed: each
    list is let go once its column is built, so a large table is not held twice."""
    data: dict[str, Any] = {}
    arrow_strings = _arrow_strings()
    for name in list(columns):
        cells: Any = columns.pop(name)  # pandas' stubs want one element type per dtype
        if name in _FLOAT_COLUMNS:
            if all(type(cell) in _NUMBER_TYPES for cell in cells):
                data[name] = np.array(cells, dtype="float64")  # what pandas makes of them
            else:
                data[name] = pd.Series(cells, dtype="float64", index=index)
        elif name in _BOOL_COLUMNS:
            data[name] = pd.array(cells, dtype="boolean")
        elif name in _INT_COLUMNS:
            data[name] = pd.array(cells, dtype="Int64")
        elif name in _DATE_COLUMNS:
            data[name] = np.empty(len(cells), dtype=object)
            data[name][:] = cells  # dates or None, kept as they are
        elif (
            arrow_strings is not None
            and all(type(cell) in _TEXT_TYPES for cell in cells)
            and (strings := arrow_strings(cells)) is not None
        ):
            data[name] = strings
        else:
            try:
                data[name] = pd.Series(cells, dtype="string", index=index)
            except UnicodeEncodeError:  # records built by hand, past the entry points
                data[name] = pd.Series(safe_texts(cells, where=name), dtype="string", index=index)
    return pd.DataFrame(data, index=index)


_NUMBER_TYPES = (float, int, type(None))
_TEXT_TYPES = (str, type(None))


def _arrow_strings() -> Callable[[Sequence[str | None]], Any] | None:
    """A maker of pandas "string" arrays straight from Arrow, when that is how pandas
    stores them (about ten times faster than pandas' check of every cell; the cells
    must be text or None; None back for text Arrow refuses), else None."""
    dtype = pd.StringDtype()
    if dtype.storage != "pyarrow" or dtype.na_value is not pd.NA:
        return None
    try:
        import pyarrow as pa
    except ImportError:
        return None

    def make(cells: Sequence[str | None]) -> Any:
        try:
            return pd.array(pa.array(cells, type=pa.large_string()), dtype=dtype)
        except (UnicodeError, pa.ArrowException):  # unencodable text: the caller's way
            return None

    return make


# How each mention text is written when empty (window texts are "", others missing).
_EMPTY_TEXT: dict[str, str] = {"window_text": ""}


def _mention_text(item: Claim, name: str) -> str | None:
    """The claim's own text of a :data:`MENTION_TEXTS` field (None when empty)."""
    texts: dict[str, str | None] = {
        "value_text": item.value_text,
        "counted": item.counted,
        "measure_text": item.measure_text,
        "window_text": item.window.text,
        "reporter_as_written": None if item.reporter is None else item.reporter.as_written,
        "reporter_text": item.reporter_text,
    }
    return texts[name] or None


def to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The canonical claims frame: one row per mention, columns ``CANONICAL_COLUMNS``.

    Each mention's row holds its own texts (``value_text`` … where its source has
    them). When every mention was read from a claims frame (:func:`from_frame`),
    the rows go back to their places and keep that frame's index labels; otherwise
    the index is a RangeIndex.
    """
    # Rows as tuples in the canonical order (a dict per row costs five times the memory:
    # a batch of files can hold hundreds of thousands of rows), then one list per column.
    rows: list[tuple[object, ...]] = []
    places: list[tuple[int | None, Hashable]] = []
    for item in claims:
        shared = _claim_fields(item)
        for source in item.sources or (Source(),):
            row = dict(shared)
            row.update(_source_fields(source))
            for name in MENTION_TEXTS:
                own = getattr(source, name)
                if own is not None:
                    row[name] = own or _EMPTY_TEXT.get(name)
            rows.append(tuple(map(row.__getitem__, CANONICAL_COLUMNS)))
            places.append((source.position, source.row))
    index: pd.Index = pd.RangeIndex(len(rows))
    positions = [position for position, _ in places]
    if rows and None not in positions and len(set(positions)) == len(positions):
        order = sorted(range(len(rows)), key=lambda i: positions[i])  # type: ignore[arg-type,return-value]
        rows = [rows[i] for i in order]
        index = pd.Index([places[i][1] for i in order])
    cells = [list(column) for column in zip(*rows, strict=True)] if rows else []
    del rows
    columns = dict(zip(CANONICAL_COLUMNS, cells or [[] for _ in CANONICAL_COLUMNS], strict=True))
    del cells
    return _typed_frame(columns, index)


# --- frame → claims --------------------------------------------------------------


def _as_date(value: object, field_name: str) -> date | None:
    value = _clean(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ClaimError("expected an ISO date", field=field_name, text=str(value)) from None


def _as_bool(value: object, field_name: str) -> bool:
    value = _clean(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    raise ClaimError("expected true or false", field=field_name, text=repr(value))


def _as_float(value: object, field_name: str) -> float | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        return float(str(value)) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ClaimError("expected a number", field=field_name, text=repr(value)) from None


def _as_text(value: object) -> str | None:
    value = _clean(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a CSV reader's guess at a column of years
    return None if value is None else str(value)


def _bound(cell: object, field_name: str, closed: object) -> float:
    bound = _as_float(cell, field_name)
    if bound is not None and not math.isnan(bound):
        return bound
    # JSON has no infinity (pandas writes ±inf as null): a missing bound is read as
    # unbounded only where the row says that end is open; a closed end must be a number.
    if _clean(closed) is False or (isinstance(closed, str) and closed.strip().lower() == "false"):
        return -math.inf if field_name == "low" else math.inf
    raise ClaimError(
        "a bound is missing (NaN) on an end that is not marked open; "
        "an open end is written -inf or inf",
        field=field_name,
        text="" if bound is None else "nan",
    )


def _claim_from_row(row: Mapping[str, object]) -> Claim:
    value = check_value(
        Value(
            stated=_as_float(row["stated"], "stated"),
            low=_bound(row["low"], "low", row["low_closed"]),
            high=_bound(row["high"], "high", row["high_closed"]),
            low_closed=_as_bool(row["low_closed"], "low_closed"),
            high_closed=_as_bool(row["high_closed"], "high_closed"),
            kind=str(row["kind"]),  # type: ignore[arg-type]  # validated by Value
            unit=parse_unit(str(row["unit"])),
            precision=_as_float(row["precision"], "precision"),
        )
    )
    window = Window(
        start_earliest=_as_date(row["start_earliest"], "start_earliest"),
        start_latest=_as_date(row["start_latest"], "start_latest"),
        end_earliest=_as_date(row["end_earliest"], "end_earliest"),
        end_latest=_as_date(row["end_latest"], "end_latest"),
        kind=str(row["window_kind"]),  # type: ignore[arg-type]  # validated by Window
        text=_as_text(row["window_text"]) or "",
    )
    reporter_name = _as_text(row["reporter"])
    reporter = (
        None
        if reporter_name is None
        else Reporter(
            name=reporter_name,
            resolved=_as_bool(row["reporter_resolved"], "reporter_resolved"),
            as_written=_as_text(row["reporter_as_written"]) or reporter_name,
            kind=_as_text(row["reporter_kind"]),
        )
    )
    kind = str(row["measure_kind"])
    if kind not in MEASURE_KINDS:
        raise ClaimError("must be 'flow' or 'level'", field="measure_kind", text=kind)
    measure_kind: MeasureKind = "flow" if kind == "flow" else "level"
    return Claim(
        value=value,
        value_text=_as_text(row["value_text"]) or "",
        measure=str(row["measure"]),
        measure_text=_as_text(row["measure_text"]) or "",
        measure_kind=measure_kind,
        method=_as_text(row["method"]),
        modality=read_modality(_as_text(row["modality"])),
        reporter_text=_as_text(row["reporter_text"]) or "",
        window=window,
        reporter=reporter,
        counted=_as_text(row["counted"]),
        sources=(_source_from_row(row),),
    )


def _source_from_row(row: Mapping[str, object]) -> Source:
    published = _as_text(row["published"])
    span_start, span_end = _clean(row["span_start"]), _clean(row["span_end"])
    span = None
    if span_start is not None or span_end is not None:
        start, end = _offset(span_start), _offset(span_end)
        if start is None or end is None or start > end:
            raise ClaimError(
                "span_start and span_end are character offsets with 0 <= start <= end",
                field="span",
                text=f"{span_start!r}, {span_end!r}",
            )
        span = (start, end)
    return Source(
        document=_as_text(row["document"]),
        url=_as_text(row["url"]),
        via=_as_text(row["via"]),
        published=None if published is None else parse_reference(published),
        quote=_as_text(row["quote"]),
        span=span,
    )


def from_frame(df: pd.DataFrame) -> list[Claim]:
    """Claims from a canonical frame (as written by :func:`to_frame`, or read back
    from Parquet, CSV or JSON). Rows sharing a ``claim_id`` become one claim with
    several sources (one per row, each with its own texts, row label and position),
    in order of first appearance; :func:`to_frame` gives the frame back, rows and
    index included."""
    df = safe_frame(df)
    missing = [name for name in CANONICAL_COLUMNS if name not in df.columns]
    if missing and len(df) == 0:
        return []  # an empty table read back from JSON has no columns at all
    if missing:
        raise ClaimError(
            "not a canonical claims frame; missing columns",
            field="columns",
            text=", ".join(missing),
        )
    claims: dict[str, Claim] = {}
    failures: list[ClaimrecError] = []
    records: list[dict[str, object]] = df[list(CANONICAL_COLUMNS)].to_dict(orient="records")  # type: ignore[assignment]
    for position, (label, row) in enumerate(zip(df.index, records, strict=True)):
        try:
            item = _claim_from_row(row)
        except ClaimrecError as error:
            failures.append(error.at_row(label))
            continue
        key = str(row["claim_id"]) if not _missing(row["claim_id"]) else item.id
        known = claims.get(key)
        source = replace(item.sources[0], row=label, position=position)
        if known is None:
            claims[key] = item.with_sources((source,))
            continue
        # Every row is a mention (rows in = rows out); what it writes its own way is
        # kept on its source.
        own: dict[str, Any] = {
            name: text or ""
            for name in MENTION_TEXTS
            if (text := _mention_text(item, name)) != _mention_text(known, name)
        }
        claims[key] = known.with_sources((*known.sources, replace(source, **own)))
    if failures:
        raise ClaimsFrameError(failures)
    return list(claims.values())


# --- normalize: loose table → canonical frame --------------------------------------


@dataclass(frozen=True, slots=True)
class _Cells:
    """One input column read once: a code per row (-1: missing) and its distinct cells
    as given (``cells[code]``)."""

    codes: np.ndarray
    cells: list[object]

    def cleaned(self) -> list[object]:
        """The distinct cells as readers take them (:func:`_clean`)."""
        return [_clean(cell) for cell in self.cells]


def _combine(codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One code per row for the distinct combinations of several columns' codes: the
    combination of each row (``inverse``) and one row holding each (``first``)."""
    combined = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    for column in codes:
        size = int(column.max(initial=-1)) + 2
        if combined.size and (int(combined.max()) + 1) * size >= 2**62:
            combined = np.unique(combined, return_inverse=True)[1].astype(np.int64).reshape(-1)
        combined = combined * size + column + 1
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return inverse.astype(np.int64).reshape(-1), first.astype(np.int64)


def _read_combinations(
    columns: Mapping[str, _Cells],
    codes: Mapping[str, np.ndarray],
    read: Callable[[Mapping[str, object]], T],
) -> tuple[np.ndarray, list[T | ClaimrecError]]:
    """Read each distinct combination of the given columns' codes once."""
    names = list(codes)
    inverse, first = _combine([codes[name] for name in names])
    cleaned = {name: [*columns[name].cleaned(), None] for name in names}  # [-1]: missing
    picks = {name: codes[name][first].tolist() for name in names}
    results: list[T | ClaimrecError] = []
    for position in range(len(first)):
        cells = {name: cleaned[name][picks[name][position]] for name in names}
        try:
            results.append(read(cells))
        except ClaimrecError as error:
            results.append(error)
    return inverse, results


def _read_column(
    cells: _Cells, read: Callable[[object], T]
) -> tuple[np.ndarray, list[T | ClaimrecError]]:
    """Read each distinct cell of one column once (the last reading is of a missing cell)."""
    results: list[T | ClaimrecError] = []
    for cell in [*cells.cleaned(), None]:
        try:
            results.append(read(cell))
        except ClaimrecError as error:
            results.append(error)
    inverse = np.where(cells.codes < 0, len(cells.cells), cells.codes).astype(np.int64)
    return inverse, results


def _window_cell(cells: Mapping[str, object]) -> object:
    if cells["window"] is not None:
        return cells["window"]
    if cells["window_end"] is not None:
        return (_date_cell(cells["window_start"]), _date_cell(cells["window_end"]))
    return None


def _date_cell(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a year typed as a number
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


# What a cell of each input column may hold; anything else (a list, a dict, bytes, an
# array, an object) is refused for that row, naming the column, before any reader
# sees it. Typed records (Value, Window, Reporter, DateRange) pass to the readers.
_SCALARS: tuple[type, ...] = (str, int, float, date, datetime, pd.Timestamp, np.generic)
_RECORDS: dict[str, tuple[type, ...]] = {
    "value": (Value, tuple),
    "window": (Window, tuple),
    "reporter": (Reporter,),
    "published": (DateRange,),
    "window_start": (DateRange,),
    "window_end": (DateRange,),
}


def _cell_error(name: str, cell: object) -> ClaimError | None:
    if _missing(cell) or isinstance(cell, _SCALARS):
        return None
    if isinstance(cell, _RECORDS.get(name, ())):
        try:
            hash(cell)  # a (low, high) pair of lists is not a pair of numbers
        except TypeError:
            pass
        else:
            return None
    what = "bytes (decode them to text first)" if isinstance(cell, bytes | bytearray) else None
    return ClaimError(
        f"expected text or a number, not {what or type(cell).__name__}",
        field=name,
        text=repr(cell),
    )


def _input_cells(frame: pd.DataFrame) -> tuple[dict[str, _Cells], dict[int, list[ClaimrecError]]]:
    """Each input column factorized once; cells that no reader takes are missing, with
    the error of each such cell by row position."""
    errors: dict[int, list[ClaimrecError]] = {}
    out: dict[str, _Cells] = {}
    count = len(frame)
    for name in INPUT_COLUMNS:
        if name not in frame.columns:
            out[name] = _Cells(np.full(count, -1, dtype=np.int64), [])
            continue
        column = frame[name]
        if isinstance(column, pd.DataFrame):  # two columns of one name
            raise ClaimError("the table has two columns of this name", field=name, text=name)
        refused: dict[int, ClaimrecError] = {}
        factorized: tuple[Any, Any]
        try:
            factorized = pd.factorize(column, use_na_sentinel=True)
        except TypeError:  # unhashable cells (lists, dicts): refused one by one
            cells = column.to_numpy(dtype=object).copy()  # to_numpy may share memory
            for position, cell in enumerate(cells):
                try:
                    hash(cell)
                except TypeError:
                    refused[position] = _cell_error(name, cell) or ClaimError(
                        "expected text or a number", field=name, text=repr(cell)
                    )
                    cells[position] = None
            factorized = pd.factorize(cells, use_na_sentinel=True)
        codes = np.asarray(factorized[0], dtype=np.int64)
        distinct: list[object] = list(np.asarray(factorized[1], dtype=object))
        if column.dtype == object:
            bad = {k: e for k, cell in enumerate(distinct) if (e := _cell_error(name, cell))}
            if bad:
                flags = np.zeros(len(distinct) + 1, dtype=bool)
                flags[list(bad)] = True
                for position in np.flatnonzero(flags[codes]).tolist():
                    refused[position] = bad[int(codes[position])]
                codes = np.where(flags[codes], -1, codes)
        for position in sorted(refused):
            errors.setdefault(position, []).append(refused[position])
        out[name] = _Cells(codes, distinct)
    return out, errors


def normalize(
    df: pd.DataFrame,
    *,
    errors: Errors = "raise",
    columns: Mapping[str, str] | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """The canonical claims frame of a table of loose claims.

    ``df`` has columns named like :func:`claimrec.claim`'s parameters
    (``INPUT_COLUMNS``; rename others with ``columns={"theirs": "ours"}``);
    ``value`` and ``measure`` are required. A frame that is already canonical is
    returned in canonical form unchanged (``normalize`` is idempotent).
    ``policy``, ``reporters``, ``synonyms``, ``calendar`` and ``lexicon`` are
    those :func:`claimrec.claim` takes.

    With ``errors="raise"`` every failure of every row is collected into one
    :class:`~claimrec.ClaimsFrameError`. With ``errors="coerce"`` failed rows keep
    their place with missing values, and an ``error`` column names the field,
    the text and the reason. Rows out = rows in, same order, same index; the
    input frame is never modified.

    Each distinct cell (or combination of cells, for a figure and its unit or a
    window and its publication date) is read once, so the time grows with the
    variety of the table more than with its length.
    """
    if errors not in ("raise", "coerce"):
        raise ClaimError("must be 'raise' or 'coerce'", field="errors", text=str(errors))
    df = safe_frame(df)
    frame = df.rename(columns=dict(columns)) if columns else df
    if set(CANONICAL_COLUMNS) <= set(frame.columns):
        return _renormalize(frame, errors=errors)
    for required in ("value", "measure"):
        if required not in frame.columns:
            raise ClaimError(
                "the claims table has no such column (rename yours with columns=)",
                field=required,
                text=", ".join(map(str, frame.columns)),
            )
    cells, cell_errors = _input_cells(frame)
    count = len(frame)
    codes = {name: column.codes for name, column in cells.items()}

    published = _read_column(cells["published"], read_published)
    value = _read_combinations(
        cells,
        {"value": codes["value"], "unit": codes["unit"]},
        lambda c: read_value(c["value"], unit=c["unit"], policy=policy, lexicon=lexicon),
    )
    window = _read_combinations(
        cells, _window_codes(cells, published), _window_reader(calendar, lexicon)
    )
    measure = _read_combinations(cells, _measure_codes(cells), _measure_reader(synonyms, lexicon))
    reporter = _read_column(cells["reporter"], lambda c: read_reporter(c, reporters=reporters))
    modality = _read_column(cells["modality"], read_modality)
    parts = _Parts(value, window, measure, reporter, published, modality)

    span = _span_errors(cells["span_start"], cells["span_end"])
    failed_rows = span[1][span[0]] if count else np.zeros(0, dtype=bool)
    failed_rows = failed_rows.copy()
    if cell_errors:
        failed_rows[list(cell_errors)] = True
    for inverse, results in parts.all():
        failed_unique = np.fromiter(
            (isinstance(r, ClaimrecError) for r in results), dtype=bool, count=len(results)
        )
        failed_rows |= failed_unique[inverse]

    failed = np.flatnonzero(failed_rows)
    labels = df.index[failed].tolist() if failed.size else []
    found_by_row = [
        _row_errors(int(position), parts, span, cell_errors) for position in failed.tolist()
    ]
    if errors == "raise" and failed.size:
        raise ClaimsFrameError(
            [
                e.at_row(label)
                for label, found in zip(labels, found_by_row, strict=True)
                for e in found
            ]
        )

    out = _canonical_columns(cells, parts, failed_rows, count, df.index)
    if errors == "coerce":
        tails: dict[int, str] = {}

        def tail(error: ClaimrecError) -> str:
            known = tails.get(id(error))
            if known is None:
                known = tails[id(error)] = str(error.at_row(None))
            return known

        messages = [
            "; ".join(f"row {label!r}, {tail(e)}" for e in found)
            for label, found in zip(labels, found_by_row, strict=True)
        ]
        where = np.zeros(count, dtype=np.int64)
        where[failed] = np.arange(1, failed.size + 1)
        out["error"] = pd.array([None, *messages], dtype="string").take(where)
    return out


@dataclass(frozen=True, slots=True)
class _Parts:
    """The readings of each part of a claim: per row the distinct reading it uses
    (``inverse``) and the readings (a result or the error)."""

    value: tuple[np.ndarray, list[Any]]
    window: tuple[np.ndarray, list[Any]]
    measure: tuple[np.ndarray, list[Any]]
    reporter: tuple[np.ndarray, list[Any]]
    published: tuple[np.ndarray, list[Any]]
    modality: tuple[np.ndarray, list[Any]]

    def all(self) -> tuple[tuple[np.ndarray, list[Any]], ...]:
        # The order in which a row's errors are listed.
        return (self.value, self.window, self.measure, self.reporter, self.published, self.modality)


def _window_codes(
    cells: Mapping[str, _Cells], published: tuple[np.ndarray, list[Any]]
) -> dict[str, np.ndarray]:
    """What a window reading depends on, per row. A (start, end) pair does not depend on
    the publication date (unless that date cannot be read: the row's window fails
    with it), so pairs are read once whatever day they were published."""
    present = {
        name: np.asarray([c is not None for c in [*cells[name].cleaned(), None]], dtype=bool)
        for name in ("window", "window_end")
    }
    has_window = present["window"][cells["window"].codes]
    has_end = present["window_end"][cells["window_end"].codes]
    inverse, results = published
    bad_published = np.fromiter(
        (isinstance(r, ClaimrecError) for r in results), dtype=bool, count=len(results)
    )[inverse]
    pair = ~has_window & has_end & ~bad_published
    return {
        "window": cells["window"].codes,
        "window_start": np.where(has_window | ~has_end, -1, cells["window_start"].codes),
        "window_end": np.where(has_window, -1, cells["window_end"].codes),
        "published": np.where(pair, -1, cells["published"].codes),
    }


def _window_reader(
    calendar: EventCalendar | None, lexicon: Lexicon | None
) -> Callable[[Mapping[str, object]], Window]:
    def read(c: Mapping[str, object]) -> Window:
        published = read_published(c["published"])
        return read_window(_window_cell(c), published=published, calendar=calendar, lexicon=lexicon)

    return read


def _measure_codes(cells: Mapping[str, _Cells]) -> dict[str, np.ndarray]:
    """What a measure reading depends on: the counted noun only when no kind is given."""
    kind = cells["measure_kind"]
    given = np.asarray([c is not None for c in [*kind.cleaned(), None]], dtype=bool)[kind.codes]
    return {
        "measure": cells["measure"].codes,
        "counted": np.where(given, -1, cells["counted"].codes),
        "measure_kind": kind.codes,
    }


def _measure_reader(
    synonyms: MeasureSynonyms | None, lexicon: Lexicon | None
) -> Callable[[Mapping[str, object]], tuple[str, str, MeasureKind]]:
    def read(c: Mapping[str, object]) -> tuple[str, str, MeasureKind]:
        text = c["measure"]
        if not isinstance(text, str):
            raise ClaimError("a claim needs a measure (what is counted)", field="measure", text="")
        key = measure_key(text, synonyms=synonyms, lexicon=lexicon)
        if not key:
            raise ClaimError("no content words left in the measure", field="measure", text=text)
        given = c["measure_kind"]
        if given is None:
            counted = c["counted"]
            words = text if not isinstance(counted, str) else f"{text} {counted}"
            return key, " ".join(text.split()), infer_measure_kind(words, lexicon=lexicon)
        if given not in MEASURE_KINDS:
            raise ClaimError("must be 'flow' or 'level'", field="measure_kind", text=str(given))
        return key, " ".join(text.split()), "flow" if given == "flow" else "level"

    return read


def _row_errors(
    position: int,
    parts: _Parts,
    span: tuple[np.ndarray, np.ndarray, list[ClaimrecError | None]],
    cell_errors: Mapping[int, list[ClaimrecError]],
) -> list[ClaimrecError]:
    """Every error of one row, each once: refused cells, then each part, then the span."""
    found = list(cell_errors.get(position, []))
    for inverse, results in parts.all():
        result = results[inverse[position]]
        if isinstance(result, ClaimrecError):
            found.append(result)
    span_error = span[2][span[0][position]]
    if span_error is not None:
        found.append(span_error)
    # A cell read by two parts (``published`` by the window too) fails once.
    unique = {(e.field, e.text, e.reason): e for e in found}
    return list(unique.values())


def _span_errors(
    starts: _Cells, ends: _Cells
) -> tuple[np.ndarray, np.ndarray, list[ClaimrecError | None]]:
    """Per distinct (start, end) pair: None when absent or a valid pair of offsets.
    Returns the pair of each row, whether each pair fails, and the errors."""
    inverse, first = _combine([starts.codes, ends.codes])
    start_cells = [*starts.cells, None]
    end_cells = [*ends.cells, None]
    out: list[ClaimrecError | None] = []
    for a_code, b_code in zip(
        starts.codes[first].tolist(), ends.codes[first].tolist(), strict=True
    ):
        a, b = _clean(start_cells[a_code]), _clean(end_cells[b_code])
        if a is None and b is None:
            out.append(None)
            continue
        start, end = _offset(a), _offset(b)
        if start is None or end is None or start > end:
            out.append(
                ClaimError(
                    "span_start and span_end are character offsets with 0 <= start <= end",
                    field="span",
                    text=f"{a!r}, {b!r}",
                )
            )
        else:
            out.append(None)
    failing = np.asarray([e is not None for e in out], dtype=bool)
    return inverse, failing, out


_MAX_OFFSET = 2**63 - 1  # offsets are stored as Int64


def _offset(cell: object) -> int | None:
    """A character offset from a cell (an int, an integral float, digits as text), or None."""
    cell = _clean(cell)
    # isascii: str.isdigit accepts superscripts ("²") that int() refuses.
    if isinstance(cell, str) and cell.strip().isascii() and cell.strip().isdigit():
        cell = int(cell.strip()) if len(cell.strip()) < 19 else None
    if isinstance(cell, float) and cell.is_integer() and 0 <= cell <= _MAX_OFFSET:
        return int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool) and 0 <= cell <= _MAX_OFFSET:
        return cell
    return None


def _is_offset(cell: object) -> bool:
    return _offset(cell) is not None


def _typed_column(name: str, values: list[object], rows: np.ndarray) -> Any:
    """A canonical column with its documented dtype, from per-distinct values and the
    distinct value of each row (``values[rows]``)."""
    distinct: Any = values  # pandas' stubs want one element type per dtype
    if name in _FLOAT_COLUMNS:
        return np.asarray(distinct, dtype=np.float64)[rows]
    if name in _BOOL_COLUMNS:
        return pd.array(distinct, dtype="boolean").take(rows)
    if name in _INT_COLUMNS:
        return pd.array(distinct, dtype="Int64").take(rows)
    if name in _DATE_COLUMNS:
        cells = np.empty(len(distinct), dtype=object)
        cells[:] = distinct
        return cells[rows]
    try:
        strings = pd.array(distinct, dtype="string")
    except UnicodeEncodeError:  # records built by hand, past the entry points
        strings = pd.array(safe_texts(distinct, where=name), dtype="string")
    return strings.take(rows)


def _part_columns(
    part: tuple[np.ndarray, Sequence[object]],
    fields: Callable[[Any], Mapping[str, object]],
    names: Sequence[str],
    failed_rows: np.ndarray,
) -> dict[str, Any]:
    """Columns of one part: its fields per distinct reading, spread onto the rows
    (failed rows, and readings that failed, are missing)."""
    inverse, results = part
    rows = [fields(r) if not isinstance(r, ClaimrecError) else {} for r in results]
    where = np.where(failed_rows, len(results), inverse)
    return {
        name: _typed_column(name, [*(row.get(name) for row in rows), None], where) for name in names
    }


def _text_column(
    name: str, cells: _Cells, read: Callable[[object], object], failed_rows: np.ndarray
) -> Any:
    distinct = [read(cell) for cell in cells.cells]
    where = np.where((cells.codes < 0) | failed_rows, len(distinct), cells.codes)
    return _typed_column(name, [*distinct, None], where)


def _folded(cell: object) -> str | None:
    value = _clean(cell)
    return None if value is None else " ".join(str(value).split())


def _unfolded(cell: object) -> str | None:
    value = _clean(cell)
    return None if value is None else str(value)


def _canonical_columns(
    cells: Mapping[str, _Cells],
    parts: _Parts,
    failed_rows: np.ndarray,
    count: int,
    index: pd.Index,
) -> pd.DataFrame:
    """The canonical frame from the distinct readings of each part, spread onto rows."""
    columns: dict[str, Any] = {}
    columns |= _part_columns(parts.value, _value_fields, _VALUE_COLUMNS, failed_rows)
    columns |= _part_columns(parts.window, _window_fields, _WINDOW_COLUMNS, failed_rows)
    columns |= _part_columns(parts.reporter, _reporter_fields, _REPORTER_COLUMNS, failed_rows)
    columns |= _part_columns(
        parts.measure,
        lambda m: {"measure": m[0], "measure_text": m[1], "measure_kind": m[2]},
        ("measure", "measure_text", "measure_kind"),
        failed_rows,
    )
    columns |= _part_columns(
        parts.published,
        lambda p: {"published": None if p is None else str(p)},
        ("published",),
        failed_rows,
    )
    columns |= _part_columns(parts.modality, lambda m: {"modality": m}, ("modality",), failed_rows)
    columns["value_text"] = _text_column(
        "value_text",
        cells["value"],
        lambda cell: cell if isinstance(cell, str) and cell else None,
        failed_rows,
    )
    for name in ("counted", "method", "via", "url", "document", "reporter_text"):
        columns[name] = _text_column(name, cells[name], _folded, failed_rows)
    columns["quote"] = _text_column("quote", cells["quote"], _unfolded, failed_rows)
    for name in ("span_start", "span_end"):
        columns[name] = _text_column(name, cells[name], _offset, failed_rows)
    columns["claim_id"] = _claim_ids(cells, parts, failed_rows, count)
    return pd.DataFrame({name: columns[name] for name in CANONICAL_COLUMNS}, index=index)


def _claim_ids(
    cells: Mapping[str, _Cells], parts: _Parts, failed_rows: np.ndarray, count: int
) -> Any:
    """The claim id of each row: each distinct (value, window, measure, reporter,
    modality, method) is hashed once."""
    method = cells["method"]
    methods = [*(_folded(cell) for cell in method.cells), None]
    method_codes = np.where(method.codes < 0, len(method.cells), method.codes)
    inverse, first = _combine(
        [
            parts.value[0],
            parts.window[0],
            parts.measure[0],
            parts.reporter[0],
            parts.modality[0],
            method_codes,
        ]
    )
    value_texts = [str(v) if isinstance(v, Value) else None for v in parts.value[1]]
    window_texts = [str(w) if isinstance(w, Window) else None for w in parts.window[1]]
    measures = [m if isinstance(m, tuple) else None for m in parts.measure[1]]
    reporter_names = [r.name if isinstance(r, Reporter) else "" for r in parts.reporter[1]]
    modalities = [m if isinstance(m, str) else "reported" for m in parts.modality[1]]
    ids: list[object] = []
    for vi, wi, mi, ri, oi, ti in zip(
        parts.value[0][first].tolist(),
        parts.window[0][first].tolist(),
        parts.measure[0][first].tolist(),
        parts.reporter[0][first].tolist(),
        parts.modality[0][first].tolist(),
        method_codes[first].tolist(),
        strict=True,
    ):
        v, w, m = value_texts[vi], window_texts[wi], measures[mi]
        if v is None or w is None or m is None:
            ids.append(None)
            continue
        ids.append(
            claim_identity(
                reporter=reporter_names[ri],
                measure=m[0],
                measure_kind=m[2],
                window=w,
                value=v,
                method=methods[ti],
                modality=modalities[oi],
            )
        )
    ids.append(None)
    return _typed_column("claim_id", ids, np.where(failed_rows, len(ids) - 1, inverse))


def _frame_of_rows(
    claims: Sequence[Claim | None],
    row_errors: Sequence[Sequence[ClaimrecError]],
    index: pd.Index,
    *,
    with_error_column: bool,
) -> pd.DataFrame:
    """One canonical row per input row (a failed row is all missing)."""
    empty: dict[str, object] = dict.fromkeys(CANONICAL_COLUMNS)
    rows: list[dict[str, object]] = []
    for item in claims:
        if item is None:
            rows.append(empty)
            continue
        row = _claim_fields(item)
        row.update(_source_fields(item.sources[0] if item.sources else Source()))
        rows.append(row)
    columns: dict[str, list[object]] = {
        name: [row[name] for row in rows] for name in CANONICAL_COLUMNS
    }
    out = _typed_frame(columns, index)
    if with_error_column:
        messages = ["; ".join(str(error) for error in failed) or None for failed in row_errors]
        out["error"] = pd.Series(messages, dtype="string", index=index)
    return out


def _renormalize(frame: pd.DataFrame, *, errors: Errors) -> pd.DataFrame:
    """A canonical frame read back: re-validate each row, keep rows and index."""
    claims: list[Claim | None] = []
    row_errors: list[list[ClaimrecError]] = []
    records: list[dict[str, object]] = frame[list(CANONICAL_COLUMNS)].to_dict(orient="records")  # type: ignore[assignment]
    previous_errors = (
        frame["error"].to_numpy(dtype=object) if "error" in frame.columns else [None] * len(frame)
    )
    for label, row, previous in zip(frame.index, records, previous_errors, strict=True):
        if errors == "coerce" and all(_missing(row[name]) for name in ("low", "high", "measure")):
            claims.append(None)  # a row that had already failed stays failed
            reason = str(previous) if not _missing(previous) else "row has no claim"
            row_errors.append([ClaimError(reason, field="row", text="", row=label)])
            continue
        try:
            item = _claim_from_row(row)
        except ClaimrecError as error:
            claims.append(None)
            row_errors.append([error.at_row(label)])
            continue
        claims.append(item)
        row_errors.append([])
    if errors == "raise":
        failures = [error for failed in row_errors for error in failed]
        if failures:
            raise ClaimsFrameError(failures)
    return _frame_of_rows(claims, row_errors, frame.index, with_error_column=errors == "coerce")


def claims_of(data: pd.DataFrame | Iterable[Claim]) -> list[Claim]:
    """Claims from a list of claims, a canonical frame, or a loose table."""
    if isinstance(data, pd.DataFrame):
        canonical = data if set(CANONICAL_COLUMNS) <= set(data.columns) else normalize(data)
        if "error" in canonical.columns:
            canonical = canonical[canonical["error"].isna()]
        return from_frame(canonical)
    return [safe_record(item) for item in data]
