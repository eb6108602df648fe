"""Small operations the window binder does on windows, dates and figures: a window
read as a point or a period, the day of an event, whether one window lies inside
another, how a figure is written again. No reading of text happens here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimrec.calendar import DateRange
from claimrec.errors import ClaimrecError
from claimrec.read.binding_words import BindingWords
from claimrec.read.figures import FigureMatch
from claimrec.units import dimension_text, unit_text
from claimrec.window import Window, WindowMatch

__all__ = [
    "DatedEvent",
    "after_event",
    "at",
    "between",
    "covers",
    "inside",
    "is_duration",
    "joined",
    "months_later",
    "one_day",
    "period",
    "ranged",
    "repeat_key",
    "shifted",
    "significant",
    "since_event",
    "singular",
    "within",
]


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """An event the page dates: its noun, what its figures count, and its date."""

    position: int
    noun: str
    kind: str  # "day" | "disaster" | "ongoing" (binding.txt)
    match: WindowMatch
    named: bool = True  # the text ties the time to the event ("Saturday's rally")


def singular(noun: str) -> str:
    noun = noun.lower()
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def one_day(window: Window) -> date | None:
    """The day of a window that covers at most two days (an event's day)."""
    first = window.start_earliest or window.end_earliest
    last = window.end_latest
    if first is None or last is None or (last - first).days > 1:
        return None
    return window.end_earliest


def at(window: Window, text: str) -> Window:
    """A total standing at the window's date: "In February" read as a point."""
    if window.end_earliest is None or window.end_latest is None:
        return window
    return Window(
        start_earliest=None,
        start_latest=None,
        end_earliest=window.start_earliest or window.end_earliest,
        end_latest=window.end_latest,
        kind="point",
        text=text,
    )


def is_duration(figure: FigureMatch) -> bool:
    unit = figure.value.unit
    try:
        return unit is not None and dimension_text(unit) == "[time]"
    except (AttributeError, TypeError, ValueError):
        return False


def shifted(day: date | None, shift: timedelta) -> date | None:
    return None if day is None else day + shift


def months_later(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def ranged(window: Window) -> bool:
    """A period with a stated start, longer than a day or two ("since April 15")."""
    if window.kind != "period" or window.start_latest is None or window.end_earliest is None:
        return False
    return (window.end_earliest - window.start_latest).days > 1


def within(marks: list[int], start: int, end: int) -> list[int]:
    """The sorted positions in [start, end)."""
    return marks[bisect.bisect_left(marks, start) : bisect.bisect_left(marks, end)]


def repeat_key(figure: FigureMatch) -> tuple[float, str] | None:
    stated = figure.value.stated
    if stated is None or is_duration(figure):
        return None
    return float(stated), unit_text(figure.value.unit)


def significant(figure: FigureMatch) -> int:
    """Significant digits of the figure's number: 406 has 3, 35,000 has 2."""
    stated = figure.value.stated
    if stated is None:
        return 0
    digits = f"{abs(float(stated)):.6f}".replace(".", "").strip("0")
    return len(digits)


def joined(since: WindowMatch, point: WindowMatch) -> Window | None:
    s, p = since.window, point.window
    if s.start_earliest is None or s.start_latest is None or p.end_earliest is None:
        return None
    try:
        return period(
            s.start_earliest,
            s.start_latest,
            p.end_earliest,
            p.end_latest,
            f"{since.text} … {point.text}",
        )
    except ClaimrecError:
        return None


def period(
    start_earliest: date, start_latest: date, end_earliest: date, end_latest: date | None, text: str
) -> Window:
    return Window(
        start_earliest=start_earliest,
        start_latest=start_latest,
        end_earliest=end_earliest,
        end_latest=end_latest,
        kind="period",
        text=text,
    )


def inside(inner: Window, outer: Window) -> bool:
    """``inner`` is a strictly narrower period within ``outer``."""
    if inner.kind != "period" or outer.kind != "period":
        return False
    ends = (inner.start_earliest, inner.end_latest, outer.start_earliest, outer.end_latest)
    if any(e is None for e in ends):
        return False
    a, b, c, d = ends
    assert a is not None and b is not None and c is not None and d is not None
    ranged = (
        inner.start_latest is not None
        and inner.end_earliest is not None
        and (inner.start_latest < inner.end_earliest)
    )
    return ranged and c <= a and b <= d and (a, b) != (c, d)


def covers(outer: WindowMatch, inner: WindowMatch) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def between(text: str, m: re.Match[str], w: WindowMatch) -> str:
    return text[m.end() : w.start] if m.end() <= w.start else text[w.end : m.start()]


def since_event(event: Window, text: str, reference: DateRange | None) -> Window | None:
    """The period from an event's start to the reference: "since the war began"."""
    first = (event.start_earliest, event.start_latest)
    if first[0] is None:
        first = (event.end_earliest, event.end_latest)
    if first[0] is None or first[1] is None or reference is None:
        return None
    try:
        return period(first[0], first[1], reference.earliest, reference.latest, text)
    except ClaimrecError:
        return None


def after_event(
    event: Window, m: re.Match[str], reference: DateRange | None, words: BindingWords
) -> Window | None:
    """The period a "since …" or "in the first N hours after …" reference names."""
    if m["unit"] is None:
        return since_event(event, m.group(), reference)
    day = event.start_earliest or event.end_earliest
    if day is None:
        return None
    unit = words.after_units.get(m["unit"].lower(), "")
    count = m["count2"] or m["count"]
    n = int(count) if count.isdigit() else words.numbers.get(count.lower(), 0)
    if unit == "hour":
        end = day + timedelta(days=(n + 23) // 24 if n else 0)
    elif n and unit in ("day", "week"):
        end = day + timedelta(days=n * (7 if unit == "week" else 1))
    elif n and unit == "month":
        end = months_later(day, n)
    else:
        return None
    try:
        return period(day, day, end, end, m.group())
    except ClaimrecError:
        return None
