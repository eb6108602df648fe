"""Time windows in text: ``parse_window`` for one expression, ``find_windows`` for
running text, ``parse_reference`` for publication dates.

The atoms ("Nov. 6", "the past year", "Q3 2024") are the rule table of
:mod:`claimrec.read.time_rules`. This module composes them, in two more
tables of the same shape:

* :data:`PARTS` — parts of a period before an expression ("the end of",
  "early", "the second half of", "the week to");
* :data:`COMPOUNDS` — "since X[, as of Y]", "as of / by X", "between X and Y"
  / "from X to Y", and a plain expression with a preposition ("in 2024", "on
  Thursday and Friday", "2019 to 2021", "in 2024 alone").

Relative expressions are read against a reference date (usually the
publication date), which may itself be known only to the month or the year;
its uncertainty is carried into the window. Nothing is ever read against
today's date. Every pattern has bounded repetition, so scanning is linear in
the length of the text. See ``docs/windows.md``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateutil.parser import isoparse

from claimrec._text import alternation
from claimrec.calendar import (
    DateRange,
    EventCalendar,
    default_calendar,
    event_key,
    make_date,
    month_end,
)
from claimrec.errors import ClaimrecError, ReferenceDateError, WindowError
from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon
from claimrec.read.time_rules import (
    OPEN_START,
    RULES,
    SHIFT_FIELDS,
    UNKNOWN_END,
    Context,
    Span,
    calendar_unit_of,
    compose,
    digit_day,
    first_guard,
    fragments,
    key,
    months_of_year,
    nth_weekday,
    shift_days,
    shift_units,
    time_words,
    trie,
    week_monday,
)
from claimrec.window import ReferenceLike, Window, WindowKind, WindowMatch

__all__ = ["clear_caches", "find_windows", "parse_reference", "parse_window"]

# Longer text cannot be one time expression; refusing it early keeps the
# parser's cache and error messages small.
_MAX_EXPRESSION = 300
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _unnamed(pattern: str) -> str:
    return _GROUP_NAME.sub("(?:", pattern)


@lru_cache(maxsize=32)
def _words(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The fragments of the atoms plus those of parts and compounds."""
    words = lexicon.words
    thirds = sorted(words("thirds"), key=lambda w: (-len(w), w))
    return {
        **fragments(lexicon, capital),
        "part_ordinal": alternation(time_words(lexicon).ordinals.keys() | words("last_part_words")),
        "edge": alternation(words("edges")),
        "third": alternation(thirds),
        "week_to": alternation(words("week_to_words")),
        # "mid-2023": a hyphen may join a third to what it divides
        "part_glue": r"(?:\s{1,4}|(?:" + "|".join(f"(?<={t})" for t in thirds) + ")-)",
        "event_verb": alternation(words("event_verbs")),
        "to": rf"(?:\s{{1,4}}{alternation(words('to_words'))}\s{{1,4}}|\s{{0,2}}[-–—]\s{{0,2}})",
        "preposition": alternation(words("prepositions")),
        "until_word": alternation(words("until_words") | words("as_of_words") | words("to_words")),
        "as_of_word": alternation(words("as_of_words")),
        "bound_word": alternation(words("bound_words")),
        "offset_bound": alternation(words("offset_bounds")),
        # a day of the month alone, at one end of a range ("from 4 to 22 January")
        "bare_day": r"(?:the\s{1,4})?(?:(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])"
        rf"(?:{alternation(words('ordinal_suffixes'))})?|"
        + fragments(lexicon, capital)["nth_day"]
        + r")(?![\w-]|[,.][0-9])",
    }


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
    return _lasting(start, count, m["dur_unit"] or m["dur_unit_alone"], ctx)


def _lasting(
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


def _part_pattern(lexicon: Lexicon, *, named: bool, capital: bool = False) -> str:
    words = _words(lexicon, capital)
    body = "|".join(f"(?P<{p.name}>{compose(p.pattern, words)})" for p in PARTS)
    return f"(?:{body})" if named else _unnamed(f"(?:{body})")


@per_lexicon
def _part_re(lexicon: Lexicon) -> re.Pattern[str]:
    glue = _words(lexicon, False)["part_glue"]
    return re.compile(_part_pattern(lexicon, named=True) + glue, re.IGNORECASE)


def _apply_part(m: re.Match[str], span: Span, ctx: Context) -> Span:
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


# --- events ---------------------------------------------------------------------------


def _event_piece(ch: str) -> str:
    if ch == " ":
        return r"[\s\-‐‑–]{1,2}"
    return "['’]" if ch == "'" else re.escape(ch)


def _event_pattern(calendar: EventCalendar, words: dict[str, str]) -> str:
    if not list(calendar):
        return r"(?!x)x"
    return (
        rf"(?:the\s{{1,4}})?{trie(calendar, _event_piece)}(?![a-z0-9])"
        rf"(?:\s{{1,4}}{words['event_verb']})?"
    )


@per_lexicon
def _event_tail(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s{{1,4}}{_words(lexicon, False)['event_verb']}$", re.IGNORECASE)


def _read_event(text: str, ctx: Context) -> Span | None:
    when = ctx.calendar.get(event_key(_event_tail(ctx.words.lexicon).sub("", text)))
    if when is None:
        return None
    return Span(when.earliest, when.latest, when.earliest, when.latest)


# --- atoms and expressions ---------------------------------------------------------------


@per_lexicon
def _atoms(
    lexicon: Lexicon,
) -> tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], Callable[..., Span]], ...]]:
    """The part prefix and every atom, compiled for reading one expression."""
    words = _words(lexicon, False)
    atoms = tuple((re.compile(compose(r.pattern, words), re.I), r.read) for r in RULES)
    return _part_re(lexicon), atoms


def _read_base(text: str, ctx: Context, kind: str | None = None) -> Span:
    """One expression: a part of an atom or event, an atom, or an event. ``kind`` is what
    the first pass found it to be (``r12``: rule 12 of RULES), when known."""
    part_re, atoms = _atoms(ctx.words.lexicon)
    if kind is None:  # which atom it is, in one look
        whole = _atom_scanner(ctx.calendar, ctx.words.lexicon, False).fullmatch(text)
        kind = None if whole is None else whole.lastgroup
    if kind is not None and kind[0] == "r":
        pattern, read = atoms[int(kind[1:])]
        found = pattern.fullmatch(text)
        if found is not None:
            return read(found, ctx)
    elif kind == "event":
        event = _read_event(text, ctx)
        if event is not None:
            return event
    part = part_re.match(text)
    if part is not None and part.end() < len(text):
        try:
            inner: Span | None = _read_base(text[part.end() :], ctx)
        except ReferenceDateError:
            raise
        except WindowError:
            inner = None
        if inner is not None:
            try:
                return _apply_part(part, inner, ctx)
            except ReferenceDateError:
                raise
            except WindowError:
                pass  # "last week Sunday" is no last week of Sunday: try the atoms
    for pattern, read in atoms:
        m = pattern.fullmatch(text)
        if m is not None:
            return read(m, ctx)
    event = _read_event(text, ctx)
    if event is not None:
        return event
    raise WindowError("not a time expression claimrec can read", text=ctx.text)


@per_lexicon
def _yearless(lexicon: Lexicon) -> re.Pattern[str]:
    words = _words(lexicon, False)
    return re.compile(
        compose(
            r"(?:{weekday}[,.]?{space})?(?:the{space})?"
            r"(?:(?:{month})(?:{space}|[-/.]|(?<=[a-z]))(?:the{space})?(?:{day}|{nth_day})"
            r"|(?:{day}|{nth_day})(?:{space}|[-/.]|(?<=[0-9]))(?:of{space})?(?:{month})"
            r"|(?:{month})|[0-9]{1,2}[/.-][0-9]{1,2})",
            words,
        ),
        re.IGNORECASE,
    )


@per_lexicon
def _bare_day(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(_words(lexicon, False)["bare_day"], re.IGNORECASE)


def _bare_number(text: str, ctx: Context) -> int | None:
    """The day number of a bare day ("4", "the 22nd", "nineteenth"), or None."""
    if not _bare_day(ctx.words.lexicon).fullmatch(text):
        return None
    word = key(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
    digits = digit_day(ctx.words.lexicon).fullmatch(word)
    return int(digits[1]) if digits else ctx.words.day_ordinals.get(word)


def _day_in_month_of(day: date, number: int, text: str, *, not_before: date | None = None) -> date:
    """Day ``number`` of ``day``'s month (of the next month when that would be before
    ``not_before``: "Nov 28 to 3" ends on Dec 3)."""
    found = make_date(day.year, day.month, number, text)
    if not_before is not None and found < not_before:
        nxt = month_end(day) + timedelta(days=1)
        found = make_date(nxt.year, nxt.month, number, text)
    return found


def _read_pair(
    first: str, second: str, ctx: Context, kinds: tuple[str | None, str | None] = (None, None)
) -> tuple[Span, Span, bool]:
    """Both ends of "between X and Y", and whether Y carries the window past the reference.

    A bare day takes the other end's month ("from 4 to 22 January", "November 15th
    through 19th"); a yearless X shares Y's year (or the one before); a yearless Y that
    would end before a dated X is the first such day after it ("from today to October
    22")."""
    first_day, second_day = _bare_number(first, ctx), _bare_number(second, ctx)
    if first_day is not None and second_day is not None:
        raise WindowError("a range of two bare numbers is not dated", text=ctx.text)
    if second_day is not None:
        start = _read_base(first, ctx, kinds[0])
        ends = [
            _day_in_month_of(day, second_day, ctx.text, not_before=day)
            for day in (start.se, start.sl)
        ]
        return start, Span.over((ends[0], ends[0]), (ends[1], ends[1])), _beyond(ends[1], ctx)
    yearless = _yearless(ctx.words.lexicon)
    if first_day is None and not yearless.fullmatch(first) and yearless.fullmatch(second):
        start = _read_base(first, ctx, kinds[0])
        last = _read_base(second, ctx, kinds[1])
        if last.el < start.se:  # "from today to October 22": the next October 22
            last = _read_base(second, ctx.with_after(start.se), kinds[1])
        return start, last, _beyond(last.se, ctx)
    last = _read_base(second, ctx, kinds[1])
    ahead = last.ahead or _beyond(last.se, ctx)
    if first_day is not None:
        starts = [_day_in_month_of(d, first_day, ctx.text) for d in (last.se, last.sl)]
        return Span.over((starts[0], starts[0]), (starts[1], starts[1])), last, ahead
    if yearless.fullmatch(first):
        anchor = DateRange(min(last.ee, last.el), last.el)
        return _read_base(first, ctx.with_anchor(anchor), kinds[0]), last, ahead
    return _read_base(first, ctx, kinds[0]), last, ahead


def _beyond(day: date, ctx: Context) -> bool:
    """Whether ``day`` is after the reference (the text dates an end past it)."""
    return ctx.reference is not None and day > ctx.reference.latest


# --- compounds -----------------------------------------------------------------------------

CompoundReader = Callable[["_Found", Context, bool], tuple[Span, WindowKind]]


@dataclass(frozen=True, slots=True)
class Compound:
    """A compound form around expressions: its pattern and its reader."""

    name: str
    pattern: str
    read: CompoundReader


def _since(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    if m["until_end"]:
        start, end, ahead = _read_pair(
            m["since_start"], m["until_end"], ctx, m.kinds("since_start", "until_end")
        )
        until = " ".join(m["until_word"].lower().split())
        # "since X as of Y": up to some day of Y; "since X through Y": to its end
        as_of = until in ctx.words.lexicon.words("as_of_words")
        end_range = (end.se, end.el) if as_of else (end.ee, end.el)
        return Span(start.se, start.el, *end_range, ahead=ahead), "period"
    start = _read_base(m["since_start"], ctx, m.kind("since_start"))
    reference = ctx.need_reference("'since' (it runs up to the reference date)")
    return Span(start.se, start.el, reference.earliest, reference.latest), "period"


def _as_of(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    point = _read_base(m["as_of_end"], ctx, m.kind("as_of_end"))
    return Span(point.se, point.se, point.se, point.el), "point"


def _bound(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    """before X (open start, ends the day before X), until X (open start, ends in X), after X
    (from the day after X to the reference, or to an unknown end when X is later)."""
    word = key(m["bound_word"])
    x = _read_base(m["bound_end"], ctx, m.kind("bound_end"))
    if word == "after":
        start = (shift_days(x.ee, 1, ctx.text), shift_days(x.el, 1, ctx.text))
        if ctx.reference is None or x.el >= ctx.reference.earliest:
            return Span(*start, UNKNOWN_END, UNKNOWN_END, ahead=True), "period"
        return Span(*start, ctx.reference.earliest, ctx.reference.latest), "period"
    if word in ("before", "prior to"):
        ends = (shift_days(x.se, -1, ctx.text), shift_days(x.sl, -1, ctx.text))
    else:
        ends = (x.se, x.el)
    return Span(OPEN_START, OPEN_START, *ends, ahead=_beyond(ends[0], ctx)), "period"


def _qualified(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    """more than 2 weeks after today, within 2 weeks from today, less than 3 days after
    tomorrow, more than 2 days before yesterday: a bound on how far from a time"""
    more = ctx.words.lexicon.table("offset_bounds")[key(m["qualifier"])] == "more"
    found = _offset_re(ctx.words.lexicon).fullmatch(m["qualified"])
    if found is None:  # "over the past year": a plain preposition after all
        return _read_base(m["qualified"], ctx, m.kind("qualified")), "period"
    direction = key(found["direction"])
    after = direction in ("after", "from")
    base_words = ctx.words.offset_after if after else ctx.words.offset_before
    base_key = key(f"{direction} {found['base']}")
    if base_key in base_words:
        reference = ctx.need_reference(f"'{found['base']}'")
        back = base_words[base_key]
        base = Span.exact(
            shift_days(reference.earliest, -back, ctx.text),
            shift_days(reference.latest, -back, ctx.text),
        )
    else:
        base = _read_base(found["base"], ctx)
    start, last = _lasting(base.se if after else base.el, found["count"], found["unit"], ctx,
                           sign=1 if after else -1)  # fmt: skip
    if after and more:  # from N units on (or the day after), the end not said
        return Span(shift_days(last, 1, ctx.text), shift_days(last, 2, ctx.text),
                    UNKNOWN_END, UNKNOWN_END, ahead=True), "period"  # fmt: skip
    if after:  # within N units from the base on
        return Span(start, start, last, last, ahead=True), "period"
    if more:  # ending N units before the base (or the day before), the start not said
        end = shift_days(last, -1, ctx.text)
        return Span(OPEN_START, OPEN_START, shift_days(end, -1, ctx.text), end), "period"
    return Span(last, last, start, start), "period"


@per_lexicon
def _offset_re(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(
        compose(
            r"(?P<count>{number})(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit}){space}"
            r"(?P<direction>after|from|before){space}(?P<base>.+)",
            _words(lexicon, False),
        ),
        re.IGNORECASE,
    )


def _range(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    first, last, ahead = _read_pair(
        m["range_start"], m["range_end"], ctx, m.kinds("range_start", "range_end")
    )
    return Span(first.se, first.sl, last.ee, last.el, ahead=ahead), "period"


def _plain(m: _Found, ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    tail = "and_end" if m["and_end"] else "to_end"
    second = m[tail]
    if second and not drop_tail:
        first, last, ahead = _read_pair(m["expression"], second, ctx, m.kinds("expression", tail))
        return Span(first.se, first.sl, last.ee, last.el, ahead=ahead), "period"
    return _read_base(m["expression"], ctx, m.kind("expression")), "period"


COMPOUNDS: tuple[Compound, ...] = (
    Compound(
        "since",
        r"(?P<since>since){space}(?P<since_start>{anything})"
        r"(?:,?{space}(?P<until_word>{until_word}){space}(?P<until_end>{anything}))?",
        _since,
    ),
    Compound(
        "as_of",
        r"(?P<as_of_word>{as_of_word}){space}(?P<as_of_end>{anything})",
        _as_of,
    ),
    Compound(
        "range",
        r"(?P<range_word>between|from){space}(?P<range_start>{anything}|{bare_day})"
        r"(?:{space}and{space}|{to})(?P<range_end>{anything}|{bare_day})",
        _range,
    ),
    Compound(
        "qualified",
        r"(?P<qualifier>{offset_bound}){space}(?P<qualified>{anything})",
        _qualified,
    ),
    Compound(
        "bound",
        r"(?P<bound_word>{bound_word}){space}(?P<bound_end>{anything})",
        _bound,
    ),
    Compound(
        "plain",
        r"(?:(?P<preposition>{preposition}){space})?(?P<expression>{generic})"
        r"(?:{space}and{space}(?P<and_end>{generic})|{to}(?P<to_end>{generic})"
        r"|,?{space}(?P<alone>alone))?",
        _plain,
    ),
)


def _atom_alternation(
    lexicon: Lexicon, capital: bool, strengths: tuple[str, ...], *, named: bool = False
) -> str:
    """The atoms of these strengths, each behind a look at its first character (so that a
    place where it cannot begin costs one step), named ``r12`` after its row if asked."""
    words = _words(lexicon, capital)
    chosen = []
    for index, r in enumerate(RULES):
        if r.strength in strengths:
            pattern = _unnamed(compose(r.pattern, words))
            guarded = first_guard(pattern) + pattern
            chosen.append(f"(?P<r{index}>{guarded})" if named else guarded)
    return "|".join(chosen) if chosen else r"(?!x)x"


# --- the two passes --------------------------------------------------------------------
#
# The first pass finds the atoms (and the parts before them: "the end of May") with one
# alternation; the second reads the compound grammar ("since X as of Y", "between X and
# Y", "in X alone") over a skeleton of the text in which each atom found is one
# placeholder character of its strength. Both are plain regular expressions with bounded
# repetition, so reading is linear in the length of the text, and each atom's pattern is
# compiled once rather than once per place a compound may hold it.

STRONG, WEAK, DAY, INNER, EVENT = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_CLASS = {"part": STRONG, "strong": STRONG, "weak": WEAK, "day": DAY, "inner": INNER,
          "event": EVENT}  # fmt: skip


@lru_cache(maxsize=16)
def _atom_scanner(calendar: EventCalendar, lexicon: Lexicon, running_text: bool) -> re.Pattern[str]:
    """Every atom, grouped by strength; ``running_text`` asks for capitalised names where
    they are also common words. Read alone, every atom is strong."""
    words = _words(lexicon, running_text)
    event = _event_pattern(calendar, words)
    names = ("strong", "weak", "day", "inner") if running_text else ("strong",)
    if running_text:
        groups = [_atom_alternation(lexicon, True, (name,), named=True) for name in names]
        inside = [_atom_alternation(lexicon, True, (name,)) for name in names]
    else:
        every = ("strong", "weak", "day", "loose", "inner")
        groups = [_atom_alternation(lexicon, False, every, named=True)]
        inside = [_atom_alternation(lexicon, False, every)]
    part = _part_pattern(lexicon, named=False, capital=running_text)
    part = first_guard(part) + part
    everything = "|".join([*inside, event])
    body = "|".join(
        [f"(?P<part>{part}{words['part_glue']}(?:{everything}))", *groups, f"(?P<event>{event})"]
    )
    return re.compile(rf"(?<![\w])(?=[0-9A-Za-z])(?:{body})(?![a-z0-9])", re.IGNORECASE)


def _class_of(kind: str, running_text: bool) -> str:
    """The placeholder of an atom found as ``kind`` (a row ``r12``, ``part`` or ``event``)."""
    if kind[0] != "r":
        return _CLASS[kind]
    return _CLASS.get(RULES[int(kind[1:])].strength, STRONG) if running_text else STRONG


@lru_cache(maxsize=16)
def _compound_scanner(lexicon: Lexicon, running_text: bool) -> re.Pattern[str]:
    """The compound grammar over a skeleton: in running text a plain preposition takes
    a strong, weak or day atom (find_windows checks which preposition), the words of
    since / as of / between / from / before any atom."""
    words = _words(lexicon, running_text)
    if running_text:
        generic, anything = f"[{STRONG}{WEAK}{DAY}]", f"[{STRONG}{WEAK}{DAY}{INNER}{EVENT}]"
    else:
        generic = anything = f"[{STRONG}{EVENT}]"
    pieces = {**words, "generic": generic, "anything": anything}
    # Each form in a group of its own name: it closes last, so m.lastgroup names the form.
    body = "|".join(f"(?P<{c.name}_form>{compose(c.pattern, pieces)})" for c in COMPOUNDS)
    first = f"0-9A-Za-z{STRONG}{WEAK}{DAY}{INNER}{EVENT}"
    return re.compile(rf"(?<![\w])(?=[{first}])(?:{body})(?![a-z0-9])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """A text with each atom replaced by one character of its class, and the way back."""

    text: str  # the original
    skeleton: str
    positions: tuple[int, ...]  # where each atom stands in the skeleton
    shifts: tuple[int, ...]  # shifts[i]: characters the first i atoms lost
    kinds: tuple[str, ...]  # what each atom was found as

    def offset(self, k: int) -> int:
        """The offset in the original text of skeleton offset ``k``."""
        return k + self.shifts[bisect_left(self.positions, k)]

    def piece(self, m: re.Match[str], name: str) -> str | None:
        if m[name] is None:
            return None
        return self.text[self.offset(m.start(name)) : self.offset(m.end(name))]

    def kind(self, m: re.Match[str], name: str) -> str | None:
        """What the group's atom was found as, when the group is one atom."""
        start, end = m.span(name)
        if end - start != 1 or start < 0:
            return None
        index = bisect_left(self.positions, start)
        if index < len(self.positions) and self.positions[index] == start:
            return self.kinds[index]
        return None


def _skeleton(text: str, atoms: re.Pattern[str], running_text: bool) -> _Skeleton:
    parts: list[str] = []
    positions: list[int] = []
    kinds: list[str] = []
    shifts = [0]
    last = 0
    for m in atoms.finditer(text):
        start, end = m.span()
        if end == start:
            continue
        kind = m.lastgroup or "part"
        parts.append(text[last:start])
        positions.append(start - shifts[-1])
        kinds.append(kind)
        parts.append(_class_of(kind, running_text))
        shifts.append(shifts[-1] + end - start - 1)
        last = end
    parts.append(text[last:])
    return _Skeleton(text, "".join(parts), tuple(positions), tuple(shifts), tuple(kinds))


class _Found:
    """A compound match read back in the original text's words (what readers index)."""

    __slots__ = ("_m", "_sk", "lastgroup")

    def __init__(self, m: re.Match[str], sk: _Skeleton) -> None:
        self._m, self._sk, self.lastgroup = m, sk, m.lastgroup

    def __getitem__(self, name: str) -> Any:  # str, or None for a group not taken (as re.Match)
        return self._sk.piece(self._m, name)

    def kind(self, name: str) -> str | None:
        return self._sk.kind(self._m, name)

    def kinds(self, first: str, second: str) -> tuple[str | None, str | None]:
        return self.kind(first), self.kind(second)


def _interpret(m: _Found, ctx: Context, *, drop_tail: bool = False) -> Window:
    span, kind = _BY_FORM[m.lastgroup or ""].read(m, ctx, drop_tail)
    return _finish(span, kind, ctx)


_BY_FORM = {f"{c.name}_form": c for c in COMPOUNDS}


def _finish(span: Span, kind: WindowKind, ctx: Context) -> Window:
    se, sl, ee, el = span.se, span.sl, span.ee, span.el
    if ctx.reference is not None and not span.ahead and el != UNKNOWN_END:
        # A window that contains the reference day ends there ("this year" is the year
        # so far) unless the text carries it on; one that starts after it is a future
        # window, which only an explicit date or a word of the future ("next",
        # "tomorrow", "this coming") produces.
        limit = ctx.reference.latest
        if se <= limit:
            el, ee = min(el, limit), min(ee, limit)
    if se > el:
        raise WindowError("the window starts after it ends", text=ctx.text)
    # Readings that end before they start are impossible; drop them.
    sl, ee = min(sl, el), max(ee, se)
    end_earliest = None if el == UNKNOWN_END else ee
    end_latest = None if el == UNKNOWN_END else el
    if kind == "point":
        return Window(
            start_earliest=None, start_latest=None, end_earliest=end_earliest,
            end_latest=end_latest, kind="point", text=ctx.text,
        )  # fmt: skip
    open_start = se == OPEN_START
    return Window(
        start_earliest=None if open_start else se, start_latest=None if open_start else sl,
        end_earliest=end_earliest, end_latest=end_latest, kind="period", text=ctx.text,
    )  # fmt: skip


# --- public verbs -----------------------------------------------------------------------


def parse_reference(value: ReferenceLike, *, lexicon: Lexicon | None = None) -> DateRange:
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
    return _reference_text(value, lexicon_or_default(lexicon))


@lru_cache(maxsize=4096)
def _reference_text(value: str, lexicon: Lexicon) -> DateRange:
    # Cached: a claims table repeats its publication dates row after row.
    iso = DateRange.from_text(value)
    if iso is not None:
        return iso
    if "T" in value and len(value) <= 40:
        try:
            return DateRange.day(isoparse(value.strip()).date())
        except (ValueError, OverflowError):
            pass
    return _written_date(value, lexicon)


def _written_date(value: str, lexicon: Lexicon | None) -> DateRange:
    """A written date: exactly one day, month or year with nothing relative."""
    try:
        window = parse_window(value, lexicon=lexicon)
    except WindowError:
        raise WindowError("not a date", field="reference", text=value) from None
    first, last = window.start_earliest, window.end_latest
    exact = first is not None and first == window.start_latest and last == window.end_earliest
    if exact and first is not None and last is not None:
        if first == last:
            return DateRange.day(first)
        if first.day == 1 and last == month_end(first):
            return DateRange(first, last, "month")
        whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        if whole_year and first.year == last.year:
            return DateRange(first, last, "year")
    raise WindowError("not a single day, month or year", field="reference", text=value)


def _reference_or_none(reference: ReferenceLike | None, lexicon: Lexicon) -> DateRange | None:
    if reference is None:
        return None
    if isinstance(reference, str) and not reference.strip():
        return None
    try:
        return parse_reference(reference, lexicon=lexicon)
    except WindowError as error:
        raise WindowError(error.reason, field="reference", text=error.text) from None


# --- times read against another time of the sentence ---------------------------------


@dataclass(frozen=True, slots=True)
class _Shifts:
    """ "a year earlier", "the same period last year", "two days later": a shift of another
    time of the same sentence (relative_shifts of time_words.txt, and N units earlier or
    later)."""

    pattern: re.Pattern[str]
    sentence_end: re.Pattern[str]


@per_lexicon
def _shifts(lexicon: Lexicon) -> _Shifts:
    words = _words(lexicon, False)
    table = lexicon.table("relative_shifts")
    for phrase, value in table.items():
        count_unit = value.split()
        if (
            len(count_unit) != 2
            or not re.fullmatch(r"[+-]?[0-9]+", count_unit[0])
            or count_unit[1].rstrip("s") + "s" not in SHIFT_FIELDS
        ):
            raise WindowError(
                "relative_shifts: the value is a signed count and a unit ('-1 year')",
                field="lexicon",
                text=f"{phrase} = {value}",
            )
    # "the day before" / "two days after" alone, not before what they are counted from
    # ("the day before the vote" is a day before the vote)
    joiners = alternation(lexicon.words("clause_joiners"))
    directions = lexicon.numbers("offset_directions").keys()
    alone = rf"(?=\s{{0,4}}(?:[,.;:!?)]|$|{joiners}\b))"
    open_ended = [p for p in table if p.split()[-1] in ("before", "after")]
    phrases = alternation(table.keys() - set(open_ended))
    counted = compose(
        r"(?P<count>{number})(?:{space}|(?<=[0-9]))(?P<unit>{duration_unit}){space}"
        rf"(?P<direction>{alternation(directions)})" + alone,
        words,
    )
    body = rf"(?P<phrase>{phrases}|{alternation(open_ended)}{alone})|{counted}"
    return _Shifts(
        re.compile(rf"(?<![\w])(?:{body})(?![\w-])", re.IGNORECASE),
        re.compile(r"[.!?][\"”’']?\s+[A-Z]"),
    )


def _shift_of(m: re.Match[str], lexicon: Lexicon) -> dict[str, int]:
    if m["phrase"]:
        value = lexicon.table("relative_shifts")[key(m["phrase"])]
        count, unit = value.split()
        return {f"{unit.rstrip('s')}s": int(count)}
    words = time_words(lexicon)
    count = m["count"].lower()
    n = int(count) if count.isdigit() else words.counts[key(count).replace(" ", "-")]
    unit = m["unit"].lower().rstrip("s")
    sign = int(lexicon.numbers("offset_directions")[m["direction"].lower()])
    units = {"days": math.ceil(n / 24)} if unit == "hour" else {f"{unit}s": n}
    if unit == "decade":
        units = {"years": 10 * n}
    return {k: sign * v for k, v in units.items()}


def _moved(window: Window, units: dict[str, int], text: str) -> Window:
    def move(day: date | None) -> date | None:
        return None if day is None else shift_units(day, text, **units)

    return Window(
        start_earliest=move(window.start_earliest), start_latest=move(window.start_latest),
        end_earliest=move(window.end_earliest), end_latest=move(window.end_latest),
        kind=window.kind, text=text,
    )  # fmt: skip


def _read_shifts(text: str, found: list[WindowMatch], lexicon: Lexicon) -> list[WindowMatch]:
    """``found`` with the shifted times added: each is the nearest time before it in the
    same sentence (or else after it), moved; one with no such time is left out. Linear:
    both lists are in text order and the sentence ends are found once."""
    shifts = _shifts(lexicon)
    matches = list(shifts.pattern.finditer(text))
    if not matches:
        return found
    # A shift wins over a time inside it ("last year" of "the same period last year"),
    # not over one that holds it ("the year after next").
    kept: list[WindowMatch] = []
    k = 0
    for f in found:
        while k < len(matches) and matches[k].end() <= f.start:
            k += 1
        inside = k < len(matches) and matches[k].start() <= f.start and f.end <= matches[k].end()
        if not inside or (f.start, f.end) == matches[k].span():
            kept.append(f)
    ends = [m.start() for m in shifts.sentence_end.finditer(text)]

    def same_sentence(a: int, b: int) -> bool:
        index = bisect_left(ends, a)
        return index >= len(ends) or ends[index] >= b

    added = []
    j = 0  # kept[:j] end at or before the current shift
    for m in matches:
        while j < len(kept) and kept[j].end <= m.start():
            j += 1
        if j < len(kept) and kept[j].start < m.end():
            continue  # overlapped by a time read as a whole
        before = kept[j - 1] if j > 0 and same_sentence(kept[j - 1].end, m.start()) else None
        after = kept[j] if j < len(kept) and same_sentence(m.end(), kept[j].start) else None
        base = before or after
        if base is None:
            continue
        try:
            window = _moved(base.window, _shift_of(m, lexicon), m[0])
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        added.append(WindowMatch(start=m.start(), end=m.end(), text=m[0], window=window))
    return sorted(kept + added, key=lambda f: f.start)


def _unread_reason(text: str, lexicon: Lexicon) -> str:
    if _shifts(lexicon).pattern.fullmatch(text):
        return (
            "read against another time of the same sentence, not the reference date "
            "(find_windows reads it there)"
        )
    return "not a time expression claimrec can read"


_EDGE_PUNCTUATION = " \t\r\n,;:!?\"'()[]{}“”‘’"


def parse_window(
    text: str,
    reference: ReferenceLike | None = None,
    *,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> Window:
    """Read one time expression into a :class:`Window`.

    ``reference`` (a date, an ISO string, a partial date such as ``"2025"``, or
    a :class:`DateRange`) is what relative expressions are read against;
    ``calendar`` names events (default :data:`~claimrec.calendar.DEFAULT_CALENDAR`),
    ``lexicon`` the words. The text form written by ``str(window)`` is read back
    as well.

    Raises :class:`ReferenceDateError` when the expression is relative and no
    reference is given, and :class:`WindowError` when it cannot be read.
    """
    if not isinstance(text, str):
        raise WindowError("expected text", text=repr(text))
    lexicon = lexicon_or_default(lexicon)
    cal = default_calendar() if calendar is None else calendar
    return _parse_cached(text, _reference_or_none(reference, lexicon), cal, lexicon)


@lru_cache(maxsize=8192)
def _parse_cached(
    text: str, reference: DateRange | None, calendar: EventCalendar, lexicon: Lexicon
) -> Window:
    if len(text) > _MAX_EXPRESSION:
        raise WindowError("too long to be one time expression", text=text)
    cleaned = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    form = Window.from_text(cleaned)
    if form is not None:
        return form
    if not cleaned.strip("."):
        raise WindowError("empty time expression", text=text)
    atoms, compounds = _atom_scanner(calendar, lexicon, False), _compound_scanner(lexicon, False)
    found = None
    # A full stop may end the sentence or an abbreviation ("Nov."): try both.
    for candidate in dict.fromkeys((cleaned, cleaned.rstrip(". "))):
        sk = _skeleton(candidate, atoms, False)
        m = compounds.fullmatch(sk.skeleton)
        if m is None:  # the leftmost atoms did not fit: is the whole text one atom?
            whole = atoms.fullmatch(candidate)
            if whole is not None:
                kind = whole.lastgroup or "part"
                shifts = (0, len(candidate) - 1)
                sk = _Skeleton(candidate, _class_of(kind, False), (0,), shifts, (kind,))
                m = compounds.fullmatch(sk.skeleton)
        if m is not None:
            found = _Found(m, sk)
            break
    if found is None:
        raise WindowError(_unread_reason(cleaned, lexicon), text=text)
    try:
        return _interpret(found, Context(text, reference, reference, calendar, time_words(lexicon)))
    except ClaimrecError:
        raise
    except (ValueError, OverflowError, KeyError) as error:
        raise WindowError(f"cannot be read ({error})", text=text) from None


@dataclass(frozen=True, slots=True)
class _RunningText:
    """What find_windows checks around a match, compiled per lexicon."""

    weak_prepositions: frozenset[str]  # before a bare year or month
    day_prepositions: frozenset[str]  # before a bare day
    span_prepositions: frozenset[str]
    counted: re.Pattern[str]  # a match ending in a year or a range's last number
    count_noun: re.Pattern[str]  # "between 1500 and 2000 people" counts people
    future_before: re.Pattern[str]  # "next " before a match: it is in the future
    future_after: re.Pattern[str]  # " next week" after a match


@per_lexicon
def _running_text(lexicon: Lexicon) -> _RunningText:
    words = lexicon.words
    exceptions = alternation(words("not_count_nouns"))
    nouns = words("count_nouns") | lexicon.words("scale_words") | {"hundred"}
    future = alternation(words("future_words"))
    units = alternation(words("calendar_units"))
    return _RunningText(
        weak_prepositions=words("weak_prepositions"),
        day_prepositions=words("day_prepositions"),
        span_prepositions=words("span_prepositions"),
        # A match ending in a year ("2000") or in the last number of a day range ("4 to
        # 22"): when a counted noun follows ("2000 people"), the number counts it.
        counted=re.compile(
            rf"(?<![0-9,.])[0-9]{{4}}$|(?:\s(?:and|{alternation(words('to_words'))})\s{{1,4}}"
            r"|[-–])[0-9]{1,2}$"
        ),
        count_noun=re.compile(rf"\s{{1,3}}(?:(?!{exceptions}\b)[a-z]+s|{alternation(nouns)})\b"),
        future_before=re.compile(
            rf"\b{future}\s{{1,4}}(?:{units}\s{{1,4}}(?:on\s{{1,4}}|of\s{{1,4}})?)?$", re.I
        ),
        future_after=re.compile(
            rf"\s{{1,4}}(?:(?:of|in)\s{{1,4}})?{future}\s{{1,4}}{units}\b", re.I
        ),
    )


def find_windows(
    text: str,
    reference: ReferenceLike | None = None,
    *,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
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
    lexicon = lexicon_or_default(lexicon)
    ref = _reference_or_none(reference, lexicon)
    cal = default_calendar() if calendar is None else calendar
    atoms, compounds = _atom_scanner(cal, lexicon, True), _compound_scanner(lexicon, True)
    rules, words = _running_text(lexicon), time_words(lexicon)
    sk = _skeleton(text, atoms, True)
    skeleton = sk.skeleton
    found: list[WindowMatch] = []
    position = 0
    while (m := compounds.search(skeleton, position)) is not None:
        position = m.end()
        prep = (m["preposition"] or "").lower()
        expression = m["expression"]
        if (expression == WEAK and prep not in rules.weak_prepositions) or (
            expression == DAY and prep not in rules.day_prepositions
        ):
            # A bare year, month or day needs a preposition: look again just after this
            # start, where a shorter expression may begin.
            position = m.start() + 1
            continue
        # "on Thursday and Friday" is not a span; only in/during/throughout X and Y are.
        drop_tail = bool(m["and_end"]) and prep not in rules.span_prepositions
        if drop_tail:
            position = m.end("expression")
        start, end = sk.offset(m.start()), sk.offset(position)
        counted = rules.counted.search(text, start, end)
        if counted and rules.count_noun.match(text, end):
            before = text[start : counted.start()].split()
            dated = bool(before) and before[-1].lower().rstrip(".,") in words.months
            # "in 2020 sales rose" is a year; "between 1500 and 2000 people", "from 4 to
            # 22 people", "for 2000 people" count
            year_in = (
                prep in rules.span_prepositions
                and expression is not None
                and not (m["and_end"] or m["to_end"])
            )
            if not (dated or year_in):
                continue
        context = Context(text[start:end], ref, ref, cal, words)
        try:
            window = _interpret(_Found(m, sk), context, drop_tail=drop_tail)
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        # A time the words around it mark as future ("next, on Friday", "4-23 in next
        # month") that the grammar did not read as one is never a past window: refused.
        if (
            ref is not None
            and window.end_latest is not None
            and window.end_latest < ref.earliest
            and (
                rules.future_before.search(text[max(0, start - 24) : start])
                or rules.future_after.match(text, end)
            )
        ):
            continue
        found.append(WindowMatch(start=start, end=end, text=text[start:end], window=window))
    return _read_shifts(text, found, lexicon)


def clear_caches() -> None:
    """Forget cached parses (for benchmarks; results never depend on the cache)."""
    _parse_cached.cache_clear()
    _reference_text.cache_clear()
