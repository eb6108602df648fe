"""Amounts: a number with its currency, scale word, unit and postfix, at some tokens.

The lowest layer of the figure grammar (:mod:`claimrec.read.figures`): "$2bn",
"1.5 million hectares", "30,000+", "two dozen". An amount that cannot be a
figure at all ("3rd", forty digits in a row) comes back as a :class:`Refusal`
with its reason; whether that is an error (``parse_value``) or a token to skip
(``find_values``) is the caller's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from claimrec.lexicon import Mode
from claimrec.read.figure_words import FigureWords, PhraseTable
from claimrec.read.tokens import NUM, SYM, WORD, Digits, Token, read_digits, read_number_words
from claimrec.units import is_currency, match_unit_words, percent_unit

if TYPE_CHECKING:
    import pint

__all__ = ["Amount", "AmountReader", "Refusal", "precision_of"]


class Refusal(NamedTuple):
    """Tokens [first, last) that are not a figure, and why; running text is read
    on from token ``resume`` (the end of the refused tokens, or just the next
    token when a figure may still start inside them)."""

    first: int
    last: int
    reason: str
    resume: int


class Amount(NamedTuple):
    """A number with its scale and unit, as found at some tokens."""

    number: float
    precision: float | None  # rounding unit if it were read as a round figure
    unit: pint.Unit | None  # None when no unit was written
    unit_text: str | None
    scale: int  # the scale word's factor, 1 without one
    number_index: int  # the token holding the number
    start: int
    end: int  # first token after the amount
    postfix: Mode | None
    plain_year: bool  # four plain digits that could be a year
    in_words: bool


class AmountReader:
    """Token helpers and amounts over one token list."""

    def __init__(self, source: str, tokens: list[Token], words: FigureWords) -> None:
        self.source = source
        self.tokens = tokens
        self.n = len(tokens)
        self.words = words
        self.dates: set[int] = set()  # number tokens already read as parts of dates

    # --- small helpers ------------------------------------------------------

    def low(self, j: int) -> str:
        return self.tokens[j].low if 0 <= j < self.n else ""

    def glued(self, j: int) -> bool:
        """Whether token j touches token j - 1 (no space between)."""
        return 0 < j < self.n and self.tokens[j - 1].end == self.tokens[j].start

    def match_phrase(self, j: int, table: PhraseTable) -> tuple[Mode | None, int]:
        """The longest phrase of ``table`` at token j and the token after it; (None, j)."""
        tokens, n = self.tokens, self.n
        if j >= n:
            return None, j
        options = table.get(tokens[j].low)
        if options is None:
            return None, j
        for key, mode in options:
            end = j + len(key)
            if end <= n and all(tokens[j + m].low == key[m] for m in range(1, len(key))):
                return mode, end
        return None, j

    def text(self, first: int, last: int) -> str:
        """The text of tokens [first, last), for messages."""
        last = min(last, self.n)
        if first >= last:
            return "?"
        return self.source[self.tokens[first].start : self.tokens[last - 1].end]

    # --- amounts --------------------------------------------------------------

    def unit_at(self, j: int) -> tuple[pint.Unit | None, str | None, int]:
        """A unit written at token j: "%", "per cent", "hectares", "km²", "roubles", "PLN"."""
        if j >= self.n:
            return None, None, j
        token = self.tokens[j]
        if token.kind == SYM:
            if token.text == "%":
                return percent_unit(), "%", j + 1
            return None, None, j
        if token.kind != WORD:
            return None, None, j
        if token.text in self.words.currencies:  # a code in capitals: "500 PLN"
            return self.words.currencies[token.text], token.text, j + 1
        if token.low not in self.words.unit_first_words:
            return None, None, j
        return self._unit_words_at(j)

    def _unit_words_at(self, j: int) -> tuple[pint.Unit | None, str | None, int]:
        lexicon = self.words.lexicon
        for length in (3, 2, 1):
            words = self.tokens[j : j + length]
            if len(words) < length or any(word.kind != WORD for word in words):
                continue
            phrase = " ".join(word.low for word in words)
            end = j + length
            # "km2": the power is lexed as a number glued to the word
            if (
                end < self.n
                and self.tokens[end].kind == NUM
                and self.tokens[end].text in ("2", "3")
                and self.glued(end)
            ):
                squared = match_unit_words(phrase + self.tokens[end].text, lexicon)
                if squared is not None:
                    return squared, phrase + self.tokens[end].text, end + 1
            unit = match_unit_words(phrase, lexicon)
            if unit is not None:
                return unit, " ".join(word.text for word in words), end
        return None, None, j

    def currency_at(self, j: int) -> tuple[pint.Unit | None, int]:
        """A currency written before a number: "$", "US$", "PLN" (in capitals)."""
        tokens, currencies = self.tokens, self.words.currencies
        if j >= self.n:
            return None, j
        token = tokens[j]
        if token.text in currencies and (token.kind == SYM or token.text.isupper()):
            return currencies[token.text], j + 1
        symbol = self.words.currency_prefixes.get(token.low)
        if symbol is not None and j + 1 < self.n and tokens[j + 1].text == symbol:
            return currencies[symbol], j + 2
        return None, j

    def amount_at(self, i: int) -> Amount | Refusal | None:
        """A number at token i, with currency before it and scale, unit after it."""
        if i >= self.n:
            return None
        if self.tokens[i].kind == NUM:  # the common case: no currency before the number
            currency, j = None, i
        else:
            currency, j = self.currency_at(i)
            if j >= self.n:
                return None
        token = self.tokens[j]
        number_index, digits, scale = j, None, 1
        if token.kind == NUM:
            read = self._digits_at(j, currency is not None)
            if isinstance(read, Refusal):
                return read._replace(resume=i + 1)
            digits, scale, j = read
            number, in_words = digits.scaled(scale), False
        elif token.kind == WORD:
            words = read_number_words(self.tokens, j, self.words.numbers)
            if words is None:
                return None
            number, j, in_words = float(words.value), words.end, True
            if words.has_scale:
                scale = self._last_scale(words.end)
        else:
            return None
        postfix, j = self.postfix_at(j)
        unit, unit_text, after_unit = self.unit_at(j)
        if unit is not None and currency is not None and unit != currency:
            unit = None  # "$5 euros" is not read; the currency before the number stands
        if unit is not None:
            j = after_unit
        if postfix is None:
            postfix, j = self.postfix_at(j)
        if unit is None:
            unit, unit_text = currency, None
        plain_year = (
            digits is not None and len(token.text) == 4 and scale == 1 and unit is None
            and postfix is None and 1800 <= number <= 2100
        )  # fmt: skip
        return Amount(
            number, precision_of(number, digits, scale, unit), unit, unit_text, scale,
            number_index, i, j, postfix, plain_year, in_words,
        )  # fmt: skip

    def _digits_at(self, j: int, after_currency: bool) -> tuple[Digits, int, int] | Refusal:
        """Digits at token j and the scale word or suffix after them."""
        tokens, n, suffixes = self.tokens, self.n, self.words.numbers.suffixes
        token = tokens[j]
        digits = read_digits(token.text)
        if digits is None:
            return Refusal(j, j + 1, "too many digits to be a figure", j + 1)
        j += 1
        if j < n and tokens[j].kind == WORD and self.glued(j):
            suffix = tokens[j].low
            if suffix in suffixes:
                return digits, suffixes[suffix], j + 1
            if self.unit_at(j)[0] is None:
                what = (
                    "an ordinal" if suffix in self.words.numbers.ordinal_suffixes
                    else "a name or code"
                )  # fmt: skip
                glued = token.text + tokens[j].text
                return Refusal(j - 1, j + 1, f"{glued!r} is {what}, not a figure", j)
        elif (
            j < n
            and tokens[j].kind == WORD
            and tokens[j].low in suffixes
            and (after_currency or tokens[j].low not in ("m", "b"))
        ):
            return digits, suffixes[tokens[j].low], j + 1
        return digits, 1, j

    def _last_scale(self, end: int) -> int:
        word = self.tokens[end - 1].low
        return self.words.numbers.suffixes.get(word, 1) if word != "m" else 1

    def postfix_at(self, j: int) -> tuple[Mode | None, int]:
        mode, end = self.match_phrase(j, self.words.postfixes)
        if mode is not None and self.low(j) == "plus":
            following = self.tokens[end] if end < self.n else None
            if following is not None and (
                following.kind == NUM or following.low in self.words.numbers.small
            ):
                return None, j  # "50 plus 20" is arithmetic
        return mode, end


def precision_of(
    number: float, digits: Digits | None, scale: int, unit: pint.Unit | None
) -> float | None:
    """The rounding unit of a round figure, or None for a figure read literally.

    A figure with a scale word is round to its last written digit ("1.1 million":
    100,000). Without one, a whole number of 1,000 or more ending in zeros is
    round to its last non-zero digit ("11,000": 1,000). Money written in digits
    without a scale word is read to the thousand at most ("20,000 roubles":
    1,000), since prices and sums are written to the unit more often than
    counts are.
    """
    if digits is None:  # number words: "two million", "fifteen hundred"
        if number >= 1000 and number % 10 == 0:
            whole = str(int(number))
            return float(10 ** (len(whole) - len(whole.rstrip("0"))))
        return None
    if scale > 1:
        return digits.precision(scale)
    if digits.decimals or number < 1000 or not digits.integer.endswith("0"):
        return None
    precision = digits.precision(1)
    if precision is not None and unit is not None and is_currency(unit):
        precision = min(precision, 1000.0)
    return precision
