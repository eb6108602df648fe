"""Time rules, part 3: named periods — seasons, holidays, decades and centuries,
plain years and months, quarters and days written alone."""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimrec.calendar import (
    month_end,
)
from claimrec.errors import WindowError
from claimrec.read.time_dates import group_or_none
from claimrec.read.time_relative import latest_month_span, steps_of
from claimrec.read.time_span import (
    Context,
    Span,
    day_of_month,
    holiday_in,
    month_number,
    months_of_year,
    over_readings,
    reference_for,
    rule,
    year_number,
)
from claimrec.read.time_vocabulary import key

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
        year = year_number(m["year"], ctx.words)
        if last < first:
            return Span.over(_season_of(year - 1, first, last), _season_of(year, first, last))
        return Span.exact(*_season_of(year, first, last))
    which = group_or_none(m, "which")
    steps = None if which is None else steps_of(which, ctx)

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

    anchor = ctx.need_anchor(f"'{m[0]}'") if steps is None else reference_for(m, ctx)
    return over_readings(anchor, read)


def _holiday_span(m: re.Match[str], ctx: Context) -> Span:
    holiday = ctx.words.holidays[key(m["holiday"])]
    year, which, year_which = (
        group_or_none(m, "year"),
        group_or_none(m, "which"),
        group_or_none(m, "year_which"),
    )
    if year:
        day = holiday_in(holiday, year_number(year, ctx.words))
        return Span.exact(day, day)
    if year_which:  # "Christmas next year": that year's
        years = steps_of(year_which, ctx)
        return over_readings(
            reference_for(m, ctx), lambda r: (holiday_in(holiday, r.year + years),) * 2
        )
    steps = None if which is None else steps_of(which, ctx)

    def read(r: date) -> tuple[date, date]:
        this_year = holiday_in(holiday, r.year)
        if steps == 0:
            day = this_year
        elif steps == 1:
            day = this_year if this_year > r else holiday_in(holiday, r.year + 1)
        elif steps == -1:
            day = this_year if this_year < r else holiday_in(holiday, r.year - 1)
        else:  # the latest not after the reference
            day = this_year if this_year <= r else holiday_in(holiday, r.year - 1)
        return day, day

    anchor = ctx.need_anchor(f"'{m[0]}'") if steps is None else reference_for(m, ctx)
    return over_readings(anchor, read)


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

    return over_readings(reference_for(m, ctx), latest)


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
    n = year_number(m["year"], ctx.words)
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
    return latest_month_span(month_number(m["month"], ctx.words), m, ctx)


def _latest_part(n: int, size: int, m: re.Match[str], ctx: Context) -> Span:
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)

    def latest(r: date) -> tuple[date, date]:
        year = r.year if r.month >= size * (n - 1) + 1 else r.year - 1
        first, last = months_of_year(year, size * (n - 1) + 1, size * n)
        return first, min(last, r)

    return over_readings(reference_for(m, ctx), latest)


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

    return over_readings(anchor, latest)


@rule(
    r"(?:(?:the{space})?(?P<day>[0-9]{1,2}{ordinal_suffix})(?![\w-]|{space}[a-z0-9])"
    r"|(?:the{space}(?P<day_alone>[0-9]{1,2}|{nth_day})|(?P<day_word>{nth_day}))"
    r"(?=\s{0,2}(?:[.!?]|$)))",
    "day",
)
def the_day(m: re.Match[str], ctx: Context) -> Span:
    """on the 27th, for the 27., on the second!: the latest such day not after the reference
    (a number or an ordinal word only at the end of a sentence)"""
    return _day_alone(day_of_month(m["day"] or m["day_alone"] or m["day_word"], ctx.words), ctx)


@rule(r"the{space}(?P<day>[0-9]{1,2}|{nth_day}|{day_count})(?![\w-])", "loose")
def the_day_loose(m: re.Match[str], ctx: Context) -> Span:
    """the 27, the second, the twenty second"""
    return _day_alone(day_of_month(m["day"], ctx.words), ctx)
