"""What follows a number and makes it one figure: "2 1/4", "3 million and a half",
"90 km per hour", "5 feet 2 inches", "3 dollars 50 cents".

The tails of an amount (:class:`TailReader`), read after its number and unit by
:class:`~claimrec.read.amounts.AmountReader`.
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING

from claimrec.read.digits import Digits, read_digits
from claimrec.read.tokens import NUM, SYM, WORD, read_number_words
from claimrec.read.unit_tokens import TokenReader
from claimrec.units import (
    convert,
    is_currency,
    parse_unit,
    percent_unit,
    ratio_unit,
    same_dimension,
)

if TYPE_CHECKING:
    import pint

__all__ = ["TailReader", "proper_fraction", "vulgar_fraction"]


def vulgar_fraction(text: str) -> float | None:
    """The value of a fraction character ("½", "¾"), or None."""
    if len(text) != 1 or unicodedata.category(text) != "No":
        return None
    value = unicodedata.numeric(text, -1.0)
    return value if 0 < value < 1 else None


def proper_fraction(digits: Digits, text: str) -> bool:
    """Whether a fraction in digits reads as one ("3/4"), not as a date or code ("22/04")."""
    numerator, _, denominator = text.partition("/")
    if denominator.startswith("0") or numerator.startswith("0"):
        return False
    return 0 < int(numerator) < digits.denominator <= 1000


class TailReader(TokenReader):
    """The tails of amounts over one token list."""

    def _digits_tail(self, j: int, digits: Digits, scale: int) -> tuple[float, int] | None:
        """What follows digits and makes them one number: "2 1/4", "2½", "3 million and
        a half", "4 thousand 3 hundred and 21"."""
        tokens, n = self.tokens, self.n
        number = digits.scaled(scale)
        plain = not digits.decimals and not digits.exponent and not digits.denominator
        if plain and scale == 1 and j < n:
            following = tokens[j]
            if following.kind == NUM and "/" in following.text and not self.glued(j):
                fraction = read_digits(following.text)
                if fraction is not None and proper_fraction(fraction, following.text):
                    return number + fraction.scaled(1), j + 1
            vulgar = vulgar_fraction(following.text) if following.kind == WORD else None
            if vulgar is not None and self.glued(j):
                return number + vulgar, j + 1
        before = self.low(j - 1)
        if scale > 1 and (before in self.words.numbers.scales or before == "hundred"):
            return self._continuation(j, number, scale)
        return None

    def _continuation(self, j: int, number: float, scale: int) -> tuple[float, int] | None:
        """ "… and a half" after a scale word, or a smaller part: "4 thousand 3 hundred"."""
        numbers = self.words.numbers

        if self.low(j) == "and":
            part = read_number_words(self.tokens, j + 1, numbers)
            if part is not None and part.literal and part.value < 1 and not part.has_scale:
                return number + part.value * scale, part.end  # "3 million and a half"
        joined = self.low(j) == "and"
        k = j + 1 if joined else j
        if k >= self.n:
            return None
        token = self.tokens[k]
        if token.kind == NUM and not self.glued(k) and (scale == 100 or not joined):
            digits = read_digits(token.text)
            if digits is None or digits.decimals or digits.denominator or digits.exponent:
                return None
            value, end = float(digits.scaled(1)), k + 1
            smaller = numbers.scales.get(self.low(end)) or (
                100 if self.low(end) == "hundred" else 0
            )
            if smaller and smaller < scale and value * smaller < scale:
                value, end = value * smaller, end + 1
                more = self._continuation(end, number + value, smaller)
                return more or (number + value, end)
            if smaller:
                return None  # "3 hundred and 2 hundred": two numbers
            if k > j and 0 < value < 100:
                return number + value, end  # "3 hundred and 21"
            return None
        if token.kind == WORD and joined:
            words = read_number_words(self.tokens, k, numbers)
            if (
                words is not None
                and 0 < words.value < scale
                and not words.literal
                and (scale == 100 or words.value >= 100)
            ):
                return number + words.value, words.end  # "6 crore and two hundred"
        return None

    def _rate_tail(
        self, j: int, unit: pint.Unit, unit_text: str | None
    ) -> tuple[pint.Unit, str | None, int]:
        """ "90 km per hour", "500,000 barrels a day": the unit of a rate says so."""
        words = self.words
        if self.low(j) not in words.rate_words or is_currency(unit) or unit == percent_unit():
            return unit, unit_text, j
        if unit == ratio_unit():
            return unit, unit_text, j
        time_word = self.low(j + 1)
        singular = time_word[:-1] if time_word.endswith("s") else time_word
        per, _, end = self.unit_at(j + 1)
        if per is None or not (singular in words.rate_time_units or same_dimension(per, "hour")):
            return unit, unit_text, j  # "per hour", "a day", "/hr", "per millisecond"
        return unit / per, f"{unit_text} per {singular}", end

    def _compound_tail(self, j: int, number: float, unit: pint.Unit) -> tuple[float, int]:
        """ "5 feet 2 inches", "5 ft and 2 in", "2 hours 30 minutes": one measure, in
        the first unit, when the second part is a smaller unit of the same kind."""
        k = j + 1 if self.low(j) == "and" else j
        if k + 1 >= self.n or self.tokens[k].kind != NUM or is_currency(unit):
            return number, j
        digits = read_digits(self.tokens[k].text)
        if digits is None or digits.exponent or digits.denominator or self.glued(k):
            return number, j
        second, _, end = self.unit_at(k + 1)
        if second is None:
            name = self.words.second_unit_names.get(self.low(k + 1))  # "2 in" after feet
            second = parse_unit(name, lexicon=self.words.lexicon) if name else None
            end = k + 2
        if second is None or second == unit or not same_dimension(second, unit):
            return number, j
        part, step = convert(digits.scaled(1), second, unit), convert(1.0, second, unit)
        if not 0 <= part < 1 or step >= 1:
            return number, j  # "5 feet 20 inches", "2 inches 5 feet": two measures
        if math.isclose(math.log10(step), round(math.log10(step)), abs_tol=1e-9):
            return number, j  # "12 m 2 dm": metric units are not written as one measure
        return number + part, end

    def _subunit_tail(self, j: int, number: float, unit: pint.Unit) -> tuple[float, int]:
        """ "3 dollars 50 cents", "15 dollars and 50": the cents after a sum of money."""
        if not is_currency(unit) or number != int(number) or j >= self.n:
            return number, j
        k = j + 1 if self.low(j) == "and" else j
        if k >= self.n:
            return number, j
        token = self.tokens[k]
        cents: float | None = None
        end = k + 1
        glued = self.glued(k) or (  # "3 USD50", "10 lira 11a": no cents
            self.glued(k + 1) and self.tokens[k + 1].kind != SYM
        )
        if token.kind == NUM and "/" not in token.text and "." not in token.text and not glued:
            cents = float(token.text) if len(token.text) <= 2 else None
        elif token.kind == WORD:
            words = read_number_words(self.tokens, k, self.words.numbers)
            if words is not None and not words.literal and not words.has_scale:
                cents, end = float(words.value), words.end
        if cents is None or not 0 < cents < 100:
            return number, j
        after, _, after_end = self.unit_at(end)
        if after is not None:
            if after == unit or not same_dimension(after, unit):
                return number, j  # "10 dollars 5 euros": two sums
            end = after_end
        elif (
            end < self.n
            and self.tokens[end].kind in (NUM, WORD)
            and (self.tokens[end].low in self.words.numbers.scales or self.tokens[end].kind == NUM)
        ):
            return number, j
        return number + cents / 100, end
