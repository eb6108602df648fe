"""Tokens for the figure grammar, and numbers in words.

Numbers in digits are :mod:`claimrec.read.digits` (``Digits`` and ``read_digits``
are also importable from here). Everything here runs in time linear in the input:
the token regex has no nested quantifier over overlapping classes, and the number
readers look at most a few tokens ahead of where they start. The number words
themselves are data (``numbers.txt`` of the lexicon), compiled once per lexicon
by :func:`number_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.digits import MAX_DIGITS, Digits, read_digits

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
    low: str  # lower-cased text (of words; numbers and symbols as written but for case)
    start: int
    end: int


# A number in digits: groups of three after , or a space-like separator (plain,
# no-break, thin, narrow no-break), or a plain run of digits; then decimals.
# Each repetition starts with a separator, so the groups cannot overlap; each group
# says by a lookahead whether it ends the number, so the repetitions are possessive
# (``++``): the regex engine keeps no backtracking state per group, which made a
# number of a million digit groups cost several times a linear share.
_SEPARATORS = (",", "\u00a0", "\u2009", "\u202f", " ")
_TOKEN = re.compile(
    # words first: most tokens are words, and no number starts with a letter
    r"(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?=[0-9.])(?P<num>"
    # scientific notation: "1.3e6", "12.32e+14", "6.23x10^-4"
    r"[0-9]+(?:\.[0-9]+)?(?:[eE][+\-]?[0-9]{1,3}|[x×][0-9]{2}\^[+\-]?[0-9]{1,3})(?![\w^])"
    # a power: "2.5^-1", "1.1^+23" (two signs cancel: "1.1^--23")
    r"|[0-9]{1,6}(?:\.[0-9]{1,6})?\^[+\-]{0,2}[0-9]{1,3}(?![\w^.])"
    # a fraction in digits: "3/4" (never a date's part: no third part follows)
    r"|(?<![0-9/])[0-9]{1,3}/[0-9]{1,4}(?![0-9/])"
    # a decimal comma: "1.111,11", "1,3" (one or two decimals, no list "1,2,3" after)
    r"|(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}(?=[.,]))++,[0-9]+(?![0-9]|[.,][0-9])"
    r"|(?<![0-9.,])[0-9]{1,3},[0-9]{1,2}(?![0-9]|[.,][0-9])"
    # Indian grouping: "12,34,567.89"
    r"|[0-9]{1,2}(?:,[0-9]{2}(?=,))++,[0-9]{3}(?:\.[0-9]+)?(?![0-9,])"
    r"|[0-9]{1,3}(?:[,\u00a0\u2009\u202f ][0-9]{3}(?![0-9]))++(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?"
    # a leading decimal point: ".08"
    r"|(?<![\w.])\.[0-9]+)"
    r"|(?P<sym>\S)"
)
_KIND_OF_GROUP = {"num": NUM, "word": WORD, "sym": SYM}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: numbers in digits, words (with inner hyphens) and symbols."""
    make = tuple.__new__  # skips NamedTuple's Python-level __new__: tokenizing is the hot loop
    kinds = _KIND_OF_GROUP
    return [
        make(Token, (kinds[m.lastgroup or "sym"], t := m.group(), t.lower(), m.start(), m.end()))
        for m in _TOKEN.finditer(text)
    ]


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The number vocabulary of a lexicon, ready for lookups.

    ``small`` holds every spelling of 0–99 as one word ("seven", "forty",
    "twenty-one"); ``tens`` the tens; ``scales`` the scale words ("million");
    ``suffixes`` scale words and abbreviations after digits ("million", "k",
    "bn"); ``ordinal_suffixes`` "st", "nd", …; ``fractions`` the denominator
    words, singular and plural ("third", "thirds", "twenty-fifth");
    ``plural_fractions`` the plural ones; ``digits`` the digit words read after
    ``point_words``; ``dozens`` the words for twelve; ``minus`` "minus", "negative".
    """

    small: dict[str, int]
    tens: frozenset[str]
    scales: dict[str, int]
    suffixes: dict[str, int]
    ordinal_suffixes: frozenset[str]
    fractions: dict[str, int] = field(default_factory=dict)
    plural_fractions: frozenset[str] = frozenset()
    digits: dict[str, int] = field(default_factory=dict)
    point_words: frozenset[str] = frozenset()
    dozens: frozenset[str] = frozenset()
    minus: frozenset[str] = frozenset()


def _fraction_words(lexicon: Lexicon) -> tuple[dict[str, int], frozenset[str]]:
    ordinals = lexicon.numbers("ordinals")  # "first", "second", "third", "fourth"
    single = dict(lexicon.numbers("fraction_words"))
    single.update({word: value for word, value in ordinals.items() if value > 2})
    plural: dict[str, int] = {}
    for word, value in list(single.items()):
        if word.endswith("s"):
            plural[word] = value
            del single[word]
    for ten, tens_value in lexicon.numbers("tens").items():
        unit_ordinals = {**ordinals, **lexicon.numbers("fraction_words")}
        for unit, unit_value in unit_ordinals.items():
            if not 0 < unit_value < 10 or unit.endswith("s") or unit in ("half", "quarter"):
                continue
            single[f"{ten}-{unit}"] = tens_value + unit_value
    for word, value in single.items():
        plural.setdefault(word + "s", value)
    plural.setdefault("halfs", 2)
    return {**single, **plural}, frozenset(plural)


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
    fractions, plural = _fraction_words(lexicon)
    dozens = lexicon.words("dozen_words")
    return NumberWords(
        small=small,
        tens=frozenset(tens),
        scales=scales,
        suffixes={**scales, **lexicon.numbers("scale_suffixes"), **dict.fromkeys(dozens, 12)},
        ordinal_suffixes=lexicon.words("ordinal_suffixes"),
        fractions=fractions,
        plural_fractions=plural,
        digits={
            **{word: value for word, value in units.items() if value < 10},
            **lexicon.numbers("digit_words"),
        },
        point_words=lexicon.words("decimal_point_words"),
        dozens=dozens,
        minus=lexicon.words("minus_words"),
    )


class WordNumber(NamedTuple):
    value: float
    end: int  # index of the first token after the number
    has_scale: bool  # a scale word (thousand, million, …) was used
    literal: bool = False  # a fraction or decimals: never read as a round figure
    fraction: bool = False  # a fraction ("two thirds", "a quarter"), maybe times a scale


# The grammar words of numbers in words ("a hundred and two", "two dozen").
_HUNDRED, _DOZEN, _AND, _OF = "hundred", "dozen", "and", "of"
#: "a hundred", "an estimated …": the articles that can stand for one.
ARTICLES = ("a", "an")
_HALF_WORDS = ("half", "quarter")  # "half a million", "quarter million": no article needed


def _low(tokens: list[Token], j: int) -> str:
    return tokens[j].low if 0 <= j < len(tokens) and tokens[j].kind == WORD else ""


def read_number_words(tokens: list[Token], i: int, words: NumberWords) -> WordNumber | None:
    """A number in words starting at token ``i``: "two", "a hundred and two", "a dozen",
    "two thirds", "five and a half million", "nine point nought four".

    Greedy but looks at most a few tokens ahead of each word, so it is linear.
    """
    lead = _leading_fraction(tokens, i, words) or _hyphenated_fraction(tokens, i, words)
    if lead is not None:
        return lead
    state = _WordState(i)
    j = i
    while j < len(tokens):
        if tokens[j].kind != WORD:
            if not _spaced_hyphen(tokens, j) or state.last != "tens":
                break
            j += 1  # "fifty - two": a hyphen written with spaces
            continue
        following = state.step(tokens, j, words)
        if following is None:
            break
        j = following
    if state.end == i:
        return None
    return _whole_and_after(tokens, words, state)


def _whole_and_after(tokens: list[Token], words: NumberWords, state: _WordState) -> WordNumber:
    """The whole number read by ``state`` with what makes it a decimal or a fraction:
    "- eighths", "point nought four", "thirds", "and a half"."""
    whole = state.total + state.group
    end = state.end
    if _spaced_hyphen(tokens, end) and _low(tokens, end + 1) in words.fractions:
        end += 1  # "five - eighths"
    # "nine point nought four"
    if _low(tokens, end) in words.point_words:
        decimals = _decimal_words(tokens, end + 1, words)
        if decimals is not None:
            text, after = decimals
            return WordNumber(float(f"{whole}.{text}"), after, state.has_scale, True)
    # "two thirds", "one hundred and thirty fifths", "a hundred trillionths"
    fraction = _denominator(tokens, end, words, whole)
    if fraction is not None and (state.last != "scale" or whole < 1000 or _is_power(fraction)):
        numerator = whole
        tens = words.small.get(_low(tokens, end - 1), 0) if state.last == "tens" else 0
        if 0 < tens < whole and fraction < 10 and _low(tokens, end - 2) != _AND:
            # "one hundred thirty fifths": the tens and the ordinal make one
            # denominator (thirty-fifths) when no "and" ties the tens to the number
            numerator, fraction = whole - tens, tens + fraction
        value, after = _times_scale(tokens, end + 1, words, numerator / fraction)
        return WordNumber(value, after, state.has_scale, True, True)
    compound = _compound_denominator(tokens, end, words, whole)
    if compound is not None:  # "twenty twenty-fifths", spaced
        return WordNumber(whole / compound, end + 2, state.has_scale, True, True)
    ordinal = _ordinal_denominator(tokens, end, words, whole)
    if ordinal is not None:  # "one one hundred and fifth": 1/105
        return WordNumber(whole / ordinal[0], ordinal[1], state.has_scale, True, True)
    if _low(tokens, end) == _AND:
        joined = _and_a_fraction(tokens, end + 1, words, whole, state)
        if joined is not None:
            return joined
    return WordNumber(whole, end, state.has_scale)


def _and_a_fraction(
    tokens: list[Token], j: int, words: NumberWords, whole: int, state: _WordState
) -> WordNumber | None:
    """ "five and a half", "one million and a half", "five and a half million": the
    fraction after "and" (at token j) with the whole number before it."""
    part = _fraction_part(tokens, j, words)
    if part is None:
        return None
    if part[0] >= 1 and not state.has_scale:
        # "one hundred and thirty-two fifths": an improper fraction after "and"
        # counts the whole number too (132 fifths); a proper one is added to it
        return WordNumber((whole + part[0] * part[1]) / part[1], part[2], False, True, True)
    frac, after = part[0], part[2]
    scale = words.scales.get(_low(tokens, after))
    if scale is not None and state.has_scale:
        return WordNumber(whole + frac * scale, after + 1, True, True)
    if state.has_scale:
        return WordNumber(whole + frac * state.previous_scale, after, True, True)
    if scale is not None:
        return WordNumber((whole + frac) * scale, after + 1, True, True)
    return WordNumber(whole + frac, after, False, True, True)


def _denominator(tokens: list[Token], j: int, words: NumberWords, numerator: int) -> int | None:
    """The denominator word at token j that makes ``numerator`` a fraction, or None."""
    word = _low(tokens, j)
    denominator = words.fractions.get(word)
    if denominator is None or numerator <= 0:
        return None
    if numerator != 1 and word not in words.plural_fractions:
        return None  # "three fifth" is not English; "three fifths" is
    if numerator == 1 and word in words.plural_fractions and word not in ("halves", "quarters"):
        return None  # "one thirds"
    return denominator


def _fraction_part(
    tokens: list[Token], j: int, words: NumberWords
) -> tuple[float, int, int] | None:
    """ "a half", "three quarters", "one fifth", "two-thirds" at token j: the
    fraction's value, its denominator and the token after it."""
    word = _low(tokens, j)
    if word in ARTICLES:
        denominator = words.fractions.get(_low(tokens, j + 1))
        if denominator is not None and _low(tokens, j + 1) not in words.plural_fractions:
            return 1 / denominator, denominator, j + 2
        return None
    hyphenated = _hyphen_parts(word, words)
    if hyphenated is not None:
        return hyphenated[0] / hyphenated[1], hyphenated[1], j + 1
    numerator = words.small.get(word)
    if numerator is None:
        return None
    denominator = _denominator(tokens, j + 1, words, numerator)
    if denominator is None:
        return None
    return numerator / denominator, denominator, j + 2


def _is_power(denominator: int) -> bool:
    """Whether a denominator is a hundredth, thousandth, millionth, …"""
    return denominator >= 100 and str(denominator).rstrip("0") == "1"


def _spaced_hyphen(tokens: list[Token], j: int) -> bool:
    """Whether token j is a hyphen with a space on both sides ("fifty - two")."""
    return (
        0 < j < len(tokens) - 1
        and tokens[j].text == "-"
        and tokens[j - 1].end < tokens[j].start
        and tokens[j].end < tokens[j + 1].start
    )


def _hyphen_parts(word: str, words: NumberWords) -> tuple[int, int] | None:
    """ "two-thirds", "one-eighth", "three-twenty-fifths": (numerator, denominator)."""
    if "-" not in word:
        return None
    head, _, tail = word.partition("-")
    numerator = words.small.get(head)
    if numerator is None:
        return None
    denominator = words.fractions.get(tail)
    if denominator is None or (numerator == 1 and tail in words.plural_fractions):
        return None  # "one-thirds"; but "a two-third majority" is written
    return numerator, denominator


def _hyphenated_fraction(tokens: list[Token], i: int, words: NumberWords) -> WordNumber | None:
    """ "two-thirds", "one-quarter of a million": one token."""
    if i >= len(tokens) or tokens[i].kind != WORD:
        return None
    parts = _hyphen_parts(tokens[i].low, words)
    if parts is None:
        return None
    value, after = _times_scale(tokens, i + 1, words, parts[0] / parts[1])
    return WordNumber(value, after, after > i + 1, after == i + 1, True)


def _ordinal_denominator(
    tokens: list[Token], j: int, words: NumberWords, numerator: int
) -> tuple[int, int] | None:
    """ "one hundred fifth", "one hundred and fifth" at token j, after a numerator: the
    denominator (105) and the token after it."""
    if numerator <= 0 or _low(tokens, j) not in words.small:
        return None
    state = _WordState(j)
    k = j
    while k < len(tokens) and tokens[k].kind == WORD:
        following = state.step(tokens, k, words)
        if following is None:
            break
        k = following
    if state.last not in ("hundred", "scale"):
        return None
    k = state.end + 1 if _low(tokens, state.end) == _AND else state.end
    word = _low(tokens, k)
    unit = words.fractions.get(word)
    if unit is None or unit >= 10 or (numerator == 1) == (word in words.plural_fractions):
        return None
    return state.total + state.group + unit, k + 1


def _compound_denominator(
    tokens: list[Token], j: int, words: NumberWords, numerator: int
) -> int | None:
    """ "twenty fifths" spaced at token j, as one denominator (25) after a numerator."""
    ten, unit = _low(tokens, j), _low(tokens, j + 1)
    if ten not in words.tens or not unit or numerator <= 0:
        return None
    if j > 0 and tokens[j].start == tokens[j - 1].end:
        return None
    compound = f"{ten}-{unit}"
    denominator = words.fractions.get(compound)
    if denominator is None or (numerator != 1) != (compound in words.plural_fractions):
        return None
    return denominator


def _leading_fraction(tokens: list[Token], i: int, words: NumberWords) -> WordNumber | None:
    """ "a half", "a third", "half a million", "quarter million", "half a dozen"."""
    word = _low(tokens, i)
    j = i
    if word in ARTICLES:
        j, word = i + 1, _low(tokens, i + 1)
        denominator = words.fractions.get(word)
        if denominator is None or word in words.plural_fractions:
            return None
    elif word not in _HALF_WORDS:
        return None
    else:
        denominator = words.fractions.get(word, 0)
        if not denominator:
            return None
    value, after = _times_scale(tokens, j + 1, words, 1 / denominator)
    bare = after == j + 1 and j == i and _low(tokens, j + 1) not in (_OF, "")
    if bare and (word == "quarter" or _low(tokens, j + 1) in words.fractions):
        return None  # a bare "quarter" stands alone only before "of" or at the end
    return WordNumber(value, after, after > j + 1, after == j + 1, True)


def _times_scale(
    tokens: list[Token], j: int, words: NumberWords, value: float
) -> tuple[float, int]:
    """ "… million", "… a million", "… of a million", "… a dozen" after a fraction."""
    k = j
    if _low(tokens, k) == _OF and _low(tokens, k + 1) in ARTICLES:
        k += 2
    elif _low(tokens, k) in ARTICLES:
        k += 1
    word = _low(tokens, k)
    scale = words.scales.get(word) or (12 if word in words.dozens else None)
    if scale is None or (k == j and word in words.dozens):
        return value, j
    return value * scale, k + 1


def _decimal_words(tokens: list[Token], j: int, words: NumberWords) -> tuple[str, int] | None:
    """The digits after "point": "nought four", "seventy-one", "eleven"."""
    digits: list[str] = []
    k = j
    while k < len(tokens) and len(digits) < 20:
        word = _low(tokens, k)
        if word in words.digits:
            digits.append(str(words.digits[word]))
            k += 1
            continue
        if not digits and word in words.small:
            return str(words.small[word]), k + 1
        break
    if not digits:
        return None
    return "".join(digits), k


class _WordState:
    """Where a number in words stands: the total so far and the part below the last scale."""

    __slots__ = (
        "before_and", "end", "group", "has_scale", "last", "previous_scale", "start", "total",
    )  # fmt: skip

    def __init__(self, start: int) -> None:
        self.start = start
        self.total = 0
        self.group = 0  # the part below the last scale word
        self.last = ""  # the previous word: small, tens, hundred, scale, a or and
        self.end = start  # first token after the number read so far
        self.has_scale = False
        self.previous_scale = 10**15
        self.before_and = 0  # the group before "and" ("three hundred and two dozens")

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
            if self.last == "and" and self.group == 0 and self.total and value == 0:
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
        if word == _HUNDRED and j == self.start:
            following = tokens[j + 1].low if j + 1 < len(tokens) else ""
            if following in words.scales:  # "hundred thousand dollars"
                self.group, self.last, self.end = 100, "hundred", j + 1
                return j + 1
            return None
        return self.multiplier(tokens, j, words)

    def multiplier(self, tokens: list[Token], j: int, words: NumberWords) -> int | None:
        """ "hundred", "dozen", "and" (after hundred) or a scale word at token j."""
        word, group, last = tokens[j].low, self.group, self.last
        if word == _HUNDRED and last in ("small", "tens", "a") and 0 < group < 100:
            self.group, self.last, self.end = group * 100, "hundred", j + 1
            return j + 1
        if word in words.dozens and last in ("small", "tens", "a", "hundred") and group > 0:
            if word != _DOZEN and last == "a":
                return None  # "a dozens"
            before = self.before_and  # "three hundred and two dozens": 300 + 24
            self.group, self.end = before + (group - before) * 12, j + 1
            return None  # "two dozen" is complete; "a dozen thousand" is not English
        if word == _AND and last in ("hundred", "scale") and j + 1 < len(tokens):
            after = tokens[j + 2].low if j + 2 < len(tokens) else ""
            following = tokens[j + 1].low
            if after in words.fractions:
                return None  # "six million and two thirds": a fraction follows
            if following in words.small and (after != _HUNDRED or last == "scale"):
                self.last, self.before_and = "and", group
                return j + 1
            return None
        if word == "-" or word in ("–",):
            return None
        scale = words.scales.get(word)
        if scale is not None and last == "scale" and group == 0 and scale > self.previous_scale:
            # "three lakh crore": a scale word of a scale word multiplies the whole
            self.total *= scale
            self.previous_scale, self.end = scale * self.previous_scale, j + 1
            return j + 1
        if scale is None or last not in ("small", "tens", "hundred", "a") or group <= 0:
            return None
        if scale >= self.previous_scale:
            return None
        self.total += group * scale
        self.group, self.previous_scale, self.has_scale = 0, scale, True
        self.last, self.end = "scale", j + 1
        return j + 1
