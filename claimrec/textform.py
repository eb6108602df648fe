"""The canonical text forms of figures, dates and windows: written and read side by side.

portion's ``io`` module is the model: each form has a writer and a reader next
to each other, and the records (:class:`~claimrec.value.Value`,
:class:`~claimrec.window.DateRange`, :class:`~claimrec.window.Window`) call
them for ``str()`` and for ``from_text``. The functions here work on plain
fields, so this module needs none of the records (and no grammar).

* figure: ``kind [stated] [low, high) unit [precision=P]``, e.g.
  ``approx 12000 [10800, 13200] count precision=1000`` — a bracket ``[`` or
  ``]`` is a closed end, ``(`` or ``)`` an open one;
* date: ``2025``, ``2025-05`` or ``2025-05-24`` (a year, a month or a day);
* window: ``START/END`` for a period, ``@END`` for a point; an end is a day
  (``2024-11-06``), an uncertain day (``2022-01-01~2022-12-31``, earliest to
  latest) or ``..`` (open start, unknown end); a period of exactly one known
  day may be written as that day alone.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from claimrec._text import number_text
from claimrec.errors import WindowError

__all__ = [
    "DateForm",
    "ValueForm",
    "WindowForm",
    "date_text",
    "read_date_text",
    "read_value_text",
    "read_window_text",
    "value_text",
    "window_text",
]

# --- figures ----------------------------------------------------------------------


class ValueForm(NamedTuple):
    """The fields of a figure's text form, as read (not yet validated)."""

    kind: str
    stated: float | None
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    unit: str
    precision: float | None


def value_text(form: ValueForm) -> str:
    """``kind [stated] [low, high) unit [precision=P]``."""
    parts = [form.kind]
    if form.stated is not None:
        parts.append(number_text(form.stated))
    parts.append(
        ("[" if form.low_closed else "(")
        + f"{number_text(form.low)}, {number_text(form.high)}"
        + ("]" if form.high_closed else ")")
    )
    parts.append(form.unit)
    if form.precision is not None:
        parts.append(f"precision={number_text(form.precision)}")
    return " ".join(parts)


_NUMBER = r"-?(?:inf|[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)"
_VALUE_FORM = re.compile(
    rf"(?P<kind>[a-z_]+) (?:(?P<stated>{_NUMBER}) )?(?P<open>[\[(])(?P<low>{_NUMBER}), "
    rf"(?P<high>{_NUMBER})(?P<close>[\])]) (?P<unit>\S+)(?: precision=(?P<precision>{_NUMBER}))?"
)


def read_value_text(text: str) -> ValueForm | None:
    """The fields of ``text`` when it is a figure's text form, else None."""
    m = _VALUE_FORM.fullmatch(text)
    if m is None:
        return None
    stated, precision = m.group("stated"), m.group("precision")
    return ValueForm(
        kind=m.group("kind"),
        stated=None if stated is None else float(stated),
        low=float(m.group("low")),
        high=float(m.group("high")),
        low_closed=m.group("open") == "[",
        high_closed=m.group("close") == "]",
        unit=m.group("unit"),
        precision=None if precision is None else float(precision),
    )


# --- dates ---------------------------------------------------------------------------


class DateForm(NamedTuple):
    """A date as written in ISO form: a year, and maybe a month and a day."""

    year: int
    month: int | None
    day: int | None


def date_text(earliest: date, precision: str) -> str:
    """``2025``, ``2025-05`` or ``2025-05-24`` for a year, month or day precision."""
    if precision == "year":
        return f"{earliest.year:04d}"
    if precision == "month":
        return f"{earliest.year:04d}-{earliest.month:02d}"
    return earliest.isoformat()


_DATE_FORM = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?\s*")


def read_date_text(text: str) -> DateForm | None:
    """The parts of an ISO date, full or partial ("2025-05-24", "2025-05", "2025")."""
    m = _DATE_FORM.fullmatch(text)
    if m is None:
        return None
    month, day = m.group("month"), m.group("day")
    return DateForm(
        int(m.group("year")),
        None if month is None else int(month),
        None if day is None else int(day),
    )


# --- windows ---------------------------------------------------------------------------


class WindowForm(NamedTuple):
    """The four ends of a window (None where open or unknown) and its kind."""

    start_earliest: date | None
    start_latest: date | None
    end_earliest: date | None
    end_latest: date | None
    kind: str


def _end_text(earliest: date | None, latest: date | None) -> str:
    if earliest is None or latest is None:
        return ".."
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}~{latest.isoformat()}"


def window_text(form: WindowForm) -> str:
    """``START/END`` for periods, ``@END`` for points, a single day for a known day."""
    start = _end_text(form.start_earliest, form.start_latest)
    end = _end_text(form.end_earliest, form.end_latest)
    if form.kind == "point":
        return f"@{end}"
    if (
        start == end
        and form.start_earliest is not None
        and form.start_earliest == form.start_latest
    ):
        return start
    return f"{start}/{end}"


_DAY_FORM = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_END_FORM = rf"(?:{_DAY_FORM}(?:~{_DAY_FORM})?|\.\.)"
_WINDOW_FORM = re.compile(
    rf"(?:@(?P<point>{_END_FORM})|(?P<start>{_END_FORM})/(?P<end>{_END_FORM}))"
)


def _read_end(text: str, whole: str) -> tuple[date | None, date | None]:
    if text == "..":
        return (None, None)
    first, _, last = text.partition("~")
    try:
        return (date.fromisoformat(first), date.fromisoformat(last or first))
    except ValueError:
        raise WindowError("no such day", text=whole) from None


def read_window_text(text: str) -> WindowForm | None:
    """The ends of ``text`` when it is a window's text form (a single day is read by
    the grammar), else None; a WindowError when a day of it does not exist."""
    m = _WINDOW_FORM.fullmatch(text)
    if m is None:
        return None
    if m.group("point") is not None:
        end = _read_end(m.group("point"), text)
        return WindowForm(None, None, end[0], end[1], "point")
    start = _read_end(m.group("start"), text)
    end = _read_end(m.group("end"), text)
    return WindowForm(start[0], start[1], end[0], end[1], "period")
