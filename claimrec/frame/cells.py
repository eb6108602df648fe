"""Loose input columns read once per distinct cell (or combination of cells)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from claimrec.calendar import DateRange
from claimrec.errors import ClaimError, ClaimrecError
from claimrec.frame.columns import INPUT_COLUMNS, T, _clean_all, _missing
from claimrec.reporter import Reporter
from claimrec.value import Value
from claimrec.window import Window


@dataclass(slots=True)
class _Cells:
    """One input column read once: a code per row (-1: missing) and its distinct cells
    as given (``cells[code]``)."""

    codes: np.ndarray
    cells: list[object]
    clean: list[object] | None = None  # the cells as readers take them, once asked for

    def cleaned(self) -> list[object]:
        """The distinct cells as readers take them (:func:`_clean`)."""
        if self.clean is None:
            self.clean = _clean_all(self.cells)
        return self.clean


def _combine(codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One code per row for the distinct combinations of several columns' codes: the
    combination of each row (``inverse``) and one row holding each (``first``)."""
    combined = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    for column in codes:
        size = int(column.max(initial=-1)) + 2
        if combined.size and (int(combined.max()) + 1) * size >= 2**62:
            combined = _first_seen(combined)[0]
        combined = combined * size + column + 1
    return _first_seen(combined)


def _first_seen(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys numbered in order of first appearance (a hash table, not a
    sort of every row), and the row where each first appears."""
    inverse = np.asarray(pd.factorize(keys)[0], dtype=np.int64)
    # Numbered as they appear, a key is new exactly where its number passes all before.
    seen = np.maximum.accumulate(inverse) if inverse.size else inverse
    new = np.ones(inverse.size, dtype=bool)
    new[1:] = inverse[1:] > seen[:-1]
    return inverse, np.flatnonzero(new).astype(np.int64)


def _read_combinations(
    columns: Mapping[str, _Cells],
    codes: Mapping[str, np.ndarray],
    read: Callable[[Mapping[str, object]], T],
) -> tuple[np.ndarray, list[T | ClaimrecError]]:
    """Read each distinct combination of the given columns' codes once."""
    names = list(codes)
    inverse, first = _combine([codes[name] for name in names])
    picked = []
    for name in names:
        cleaned = [*columns[name].cleaned(), None]  # [-1]: missing
        picked.append([cleaned[code] for code in codes[name][first].tolist()])
    results: list[T | ClaimrecError] = []
    for cells in zip(*picked, strict=True):
        try:
            results.append(read(dict(zip(names, cells, strict=True))))
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


_PLAIN = (str, float, int)  # scalars every column takes, checked by type alone


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
            bad = {
                k: e
                for k, cell in enumerate(distinct)
                if type(cell) not in _PLAIN and (e := _cell_error(name, cell))
            }
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
