"""The canonical frame → claims (:func:`from_frame`), and a canonical frame re-validated."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from claimrec.errors import ClaimError, ClaimrecError, ClaimsFrameError
from claimrec.frame.columns import (
    CANONICAL_COLUMNS,
    Errors,
    _clean,
    _missing,
    _offset,
    _typed_frame,
)
from claimrec.frame.write import _claim_fields, _mention_text, _source_fields
from claimrec.read.times import parse_reference
from claimrec.record import (
    MEASURE_KINDS,
    MENTION_TEXTS,
    Claim,
    MeasureKind,
    Source,
    check_value,
    read_modality,
)
from claimrec.reporter import Reporter
from claimrec.sanitize import safe_frame
from claimrec.units import parse_unit
from claimrec.value import Value
from claimrec.window import Window


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
