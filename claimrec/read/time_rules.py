"""The window rules: one table of ``Rule(name, pattern, strength, reader)``.

Rule 1 (after h11's ``_state.py``): everything one kind of time expression
means lives in its row — the pattern, built from named fragments, and the
reader that turns a match into days, side by side. :mod:`claimrec.read.times`
composes the rows into the compound grammar ("since X as of Y", "between X
and Y", "the end of X") and never looks inside them.

Fragments (``{month}``, ``{year}``, ``{number}``, …) are built per lexicon
from its word lists (dates.txt, numbers.txt, time_words.txt); in running text
the month and weekday names that are also common words ("may", "march",
"sun") must be capitalised. Group names are words. Strength says where a rule
may stand: ``strong`` rules stand alone in running text, ``weak`` ones (a bare
year or month) need a preposition there ("in 2024"), ``day`` ones (a bare day:
"the 27th", "4/22", "Christmas") a day preposition ("on", "at", "over"),
``inner`` ones ("now", "the year") stand only inside a larger expression
("between now and May", "the first half of the year"), and ``loose`` ones are
read by ``parse_window`` only.

A reader gets the match and a :class:`Context` (reference date, anchor for
dates without a year, lexicon words) and returns a :class:`Span`: the earliest
and latest start, the earliest and latest end. Readings never run past the
reference day unless the text carries them there: a window that starts after
the reference (an explicit later date, "next week", "tomorrow") is a future
window, and one that contains the reference is cut at it unless the text says
it goes on ("the rest of the year", "within 5 days": ``Span.ahead``).
"""

from __future__ import annotations

import importlib
import math
import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal, TypeAlias

from claimrec._text import alternation, fold_quotes
from claimrec.calendar import DateRange, EventCalendar, make_date, month_end
from claimrec.errors import ReferenceDateError, WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.tokens import number_words

__all__ = [
    "OPEN_START",
    "RULES",
    "UNKNOWN_END",
    "Context",
    "Rule",
    "Span",
    "TimeWords",
    "calendar_unit_of",
    "compose",
    "first_guard",
    "fragments",
    "months_of_year",
    "nth_weekday",
    "shift_days",
    "shift_units",
    "time_words",
    "week_monday",
]

Strength: TypeAlias = Literal["strong", "weak", "day", "inner", "loose"]

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
class Holiday:
    """A named day of every year: a fixed day, the N-th weekday of a month, or Easter;
    then shifted by ``shift`` days."""

    month: int  # 0 for Easter
    day: int  # the day of the month, or 0
    weekday: int  # for the N-th weekday
    nth: int  # 1..5, or -1 for the last
    shift: int


@dataclass(frozen=True, slots=True, eq=False)
class TimeWords:
    """The lexicon's time vocabulary as lookups (see time_words.txt and dates.txt)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    counts: dict[str, int]  # "three", "twenty-four", "a"
    ordinals: dict[str, int]  # "second", "2nd" (parts of a year)
    day_ordinals: dict[str, int]  # "first" … "thirty-first", "21st"
    day_counts: dict[str, int]  # "one" … "thirty-one"
    numbers: dict[str, int]  # every small number word (0-99)
    day_words: dict[str, int]  # days before the reference
    edges: dict[str, str]  # start, end or middle
    thirds: dict[str, int]
    week_thirds: dict[str, tuple[int, int]]
    last_part_words: frozenset[str]
    event_verbs: frozenset[str]
    next_words: frozenset[str]
    this_words: frozenset[str]
    decade_words: dict[str, int]
    century_words: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    holidays: dict[str, Holiday]
    offset_after: dict[str, int]
    offset_before: dict[str, int]
    vague_counts: dict[str, tuple[int, int]]
    order: str  # numeric dates: either, month_first or day_first
    pivot: int  # two-digit years below it are 20xx
    lexicon: Lexicon


def _digit_ordinal(n: int) -> str:
    # English: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A phrase as the lookups hold it: lower case, straight quotes, single spaces."""
    return " ".join(fold_quotes(text).lower().replace("-", " ").split())


#: The keyword names of a calendar shift (dateutil's relativedelta's arguments): names in
#: code, not words of a text, so not a lexicon list.
SHIFT_FIELDS = frozenset("years months weeks days".split())  # noqa: SIM905


@per_lexicon
def digit_day(lexicon: Lexicon) -> re.Pattern[str]:
    """A day of the month in digits, with or without its ordinal suffix ("6", "6th")."""
    return re.compile(rf"([0-9]{{1,2}})(?:{alternation(lexicon.words('ordinal_suffixes'))})?")


def _century_words(lexicon: Lexicon, small: Mapping[str, int]) -> dict[str, int]:
    """Openers of a year said as a century and a rest: the number words whose value is
    a century of ``century_numbers`` ("nineteen" = 1900), and ``century_openers``."""
    centuries = {int(float(k)): v for k, v in lexicon.numbers("century_numbers").items()}
    found = {key(w): centuries[n] for w, n in small.items() if n in centuries}
    found.update({key(w): n for w, n in lexicon.numbers("century_openers").items()})
    return found


def _range_value(name: str, value: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*([0-9]+)\s*-\s*([0-9]+)\s*", value)
    if m is None:
        raise WindowError(f"{name}: expected 'first-last'", field="lexicon", text=value)
    return int(m[1]), int(m[2])


_HOLIDAY = re.compile(
    r"(?:(?P<easter>easter)|(?P<month>[0-9]{2})-(?:(?P<day>[0-9]{2})"
    r"|(?P<weekday>[a-z]{3})-(?P<nth>[1-5]|last)))(?P<shift>[+-][0-9]{1,3})?"
)


def _holiday(value: str, weekdays: dict[str, int]) -> Holiday:
    m = _HOLIDAY.fullmatch(value.strip().lower())
    if m is None or (m["weekday"] and m["weekday"] not in weekdays):
        raise WindowError(
            "holidays: expected MM-DD, MM-WWW-N or easter", field="lexicon", text=value
        )
    shift = int(m["shift"] or 0)
    if m["easter"]:
        return Holiday(0, 0, 0, 0, shift)
    if m["day"]:
        make_date(2000, int(m["month"]), int(m["day"]), value)  # a real day (of a leap year)
        return Holiday(int(m["month"]), int(m["day"]), 0, 0, shift)
    nth = -1 if m["nth"] == "last" else int(m["nth"])
    return Holiday(int(m["month"]), 0, weekdays[m["weekday"]], nth, shift)


@per_lexicon
def time_words(lexicon: Lexicon) -> TimeWords:
    """The time vocabulary of ``lexicon``, compiled once."""
    numbers = number_words(lexicon)
    counts = {word: n for word, n in numbers.small.items() if n > 0}
    ordinals = lexicon.numbers("ordinals")
    edges = lexicon.table("edges")
    for edge, meaning in edges.items():
        if meaning not in ("start", "end", "middle"):
            raise WindowError("an edge means start, end or middle", field="lexicon", text=edge)
    tens = lexicon.numbers("tens")
    day_ordinals = dict(lexicon.numbers("day_ordinals"))
    for ten, ten_value in tens.items():
        for word, n in lexicon.numbers("day_ordinals").items():
            if n < 10 and ten_value + n <= 31:
                day_ordinals[f"{ten} {word}"] = ten_value + n
    day_ordinals.update({_digit_ordinal(n): n for n in range(1, 32)})
    day_counts = {key(w): n for w, n in numbers.small.items() if 1 <= n <= 31}
    order = lexicon.table("numeric_dates").get("order", "either")
    if order not in ("either", "month_first", "day_first"):
        raise WindowError(
            "numeric_dates: order is either, month_first or day_first", field="lexicon", text=order
        )
    short_days = lexicon.numbers("weekday_abbreviations")
    weekdays = {**lexicon.numbers("weekdays"), **short_days}
    return TimeWords(
        months={**lexicon.numbers("months"), **lexicon.numbers("month_abbreviations")},
        weekdays=weekdays,
        counts={**counts, "a": 1, "an": 1},
        ordinals={**ordinals, **{_digit_ordinal(n): n for n in ordinals.values()}},
        day_ordinals={key(w): n for w, n in day_ordinals.items()},
        day_counts=day_counts,
        numbers={key(w): n for w, n in numbers.small.items()},
        day_words={key(w): n for w, n in lexicon.numbers("day_words").items()},
        edges=edges,
        thirds=lexicon.numbers("thirds"),
        week_thirds={w: (2 * (n - 1), 2 * n) for w, n in lexicon.numbers("thirds").items()},
        last_part_words=lexicon.words("last_part_words"),
        event_verbs=lexicon.words("event_verbs"),
        next_words=frozenset(key(w) for w in lexicon.words("next_words")),
        this_words=frozenset(key(w) for w in lexicon.words("this_words")),
        decade_words={key(w): n for w, n in lexicon.numbers("decade_words").items()},
        century_words=_century_words(lexicon, numbers.small),
        seasons={w: _range_value("seasons", v) for w, v in lexicon.table("seasons").items()},
        holidays={key(w): _holiday(v, short_days) for w, v in lexicon.table("holidays").items()},
        offset_after={key(w): n for w, n in lexicon.numbers("offset_after").items()},
        offset_before={key(w): n for w, n in lexicon.numbers("offset_before").items()},
        vague_counts={
            key(w): _range_value("vague_counts", v)
            for w, v in lexicon.table("vague_counts").items()
        },
        order=order,
        pivot=lexicon.numbers("two_digit_years").get("pivot", 50),
        lexicon=lexicon,
    )


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


def _over_readings(
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


def _latest_month(month: int, before: date, *, strictly: bool = False) -> date:
    """First day of the latest such month that has begun by ``before``."""
    year = before.year
    if month > before.month or (strictly and month == before.month):
        year -= 1
    return date(year, month, 1)


def _yearless_day(month: int, day: int, ctx: Context) -> date:
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


def _units(count: int, unit: str) -> dict[str, int]:
    unit = _unit_key(unit)
    if unit == "decade":
        return {"years": 10 * count}
    if unit == "hour":
        return {"days": math.ceil(count / 24)}
    return {f"{unit}s": count}


def _unit_back(reference: date, count: int, unit: str, text: str) -> date:
    return shift_units(reference, text, **{k: -v for k, v in _units(count, unit).items()})


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


def _next_unit(day: date, unit: str, steps: int, text: str) -> tuple[date, date]:
    """The calendar unit ``steps`` after (or before, when negative) the one of ``day``."""
    unit = _unit_key(unit)
    step = {"week": {"weeks": 1}, "weekend": {"weeks": 1}, "month": {"months": 1},
            "quarter": {"months": 3}, "decade": {"years": 10}}.get(unit, {"years": 1})  # fmt: skip
    start = calendar_unit_of(day, unit)[0]
    moved = shift_units(start, text, **{k: v * steps for k, v in step.items()})
    return calendar_unit_of(moved, unit)


def _count(text: str, words: TimeWords) -> int:
    word = key(text).replace(" ", "-")
    if word.isdigit():
        return int(word)
    return words.counts.get(word) or words.counts[key(text)]


def _month(text: str, words: TimeWords) -> int:
    return words.months[text.lower().rstrip(".")]


def _weekday(text: str, words: TimeWords) -> int:
    return words.weekdays[text.lower().rstrip(".")]


def _day_number(text: str, words: TimeWords) -> int:
    """A day of the month as written: "6", "06", "6th", "sixth", "twenty-first", "fifteen"."""
    word = key(text)
    digits = digit_day(words.lexicon).fullmatch(word)
    if digits:
        return int(digits[1])
    found = words.day_ordinals.get(word) or words.day_counts.get(word)
    if found is None:
        raise WindowError("not a day of the month", text=text)
    return found


def _year_number(text: str, words: TimeWords) -> int:
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


def _holiday_in(holiday: Holiday, year: int) -> date:
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


def _numeric_span(a: int, b: int, year: int | None, ctx: Context) -> Span:
    days = []
    for month, day in _numeric_readings(a, b, ctx.words):
        try:
            if year is None:
                days.append(_yearless_day(month, day, ctx))
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


def _reference(m: re.Match[str], ctx: Context) -> DateRange:
    return ctx.need_reference(f"'{m[0]}'")


# Numeric dates -------------------------------------------------------------------------


def _same_separators(m: re.Match[str], ctx: Context) -> None:
    # "2015/08/12" and "08/12,2015", not "2015/08-12"
    again = m["sep_again"].strip()
    if again != m["sep"] and again != ",":
        raise WindowError("a date written with two different separators", text=ctx.text)


@rule(r"(?<![0-9-])(?P<year>[0-9]{4})-(?P<month_number>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9-])")
def iso_day(m: re.Match[str], ctx: Context) -> Span:
    """2024-11-06"""
    day = make_date(int(m["year"]), int(m["month_number"]), int(m["day"]), ctx.text)
    return Span.exact(day, day)


@rule(
    r"(?<![\w./-])(?P<year>[12][0-9]{3})(?P<sep>[/.-])(?P<month_number>0?[1-9]|1[0-2])"
    r"(?P<sep_again>[/.-])(?P<day>0?[1-9]|[12][0-9]|3[01])(?![\w/-]|[.,][0-9])"
)
def year_month_day(m: re.Match[str], ctx: Context) -> Span:
    """2015/08/12, 2015.5.13, 2018-7-6: year first, then month and day"""
    _same_separators(m, ctx)
    day = make_date(int(m["year"]), int(m["month_number"]), int(m["day"]), ctx.text)
    return Span.exact(day, day)


@rule(
    r"(?<![\w./-])(?P<year>[12][0-9]{3})(?P<sep>[/-])(?P<month>{month_any})(?P<sep_again>[/-])"
    r"(?P<day>[0-3]?[0-9])(?![\w/-])"
)
def year_name_day(m: re.Match[str], ctx: Context) -> Span:
    """2019-sep-1, 2019/Sep/01"""
    _same_separators(m, ctx)
    day = make_date(int(m["year"]), _month(m["month"], ctx.words), int(m["day"]), ctx.text)
    return Span.exact(day, day)


@rule(
    r"(?<![\w./-])(?P<first>0?[1-9]|[12][0-9]|3[01])(?P<sep>[/.-])(?P<second>0?[1-9]|[12][0-9]|3[01])"
    r"(?P<sep_again>[/.-]|,\s?)(?P<year>[12][0-9]{3}|[0-9]{2})(?![\w/-]|[.,][0-9])"
)
def numeric_date(m: re.Match[str], ctx: Context) -> Span:
    """02/22/2016, 21/04/16, 13.5.2015, 3-7-2017 (month and day by the order policy)"""
    _same_separators(m, ctx)
    if m["sep"] == "." and len(m["year"]) == 2:
        raise WindowError("1.2.10 is a version number, not a date", text=ctx.text)
    year = _year_number(m["year"], ctx.words)
    return _numeric_span(int(m["first"]), int(m["second"]), year, ctx)


_NUMERIC_DAY = (
    r"(?<![\w./,-])(?P<first>0?[1-9]|[12][0-9]|3[01])(?P<sep>[/.-])"
    r"(?P<second>0?[1-9]|[12][0-9]|3[01])(?![\w/-]|[.,][0-9]|\s{0,4}%)"
)


@rule(r"(?P<weekday>{weekday}),?{space}" + _NUMERIC_DAY)
def weekday_numeric_day(m: re.Match[str], ctx: Context) -> Span:
    """Friday 7/6, Fri 7-6: a numeric day named by its weekday"""
    return _numeric_span(int(m["first"]), int(m["second"]), None, ctx)


@rule(
    r"(?<![\w./,-])(?:(?P<first>0?[1-9]|1[0-2])/(?P<second>1[3-9]|2[0-9]|3[01])"
    r"|(?P<first_day>1[3-9]|2[0-9]|3[01])/(?P<second_month>0?[1-9]|1[0-2]))(?![\w/-]|[.,][0-9]|\s{0,4}%)"
)
def slash_day(m: re.Match[str], ctx: Context) -> Span:
    """4/22, 22/04: a slash date that can only be a day and a month"""
    first, second = m["first"] or m["first_day"], m["second"] or m["second_month"]
    return _numeric_span(int(first), int(second), None, ctx)


@rule(_NUMERIC_DAY, "day")
def numeric_day(m: re.Match[str], ctx: Context) -> Span:
    """on 4/22, on 22/04, on 4-22: a numeric day without a year (the latest not after)"""
    return _numeric_span(int(m["first"]), int(m["second"]), None, ctx)


# Days of a month, written with its name ------------------------------------------------

_DAY_ANY = r"(?:{day}|{nth_day})"
_YEAR_AFTER = r"(?:,?{space}(?:of{space})?|,)(?P<year>{long_year}|{year_words})"
# (a year after a day may be earlier than 1800: "5 December 1391")


@rule(
    r"(?P<month>{month}){space}(?:between{space})?(?P<day>" + _DAY_ANY + r")"
    r"(?:{to}|{space}and{space})(?P<last_day>" + _DAY_ANY + r")"
    r"(?:,?{space}(?P<year>{year}|{year_words}))?"
)
def month_days(m: re.Match[str], ctx: Context) -> Span:
    """November 19-20, Nov. 19 to 20, 2024: days of one month"""
    return _days_of_month(m, ctx)


@rule(
    r"(?:between{space})?(?:the{space})?(?P<day>" + _DAY_ANY + r")(?:{to}|{space}and{space})"
    r"(?:the{space})?(?P<last_day>" + _DAY_ANY + r"){space}(?:of{space})?(?P<month>{month})"
    r"(?:,?{space}(?:of{space})?(?P<year>{year}|{year_words}))?"
)
def days_month(m: re.Match[str], ctx: Context) -> Span:
    """4 to 22 January 1995, between 3 and 12 of Sept, 2-7 Feb: days of one month"""
    return _days_of_month(m, ctx)


def _days_of_month(m: re.Match[str], ctx: Context) -> Span:
    month = _month(m["month"], ctx.words)
    first, last = _day_number(m["day"], ctx.words), _day_number(m["last_day"], ctx.words)
    if last < first:
        raise WindowError("the last day is before the first", text=ctx.text)
    if m["year"]:
        year = _year_number(m["year"], ctx.words)
        first_day = make_date(year, month, first, ctx.text)
        return Span.exact(first_day, make_date(year, month, last, ctx.text))
    end = _yearless_day(month, last, ctx)
    return Span.exact(make_date(end.year, month, first, ctx.text), end)


@rule(
    r"(?:between{space})?(?P<day>{day}|{nth_day})(?:{to}|{space}and{space})"
    r"(?P<last_day>{day}|{nth_day})(?:{space}(?:of|in))?{space}(?P<which>{this_word}|{next_word}|"
    r"last|previous){space}month",
    "loose",
)
def days_relative_month(m: re.Match[str], ctx: Context) -> Span:
    """4 to 22 this month, between 4 and 23 next month"""
    steps = _steps(m["which"], ctx)
    first_day, last_day = _day_number(m["day"], ctx.words), _day_number(m["last_day"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        start, _ = _next_unit(r, "month", steps, ctx.text)
        return (
            make_date(start.year, start.month, first_day, ctx.text),
            make_date(start.year, start.month, last_day, ctx.text),
        )

    return _over_readings(_reference(m, ctx), read, ahead=True)  # both days are stated


@rule(
    r"(?P<weekday>{weekday}),?{space}the{space}(?P<day>{day}|{nth_day})"
    r"(?![\w-]|{space}(?:of{space})?{month})"
)
def weekday_the_day(m: re.Match[str], ctx: Context) -> Span:
    """Thursday the 21st: the latest 21st not after the reference that is a Thursday"""
    return _weekday_day(m, ctx)


@rule(r"(?P<weekday>{weekday}),?{space}the{space}(?P<day>{day_count})(?![\w-])", "loose")
def weekday_the_number(m: re.Match[str], ctx: Context) -> Span:
    """Friday the fifteen"""
    return _weekday_day(m, ctx)


def _weekday_day(m: re.Match[str], ctx: Context) -> Span:
    weekday, number = _weekday(m["weekday"], ctx.words), _day_number(m["day"], ctx.words)
    anchor = ctx.need_anchor("a day written without a month")

    def latest(r: date) -> tuple[date, date]:
        month = r.replace(day=1)
        for _ in range(48):
            try:
                day = month.replace(day=number)
            except ValueError:
                day = None
            if day is not None and day <= r and day.weekday() == weekday:
                return day, day
            month = (month - timedelta(days=1)).replace(day=1)
        raise WindowError("no such day", text=ctx.text)

    return _over_readings(anchor, latest)


# "Nov 6", "Oct-2", "Oct/2", "Oct2", "september.16th", "October, 1st" (a comma only
# before an ordinal: "In March, 5 people" is no date), "October. 2" (alone only).
_MONTH_DAY_GLUE = (
    r"(?:{space}|,{space}(?=[0-9]{1,2}{ordinal_suffix}\b)|[-/]|\.{md_space}|(?<=[a-z]))"
)


@rule(
    r"(?:{weekday}[,.]?{space})?(?P<month>{month}|{month_any}(?={space}(?:the{space})?(?:{nth_day}"
    r"|[0-9]{1,2}{ordinal_suffix})))" + _MONTH_DAY_GLUE + r"(?:the{space})?"
    r"(?P<day>{glued_day}|{nth_day})(?![\w-]|\.[0-9]|,[0-9]{1,3}(?![0-9]))(?:" + _YEAR_AFTER + r")?"
)
def month_day(m: re.Match[str], ctx: Context) -> Span:
    """Nov. 6, November 6th, 2024, Thursday, Nov. 24, 2022, Oct-2, May the eleventh"""
    return _day_of(m, ctx)


@rule(
    r"(?:{weekday}[,.]?{space})?(?P<month>{month}){space}(?P<day>{day_count})"
    r"(?:,?{space}|,)(?P<year>{year}|{year_words})"
)
def month_number_words_year(m: re.Match[str], ctx: Context) -> Span:
    """jan twenty two, 2018"""
    return _day_of(m, ctx)


@rule(
    r"(?:{weekday}[,.]?{space})?(?P<month>{month}){space}(?P<day>{day_count})(?![\w-])"
    r"(?=\s{0,2}(?:[.,;:!?)]|$)|\s{1,4}{day_followers}\b)"
)
def month_number_words(m: re.Match[str], ctx: Context) -> Span:
    """May twenty one, June twenty three with Jim ("In June twenty people" is no date: a
    day in words after a month only before punctuation or a small word)"""
    return _day_of(m, ctx)


@rule(
    r"(?:{weekday}[,.]?{space})?(?:the{space})?(?:(?P<day>" + _DAY_ANY + r"){space}of{space}"
    r"(?P<month_of>{month_any})|(?P<digits>{tight_day})(?:{space}|[-/]|\.{md_space}|(?=[a-z])"
    r"|\.\s(?={month}\.?,?\s{1,4}[12][0-9]{3}))"
    r"(?P<month>{month}))(?:" + _YEAR_AFTER + r")?"
)
def day_month(m: re.Match[str], ctx: Context) -> Span:
    """6 November 2024, the 6th of November, 24 Nov, 2022, 1-jan, the fourth of May"""
    return _day_of(m, ctx)


def _group(m: re.Match[str], name: str) -> str | None:
    """A group of the match, None when the rule has no such group or it did not take part."""
    return m.groupdict().get(name)


def _day_of(m: re.Match[str], ctx: Context) -> Span:
    month = _month(_group(m, "month") or _group(m, "month_of") or "", ctx.words)
    day_number = _day_number(_group(m, "day") or _group(m, "digits") or "", ctx.words)
    year = _group(m, "year")
    if year:
        day = make_date(_year_number(year, ctx.words), month, day_number, ctx.text)
    else:
        day = _yearless_day(month, day_number, ctx)
    return Span.exact(day, day)


# Months and years ------------------------------------------------------------------------


@rule(r"(?P<month>{month})\s{0,2},?{space}(?:of{space})?(?P<year>{year}|{year_words})")
def month_year(m: re.Match[str], ctx: Context) -> Span:
    """March 2021, March of 2021, November , 2016, June of nineteen ninety nine"""
    first = date(_year_number(m["year"], ctx.words), _month(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<month>{month}){space}['’]?(?P<year>[3-9][0-9])(?![\w'’.,-])", "loose")
def month_short_year(m: re.Match[str], ctx: Context) -> Span:
    """August 99, August '99"""
    first = date(_year_number(m["year"], ctx.words), _month(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<year>{year})\s{0,4},?{space}(?P<month>{month})(?![\w.]|{space}[0-9])")
def year_month(m: re.Match[str], ctx: Context) -> Span:
    """2016 June, 2016, Nov"""
    first = date(int(m["year"]), _month(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?<![\w./-])(?P<month_number>0?[1-9]|1[0-2]){gap}[/-]{gap}(?P<year>{year})")
def number_month_year(m: re.Match[str], ctx: Context) -> Span:
    """11/2016, 3-2015, 11 - 2016"""
    first = date(int(m["year"]), int(m["month_number"]), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<year>{year}){gap}(?P<sep>[-–—/]){gap}(?P<tail>[0-9]{4}|[0-9]{1,2})(?![0-9])")
def year_and_number(m: re.Match[str], ctx: Context) -> Span:
    """2020-21, 2020–2021, 1999-00 (years); 2024-02, 2016/11 (a month); 2011-12 (either)"""
    first_year, tail = int(m["year"]), m["tail"]
    readings: list[tuple[date, date]] = []
    if len(tail) in (2, 4):  # a span of years, never back into an earlier one ("2019/12")
        last_year = int(tail) if len(tail) == 4 else first_year - first_year % 100 + int(tail)
        if len(tail) == 2 and first_year % 100 == 99 and tail == "00":
            last_year = first_year + 1  # "1999-00"
        if first_year < last_year <= 9999:
            readings.append((date(first_year, 1, 1), date(last_year, 12, 31)))
    if len(tail) <= 2 and 1 <= int(tail) <= 12 and m["sep"] in "-/":
        readings.append(months_of_year(first_year, int(tail), int(tail)))
    if not readings:
        raise WindowError("neither a span of years nor a month", text=ctx.text)
    return Span.over(readings[0], readings[-1])


@rule(
    r"(?<![\w.])(?P<year>1[89][0-9]{2}|20[0-9]{2})\.(?P<month_number>0?[1-9]|1[0-2])(?![0-9])",
    "loose",
)
def year_dot_month(m: re.Match[str], ctx: Context) -> Span:
    """2015.3"""
    month = int(m["month_number"])
    return Span.exact(*months_of_year(int(m["year"]), month, month))


# Quarters and halves ---------------------------------------------------------------------


def _quarter_of(m: re.Match[str], ctx: Context) -> Span:
    n = int(m["quarter"])
    return Span.exact(*months_of_year(int(m["year"]), 3 * n - 2, 3 * n))


@rule(r"{quarter_letter}(?P<quarter>[1-4])(?:\s{1,3}of\s{1,3}|\s{1,3}|[-/])(?P<year>{year})")
def quarter(m: re.Match[str], ctx: Context) -> Span:
    """Q3 2024, Q3 of 2024, Q3/2024"""
    return _quarter_of(m, ctx)


@rule(r"(?P<year>{year})\s?[-/]?\s?{quarter_letter}(?P<quarter>[1-4])(?![0-9a-z])")
def year_quarter(m: re.Match[str], ctx: Context) -> Span:
    """2024 Q4, 2024-Q4"""
    return _quarter_of(m, ctx)


def _half_of(m: re.Match[str], ctx: Context) -> Span:
    n = int(m["half"] or m.groupdict().get("half_first") or 0)
    return Span.exact(*months_of_year(int(m["year"]), 6 * n - 5, 6 * n))


@rule(
    r"(?:{half_letter}(?P<half>[12])|(?P<half_first>[12]){half_letter})"
    r"(?:\s{1,3}|[-/])(?P<year>{year})"
)
def half(m: re.Match[str], ctx: Context) -> Span:
    """H1 2024, 1H 2024"""
    return _half_of(m, ctx)


@rule(r"(?P<year>{year})\s?[-/]?\s?{half_letter}(?P<half>[12])(?![0-9a-z])")
def year_half(m: re.Match[str], ctx: Context) -> Span:
    """2024 H2"""
    return _half_of(m, ctx)


def _part_of_year(n: int, size: int, year: int, ctx: Context) -> tuple[date, date]:
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)
    if not 1 <= n <= 12 // size:
        raise WindowError("no such quarter", text=ctx.text)
    return months_of_year(year, size * (n - 1) + 1, size * n)


@rule(
    r"(?P<year>{year}),?{space}(?:the{space})?(?P<ordinal>{ordinal})[\s-]{1,4}"
    r"(?P<part>quarter|half)"
)
def year_ordinal_part(m: re.Match[str], ctx: Context) -> Span:
    """2016 the third quarter, 2024 first half"""
    size = 3 if m["part"].lower() == "quarter" else 6
    n = ctx.words.ordinals[m["ordinal"].lower()]
    return Span.exact(*_part_of_year(n, size, int(m["year"]), ctx))


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last){space}year['’]s{space}(?P<ordinal>{ordinal})"
    r"[\s-]{1,4}(?P<part>quarter|half)"
)
def relative_year_part(m: re.Match[str], ctx: Context) -> Span:
    """next year's third-quarter, last year's second half"""
    size = 3 if m["part"].lower() == "quarter" else 6
    n, steps = ctx.words.ordinals[m["ordinal"].lower()], _steps(m["which"], ctx)

    def read(r: date) -> tuple[date, date]:
        return _part_of_year(n, size, r.year + steps, ctx)

    return _over_readings(_reference(m, ctx), read)


# Days relative to the reference -------------------------------------------------------


@rule(r"{day_word}")
def day_word(m: re.Match[str], ctx: Context) -> Span:
    """today, yesterday, last night, the day before yesterday, tomorrow, tonight"""
    back = ctx.words.day_words[key(m[0])]
    reference = _reference(m, ctx)
    return _over_readings(
        reference, lambda r: (shift_days(r, -back, ctx.text), shift_days(r, -back, ctx.text))
    )


@rule(r"{now_word}", "inner")
def now(m: re.Match[str], ctx: Context) -> Span:
    """now (inside "between now and May", "as of now")"""
    return _over_readings(_reference(m, ctx), lambda r: (r, r))


_COUNTS = (
    r"(?P<counts>{number}(?:{space}|(?<=[0-9])){duration_unit}"
    r"(?:,?{space}(?:and{space})?{number}(?:{space}|(?<=[0-9])){duration_unit}){0,3})"
)


@per_lexicon
def _count_unit(lexicon: Lexicon) -> re.Pattern[str]:
    units = "|".join(f"{u}s?" for u in sorted(lexicon.words("duration_units")))
    return re.compile(rf"([0-9]+|[a-z]+(?:[\s-]+[a-z]+)?)\s*({units})\b")


def _offset(counts: str, ctx: Context) -> dict[str, int]:
    """ "1 month and 21 days" as calendar units (hours round up to whole days)."""
    total: dict[str, int] = {}
    text = re.sub(r"\band\b|,", " ", counts.lower())
    for count, unit in _count_unit(ctx.words.lexicon).findall(text):
        for name, value in _units(_count(count, ctx.words), unit).items():
            total[name] = total.get(name, 0) + value
    if not total:
        raise WindowError("no count of units", text=ctx.text)
    return total


@rule(_COUNTS + r"{space}ago")
def ago(m: re.Match[str], ctx: Context) -> Span:
    """two weeks ago, 1 month and 21 days ago"""
    units = _offset(m["counts"], ctx)

    def back(r: date) -> tuple[date, date]:
        day = shift_units(r, ctx.text, **{k: -v for k, v in units.items()})
        return day, day

    return _over_readings(_reference(m, ctx), back)


@rule(
    r"(?:(?P<counts_weekday>{number}){space}(?P<weekday_unit>{weekdays_plural})|" + _COUNTS + r")"
    r"{space}(?:(?P<after>{offset_after})|(?P<before>{offset_before}))"
)
def offset(m: re.Match[str], ctx: Context) -> Span:
    """two weeks from now, three days after tomorrow, two days before yesterday, two Sundays
    from now"""
    words = ctx.words
    if m["after"]:
        base, sign = words.offset_after[key(m["after"])], 1
    else:
        base, sign = words.offset_before[key(m["before"])], -1

    def read(r: date) -> tuple[date, date]:
        start = shift_days(r, -base, ctx.text)
        if m["weekday_unit"]:
            weekday = _weekday(m["weekday_unit"].lower().rstrip("s"), words)
            count = _count(m["counts_weekday"], words)
            step = (weekday - start.weekday()) % 7 or 7
            day = shift_days(start, sign * (step + 7 * (count - 1)), ctx.text)
        else:
            units = _offset(m["counts"], ctx)
            day = shift_units(start, ctx.text, **{k: sign * v for k, v in units.items()})
        return day, day

    return _over_readings(_reference(m, ctx), read)


def _vague(text: str | None, ctx: Context) -> tuple[int, int]:
    """The fewest and most units of a vague count ("a few"; none written: a few)."""
    return ctx.words.vague_counts.get(key(text or "a few"), (2, 5))


@rule(
    r"(?:(?P<within>within){space}(?:the{space}(?:{next_word}|next){space})?|"
    r"(?:the{space})?(?:{next_word}|next){space})(?:(?P<count>{number}|{vague_count})"
    r"(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit})(?P<more>(?:,?{space}(?:and{space})?{number}"
    r"(?:{space}|(?<=[0-9])){duration_unit}){1,3})?|(?P<units>{duration_units}))"
    r"(?!{space}{relative_to}\b)"
)
def next_count(m: re.Match[str], ctx: Context) -> Span:
    """the next 3 days, next 3 months, within 5 days, in the coming weeks: after the reference"""
    unit = m["unit"] or m["units"]
    counted = m["count"] and key(m["count"]) not in ctx.words.vague_counts
    if counted:
        low = high = _count(m["count"], ctx.words)
    else:
        low, high = _vague(m["count"], ctx)
    within = bool(m["within"])

    extra = _offset(m["more"], ctx) if m["more"] else {}

    def read(r: date) -> tuple[tuple[date, date], tuple[date, date]]:
        start = r if within else shift_days(r, 1, ctx.text)
        first = shift_units(shift_units(r, ctx.text, **_units(low, unit)), ctx.text, **extra)
        last = shift_units(shift_units(r, ctx.text, **_units(high, unit)), ctx.text, **extra)
        if within:  # "within 5 days": up to the fifth day after, or the day before it
            first = shift_days(first, -1, ctx.text)
        return (start, first), (start, last)

    (s1, e1), (_, e2) = read(_reference(m, ctx).earliest)
    (s3, e3), (_, e4) = read(_reference(m, ctx).latest)
    return Span(min(s1, s3), max(s1, s3), min(e1, e3), max(e2, e4), ahead=True)


def _rolling_of(m: re.Match[str], ctx: Context) -> Span:
    reference = _reference(m, ctx)
    unit = m["unit"]
    vague = m["count"] and key(m["count"]) in ctx.words.vague_counts
    if vague or (not m["count"] and unit.lower().endswith("s")):
        low, high = _vague(m["count"], ctx)

        def vague(r: date) -> tuple[date, date]:
            return _unit_back(r, high, unit, ctx.text), r

        first, last = vague(reference.earliest), vague(reference.latest)
        latest_start = _unit_back(reference.latest, low, unit, ctx.text)
        return Span(first[0], latest_start, first[1], last[1])
    count = _count(m["count"] or "1", ctx.words)
    return _over_readings(reference, lambda r: (_unit_back(r, count, unit, ctx.text), r))


@rule(
    r"(?:the{space}(?:{rolling_word}|last)|{rolling_word})(?:{space}(?P<count>{number}|{vague_count}))?"
    r"(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit})(?!{space}(?:of|before|after)\b)"
)
def rolling(m: re.Match[str], ctx: Context) -> Span:
    """the past year, past 7 days, the last three months, the past few days"""
    return _rolling_of(m, ctx)


@rule(r"last{space}(?P<count>{number})(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit})")
def last_count(m: re.Match[str], ctx: Context) -> Span:
    """last 12 months, last 3year"""
    return _rolling_of(m, ctx)


# Calendar units relative to the reference ------------------------------------------------


def _steps(which: str, ctx: Context) -> int:
    """How many units after the reference's: this 0, next 1, last -1."""
    word = key(which)
    if word in ctx.words.next_words or word == "next":
        return 1
    if word in ctx.words.this_words or word == "this":
        return 0
    return -1


@rule(
    r"(?:the{space})?(?P<rest>{rest_word}){space}(?:of{space})?(?:(?:the|this|my|current|"
    r"the{space}current){space})?(?P<unit>{calendar_unit}|weekend)"
)
def rest_of(m: re.Match[str], ctx: Context) -> Span:
    """the rest of the week, the remainder of the year: the reference day to the unit's end"""
    unit = m["unit"]
    return _over_readings(
        _reference(m, ctx), lambda r: (r, calendar_unit_of(r, unit)[1]), ahead=True
    )


@rule(r"later{space}(?:this|in{space}the){space}(?P<unit>{calendar_unit})")
def later_this(m: re.Match[str], ctx: Context) -> Span:
    """later this month, later in the year: the reference day to the unit's end"""
    unit = m["unit"]
    return _over_readings(
        _reference(m, ctx), lambda r: (r, calendar_unit_of(r, unit)[1]), ahead=True
    )


@rule(
    r"(?:(?:the{space})?(?P<unit>{calendar_unit})[\s-]{1,4}to[\s-]{1,4}date"
    r"|so{space}far{space}(?:this|in{space}the){space}(?P<so_far_unit>{calendar_unit})"
    r"|(?-i:YTD))"
)
def to_date(m: re.Match[str], ctx: Context) -> Span:
    """the year to date, year-to-date, so far this year, YTD"""
    unit = m["unit"] or m["so_far_unit"] or "year"
    return _over_readings(
        _reference(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit
    )


@rule(r"earlier{space}(?:this|in{space}the){space}(?P<unit>{calendar_unit})")
def earlier_this(m: re.Match[str], ctx: Context) -> Span:
    """earlier this month, earlier in the week: the unit's start to the day before, or the day"""
    unit = m["unit"]

    def read(r: date) -> tuple[date, date]:
        return calendar_unit_of(r, unit)[0], r

    span = _over_readings(_reference(m, ctx), read, unit=unit)
    before = shift_days(span.ee, -1, ctx.text)
    return replace(span, ee=max(before, span.se))


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last|previous){space}(?P<unit>{calendar_unit}|weekend)"
)
def calendar_unit(m: re.Match[str], ctx: Context) -> Span:
    """this year (so far), last week (the previous Monday–Sunday), next month, the coming week"""
    unit, steps = m["unit"].lower(), _steps(m["which"], ctx)
    if steps == 0:
        if unit == "weekend":  # "this weekend": the weekend of the reference's week
            return _over_readings(_reference(m, ctx), lambda r: calendar_unit_of(r, unit))
        return _over_readings(
            _reference(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit
        )
    return _over_readings(_reference(m, ctx), lambda r: _next_unit(r, unit, steps, ctx.text))


@rule(r"the{space}(?P<unit>weekend|{calendar_unit}){space}after{space}(?:the{space})?next")
def unit_after_next(m: re.Match[str], ctx: Context) -> Span:
    """the week after next, the month after the next, the year after next"""
    unit = m["unit"]
    return _over_readings(_reference(m, ctx), lambda r: _next_unit(r, unit, 2, ctx.text))


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last|this){space}{quarter_letter}(?P<quarter>[1-4])(?![0-9a-z])"
)
def this_quarter(m: re.Match[str], ctx: Context) -> Span:
    """this Q3, last Q4: that quarter of the reference's year (of the year before or after)"""
    n, steps = int(m["quarter"]), _steps(m["which"], ctx)
    return _over_readings(
        _reference(m, ctx), lambda r: months_of_year(r.year + steps, 3 * n - 2, 3 * n)
    )


@rule(r"(?:the{space})?(?P<unit>week|month|year)", "inner")
def the_unit(m: re.Match[str], ctx: Context) -> Span:
    """the year (inside "the first half of the year", "since the start of the year")"""
    unit = m["unit"]
    return _over_readings(
        _reference(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit.lower()
    )


@rule(r"the{space}weekend", "day")
def the_weekend(m: re.Match[str], ctx: Context) -> Span:
    """the weekend: the latest weekend begun by the reference"""

    def latest(r: date) -> tuple[date, date]:
        saturday = r - timedelta(days=(r.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1)

    return _over_readings(_reference(m, ctx), latest)


# Weekdays -----------------------------------------------------------------------------------


def _week_of(r: date, steps: int) -> date:
    return week_monday(r) + timedelta(days=7 * steps)


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last|past|previous){space}week(?:['’]s)?,?{space}"
    r"(?:between|from){space}(?P<weekday>{weekday})(?:{space}and{space}|{to})"
    r"(?P<last_weekday>{weekday})"
)
def weekdays_of_week(m: re.Match[str], ctx: Context) -> Span:
    """next week between Wednesday and Friday, this week from Tue to Thur"""
    steps = _steps(m["which"], ctx)
    first, last = _weekday(m["weekday"], ctx.words), _weekday(m["last_weekday"], ctx.words)
    if last < first:
        raise WindowError("the last day is before the first", text=ctx.text)

    def read(r: date) -> tuple[date, date]:
        monday = _week_of(r, steps)
        return monday + timedelta(days=first), monday + timedelta(days=last)

    return _over_readings(_reference(m, ctx), read, ahead=True)


@rule(
    r"(?:(?P<which>{this_word}|{next_word}|next|last|past|previous){space}week(?:['’]s)?,?{space}"
    r"(?:on{space})?(?P<weekday>{weekday})|(?P<weekday_first>{weekday}),?{space}(?:of{space})?"
    r"(?P<which_after>this|next|last|{next_word}){space}week)"
)
def weekday_of_week(m: re.Match[str], ctx: Context) -> Span:
    """next week on Friday, Friday next week, Sunday of last week, this week Friday"""
    steps = _steps(m["which"] or m["which_after"], ctx)
    weekday = _weekday(m["weekday"] or m["weekday_first"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = _week_of(r, steps) + timedelta(days=weekday)
        return day, day

    return _over_readings(_reference(m, ctx), read)


@rule(r"(?:this{space}coming|coming|upcoming){space}(?P<weekday>{weekday})")
def coming_weekday(m: re.Match[str], ctx: Context) -> Span:
    """this coming Friday: the first Friday after the reference day"""
    weekday = _weekday(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = r + timedelta(days=(weekday - r.weekday() - 1) % 7 + 1)
        return day, day

    return _over_readings(_reference(m, ctx), read)


@rule(r"next{space}(?P<weekday>{weekday})")
def next_weekday(m: re.Match[str], ctx: Context) -> Span:
    """next Friday: the first Friday after the reference, or the Friday of next week"""
    weekday = _weekday(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        first = r + timedelta(days=(weekday - r.weekday() - 1) % 7 + 1)
        return first, _week_of(r, 1) + timedelta(days=weekday)

    first = read(_reference(m, ctx).earliest)
    last = read(_reference(m, ctx).latest)
    return Span(min(first), max(last), min(first), max(last))


@rule(r"this{space}(?P<weekday>{weekday})")
def this_weekday(m: re.Match[str], ctx: Context) -> Span:
    """this Friday: the Friday of the reference's week (Monday to Sunday)"""
    weekday = _weekday(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = week_monday(r) + timedelta(days=weekday)
        return day, day

    return _over_readings(_reference(m, ctx), read)


@rule(r"(?:last|past|previous){space}(?P<weekday>{weekday})")
def last_weekday(m: re.Match[str], ctx: Context) -> Span:
    """last Thursday: the latest Thursday before the reference day"""
    weekday = _weekday(m["weekday"], ctx.words)

    def last(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday - 1) % 7 + 1)
        return day, day

    return _over_readings(_reference(m, ctx), last)


@rule(
    r"(?:the{space})?(?P<nth>{week_ordinal}){space}(?P<weekday>{weekday})"
    r"(?!{space}{weekday_anchor}\b)"
)
def nth_weekday_alone(m: re.Match[str], ctx: Context) -> Span:
    """the second Sunday: of the latest month in which it is not after the reference"""
    weekday, nth = _weekday(m["weekday"], ctx.words), ctx.words.day_ordinals[key(m["nth"])]

    def latest(r: date) -> tuple[date, date]:
        month = r.replace(day=1)
        for _ in range(2):  # this month's, or last month's when this one's is still ahead
            day = nth_weekday(month.year, month.month, weekday, nth)
            if day is not None and day <= r:
                return day, day
            month = (month - timedelta(days=1)).replace(day=1)
        raise WindowError("no such day", text=ctx.text)

    return _over_readings(ctx.need_anchor(f"'{m[0]}'"), latest)


@rule(r"(?P<weekday>{weekday})")
def weekday(m: re.Match[str], ctx: Context) -> Span:
    """Thursday: the latest not after the reference"""
    weekday = _weekday(m["weekday"], ctx.words)

    def latest(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday) % 7)
        return day, day

    return _over_readings(ctx.need_anchor(f"'{m[0]}'"), latest)


# Months relative to the reference ----------------------------------------------------------


@rule(r"(?P<month>{month}),?{space}(?:of{space})?(?P<which>this|next|last){space}year")
def month_of_relative_year(m: re.Match[str], ctx: Context) -> Span:
    """June last year, March this year, June of next year"""
    month, steps = _month(m["month"], ctx.words), _steps(m["which"], ctx)
    return _over_readings(
        _reference(m, ctx), lambda r: months_of_year(r.year + steps, month, month)
    )


@rule(r"(?P<which>{this_word}|this){space}(?P<month>{month})")
def this_month_name(m: re.Match[str], ctx: Context) -> Span:
    """this May: the May of the reference's year"""
    month = _month(m["month"], ctx.words)
    return _over_readings(_reference(m, ctx), lambda r: months_of_year(r.year, month, month))


@rule(r"(?:{next_word}|next){space}(?P<month>{month})")
def next_month_name(m: re.Match[str], ctx: Context) -> Span:
    """next June: the first June after the reference's month"""
    month = _month(m["month"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        year = r.year if month > r.month else r.year + 1
        return months_of_year(year, month, month)

    return _over_readings(_reference(m, ctx), read)


@rule(r"last{space}(?P<month>{month})")
def last_month(m: re.Match[str], ctx: Context) -> Span:
    """last May: the latest May before the reference's month — or, when that is in the
    reference's year, possibly the May of the year before (the uncertain window over both)"""
    month = _month(m["month"], ctx.words)

    def last(r: date) -> tuple[tuple[date, date], tuple[date, date]]:
        first = _latest_month(month, r, strictly=True)
        latest = (first, month_end(first))
        if first.year == r.year:
            return months_of_year(first.year - 1, month, month), latest
        return latest, latest

    reference = _reference(m, ctx)
    (a, b), (c, d) = last(reference.earliest), last(reference.latest)
    return Span(min(a[0], c[0]), max(b[0], d[0]), min(a[1], c[1]), max(b[1], d[1]))


@rule(
    r"(?:the{space})?month{space}of{space}(?P<month>{month_any})(?:[.\s]{1,2}(?P<day>{glued_day}))?"
    r"(?:,?{space}(?P<year>{year}))?"
)
def month_of(m: re.Match[str], ctx: Context) -> Span:
    """the month of September, month of Jan 2016"""
    if m["year"]:
        first = date(int(m["year"]), _month(m["month"], ctx.words), 1)
        return Span.exact(first, month_end(first))
    return _latest_month_span(_month(m["month"], ctx.words), m, ctx)


def _latest_month_span(month: int, m: re.Match[str], ctx: Context) -> Span:
    anchor = ctx.need_anchor("a month written without a year")

    def in_month(r: date) -> tuple[date, date]:
        first = _latest_month(month, r)
        return first, min(month_end(first), r)

    return _over_readings(anchor, in_month, unit="month")


@rule(
    r"(?:the{space})?week{space}(?P<week>[1-4][0-9]|5[0-3]|0?[1-9])(?![0-9])"
    r"(?:,?{space}(?:of{space})?(?P<year>{year}))?",
    "weak",
)
def week_number(m: re.Match[str], ctx: Context) -> Span:
    """week 10, week 31 of 2018: the ISO week of that year (else of the reference's)"""
    number = int(m["week"])

    def read(year: int) -> tuple[date, date]:
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:
            raise WindowError("no such week", text=ctx.text) from None
        return monday, monday + timedelta(days=6)

    if m["year"]:
        return Span.exact(*read(int(m["year"])))
    return _over_readings(_reference(m, ctx), lambda r: read(r.year))


# Seasons and named days ----------------------------------------------------------------


def _season_of(year: int, first: int, last: int) -> tuple[date, date]:
    """The season that begins in ``year`` (a winter ends in the next one)."""
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_end(date(end_year, last, 1))


# "the fall of Kabul" is no autumn
_SEASON_TAIL = (
    r"(?:{space}(?:of{space})?(?P<year>{year}|{year_words}))?(?!{space}of{space}(?![0-9]))"
)


@rule(
    r"(?=(?:{this_word}|{next_word}|next|last|this){space}{season}|{season}{space}(?:of{space})?"
    r"(?:{year}|{year_words}))(?:(?P<which>{this_word}|{next_word}|next|last|this){space})?"
    r"(?P<season>{season})" + _SEASON_TAIL
)
def season_dated(m: re.Match[str], ctx: Context) -> Span:
    """summer 2016, the spring of 1978, this summer, last winter, next spring"""
    return _season_span(m, ctx)


@rule(r"(?:the{space})?(?P<season>{season})" + _SEASON_TAIL, "weak")
def season(m: re.Match[str], ctx: Context) -> Span:
    """in (the) summer: the latest summer begun by the reference"""
    return _season_span(m, ctx)


def _season_span(m: re.Match[str], ctx: Context) -> Span:
    # The months of the season (dates.txt); "winter 2016" is the winter that ends in
    # 2016 or the one that begins in it.
    first, last = ctx.words.seasons[key(m["season"])]
    if m["year"]:
        year = _year_number(m["year"], ctx.words)
        if last < first:
            return Span.over(_season_of(year - 1, first, last), _season_of(year, first, last))
        return Span.exact(*_season_of(year, first, last))
    which = _group(m, "which")
    steps = None if which is None else _steps(which, ctx)

    def read(r: date) -> tuple[date, date]:
        seasons = [_season_of(r.year + k, first, last) for k in (-2, -1, 0, 1)]
        if steps == 1:  # the first one to begin after the reference
            return next(s for s in seasons if s[0] > r)
        if steps == -1:  # the latest one over by the reference
            return [s for s in seasons if s[1] < r][-1]
        if steps == 0:  # the one holding the reference day, else the one begun in its year
            holding = [s for s in seasons if s[0] <= r <= s[1]]
            return holding[0] if holding else next(s for s in seasons if s[0].year == r.year)
        return [s for s in seasons if s[0] <= r][-1]

    anchor = ctx.need_anchor(f"'{m[0]}'") if steps is None else _reference(m, ctx)
    return _over_readings(anchor, read)


def _holiday_span(m: re.Match[str], ctx: Context) -> Span:
    holiday = ctx.words.holidays[key(m["holiday"])]
    year, which, year_which = _group(m, "year"), _group(m, "which"), _group(m, "year_which")
    if year:
        day = _holiday_in(holiday, _year_number(year, ctx.words))
        return Span.exact(day, day)
    if year_which:  # "Christmas next year": that year's
        years = _steps(year_which, ctx)
        return _over_readings(
            _reference(m, ctx), lambda r: (_holiday_in(holiday, r.year + years),) * 2
        )
    steps = None if which is None else _steps(which, ctx)

    def read(r: date) -> tuple[date, date]:
        this_year = _holiday_in(holiday, r.year)
        if steps == 0:
            day = this_year
        elif steps == 1:
            day = this_year if this_year > r else _holiday_in(holiday, r.year + 1)
        elif steps == -1:
            day = this_year if this_year < r else _holiday_in(holiday, r.year - 1)
        else:  # the latest not after the reference
            day = this_year if this_year <= r else _holiday_in(holiday, r.year - 1)
        return day, day

    anchor = ctx.need_anchor(f"'{m[0]}'") if steps is None else _reference(m, ctx)
    return _over_readings(anchor, read)


_HOLIDAY_WHICH = r"(?:{this_word}|{next_word}|next|last|this)"
_HOLIDAY_TAIL = r"(?:{space}(?:of{space})?(?:{year}|{year_words}|(?:this|next|last){space}year))"


@rule(
    r"(?=" + _HOLIDAY_WHICH + r"{space}{holiday}|{holiday}" + _HOLIDAY_TAIL + r")"
    r"(?:(?P<which>" + _HOLIDAY_WHICH + r"){space})?(?P<holiday>{holiday})"
    r"(?:{space}(?:of{space})?(?:(?P<year>{year}|{year_words})"
    r"|(?P<year_which>this|next|last){space}year))?"
)
def holiday_dated(m: re.Match[str], ctx: Context) -> Span:
    """Christmas 2018, next Thanksgiving, Easter of last year (holidays in dates.txt)"""
    return _holiday_span(m, ctx)


@rule(r"(?:the{space})?(?P<holiday>{holiday})", "day")
def holiday(m: re.Match[str], ctx: Context) -> Span:
    """on Christmas Day, at Easter: the latest not after the reference"""
    return _holiday_span(m, ctx)


# Decades and centuries -------------------------------------------------------------------


@rule(r"(?:the{space})?(?<![0-9,.$£€])(?P<decade>1[89][0-9]0|20[0-9]0)['’]?s(?![a-z0-9])", "weak")
def decade(m: re.Match[str], ctx: Context) -> Span:
    """the 1990s, the 2010's: ten years from the one ending in 0"""
    first = int(m["decade"])
    return Span.exact(date(first, 1, 1), date(first + 9, 12, 31))


@rule(r"(?:the{space})?(?<![0-9,.$£€])['’]?(?P<decade>[0-9]0)['’]?s(?![a-z0-9'’])", "weak")
def short_decade(m: re.Match[str], ctx: Context) -> Span:
    """the '70s, the 70's: the latest such decade begun by the reference (the 1900s
    from the '30s on)"""
    tens = int(m["decade"])
    if tens >= 30:
        return Span.exact(date(1900 + tens, 1, 1), date(1909 + tens, 12, 31))
    return _latest_decade(tens, m, ctx)


def _latest_decade(tens: int, m: re.Match[str], ctx: Context) -> Span:
    def latest(r: date) -> tuple[date, date]:
        first = r.year - r.year % 100 + tens
        if first > r.year:
            first -= 100
        return date(first, 1, 1), date(first + 9, 12, 31)

    return _over_readings(_reference(m, ctx), latest)


@rule(
    r"(?:the{space})?(?:(?P<century>{century_word})[\s-]{1,4})?(?P<decade_word>{decade_word})",
    "weak",
)
def decade_words(m: re.Match[str], ctx: Context) -> Span:
    """the seventies, the nineteen eighties, the twenty-tens, the noughties"""
    value = ctx.words.decade_words[key(m["decade_word"])]
    if value >= 1000:
        first = value
    elif m["century"]:
        first = ctx.words.century_words[key(m["century"])] + value
    elif value >= 30:
        first = 1900 + value
    elif value >= 20:
        return _latest_decade(value, m, ctx)
    else:
        raise WindowError("the tens of which century", text=ctx.text)
    return Span.exact(date(first, 1, 1), date(first + 9, 12, 31))


@rule(
    r"(?:the{space})?(?:(?P<century>[0-9]{1,2}){ordinal_suffix}|(?P<century_word>{nth_day}))"
    r"{space}century(?![-\w])"
)
def century(m: re.Match[str], ctx: Context) -> Span:
    """the 19th century, the twenty-first century: 1800–1899, 2000–2099"""
    n = int(m["century"]) if m["century"] else ctx.words.day_ordinals[key(m["century_word"])]
    if not 1 <= n <= 99:
        raise WindowError("no such century", text=ctx.text)
    first = max(1, 100 * (n - 1))
    return Span.exact(date(first, 1, 1), date(100 * n - 1, 12, 31))


# Plain years and months ----------------------------------------------------------------------


@rule(r"(?P<year>{year})", "weak")
def year(m: re.Match[str], ctx: Context) -> Span:
    """2024"""
    n = int(m["year"])
    return Span.exact(date(n, 1, 1), date(n, 12, 31))


@rule(r"(?P<year>{year_words})", "weak")
def year_in_words(m: re.Match[str], ctx: Context) -> Span:
    """nineteen twenty-eight, two thousand and ten"""
    n = _year_number(m["year"], ctx.words)
    return Span.exact(date(n, 1, 1), date(n, 12, 31))


@rule(r"year{space}(?P<year>[0-9]{3,4})(?![0-9])", "loose")
def year_numbered(m: re.Match[str], ctx: Context) -> Span:
    """year 247 (for a window read alone; in running text a year needs four digits)"""
    n = int(m["year"])
    if n < 1:
        raise WindowError("no year 0", text=ctx.text)
    return Span.exact(date(n, 1, 1), date(n, 12, 31))


@rule(r"(?P<month>{month})", "weak")
def month(m: re.Match[str], ctx: Context) -> Span:
    """February: the latest February begun by the reference (up to it)"""
    return _latest_month_span(_month(m["month"], ctx.words), m, ctx)


def _latest_part(n: int, size: int, m: re.Match[str], ctx: Context) -> Span:
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)

    def latest(r: date) -> tuple[date, date]:
        year = r.year if r.month >= size * (n - 1) + 1 else r.year - 1
        first, last = months_of_year(year, size * (n - 1) + 1, size * n)
        return first, min(last, r)

    return _over_readings(_reference(m, ctx), latest)


@rule(r"{quarter_letter}(?P<quarter>[1-4])(?![0-9a-z])", "weak")
def quarter_alone(m: re.Match[str], ctx: Context) -> Span:
    """Q3: the latest third quarter begun by the reference"""
    return _latest_part(int(m["quarter"]), 3, m, ctx)


@rule(r"(?:the\s{1,4})?(?P<ordinal>{ordinal})-\s{0,2}(?P<part>quarter)(?![\w-])")
def ordinal_quarter_adjective(m: re.Match[str], ctx: Context) -> Span:
    """third-quarter (profit): the latest third quarter begun by the reference"""
    return _latest_part(ctx.words.ordinals[m["ordinal"].lower()], 3, m, ctx)


@rule(r"the\s{1,4}(?P<ordinal>{ordinal})[\s-]{1,4}(?P<part>quarter)", "weak")
def ordinal_quarter(m: re.Match[str], ctx: Context) -> Span:
    """in the third quarter: the latest third quarter begun by the reference"""
    return _latest_part(ctx.words.ordinals[m["ordinal"].lower()], 3, m, ctx)


@rule(r"(?:the\s{1,4})?(?P<ordinal>{ordinal})[\s-]{1,4}(?P<part>quarter|half)", "loose")
def ordinal_alone(m: re.Match[str], ctx: Context) -> Span:
    """the second quarter, the first half (of the reference's year, up to it)"""
    size = 3 if m["part"].lower() == "quarter" else 6
    return _latest_part(ctx.words.ordinals[m["ordinal"].lower()], size, m, ctx)


# A day of the month alone --------------------------------------------------------------------


def _day_alone(number: int, ctx: Context) -> Span:
    anchor = ctx.need_anchor("a day written without a month")

    def latest(r: date) -> tuple[date, date]:
        month = r.replace(day=1)
        for _ in range(3):
            try:
                day = month.replace(day=number)
            except ValueError:
                day = None
            if day is not None and day <= r:
                return day, day
            month = (month - timedelta(days=1)).replace(day=1)
        raise WindowError("no such day", text=ctx.text)

    return _over_readings(anchor, latest)


@rule(
    r"(?:(?:the{space})?(?P<day>[0-9]{1,2}{ordinal_suffix})(?![\w-]|{space}[a-z0-9])"
    r"|(?:the{space}(?P<day_alone>[0-9]{1,2}|{nth_day})|(?P<day_word>{nth_day}))"
    r"(?=\s{0,2}(?:[.!?]|$)))",
    "day",
)
def the_day(m: re.Match[str], ctx: Context) -> Span:
    """on the 27th, for the 27., on the second!: the latest such day not after the reference
    (a number or an ordinal word only at the end of a sentence)"""
    return _day_alone(_day_number(m["day"] or m["day_alone"] or m["day_word"], ctx.words), ctx)


@rule(r"the{space}(?P<day>[0-9]{1,2}|{nth_day}|{day_count})(?![\w-])", "loose")
def the_day_loose(m: re.Match[str], ctx: Context) -> Span:
    """the 27, the second, the twenty second"""
    return _day_alone(_day_number(m["day"], ctx.words), ctx)


#: Every atom, in the order they are tried: in running text the first that matches at a
#: place wins, so longer forms come before the shorter forms they contain.
RULES: tuple[Rule, ...] = (
    iso_day, year_month_day, year_name_day, numeric_date, weekday_numeric_day,
    month_days, days_month, days_relative_month, weekday_the_day, weekday_the_number,
    month_number_words_year, month_day, day_month, month_number_words, month_year,
    month_short_year, year_ordinal_part, relative_year_part, year_month, number_month_year,
    quarter, year_quarter, half, year_half, year_and_number, year_dot_month,
    day_word, offset, ago, next_count, unit_after_next, weekdays_of_week, weekday_of_week,
    calendar_unit, rolling, last_count, rest_of, later_this, to_date, earlier_this, this_quarter,
    coming_weekday, next_weekday, this_weekday, last_weekday, month_of_relative_year,
    this_month_name, next_month_name, last_month, the_weekend, nth_weekday_alone, weekday,
    month_of, week_number, holiday_dated, holiday, season_dated, season, century, decade,
    short_decade,
    decade_words, year_in_words, year_numbered, year, month, quarter_alone,
    ordinal_quarter_adjective, ordinal_quarter, ordinal_alone, slash_day, numeric_day, the_day,
    the_day_loose, now, the_unit,
)  # fmt: skip


# --- fragments --------------------------------------------------------------------------


# The standard library's own parser of patterns (no stubs: typed loosely).
_sre_parser: Any = importlib.import_module("re._parser")
_sre_constants: Any = importlib.import_module("re._constants")


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern may begin with (None: any) and whether it may match
    nothing; conservative: anything not understood may begin with any character."""
    chars: set[str] = set()
    for op, arg in items:  # a re._parser.SubPattern
        got, empty = _first_of(op, arg)
        if got is None:
            return None, False
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    c = _sre_constants
    if op is c.LITERAL:
        ch = chr(arg)
        return {ch.lower(), ch.upper()}, False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is c.LITERAL:
                chars |= {chr(value).lower(), chr(value).upper()}
            elif kind is c.RANGE and value[1] - value[0] < 128:
                for code in range(value[0], value[1] + 1):
                    chars |= {chr(code).lower(), chr(code).upper()}
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars |= set("0123456789")
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                chars |= set(" \t\n\r\f\v")
            else:
                return None, False
        return chars, False
    if op is c.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in arg[1]:
            got, branch_empty = _first_chars(branch)
            if got is None:
                return None, False
            union |= got
            empty = empty or branch_empty
        return union, empty
    if op is c.SUBPATTERN:
        return _first_chars(arg[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        got, empty = _first_chars(arg[2])
        return got, empty or arg[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # takes no character
    return None, False


def first_guard(pattern: str) -> str:
    """A lookahead for the characters ``pattern`` may begin with, or "" when any may do
    (put before an alternative of a long alternation, it fails in one step where the
    alternative cannot begin)."""
    try:
        chars, empty = _first_chars(_sre_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # a pattern the parser of this Python reads differently: no guard
        return ""
    if chars is None or empty or not chars:
        return ""
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in chars)) + "])"


_FRAGMENT = re.compile(r"\{([a-z_]+)\}")


def compose(template: str, parts: dict[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by the fragment of that name (regex
    quantifiers such as ``{1,4}`` are left alone)."""
    return _FRAGMENT.sub(lambda m: parts[m.group(1)], template)


def trie(phrases: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """One regex for many phrases, factored by their common beginnings ("christmas",
    "christmas day", "christmas eve" -> ``christmas(?:\\ day|\\ eve)?``): a phrase list of
    any length fails in a step or two where none begins. ``piece`` writes one character
    (a space may stand for any run of spaces). Longer phrases are tried first."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [piece(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(root)})" if root else "(?!)"


def _spaced(ch: str) -> str:
    """A character of a phrase: spaces and hyphens match either, an apostrophe is optional
    and may be curly."""
    if ch in " -":
        return r"[\s-]{1,2}"
    if ch == "'":
        return "['’]?"
    return re.escape(ch)


def _names(names: list[str], *, capital: bool, cased: frozenset[str] = frozenset()) -> str:
    if capital:
        # In running text "may" and "march" are verbs: those names must be capitalised.
        plain = trie(n for n in names if n not in cased)
        capitals = [f"(?-i:{n[0].upper()}){re.escape(n[1:])}" for n in names if n in cased]
        capitals.sort(key=lambda pattern: -len(pattern))
        return "|".join([*capitals, plain])
    return trie(names)


def _phrases(names: Iterable[str]) -> str:
    """Phrases whose spaces and hyphens match either, curly or straight apostrophes."""
    return trie((" ".join(re.split(r"[\s-]+", name)) for name in names), _spaced)


@lru_cache(maxsize=32)
def fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The named fragments rules are written in, for ``lexicon``; ``capital`` asks for
    running text: capitalised names where they are also common words, capital Q and H."""
    words = lexicon.words
    tw = time_words(lexicon)
    cased = words("cased_names")
    full, short = sorted(words("months")), sorted(words("month_abbreviations"))
    days, short_days = sorted(words("weekdays")), sorted(words("weekday_abbreviations"))
    units = lexicon.numbers("small_numbers")
    counts = "|".join(sorted((w for w, n in units.items() if n > 0), key=lambda w: (-len(w), w)))
    digit_words = "|".join(sorted(w for w, n in units.items() if 0 < n < 10))
    teens = "|".join(
        sorted((w for w, n in units.items() if 10 <= n < 20), key=lambda w: (-len(w), w))
    )
    tens = "|".join(sorted(words("tens")))
    suffixes = "|".join(sorted(words("ordinal_suffixes")))
    n99 = rf"(?:(?:{tens})(?:[\s-]{{1,2}}(?:{digit_words}))?|{teens})"
    centuries = "|".join(sorted(w for w in tw.century_words if " " not in w))

    def month_names(capital: bool) -> str:
        return (
            rf"(?:(?:{_names(full, capital=capital, cased=cased)})(?![a-z])"
            rf"|(?:{_names(short, capital=capital, cased=cased)})(?![a-z])\.?)"
        )

    return {
        "day_followers": alternation(words("day_followers")),
        "relative_to": alternation(words("relative_to_words")),
        "weekday_anchor": alternation(words("weekday_anchors")),
        # Only abbreviations take a full stop ("Nov."); "August." ends a sentence.
        "month": month_names(capital),
        "month_any": month_names(False),
        "weekday": rf"(?:(?:{_names(days, capital=capital, cased=cased)})(?![a-z])"
        rf"|(?:{_names(short_days, capital=capital, cased=cased)})(?![a-z])\.?)",
        "ordinal_suffix": f"(?:{suffixes})",
        "day": rf"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?(?![0-9a-z]|[,.][0-9])",
        # a day glued to the month after it ("22april")
        "tight_day": rf"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?(?![0-9])",
        # a day right after its month's glue ("september.16th")
        "glued_day": rf"(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?"
        r"(?![0-9a-z]|\.[0-9]|,[0-9]{1,3}(?![0-9]))",
        "nth_day": _phrases(w for w in tw.day_ordinals if not w[0].isdigit()) + r"(?![a-z])",
        "day_count": _phrases(tw.day_counts) + r"(?![a-z])",
        "week_ordinal": alternation(w for w, n in tw.day_ordinals.items() if n <= 5) + r"(?![a-z])",
        "year": r"(?<![0-9,.$£€])(?:1[89][0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])",
        "long_year": r"(?:1[0-9]{3}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])",  # after a day only
        # "two thousand" alone is a year only in an expression read alone
        "year_words": r"(?:two\s{1,4}thousand"
        + rf"(?:\s{{1,4}}(?:and\s{{1,4}})?(?:{n99}|{digit_words}))"
        + ("" if capital else "?")
        + rf"|(?:{centuries})\s{{1,4}}(?:hundred|(?:oh|zero)\s{{1,4}}(?:{digit_words})|{n99}))"
        r"(?![a-z])",
        "number": rf"(?:[0-9]{{1,4}}|(?:{tens})(?:[- ](?:{digit_words}))?|{counts}|an?)",
        "vague_count": alternation(tw.vague_counts),
        "quarter_letter": "(?-i:Q)" if capital else "Q",
        "half_letter": "(?-i:H)" if capital else "H",
        "space": r"\s{1,4}",
        "md_space": "" if capital else r"\s{0,2}",  # "October. 2" only alone
        "gap": r"\s?" if capital else r"\s{0,2}",
        "duration_unit": "(?:" + "|".join(f"{u}s?" for u in sorted(words("duration_units"))) + ")",
        "duration_units": "(?:" + "|".join(f"{u}s" for u in sorted(words("duration_units"))) + ")",
        "weekdays_plural": rf"(?:{_names(days, capital=False)})s?(?![a-z])",
        "calendar_unit": alternation(words("calendar_units")),
        "rolling_word": alternation(words("rolling_words")),
        "day_word": alternation(words("day_words")) + r"(?![a-z])",
        "now_word": alternation(words("now_words")) + r"(?![a-z])",
        "next_word": alternation(words("next_words")),
        "this_word": alternation(words("this_words")),
        "rest_word": alternation(words("rest_words")),
        "offset_after": alternation(words("offset_after")) + r"(?![a-z])",
        "offset_before": alternation(words("offset_before")) + r"(?![a-z])",
        "ordinal": alternation(tw.ordinals),
        "season": _phrases(tw.seasons) + r"(?![a-z])",
        "holiday": _phrases(tw.holidays) + r"(?![a-z])",
        "decade_word": _phrases(tw.decade_words) + r"(?![a-z])",
        "century_word": alternation(tw.century_words),
        "to": rf"(?:\s{{1,4}}{alternation(words('to_words'))}\s{{1,4}}|\s{{0,2}}[-–—]\s{{0,2}})",
    }
