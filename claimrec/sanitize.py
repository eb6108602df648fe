"""Text made safe once, where it enters claimrec.

Python strings can hold code points no encoding can write: lone surrogates
(U+D800–U+DFFF), which ``json.loads('"\\ud800"')`` or a ``surrogateescape``
decode returns. pandas' Arrow-backed strings, Parquet, JSON and every file refuse
them, so one such character used to lose a whole table. The entry points
(:func:`claimrec.extract`, :func:`claimrec.normalize`, :func:`claimrec.reconcile`,
:func:`claimrec.claim`, the file and table readers) pass their text through here:
each unencodable code point becomes U+FFFD (the replacement character), and one
:class:`~claimrec.errors.UnsafeTextWarning` says how many were replaced.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from claimrec.errors import UnsafeTextWarning

__all__ = ["REPLACEMENT", "safe_data", "safe_frame", "safe_record", "safe_text", "safe_texts"]

#: What an unencodable code point becomes.
REPLACEMENT = "\ufffd"

# The only code points of a Python str that UTF-8 (and so Arrow, Parquet, JSON
# files) cannot encode.
_UNENCODABLE = re.compile("[\ud800-\udfff]")

T = TypeVar("T")


def _repaired(text: str) -> tuple[str, int]:
    if text.isascii():  # the common case, checked in C
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _UNENCODABLE.subn(REPLACEMENT, text)
    return text, 0


def _warn(count: int, where: str) -> None:
    if count:
        warnings.warn(
            f"{where}: replaced {count} unencodable code point(s) (lone surrogates) with U+FFFD",
            UnsafeTextWarning,
            stacklevel=3,
        )


def safe_text(text: str, *, where: str = "text") -> str:
    """``text`` with every unencodable code point replaced by U+FFFD (warns with
    the count when there was any)."""
    repaired, count = _repaired(text)
    _warn(count, where)
    return repaired


def safe_texts(values: Iterable[T], *, where: str = "text") -> list[T]:
    """Each value, text ones made safe; one warning for all of them."""
    out: list[Any] = []
    total = 0
    for value in values:
        if isinstance(value, str):
            repaired, count = _repaired(value)
            total += count
            out.append(repaired)
        else:
            out.append(value)
    _warn(total, where)
    return out


def _data(value: object) -> tuple[object, int]:
    if isinstance(value, str):
        return _repaired(value)
    if isinstance(value, list | tuple):
        items = [_data(item) for item in value]
        count = sum(n for _, n in items)
        if not count:
            return value, 0
        repaired = [item for item, _ in items]
        return (tuple(repaired) if isinstance(value, tuple) else repaired), count
    if isinstance(value, dict):
        pairs = [(_data(key), _data(item)) for key, item in value.items()]
        count = sum(k[1] + v[1] for k, v in pairs)
        if not count:
            return value, 0
        return {k[0]: v[0] for k, v in pairs}, count
    return value, 0


def safe_data(value: T, *, where: str = "data") -> T:
    """Parsed JSON (or any nest of lists, tuples and dicts) with its text made safe."""
    repaired, count = _data(value)
    _warn(count, where)
    return repaired  # type: ignore[return-value]  # same shape as given


def _frame_cells(df: pd.DataFrame) -> tuple[dict[Any, np.ndarray], int]:
    changed: dict[Any, np.ndarray] = {}
    total = 0
    for position in range(df.shape[1]):
        column = df.iloc[:, position]
        if column.dtype != object:  # Arrow strings and numbers cannot hold surrogates
            continue
        cells = column.to_numpy(dtype=object)
        repaired: np.ndarray | None = None
        for row, cell in enumerate(cells):
            fixed, count = _data(cell)
            if count:
                if repaired is None:
                    repaired = cells.copy()
                repaired[row] = fixed
                total += count
        if repaired is not None:
            changed[position] = repaired
    return changed, total


def _labels(index: pd.Index) -> tuple[list[object], int]:
    if index.dtype != object:
        return [], 0
    cells = [_data(label) for label in index]
    return [label for label, _ in cells], sum(n for _, n in cells)


def safe_frame(df: pd.DataFrame, *, where: str = "table") -> pd.DataFrame:
    """``df`` itself when its text is safe, else a copy with every unencodable code
    point replaced (cells, column names and index labels; ``df`` is not changed)."""
    changed, total = _frame_cells(df)
    columns, column_count = _labels(df.columns)
    labels, label_count = _labels(df.index)
    total += column_count + label_count
    if not total:
        return df
    out = df.copy()
    for position, cells in changed.items():
        out.isetitem(position, cells)
    if column_count:
        out.columns = pd.Index(columns, dtype=object)
    if label_count:
        out.index = pd.Index(labels, name=df.index.name, dtype=object)
    _warn(total, where)
    return out


# The field names of each record type, looked up once per type (a claim holds
# about fifty values: the lookup, not the check, was most of the cost).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        is_record = dataclasses.is_dataclass(kind)
        names = tuple(item.name for item in dataclasses.fields(kind)) if is_record else ()
        _FIELD_NAMES[kind] = names
    return names


# Values that hold no text: skipped without a call (most fields of a claim are these).
_NO_TEXT: frozenset[type] = frozenset({int, float, bool, type(None), date, datetime})


def _has_unsafe(value: object) -> bool:
    """Whether any text in ``value`` (a record, a tuple, text) holds an unencodable
    code point: most records hold none, and are checked without being rebuilt."""
    kind = type(value)
    if kind in _NO_TEXT:
        return False
    if isinstance(value, str):
        return not value.isascii() and _repaired(value)[1] > 0
    if isinstance(value, tuple):
        items: Iterable[object] = value
    else:
        items = [getattr(value, name) for name in _field_names(kind)]
    for item in items:
        item_kind = type(item)
        if item_kind in _NO_TEXT or (item_kind is str and item.isascii()):  # type: ignore[attr-defined]
            continue
        if _has_unsafe(item):
            return True
    return False


def _record(value: object) -> tuple[object, int]:
    if isinstance(value, str):
        return _repaired(value)
    if isinstance(value, tuple):
        items = [_record(item) for item in value]
        count = sum(n for _, n in items)
        return (tuple(item for item, _ in items), count) if count else (value, 0)
    names = _field_names(type(value))
    if not names:
        return value, 0
    updates: dict[str, object] = {}
    total = 0
    for name in names:
        fixed, count = _record(getattr(value, name))
        if count:
            updates[name] = fixed
            total += count
    return (dataclasses.replace(value, **updates), total) if total else (value, 0)  # type: ignore[type-var]


def safe_record(record: T, *, where: str = "claim") -> T:
    """A claim (or any frozen record) with the text of every field, nested records
    included, made safe; the record itself when nothing needed replacing."""
    if not _has_unsafe(record):
        return record
    repaired, count = _record(record)
    _warn(count, where)
    return repaired  # type: ignore[return-value]  # same type as given
