"""The window rules: one table of ``Rule(name, pattern, strength, reader)``.

Rule 1 (after h11's ``_state.py``): everything one kind of time expression
means lives in its row — the pattern, built from named fragments, and the
reader that turns a match into days, side by side. :mod:`claimrec.read.times`
composes the rows into the compound grammar ("since X as of Y", "between X
and Y", "the end of X") and never looks inside them.

Fragments (``{month}``, ``{year}``, ``{number}``, …) are built per lexicon
from its word lists (dates.txt, numbers.txt, time_words.txt); in running text
month and weekday names must be capitalised ("may" and "march" are verbs).
Group names are words. Strength says where a rule may stand: ``strong`` rules
stand alone in running text, ``weak`` ones (a bare year or month) need a
preposition there, ``loose`` ones are read by ``parse_window`` only.

A reader gets the match and a :class:`Context` (reference date, anchor for
dates without a year, lexicon words) and returns a :class:`Span`: the earliest
and latest start, the earliest and latest end.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, TypeAlias

from dateutil.relativedelta import relativedelta

from claimrec._text import alternation
from claimrec.calendar import DateRange, EventCalendar, make_date, month_end
from claimrec.errors import ReferenceDateError, WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.tokens import number_words

__all__ = [
    "RULES",
    "Context",
    "Rule",
    "Span",
    "TimeWords",
    "compose",
    "fragments",
    "months_of_year",
    "shift_days",
    "time_words",
]

Strength: TypeAlias = Literal["strong", "weak", "loose"]


# --- spans and the reading context ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A resolved expression: start and end, each between an earliest and latest day."""

    se: date  # start, earliest
    sl: date  # start, latest
    ee: date  # end, earliest
    el: date  # end, latest

    @staticmethod
    def exact(start: date, end: date) -> Span:
        return Span(start, start, end, end)

    def readings(self) -> tuple[tuple[date, date], tuple[date, date]]:
        # The earliest and the latest reading; relative readings move together.
        return ((self.se, self.ee), (self.sl, self.el))


@dataclass(frozen=True, slots=True, eq=False)
class TimeWords:
    """The lexicon's time vocabulary as lookups (see time_words.txt and dates.txt)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    counts: dict[str, int]  # "three", "twenty-four", "a"
    ordinals: dict[str, int]  # "second", "2nd"
    day_words: dict[str, int]  # days before the reference
    edges: dict[str, str]  # start, end or middle
    thirds: dict[str, int]
    last_part_words: frozenset[str]
    event_verbs: frozenset[str]
    lexicon: Lexicon


def _digit_ordinal(n: int) -> str:
    # English: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
    return TimeWords(
        months={**lexicon.numbers("months"), **lexicon.numbers("month_abbreviations")},
        weekdays=lexicon.numbers("weekdays"),
        counts={**counts, "a": 1, "an": 1},
        ordinals={**ordinals, **{_digit_ordinal(n): n for n in ordinals.values()}},
        day_words=lexicon.numbers("day_words"),
        edges=edges,
        thirds=lexicon.numbers("thirds"),
        last_part_words=lexicon.words("last_part_words"),
        event_verbs=lexicon.words("event_verbs"),
        lexicon=lexicon,
    )


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    reference: DateRange | None
    anchor: DateRange | None  # what a date written without a year is read against
    calendar: EventCalendar
    words: TimeWords

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
        return Context(self.text, self.reference, anchor, self.calendar, self.words)


# --- date helpers ------------------------------------------------------------------


def _shift(day: date, text: str, **units: int) -> date:
    # relativedelta keeps the calendar day ("a year before May 24" is May 24)
    # and falls back to the month's last day (Feb 29 -> Feb 28).
    try:
        return day + relativedelta(**units)  # type: ignore[arg-type]
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


def _over_readings(reference: DateRange, read: Callable[[date], tuple[date, date]]) -> Span:
    # Every reading here moves forward with the reference day, so the first and
    # the last possible reference day bound all readings.
    first_start, first_end = read(reference.earliest)
    last_start, last_end = read(reference.latest)
    return Span(
        min(first_start, last_start),
        max(first_start, last_start),
        min(first_end, last_end),
        max(first_end, last_end),
    )


def _latest_month(month: int, before: date, *, strictly: bool = False) -> date:
    """First day of the latest such month that has begun by ``before``."""
    year = before.year
    if month > before.month or (strictly and month == before.month):
        year -= 1
    return date(year, month, 1)


def _yearless_day(month: int, day: int, ctx: Context) -> date:
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
        return shift_days(reference, -math.ceil(count / 24), text)
    if unit == "day":
        return shift_days(reference, -count, text)
    if unit == "week":
        return shift_days(reference, -7 * count, text)
    if unit == "month":
        return _shift(reference, text, months=-count)
    return _shift(reference, text, years=-count)


def _calendar_unit(day: date, unit: str) -> tuple[date, date]:
    """The calendar week (Monday–Sunday), month, quarter or year containing ``day``."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = day.replace(day=1)
        return first, month_end(first)
    if unit == "quarter":
        first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return first, month_end(first + relativedelta(months=2))
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _count(text: str, words: TimeWords) -> int:
    word = text.lower().replace(" ", "-")
    return int(word) if word.isdigit() else words.counts[word]


def _month(text: str, words: TimeWords) -> int:
    return words.months[text.lower().rstrip(".")]


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


@rule(r"(?<![0-9-])(?P<year>[0-9]{4})-(?P<month_number>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9-])")
def iso_day(m: re.Match[str], ctx: Context) -> Span:
    """2024-11-06"""
    day = make_date(int(m["year"]), int(m["month_number"]), int(m["day"]), ctx.text)
    return Span.exact(day, day)


def _day_of(m: re.Match[str], ctx: Context) -> Span:
    month = _month(m["month"], ctx.words)
    day_number = int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        day = make_date(int(m["year"]), month, day_number, ctx.text)
    else:
        day = _yearless_day(month, day_number, ctx)
    return Span.exact(day, day)


@rule(
    r"(?:{weekday},?{space})?(?P<month>{month}){space}(?P<day>{day})"
    r"(?:,?{space}(?P<year>{year}))?"
)
def month_day(m: re.Match[str], ctx: Context) -> Span:
    """Nov. 6, November 6th, 2024, Thursday, Nov. 24, 2022"""
    return _day_of(m, ctx)


@rule(
    r"(?:{weekday},?{space})?(?:the{space})?(?P<day>{day}){space}(?:of{space})?"
    r"(?P<month>{month})(?:,?{space}(?P<year>{year}))?"
)
def day_month(m: re.Match[str], ctx: Context) -> Span:
    """6 November 2024, the 6th of November, 24 Nov, 2022"""
    return _day_of(m, ctx)


@rule(r"(?P<month>{month}),?{space}(?:of{space})?(?P<year>{year})")
def month_year(m: re.Match[str], ctx: Context) -> Span:
    """March 2021, March of 2021"""
    first = date(int(m["year"]), _month(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?<![0-9-])(?P<year>[0-9]{4})-(?P<month_number>0[1-9]|1[0-2])(?![0-9-])")
def iso_month(m: re.Match[str], ctx: Context) -> Span:
    """2024-02"""
    first = date(int(m["year"]), int(m["month_number"]), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<year>{year})\s?[-–—/]\s?(?P<last_year>[0-9]{4}|[0-9]{2})(?![0-9])")
def year_span(m: re.Match[str], ctx: Context) -> Span:
    """2020-21, 2020–2021, 1999-00"""
    first_year, tail = int(m["year"]), m["last_year"]
    last_year = int(tail) if len(tail) == 4 else first_year - first_year % 100 + int(tail)
    if len(tail) == 2 and last_year < first_year:
        last_year += 100  # "1999-00"
    if last_year < first_year or last_year > 9999:
        raise WindowError("the second year is before the first", text=ctx.text)
    return Span.exact(date(first_year, 1, 1), date(last_year, 12, 31))


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


@rule(r"{day_word}")
def day_word(m: re.Match[str], ctx: Context) -> Span:
    """today, yesterday, last night, the day before yesterday"""
    back = ctx.words.day_words[" ".join(m[0].lower().split())]
    reference = ctx.need_reference(f"'{m[0]}'")
    return _over_readings(
        reference, lambda r: (shift_days(r, -back, ctx.text), shift_days(r, -back, ctx.text))
    )


def _rolling_of(m: re.Match[str], ctx: Context) -> Span:
    reference = ctx.need_reference(f"'{m[0]}'")
    count, unit = _count(m["count"] or "1", ctx.words), m["unit"]
    return _over_readings(reference, lambda r: (_unit_back(r, count, unit, ctx.text), r))


@rule(
    r"(?:the{space}(?:{rolling_word}|last)|{rolling_word})(?:{space}(?P<count>{number}))?"
    r"{space}(?P<unit>{duration_unit})"
)
def rolling(m: re.Match[str], ctx: Context) -> Span:
    """the past year, past 7 days, the last three months"""
    return _rolling_of(m, ctx)


@rule(r"last{space}(?P<count>{number}){space}(?P<unit>{duration_unit})")
def last_count(m: re.Match[str], ctx: Context) -> Span:
    """last 12 months"""
    return _rolling_of(m, ctx)


@rule(r"(?P<count>{number}){space}(?P<unit>{duration_unit}){space}ago")
def ago(m: re.Match[str], ctx: Context) -> Span:
    """two weeks ago"""
    reference = ctx.need_reference(f"'{m[0]}'")
    count, unit = _count(m["count"], ctx.words), m["unit"]

    def back(r: date) -> tuple[date, date]:
        day = _unit_back(r, count, unit, ctx.text)
        return day, day

    return _over_readings(reference, back)


@rule(r"(?P<earlier>earlier\s{1,4})?(?P<which>this|last)\s{1,4}(?P<unit>{calendar_unit})")
def calendar_unit(m: re.Match[str], ctx: Context) -> Span:
    """this year (so far), earlier this month, last week (the previous Monday–Sunday)"""
    reference = ctx.need_reference(f"'{m[0]}'")
    unit = m["unit"].lower()
    if m["which"].lower() == "this" or m["earlier"]:
        return _over_readings(reference, lambda r: (_calendar_unit(r, unit)[0], r))

    def previous(r: date) -> tuple[date, date]:
        return _calendar_unit(shift_days(_calendar_unit(r, unit)[0], -1, ctx.text), unit)

    return _over_readings(reference, previous)


@rule(r"last{space}(?P<weekday>{weekday})")
def last_weekday(m: re.Match[str], ctx: Context) -> Span:
    """last Thursday: the one before the latest"""
    weekday = ctx.words.weekdays[m["weekday"].lower()]

    def last(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday - 1) % 7 + 1)
        return day, day

    return _over_readings(ctx.need_reference(f"'{m[0]}'"), last)


@rule(r"(?P<weekday>{weekday})")
def weekday(m: re.Match[str], ctx: Context) -> Span:
    """Thursday: the latest not after the reference"""
    weekday = ctx.words.weekdays[m["weekday"].lower()]

    def latest(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday) % 7)
        return day, day

    return _over_readings(ctx.need_reference(f"'{m[0]}'"), latest)


@rule(r"last{space}(?P<month>{month})")
def last_month(m: re.Match[str], ctx: Context) -> Span:
    """last May: the latest May before the reference's month"""
    month = _month(m["month"], ctx.words)

    def last(r: date) -> tuple[date, date]:
        first = _latest_month(month, r, strictly=True)
        return first, month_end(first)

    return _over_readings(ctx.need_reference(f"'{m[0]}'"), last)


@rule(r"(?P<year>{year})", "weak")
def year(m: re.Match[str], ctx: Context) -> Span:
    """2024"""
    n = int(m["year"])
    return Span.exact(date(n, 1, 1), date(n, 12, 31))


@rule(r"(?P<month>{month})", "weak")
def month(m: re.Match[str], ctx: Context) -> Span:
    """February: the latest February begun by the reference (up to it)"""
    month = _month(m["month"], ctx.words)
    anchor = ctx.need_anchor("a month written without a year")

    def in_month(r: date) -> tuple[date, date]:
        first = _latest_month(month, r)
        return first, min(month_end(first), r)

    return _over_readings(anchor, in_month)


def _latest_part(n: int, size: int, m: re.Match[str], ctx: Context) -> Span:
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)

    def latest(r: date) -> tuple[date, date]:
        year = r.year if r.month >= size * (n - 1) + 1 else r.year - 1
        first, last = months_of_year(year, size * (n - 1) + 1, size * n)
        return first, min(last, r)

    return _over_readings(ctx.need_reference(f"'{m[0]}'"), latest)


@rule(r"{quarter_letter}(?P<quarter>[1-4])(?![0-9a-z])", "weak")
def quarter_alone(m: re.Match[str], ctx: Context) -> Span:
    """Q3: the latest third quarter begun by the reference"""
    return _latest_part(int(m["quarter"]), 3, m, ctx)


@rule(r"(?:the\s{1,4})?(?P<ordinal>{ordinal})[\s-]{1,4}(?P<part>quarter|half)", "loose")
def ordinal_alone(m: re.Match[str], ctx: Context) -> Span:
    """the second quarter, the first half (of the reference's year, up to it)"""
    size = 3 if m["part"].lower() == "quarter" else 6
    return _latest_part(ctx.words.ordinals[m["ordinal"].lower()], size, m, ctx)


@rule(r"(?:the{space})?(?<![0-9,.$£€])(?P<decade>1[89][0-9]0|20[0-9]0)['’]?s(?![a-z0-9])", "weak")
def decade(m: re.Match[str], ctx: Context) -> Span:
    """the 1990s, the 2010's: ten years from the one ending in 0"""
    first = int(m["decade"])
    return Span.exact(date(first, 1, 1), date(first + 9, 12, 31))


#: Every atom, in the order they are tried: the first full match reads an expression.
RULES: tuple[Rule, ...] = (
    iso_day, month_day, day_month, month_year, iso_month, year_span, quarter, year_quarter,
    half, year_half, day_word, rolling, last_count, ago, calendar_unit, last_weekday, weekday,
    last_month, decade, year, month, quarter_alone, ordinal_alone,
)  # fmt: skip


# --- fragments --------------------------------------------------------------------------

_FRAGMENT = re.compile(r"\{([a-z_]+)\}")


def compose(template: str, parts: dict[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by the fragment of that name (regex
    quantifiers such as ``{1,4}`` are left alone)."""
    return _FRAGMENT.sub(lambda m: parts[m.group(1)], template)


def _names(names: list[str], *, capital: bool) -> str:
    ordered = sorted(names, key=lambda name: (-len(name), name))
    if capital:
        # In running text "may" and "march" are verbs: month names must be capitalised.
        return "|".join(f"(?-i:{n[0].upper()}){n[1:]}" for n in ordered)
    return "|".join(ordered)


@lru_cache(maxsize=32)
def fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The named fragments rules are written in, for ``lexicon``; ``capital`` asks for
    capitalised month and weekday names and capital Q and H (running text)."""
    words = lexicon.words
    full, short = sorted(words("months")), sorted(words("month_abbreviations"))
    units = lexicon.numbers("small_numbers")
    counts = "|".join(sorted((w for w, n in units.items() if n > 0), key=lambda w: (-len(w), w)))
    digit_words = "|".join(sorted(w for w, n in units.items() if 0 < n < 10))
    tens = "|".join(sorted(words("tens")))
    ordinals = time_words(lexicon).ordinals
    suffixes = "|".join(sorted(words("ordinal_suffixes")))
    return {
        # Only abbreviations take a full stop ("Nov."); "August." ends a sentence.
        "month": rf"(?:(?:{_names(full, capital=capital)})(?![a-z])"
        rf"|(?:{_names(short, capital=capital)})(?![a-z])\.?)",
        "weekday": rf"(?:{_names(sorted(words('weekdays')), capital=capital)})(?![a-z])",
        "ordinal_suffix": f"(?:{suffixes})",
        "day": rf"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?(?![0-9a-z]|[,.][0-9])",
        "year": r"(?<![0-9,.$£€])(?:1[89][0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])",
        "number": rf"(?:[0-9]{{1,4}}|(?:{tens})(?:[- ](?:{digit_words}))?|{counts}|an?)",
        "quarter_letter": "(?-i:Q)" if capital else "Q",
        "half_letter": "(?-i:H)" if capital else "H",
        "space": r"\s{1,4}",
        "duration_unit": "(?:" + "|".join(f"{u}s?" for u in sorted(words("duration_units"))) + ")",
        "calendar_unit": alternation(words("calendar_units")),
        "rolling_word": alternation(words("rolling_words")),
        "day_word": alternation(words("day_words")),
        "ordinal": alternation(ordinals),
    }
