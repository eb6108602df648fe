"""The canonical claims frame's columns and their dtypes, and what a missing cell is."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd

from claimrec.sanitize import safe_texts

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


def _clean_all(cells: Sequence[object]) -> list[object]:
    """:func:`_clean` of each cell, text (the usual cell) without a call per cell."""
    return [
        (cell if cell and not cell.isspace() else None) if type(cell) is str else _clean(cell)
        for cell in cells
    ]


def _folded(cell: object) -> str | None:
    """A cell as text with its spacing folded (runs of white space → one space)."""
    value = _clean(cell)
    return None if value is None else " ".join(str(value).split())


# ASCII text that folding changes: empty, a space at an end, two spaces, other white
# space (str.split's ASCII white space). Text beyond ASCII is folded cell by cell.
_UNFOLDED_ASCII = r"^$|^ | $|  |[\t\n\x0b\x0c\r\x1c-\x1f]"


def _folded_all(cells: Sequence[object]) -> list[object]:
    """:func:`_folded` of each cell. With pyarrow, text cells are checked in bulk and
    only those whose spacing changes are folded one by one."""
    changed = _changed_by_folding(cells)
    if changed is None:
        return [_folded(cell) for cell in cells]
    out = list(cells)
    for position in np.flatnonzero(changed).tolist():
        out[position] = _folded(cells[position])
    return out


def _changed_by_folding(cells: Sequence[object]) -> np.ndarray | None:
    """Whether folding changes each cell, or None when that is not told in bulk (no
    pyarrow, or cells other than text)."""
    if not cells or pd.api.types.infer_dtype(cells, skipna=False) != "string":
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return None
    try:
        texts = pa.array(cells, type=pa.large_string())
    except (UnicodeError, pa.ArrowException):  # unencodable text: cell by cell
        return None
    changed = pc.or_(
        pc.invert(pc.string_is_ascii(texts)), pc.match_substring_regex(texts, _UNFOLDED_ASCII)
    )
    return np.asarray(changed.to_numpy(zero_copy_only=False), dtype=bool)


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
            data[name] = _masked(cells, bool, pd.arrays.BooleanArray, "boolean")
        elif name in _INT_COLUMNS:
            data[name] = _masked(cells, int, pd.arrays.IntegerArray, "Int64")
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


def _masked(cells: list[Any], kind: type, make: Any, dtype: Literal["boolean", "Int64"]) -> Any:
    """A boolean or Int64 array of ``cells``: built from its values and mask when every
    cell is exactly ``kind`` or None (what :func:`to_frame` gives; pandas' check of each
    cell costs more than the rest of a small column), else pandas' own reading."""
    if all(type(cell) is kind or cell is None for cell in cells):
        mask = np.fromiter((cell is None for cell in cells), dtype=bool, count=len(cells))
        try:
            values = np.fromiter(
                (kind() if cell is None else cell for cell in cells),
                dtype=np.bool_ if kind is bool else np.int64,
                count=len(cells),
            )
        except OverflowError:  # past Int64: pandas says so
            return pd.array(cells, dtype=dtype)
        return make(values, mask)
    return pd.array(cells, dtype=dtype)


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
            arrow = pa.array(cells, type=pa.large_string())
        except (UnicodeError, pa.ArrowException):  # unencodable text: the caller's way
            return None
        strings: Any = pd.arrays.ArrowStringArray(arrow)  # half the cost of pd.array's dispatch
        return strings if strings.dtype == dtype else pd.array(arrow, dtype=dtype)

    return make


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
    arrow_strings = _arrow_strings()
    if (
        arrow_strings is not None
        and all(type(cell) in _TEXT_TYPES for cell in distinct)
        and (strings := arrow_strings(distinct)) is not None
    ):
        return strings.take(rows)
    try:
        strings = pd.array(distinct, dtype="string")
    except UnicodeEncodeError:  # records built by hand, past the entry points
        strings = pd.array(safe_texts(distinct, where=name), dtype="string")
    return strings.take(rows)
