"""normalize: a loose table of claims → the canonical frame.

Work is done per distinct input, not per row: a column of a million cells
with a few thousand distinct figures parses a few thousand figures, and the
results are spread back onto the rows with numpy ``take``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from claimrec._gc import quiet_gc
from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimError, ClaimrecError, ClaimsFrameError
from claimrec.frame.cells import (
    _Cells,
    _combine,
    _input_cells,
    _read_column,
    _read_combinations,
    _window_cell,
)
from claimrec.frame.columns import (
    _REPORTER_COLUMNS,
    _VALUE_COLUMNS,
    _WINDOW_COLUMNS,
    CANONICAL_COLUMNS,
    Errors,
    _clean,
    _folded_all,
    _offset,
    _typed_column,
)
from claimrec.frame.read import _renormalize
from claimrec.frame.windows import WindowTexts
from claimrec.frame.write import _reporter_fields, _value_fields, _window_fields
from claimrec.lexicon import Lexicon
from claimrec.measure import MeasureSynonyms, infer_measure_kind, measure_key
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.record import (
    MEASURE_KINDS,
    IdentityParts,
    MeasureKind,
    claim_identities,
    read_modality,
    read_published,
    read_reporter,
    read_value,
    read_window,
)
from claimrec.reporter import Reporter, ReporterTable
from claimrec.sanitize import safe_frame
from claimrec.value import Value
from claimrec.window import Window


# A large table makes millions of small acyclic readings, tuples and cells: the
# collector's full passes over them found nothing and cost a third of the time.
@quiet_gc()
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
    # The window reader takes each publication date as already read (or why it cannot be).
    dates = _Cells(cells["published"].codes, cells["published"].cells, list(published[1][:-1]))
    window = _read_combinations(
        {**cells, "published": dates},
        _window_codes(cells, published),
        _window_reader(calendar, lexicon),
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
    texts = WindowTexts(calendar, lexicon)  # each window text scanned once

    def read(c: Mapping[str, object]) -> Window:
        published = c["published"]  # a reading of the publication date (None: no date)
        if isinstance(published, ClaimrecError):
            raise published.with_traceback(None)  # raised once per window it fails
        if published is not None and not isinstance(published, DateRange):
            raise TypeError(f"a publication date, not {published!r}")
        cell = _window_cell(c)
        if published is not None and isinstance(cell, str) and cell.strip():
            return texts.read(cell, published)  # as read_window would read it
        return read_window(cell, published=published, calendar=calendar, lexicon=lexicon)

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


def _is_offset(cell: object) -> bool:
    return _offset(cell) is not None


def _part_columns(
    part: tuple[np.ndarray, Sequence[object]],
    fields: Callable[[Any], Mapping[str, object]],
    names: Sequence[str],
    failed_rows: np.ndarray,
) -> dict[str, Any]:
    """Columns of one part: its fields per distinct reading, spread onto the rows
    (failed rows, and readings that failed, are missing)."""
    inverse, results = part
    getter = operator.itemgetter(*names)
    pick: Callable[[Mapping[str, object]], tuple[object, ...]] = (
        getter if len(names) > 1 else lambda fields_of: (getter(fields_of),)
    )
    missing = (None,) * len(names)  # the fields of a reading that failed
    rows = [missing if isinstance(r, ClaimrecError) else pick(fields(r)) for r in results]
    rows.append(missing)  # failed rows
    where = np.where(failed_rows, len(results), inverse)
    return {
        name: _typed_column(name, list(column), where)
        for name, column in zip(names, zip(*rows, strict=True), strict=True)
    }


def _text_column(
    name: str, cells: _Cells, distinct: Sequence[object], failed_rows: np.ndarray
) -> Any:
    """A text column of the input spread onto the rows from the reading of each
    distinct cell (``distinct[code]``)."""
    where = np.where((cells.codes < 0) | failed_rows, len(distinct), cells.codes)
    return _typed_column(name, [*distinct, None], where)


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
    value_texts = [
        cell if isinstance(cell, str) and cell else None for cell in cells["value"].cells
    ]
    columns["value_text"] = _text_column("value_text", cells["value"], value_texts, failed_rows)
    for name in ("counted", "method", "via", "url", "document", "reporter_text"):
        folded = _folded_all(cells[name].cells)
        columns[name] = _text_column(name, cells[name], folded, failed_rows)
    quotes = [_unfolded(cell) for cell in cells["quote"].cells]
    columns["quote"] = _text_column("quote", cells["quote"], quotes, failed_rows)
    for name in ("span_start", "span_end"):
        offsets: list[object] = [_offset(cell) for cell in cells[name].cells]
        columns[name] = _text_column(name, cells[name], offsets, failed_rows)
    columns["claim_id"] = _claim_ids(cells, parts, failed_rows, count)
    return pd.DataFrame({name: columns[name] for name in CANONICAL_COLUMNS}, index=index)


def _claim_ids(
    cells: Mapping[str, _Cells], parts: _Parts, failed_rows: np.ndarray, count: int
) -> Any:
    """The claim id of each row: each distinct (value, window, measure, reporter,
    modality, method) is hashed once."""
    method = cells["method"]
    methods = [*_folded_all(method.cells), None]
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
    # A combination has an id when its value, window and measure were read.
    readable = np.ones(len(first), dtype=bool)
    for (codes, _), texts in (
        (parts.value, value_texts),
        (parts.window, window_texts),
        (parts.measure, measures),
    ):
        read = np.fromiter((t is not None for t in texts), dtype=bool, count=len(texts))
        readable &= read[codes[first]]
    picked = first[readable]

    def spread(texts: Sequence[object], codes: np.ndarray) -> list[Any]:
        # The text of each picked combination: one take, no lookup per combination.
        distinct = np.empty(len(texts), dtype=object)
        distinct[:] = texts
        return distinct[codes[picked]].tolist()  # type: ignore[no-any-return]

    identities: Iterator[IdentityParts] = zip(
        spread(reporter_names, parts.reporter[0]),
        spread([m[0] if m is not None else None for m in measures], parts.measure[0]),
        spread([m[2] if m is not None else None for m in measures], parts.measure[0]),
        spread(window_texts, parts.window[0]),
        spread(value_texts, parts.value[0]),
        spread(methods, method_codes),
        spread(modalities, parts.modality[0]),
        strict=True,
    )
    ids = np.full(len(first) + 1, None, dtype=object)  # the last: failed rows
    ids[np.flatnonzero(readable)] = claim_identities(identities)
    return _typed_column("claim_id", ids.tolist(), np.where(failed_rows, len(first), inverse))
