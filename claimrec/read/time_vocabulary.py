"""The time vocabulary of a lexicon as lookups (:class:`TimeWords`, from
time_words.txt and dates.txt), and the folding its keys are written in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from claimrec._text import alternation, fold_quotes
from claimrec.calendar import (
    make_date,
)
from claimrec.errors import WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.tokens import number_words


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
