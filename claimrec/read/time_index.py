"""Which atoms may begin at a place: the first pass's scanner indexed by the first
characters an atom may begin with (issue 12).

The first pass used to try all the scanner's alternatives at every word start. Here
each alternative is analysed once, from the standard library's own parse of its
pattern, into the set of the first :data:`DEPTH` characters (lower case) it may begin
with — a shorter string where what follows cannot be listed ("the" then any spaces).
At a word start only the alternatives whose set holds the text's next characters are
tried, in the scanner's order, each compiled once with the scanner's ending; so the
first that matches is the one the whole alternation would have found, and the matches
are the scanner's own. Where the next characters are not plain ASCII (or the text
ends), only those before are used as the key.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from claimrec.calendar import EventCalendar
from claimrec.lexicon import Lexicon
from claimrec.read.time_scan import ATOM_END, atom_scanner, scanner_alternatives

__all__ = ["DEPTH", "AtomIndex", "atom_index", "prefixes"]

#: How many characters the index looks at.
DEPTH = 3
_LIMIT = 4000  # more strings than this: the alternative may begin with anything

_sre_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

# An expansion: (text, closed); closed: the pattern piece matched exactly this text, so
# what follows it may be appended; open: anything may follow.
_Expansion = set[tuple[str, bool]]
_ANY: _Expansion = {("", False)}


def _concat(first: _Expansion, second: _Expansion) -> _Expansion:
    out: _Expansion = set()
    for a, closed in first:
        if not closed or len(a) >= DEPTH:
            out.add((a[:DEPTH], closed and len(a) < DEPTH))
            continue
        for b, b_closed in second:
            t = a + b
            out.add((t[:DEPTH], b_closed and len(t) < DEPTH))
    return out


def _chars(arg: Any) -> _Expansion:
    """A character class: its characters when few and plain, else anything."""
    found: _Expansion = set()
    for kind, value in arg:
        if kind is _c.LITERAL and value < 128:
            found.add((chr(value).lower(), True))
        elif kind is _c.RANGE and value[1] < 128:
            found |= {(chr(code).lower(), True) for code in range(value[0], value[1] + 1)}
        elif kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            found |= {(d, True) for d in "0123456789"}
        else:  # a negated class, spaces, word characters, non-ASCII: anything
            return _ANY
    return found


def _repeat(arg: Any) -> _Expansion:
    low, high, items = arg
    one = _sequence(items)
    out: _Expansion = set()
    current: _Expansion = {("", True)}
    for count in range(min(high, DEPTH + 1) + 1):
        if count >= low:
            out |= current
        if count == min(high, DEPTH + 1):
            if high > count:  # more repeats than listed: anything may follow
                out |= {(t, False) for t, _ in current}
            break
        current = _concat(current, one)
    return out


def _item(op: Any, arg: Any) -> _Expansion:
    if op is _c.LITERAL:
        return {(chr(arg).lower(), True)} if arg < 128 else _ANY
    if op is _c.IN:
        return _chars(arg)
    if op is _c.BRANCH:
        return set().union(*(_sequence(branch) for branch in arg[1]))
    if op is _c.SUBPATTERN:
        return _sequence(arg[3])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _repeat(arg)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}  # takes no character (a look is a further test only)
    return _ANY


def _sequence(items: Any) -> _Expansion:
    current: _Expansion = {("", True)}
    for op, arg in items:
        current = _concat(current, _item(op, arg))
        if len(current) > _LIMIT:
            return _ANY
        if all(not closed or len(t) >= DEPTH for t, closed in current):
            break
    return current


def prefixes(pattern: str) -> tuple[frozenset[str], ...] | None:
    """The lower-case beginnings ``pattern`` may match, by length (``[n]``: the strings of
    n characters after which anything may follow; ``[DEPTH]``: the first DEPTH
    characters), or None when it may begin with anything."""
    try:
        found = _sequence(_sre_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # a pattern the parser of this Python reads differently: anything
        return None
    if len(found) > _LIMIT or any(t == "" for t, _ in found):
        return None
    return tuple(frozenset(t for t, _ in found if len(t) == n) for n in range(DEPTH + 1))


@dataclass(frozen=True, slots=True)
class AtomIndex:
    """The scanner's alternatives, each compiled with the scanner's ending, and what each
    may begin with; ``full`` gives the whole scanner (read after an empty match only).
    Everything is compiled up front, as the whole scanner was: reading never compiles."""

    alternatives: tuple[re.Pattern[str], ...]
    beginnings: tuple[tuple[frozenset[str], ...] | None, ...]
    full: Callable[[], re.Pattern[str]]
    _by_key: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def candidates(self, key: str) -> tuple[re.Pattern[str], ...]:
        """The alternatives that may begin with ``key``: up to DEPTH lower-case ASCII
        characters; a shorter key leaves the character after it unknown (the end of the
        text, or a character that is not ASCII)."""
        found = self._by_key.get(key)
        if found is None:
            found = tuple(
                a
                for a, begins in zip(self.alternatives, self.beginnings, strict=True)
                if begins is None or _may_begin(key, begins)
            )
            self._by_key[key] = found
        return found

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``full().finditer(text)`` finds, trying only candidates at each word start."""
        position = 0
        while (start := _WORD_START.search(text, position)) is not None:
            i = start.start()
            key = text[i : i + DEPTH]
            if not key.isascii():
                key = key[: next(j for j, ch in enumerate(key) if not ch.isascii())]
            found = (m for a in self.candidates(key.lower()) if (m := a.match(text, i)))
            m = next(found, None)
            if m is not None and m.end() == i:  # an empty match: the scanner goes on alone
                yield from self.full().finditer(text, i)
                return
            if m is not None:
                yield m
            position = m.end() if m is not None else i + 1


def _may_begin(key: str, begins: tuple[frozenset[str], ...]) -> bool:
    known = len(key)
    if any(key[:n] in begins[n] for n in range(min(known, DEPTH) + 1)):
        return True
    return known < DEPTH and any(
        s.startswith(key) for n in range(known + 1, DEPTH + 1) for s in begins[n]
    )


_WORD_START = re.compile(r"(?<![\w])[0-9A-Za-z]", re.IGNORECASE)


@lru_cache(maxsize=16)
def atom_index(calendar: EventCalendar, lexicon: Lexicon, running_text: bool) -> AtomIndex:
    """:func:`~claimrec.read.time_scan.atom_scanner` indexed by its atoms' beginnings."""
    alternatives = scanner_alternatives(calendar, lexicon, running_text)
    return AtomIndex(
        tuple(re.compile(f"(?:{a.pattern}){ATOM_END}", re.IGNORECASE) for a in alternatives),
        tuple(prefixes(a.head) for a in alternatives),
        partial(atom_scanner, calendar, lexicon, running_text),
    )
