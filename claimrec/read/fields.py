"""One claim field from a loose cell: text as typed, a number, a pair, or the record.

The readers :func:`claimrec.claim` and :func:`claimrec.normalize` use for each
field: a figure (:func:`read_value`), a window (:func:`read_window`), a
publication date (:func:`read_published`), a reporter (:func:`read_reporter`).
A missing cell is :func:`claimrec._text.is_missing`.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime

from claimrec._text import is_missing, number_text
from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimError, ClaimrecError, FigureError, UnitError, WindowError
from claimrec.lexicon import Lexicon, default_lexicon
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.figures import find_values, parse_value
from claimrec.read.times import parse_reference, parse_window
from claimrec.reporter import Reporter, ReporterTable, resolve_reporter
from claimrec.units import is_unit, parse_unit, same_dimension, unit_name
from claimrec.value import Value
from claimrec.window import Window

__all__ = [
    "check_value",
    "read_published",
    "read_reporter",
    "read_value",
    "read_window",
    "text_or_none",
]

DateLike = date | datetime | str


def text_or_none(value: object, field_name: str) -> str | None:
    if is_missing(value):
        return None
    if not isinstance(value, str):
        raise ClaimError("expected text", field=field_name, text=repr(value))
    return " ".join(value.split())


def _number_text(number: float) -> str:
    if isinstance(number, bool):
        raise FigureError("a boolean is not a figure", text=repr(number))
    if isinstance(number, int) and not -(2**53) <= number <= 2**53:
        raise FigureError("too large to be a figure (beyond 2**53)", text=str(number)[:40])
    if not math.isfinite(number):
        raise FigureError("a figure must be a finite number", text=repr(number))
    return number_text(number)


def read_value(
    value: object,
    *,
    unit: object = None,
    policy: Policy = DEFAULT_POLICY,
    lexicon: Lexicon | None = None,
) -> Value:
    """A :class:`Value` from text, a number, a (low, high) pair or a Value, with its unit."""
    parsed: Value
    if isinstance(value, Value):
        parsed = value
    elif isinstance(value, str):
        parsed = parse_value(value, policy=policy, lexicon=lexicon)
    elif isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        # Below zero: a number in a unit (a change, a temperature) is exactly itself; a
        # count below zero is refused by check_value below.
        parsed = Value.exact(float(_number_text(value)))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        # A number in a cell is the number it holds: no round-figure widening,
        # unless the policy says to read numbers as text.
        as_number = policy if policy.numbers_as_text else policy.replace(round_figures=False)
        parsed = parse_value(_number_text(value), policy=as_number, lexicon=lexicon)
    elif isinstance(value, tuple) and len(value) == 2:
        low, high = value
        if not all(isinstance(end, int | float) and not isinstance(end, bool) for end in value):
            raise FigureError("a (low, high) pair needs two numbers", text=repr(value))
        parsed = Value.between(float(low), float(high))
    elif is_missing(value):
        raise FigureError("a claim needs a figure", text="")
    else:
        raise FigureError(
            "expected text, a number, a (low, high) pair or a Value", text=repr(value)
        )
    if isinstance(value, str):
        _refuse_rate(value, parsed, lexicon)
    if is_missing(unit):
        return check_value(parsed, text=value)
    target = unit if is_unit(unit) else parse_unit(str(unit), lexicon=lexicon)
    if parsed.unit == target:
        return check_value(parsed, text=value)
    if parsed.is_count:
        # "19 million" with unit "hectares": the unit column names what the figure is in.
        return parsed.with_unit(target)
    if not same_dimension(parsed.unit, target):
        raise UnitError(
            f"the figure is in {unit_name(parsed.unit)}, which cannot be {unit_name(target)}",
            text=str(unit),
        )
    return parsed.to(target)


def check_value(value: Value, *, text: object = "") -> Value:
    """``value`` itself, or FigureError for a value no claim can hold: a count below
    zero, or a bound that is not a number (an unbounded end is ±inf, never NaN)."""
    if math.isnan(value.low) or math.isnan(value.high):
        raise FigureError(
            "a bound is not a number (NaN); an open end is -inf or inf", text=_shown(value, text)
        )
    if value.is_count and value.low < 0:
        raise FigureError("a count cannot be negative", text=_shown(value, text))
    return value


def _shown(value: Value, text: object) -> str:
    return text if isinstance(text, str) and text else str(value)


# Words after a figure that make it a rate ("12 deaths per day", "5 km/h"): claimrec
# stores a figure in one unit, so a rate is read only as a whole unit it knows.
@functools.cache
def _rate_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    determiners = "|".join(sorted(map(re.escape, lexicon.words("rate_determiners"))))
    units = "|".join(sorted(map(re.escape, lexicon.words("rate_time_units"))))
    return re.compile(
        rf"(?:\bper\b|/)\s*(?P<per>\S.*)|\b(?:{determiners})\s+(?P<time>{units})s?\b",
        re.IGNORECASE,
    )


@functools.cache
def _may_be_rate(lexicon: Lexicon) -> re.Pattern[str]:
    """What every match of :func:`_rate_pattern` contains, without its word boundaries:
    a text in which this finds nothing holds no rate, and is not searched for figures
    a second time."""
    determiners = "|".join(sorted(map(re.escape, lexicon.words("rate_determiners"))))
    units = "|".join(sorted(map(re.escape, lexicon.words("rate_time_units"))))
    return re.compile(rf"(?:per|/)\s*\S|(?:{determiners})\s+(?:{units})", re.IGNORECASE)


def _refuse_rate(text: str, parsed: Value, lexicon: Lexicon | None) -> None:
    if _may_be_rate(lexicon or default_lexicon()).search(text) is None:
        return
    found = find_values(text, lexicon=lexicon)
    if len(found) != 1:
        return
    tail = text[found[0].end :]
    rate = _rate_pattern(lexicon or default_lexicon()).search(tail)
    if rate is None:
        return
    words = " ".join(text[found[0].start :].split())
    raise UnitError(
        f"{' '.join(tail.split())!r} is not a unit claimrec reads: a rate cannot be kept "
        f"in {unit_name(parsed.unit)}; give the figure with a unit of its own "
        "(value '5', unit 'km/h') or leave the rate out",
        field="value",
        text=words,
    )


def _read_day(value: DateLike, field_name: str) -> DateRange:
    try:
        return parse_reference(value)
    except ClaimrecError as error:
        raise WindowError(error.reason, field=field_name, text=error.text) from None


def read_window(
    window: object,
    *,
    published: DateRange | None = None,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> Window:
    """A :class:`Window` from text, a (start, end) pair or a Window.

    With no window, a claim is read as standing as of its publication date
    (an open start, ending when it was published); with neither, the window is
    unknown. A window is never invented beyond that.
    """
    if isinstance(window, Window):
        return window
    if isinstance(window, str) and window.strip():
        return parse_window(window, reference=published, calendar=calendar, lexicon=lexicon)
    if isinstance(window, tuple) and len(window) == 2:
        start_raw, end_raw = window
        end = _read_day(end_raw, "window end")
        if is_missing(start_raw):
            return Window.as_of(end, text=f"as of {end}")
        start = _read_day(start_raw, "window start")
        return Window.since(start, end, text=f"{start} to {end}")
    if is_missing(window):
        if published is None:  # nothing says when: an unknown window
            return Window(
                start_earliest=None,
                start_latest=None,
                end_earliest=None,
                end_latest=None,
                kind="point",
                text="",
            )
        return _as_of(published)
    raise WindowError("expected text, a (start, end) pair or a Window", text=repr(window))


@functools.lru_cache(maxsize=1024)
def _as_of(published: DateRange) -> Window:
    # One record per publication date: every claim of an article without a window of
    # its own stands at the same moment.
    return Window.as_of(published)


def read_published(published: object) -> DateRange | None:
    """A publication date at its precision — from a date, a datetime or pandas
    Timestamp, (partial) ISO text such as ``"2025"``, or a DateRange — or None when
    missing."""
    if is_missing(published):
        return None
    if isinstance(published, DateRange):
        return published
    if isinstance(published, datetime):  # pandas' Timestamp is one too
        published = published.date()
    if isinstance(published, float) and published.is_integer():
        published = int(published)  # a column of years with a gap reads as floats
    if isinstance(published, int) and not isinstance(published, bool) and 1 <= published <= 9999:
        published = str(published)  # a year, as a CSV reader guesses it
    if not isinstance(published, date | str):
        raise ClaimError("expected a date", field="published", text=repr(published))
    try:
        return parse_reference(published)
    except ClaimrecError as error:
        raise ClaimError(error.reason, field="published", text=error.text) from None


def read_reporter(reporter: object, *, reporters: ReporterTable | None = None) -> Reporter | None:
    if isinstance(reporter, Reporter):
        return reporter
    name = text_or_none(reporter, "reporter")
    if name is None:
        return None
    return resolve_reporter(name, table=reporters)
