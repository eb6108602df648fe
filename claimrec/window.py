"""Time windows: the days a claim is about, read from news wording.

A :class:`Window` has a start and an end day, each possibly uncertain (an
earliest and a latest day) or open (None). :func:`parse_window` reads one
expression ("since 2022 as of Nov. 6", "over the past year", "in the third
quarter of 2024"); :func:`find_windows` finds every time expression in running
text. Relative expressions are read against a reference date (usually the
publication date), which may itself be known only to the month or the year;
its uncertainty is carried into the window. Nothing is ever read against
today's date.

The grammar is a small set of regular expressions with bounded repetition, so
scanning is linear in the length of the text. See ``docs/windows.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, TypeAlias

import numpy as np
import numpy.typing as npt
from dateutil.parser import isoparse
from dateutil.relativedelta import relativedelta

from claimrec.errors import ClaimrecError, ReferenceDateError, WindowError

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
    "clear_caches",
    "find_windows",
    "parse_reference",
    "parse_window",
    "to_ordinals",
]

Precision: TypeAlias = Literal["day", "month", "year"]
WindowKind: TypeAlias = Literal["period", "point"]

#: Ordinal written by :func:`to_ordinals` for an open start (before every day).
OPEN_START_ORDINAL = 0
#: Ordinal written by :func:`to_ordinals` for an unknown end (after every day).
OPEN_END_ORDINAL = date.max.toordinal() + 1

_ONE_DAY = timedelta(days=1)
# Longer text cannot be one time expression; refusing it early keeps the
# parser's cache and error messages small.
_MAX_EXPRESSION = 300


# --- date helpers --------------------------------------------------------------


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise WindowError("no such day", text=text) from None


def _month_end(day: date) -> date:
    return day + relativedelta(day=31)


def _shift(day: date, text: str, **units: int) -> date:
    # relativedelta keeps the calendar day ("a year before May 24" is May 24)
    # and falls back to the month's last day (Feb 29 -> Feb 28).
    try:
        return day + relativedelta(**units)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        raise WindowError("date out of range", text=text) from None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days(day: date, count: int, text: str) -> date:
    try:
        return day + timedelta(days=count)
    except (ValueError, OverflowError):
        raise WindowError("date out of range", text=text) from None


# --- reference dates ---------------------------------------------------------


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
        first = _make_date(year, month, 1, str(year))
        return cls(first, _month_end(first), "month")

    @classmethod
    def year(cls, year: int) -> DateRange:
        return cls(_make_date(year, 1, 1, str(year)), _make_date(year, 12, 31, str(year)), "year")

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.earliest.year:04d}"
        if self.precision == "month":
            return f"{self.earliest.year:04d}-{self.earliest.month:02d}"
        return self.earliest.isoformat()


ReferenceLike: TypeAlias = DateRange | date | str

_ISO_PARTIAL = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*")


def parse_reference(value: ReferenceLike) -> DateRange:
    """A reference or publication date: a day, a month or a year.

    Accepts a ``date``, a ``datetime`` (its day), a :class:`DateRange`, an ISO
    string (``"2025-05-24"``, ``"2025-05-24T10:00:00Z"``), a partial date
    (``"2025-05"``, ``"2025"``) or a written date ("May 24, 2025", "May 2025").
    """
    if isinstance(value, DateRange):
        return value
    if isinstance(value, datetime):
        return DateRange.day(value.date())
    if isinstance(value, date):
        return DateRange.day(value)
    if not isinstance(value, str):
        raise WindowError("expected a date or a date string", field="reference", text=repr(value))
    match = _ISO_PARTIAL.fullmatch(value)
    if match:
        year, month, day = match.groups()
        if day is not None:
            return DateRange.day(_make_date(int(year), int(month), int(day), value))
        if month is not None:
            if not 1 <= int(month) <= 12:
                raise WindowError("no such month", field="reference", text=value)
            return DateRange.month(int(year), int(month))
        return DateRange.year(int(year))
    if "T" in value and len(value) <= 40:
        try:
            return DateRange.day(isoparse(value.strip()).date())
        except (ValueError, OverflowError):
            pass
    # A written date: exactly one day, month or year with nothing relative.
    try:
        window = parse_window(value)
    except WindowError:
        raise WindowError("not a date", field="reference", text=value) from None
    if window.start_earliest is not None and window.start_earliest == window.start_latest:
        first, last = window.start_earliest, window.end_latest
        if window.end_earliest == last and last is not None:
            if first == last:
                return DateRange.day(first)
            if first.day == 1 and last == _month_end(first):
                return DateRange(first, last, "month")
            if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and (
                first.year == last.year
            ):
                return DateRange(first, last, "year")
    raise WindowError("not a single day, month or year", field="reference", text=value)


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
        end = _as_range(day)
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
        first, last = _as_range(start), _as_range(end)
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

    def __str__(self) -> str:
        """The text form: ``START/END`` for periods, ``@END`` for points (see the docs)."""
        start = _format_end(self.start_earliest, self.start_latest)
        end = _format_end(self.end_earliest, self.end_latest)
        if self.kind == "point":
            return f"@{end}"
        if (
            start == end
            and self.start_earliest is not None
            and (self.start_earliest == self.start_latest)
        ):
            return start
        return f"{start}/{end}"


def _after(first: date | None, second: date | None) -> bool:
    return first is not None and second is not None and first > second


def _ord(day: date | None, default: int) -> int:
    return default if day is None else day.toordinal()


def _lo(window: Window) -> int:
    return _ord(window.start_earliest, OPEN_START_ORDINAL)


def _hi(window: Window) -> int:
    return _ord(window.end_latest, OPEN_END_ORDINAL)


def _format_end(earliest: date | None, latest: date | None) -> str:
    if earliest is None or latest is None:
        return ".."
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}~{latest.isoformat()}"


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


# --- the event calendar ------------------------------------------------------


def _event_key(phrase: str) -> str:
    # Hyphens, dashes and curly apostrophes vary between outlets; a leading "the" is optional.
    text = phrase.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-‐‑–—]", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def _as_range(value: date | DateRange | str) -> DateRange:
    if isinstance(value, DateRange):
        return value
    return parse_reference(value)


class EventCalendar(Mapping[str, DateRange]):
    """An immutable, hashable mapping of event phrases to their dates.

    Phrases are matched case-insensitively, with or without a leading "the",
    and with hyphens read as spaces. ``calendar.with_events({...})`` returns
    a new calendar with more (or redefined) events.
    """

    __slots__ = ("_events", "_hash")

    def __init__(
        self,
        events: Mapping[str, date | DateRange | str]
        | Iterable[tuple[str, date | DateRange | str]] = (),
    ) -> None:
        pairs = events.items() if isinstance(events, Mapping) else events
        table: dict[str, DateRange] = {}
        for phrase, when in pairs:
            key = _event_key(str(phrase))
            if not key:
                raise WindowError("an event needs a phrase", field="calendar", text=str(phrase))
            table[key] = _as_range(when)
        self._events = dict(sorted(table.items()))
        self._hash = hash(tuple(self._events.items()))

    def __getitem__(self, phrase: str) -> DateRange:
        return self._events[_event_key(phrase)]

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

    def with_events(
        self,
        events: Mapping[str, date | DateRange | str] | Iterable[tuple[str, date | DateRange | str]],
    ) -> EventCalendar:
        """A new calendar with these events added (or redefined)."""
        more = events.items() if isinstance(events, Mapping) else events
        return EventCalendar([*self._events.items(), *more])


def _aliases(when: str, *phrases: str) -> list[tuple[str, str]]:
    return [(phrase, when) for phrase in phrases]


#: Well-known dated events; extend with ``DEFAULT_CALENDAR.with_events({...})``.
DEFAULT_CALENDAR = EventCalendar(
    [
        *_aliases(
            "2022-02-24",
            "full-scale invasion",
            "full-scale invasion of Ukraine",
            "full-scale Russian invasion",
            "full-scale Russian invasion of Ukraine",
            "Russia's full-scale invasion",
            "Russia's full-scale invasion of Ukraine",
            "Russian full-scale invasion",
            "full-scale war",
            "Russia's invasion of Ukraine",
            "Russian invasion of Ukraine",
        ),
        *_aliases(
            "2014-03-18",
            "annexation of Crimea",
            "Russia's annexation of Crimea",
            "illegal annexation of Crimea",
            "Crimea annexation",
        ),
        *_aliases(
            "2023-10-07",
            "October 7 attack",
            "October 7 attacks",
            "Oct. 7 attack",
            "Oct. 7 attacks",
            "7 October attack",
            "7 October attacks",
            "Hamas attack on Israel",
            "war in Gaza",
            "Gaza war",
            "Israel-Hamas war",
        ),
        *_aliases(
            "2020-03-11",
            "COVID-19 pandemic",
            "Covid pandemic",
            "coronavirus pandemic",
            "pandemic",
        ),
        *_aliases("2001-09-11", "September 11 attacks", "9/11 attacks"),
        *_aliases("2021-08-15", "fall of Kabul", "Taliban takeover of Afghanistan"),
        *_aliases("2014-07-17", "downing of MH17", "MH17 downing"),
        *_aliases("2023-04-15", "war in Sudan"),
        *_aliases("2023-02-06", "Turkey-Syria earthquake", "earthquake in Turkey and Syria"),
    ]
)


# --- grammar -----------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip

_W = r"\s{1,4}"


def _words(names: Iterable[str], *, capital: bool) -> str:
    ordered = sorted(names, key=len, reverse=True)
    if capital:
        # In running text "may" and "march" are verbs: month names must be capitalised.
        return "|".join(f"(?-i:{n[0].upper()}){n[1:]}" for n in ordered)
    return "|".join(ordered)


def _pieces(strict: bool) -> dict[str, str]:
    full = [name for name in _MONTHS if len(name) > 4 or name in ("may", "june", "july")]
    short = [name for name in _MONTHS if name not in full]
    # Only abbreviations take a full stop ("Nov."); "August." ends a sentence.
    month = (
        rf"(?:(?:{_words(full, capital=strict)})(?![a-z])"
        rf"|(?:{_words(short, capital=strict)})(?![a-z])\.?)"
    )
    weekday = rf"(?:{_words(_WEEKDAYS, capital=strict)})(?![a-z])"
    day = r"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z]|[,.][0-9])"
    year = r"(?<![0-9,.$£€])(?:1[89][0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])"
    tens = "|".join(_TENS)
    units = "|".join(k for k in _SMALL_NUMBERS if k not in ("a", "an"))
    number = rf"(?:[0-9]{{1,4}}|(?:{tens})(?:[- ](?:{units}))?|{units}|an?)"
    q = "(?-i:Q)" if strict else "Q"
    h = "(?-i:H)" if strict else "H"
    return {
        "month": month,
        "weekday": weekday,
        "day": day,
        "year": year,
        "number": number,
        "q": q,
        "h": h,
    }


def _atom_table(strict: bool) -> list[tuple[str, str, str]]:
    """(name, pattern with named groups, strength): ``strong`` atoms stand alone in
    running text; ``weak`` ones need a preposition; ``event`` ones need since/as
    of/by/between/from or a part ("the beginning of"); ``loose`` ones are read
    only by parse_window."""
    p = _pieces(strict)
    month, weekday, day, year, number = p["month"], p["weekday"], p["day"], p["year"], p["number"]
    q, h = p["q"], p["h"]
    unit = r"(?P<unit>hours?|days?|weeks?|months?|years?)"
    return [
        (
            "iso_day",
            r"(?<![0-9-])(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9-])",
            "strong",
        ),
        (
            "mdy",
            rf"(?:{weekday},?{_W})?(?P<mon>{month}){_W}(?P<d>{day})(?:,?{_W}(?P<y>{year}))?",
            "strong",
        ),
        (
            "dmy",
            rf"(?:{weekday},?{_W})?(?:the{_W})?(?P<d>{day}){_W}(?:of{_W})?(?P<mon>{month})"
            rf"(?:,?{_W}(?P<y>{year}))?",
            "strong",
        ),
        ("month_year", rf"(?P<mon>{month}),?{_W}(?:of{_W})?(?P<y>{year})", "strong"),
        ("iso_month", r"(?<![0-9-])(?P<y>[0-9]{4})-(?P<m>0[1-9]|1[0-2])(?![0-9-])", "strong"),
        (
            "year_span",
            rf"(?P<y>{year})\s?[-–—/]\s?(?P<y2>[0-9]{{4}}|[0-9]{{2}})(?![0-9])",
            "strong",
        ),
        (
            "quarter",
            rf"{q}(?P<q>[1-4])(?:\s{{1,3}}of\s{{1,3}}|\s{{1,3}}|[-/])(?P<y>{year})",
            "strong",
        ),
        ("year_quarter", rf"(?P<y>{year})\s?[-/]?\s?{q}(?P<q>[1-4])(?![0-9a-z])", "strong"),
        ("half", rf"(?:{h}(?P<h>[12])|(?P<h2>[12]){h})(?:\s{{1,3}}|[-/])(?P<y>{year})", "strong"),
        ("year_half", rf"(?P<y>{year})\s?[-/]?\s?{h}(?P<h>[12])(?![0-9a-z])", "strong"),
        (
            "day_word",
            r"(?:the\s{1,4}day\s{1,4}before\s{1,4})?yesterday|today|tonight|"
            r"this\s{1,4}(?:morning|afternoon|evening)|last\s{1,4}night|"
            r"earlier\s{1,4}today",
            "strong",
        ),
        (
            "rolling",
            rf"(?:the{_W}(?P<w1>past|last|previous|preceding)|(?P<w2>past|previous|"
            rf"preceding))(?:{_W}(?P<n>{number}))?{_W}{unit}"
            rf"|last{_W}(?P<n2>{number}){_W}(?P<unit2>hours?|days?|weeks?|months?|years?)",
            "strong",
        ),
        ("ago", rf"(?P<n>{number}){_W}{unit}{_W}ago", "strong"),
        (
            "calendar",
            r"(?:earlier\s{1,4})?(?P<this>this|last)\s{1,4}"
            r"(?P<unit>week|month|quarter|year)",
            "strong",
        ),
        ("last_weekday", rf"last{_W}(?P<wd>{weekday})", "strong"),
        ("weekday", rf"(?P<wd>{weekday})", "strong"),
        ("last_month", rf"last{_W}(?P<mon>{month})", "strong"),
        ("year", rf"(?P<y>{year})", "weak"),
        ("month", rf"(?P<mon>{month})", "weak"),
        ("quarter_alone", rf"{q}(?P<q>[1-4])(?![0-9a-z])", "weak"),
        (
            "ordinal_alone",
            r"(?:the\s{1,4})?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
            r"[\s-]{1,4}(?P<unit>quarter|half)",
            "loose",
        ),
    ]


_PART = (
    r"(?:(?:the\s{1,4})?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    r"[\s-]{1,4}(?P<part>quarter|half)(?:\s{1,4}of)?"
    r"|(?:the\s{1,4})?(?P<edge>beginning|start|outbreak|onset|launch|end|close|middle)"
    r"\s{1,4}of"
    r"|(?P<third>early|mid|late)"
    r"|(?:the\s{1,4})?week\s{1,4}(?:to|ending|ended|through))"
)
_PART_GLUE = r"(?:\s{1,4}|(?<=mid)-)"
_EVENT_VERBS = r"(?:began|begun|started|broke\s{1,4}out|was\s{1,4}launched|was\s{1,4}declared)"
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _unnamed(pattern: str) -> str:
    return _GROUP_NAME.sub("(?:", pattern)


def _event_pattern(calendar: EventCalendar) -> str:
    alternatives = []
    for key in sorted(calendar, key=len, reverse=True):
        parts = [re.escape(word).replace("'", "['’]") for word in key.split(" ")]
        alternatives.append(r"[\s\-‐‑–]{1,2}".join(parts))
    if not alternatives:
        return r"(?!x)x"
    return rf"(?:the{_W})?(?:{'|'.join(alternatives)})(?![a-z0-9])(?:{_W}{_EVENT_VERBS})?"


@lru_cache(maxsize=16)
def _scanner(calendar: EventCalendar, strict: bool) -> re.Pattern[str]:
    """The compound grammar, as one pattern with named groups for the parts."""
    table = _atom_table(strict)
    event = _event_pattern(calendar)

    def group(strengths: tuple[str, ...]) -> str:
        return "|".join(_unnamed(pat) for _, pat, s in table if s in strengths)

    if strict:
        strong_atoms = group(("strong",))
        weak_atoms = group(("weak",))
    else:
        strong_atoms = group(("strong", "weak", "loose")) + "|" + event
        weak_atoms = r"(?!x)x"
    part = _unnamed(_PART)
    any_atom = f"{strong_atoms}|{weak_atoms}|{event}"
    strong = f"(?:{part}{_PART_GLUE}(?:{any_atom})|{strong_atoms})"
    generic = f"(?:{strong}|{weak_atoms})"  # after a plain preposition
    anything = f"(?:{strong}|{weak_atoms}|{event})"  # after since / as of / by / between / from
    to = r"(?:\s{1,4}(?:to|through|thru|until|till)\s{1,4}|\s{0,2}[-–—]\s{0,2})"
    prep = r"(?:in|on|over|during|throughout|for|from|at)"
    since_end = r"as\s{1,4}of|as\s{1,4}at|through|until|till|up\s{1,4}to|to|by"
    source = (
        r"(?<![\w])(?=[0-9A-Za-z])(?:"
        rf"(?P<since>since){_W}(?P<sx>{anything})"
        rf"(?:,?{_W}(?P<sop>{since_end}){_W}(?P<sy>{anything}))?"
        rf"|(?P<pop>as\s{{1,4}}of|as\s{{1,4}}at|by){_W}(?P<px>{anything})"
        rf"|(?P<rop>between|from){_W}(?P<rx>{anything})"
        rf"(?:{_W}and{_W}|{to})(?P<ry>{anything})"
        rf"|(?:(?P<prep>{prep}){_W})?(?P<x>{generic})"
        rf"(?:{_W}and{_W}(?P<ay>{generic})|{to}(?P<ty>{generic})|,?{_W}(?P<alone>alone))?"
        r")(?![a-z0-9])"
    )
    return re.compile(source, re.IGNORECASE)


@lru_cache(maxsize=1)
def _readers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(pat, re.IGNORECASE)) for name, pat, _ in _atom_table(False))


_PART_RE = re.compile(_PART + _PART_GLUE, re.IGNORECASE)
_EVENT_TAIL = re.compile(rf"{_W}{_EVENT_VERBS}$", re.IGNORECASE)
_YEARLESS = re.compile(
    rf"(?:{_pieces(False)['weekday']},?{_W})?(?:the{_W})?"
    rf"(?:(?:{_pieces(False)['month']}){_W}[0-9]{{1,2}}(?:st|nd|rd|th)?"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?{_W}(?:of{_W})?(?:{_pieces(False)['month']})"
    rf"|(?:{_pieces(False)['month']}))",
    re.IGNORECASE,
)


# --- reading -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Span:
    """A resolved expression: start and end, each between an earliest and latest day."""

    se: date
    sl: date
    ee: date
    el: date

    @staticmethod
    def exact(start: date, end: date) -> _Span:
        return _Span(start, start, end, end)

    def readings(self) -> tuple[tuple[date, date], tuple[date, date]]:
        # The earliest and the latest reading; relative readings move together.
        return ((self.se, self.ee), (self.sl, self.el))


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    reference: DateRange | None
    anchor: DateRange | None  # what a date written without a year is read against
    calendar: EventCalendar

    def need_reference(self, what: str) -> DateRange:
        if self.reference is None:
            raise ReferenceDateError(
                f"a reference date is needed to read {what} (pass reference=, e.g. the "
                "publication date)",
                text=self.text,
            )
        return self.reference

    def need_anchor(self, what: str) -> DateRange:
        if self.anchor is None:
            return self.need_reference(what)
        return self.anchor


def _over_readings(reference: DateRange, read: Callable[[date], tuple[date, date]]) -> _Span:
    # Every reading here moves forward with the reference day, so the first and
    # the last possible reference day bound all readings.
    first_start, first_end = read(reference.earliest)
    last_start, last_end = read(reference.latest)
    return _Span(
        min(first_start, last_start),
        max(first_start, last_start),
        min(first_end, last_end),
        max(first_end, last_end),
    )


def _number(text: str) -> int:
    word = text.lower().replace(" ", "-")
    if word.isdigit():
        return int(word)
    if word in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[word]
    tens, _, ones = word.partition("-")
    return _TENS[tens] + (_SMALL_NUMBERS[ones] if ones else 0)


def _month_number(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _latest_month(month: int, before: date, *, strictly: bool = False) -> date:
    """First day of the latest such month that has begun by ``before``."""
    year = before.year
    if month > before.month or (strictly and month == before.month):
        year -= 1
    return date(year, month, 1)


def _yearless_day(month: int, day: int, ctx: _Context) -> date:
    # A day written without a year is the latest such day not after the
    # anchor's last possible day: writers omit the year for dates of the
    # current year, so "May 24" against a reference of "2025" is 2025-05-24.
    anchor = ctx.need_anchor("a date written without a year").latest
    for year in range(anchor.year, anchor.year - 9, -1):  # Feb 29 waits for a leap year
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= anchor:
            return candidate
    raise WindowError("no such day", text=ctx.text)


def _unit_back(reference: date, count: int, unit: str, text: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return _days(reference, -math.ceil(count / 24), text)
    if unit == "day":
        return _days(reference, -count, text)
    if unit == "week":
        return _days(reference, -7 * count, text)
    if unit == "month":
        return _shift(reference, text, months=-count)
    return _shift(reference, text, years=-count)


def _calendar_unit(day: date, unit: str) -> tuple[date, date]:
    """The calendar week (Monday–Sunday), month, quarter or year containing ``day``."""
    if unit == "week":
        monday = _monday(day)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = day.replace(day=1)
        return first, _month_end(first)
    if unit == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return first, _month_end(first + relativedelta(months=2))
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _months_of_year(year: int, first: int, last: int) -> tuple[date, date]:
    start = date(year, first, 1)
    return start, _month_end(date(year, last, 1))


def _read_atom(name: str, m: re.Match[str], ctx: _Context) -> _Span:
    g = m.group
    if name == "iso_day":
        day = _make_date(int(g("y")), int(g("m")), int(g("d")), ctx.text)
        return _Span.exact(day, day)
    if name in ("mdy", "dmy"):
        month = _month_number(g("mon"))
        day_number = int(re.sub(r"\D", "", g("d")))
        if g("y"):
            day = _make_date(int(g("y")), month, day_number, ctx.text)
        else:
            day = _yearless_day(month, day_number, ctx)
        return _Span.exact(day, day)
    if name in ("month_year", "iso_month"):
        month = _month_number(g("mon")) if name == "month_year" else int(g("m"))
        first = date(int(g("y")), month, 1)
        return _Span.exact(first, _month_end(first))
    if name == "year":
        year = int(g("y"))
        return _Span.exact(date(year, 1, 1), date(year, 12, 31))
    if name == "year_span":
        first_year, tail = int(g("y")), g("y2")
        last_year = int(tail) if len(tail) == 4 else first_year - first_year % 100 + int(tail)
        if len(tail) == 2 and last_year < first_year:
            last_year += 100  # "1999-00"
        if last_year < first_year or last_year > 9999:
            raise WindowError("the second year is before the first", text=ctx.text)
        return _Span.exact(date(first_year, 1, 1), date(last_year, 12, 31))
    if name in ("quarter", "year_quarter"):
        n = int(g("q"))
        return _Span.exact(*_months_of_year(int(g("y")), 3 * n - 2, 3 * n))
    if name in ("half", "year_half"):
        n = int(g("h") or m.groupdict().get("h2") or 0)
        return _Span.exact(*_months_of_year(int(g("y")), 6 * n - 5, 6 * n))
    if name == "month":
        month = _month_number(g("mon"))
        anchor = ctx.need_anchor("a month written without a year")

        def in_month(r: date) -> tuple[date, date]:
            first = _latest_month(month, r)
            return first, min(_month_end(first), r)

        return _over_readings(anchor, in_month)
    if name == "last_month":
        month = _month_number(g("mon"))

        def last_month(r: date) -> tuple[date, date]:
            first = _latest_month(month, r, strictly=True)
            return first, _month_end(first)

        return _over_readings(ctx.need_reference(f"'{m.group(0)}'"), last_month)
    if name in ("quarter_alone", "ordinal_alone"):
        if name == "quarter_alone":
            n, size = int(g("q")), 3
        else:
            n, size = _ORDINALS[g("ord").lower()], 3 if g("unit").lower() == "quarter" else 6
        if size == 6 and n > 2:
            raise WindowError("a year has two halves", text=ctx.text)

        def latest_part(r: date) -> tuple[date, date]:
            year = r.year if r.month >= size * (n - 1) + 1 else r.year - 1
            first, last = _months_of_year(year, size * (n - 1) + 1, size * n)
            return first, min(last, r)

        return _over_readings(ctx.need_reference(f"'{m.group(0)}'"), latest_part)
    if name == "weekday":
        weekday = _WEEKDAYS[g("wd").lower()]

        def on_weekday(r: date) -> tuple[date, date]:
            day = r - timedelta(days=(r.weekday() - weekday) % 7)
            return day, day

        return _over_readings(ctx.need_reference(f"'{m.group(0)}'"), on_weekday)
    if name == "last_weekday":
        weekday = _WEEKDAYS[g("wd").lower()]

        def last_weekday(r: date) -> tuple[date, date]:
            day = r - timedelta(days=(r.weekday() - weekday - 1) % 7 + 1)
            return day, day

        return _over_readings(ctx.need_reference(f"'{m.group(0)}'"), last_weekday)
    reference = ctx.need_reference(f"'{m.group(0)}'")
    if name == "day_word":
        word = m.group(0).lower()
        back = 2 if "before" in word else 1 if ("yesterday" in word or "night" in word) else 0
        return _over_readings(
            reference,
            lambda r: (_days(r, -back, ctx.text), _days(r, -back, ctx.text)),
        )
    if name == "rolling":
        count = _number(g("n") or g("n2") or "1")
        unit = g("unit") or g("unit2")
        return _over_readings(reference, lambda r: (_unit_back(r, count, unit, ctx.text), r))
    if name == "ago":
        count, unit = _number(g("n")), g("unit")

        def ago(r: date) -> tuple[date, date]:
            day = _unit_back(r, count, unit, ctx.text)
            return day, day

        return _over_readings(reference, ago)
    if name == "calendar":
        unit = g("unit").lower()
        if g("this").lower() == "this" or m.group(0).lower().startswith("earlier"):
            return _over_readings(reference, lambda r: (_calendar_unit(r, unit)[0], r))

        def previous(r: date) -> tuple[date, date]:
            return _calendar_unit(_days(_calendar_unit(r, unit)[0], -1, ctx.text), unit)

        return _over_readings(reference, previous)
    raise WindowError("not a time expression claimrec can read", text=ctx.text)


def _read_event(text: str, ctx: _Context) -> _Span | None:
    key = _event_key(_EVENT_TAIL.sub("", text))
    when = ctx.calendar.get(key)
    if when is None:
        return None
    return _Span(when.earliest, when.latest, when.earliest, when.latest)


def _apply_part(m: re.Match[str], span: _Span, ctx: _Context) -> _Span:
    g = m.group
    results: list[tuple[date, date]] = []
    for start, end in span.readings():
        if g("edge"):
            edge = g("edge").lower()
            results.append(
                (end, end)
                if edge in ("end", "close")
                else (start, start)
                if edge != "middle"
                else _thirds(start, end, 2, ctx)
            )
        elif g("third"):
            results.append(
                _thirds(start, end, ("early", "mid", "late").index(g("third").lower()) + 1, ctx)
            )
        elif g("part"):
            if not (start.month, start.day) == (1, 1):
                raise WindowError("a quarter or half is of a year", text=ctx.text)
            word = g("ord").lower()
            size = 3 if g("part").lower() == "quarter" else 6
            n = (4 if size == 3 else 2) if word in ("final", "last") else _ORDINALS[word]
            if size == 6 and n > 2:
                raise WindowError("a year has two halves", text=ctx.text)
            results.append(_months_of_year(start.year, size * (n - 1) + 1, size * n))
        else:  # the week to X: seven days ending on X
            results.append((_days(end, -6, ctx.text), end))
    (s1, e1), (s2, e2) = results
    return _Span(min(s1, s2), max(s1, s2), min(e1, e2), max(e1, e2))


def _thirds(start: date, end: date, which: int, ctx: _Context) -> tuple[date, date]:
    """Early (1), mid (2) or late (3) part of a year (by months) or a month (by days)."""
    if (start.month, start.day) == (1, 1) and end <= date(start.year, 12, 31):
        return _months_of_year(start.year, 4 * which - 3, 4 * which)
    if start.day == 1 and end <= _month_end(start):
        last = _month_end(start)
        first_day = start.replace(day=10 * (which - 1) + 1)
        return first_day, last if which == 3 else start.replace(day=10 * which)
    raise WindowError("early, mid and late apply to a year or a month", text=ctx.text)


def _read_base(text: str, ctx: _Context) -> _Span:
    part = _PART_RE.match(text)
    if part is not None and part.end() < len(text):
        try:
            inner = _read_base(text[part.end() :], ctx)
        except ReferenceDateError:
            raise
        except WindowError:
            inner = None
        if inner is not None:
            return _apply_part(part, inner, ctx)
    for name, reader in _readers():
        m = reader.fullmatch(text)
        if m is not None:
            return _read_atom(name, m, ctx)
    event = _read_event(text, ctx)
    if event is not None:
        return event
    raise WindowError("not a time expression claimrec can read", text=ctx.text)


def _read_pair(first: str, second: str, ctx: _Context) -> tuple[_Span, _Span]:
    """Both ends of "between X and Y": a yearless X shares Y's year (or the one before)."""
    last = _read_base(second, ctx)
    if _YEARLESS.fullmatch(first):
        anchor = DateRange(min(last.ee, last.el), last.el)
        return _read_base(first, _Context(ctx.text, ctx.reference, anchor, ctx.calendar)), last
    return _read_base(first, ctx), last


def _interpret(m: re.Match[str], ctx: _Context, *, drop_tail: bool = False) -> Window:
    g = m.group
    kind: WindowKind = "period"
    if g("since"):
        if g("sy"):
            start, end = _read_pair(g("sx"), g("sy"), ctx)
            op = " ".join(g("sop").lower().split())
            end_range = (end.se, end.el) if op in ("as of", "as at", "by") else (end.ee, end.el)
        else:
            start = _read_base(g("sx"), ctx)
            reference = ctx.need_reference("'since' (it runs up to the reference date)")
            end_range = (reference.earliest, reference.latest)
        span = _Span(start.se, start.el, *end_range)
    elif g("pop"):
        point = _read_base(g("px"), ctx)
        span = _Span(point.se, point.se, point.se, point.el)
        kind = "point"
    elif g("rop") or (g("ay") and not drop_tail) or (g("ty") and not drop_tail):
        first_text = g("rx") or g("x")
        second_text = g("ry") or g("ay") or g("ty")
        first, last = _read_pair(first_text, second_text, ctx)
        span = _Span(first.se, first.sl, last.ee, last.el)
    else:
        span = _read_base(g("x"), ctx)
    return _finish(span, kind, ctx)


def _finish(span: _Span, kind: WindowKind, ctx: _Context) -> Window:
    se, sl, ee, el = span.se, span.sl, span.ee, span.el
    if ctx.reference is not None:
        # No window reaches past its reference day.
        limit = ctx.reference.latest
        if se > limit:
            raise WindowError("the window starts after the reference date", text=ctx.text)
        el, ee = min(el, limit), min(ee, limit)
    if se > el:
        raise WindowError("the window starts after it ends", text=ctx.text)
    # Readings that end before they start are impossible; drop them.
    sl, ee = min(sl, el), max(ee, se)
    if kind == "point":
        return Window(
            start_earliest=None,
            start_latest=None,
            end_earliest=ee,
            end_latest=el,
            kind="point",
            text=ctx.text,
        )
    return Window(
        start_earliest=se,
        start_latest=sl,
        end_earliest=ee,
        end_latest=el,
        kind="period",
        text=ctx.text,
    )


# --- the text form ---------------------------------------------------------------

_DAY_FORM = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_END_FORM = rf"(?:{_DAY_FORM}(?:~{_DAY_FORM})?|\.\.)"
_TEXT_FORM = re.compile(rf"(?:@(?P<point>{_END_FORM})|(?P<start>{_END_FORM})/(?P<end>{_END_FORM}))")


def _read_end_form(text: str, whole: str) -> tuple[date | None, date | None]:
    if text == "..":
        return (None, None)
    first, _, last = text.partition("~")
    try:
        return (date.fromisoformat(first), date.fromisoformat(last or first))
    except ValueError:
        raise WindowError("no such day", text=whole) from None


def _read_text_form(text: str) -> Window | None:
    m = _TEXT_FORM.fullmatch(text)
    if m is None:
        return None
    if m.group("point") is not None:
        end = _read_end_form(m.group("point"), text)
        return Window(
            start_earliest=None,
            start_latest=None,
            end_earliest=end[0],
            end_latest=end[1],
            kind="point",
            text=text,
        )
    start = _read_end_form(m.group("start"), text)
    end = _read_end_form(m.group("end"), text)
    return Window(
        start_earliest=start[0],
        start_latest=start[1],
        end_earliest=end[0],
        end_latest=end[1],
        kind="period",
        text=text,
    )


# --- public verbs -----------------------------------------------------------------


def _reference_or_none(reference: ReferenceLike | None) -> DateRange | None:
    if reference is None:
        return None
    if isinstance(reference, str) and not reference.strip():
        return None
    try:
        return parse_reference(reference)
    except WindowError as error:
        raise WindowError(error.reason, field="reference", text=error.text) from None


_EDGE_PUNCTUATION = " \t\r\n,;:!?\"'()[]{}“”‘’"


def parse_window(
    text: str,
    reference: ReferenceLike | None = None,
    *,
    calendar: EventCalendar | None = None,
) -> Window:
    """Read one time expression into a :class:`Window`.

    ``reference`` (a date, an ISO string, a partial date such as ``"2025"``, or
    a :class:`DateRange`) is what relative expressions are read against;
    ``calendar`` names events (default :data:`DEFAULT_CALENDAR`). The text
    form written by ``str(window)`` is read back as well.

    Raises :class:`ReferenceDateError` when the expression is relative and no
    reference is given, and :class:`WindowError` when it cannot be read.
    """
    if not isinstance(text, str):
        raise WindowError("expected text", text=repr(text))
    return _parse_cached(
        text, _reference_or_none(reference), DEFAULT_CALENDAR if calendar is None else calendar
    )


@lru_cache(maxsize=8192)
def _parse_cached(text: str, reference: DateRange | None, calendar: EventCalendar) -> Window:
    if len(text) > _MAX_EXPRESSION:
        raise WindowError("too long to be one time expression", text=text)
    cleaned = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    form = _read_text_form(cleaned)
    if form is not None:
        return form
    if not cleaned.strip("."):
        raise WindowError("empty time expression", text=text)
    scanner = _scanner(calendar, False)
    # A full stop may end the sentence or an abbreviation ("Nov."): try both.
    m = scanner.fullmatch(cleaned) or scanner.fullmatch(cleaned.rstrip(". "))
    if m is None:
        raise WindowError("not a time expression claimrec can read", text=text)
    try:
        return _interpret(m, _Context(text, reference, reference, calendar))
    except ClaimrecError:
        raise
    except (ValueError, OverflowError, KeyError) as error:
        raise WindowError(f"cannot be read ({error})", text=text) from None


# A bare year followed by a counted noun is a count ("between 1500 and 2000 people").
_COUNT_NOUN = re.compile(
    r"\s{1,3}(?:(?!(?:was|has|is|as|its|this|his|thus|always|plus|across|unless)\b)[a-z]+s"
    r"|people|men|women|children|per|percent|million|billion|thousand|hundred|km|kg)\b"
)
_ENDS_WITH_YEAR = re.compile(r"(?<![0-9,.])[0-9]{4}$")
_WEAK_PREPS = ("in", "during", "throughout", "for", "from")
_WEAK = re.compile(
    "|".join(_unnamed(pat) for _, pat, strength in _atom_table(True) if strength == "weak"),
    re.IGNORECASE,
)


def find_windows(
    text: str,
    reference: ReferenceLike | None = None,
    *,
    calendar: EventCalendar | None = None,
) -> list[WindowMatch]:
    """Every time expression in running text, longest first, left to right.

    Without a reference, relative expressions ("last week", "since 2022") are
    skipped; so is anything that cannot be read. Never raises for any text;
    a reference that cannot be read raises :class:`WindowError`.
    Plain numbers are years only in context: "in 2024", "since 2022",
    "February 2022", not "124 prisoners" or "2000 people".
    """
    if not isinstance(text, str):
        return []
    ref = _reference_or_none(reference)
    cal = DEFAULT_CALENDAR if calendar is None else calendar
    scanner = _scanner(cal, True)
    found: list[WindowMatch] = []
    position = 0
    while (m := scanner.search(text, position)) is not None:
        start, end = m.start(), m.end()
        position = end
        prep = (m.group("prep") or "").lower()
        if m.group("x") is not None and prep not in _WEAK_PREPS and _WEAK.fullmatch(m.group("x")):
            # A bare year or month needs a preposition: look again just after
            # this start, where a shorter expression may begin.
            position = start + 1
            continue
        # "on Thursday and Friday" is not a span; only in/during/throughout X and Y are.
        drop_tail = bool(m.group("ay")) and prep not in ("in", "during", "throughout")
        if drop_tail:
            end = position = m.end("x")
        if _ENDS_WITH_YEAR.search(text, start, end) and _COUNT_NOUN.match(text, end):
            continue
        try:
            window = _interpret(m, _Context(text[start:end], ref, ref, cal), drop_tail=drop_tail)
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        found.append(WindowMatch(start=start, end=end, text=text[start:end], window=window))
    return found


def clear_caches() -> None:
    """Forget cached parses (for benchmarks; results never depend on the cache)."""
    _parse_cached.cache_clear()
