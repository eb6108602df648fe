"""The first pass over a text: every atom of the rule table (and named events, and
parts before atoms) found by one scanner, and the text turned into a skeleton in
which each atom is one placeholder character of its strength."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from claimrec.calendar import (
    EventCalendar,
    event_key,
)
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.time_fragments import (
    compose,
    expression_fragments,
    first_guard,
    trie,
    unnamed,
)
from claimrec.read.time_parts import part_forms, part_pattern
from claimrec.read.time_rules import RULES
from claimrec.read.time_span import Context, Span

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
    return re.compile(
        rf"\s{{1,4}}{expression_fragments(lexicon, False)['event_verb']}$", re.IGNORECASE
    )


def read_event(text: str, ctx: Context) -> Span | None:
    when = ctx.calendar.get(event_key(_event_tail(ctx.words.lexicon).sub("", text)))
    if when is None:
        return None
    return Span(when.earliest, when.latest, when.earliest, when.latest)


def _atom_rows(
    lexicon: Lexicon, capital: bool, strengths: tuple[str, ...], *, named: bool = False
) -> list[str]:
    """The atoms of these strengths, each behind a look at its first character (so that a
    place where it cannot begin costs one step), named ``r12`` after its row if asked."""
    words = expression_fragments(lexicon, capital)
    chosen = []
    for index, r in enumerate(RULES):
        if r.strength in strengths:
            pattern = unnamed(compose(r.pattern, words))
            guarded = first_guard(pattern) + pattern
            chosen.append(f"(?P<r{index}>{guarded})" if named else guarded)
    return chosen


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


class Alternative(NamedTuple):
    """One alternative of the atom scanner, and heads of it: patterns every match of the
    alternative begins with a match of one of (the part before an atom: each part alone)."""

    pattern: str
    heads: tuple[str, ...]


def scanner_alternatives(
    calendar: EventCalendar, lexicon: Lexicon, running_text: bool
) -> list[Alternative]:
    """The atom scanner's alternatives in the order they are tried: a part before an atom,
    every atom grouped by strength, an event; ``running_text`` asks for capitalised names
    where they are also common words. Read alone, every atom is strong."""
    words = expression_fragments(lexicon, running_text)
    event = _event_pattern(calendar, words)
    if running_text:
        names: tuple[tuple[str, ...], ...] = tuple(
            (name,) for name in ("strong", "future", "weak", "day", "inner")
        )
    else:
        names = (("strong", "future", "weak", "day", "loose", "inner"),)
    rows = [row for n in names for row in _atom_rows(lexicon, running_text, n, named=True)]
    inside = [row for n in names for row in _atom_rows(lexicon, running_text, n)]
    part = part_pattern(lexicon, named=False, capital=running_text)
    part = first_guard(part) + part
    everything = "|".join([*inside, event])
    whole_part = f"(?P<part>{part}{words['part_glue']}(?:{everything}))"
    glue = words["part_glue"]
    forms = tuple(f"{form}{glue}" for form in part_forms(lexicon, capital=running_text))
    return [
        Alternative(whole_part, forms),
        *(Alternative(row, (head,)) for row, head in zip(rows, inside, strict=True)),
        Alternative(f"(?P<event>{event})", (event,)),
    ]


#: What follows an atom: no letter or digit.
ATOM_END = "(?![a-z0-9])"


def _scanner(alternatives: list[str]) -> re.Pattern[str]:
    body = "|".join(alternatives) if alternatives else r"(?!x)x"
    return re.compile(rf"(?<![\w])(?=[0-9A-Za-z])(?:{body}){ATOM_END}", re.IGNORECASE)


@lru_cache(maxsize=16)
def atom_scanner(calendar: EventCalendar, lexicon: Lexicon, running_text: bool) -> re.Pattern[str]:
    """Every atom in one alternation (see :func:`_alternatives`)."""
    return _scanner([a.pattern for a in scanner_alternatives(calendar, lexicon, running_text)])


def class_of(kind: str, running_text: bool) -> str:
    """The placeholder of an atom found as ``kind`` (a row ``r12``, ``part`` or ``event``)."""
    if kind[0] != "r":
        return _CLASS[kind]
    return _CLASS.get(RULES[int(kind[1:])].strength, STRONG) if running_text else STRONG


class Finder(Protocol):
    """A scanner of atoms: a compiled pattern, or an index of one."""

    def finditer(self, text: str, /) -> Iterator[re.Match[str]]: ...


@dataclass(frozen=True, slots=True)
class Skeleton:
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


def skeleton_of(text: str, atoms: Finder, running_text: bool) -> Skeleton:
    """``text`` with each atom ``atoms`` finds replaced by its placeholder."""
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
        parts.append(class_of(kind, running_text))
        shifts.append(shifts[-1] + end - start - 1)
        last = end
    parts.append(text[last:])
    return Skeleton(text, "".join(parts), tuple(positions), tuple(shifts), tuple(kinds))


class Found:
    """A compound match read back in the original text's words (what readers index)."""

    __slots__ = ("_m", "_sk", "lastgroup")

    def __init__(self, m: re.Match[str], sk: Skeleton) -> None:
        self._m, self._sk, self.lastgroup = m, sk, m.lastgroup

    def __getitem__(self, name: str) -> Any:  # str, or None for a group not taken (as re.Match)
        return self._sk.piece(self._m, name)

    def kind(self, name: str) -> str | None:
        return self._sk.kind(self._m, name)

    def kinds(self, first: str, second: str) -> tuple[str | None, str | None]:
        return self.kind(first), self.kind(second)
