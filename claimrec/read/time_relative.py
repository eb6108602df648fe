"""Time rules, part 2: times relative to the reference day — day words, offsets
("3 days ago", "the past 12 months"), this/next/last units, weekdays, months."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from claimrec.calendar import (
    month_end,
)
from claimrec.errors import WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.time_span import (
    Context,
    Span,
    calendar_unit_of,
    count_number,
    latest_month,
    month_number,
    months_of_year,
    next_unit,
    nth_weekday,
    over_readings,
    reference_for,
    rule,
    shift_days,
    shift_units,
    unit_back,
    unit_shift,
    week_monday,
    weekday_number,
)
from claimrec.read.time_vocabulary import key

# Days relative to the reference -------------------------------------------------------


@rule(r"{day_word}")
def day_word(m: re.Match[str], ctx: Context) -> Span:
    """today, yesterday, last night, the day before yesterday, tomorrow, tonight"""
    back = ctx.words.day_words[key(m[0])]
    reference = reference_for(m, ctx)
    return over_readings(
        reference, lambda r: (shift_days(r, -back, ctx.text), shift_days(r, -back, ctx.text))
    )


@rule(r"{now_word}", "inner")
def now(m: re.Match[str], ctx: Context) -> Span:
    """now (inside "between now and May", "as of now")"""
    return over_readings(reference_for(m, ctx), lambda r: (r, r))


_COUNTS = (
    r"(?P<counts>{number}(?:{space}|(?<=[0-9])){duration_unit}"
    r"(?:,?{space}(?:and{space})?{number}(?:{space}|(?<=[0-9])){duration_unit}){0,3})"
)


@per_lexicon
def count_unit_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    units = "|".join(f"{u}s?" for u in sorted(lexicon.words("duration_units")))
    return re.compile(rf"([0-9]+|[a-z]+(?:[\s-]+[a-z]+)?)\s*({units})\b")


def _offset(counts: str, ctx: Context) -> dict[str, int]:
    """ "1 month and 21 days" as calendar units (hours round up to whole days)."""
    total: dict[str, int] = {}
    text = re.sub(r"\band\b|,", " ", counts.lower())
    for count, unit in count_unit_pattern(ctx.words.lexicon).findall(text):
        for name, value in unit_shift(count_number(count, ctx.words), unit).items():
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

    return over_readings(reference_for(m, ctx), back)


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
            weekday = weekday_number(m["weekday_unit"].lower().rstrip("s"), words)
            count = count_number(m["counts_weekday"], words)
            step = (weekday - start.weekday()) % 7 or 7
            day = shift_days(start, sign * (step + 7 * (count - 1)), ctx.text)
        else:
            units = _offset(m["counts"], ctx)
            day = shift_units(start, ctx.text, **{k: sign * v for k, v in units.items()})
        return day, day

    return over_readings(reference_for(m, ctx), read)


def _vague(text: str | None, ctx: Context) -> tuple[int, int]:
    """The fewest and most units of a vague count ("a few"; none written: a few)."""
    return ctx.words.vague_counts.get(key(text or "a few"), (2, 5))


@rule(
    r"in{space}" + _COUNTS + r"(?!{space}(?:{relative_to}|ago)\b)",
    "future",
)
def in_count(m: re.Match[str], ctx: Context) -> Span:
    """in 3 weeks, in two days (in a clause of the future tense): the day that far on"""
    units = _offset(m["counts"], ctx)
    reference = reference_for(m, ctx)
    days = [shift_units(r, ctx.text, **units) for r in (reference.earliest, reference.latest)]
    return Span(min(days), max(days), min(days), max(days), ahead=True)


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
        low = high = count_number(m["count"], ctx.words)
    else:
        low, high = _vague(m["count"], ctx)
    within = bool(m["within"])

    extra = _offset(m["more"], ctx) if m["more"] else {}

    def read(r: date) -> tuple[tuple[date, date], tuple[date, date]]:
        start = r if within else shift_days(r, 1, ctx.text)
        first = shift_units(shift_units(r, ctx.text, **unit_shift(low, unit)), ctx.text, **extra)
        last = shift_units(shift_units(r, ctx.text, **unit_shift(high, unit)), ctx.text, **extra)
        if within:  # "within 5 days": up to the fifth day after, or the day before it
            first = shift_days(first, -1, ctx.text)
        return (start, first), (start, last)

    (s1, e1), (_, e2) = read(reference_for(m, ctx).earliest)
    (s3, e3), (_, e4) = read(reference_for(m, ctx).latest)
    return Span(min(s1, s3), max(s1, s3), min(e1, e3), max(e2, e4), ahead=True)


def _rolling_of(m: re.Match[str], ctx: Context) -> Span:
    reference = reference_for(m, ctx)
    unit = m["unit"]
    vague = m["count"] and key(m["count"]) in ctx.words.vague_counts
    if vague or (not m["count"] and unit.lower().endswith("s")):
        low, high = _vague(m["count"], ctx)

        def vague(r: date) -> tuple[date, date]:
            return unit_back(r, high, unit, ctx.text), r

        first, last = vague(reference.earliest), vague(reference.latest)
        latest_start = unit_back(reference.latest, low, unit, ctx.text)
        return Span(first[0], latest_start, first[1], last[1])
    count = count_number(m["count"] or "1", ctx.words)
    return over_readings(reference, lambda r: (unit_back(r, count, unit, ctx.text), r))


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


def steps_of(which: str, ctx: Context) -> int:
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
    return over_readings(
        reference_for(m, ctx), lambda r: (r, calendar_unit_of(r, unit)[1]), ahead=True
    )


@rule(r"later{space}(?:this|in{space}the){space}(?P<unit>{calendar_unit})")
def later_this(m: re.Match[str], ctx: Context) -> Span:
    """later this month, later in the year: the reference day to the unit's end"""
    unit = m["unit"]
    return over_readings(
        reference_for(m, ctx), lambda r: (r, calendar_unit_of(r, unit)[1]), ahead=True
    )


@rule(
    r"(?:(?:the{space})?(?P<unit>{calendar_unit})[\s-]{1,4}to[\s-]{1,4}date"
    r"|so{space}far{space}(?:this|in{space}the){space}(?P<so_far_unit>{calendar_unit})"
    r"|(?-i:YTD))"
)
def to_date(m: re.Match[str], ctx: Context) -> Span:
    """the year to date, year-to-date, so far this year, YTD"""
    unit = m["unit"] or m["so_far_unit"] or "year"
    return over_readings(
        reference_for(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit
    )


@rule(r"earlier{space}(?:this|in{space}the){space}(?P<unit>{calendar_unit})")
def earlier_this(m: re.Match[str], ctx: Context) -> Span:
    """earlier this month, earlier in the week: the unit's start to the day before, or the day"""
    unit = m["unit"]

    def read(r: date) -> tuple[date, date]:
        return calendar_unit_of(r, unit)[0], r

    span = over_readings(reference_for(m, ctx), read, unit=unit)
    before = shift_days(span.ee, -1, ctx.text)
    return replace(span, ee=max(before, span.se))


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last|previous){space}(?P<unit>{calendar_unit}|weekend)"
)
def calendar_unit(m: re.Match[str], ctx: Context) -> Span:
    """this year (so far), last week (the previous Monday–Sunday), next month, the coming week"""
    unit, steps = m["unit"].lower(), steps_of(m["which"], ctx)
    if steps == 0:
        if unit == "weekend":  # "this weekend": the weekend of the reference's week
            return over_readings(reference_for(m, ctx), lambda r: calendar_unit_of(r, unit))
        return over_readings(
            reference_for(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit
        )
    return over_readings(reference_for(m, ctx), lambda r: next_unit(r, unit, steps, ctx.text))


@rule(r"the{space}(?P<unit>weekend|{calendar_unit}){space}after{space}(?:the{space})?next")
def unit_after_next(m: re.Match[str], ctx: Context) -> Span:
    """the week after next, the month after the next, the year after next"""
    unit = m["unit"]
    return over_readings(reference_for(m, ctx), lambda r: next_unit(r, unit, 2, ctx.text))


@rule(
    r"(?P<which>{this_word}|{next_word}|next|last|this){space}{quarter_letter}(?P<quarter>[1-4])(?![0-9a-z])"
)
def this_quarter(m: re.Match[str], ctx: Context) -> Span:
    """this Q3, last Q4: that quarter of the reference's year (of the year before or after)"""
    n, steps = int(m["quarter"]), steps_of(m["which"], ctx)
    return over_readings(
        reference_for(m, ctx), lambda r: months_of_year(r.year + steps, 3 * n - 2, 3 * n)
    )


@rule(r"(?:the{space})?(?P<unit>week|month|year)", "inner")
def the_unit(m: re.Match[str], ctx: Context) -> Span:
    """the year (inside "the first half of the year", "since the start of the year")"""
    unit = m["unit"]
    return over_readings(
        reference_for(m, ctx), lambda r: (calendar_unit_of(r, unit)[0], r), unit=unit.lower()
    )


@rule(r"the{space}weekend", "day")
def the_weekend(m: re.Match[str], ctx: Context) -> Span:
    """the weekend: the latest weekend begun by the reference"""

    def latest(r: date) -> tuple[date, date]:
        saturday = r - timedelta(days=(r.weekday() - 5) % 7)
        return saturday, saturday + timedelta(days=1)

    return over_readings(reference_for(m, ctx), latest)


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
    steps = steps_of(m["which"], ctx)
    first, last = (
        weekday_number(m["weekday"], ctx.words),
        weekday_number(m["last_weekday"], ctx.words),
    )
    if last < first:
        raise WindowError("the last day is before the first", text=ctx.text)

    def read(r: date) -> tuple[date, date]:
        monday = _week_of(r, steps)
        return monday + timedelta(days=first), monday + timedelta(days=last)

    return over_readings(reference_for(m, ctx), read, ahead=True)


@rule(
    r"(?:(?P<which>{this_word}|{next_word}|next|last|past|previous){space}week(?:['’]s)?,?{space}"
    r"(?:on{space})?(?P<weekday>{weekday})|(?P<weekday_first>{weekday}),?{space}(?:of{space})?"
    r"(?P<which_after>this|next|last|{next_word}){space}week)"
)
def weekday_of_week(m: re.Match[str], ctx: Context) -> Span:
    """next week on Friday, Friday next week, Sunday of last week, this week Friday"""
    steps = steps_of(m["which"] or m["which_after"], ctx)
    weekday = weekday_number(m["weekday"] or m["weekday_first"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = _week_of(r, steps) + timedelta(days=weekday)
        return day, day

    return over_readings(reference_for(m, ctx), read)


@rule(r"(?:this{space}coming|coming|upcoming){space}(?P<weekday>{weekday})")
def coming_weekday(m: re.Match[str], ctx: Context) -> Span:
    """this coming Friday: the first Friday after the reference day"""
    weekday = weekday_number(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = r + timedelta(days=(weekday - r.weekday() - 1) % 7 + 1)
        return day, day

    return over_readings(reference_for(m, ctx), read)


@rule(r"next{space}(?P<weekday>{weekday})")
def next_weekday(m: re.Match[str], ctx: Context) -> Span:
    """next Friday: the first Friday after the reference, or the Friday of next week"""
    weekday = weekday_number(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        first = r + timedelta(days=(weekday - r.weekday() - 1) % 7 + 1)
        return first, _week_of(r, 1) + timedelta(days=weekday)

    first = read(reference_for(m, ctx).earliest)
    last = read(reference_for(m, ctx).latest)
    return Span(min(first), max(last), min(first), max(last))


@rule(r"this{space}(?P<weekday>{weekday})")
def this_weekday(m: re.Match[str], ctx: Context) -> Span:
    """this Friday: the Friday of the reference's week (Monday to Sunday)"""
    weekday = weekday_number(m["weekday"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        day = week_monday(r) + timedelta(days=weekday)
        return day, day

    return over_readings(reference_for(m, ctx), read)


@rule(r"(?:last|past|previous){space}(?P<weekday>{weekday})")
def last_weekday(m: re.Match[str], ctx: Context) -> Span:
    """last Thursday: the latest Thursday before the reference day"""
    weekday = weekday_number(m["weekday"], ctx.words)

    def last(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday - 1) % 7 + 1)
        return day, day

    return over_readings(reference_for(m, ctx), last)


@rule(
    r"(?:the{space})?(?P<nth>{week_ordinal}){space}(?P<weekday>{weekday})"
    r"(?!{space}{weekday_anchor}\b)"
)
def nth_weekday_alone(m: re.Match[str], ctx: Context) -> Span:
    """the second Sunday: of the latest month in which it is not after the reference"""
    weekday, nth = weekday_number(m["weekday"], ctx.words), ctx.words.day_ordinals[key(m["nth"])]

    def latest(r: date) -> tuple[date, date]:
        month = r.replace(day=1)
        for _ in range(2):  # this month's, or last month's when this one's is still ahead
            day = nth_weekday(month.year, month.month, weekday, nth)
            if day is not None and day <= r:
                return day, day
            month = (month - timedelta(days=1)).replace(day=1)
        raise WindowError("no such day", text=ctx.text)

    return over_readings(ctx.need_anchor(f"'{m[0]}'"), latest)


@rule(r"(?P<weekday>{weekday})")
def weekday(m: re.Match[str], ctx: Context) -> Span:
    """Thursday: the latest not after the reference"""
    weekday = weekday_number(m["weekday"], ctx.words)

    def latest(r: date) -> tuple[date, date]:
        day = r - timedelta(days=(r.weekday() - weekday) % 7)
        return day, day

    return over_readings(ctx.need_anchor(f"'{m[0]}'"), latest)


# Months relative to the reference ----------------------------------------------------------


@rule(r"(?P<month>{month}),?{space}(?:of{space})?(?P<which>this|next|last){space}year")
def month_of_relative_year(m: re.Match[str], ctx: Context) -> Span:
    """June last year, March this year, June of next year"""
    month, steps = month_number(m["month"], ctx.words), steps_of(m["which"], ctx)
    return over_readings(
        reference_for(m, ctx), lambda r: months_of_year(r.year + steps, month, month)
    )


@rule(r"(?P<which>{this_word}|this){space}(?P<month>{month})")
def this_month_name(m: re.Match[str], ctx: Context) -> Span:
    """this May: the May of the reference's year"""
    month = month_number(m["month"], ctx.words)
    return over_readings(reference_for(m, ctx), lambda r: months_of_year(r.year, month, month))


@rule(r"(?:{next_word}|next){space}(?P<month>{month})")
def next_month_name(m: re.Match[str], ctx: Context) -> Span:
    """next June: the first June after the reference's month"""
    month = month_number(m["month"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        year = r.year if month > r.month else r.year + 1
        return months_of_year(year, month, month)

    return over_readings(reference_for(m, ctx), read)


@rule(r"last{space}(?P<month>{month})")
def last_month(m: re.Match[str], ctx: Context) -> Span:
    """last May: the latest May before the reference's month — or, when that is in the
    reference's year, possibly the May of the year before (the uncertain window over both)"""
    month = month_number(m["month"], ctx.words)

    def last(r: date) -> tuple[tuple[date, date], tuple[date, date]]:
        first = latest_month(month, r, strictly=True)
        latest = (first, month_end(first))
        if first.year == r.year:
            return months_of_year(first.year - 1, month, month), latest
        return latest, latest

    reference = reference_for(m, ctx)
    (a, b), (c, d) = last(reference.earliest), last(reference.latest)
    return Span(min(a[0], c[0]), max(b[0], d[0]), min(a[1], c[1]), max(b[1], d[1]))


@rule(
    r"(?:the{space})?month{space}of{space}(?P<month>{month_any})(?:[.\s]{1,2}(?P<day>{glued_day}))?"
    r"(?:,?{space}(?P<year>{year}))?"
)
def month_of(m: re.Match[str], ctx: Context) -> Span:
    """the month of September, month of Jan 2016"""
    if m["year"]:
        first = date(int(m["year"]), month_number(m["month"], ctx.words), 1)
        return Span.exact(first, month_end(first))
    return latest_month_span(month_number(m["month"], ctx.words), m, ctx)


def latest_month_span(month: int, m: re.Match[str], ctx: Context) -> Span:
    anchor = ctx.need_anchor("a month written without a year")

    def in_month(r: date) -> tuple[date, date]:
        first = latest_month(month, r)
        return first, min(month_end(first), r)

    return over_readings(anchor, in_month, unit="month")


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
    return over_readings(reference_for(m, ctx), lambda r: read(r.year))
