"""Time windows in text: ``parse_window`` for one expression, ``find_windows`` for
running text, ``parse_reference`` for publication dates.

The atoms ("Nov. 6", "the past year", "Q3 2024") are the rule table of
:mod:`claimrec.read.time_rules`. This module composes them, in two more
tables of the same shape:

* :data:`~claimrec.read.time_parts.PARTS` — parts of a period before an
  expression ("the end of", "early", "the second half of", "the week to");
* :data:`~claimrec.read.time_compounds.COMPOUNDS` — "since X[, as of Y]", "as of
  / by X", "between X and Y" / "from X to Y", and a plain expression with a
  preposition ("in 2024", "on Thursday and Friday", "2019 to 2021", "in 2024
  alone").

Relative expressions are read against a reference date (usually the
publication date), which may itself be known only to the month or the year;
its uncertainty is carried into the window. Nothing is ever read against
today's date. Every pattern has bounded repetition, so scanning is linear in
the length of the text. See ``docs/windows.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil.parser import isoparse

from claimrec._text import alternation
from claimrec.calendar import (
    DateRange,
    EventCalendar,
    default_calendar,
    month_end,
)
from claimrec.errors import ClaimrecError, WindowError
from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon
from claimrec.read.time_compounds import compound_scanner, interpret
from claimrec.read.time_index import atom_index
from claimrec.read.time_rules import RULES
from claimrec.read.time_scan import (
    DAY,
    WEAK,
    Found,
    Skeleton,
    atom_scanner,
    class_of,
    skeleton_of,
)
from claimrec.read.time_shifts import future_clause, read_shifts, unread_reason
from claimrec.read.time_span import Context
from claimrec.read.time_vocabulary import TimeWords, time_words
from claimrec.window import ReferenceLike, Window, WindowMatch

__all__ = ["clear_caches", "find_windows", "parse_reference", "parse_window", "read_expression"]


# Longer text cannot be one time expression; refusing it early keeps the
# parser's cache and error messages small.
_MAX_EXPRESSION = 300
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
    read = read_expression(text, calendar, lexicon)
    if isinstance(read, Window):
        return read
    try:
        return interpret(read, Context(text, reference, reference, calendar, time_words(lexicon)))
    except ClaimrecError:
        raise
    except (ValueError, OverflowError, KeyError) as error:
        raise WindowError(f"cannot be read ({error})", text=text) from None


def read_expression(text: str, calendar: EventCalendar, lexicon: Lexicon) -> Window | Found:
    """The steps of :func:`parse_window` that need no reference date: the window a text
    form writes, or the compound match of the whole expression (then read against the
    reference by ``interpret``). Raises :class:`WindowError` when it is neither."""
    if len(text) > _MAX_EXPRESSION:
        raise WindowError("too long to be one time expression", text=text)
    cleaned = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    form = Window.from_text(cleaned)
    if form is not None:
        return form
    if not cleaned.strip("."):
        raise WindowError("empty time expression", text=text)
    # The index finds the scanner's own atoms, trying at each place only those that may
    # begin there (several times faster); the whole scanner answers "one atom?".
    atoms, compounds = atom_index(calendar, lexicon, False), compound_scanner(lexicon, False)
    # A full stop may end the sentence or an abbreviation ("Nov."): try both.
    for candidate in dict.fromkeys((cleaned, cleaned.rstrip(". "))):
        sk = skeleton_of(candidate, atoms, False)
        m = compounds.fullmatch(sk.skeleton)
        if m is None:  # the leftmost atoms did not fit: is the whole text one atom?
            whole = atom_scanner(calendar, lexicon, False).fullmatch(candidate)
            if whole is not None:
                kind = whole.lastgroup or "part"
                shifts = (0, len(candidate) - 1)
                sk = Skeleton(candidate, class_of(kind, False), (0,), shifts, (kind,))
                m = compounds.fullmatch(sk.skeleton)
        if m is not None:
            return Found(m, sk)
    raise WindowError(unread_reason(cleaned, lexicon), text=text)


@dataclass(frozen=True, slots=True)
class _RunningText:
    """What find_windows checks around a match, compiled per lexicon."""

    weak_prepositions: frozenset[str]  # before a bare year or month
    day_prepositions: frozenset[str]  # before a bare day
    span_prepositions: frozenset[str]
    clock_prepositions: frozenset[str]  # before a time of day ("at 4.22")
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
        clock_prepositions=words("clock_prepositions"),
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


def _needs_future(m: re.Match[str], sk: Skeleton, text: str, lexicon: Lexicon) -> bool:
    """Whether the expression is an atom of the future tense ("in 3 weeks") in a clause
    not of the future tense ("the highest in 3 weeks", "rose in 3 weeks")."""
    kind = sk.kind(m, "expression")
    if kind is None or kind[0] != "r" or RULES[int(kind[1:])].strength != "future":
        return False
    return not future_clause(text, sk.offset(m.start()), lexicon)


def _clock_time(m: re.Match[str], sk: Skeleton, prep: str, rules: _RunningText) -> bool:
    """ "at 4.22" is a time of day, not April 22: a bare day with a full stop after a
    clock preposition."""
    if prep not in rules.clock_prepositions or m["expression"] != DAY:
        return False
    return "." in (sk.piece(m, "expression") or "")


def _counts_something(
    m: re.Match[str],
    text: str,
    start: int,
    end: int,
    prep: str,
    rules: _RunningText,
    words: TimeWords,
) -> bool:
    """Whether the match's last number counts the noun after it ("2000 people")."""
    counted = rules.counted.search(text, start, end)
    if not counted or not rules.count_noun.match(text, end):
        return False
    before = text[start : counted.start()].split()
    dated = bool(before) and before[-1].lower().rstrip(".,") in words.months
    # "in 2020 sales rose" is a year; "between 1500 and 2000 people", "from 4 to
    # 22 people", "for 2000 people" count
    year_in = (
        prep in rules.span_prepositions
        and m["expression"] is not None
        and not (m["and_end"] or m["to_end"])
    )
    return not (dated or year_in)


def _marked_future(
    window: Window, ref: DateRange | None, text: str, start: int, end: int, rules: _RunningText
) -> bool:
    """A time the words around it mark as future ("next, on Friday", "4-23 in next
    month") that the grammar did not read as one: never a past window."""
    return (
        ref is not None
        and window.end_latest is not None
        and window.end_latest < ref.earliest
        and bool(
            rules.future_before.search(text[max(0, start - 24) : start])
            or rules.future_after.match(text, end)
        )
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
    atoms, compounds = atom_index(cal, lexicon, True), compound_scanner(lexicon, True)
    rules, words = _running_text(lexicon), time_words(lexicon)
    sk = skeleton_of(text, atoms, True)
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
        if _needs_future(m, sk, text, lexicon) or _clock_time(m, sk, prep, rules):
            continue
        # "on Thursday and Friday" is not a span; only in/during/throughout X and Y are.
        drop_tail = bool(m["and_end"]) and prep not in rules.span_prepositions
        if drop_tail:
            position = m.end("expression")
        start, end = sk.offset(m.start()), sk.offset(position)
        if _counts_something(m, text, start, end, prep, rules, words):
            continue
        context = Context(text[start:end], ref, ref, cal, words)
        try:
            window = interpret(Found(m, sk), context, drop_tail=drop_tail)
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        if _marked_future(window, ref, text, start, end, rules):
            continue
        found.append(WindowMatch(start=start, end=end, text=text[start:end], window=window))
    return read_shifts(text, found, lexicon, ref)


def clear_caches() -> None:
    """Forget cached parses (for benchmarks; results never depend on the cache)."""
    _parse_cached.cache_clear()
    _reference_text.cache_clear()
