"""Times read against another time of the same sentence: "a year earlier", "the
same period last year", "two days later" (relative_shifts of time_words.txt)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from claimrec._text import alternation
from claimrec.calendar import DateRange
from claimrec.errors import ClaimrecError, WindowError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.time_beginnings import guard, prefixes
from claimrec.read.time_fragments import compose, expression_fragments
from claimrec.read.time_relative import count_unit_pattern
from claimrec.read.time_span import shift_units
from claimrec.read.time_vocabulary import SHIFT_FIELDS, key, time_words
from claimrec.window import Window, WindowMatch

# --- times read against another time of the sentence ---------------------------------


@dataclass(frozen=True, slots=True)
class _Shifts:
    """ "a year earlier", "the same period last year", "two days later": a shift of another
    time of the same sentence (relative_shifts of time_words.txt, and N units earlier or
    later)."""

    pattern: re.Pattern[str]
    sentence_end: re.Pattern[str]
    future: re.Pattern[str]  # a word of the future tense (future_markers)
    superlative: re.Pattern[str]  # "the biggest … in 5 years" counts back (superlatives)


@per_lexicon
def _shifts(lexicon: Lexicon) -> _Shifts:
    words = expression_fragments(lexicon, False)
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
        r"(?P<counts>{number}(?:{space}|(?<=[0-9])){duration_unit}"
        r"(?:,?{space}(?:and{space})?{number}(?:{space}|(?<=[0-9])){duration_unit}){0,3})"
        rf"{{space}}(?P<direction>{alternation(directions)})" + alone,
        words,
    )
    body = rf"(?P<phrase>{phrases}|{alternation(open_ended)}{alone})|{counted}"
    # At a word start, a look at what a shift may begin with fails in a step where none
    # does (the whole body is tried only where one may).
    ahead = guard([prefixes(body)])
    return _Shifts(
        re.compile(rf"(?<![\w]){ahead}(?:{body})(?![\w-])", re.IGNORECASE),
        re.compile(r"[.!?][\"”’']?\s+[A-Z]"),
        _future_pattern(lexicon.words("future_markers")),
        re.compile(rf"\b(?:{alternation(lexicon.words('superlatives'))})\b", re.I),
    )


def _future_pattern(markers: frozenset[str]) -> re.Pattern[str]:
    # "'ll" is the end of a word ("I'll"); the other markers are words of their own
    suffixes = [w for w in markers if w[0] in "'’"]
    words = alternation(markers - set(suffixes))
    ends = f"|{alternation(suffixes)}" if suffixes else ""
    return re.compile(rf"(?:(?<![\w'’]){words}{ends})(?![\w'’])", re.I)


def future_clause(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether a word of the future tense ("will", "'ll", "going to") stands before
    ``start`` in its sentence, and no superlative ("the biggest gain in 5 years", "the
    first time in a decade": a span counted back)."""
    before = text[max(0, start - 160) : start]
    cut = max(before.rfind(ch) for ch in ".!?;") + 1
    shifts = _shifts(lexicon)
    return bool(shifts.future.search(before, cut)) and not shifts.superlative.search(before, cut)


def _from_reference(
    m: re.Match[str], units: dict[str, int], ref: DateRange | None, lexicon: Lexicon
) -> Window | None:
    """The reference day, for a later-shift with no other time in its sentence in a clause
    of the future tense ("I'll be back two days later": two days from now); else None."""
    if ref is None or not units or min(units.values()) <= 0:
        return None
    if not future_clause(m.string, m.start(), lexicon):
        return None
    return Window(
        start_earliest=ref.earliest, start_latest=ref.latest, end_earliest=ref.earliest,
        end_latest=ref.latest, kind="period", text=m[0],
    )  # fmt: skip


def _shift_of(m: re.Match[str], lexicon: Lexicon) -> dict[str, int]:
    if m["phrase"]:
        value = lexicon.table("relative_shifts")[key(m["phrase"])]
        count, unit = value.split()
        return {f"{unit.rstrip('s')}s": int(count)}
    sign = int(lexicon.numbers("offset_directions")[m["direction"].lower()])
    units: dict[str, int] = {}
    for count, unit in count_unit_pattern(lexicon).findall(re.sub(r"\band\b|,", " ", m["counts"])):
        for name, n in _unit_shift(count, unit, lexicon).items():
            units[name] = units.get(name, 0) + n
    return {k: sign * v for k, v in units.items()}


def _unit_shift(count: str, unit: str, lexicon: Lexicon) -> dict[str, int]:
    words = time_words(lexicon)
    count = count.lower()
    n = int(count) if count.isdigit() else words.counts[key(count).replace(" ", "-")]
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return {"days": math.ceil(n / 24)}
    return {"years": 10 * n} if unit == "decade" else {f"{unit}s": n}


def _moved(window: Window, units: dict[str, int], text: str) -> Window:
    def move(day: date | None) -> date | None:
        return None if day is None else shift_units(day, text, **units)

    return Window(
        start_earliest=move(window.start_earliest), start_latest=move(window.start_latest),
        end_earliest=move(window.end_earliest), end_latest=move(window.end_latest),
        kind=window.kind, text=text,
    )  # fmt: skip


def read_shifts(
    text: str, found: list[WindowMatch], lexicon: Lexicon, ref: DateRange | None = None
) -> list[WindowMatch]:
    """``found`` with the shifted times added: each is the nearest time before it in the
    same sentence (or else after it), moved; one with no such time is left out, unless it
    shifts later in a clause of the future tense: then it is read from ``ref``. Linear:
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
        try:
            units = _shift_of(m, lexicon)
            base_window = base.window if base else _from_reference(m, units, ref, lexicon)
            if base_window is None:
                continue
            window = _moved(base_window, units, m[0])
        except (ClaimrecError, ValueError, OverflowError, KeyError):
            continue
        added.append(WindowMatch(start=m.start(), end=m.end(), text=m[0], window=window))
    return sorted(kept + added, key=lambda f: f.start)


def unread_reason(text: str, lexicon: Lexicon) -> str:
    if _shifts(lexicon).pattern.fullmatch(text):
        return (
            "read against another time of the same sentence, not the reference date "
            "(find_windows reads it there)"
        )
    return "not a time expression claimrec can read"
