"""Days known to a precision, and the calendar of dated events.

* :class:`DateRange` — a date known to a day, a month or a year (a
  publication date "2025", an event "in November 2013"); its text form is the
  ISO date at that precision (``2025``, ``2025-05``, ``2025-05-24``).
* :class:`EventCalendar` — an immutable, hashable mapping of event phrases
  ("the full-scale invasion") to DateRanges; ``DEFAULT_CALENDAR`` is read on
  first use from ``claimrec/data/en/events.csv`` (columns ``date,phrase``).

No grammar here: written dates ("May 24, 2025") are read by
:func:`claimrec.parse_reference`; records and calendars take dates, DateRanges
or ISO text.
"""

from __future__ import annotations

import csv
import io
import re
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, TypeAlias

from claimrec._text import fold_quotes
from claimrec.errors import WindowError
from claimrec.textform import date_text, read_date_text

__all__ = [
    "DEFAULT_CALENDAR",
    "DateRange",
    "EventCalendar",
    "Precision",
    "default_calendar",
    "make_date",
    "month_end",
]

Precision: TypeAlias = Literal["day", "month", "year"]


def make_date(year: int, month: int, day: int, text: str) -> date:
    """``date(year, month, day)``, or a WindowError naming ``text``."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise WindowError("no such day", text=text) from None


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=monthrange(day.year, day.month)[1])


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date known to a precision: a day, or some day within a month or a year."""

    earliest: date
    latest: date
    precision: Precision = "day"

    def __post_init__(self) -> None:
        if isinstance(self.earliest, datetime) or isinstance(self.latest, datetime):
            raise WindowError("expected dates, not datetimes", text=repr(self))
        if self.earliest > self.latest:
            raise WindowError("earliest day is after latest day", text=repr(self))
        if self.precision not in ("day", "month", "year"):
            raise WindowError("precision must be day, month or year", text=self.precision)

    @classmethod
    def day(cls, day: date) -> DateRange:
        return cls(day, day, "day")

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        first = make_date(year, month, 1, str(year))
        return cls(first, month_end(first), "month")

    @classmethod
    def year(cls, year: int) -> DateRange:
        return cls(make_date(year, 1, 1, str(year)), make_date(year, 12, 31, str(year)), "year")

    @classmethod
    def from_text(cls, text: str, *, field: str = "reference") -> DateRange | None:
        """The DateRange of an ISO date, full or partial ("2025-05-24", "2025-05",
        "2025"); None when ``text`` is not one; WindowError for a day or month that
        does not exist."""
        form = read_date_text(text)
        if form is None:
            return None
        if form.day is not None and form.month is not None:
            return cls.day(make_date(form.year, form.month, form.day, text))
        if form.month is not None:
            if not 1 <= form.month <= 12:
                raise WindowError("no such month", field=field, text=text)
            return cls.month(form.year, form.month)
        return cls.year(form.year)

    def __str__(self) -> str:
        return date_text(self.earliest, self.precision)


def as_range(value: date | DateRange | str) -> DateRange:
    """A DateRange from a date (a datetime's day), a DateRange or ISO text."""
    if isinstance(value, DateRange):
        return value
    if isinstance(value, datetime):
        return DateRange.day(value.date())
    if isinstance(value, date):
        return DateRange.day(value)
    found = DateRange.from_text(value) if isinstance(value, str) else None
    if found is None:
        raise WindowError("expected a date, a DateRange or an ISO date", text=repr(value))
    return found


# --- the event calendar -------------------------------------------------------------

_DASH_RUN = re.compile(r"[-‐‑–—]")


def event_key(phrase: str) -> str:
    """How event phrases are compared: lower case, straight apostrophes, hyphens read
    as spaces, single spaces, no leading "the" (outlets vary on each of these)."""
    text = _DASH_RUN.sub(" ", fold_quotes(phrase.lower()))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


EventsLike: TypeAlias = (
    Mapping[str, date | DateRange | str] | Iterable[tuple[str, date | DateRange | str]]
)


class EventCalendar(Mapping[str, DateRange]):
    """An immutable, hashable mapping of event phrases to their dates.

    Phrases are matched case-insensitively, with or without a leading "the",
    and with hyphens read as spaces. ``calendar.with_events({...})`` returns
    a new calendar with more (or redefined) events.
    """

    __slots__ = ("_events", "_hash")

    def __init__(self, events: EventsLike = ()) -> None:
        pairs = events.items() if isinstance(events, Mapping) else events
        table: dict[str, DateRange] = {}
        for phrase, when in pairs:
            key = event_key(str(phrase))
            if not key:
                raise WindowError("an event needs a phrase", field="calendar", text=str(phrase))
            table[key] = as_range(when)
        self._events = dict(sorted(table.items()))
        self._hash = hash(tuple(self._events.items()))

    def __getitem__(self, phrase: str) -> DateRange:
        return self._events[event_key(phrase)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._events)

    def __len__(self) -> int:
        return len(self._events)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventCalendar) and self._events == other._events

    def __repr__(self) -> str:
        return f"EventCalendar({len(self._events)} events)"

    def with_events(self, events: EventsLike) -> EventCalendar:
        """A new calendar with these events added (or redefined)."""
        more = events.items() if isinstance(events, Mapping) else events
        return EventCalendar([*self._events.items(), *more])

    @classmethod
    def from_csv(cls, text: str, *, source: str = "events") -> EventCalendar:
        """A calendar from CSV text with columns ``date,phrase`` (``#`` lines are comments)."""
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        reader = csv.DictReader(io.StringIO("\n".join(lines)))
        if reader.fieldnames is None or not {"date", "phrase"} <= set(reader.fieldnames):
            raise WindowError(f"{source}: needs columns 'date,phrase'", field="calendar")
        return cls((row["phrase"] or "", (row["date"] or "").strip()) for row in reader)


@cache
def default_calendar() -> EventCalendar:
    """The bundled calendar (``claimrec/data/en/events.csv``), read once, on first use."""
    data = resources.files("claimrec").joinpath("data", "en", "events.csv")
    return EventCalendar.from_csv(data.read_text(encoding="utf-8"), source=data.name)


if TYPE_CHECKING:
    #: Well-known dated events; extend with ``DEFAULT_CALENDAR.with_events({...})``.
    DEFAULT_CALENDAR: EventCalendar


def __getattr__(name: str) -> object:
    # Read from events.csv when first asked for, not at import.
    if name == "DEFAULT_CALENDAR":
        return default_calendar()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
