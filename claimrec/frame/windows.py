"""Window texts read once per text, then placed against each publication date.

A claims table repeats a window text ("as of 2024-03-01", "from May 2 to June 9,
2023") under many publication dates. :func:`claimrec.read.times.parse_window`
reads each (text, date) pair from scratch: it scans the text into a compound
match, reads the compound into a span, then finishes the span against the date
(a window that contains the publication day ends there). Only the last step
needs the date for most texts, so :class:`WindowTexts` does the first two once
per text and the last per pair.

What the span read learns of the date is not guessed from the words: the span
is read against a *watched* copy of the date, which answers every look as the
date would and records it. A look that compares one of its days with a plain
date, or asks its precision, is kept with its outcome; any other look (day
arithmetic, a day's month, a hash, the text form), or a span that holds one of
its days, makes the read *opaque*. A read that is not opaque depends on the date
only through the outcomes it recorded, so it is reused for every date that gives
the same outcomes ("on or before 2022-12-28?"), then finished at that date; an
opaque text has each pair read in full from its match (``interpret``, what
``parse_window`` does after the scan). The scan is ``parse_window``'s own first
steps (:func:`~claimrec.read.times.read_expression`); ``tests/test_frame_windows.py``
checks that every reading equals ``parse_window``'s, window or error.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from claimrec.calendar import DateRange, EventCalendar, default_calendar
from claimrec.errors import ClaimrecError, WindowError
from claimrec.lexicon import Lexicon, lexicon_or_default
from claimrec.read.time_compounds import _BY_FORM, _finish, interpret
from claimrec.read.time_scan import Found
from claimrec.read.time_span import Context, Span
from claimrec.read.time_vocabulary import TimeWords, time_words
from claimrec.read.times import read_expression
from claimrec.window import Window, WindowKind

__all__ = ["WindowTexts"]

# What the span read may learn of the date, each recorded with its outcome: a field
# compared with a plain date ("earliest", "<", day, True), or the precision.
Look = tuple[str, str, object, bool]
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


class _Notes:
    """The looks of one span read at a date; ``opaque`` when the read used the date
    in any way other than comparing its days with plain dates or its precision."""

    __slots__ = ("looks", "opaque")

    def __init__(self) -> None:
        self.looks: list[Look] = []
        self.opaque = False


class _SeenWhole:
    """What a watched value does when it is used whole (hashed, written, pickled,
    copied): the read is opaque, and the real value answers."""

    __slots__ = ()

    def _other(self) -> Any:
        raise NotImplementedError

    def __hash__(self) -> int:
        return hash(self._other())

    def __repr__(self) -> str:
        return repr(self._other())

    def __str__(self) -> str:
        return str(self._other())

    def __format__(self, spec: str) -> str:
        return format(self._other(), spec)

    def __reduce__(self) -> Any:
        return self._other().__reduce__()

    def __copy__(self) -> Any:
        return self._other()

    def __deepcopy__(self, memo: object) -> Any:
        return self._other()


class _WatchedDay(_SeenWhole, date):
    """A day of the watched date: comparisons with plain dates are answered and
    recorded; anything else (arithmetic, a field, a hash, text) makes the read opaque."""

    __slots__ = ("_field", "_notes", "_real")

    def __new__(cls, real: date, field_name: str, notes: _Notes) -> _WatchedDay:
        day = super().__new__(cls, real.year, real.month, real.day)
        object.__setattr__(day, "_field", field_name)
        object.__setattr__(day, "_notes", notes)
        object.__setattr__(day, "_real", real)
        return day

    def __getattribute__(self, name: str) -> Any:
        if name not in ("_field", "_notes", "_real", "_compare", "_other"):
            object.__getattribute__(self, "_notes").opaque = True
        return object.__getattribute__(self, name)

    def _compare(self, op: str, other: object) -> Any:
        real = object.__getattribute__(self, "_real")
        notes: _Notes = object.__getattribute__(self, "_notes")
        if type(other) is not date:
            notes.opaque = True
            other = other._real if isinstance(other, _WatchedDay) else other
            return _COMPARE[op](real, other)
        result = _COMPARE[op](real, other)
        notes.looks.append((object.__getattribute__(self, "_field"), op, other, bool(result)))
        return result

    def _other(self) -> date:
        object.__getattribute__(self, "_notes").opaque = True
        real: date = object.__getattribute__(self, "_real")
        return real

    def __lt__(self, other: object) -> Any:
        return self._compare("<", other)

    def __le__(self, other: object) -> Any:
        return self._compare("<=", other)

    def __gt__(self, other: object) -> Any:
        return self._compare(">", other)

    def __ge__(self, other: object) -> Any:
        return self._compare(">=", other)

    def __eq__(self, other: object) -> Any:
        return self._compare("==", other)

    def __ne__(self, other: object) -> Any:
        return self._compare("!=", other)

    def __add__(self, other: Any) -> Any:
        return self._other() + other

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._other() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._other()


class _Watched(_SeenWhole, DateRange):
    """The date a span is read against, watched: its days are :class:`_WatchedDay`,
    its precision is recorded, and any other look makes the read opaque."""

    __slots__ = ("_notes", "_real")

    def __init__(self, day: DateRange, notes: _Notes) -> None:
        object.__setattr__(self, "_notes", notes)
        object.__setattr__(self, "_real", day)
        object.__setattr__(self, "earliest", _WatchedDay(day.earliest, "earliest", notes))
        object.__setattr__(self, "latest", _WatchedDay(day.latest, "latest", notes))
        object.__setattr__(self, "precision", day.precision)

    def __getattribute__(self, name: str) -> Any:
        if name in ("_notes", "_real", "_other", "earliest", "latest"):
            return object.__getattribute__(self, name)
        notes: _Notes = object.__getattribute__(self, "_notes")
        if name == "precision":
            value = object.__getattribute__(self, "precision")
            notes.looks.append(("precision", "==", value, True))
            return value
        notes.opaque = True
        return object.__getattribute__(self, name)

    def _other(self) -> DateRange:
        object.__getattribute__(self, "_notes").opaque = True
        real: DateRange = object.__getattribute__(self, "_real")
        return real

    def __eq__(self, other: object) -> bool:
        return self._other() == other

    def __ne__(self, other: object) -> bool:
        return self._other() != other

    def __lt__(self, other: object) -> bool:
        return bool(self._other() < other)  # type: ignore[operator]

    def __le__(self, other: object) -> bool:
        return bool(self._other() <= other)  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        return bool(self._other() > other)  # type: ignore[operator]

    def __ge__(self, other: object) -> bool:
        return bool(self._other() >= other)  # type: ignore[operator]


def _holds(looks: Sequence[Look], day: DateRange) -> bool:
    """Whether ``day`` answers every recorded look as the watched date did."""
    return all(
        _COMPARE[op](getattr(day, name), other) == result for name, op, other, result in looks
    )


def _as_window_error(error: Exception, text: str) -> ClaimrecError:
    """What parse_window raises for an error of the compound readers."""
    if isinstance(error, ClaimrecError):
        return error
    return WindowError(f"cannot be read ({error})", text=text)


_READ_ERRORS = (ClaimrecError, ValueError, OverflowError, KeyError)
_SPAN_FIELDS = tuple(f.name for f in fields(Span))
# Span reads kept per text (one per way the dates answered); past that, read in full.
_MAX_CASES = 8


@dataclass(slots=True)
class _Text:
    """One window text as far as it is read without a date: a window (its text
    form) or an error whatever the date, or the span reads of a compound, each with
    the looks at the date it depends on (``opaque``: each pair read in full from
    the match)."""

    window: Window | None = None
    error: ClaimrecError | None = None
    found: Found | None = None
    cases: list[tuple[tuple[Look, ...], tuple[Span, WindowKind] | ClaimrecError]] = field(
        default_factory=list
    )
    opaque: bool = False


@dataclass(slots=True)
class WindowTexts:
    """Readings of window texts against publication dates, each text scanned once.
    ``read(text, published)`` equals ``parse_window(text, published, calendar=…,
    lexicon=…)`` (the same window, or an error of the same class and message)."""

    calendar: EventCalendar | None = None
    lexicon: Lexicon | None = None
    _texts: dict[str, _Text] = field(default_factory=dict)
    # What parse_window resolves on every call, resolved once.
    _lexicon: Lexicon = field(init=False)
    _calendar: EventCalendar = field(init=False)
    _words: TimeWords = field(init=False)

    def __post_init__(self) -> None:
        self._lexicon = lexicon_or_default(self.lexicon)
        self._calendar = default_calendar() if self.calendar is None else self.calendar
        self._words = time_words(self._lexicon)

    def read(self, text: str, published: DateRange) -> Window:
        known = self._texts.get(text)
        if known is None:
            known = self._texts[text] = self._scan(text)
        if known.window is not None:
            return known.window
        if known.error is not None:
            raise known.error.with_traceback(None)
        span = None if known.opaque else self._span(known, text, published)
        if isinstance(span, ClaimrecError):
            raise span.with_traceback(None)
        ctx = self._context(text, published)
        try:
            if span is not None:
                return _finish(*span, ctx)
            if known.found is None:
                raise TypeError("a compound text has its match")
            return interpret(known.found, ctx)  # the span read uses the date: read it at this one
        except ClaimrecError:
            raise
        except (ValueError, OverflowError, KeyError) as error:
            raise WindowError(f"cannot be read ({error})", text=text) from None

    def _context(self, text: str, reference: DateRange) -> Context:
        return Context(text, reference, reference, self._calendar, self._words)

    def _span(
        self, known: _Text, text: str, published: DateRange
    ) -> tuple[Span, WindowKind] | ClaimrecError | None:
        """The span read of a compound at this date: a kept read whose looks this date
        answers the same way, or a new read against the watched date (None: the read
        used the date otherwise; every pair of the text is read in full)."""
        for looks, span in known.cases:
            if _holds(looks, published):
                return span
        if len(known.cases) >= _MAX_CASES:
            known.opaque = True
            return None
        notes = _Notes()
        watched = _Watched(published, notes)
        found, ctx = known.found, self._context(text, watched)
        if found is None:
            raise TypeError("a compound text has its match")
        result: tuple[Span, WindowKind] | ClaimrecError
        try:
            result = _BY_FORM[found.lastgroup or ""].read(found, ctx, False)
        except Exception as error:  # any failure that looked at the date: read again
            if notes.opaque:
                known.opaque = True
                return None
            if not isinstance(error, _READ_ERRORS):
                raise
            result = _as_window_error(error, text)
        else:
            # A span holding a day of the date itself would carry it to other dates.
            for name in _SPAN_FIELDS:
                if isinstance(getattr(result[0], name), _WatchedDay | _Watched):
                    notes.opaque = True
        if notes.opaque:
            known.opaque = True
            return None
        known.cases.append((tuple(notes.looks), result))
        return result

    def _scan(self, text: str) -> _Text:
        """The steps of parse_window that do not need the date."""
        try:
            read = read_expression(text, self._calendar, self._lexicon)
        except ClaimrecError as error:
            return _Text(error=error)
        return _Text(window=read) if isinstance(read, Window) else _Text(found=read)
