"""Ranges of figures: "30-40", "between 793 and 8,498", "from 1.5 to 2 million".

:class:`RangeReader` reads the second end of a range after a first amount and
joins the two (a scale and a unit shared, "1.5 to 2 million hectares"); it
refuses what only looks like a range: a score ("won 3-1"), a span of years
("2022-2024"), two levels of a change ("rose from 10 to 20").
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from claimrec.lexicon import Mode
from claimrec.read.amount_types import TOO_LARGE
from claimrec.read.amounts import Amount, Refusal
from claimrec.read.figure_checks import context_reason
from claimrec.read.readings import Found, ReadingReader
from claimrec.read.tokens import NUM, SYM, WORD
from claimrec.units import convert, count_unit, same_dimension
from claimrec.value import Value

if TYPE_CHECKING:
    import pint

__all__ = ["RANGE_MODES", "SCORE_REASONS", "YEAR_SPAN", "RangeReader"]

# Range tails ("30-40") keep these qualifiers, widened by the tolerance; other
# qualifiers cannot apply to a range.
RANGE_MODES = (None, "approx")
YEAR_SPAN = "a span of years (like 2022-2024)"
_SCORE = "a score or tally (like won 3-1)"
_SCORE_ORDER = "the range's low end is above its high end (a score or tally, like 3-1?)"
_SCORE_EVEN = "the range's ends are equal (a score or tally, like 2-2?)"
SCORE_REASONS = (_SCORE, _SCORE_ORDER, _SCORE_EVEN)


class RangeReader(ReadingReader):
    """Ranges over one token list."""

    def range_of(
        self, i: int, mode: Mode | None, first: Amount, second: Amount, low: float, high: float,
        unit: pint.Unit,
    ) -> Found | Refusal:  # fmt: skip
        """ "30-40", "about 30 to 40" (widened by the tolerance)."""
        tolerance = self.policy.approx_tolerance if mode else 0.0
        low, high = low - abs(low) * tolerance, high + abs(high) * tolerance
        if not (math.isfinite(low) and math.isfinite(high)):  # "about 1.7e308 to 1.79e308"
            return Refusal(i, second.end, TOO_LARGE, second.end)
        value = Value.between(low, high, unit=unit)
        years = mode is None and first.plain_year and second.plain_year
        # "2022-2024" is a span of years, "aged 18-24" an age
        context = YEAR_SPAN if years else context_reason(self, first) if mode is None else None
        return Found(i, second.end, value, self.counted_after(second), None, context)

    def explicit_range_at(self, i: int, joiner: str) -> Found | Refusal | None:
        """ "between X and Y", "from X to Y"."""
        first = self.amount_at(i + 1)
        if first is None or isinstance(first, Refusal):
            return first
        if first.postfix is not None or self.low(first.end) != joiner:
            return None
        if joiner == "to" and self.change_before(i):
            # "updated its toll from 201,429 to 321,000": a level, then another one
            second = self.amount_at(first.end + 1)
            if first.unit is None and isinstance(second, Amount) and second.unit is not None:
                first = first._replace(unit=second.unit, unit_text=second.unit_text)
            return Found(first.start, first.end, self.read(first, None), None, bare=first)
        second = self.amount_at(first.end + 1)
        if second is None or isinstance(second, Refusal):
            return second
        if second.postfix is not None:
            return None
        combined = self.combine(first, second)
        if isinstance(combined, Refusal):
            return combined
        low, high, unit = combined
        years = first.plain_year and second.plain_year  # "from 2022 to 2024"
        return Found(
            i, second.end, Value.between(low, high, unit=unit), self.counted_after(second), None,
            YEAR_SPAN if years else None,
        )  # fmt: skip

    def change_before(self, i: int) -> bool:
        """Whether a word of change ("rose", "revised", "updated") comes shortly before
        token i in its clause: then "from X to Y" gives two levels, not a range."""
        words = self.words
        for k in range(i - 1, max(-1, i - 8), -1):
            token = self.tokens[k]
            if token.text in ".;!?":
                return False
            if token.low in words.change_words:
                return True
        return False

    def range_tail(self, first: Amount) -> tuple[Amount, float, float, pint.Unit] | Refusal | None:
        """ "X-Y", "X–Y", "X to Y" after an amount."""
        k = first.end
        if k < self.n and self.tokens[k].text == "," and self.low(k + 1) == "or":
            k += 1  # "12, or 13 years"
        if k >= self.n:
            return None
        separator = self.tokens[k]
        word = separator.low if separator.kind == WORD else ""
        after = k + 1
        if separator.text == "-" and self.low(k + 1) == "to" and self.low(k + 2) == "-":
            word, after = "to", k + 3  # "80-to-90 percent"
        tilde = separator.text == "~" and self.glued(k) and self.glued(k + 1)  # "20~100"
        if not (separator.text in "-–—−" or word in self.words.range_words or tilde):
            return None
        second = self.amount_at(after)
        if second is None or isinstance(second, Refusal) or second.postfix is not None:
            return None
        if word and first.unit is not None and second.unit is None:
            return None  # "slipped 0.3 per cent to 21,450": a change, then a level
        if word == "to" and self.low(first.start - 1) == "from" and self.change_before(first.start):
            return None  # "rose from 10 to 20": two levels
        if word == "or" and not self._alternatives(first, second):
            return None  # "12 or 13 years" is a range; "13 or 12" are two figures
        dash = separator.kind == SYM and self.glued(k) and self.glued(k + 1)
        if dash and first.unit is None and second.unit is None:
            if first.number >= second.number:  # "3-1", "2-2", "50-50": no range
                even = first.number == second.number
                return Refusal(
                    first.start, second.end, _SCORE_EVEN if even else _SCORE_ORDER, second.end
                )
            if self.is_score(first, second):
                return Refusal(first.start, second.end, _SCORE, second.end)
        combined = self.combine(first, second)
        if isinstance(combined, Refusal):
            return combined
        return (second, *combined)

    def _alternatives(self, first: Amount, second: Amount) -> bool:
        """Whether "X or Y" can be one range of alternatives: X below Y, no year, no
        part of a list ("3, 4 or 5"), no "either", no two scales ("10 bn or 10 tn")."""
        if first.plain_year or first.number >= second.number:
            return False
        if first.scale > 1 and second.scale > 1 and first.scale != second.scale:
            return False
        before = self.low(first.start - 1)
        if before == ",":  # a list: "3, 4 or 5"
            listed = self.tokens[first.start - 2] if first.start >= 2 else None
            return listed is None or not (
                listed.kind == NUM or listed.low in self.words.numbers.small
            )
        return before != "either"

    def is_score(self, first: Amount, second: Amount) -> bool:
        """ "3-1", "52-48", "a 2-2 draw": two whole numbers of a result."""
        if not (first.number.is_integer() and second.number.is_integer()):
            return False
        near = range(max(0, first.start - 3), min(self.n, second.end + 3))
        return any(self.tokens[j].low in self.words.score_words for j in near)

    def combine(self, first: Amount, second: Amount) -> tuple[float, float, pint.Unit] | Refusal:
        """The ends of a range, sharing a scale ("1.5 to 2 million") and a unit."""
        low, high = first.number, second.number
        if first.scale == 1 and second.scale > 1 and low * second.scale <= high:
            low *= second.scale
        unit = second.unit or first.unit or count_unit()
        span = (first.start, second.end)
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            if not same_dimension(first.unit, second.unit):
                return Refusal(*span, "the ends of the range are in different units", span[1])
            low = convert(low, first.unit, second.unit)
        if not (math.isfinite(low) and math.isfinite(high)):
            # "-1e308 to 1 dozen": the shared scale (or a conversion) overflows to inf,
            # and widening an infinite end by a tolerance would make it NaN
            return Refusal(*span, TOO_LARGE, span[1])
        if low > high:
            return Refusal(*span, "the range's low end is above its high end", span[1])
        return low, high, unit
