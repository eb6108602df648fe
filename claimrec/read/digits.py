"""Numbers written in digits: "1,234.5", "1.3e6", "3/4", "2.5^-1", "1.111,11".

:func:`read_digits` splits one number token of :func:`~claimrec.read.tokens.tokenize`
into a :class:`Digits` record; :meth:`Digits.scaled` multiplies it by a scale word
on integers (so 1.1 million is exact) and says ``inf`` for a number past a
float's range, which the figure grammar refuses: no arithmetic here raises.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

__all__ = ["MAX_DIGITS", "Digits", "read_digits"]

_SEPARATORS = (",", "\u00a0", "\u2009", "\u202f", " ")

MAX_DIGITS = 30  # longer digit strings are identifiers or junk, not figures


class Digits(NamedTuple):
    """A number written in digits, before any scale word.

    ``exponent`` is the power of ten of scientific notation ("1.3e6": 6);
    ``denominator`` the part after the slash of a fraction ("3/4": 4), 0 for none.
    """

    integer: str  # integer digits, separators removed
    decimals: str  # digits after the decimal point, maybe ""
    exponent: int = 0
    denominator: int = 0
    power: int = 1  # "2.5^-1": the number raised to this power

    def scaled(self, scale: int) -> float:
        """The number times ``scale``, computed on integers so 1.1 million is exact;
        ``inf`` when it is past a float's range ("1e308 billion"): never an error."""
        try:
            return self._scaled(scale)
        except OverflowError:
            return math.inf

    def _scaled(self, scale: int) -> float:
        if self.power != 1:
            base = int(self.integer + self.decimals) / 10 ** len(self.decimals)
            return float(base**self.power * scale)
        numerator = int(self.integer + self.decimals) * scale
        if self.denominator:
            return float(numerator / self.denominator)
        if self.exponent:
            power = self.exponent - len(self.decimals)
            return float(numerator * 10**power) if power >= 0 else float(numerator / 10**-power)
        return float(numerator / 10 ** len(self.decimals))

    def precision(self, scale: int) -> float | None:
        """The rounding unit: decimals written set it, else the last non-zero digit.

        Only meaningful for round figures; the caller decides when it applies.
        Scientific notation and fractions are read literally (None), and so is a
        number past a float's range.
        """
        if self.exponent or self.denominator or self.power != 1:
            return None
        try:
            if self.decimals:
                return float(scale / 10 ** len(self.decimals))
            stripped = self.integer.rstrip("0")
            if not stripped.strip("0"):
                return None  # zero has no last non-zero digit
            return float(scale * 10 ** (len(self.integer) - len(stripped)))
        except OverflowError:
            return None


# A decimal comma ("1,3", "1.111,11"), not commas grouping thousands ("1,234").
_DECIMAL_COMMA = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+|[0-9]{1,3},[0-9]{1,2}")
_SCIENTIFIC = re.compile(r"([0-9.]+)(?:[eE]|[x×]10\^)([+\-]?[0-9]+)")


def read_digits(text: str) -> Digits | None:
    """Split a NUM token; None when it has too many digits to be a figure."""
    exponent = denominator = 0
    if "^" in text and "x" not in text and "×" not in text:
        return _power(text)
    if "/" in text:
        numerator, _, below = text.partition("/")
        if not int(below):
            return None
        return Digits(numerator.lstrip("0") or "0", "", 0, int(below))
    scientific = _SCIENTIFIC.fullmatch(text)
    if scientific is not None:
        text, exponent = scientific.group(1), int(scientific.group(2))
    if "," in text and _DECIMAL_COMMA.fullmatch(text):  # "1.111,11", "1,3"
        text = text.replace(".", "").replace(",", ".")
    integer, _, decimals = text.partition(".")
    for separator in _SEPARATORS:
        integer = integer.replace(separator, "")
    if len(integer) + len(decimals) > MAX_DIGITS:
        return None
    return Digits(integer.lstrip("0") or "0", decimals, exponent, denominator)


def _power(text: str) -> Digits | None:
    """ "2.5^-1": the base and its power; None for no number ("0^-1")."""
    base, _, exponent = text.partition("^")
    digits = exponent.lstrip("+-")
    power = int(digits) * (-1) ** exponent[: len(exponent) - len(digits)].count("-")
    integer, _, decimals = base.partition(".")
    value = float(base)
    if value == 0 and power <= 0:
        return None  # 0^-1 is no number
    # past a float's range ("9^330"), Digits.scaled says inf and the reader refuses it
    return Digits(integer.lstrip("0") or "0", decimals, 0, 0, power)
