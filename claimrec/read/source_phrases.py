"""The source-phrase grammar: the noun phrase that names a source.

A source is a name (capitalised words, joined by "of", "and", "&"), a
described source headed by a source noun ("police", "local authorities", "an
aid-agency spokesperson", "the study"), or "<organisation> <title> <person>".
:class:`SourcePhrases` reads such a phrase before a position (the subject of a
verb) or after one (the source after "according to" or "by"); a name the
reporter table knows is one unit ("the U.N. Mission in Ukraine").
"""

from __future__ import annotations

import bisect

from claimrec.read.source_words import AttributionWords
from claimrec.read.spans import words_between as _words
from claimrec.reporter import ReporterMatch

__all__ = [
    "CONNECTOR",
    "DETERMINER",
    "HEAD",
    "MODIFIER",
    "NAME",
    "OTHER",
    "STOP",
    "SourcePhrases",
    "base",
]

_MAX_PHRASE = 10  # words in one source phrase
_MAX_UNKNOWN = 2  # unknown lower-case words in a row inside a phrase ("relief operations")

# Kinds of word in a source phrase.
NAME, HEAD, MODIFIER, CONNECTOR, DETERMINER, STOP, OTHER = range(7)


def base(lower: str) -> str:
    """A word without its possessive "'s"."""
    if lower.endswith(("'s", "’s")):
        return lower[:-2]
    return lower


class SourcePhrases:
    """The source phrases of one text, and the known names found in it."""

    def __init__(self, text: str, matches: list[ReporterMatch], words: AttributionWords) -> None:
        self.text = text
        self.words = words
        self.matches = matches
        self.starts = [m.start for m in matches]
        self.ends = sorted((m.end, i) for i, m in enumerate(matches))
        self.end_keys = [e for e, _ in self.ends]
        self._kinds: dict[str, int] = {}

    def kind(self, word: str) -> int:
        known = self._kinds.get(word)
        if known is not None:
            return known
        w = self.words
        lower = word.lower()
        stem = base(lower)
        if lower in w.connectors:
            kind = CONNECTOR
        elif lower in w.determiners:
            kind = DETERMINER
        elif (
            lower in w.name_stop
            or stem in w.name_stop
            or not word[:1].isalpha()
            or (lower in w.times and word[:1].isupper())  # "On March 5", not "march organizers"
        ):
            kind = STOP
        elif word[:1].isupper():
            kind = NAME
        elif stem in w.heads:
            kind = HEAD
        elif stem in w.modifiers or stem != lower:
            kind = MODIFIER
        else:
            kind = OTHER
        self._kinds[word] = kind
        return kind

    def _joins(self, gap: str, word: str) -> bool:
        """May ``word`` and the next word of a phrase be separated by ``gap``?"""
        if not gap:
            return False
        if self.words.joining_gap.match(gap):
            return not gap.lstrip().startswith(("'", "’")) or word.lower().endswith("s")
        # "Maj. Gen. Farooq", "U.S. officials": a short capitalised abbreviation.
        return bool(
            self.words.abbreviation_gap.match(gap)
            and word[:1].isupper()
            and (len(word) <= 4 or "." in word)
        )

    def match_ending(self, end: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.end_keys, end)
        if i < len(self.end_keys) and self.end_keys[i] == end:
            return self.matches[self.ends[i][1]]
        return None

    def match_covering(self, position: int) -> ReporterMatch | None:
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.matches[i].start < position < self.matches[i].end:
            return self.matches[i]
        return None

    def phrase_before(self, end: int, floor: int) -> tuple[int, int] | None:
        """The source phrase ending at ``end`` (its last word a name or a source noun);
        a known name is one unit ("the U.N. Mission in Ukraine said")."""
        text = self.text
        known = self.match_ending(end)
        if known is not None and known.start >= floor:
            return known.start, end
        words = _words(text, max(floor, end - 200), end)
        if not words:
            return None
        gap = text[words[-1][2] : end].strip()
        if gap and not (gap == "." and words[-1][0].lower() in self.words.abbreviations):
            return None  # "Karen Clark & Co." ends with its dot
        taken: list[tuple[int, int, int]] = []  # (start, end, kind), right to left
        position = end
        unknown = 0
        for word, start, stop in reversed(words):
            if taken and not self._joins(text[stop:position], word):
                break
            kind = self.kind(word)
            if kind in (DETERMINER, STOP) or len(taken) >= _MAX_PHRASE:
                break
            if not taken and kind not in (NAME, HEAD):
                return None
            unknown = unknown + 1 if kind == OTHER else 0
            if unknown > _MAX_UNKNOWN:
                break
            taken.append((start, stop, kind))
            position = start
        while taken and taken[-1][2] in (OTHER, CONNECTOR):
            taken.pop()
        if not taken:
            return None
        left = taken[-1][0]
        covering = self.match_covering(left)
        if covering is not None and covering.start >= floor:
            left = covering.start
        return left, taken[0][1]

    def phrase_after(self, start: int, ceiling: int) -> tuple[int, int] | None:
        """The source phrase starting at ``start`` (determiners skipped)."""
        text = self.text
        words = _words(text, start, min(ceiling, start + 200))
        taken: list[tuple[int, int, int]] = []
        position = start
        unknown = 0
        for i, (word, w_start, stop) in enumerate(words):
            gap = text[position:w_start]
            if gap.strip() and not (taken and self._joins(gap, text[taken[-1][0] : taken[-1][1]])):
                break
            kind = self.kind(word)
            if kind == DETERMINER and not taken:
                position = stop
                continue
            if kind in (DETERMINER, STOP) or len(taken) >= _MAX_PHRASE:
                break
            unknown = unknown + 1 if kind == OTHER else 0
            if unknown > _MAX_UNKNOWN or (
                kind == OTHER and not taken and not self._heads(words, i)
            ):
                break  # an unknown word opens a phrase only before a head ("the port authority")
            taken.append((w_start, stop, kind))
            position = stop
        while taken and taken[-1][2] not in (NAME, HEAD):
            taken.pop()
        if not taken:
            return None
        first, last = taken[0][0], taken[-1][1]
        i = bisect.bisect_left(self.starts, first)
        if i < len(self.matches) and self.matches[i].start < last < self.matches[i].end <= ceiling:
            last = self.matches[i].end  # a known name goes on: "… for Human Rights (OHCHR)"
        return first, last

    def _heads(self, words: list[tuple[str, int, int]], i: int) -> bool:
        return i + 1 < len(words) and self.kind(words[i + 1][0]) == HEAD

    def known_inside(self, start: int, end: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.matches) and self.matches[i].end <= end:
            return self.matches[i]
        return None
