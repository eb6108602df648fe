"""Which atoms may begin at a place: the first pass's scanner indexed by the first
characters an atom may begin with (issue 12).

The first pass used to try all the scanner's alternatives at every word start. Here
each alternative is analysed once (:mod:`claimrec.read.time_beginnings`) into the set
of the first :data:`DEPTH` characters it may begin with — a shorter string where what
follows cannot be listed ("the" then any word). One pattern, built from all those
beginnings, finds the word starts where some alternative may begin; there only the
alternatives whose set holds the text's next characters are tried, in the scanner's
order, each compiled once with the scanner's ending; so the first that matches is the
one the whole alternation would have found, and the matches are the scanner's own.
Where many alternatives share the first characters ("the"), the next :data:`DEEP`
characters choose among them again ("the pa", "the en"). Where the next characters
are not plain ASCII (or the text ends), only those before are used as the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from claimrec.calendar import EventCalendar
from claimrec.lexicon import Lexicon
from claimrec.read.time_beginnings import DEPTH, guard, key_of, may_begin, prefixes
from claimrec.read.time_scan import ATOM_END, atom_scanner, scanner_alternatives

__all__ = ["DEEP", "DEPTH", "AtomIndex", "atom_index", "prefixes"]

#: How many characters choose again among many alternatives of one key.
DEEP = 6
_CROWDED = 4  # this many alternatives for a key or more: look at DEEP characters
_MAX_KEYS = 50_000  # a cache of keys larger than this starts again (hostile text)

Beginnings = tuple[frozenset[str], ...]
Matcher = Callable[[str, int], "re.Match[str] | None"]
# Per alternative, per head: what it may begin with (None: anything).
_Heads = tuple[Beginnings | None, ...]


@dataclass(frozen=True, slots=True)
class _Crowded:
    """A key many alternatives may begin with: the deeper key chooses among them (each
    alternative with the heads that may begin there)."""

    chosen: tuple[tuple[int, tuple[int, ...]], ...]


def _guarded(whole: Matcher, heads: tuple[Matcher, ...]) -> Matcher:
    """``whole``, tried only where one of its heads matches (each small, it fails fast)."""

    def match(text: str, i: int) -> re.Match[str] | None:
        for head in heads:
            if head(text, i) is not None:
                return whole(text, i)
        return None

    return match


@dataclass(frozen=True, slots=True)
class AtomIndex:
    """The scanner's alternatives, each compiled with the scanner's ending; what each of
    their heads may begin with (to :data:`DEPTH` and :data:`DEEP` characters), and the
    heads compiled where an alternative has several; the word starts where any may
    begin; ``full`` gives the whole scanner (read after an empty match only).
    Everything is compiled up front, as the whole scanner was: reading never compiles."""

    alternatives: tuple[re.Pattern[str], ...]
    beginnings: tuple[_Heads, ...]
    deep: tuple[_Heads, ...]
    heads: tuple[tuple[re.Pattern[str], ...], ...]
    starts: re.Pattern[str]
    full: Callable[[], re.Pattern[str]]
    _by_text: dict[str, tuple[Matcher, ...] | _Crowded] = field(default_factory=dict)
    _by_deep: dict[str, tuple[Matcher, ...]] = field(default_factory=dict)

    def _chosen(
        self,
        key: str,
        beginnings: tuple[_Heads, ...],
        among: Sequence[tuple[int, tuple[int, ...]]] | None = None,
    ) -> list[tuple[int, tuple[int, ...]]]:
        """The alternatives with the heads that may begin with ``key``, by ``beginnings``;
        ``among``: only these alternatives and heads (default: all)."""
        if among is None:
            among = [(j, tuple(range(len(b)))) for j, b in enumerate(beginnings)]
        out = []
        for j, heads in among:
            kept = tuple(h for h in heads if (b := beginnings[j][h]) is None or may_begin(key, b))
            if kept:
                out.append((j, kept))
        return out

    def _matchers(self, chosen: list[tuple[int, tuple[int, ...]]]) -> tuple[Matcher, ...]:
        out = []
        for j, heads in chosen:
            whole: Matcher = self.alternatives[j].match
            if self.heads[j]:
                whole = _guarded(whole, tuple(self.heads[j][h].match for h in heads))
            out.append(whole)
        return tuple(out)

    def _tries(self, text: str, i: int) -> tuple[Matcher, ...]:
        """The alternatives to try at ``i``, in the scanner's order."""
        piece = text[i : i + DEPTH]
        found = self._by_text.get(piece)
        if found is None:
            if len(self._by_text) > _MAX_KEYS:
                self._by_text.clear()
            chosen = self._chosen(key_of(piece), self.beginnings)
            crowded = len(chosen) >= _CROWDED
            found = _Crowded(tuple(chosen)) if crowded else self._matchers(chosen)
            self._by_text[piece] = found
        if not isinstance(found, _Crowded):
            return found
        piece = text[i : i + DEEP]
        deeper = self._by_deep.get(piece)
        if deeper is None:
            if len(self._by_deep) > _MAX_KEYS:
                self._by_deep.clear()
            deeper = self._matchers(self._chosen(key_of(piece), self.deep, found.chosen))
            self._by_deep[piece] = deeper
        return deeper

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``full().finditer(text)`` finds, trying only candidates at the word starts
        where some alternative may begin."""
        position = 0
        search = self.starts.search
        while (start := search(text, position)) is not None:
            i = start.start()
            m = None
            for match in self._tries(text, i):
                if (m := match(text, i)) is not None:
                    break
            if m is not None and m.end() == i:  # an empty match: the scanner goes on alone
                yield from self.full().finditer(text, i)
                return
            if m is not None:
                yield m
            position = m.end() if m is not None else i + 1


_WORD_START = r"(?<![\w])(?=[0-9A-Za-z])"


def _starts(beginnings: tuple[Beginnings | None, ...]) -> re.Pattern[str]:
    """The word starts where one of the alternatives may begin (every word start when
    one may begin with anything)."""
    return re.compile(_WORD_START + guard(beginnings), re.IGNORECASE)


def _deepest(head: str) -> Beginnings | None:
    """The beginnings of ``head`` to DEEP characters, or as deep as they can be listed."""
    return next(
        (b for depth in range(DEEP, DEPTH, -1) if (b := prefixes(head, depth)) is not None),
        None,
    )


@lru_cache(maxsize=16)
def atom_index(calendar: EventCalendar, lexicon: Lexicon, running_text: bool) -> AtomIndex:
    """:func:`~claimrec.read.time_scan.atom_scanner` indexed by its atoms' beginnings."""
    alternatives = scanner_alternatives(calendar, lexicon, running_text)
    beginnings = tuple(tuple(prefixes(h) for h in a.heads) for a in alternatives)
    return AtomIndex(
        tuple(re.compile(f"(?:{a.pattern}){ATOM_END}", re.IGNORECASE) for a in alternatives),
        beginnings,
        tuple(tuple(_deepest(h) for h in a.heads) for a in alternatives),
        tuple(
            tuple(re.compile(h, re.IGNORECASE) for h in a.heads) if len(a.heads) > 1 else ()
            for a in alternatives
        ),
        _starts(tuple(b for heads in beginnings for b in heads)),
        partial(atom_scanner, calendar, lexicon, running_text),
    )
