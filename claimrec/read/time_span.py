"""What the time rules read into and with: :class:`Span` (earliest and latest start
and end), the reading :class:`Context`, the :class:`Rule` record, and the calendar
arithmetic and word lookups the readers share."""

from __future__ import annotations

import math
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, TypeAlias

from claimrec.calendar import (
    DateRange,
    EventCalendar,
    month_end,
)
from claimrec.errors import ReferenceDateError, WindowError
from claimrec.read.time_vocabulary import SHIFT_FIELDS, Holiday, TimeWords, digit_day, key

Strength: TypeAlias = Literal["strong", "weak", "day", "inner", "loose", "future"]

#: A start before every day (``before 2020``) and an end not known (``after 2030``):
#: they become ``None`` in the window.
OPEN_START = date.min
UNKNOWN_END = date.max


# --- spans and the reading context ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A resolved expression: start and end, each between an earliest and latest day.

    ``ahead``: the text carries the window past the reference day ("the rest of the
    year"), so it is not cut there. ``unit``: the calendar unit the expression names
    ("this week" is the week so far), which parts of it ("late this week") complete.
    """

    se: date  # start, earliest
    sl: date  # start, latest
    ee: date  # end, earliest
    el: date  # end, latest
    ahead: bool = False
    unit: str | None = None

    @staticmethod
    def exact(start: date, end: date) -> Span:
        return Span(start, start, end, end)

    @staticmethod
    def over(first: tuple[date, date], second: tuple[date, date]) -> Span:
        """The span whose readings include both (start, end) readings."""
        return Span(
            min(first[0], second[0]),
            max(first[0], second[0]),
            min(first[1], second[1]),
            max(first[1], second[1]),
        )

    def readings(self) -> tuple[tuple[date, date], tuple[date, date]]:
        # The earliest and the latest reading; relative readings move together.
        return ((self.se, self.ee), (self.sl, self.el))


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    reference: DateRange | None
    anchor: DateRange | None  # what a date written without a year is read against
    calendar: EventCalendar
    words: TimeWords
    after: date | None = None  # a yearless date is the first one on or after this day

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

    def with_anchor(self, anchor: DateRange) -> Context:
        return replace(self, anchor=anchor, after=None)

    def with_after(self, day: date) -> Context:
        return replace(self, after=day)


# --- date helpers ------------------------------------------------------------------


def shift_units(day: date, text: str, **units: int) -> date:
    """``day`` moved by calendar units (years, months, weeks, days), as relativedelta
    does: the calendar day is kept ("a year before May 24" is May 24) and falls back to
    the month's last day (Feb 29 -> 28)."""
    unknown = units.keys() - SHIFT_FIELDS
    if unknown:
        raise WindowError(f"no such unit: {', '.join(sorted(unknown))}", text=text)
    months = 12 * units.get("years", 0) + units.get("months", 0)
    days = 7 * units.get("weeks", 0) + units.get("days", 0)
    try:
        if months:
            index = day.year * 12 + day.month - 1 + months
            year, month = divmod(index, 12)
            last = monthrange(year, month + 1)[1] if 1 <= year <= 9999 else 0
            day = date(year, month + 1, min(day.day, last))
        return day + timedelta(days=days) if days else day
    except (ValueError, OverflowError):
        raise WindowError("date out of range", text=text) from None


def shift_days(day: date, count: int, text: str) -> date:
    """``day`` moved by ``count`` days, or a WindowError naming ``text``."""
    try:
        return day + timedelta(days=count)
    except (ValueError, OverflowError):
        raise WindowError("date out of range", text=text) from None


def months_of_year(year: int, first: int, last: int) -> tuple[date, date]:
    """The first day of month ``first`` and the last day of month ``last`` of ``year``."""
    return date(year, first, 1), month_end(date(year, last, 1))


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def over_readings(
    reference: DateRange,
    read: Callable[[date], tuple[date, date]],
    *,
    ahead: bool = False,
    unit: str | None = None,
) -> Span:
    # Every reading here moves forward with the reference day, so the first and
    # the last possible reference day bound all readings.
    first = read(reference.earliest)
    last = first if reference.latest == reference.earliest else read(reference.latest)
    return Span(
        min(first[0], last[0]), max(first[0], last[0]), min(first[1], last[1]),
        max(first[1], last[1]), ahead, unit,
    )  # fmt: skip


def latest_month(month: int, before: date, *, strictly: bool = False) -> date:
    """First day of the latest such month that has begun by ``before``."""
    year = before.year
    if month > before.month or (strictly and month == before.month):
        year -= 1
    return date(year, month, 1)


def yearless_day(month: int, day: int, ctx: Context) -> date:
    # A day written without a year is the latest such day not after the anchor's
    # last possible day (writers omit the year for dates of the current year, so
    # "May 24" against a reference of "2025" is 2025-05-24) — or, after a dated
    # start ("from today to October 22"), the first such day on or after it.
    if ctx.after is not None:
        for year in range(ctx.after.year, ctx.after.year + 9):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate >= ctx.after:
                return candidate
        raise WindowError("no such day", text=ctx.text)
    anchor = ctx.need_anchor("a date written without a year").latest
    for year in range(anchor.year, anchor.year - 9, -1):  # Feb 29 waits for a leap year
        try:
            candidate = date(year, month, day)
        except (ValueError, OverflowError):
            continue
        if candidate <= anchor:
            return candidate
    raise WindowError("no such day", text=ctx.text)


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    return unit[:-1] if unit.endswith("s") else unit


def unit_shift(count: int, unit: str) -> dict[str, int]:
    unit = _unit_key(unit)
    if unit == "decade":
        return {"years": 10 * count}
    if unit == "hour":
        return {"days": math.ceil(count / 24)}
    return {f"{unit}s": count}


def unit_back(reference: date, count: int, unit: str, text: str) -> date:
    return shift_units(reference, text, **{k: -v for k, v in unit_shift(count, unit).items()})


def calendar_unit_of(day: date, unit: str) -> tuple[date, date]:
    """The calendar week (Monday–Sunday), weekend, month, quarter, year or decade of ``day``."""
    unit = _unit_key(unit)
    if unit == "week":
        monday = week_monday(day)
        return monday, monday + timedelta(days=6)
    if unit == "weekend":
        saturday = week_monday(day) + timedelta(days=5)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        first = day.replace(day=1)
        return first, month_end(first)
    if unit == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return first, month_end(shift_units(first, "", months=2))
    if unit == "decade":
        first_year = day.year - day.year % 10
        return date(first_year, 1, 1), date(min(first_year + 9, 9999), 12, 31)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def next_unit(day: date, unit: str, steps: int, text: str) -> tuple[date, date]:
    """The calendar unit ``steps`` after (or before, when negative) the one of ``day``."""
    unit = _unit_key(unit)
    step = {"week": {"weeks": 1}, "weekend": {"weeks": 1}, "month": {"months": 1},
            "quarter": {"months": 3}, "decade": {"years": 10}}.get(unit, {"years": 1})  # fmt: skip
    start = calendar_unit_of(day, unit)[0]
    moved = shift_units(start, text, **{k: v * steps for k, v in step.items()})
    return calendar_unit_of(moved, unit)


def count_number(text: str, words: TimeWords) -> int:
    word = key(text).replace(" ", "-")
    if word.isdigit():
        return int(word)
    return words.counts.get(word) or words.counts[key(text)]


def month_number(text: str, words: TimeWords) -> int:
    return words.months[text.lower().rstrip(".")]


def weekday_number(text: str, words: TimeWords) -> int:
    return words.weekdays[text.lower().rstrip(".")]


def day_of_month(text: str, words: TimeWords) -> int:
    """A day of the month as written: "6", "06", "6th", "sixth", "twenty-first", "fifteen"."""
    word = key(text)
    digits = digit_day(words.lexicon).fullmatch(word)
    if digits:
        return int(digits[1])
    found = words.day_ordinals.get(word) or words.day_counts.get(word)
    if found is None:
        raise WindowError("not a day of the month", text=text)
    return found


def year_number(text: str, words: TimeWords) -> int:
    """A year in digits, two digits ("'99") or words ("nineteen seventy-eight")."""
    word = key(text).lstrip("'")
    if word.isdigit():
        n = int(word)
        if len(word) <= 2:
            return (2000 if n < words.pivot else 1900) + n
        return n
    tokens = [t for t in word.split() if t != "and"]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + sum(words.numbers[t] for t in tokens[2:])
    century = words.numbers[tokens[0]] * 100
    rest = tokens[1:]
    if rest == ["hundred"]:
        return century
    return century + sum(words.numbers.get(t, 0) for t in rest)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The ``nth`` (1..5, -1 the last) ``weekday`` of a month, or None when there is none."""
    if nth == -1:
        last = month_end(date(year, month, 1))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _easter(year: int) -> date:
    # The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lf = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lf) // 451
    month = (h + lf - 7 * m + 114) // 31
    day = (h + lf - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_in(holiday: Holiday, year: int) -> date:
    if holiday.month == 0:
        day = _easter(year)
    elif holiday.day:
        day = date(year, holiday.month, holiday.day)
    else:
        found = nth_weekday(year, holiday.month, holiday.weekday, holiday.nth)
        assert found is not None  # the lexicon allows N = 1..4 or last only in practice
        day = found
    return day + timedelta(days=holiday.shift)


def _numeric_readings(a: int, b: int, words: TimeWords) -> list[tuple[int, int]]:
    """(month, day) readings of two numbers of a numeric date, by the order policy."""
    month_first = [(a, b)] if 1 <= a <= 12 and 1 <= b <= 31 else []
    day_first = [(b, a)] if 1 <= b <= 12 and 1 <= a <= 31 else []
    if month_first and day_first and a != b:
        if words.order == "month_first":
            return month_first
        if words.order == "day_first":
            return day_first
        return month_first + day_first
    return month_first or day_first


def numeric_span(a: int, b: int, year: int | None, ctx: Context) -> Span:
    days = []
    for month, day in _numeric_readings(a, b, ctx.words):
        try:
            if year is None:
                days.append(yearless_day(month, day, ctx))
            else:
                days.append(date(year, month, day))
        except (ValueError, WindowError):
            continue
    if not days:
        raise WindowError("no such day", text=ctx.text)
    # Both readings possible ("3/7/2017"): the uncertain window over both.
    return Span.over((min(days), min(days)), (max(days), max(days)))


# --- the rules -----------------------------------------------------------------------

Reader: TypeAlias = Callable[[re.Match[str], Context], Span]


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of time expression: its pattern (over fragments) and its reader."""

    name: str
    pattern: str
    strength: Strength
    read: Reader


def rule(pattern: str, strength: Strength = "strong") -> Callable[[Reader], Rule]:
    """Make the decorated reader a :class:`Rule` named after it, with its pattern."""

    def make(read: Reader) -> Rule:
        return Rule(read.__name__, pattern, strength, read)

    return make


def reference_for(m: re.Match[str], ctx: Context) -> DateRange:
    return ctx.need_reference(f"'{m[0]}'")
