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

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil.parser import isoparse

from claimrec._text import alternation
from claimrec.calendar import DateRange, EventCalendar, default_calendar, event_key, month_end
from claimrec.errors import ClaimrecError, ReferenceDateError, WindowError
from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon
from claimrec.read.time_rules import (
    RULES,
    Context,
    Span,
    compose,
    fragments,
    months_of_year,
    shift_days,
    time_words,
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
    }


# --- parts of a period -----------------------------------------------------------------

PartReader = Callable[[re.Match[str], date, date, Context], tuple[date, date]]


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a period written before it: its pattern and what it keeps of (start, end)."""

    name: str
    pattern: str
    read: PartReader


def _ordinal_part(m: re.Match[str], start: date, end: date, ctx: Context) -> tuple[date, date]:
    if (start.month, start.day) != (1, 1):
        raise WindowError("a quarter or half is of a year", text=ctx.text)
    word, words = m["part_ordinal"].lower(), ctx.words
    size = 3 if m["part_unit"].lower() == "quarter" else 6
    n = (12 // size) if word in words.last_part_words else words.ordinals[word]
    if size == 6 and n > 2:
        raise WindowError("a year has two halves", text=ctx.text)
    return months_of_year(start.year, size * (n - 1) + 1, size * n)


def _edge_part(m: re.Match[str], start: date, end: date, ctx: Context) -> tuple[date, date]:
    edge = ctx.words.edges[m["edge"].lower()]
    if edge == "middle":
        return _thirds(start, end, 2, ctx)
    return (end, end) if edge == "end" else (start, start)


def _third_part(m: re.Match[str], start: date, end: date, ctx: Context) -> tuple[date, date]:
    return _thirds(start, end, ctx.words.thirds[m["third"].lower()], ctx)


def _week_to(m: re.Match[str], start: date, end: date, ctx: Context) -> tuple[date, date]:
    return shift_days(end, -6, ctx.text), end  # seven days ending on the day


def _thirds(start: date, end: date, which: int, ctx: Context) -> tuple[date, date]:
    """Early (1), mid (2) or late (3) part of a year (by months) or a month (by days)."""
    if (start.month, start.day) == (1, 1) and end <= date(start.year, 12, 31):
        return months_of_year(start.year, 4 * which - 3, 4 * which)
    if start.day == 1 and end <= month_end(start):
        last = month_end(start)
        first_day = start.replace(day=10 * (which - 1) + 1)
        return first_day, last if which == 3 else start.replace(day=10 * which)
    raise WindowError("early, mid and late apply to a year or a month", text=ctx.text)


PARTS: tuple[Part, ...] = (
    Part(
        "ordinal_part",
        r"(?:the\s{1,4})?(?P<part_ordinal>{part_ordinal})[\s-]{1,4}(?P<part_unit>quarter|half)"
        r"(?:\s{1,4}of)?",
        _ordinal_part,
    ),
    Part("edge_part", r"(?:the\s{1,4})?(?P<edge>{edge})\s{1,4}of", _edge_part),
    Part("third_part", r"(?P<third>{third})", _third_part),
    Part("week_to_part", r"(?:the\s{1,4})?week\s{1,4}{week_to}", _week_to),
)


def _part_pattern(lexicon: Lexicon, *, named: bool) -> str:
    words = _words(lexicon, False)
    body = "|".join(f"(?P<{p.name}>{compose(p.pattern, words)})" for p in PARTS)
    return f"(?:{body})" if named else _unnamed(f"(?:{body})")


@per_lexicon
def _part_re(lexicon: Lexicon) -> re.Pattern[str]:
    glue = _words(lexicon, False)["part_glue"]
    return re.compile(_part_pattern(lexicon, named=True) + glue, re.IGNORECASE)


def _apply_part(m: re.Match[str], span: Span, ctx: Context) -> Span:
    part = next(p for p in PARTS if m[p.name] is not None)
    (s1, e1), (s2, e2) = (part.read(m, start, end, ctx) for start, end in span.readings())
    return Span(min(s1, s2), max(s1, s2), min(e1, e2), max(e1, e2))


# --- events ---------------------------------------------------------------------------


def _event_pattern(calendar: EventCalendar, words: dict[str, str]) -> str:
    alternatives = []
    for key in sorted(calendar, key=lambda k: (-len(k), k)):
        parts = [re.escape(word).replace("'", "['’]") for word in key.split(" ")]
        alternatives.append(r"[\s\-‐‑–]{1,2}".join(parts))
    if not alternatives:
        return r"(?!x)x"
    return (
        rf"(?:the\s{{1,4}})?(?:{'|'.join(alternatives)})(?![a-z0-9])"
        rf"(?:\s{{1,4}}{words['event_verb']})?"
    )


@per_lexicon
def _event_tail(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\s{{1,4}}{_words(lexicon, False)['event_verb']}$", re.IGNORECASE)


def _read_event(text: str, ctx: Context) -> Span | None:
    key = event_key(_event_tail(ctx.words.lexicon).sub("", text))
    when = ctx.calendar.get(key)
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


def _read_base(text: str, ctx: Context) -> Span:
    """One expression: a part of an atom or event, an atom, or an event."""
    part_re, atoms = _atoms(ctx.words.lexicon)
    part = part_re.match(text)
    if part is not None and part.end() < len(text):
        try:
            inner: Span | None = _read_base(text[part.end() :], ctx)
        except ReferenceDateError:
            raise
        except WindowError:
            inner = None
        if inner is not None:
            return _apply_part(part, inner, ctx)
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
            r"(?:{weekday},?{space})?(?:the{space})?"
            r"(?:(?:{month}){space}[0-9]{1,2}{ordinal_suffix}?"
            r"|[0-9]{1,2}{ordinal_suffix}?{space}(?:of{space})?(?:{month})|(?:{month}))",
            words,
        ),
        re.IGNORECASE,
    )


def _read_pair(first: str, second: str, ctx: Context) -> tuple[Span, Span]:
    """Both ends of "between X and Y": a yearless X shares Y's year (or the one before)."""
    last = _read_base(second, ctx)
    if _yearless(ctx.words.lexicon).fullmatch(first):
        anchor = DateRange(min(last.ee, last.el), last.el)
        return _read_base(first, ctx.with_anchor(anchor)), last
    return _read_base(first, ctx), last


# --- compounds -----------------------------------------------------------------------------

CompoundReader = Callable[[re.Match[str], Context, bool], tuple[Span, WindowKind]]


@dataclass(frozen=True, slots=True)
class Compound:
    """A compound form around expressions: its pattern and its reader."""

    name: str
    pattern: str
    read: CompoundReader


def _since(m: re.Match[str], ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    if m["until_end"]:
        start, end = _read_pair(m["since_start"], m["until_end"], ctx)
        until = " ".join(m["until_word"].lower().split())
        # "since X as of Y": up to some day of Y; "since X through Y": to its end
        as_of = until in ctx.words.lexicon.words("as_of_words")
        end_range = (end.se, end.el) if as_of else (end.ee, end.el)
    else:
        start = _read_base(m["since_start"], ctx)
        reference = ctx.need_reference("'since' (it runs up to the reference date)")
        end_range = (reference.earliest, reference.latest)
    return Span(start.se, start.el, *end_range), "period"


def _as_of(m: re.Match[str], ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    point = _read_base(m["as_of_end"], ctx)
    return Span(point.se, point.se, point.se, point.el), "point"


def _range(m: re.Match[str], ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    first, last = _read_pair(m["range_start"], m["range_end"], ctx)
    return Span(first.se, first.sl, last.ee, last.el), "period"


def _plain(m: re.Match[str], ctx: Context, drop_tail: bool) -> tuple[Span, WindowKind]:
    second = m["and_end"] or m["to_end"]
    if second and not drop_tail:
        first, last = _read_pair(m["expression"], second, ctx)
        return Span(first.se, first.sl, last.ee, last.el), "period"
    return _read_base(m["expression"], ctx), "period"


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
        r"(?P<range_word>between|from){space}(?P<range_start>{anything})"
        r"(?:{space}and{space}|{to})(?P<range_end>{anything})",
        _range,
    ),
    Compound(
        "plain",
        r"(?:(?P<preposition>{preposition}){space})?(?P<expression>{generic})"
        r"(?:{space}and{space}(?P<and_end>{generic})|{to}(?P<to_end>{generic})"
        r"|,?{space}(?P<alone>alone))?",
        _plain,
    ),
)


def _atom_alternation(lexicon: Lexicon, capital: bool, strengths: tuple[str, ...]) -> str:
    words = _words(lexicon, capital)
    chosen = [_unnamed(compose(r.pattern, words)) for r in RULES if r.strength in strengths]
    return "|".join(chosen) if chosen else r"(?!x)x"


@lru_cache(maxsize=16)
def _scanner(calendar: EventCalendar, lexicon: Lexicon, running_text: bool) -> re.Pattern[str]:
    """The compound grammar, as one pattern; ``running_text`` asks for capitalised
    names and keeps bare years and months apart (they need a preposition)."""
    words = _words(lexicon, running_text)
    event = _event_pattern(calendar, words)
    if running_text:
        strong = _atom_alternation(lexicon, True, ("strong",))
        weak = _atom_alternation(lexicon, True, ("weak",))
    else:
        strong = _atom_alternation(lexicon, False, ("strong", "weak", "loose")) + "|" + event
        weak = r"(?!x)x"
    part = _part_pattern(lexicon, named=False)
    strong = f"(?:{part}{words['part_glue']}(?:{strong}|{weak}|{event})|{strong})"
    pieces = {
        **words,
        "generic": f"(?:{strong}|{weak})",  # after a plain preposition
        "anything": f"(?:{strong}|{weak}|{event})",  # after since / as of / by / between / from
    }
    # Each form in a group of its own name: it closes last, so m.lastgroup names the form.
    body = "|".join(f"(?P<{c.name}_form>{compose(c.pattern, pieces)})" for c in COMPOUNDS)
    return re.compile(rf"(?<![\w])(?=[0-9A-Za-z])(?:{body})(?![a-z0-9])", re.IGNORECASE)


_BY_FORM = {f"{c.name}_form": c for c in COMPOUNDS}


def _interpret(m: re.Match[str], ctx: Context, *, drop_tail: bool = False) -> Window:
    span, kind = _BY_FORM[m.lastgroup or ""].read(m, ctx, drop_tail)
    return _finish(span, kind, ctx)


def _finish(span: Span, kind: WindowKind, ctx: Context) -> Window:
    se, sl, ee, el = span.se, span.sl, span.ee, span.el
    if ctx.reference is not None:
        # No window reaches past its reference day.
        limit = ctx.reference.latest
        if se > limit:
            raise WindowError("the window starts after the reference date", text=ctx.text)
        el, ee = min(el, limit), min(ee, limit)
    if se > el:
        raise WindowError("the window starts after it ends", text=ctx.text)
    # Readings that end before they start are impossible; drop them.
    sl, ee = min(sl, el), max(ee, se)
    if kind == "point":
        return Window(
            start_earliest=None, start_latest=None, end_earliest=ee, end_latest=el,
            kind="point", text=ctx.text,
        )  # fmt: skip
    return Window(
        start_earliest=se, start_latest=sl, end_earliest=ee, end_latest=el, kind="period",
        text=ctx.text,
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
    scanner = _scanner(calendar, lexicon, False)
    # A full stop may end the sentence or an abbreviation ("Nov."): try both.
    m = scanner.fullmatch(cleaned) or scanner.fullmatch(cleaned.rstrip(". "))
    if m is None:
        raise WindowError("not a time expression claimrec can read", text=text)
    try:
        return _interpret(m, Context(text, reference, reference, calendar, time_words(lexicon)))
    except ClaimrecError:
        raise
    except (ValueError, OverflowError, KeyError) as error:
        raise WindowError(f"cannot be read ({error})", text=text) from None


@dataclass(frozen=True, slots=True)
class _RunningText:
    """What find_windows checks around a match, compiled per lexicon."""

    weak: re.Pattern[str]  # a bare year or month, which needs a preposition
    weak_prepositions: frozenset[str]
    span_prepositions: frozenset[str]
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
        weak=re.compile(_atom_alternation(lexicon, True, ("weak",)), re.IGNORECASE),
        weak_prepositions=words("weak_prepositions"),
        span_prepositions=words("span_prepositions"),
        count_noun=re.compile(rf"\s{{1,3}}(?:(?!{exceptions}\b)[a-z]+s|{alternation(nouns)})\b"),
        future_before=re.compile(
            rf"\b{future}\s{{1,4}}(?:{units}\s{{1,4}}(?:on\s{{1,4}}|of\s{{1,4}})?)?$", re.I
        ),
        future_after=re.compile(rf"\s{{1,4}}(?:of\s{{1,4}})?{future}\s{{1,4}}{units}\b", re.I),
    )


_ENDS_WITH_YEAR = re.compile(r"(?<![0-9,.])[0-9]{4}$")


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
    scanner, rules = _scanner(cal, lexicon, True), _running_text(lexicon)
    words = time_words(lexicon)
    found: list[WindowMatch] = []
    position = 0
    while (m := scanner.search(text, position)) is not None:
        start, end = m.start(), m.end()
        position = end
        prep = (m["preposition"] or "").lower()
        bare = m["expression"] is not None and prep not in rules.weak_prepositions
        if bare and rules.weak.fullmatch(m["expression"]):
            # A bare year or month needs a preposition: look again just after
            # this start, where a shorter expression may begin.
            position = start + 1
            continue
        # "on Thursday and Friday" is not a span; only in/during/throughout X and Y are.
        drop_tail = bool(m["and_end"]) and prep not in rules.span_prepositions
        if drop_tail:
            end = position = m.end("expression")
        if _ENDS_WITH_YEAR.search(text, start, end) and rules.count_noun.match(text, end):
            continue
        # A future-marked day ("next Sunday", "Friday next week") is never read as a
        # past day: refused.
        named_day = text[start:end].split()[-1].lower().rstrip(".,") in words.weekdays
        if named_day and (
            rules.future_before.search(text[max(0, start - 24) : start])
            or rules.future_after.match(text, end)
        ):
            continue
        context = Context(text[start:end], ref, ref, cal, words)
        try:
            window = _interpret(m, context, drop_tail=drop_tail)
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        found.append(WindowMatch(start=start, end=end, text=text[start:end], window=window))
    return found


def clear_caches() -> None:
    """Forget cached parses (for benchmarks; results never depend on the cache)."""
    _parse_cached.cache_clear()
    _reference_text.cache_clear()
