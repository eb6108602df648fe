"""Tokens for the figure grammar, and numbers in digits and in words.

Everything here runs in time linear in the input: the token regex has no nested
quantifier over overlapping classes, and the number readers look at most a few
tokens ahead of where they start. The number words themselves are data
(``numbers.txt`` of the lexicon), compiled once per lexicon by
:func:`number_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from claimrec.lexicon import Lexicon, per_lexicon

__all__ = [
    "ARTICLES",
    "MAX_DIGITS",
    "NUM",
    "SYM",
    "WORD",
    "Digits",
    "NumberWords",
    "Token",
    "WordNumber",
    "number_words",
    "read_digits",
    "read_number_words",
    "tokenize",
]

NUM, WORD, SYM = 0, 1, 2


class Token(NamedTuple):
    kind: int  # NUM, WORD or SYM
    text: str
    low: str  # lower-cased text
    start: int
    end: int


# A number in digits: groups of three after , or a space-like separator (plain,
# no-break, thin, narrow no-break), or a plain run of digits; then decimals.
# Each repetition starts with a separator, so the groups cannot overlap.
_SEPARATORS = (",", "\u00a0", "\u2009", "\u202f", " ")
_TOKEN = re.compile(
    r"(?P<num>[0-9]{1,3}(?:[,\u00a0\u2009\u202f ][0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<sym>\S)"
)
_KIND_OF_GROUP = {"num": NUM, "word": WORD, "sym": SYM}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: numbers in digits, words (with inner hyphens) and symbols."""
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is the hot loop
    kinds = _KIND_OF_GROUP
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        token_text = match.group()
        kind = kinds[match.lastgroup or "sym"]
        low = token_text.lower() if kind == WORD else token_text
        append(make(Token, (kind, token_text, low, match.start(), match.end())))
    return tokens


MAX_DIGITS = 30  # longer digit strings are identifiers or junk, not figures


class Digits(NamedTuple):
    """A number written in digits, before any scale word."""

    integer: str  # integer digits, separators removed
    decimals: str  # digits after the decimal point, maybe ""

    def scaled(self, scale: int) -> float:
        """The number times ``scale``, computed on integers so 1.1 million is exact."""
        numerator = int(self.integer + self.decimals) * scale
        return float(numerator / 10 ** len(self.decimals))

    def precision(self, scale: int) -> float | None:
        """The rounding unit: decimals written set it, else the last non-zero digit.

        Only meaningful for round figures; the caller decides when it applies.
        """
        if self.decimals:
            return float(scale / 10 ** len(self.decimals))
        stripped = self.integer.rstrip("0")
        if not stripped.strip("0"):
            return None  # zero has no last non-zero digit
        return float(scale * 10 ** (len(self.integer) - len(stripped)))


def read_digits(text: str) -> Digits | None:
    """Split a NUM token; None when it has too many digits to be a figure."""
    integer, _, decimals = text.partition(".")
    for separator in _SEPARATORS:
        integer = integer.replace(separator, "")
    if len(integer) + len(decimals) > MAX_DIGITS:
        return None
    return Digits(integer.lstrip("0") or "0", decimals)


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number vocabulary of a lexicon, ready for lookups.

    ``small`` holds every spelling of 0–99 as one word ("seven", "forty",
    "twenty-one"); ``tens`` the tens; ``scales`` the scale words ("million");
    ``suffixes`` scale words and abbreviations after digits ("million", "k",
    "bn"); ``ordinal_suffixes`` "st", "nd", …
    """

    small: dict[str, int]
    tens: frozenset[str]
    scales: dict[str, int]
    suffixes: dict[str, int]
    ordinal_suffixes: frozenset[str]


@per_lexicon
def number_words(lexicon: Lexicon) -> NumberWords:
    """The number words of ``lexicon``, compiled once."""
    units = lexicon.numbers("small_numbers")
    tens = lexicon.numbers("tens")
    small = {**units, **tens}
    for ten, tens_value in tens.items():
        for unit, unit_value in units.items():
            if 0 < unit_value < 10:
                small[f"{ten}-{unit}"] = tens_value + unit_value
    scales = lexicon.numbers("scale_words")
    return NumberWords(
        small=small,
        tens=frozenset(tens),
        scales=scales,
        suffixes={**scales, **lexicon.numbers("scale_suffixes")},
        ordinal_suffixes=lexicon.words("ordinal_suffixes"),
    )


class WordNumber(NamedTuple):
    value: int
    end: int  # index of the first token after the number
    has_scale: bool  # a scale word (thousand, million, …) was used


# The grammar words of numbers in words ("a hundred and two", "two dozen").
_HUNDRED, _DOZEN, _AND = "hundred", "dozen", "and"
#: "a hundred", "an estimated …": the articles that can stand for one.
ARTICLES = ("a", "an")


def read_number_words(tokens: list[Token], i: int, words: NumberWords) -> WordNumber | None:
    """A number in words starting at token ``i``: "two", "a hundred and two", "a dozen".

    Greedy but never backs up more than one token, so it is linear.
    """
    state = _WordState(i)
    j = i
    while j < len(tokens) and tokens[j].kind == WORD:
        following = state.step(tokens, j, words)
        if following is None:
            break
        j = following
    if state.end == i:
        return None
    return WordNumber(state.total + state.group, state.end, state.has_scale)


class _WordState:
    """Where a number in words stands: the total so far and the part below the last scale."""

    __slots__ = ("end", "group", "has_scale", "last", "previous_scale", "start", "total")

    def __init__(self, start: int) -> None:
        self.start = start
        self.total = 0
        self.group = 0  # the part below the last scale word
        self.last = ""  # the previous word: small, tens, hundred, scale, a or and
        self.end = start  # first token after the number read so far
        self.has_scale = False
        self.previous_scale = 10**15

    def step(self, tokens: list[Token], j: int, words: NumberWords) -> int | None:
        """Read token j; the next token to read, or None when the number ends before it."""
        word = tokens[j].low
        value = words.small.get(word)
        if value is not None:
            # "twenty five", spaced, adds the unit to the tens
            spaced_unit = self.last == "tens" and tokens[j].start > tokens[j - 1].end
            if self.last not in ("", "hundred", "scale", "and") and not (
                spaced_unit and 0 < value < 10
            ):
                return None
            self.group += value
            self.last = "tens" if word in words.tens else "small"
            self.end = j + 1
            return j + 1
        if word in ARTICLES and j == self.start:
            following = tokens[j + 1].low if j + 1 < len(tokens) else ""
            if following in (_HUNDRED, _DOZEN) or following in words.scales:
                self.group, self.last = 1, "a"
                return j + 1
            return None
        return self.multiplier(tokens, j, words)

    def multiplier(self, tokens: list[Token], j: int, words: NumberWords) -> int | None:
        """ "hundred", "dozen", "and" (after hundred) or a scale word at token j."""
        word, group, last = tokens[j].low, self.group, self.last
        if word == _HUNDRED and last in ("small", "tens", "a") and 0 < group < 100:
            self.group, self.last, self.end = group * 100, "hundred", j + 1
            return j + 1
        if word == _DOZEN and last in ("small", "a") and 0 < group < 100:
            self.group, self.end = group * 12, j + 1
            return None  # "two dozen" is complete; "a dozen thousand" is not English
        if word == _AND and last == "hundred" and j + 1 < len(tokens):
            after = tokens[j + 2].low if j + 2 < len(tokens) else ""
            if tokens[j + 1].low in words.small and after != _HUNDRED:
                self.last = "and"
                return j + 1
            return None
        scale = words.scales.get(word)
        if scale is None or last not in ("small", "tens", "hundred", "a") or group <= 0:
            return None
        if scale >= self.previous_scale:
            return None
        self.total += group * scale
        self.group, self.previous_scale, self.has_scale = 0, scale, True
        self.last, self.end = "scale", j + 1
        return j + 1
