"""Time rules, part 1: dates written with their calendar fields — numeric dates,
days of a named month, months and years, quarters and halves."""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimrec.calendar import (
    make_date,
    month_end,
)
from claimrec.errors import WindowError
from claimrec.read.time_relative import steps_of
from claimrec.read.time_span import (
    Context,
    Span,
    day_of_month,
    month_number,
    months_of_year,
    next_unit,
    numeric_span,
    over_readings,
    reference_for,
    rule,
    weekday_number,
    year_number,
    yearless_day,
)

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
    day = make_date(int(m["year"]), month_number(m["month"], ctx.words), int(m["day"]), ctx.text)
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
    year = year_number(m["year"], ctx.words)
    return numeric_span(int(m["first"]), int(m["second"]), year, ctx)


_NUMERIC_DAY = (
    r"(?<![\w./,-])(?P<first>0?[1-9]|[12][0-9]|3[01])(?P<sep>[/.-])"
    r"(?P<second>0?[1-9]|[12][0-9]|3[01])(?![\w/-]|[.,][0-9]|\s{0,4}%)"
)


@rule(r"(?P<weekday>{weekday}),?{space}" + _NUMERIC_DAY)
def weekday_numeric_day(m: re.Match[str], ctx: Context) -> Span:
    """Friday 7/6, Fri 7-6: a numeric day named by its weekday"""
    return numeric_span(int(m["first"]), int(m["second"]), None, ctx)


@rule(
    r"(?<![\w./,-])(?:(?P<first>0?[1-9]|1[0-2])/(?P<second>1[3-9]|2[0-9]|3[01])"
    r"|(?P<first_day>1[3-9]|2[0-9]|3[01])/(?P<second_month>0?[1-9]|1[0-2]))(?![\w/-]|[.,][0-9]|\s{0,4}%)"
)
def slash_day(m: re.Match[str], ctx: Context) -> Span:
    """4/22, 22/04: a slash date that can only be a day and a month"""
    first, second = m["first"] or m["first_day"], m["second"] or m["second_month"]
    return numeric_span(int(first), int(second), None, ctx)


@rule(_NUMERIC_DAY, "day")
def numeric_day(m: re.Match[str], ctx: Context) -> Span:
    """on 4/22, on 22/04, on 4-22: a numeric day without a year (the latest not after)"""
    return numeric_span(int(m["first"]), int(m["second"]), None, ctx)


# Days of a month, written with its name ------------------------------------------------

_DAY_ANY = r"(?:{day}|{nth_day})"
_YEAR_AFTER = r"(?:,?{space}(?:of{space})?|,)(?P<year>{long_year}|{year_words})"
# (a year after a day may be earlier than 1800: "5 December 1391")


@rule(
    r"(?P<month>{month}){space}(?:between{space})?(?P<day>" + _DAY_ANY + r")"
    r"(?:{to}|{space}and{space}|(?P<slash>/))(?P<last_day>" + _DAY_ANY + r")"
    r"(?:,?{space}(?P<year>{year}|{year_words}))?"
)
def month_days(m: re.Match[str], ctx: Context) -> Span:
    """November 19-20, Nov. 19 to 20, 2024, May 16/17: days of one month"""
    return _days_of_month(m, ctx)


@rule(
    r"(?:between{space})?(?:the{space})?(?P<day>" + _DAY_ANY + r")"
    r"(?:{to}|{space}and{space}|(?P<slash>/))"
    r"(?:the{space})?(?P<last_day>" + _DAY_ANY + r"){space}(?:of{space})?(?P<month>{month})"
    r"(?:,?{space}(?:of{space})?(?P<year>{year}|{year_words}))?"
)
def days_month(m: re.Match[str], ctx: Context) -> Span:
    """4 to 22 January 1995, between 3 and 12 of Sept, 2-7 Feb, 16/17 May: days of one month
    (a slash joins two days in a row only: the night of 16/17 May)"""
    return _days_of_month(m, ctx)


def _days_of_month(m: re.Match[str], ctx: Context) -> Span:
    month = month_number(m["month"], ctx.words)
    first, last = day_of_month(m["day"], ctx.words), day_of_month(m["last_day"], ctx.words)
    if last < first:
        raise WindowError("the last day is before the first", text=ctx.text)
    if m["slash"] and last != first + 1:
        raise WindowError("a slash joins two days in a row (16/17 May)", text=ctx.text)
    if m["year"]:
        year = year_number(m["year"], ctx.words)
        first_day = make_date(year, month, first, ctx.text)
        return Span.exact(first_day, make_date(year, month, last, ctx.text))
    end = yearless_day(month, last, ctx)
    return Span.exact(make_date(end.year, month, first, ctx.text), end)


@rule(
    r"(?:between{space})?(?P<day>{day}|{nth_day})(?:{to}|{space}and{space})"
    r"(?P<last_day>{day}|{nth_day})(?:{space}(?:of|in))?{space}(?P<which>{this_word}|{next_word}|"
    r"last|previous){space}month",
    "loose",
)
def days_relative_month(m: re.Match[str], ctx: Context) -> Span:
    """4 to 22 this month, between 4 and 23 next month"""
    steps = steps_of(m["which"], ctx)
    first_day, last_day = day_of_month(m["day"], ctx.words), day_of_month(m["last_day"], ctx.words)

    def read(r: date) -> tuple[date, date]:
        start, _ = next_unit(r, "month", steps, ctx.text)
        return (
            make_date(start.year, start.month, first_day, ctx.text),
            make_date(start.year, start.month, last_day, ctx.text),
        )

    return over_readings(reference_for(m, ctx), read, ahead=True)  # both days are stated


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
    weekday, number = weekday_number(m["weekday"], ctx.words), day_of_month(m["day"], ctx.words)
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

    return over_readings(anchor, latest)


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


def group_or_none(m: re.Match[str], name: str) -> str | None:
    """A group of the match, None when the rule has no such group or it did not take part."""
    return m.groupdict().get(name)


def _day_of(m: re.Match[str], ctx: Context) -> Span:
    month = month_number(group_or_none(m, "month") or group_or_none(m, "month_of") or "", ctx.words)
    day_number = day_of_month(
        group_or_none(m, "day") or group_or_none(m, "digits") or "", ctx.words
    )
    year = group_or_none(m, "year")
    if year:
        day = make_date(year_number(year, ctx.words), month, day_number, ctx.text)
    else:
        day = yearless_day(month, day_number, ctx)
    return Span.exact(day, day)


# Months and years ------------------------------------------------------------------------


@rule(r"(?P<month>{month})\s{0,2},?{space}(?:of{space})?(?P<year>{year}|{year_words})")
def month_year(m: re.Match[str], ctx: Context) -> Span:
    """March 2021, March of 2021, November , 2016, June of nineteen ninety nine"""
    first = date(year_number(m["year"], ctx.words), month_number(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<month>{month}){space}['’]?(?P<year>[3-9][0-9])(?![\w'’.,-])", "loose")
def month_short_year(m: re.Match[str], ctx: Context) -> Span:
    """August 99, August '99"""
    first = date(year_number(m["year"], ctx.words), month_number(m["month"], ctx.words), 1)
    return Span.exact(first, month_end(first))


@rule(r"(?P<year>{year})\s{0,4},?{space}(?P<month>{month})(?![\w.]|{space}[0-9])")
def year_month(m: re.Match[str], ctx: Context) -> Span:
    """2016 June, 2016, Nov"""
    first = date(int(m["year"]), month_number(m["month"], ctx.words), 1)
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
    n, steps = ctx.words.ordinals[m["ordinal"].lower()], steps_of(m["which"], ctx)

    def read(r: date) -> tuple[date, date]:
        return _part_of_year(n, size, r.year + steps, ctx)

    return over_readings(reference_for(m, ctx), read)
