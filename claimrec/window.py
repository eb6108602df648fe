"""Time windows: the :class:`Window` record, the days a claim is about.

A :class:`Window` has a start and an end day, each possibly uncertain (an
earliest and a latest day) or open (None). This module holds the records and
the interval operations on them; reading windows from text is
:func:`claimrec.parse_window` / :func:`claimrec.find_windows`
(:mod:`claimrec.read.times`, rules in ``docs/windows.md``). ``DateRange``,
``EventCalendar`` and ``DEFAULT_CALENDAR`` are :mod:`claimrec.calendar`'s,
importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from claimrec.calendar import DateRange, EventCalendar, Precision, as_range, default_calendar
from claimrec.errors import WindowError
from claimrec.textform import WindowForm, read_window_text, window_text

__all__ = [
    "DEFAULT_CALENDAR",
    "OPEN_END_ORDINAL",
    "OPEN_START_ORDINAL",
    "DateRange",
    "EventCalendar",
    "Precision",
    "ReferenceLike",
    "Window",
    "WindowKind",
    "WindowMatch",
    "to_ordinals",
]

WindowKind: TypeAlias = Literal["period", "point"]
#: What a reference or publication date may be given as.
ReferenceLike: TypeAlias = DateRange | date | str

#: Ordinal written by :func:`to_ordinals` for an open start (before every day).
OPEN_START_ORDINAL = 0
#: Ordinal written by :func:`to_ordinals` for an unknown end (after every day).
OPEN_END_ORDINAL = date.max.toordinal() + 1


# --- the window record -----------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """The days a claim covers; the end day is included.

    Each end is uncertain between its earliest and latest day, or None when
    open (no start: the count runs from whenever) or unknown. ``kind`` is
    ``"point"`` for a status at a moment ("as of Nov. 6": no start) and
    ``"period"`` otherwise. ``text`` is the expression it came from and does
    not take part in equality.
    """

    start_earliest: date | None
    start_latest: date | None
    end_earliest: date | None
    end_latest: date | None
    kind: WindowKind = "period"
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for name in ("start_earliest", "start_latest", "end_earliest", "end_latest"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
                raise WindowError(f"{name} must be a date or None", text=repr(value))
        if self.kind not in ("period", "point"):
            raise WindowError("kind must be 'period' or 'point'", text=str(self.kind))
        if (self.start_earliest is None) != (self.start_latest is None):
            raise WindowError(
                "a start has both an earliest and a latest day, or neither", text=self.text
            )
        if (self.end_earliest is None) != (self.end_latest is None):
            raise WindowError(
                "an end has both an earliest and a latest day, or neither", text=self.text
            )
        if _after(self.start_earliest, self.start_latest):
            raise WindowError("earliest start is after latest start", text=self.text)
        if _after(self.end_earliest, self.end_latest):
            raise WindowError("earliest end is after latest end", text=self.text)
        if _after(self.start_earliest, self.end_latest):
            raise WindowError("the window starts after it ends", text=self.text)
        if self.kind == "point" and self.start_earliest is not None:
            raise WindowError("a point window has no start", text=self.text)

    # -- named constructors

    @classmethod
    def day(cls, day: date, *, text: str = "") -> Window:
        """One whole day."""
        return cls(
            start_earliest=day, start_latest=day, end_earliest=day, end_latest=day, text=text
        )

    @classmethod
    def between(cls, start: date, end: date, *, text: str = "") -> Window:
        """A period with exact ends, both included."""
        return cls(
            start_earliest=start, start_latest=start, end_earliest=end, end_latest=end, text=text
        )

    @classmethod
    def as_of(cls, day: date | DateRange, *, text: str = "") -> Window:
        """A status at a moment: no start, ending on ``day`` (or within a DateRange)."""
        end = as_range(day)
        return cls(
            start_earliest=None,
            start_latest=None,
            end_earliest=end.earliest,
            end_latest=end.latest,
            kind="point",
            text=text,
        )

    @classmethod
    def since(cls, start: date | DateRange, end: date | DateRange, *, text: str = "") -> Window:
        """A period starting on (some day of) ``start`` and ending on ``end``."""
        first, last = as_range(start), as_range(end)
        return cls(
            start_earliest=first.earliest,
            start_latest=first.latest,
            end_earliest=last.earliest,
            end_latest=last.latest,
            text=text,
        )

    # -- readings

    @property
    def is_open(self) -> bool:
        """True when the window has no start (a point, or a count from whenever)."""
        return self.start_earliest is None

    def widest(self) -> tuple[date | None, date | None]:
        """(start, end) of the widest reading: earliest start, latest end."""
        return (self.start_earliest, self.end_latest)

    def narrowest(self) -> tuple[date | None, date | None] | None:
        """(start, end) of the narrowest reading, or None when some readings are empty."""
        start, end = self.start_latest, self.end_earliest
        if start is not None and end is not None and start > end:
            return None
        return (start, end)

    def length_days(self) -> tuple[int | None, int | None]:
        """(shortest, longest) number of days over the readings; None when open or unknown."""
        if self.start_earliest is None or self.start_latest is None:
            return (None, None)
        if self.end_earliest is None or self.end_latest is None:
            return (None, None)
        longest = (self.end_latest - self.start_earliest).days + 1
        # A reading may start as late and end as early as allowed, but never end before it starts.
        shortest = max(1, (self.end_earliest - self.start_latest).days + 1)
        return (shortest, longest)

    def overlaps(self, other: Window) -> bool:
        """True when some reading of each shares at least one day."""
        return _lo(self) <= _hi(other) and _lo(other) <= _hi(self)

    def touches(self, other: Window) -> bool:
        """True when some readings overlap or are adjacent (one ends the day before the other)."""
        return _lo(self) <= _hi(other) + 1 and _lo(other) <= _hi(self) + 1

    def contains(self, other: Window, *, some_reading: bool = False) -> bool:
        """True when every reading of ``self`` contains every reading of ``other``.

        With ``some_reading=True``: when some reading of ``self`` contains some
        reading of ``other``. An open start contains every start; an unknown
        end contains nothing for certain.
        """
        if some_reading:
            return _lo(self) <= _lo(other) and _hi(other) <= _hi(self)
        self_start = _ord(self.start_latest, OPEN_START_ORDINAL)
        self_end = _ord(self.end_earliest, OPEN_END_ORDINAL)
        if self.end_earliest is None:
            return False
        return self_start <= _lo(other) and _hi(other) <= self_end

    # -- the text form (claimrec.textform)

    def __str__(self) -> str:
        """The text form: ``START/END`` for periods, ``@END`` for points (see the docs)."""
        ends = (self.start_earliest, self.start_latest, self.end_earliest, self.end_latest)
        return window_text(WindowForm(*ends, self.kind))

    @classmethod
    def from_text(cls, text: str) -> Window | None:
        """The window whose ``START/END`` or ``@END`` text form is ``text``; None for
        any other text (a single day is a date, read by :func:`claimrec.parse_window`)."""
        form = read_window_text(text)
        if form is None:
            return None
        return cls(
            start_earliest=form.start_earliest,
            start_latest=form.start_latest,
            end_earliest=form.end_earliest,
            end_latest=form.end_latest,
            kind="point" if form.kind == "point" else "period",
            text=text,
        )


def _after(first: date | None, second: date | None) -> bool:
    return first is not None and second is not None and first > second


def _ord(day: date | None, default: int) -> int:
    return default if day is None else day.toordinal()


def _lo(window: Window) -> int:
    return _ord(window.start_earliest, OPEN_START_ORDINAL)


def _hi(window: Window) -> int:
    return _ord(window.end_latest, OPEN_END_ORDINAL)


def to_ordinals(windows: Iterable[Window]) -> dict[str, npt.NDArray[np.int64]]:
    """The four ends of many windows as proleptic ordinals, for vectorised sweeps.

    Keys are the field names. An open start is written as
    ``OPEN_START_ORDINAL`` (before every day) and an unknown end as
    ``OPEN_END_ORDINAL`` (after every day).
    """
    items = list(windows)
    columns: dict[str, npt.NDArray[np.int64]] = {}
    for name, default in (
        ("start_earliest", OPEN_START_ORDINAL),
        ("start_latest", OPEN_START_ORDINAL),
        ("end_earliest", OPEN_END_ORDINAL),
        ("end_latest", OPEN_END_ORDINAL),
    ):
        columns[name] = np.fromiter(
            (_ord(getattr(w, name), default) for w in items), dtype=np.int64, count=len(items)
        )
    return columns


@dataclass(frozen=True, slots=True, kw_only=True)
class WindowMatch:
    """A time expression found in running text: ``text[start:end] == match.text``."""

    start: int
    end: int
    text: str
    window: Window


if TYPE_CHECKING:
    #: Well-known dated events (:data:`claimrec.calendar.DEFAULT_CALENDAR`).
    DEFAULT_CALENDAR: EventCalendar


def __getattr__(name: str) -> object:
    # The calendar is read from its data file when first asked for, not at import.
    if name == "DEFAULT_CALENDAR":
        return default_calendar()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
