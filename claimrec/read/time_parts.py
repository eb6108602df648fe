"""Parts of a period written before it ("the end of", "early", "the second half
of", "the week to"): the :data:`PARTS` table of ``Part(name, pattern, reader)``."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from claimrec.calendar import (
    make_date,
    month_end,
)
from claimrec.errors import WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.time_fragments import compose, expression_fragments, unnamed
from claimrec.read.time_span import (
    Context,
    Span,
    calendar_unit_of,
    months_of_year,
    nth_weekday,
    shift_days,
    shift_units,
    week_monday,
)
from claimrec.read.time_vocabulary import digit_day, key

# --- parts of a period -----------------------------------------------------------------

PartReader = Callable[
    [re.Match[str], date, date, Context, "str | None"], "tuple[date, date] | Span"
]


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a period written before it: its pattern and what it keeps of (start, end)
    of one reading of the period (``unit``: the calendar unit the period is, if any).
    ``ahead``: the part states its own length ("for 3 days from today"), which may run
    past the reference day."""

    name: str
    pattern: str
    read: PartReader
    ahead: bool = False


def _whole(start: date, end: date, unit: str | None) -> tuple[date, date]:
    """The whole unit a "so far" reading names ("this week" read on a Wednesday)."""
    if unit is None:
        return start, end
    first, last = calendar_unit_of(start, unit)
    return (first, last) if first == start else (start, end)


def _ordinal_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    if (start.month, start.day) != (1, 1):
        raise WindowError("a quarter or half is of a year", text=ctx.text)
    word, words = m["part_ordinal"].lower(), ctx.words
    size = 3 if m["part_unit"].lower() == "quarter" else 6
    n = (12 // size) if word in words.last_part_words else words.ordinals[word]
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)
    return months_of_year(start.year, size * (n - 1) + 1, size * n)


def _quarter_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    if (start.month, start.day) != (1, 1):
        raise WindowError("a quarter is of a year", text=ctx.text)
    n = int(m["part_quarter"])
    return months_of_year(start.year, 3 * n - 2, 3 * n)


def _edge_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    start, end = _whole(start, end, unit)
    edge = ctx.words.edges[m["edge"].lower()]
    if edge == "middle":
        return _thirds(start, end, 2, ctx)
    return (end, end) if edge == "end" else (start, start)


def _third_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    start, end = _whole(start, end, unit)
    return _thirds(start, end, ctx.words.thirds[m["third"].lower()], ctx)


def _week_to(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    return shift_days(end, -6, ctx.text), end  # seven days ending on the day


def _thirds(start: date, end: date, which: int, ctx: Context) -> tuple[date, date]:
    """Early (1), mid (2) or late (3) part of a year (by months), a month (by days) or a
    week (week_thirds of time_words.txt)."""
    if (start.month, start.day) == (1, 1) and end <= date(start.year, 12, 31):
        return months_of_year(start.year, 4 * which - 3, 4 * which)
    if start.day == 1 and end <= month_end(start):
        last = month_end(start)
        first_day = start.replace(day=10 * (which - 1) + 1)
        return first_day, last if which == 3 else start.replace(day=10 * which)
    if start.weekday() == 0 and (end - start).days <= 6:
        name = next(w for w, n in ctx.words.thirds.items() if n == which)
        first_weekday, last_weekday = ctx.words.week_thirds[name]
        return start + timedelta(days=first_weekday), start + timedelta(days=last_weekday)
    days = (end - start).days + 1
    if days >= 3:  # a season, a span: in three parts by days
        cut = [start + timedelta(days=days * k // 3) for k in range(4)]
        return cut[which - 1], shift_days(cut[which], -1, ctx.text)
    raise WindowError("early, mid and late apply to a period of some days", text=ctx.text)


def _nth_weekday_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    start, end = _whole(start, end, unit)
    if start.day != 1 or end > month_end(start):
        raise WindowError("the N-th weekday is of a month", text=ctx.text)
    nth = -1 if m["nth"].lower() == "last" else ctx.words.day_ordinals[key(m["nth"])]
    weekday = ctx.words.weekdays[m["nth_weekday"].lower().rstrip(".")]
    day = nth_weekday(start.year, start.month, weekday, nth)
    if day is None:
        raise WindowError("the month has no such day", text=ctx.text)
    return day, day


def _nth_week_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> Span:
    """The N-th week of a month or year: the N-th seven days of it, or the N-th Monday
    to Sunday week whose Thursday falls in it (ISO 8601) — the window over both."""
    first, last = _whole(start, end, unit)
    whole_month = first.day == 1 and last == month_end(first)
    whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if not (whole_month or whole_year):
        raise WindowError("the N-th week is of a month or a year", text=ctx.text)
    if m["week_nth"].lower() == "last":
        plain = (shift_days(last, -6, ctx.text), last)
        thursday = last - timedelta(days=(last.weekday() - 3) % 7)
    else:
        n = ctx.words.day_ordinals[key(m["week_nth"])]
        begin = shift_days(first, 7 * (n - 1), ctx.text)
        plain = (begin, shift_days(begin, 6, ctx.text))
        thursday = first + timedelta(days=(3 - first.weekday()) % 7 + 7 * (n - 1))
    if plain[1] > last or thursday > last:
        raise WindowError("there is no such week", text=ctx.text)
    monday = thursday - timedelta(days=3)
    return Span.over(plain, (monday, monday + timedelta(days=6)))


def _week_of_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    if start != end:
        raise WindowError("'the week of' a day", text=ctx.text)
    monday = week_monday(start)
    return monday, monday + timedelta(days=6)


def _week_from(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    return start, shift_days(start, 6, ctx.text)


def _duration_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    count = m["dur_count"] or m["dur_count_alone"]
    return lasting(start, count, m["dur_unit"] or m["dur_unit_alone"], ctx)


def lasting(
    start: date, count: str, unit: str, ctx: Context, *, sign: int = 1
) -> tuple[date, date]:
    """``count`` ``unit`` from ``start`` on ("3 days from May 2": May 2 to May 4), or back
    from it (``sign`` -1: the first day of the span, second)."""
    word = count.lower()
    n = int(word) if word.isdigit() else ctx.words.counts[key(word).replace(" ", "-")]
    length = unit.lower().rstrip("s")
    units = {"days": sign * math.ceil(n / 24)} if length == "hour" else {f"{length}s": sign * n}
    if length == "decade":
        units = {"years": 10 * sign * n}
    moved = shift_units(start, ctx.text, **units)
    return start, start if moved == start else shift_days(moved, -sign, ctx.text)


def _offset_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    count = m["off_count"].lower()
    n = int(count) if count.isdigit() else ctx.words.counts[key(count).replace(" ", "-")]
    sign = -1 if m["off_direction"].lower() == "before" else 1
    length = m["off_unit"].lower().rstrip("s")
    units = {"days": math.ceil(n / 24)} if length == "hour" else {f"{length}s": n}
    if length == "decade":
        units = {"years": 10 * n}
    base = start if sign < 0 else end
    day = shift_units(base, ctx.text, **{k: sign * v for k, v in units.items()})
    return day, day


def _day_of_part(
    m: re.Match[str], start: date, end: date, ctx: Context, unit: str | None
) -> tuple[date, date]:
    text = key(m["dom"])
    digits = digit_day(ctx.words.lexicon).fullmatch(text)
    n = int(digits[1]) if digits else ctx.words.day_ordinals[text]
    day = make_date(start.year, start.month, n, ctx.text)
    return day, day


PARTS: tuple[Part, ...] = (
    Part(
        "ordinal_part",
        r"(?:the\s{1,4})?(?P<part_ordinal>{part_ordinal})[\s-]{1,4}(?P<part_unit>quarter|half)"
        r"(?:\s{1,4}of)?",
        _ordinal_part,
    ),
    Part("quarter_part", r"{quarter_letter}(?P<part_quarter>[1-4])(?:{space}of)?", _quarter_part),
    Part(
        "nth_weekday_part",
        r"(?:the{space})?(?P<nth>{week_ordinal}|last){space}(?P<nth_weekday>{weekday}){space}"
        r"(?:of|in)",
        _nth_weekday_part,
    ),
    Part(
        "nth_week_part",
        r"(?:the{space})?(?P<week_nth>{week_ordinal}|last){space}week(?:{space}(?:of|in))?",
        _nth_week_part,
    ),
    Part(
        "week_from_part",
        r"(?:(?:the{space})?week{space}(?:commencing|starting|beginning)(?:{space}(?:on|from))?"
        r"|w/c)",
        _week_from,
    ),
    Part("week_of_part", r"(?:the{space})?week{space}of", _week_of_part),
    Part(
        "duration_part",
        r"(?:for{space}(?P<dur_count>{number})(?:{space}|(?<=[0-9]))(?P<dur_unit>{duration_unit})"
        r",?{space}(?:starting|beginning|from)|(?P<dur_count_alone>{number})(?:{space}|(?<=[0-9]))"
        r"(?P<dur_unit_alone>{duration_unit}),?{space}(?:starting|beginning))(?:{space}(?:from|on))?",
        _duration_part,
        ahead=True,
    ),
    Part(
        "offset_part",
        r"(?P<off_count>{number})(?:{space}|(?<=[0-9]))(?P<off_unit>{duration_unit}){space}"
        r"(?P<off_direction>after|before|from)",
        _offset_part,
    ),
    Part(
        "day_of_part",
        r"(?:the{space})?(?P<dom>{day}|{nth_day})(?:{space}of)?"
        r"(?=\s{1,4}(?:{this_word}|{next_word}|next|last|previous){space}month)",
        _day_of_part,
    ),
    Part("edge_part", r"(?:the\s{1,4})?(?P<edge>{edge})\s{1,4}of", _edge_part),
    Part("third_part", r"(?P<third>{third})", _third_part),
    Part("week_to_part", r"(?:the\s{1,4})?week\s{1,4}{week_to}", _week_to),
)


def part_pattern(lexicon: Lexicon, *, named: bool, capital: bool = False) -> str:
    words = expression_fragments(lexicon, capital)
    body = "|".join(f"(?P<{p.name}>{compose(p.pattern, words)})" for p in PARTS)
    return f"(?:{body})" if named else unnamed(f"(?:{body})")


def part_forms(lexicon: Lexicon, *, capital: bool = False) -> list[str]:
    """Each part of :data:`PARTS` alone (unnamed): what :func:`part_pattern` is one of."""
    words = expression_fragments(lexicon, capital)
    return [unnamed(compose(p.pattern, words)) for p in PARTS]


@per_lexicon
def part_scanner(lexicon: Lexicon) -> re.Pattern[str]:
    glue = expression_fragments(lexicon, False)["part_glue"]
    return re.compile(part_pattern(lexicon, named=True) + glue, re.IGNORECASE)


def apply_part(m: re.Match[str], span: Span, ctx: Context) -> Span:
    part = next(p for p in PARTS if m[p.name] is not None)
    spans = []
    readings = span.readings()
    for start, end in readings[:1] if readings[0] == readings[1] else readings:
        got = part.read(m, start, end, ctx, span.unit)
        spans.append(got if isinstance(got, Span) else Span.exact(*got))
    return Span(
        min(s.se for s in spans),
        max(s.sl for s in spans),
        min(s.ee for s in spans),
        max(s.el for s in spans),
        ahead=span.ahead or part.ahead,
    )
