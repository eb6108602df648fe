"""Amounts: a number with its currency, scale word, unit and postfix, at some tokens.

The lowest layer of the figure grammar (:mod:`claimrec.read.figures`): "$2bn",
"1.5 million hectares", "30,000+", "two dozen". An amount that cannot be a
figure at all ("3rd", forty digits in a row) comes back as a :class:`Refusal`
with its reason; whether that is an error (``parse_value``) or a token to skip
(``find_values``) is the caller's business.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimrec.lexicon import Mode
from claimrec.read.amount_tails import TailReader, proper_fraction, vulgar_fraction
from claimrec.read.amount_types import TOO_LARGE, Amount, Refusal
from claimrec.read.digits import Digits, read_digits
from claimrec.read.tokens import NUM, SYM, WORD, read_number_words
from claimrec.units import is_currency, match_unit_words, ratio_unit

if TYPE_CHECKING:
    import pint

    from claimrec.read.tokens import Token

__all__ = ["Amount", "AmountReader", "Refusal", "precision_of"]


_MINUS_SIGNS = ("-", "−")


def _finite(value: float) -> float:
    """A number of words as a float; inf past a float's range ("a million million …")."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


@dataclass(slots=True)
class _Draft:
    """An amount being read, phase by phase (:meth:`AmountReader.amount_at`)."""

    start: int  # the first token (a minus, a currency or the number)
    j: int  # the next token to read
    sign: float = 1.0
    currency: pint.Unit | None = None  # written before the number
    code_scale: int = 1  # the factor of a scaled currency code ("MUSD")
    number_index: int = 0
    digits: Digits | None = None  # None for a number in words
    scale: int = 1
    number: float = 0.0
    in_words: bool = False
    literal: bool = False  # read as written, never as a round figure
    share: bool = False  # a fraction below one ("two-thirds", "3/4", "½")
    postfix: Mode | None = None
    unit: pint.Unit | None = None
    unit_text: str | None = None
    after_unit: int = 0


class AmountReader(TailReader):
    """Amounts over one token list: a number with its currency, scale, unit and tails."""

    def sign_at(self, i: int) -> int:
        """The token after a minus written at token i ("-7", "−2.4%", "minus 5"), or i."""
        if i >= self.n:
            return i
        token = self.tokens[i]
        if token.kind == SYM and token.text in _MINUS_SIGNS:
            following = i + 1
            if following >= self.n or self.tokens[following].kind != NUM:
                return i
            if not self.glued(following) and i > 0:
                return i  # "- 5" spaced is read only at the start of a text
            if i > 0 and self.glued(i) and self.tokens[i - 1].kind in (NUM, WORD):
                return i  # "30-40", "Covid-19": a dash, not a minus
            return following
        if token.kind == WORD and token.low in self.words.numbers.minus:
            if i > 0 and self.tokens[i - 1].kind == NUM:
                return i  # "5 minus 3" is arithmetic
            return i + 1
        return i

    def amount_at(self, i: int) -> Amount | Refusal | None:
        """A number at token i, with currency before it and scale, unit after it."""
        draft = self._opening_at(i)
        if draft is None:
            return None
        token = self.tokens[draft.j]
        draft.number_index = draft.j
        read: _Draft | Amount | Refusal | None
        if token.kind == NUM:
            read = self._digits_number(draft)
        elif token.kind == WORD:
            read = self._words_number(draft, token)
        else:
            return None
        if not isinstance(read, _Draft):
            return read  # no number, a refusal, or an amount complete in itself
        if not math.isfinite(draft.number):  # "1e308 billion"
            return Refusal(draft.start, draft.j, TOO_LARGE, draft.j)
        draft.number *= draft.sign
        draft.postfix, draft.j = self.postfix_at(draft.j)
        refused = self._unit_after(draft)
        if refused is None:
            refused = self._unit_tails(draft)
        if refused is not None:
            return refused
        if not math.isfinite(draft.number):  # a tail added past the range ("… 1.7e308 inches")
            return Refusal(draft.start, draft.j, TOO_LARGE, draft.j)
        return self._finished(draft, token)

    def _opening_at(self, i: int) -> _Draft | None:
        """A minus and a currency before a number ("-7", "$5", "$-5", "US$ 40")."""
        if i >= self.n:
            return None
        draft = _Draft(i, i)
        if self.tokens[i].kind != NUM:
            signed = self.sign_at(i)
            if signed != i:
                draft.sign, i = -1.0, signed
        draft.j = i
        if self.tokens[i].kind == NUM:  # the common case: no currency before the number
            return draft
        draft.currency, draft.j = self.currency_at(i)
        draft.code_scale = self.currency_scale
        if draft.j >= self.n:
            return None
        if draft.currency is not None and draft.sign > 0:
            signed = self.sign_at(draft.j)  # "$-5"
            if signed != draft.j:
                draft.sign, draft.j = -1.0, signed
        return draft

    def _digits_number(self, draft: _Draft) -> _Draft | Refusal:
        """Digits with their scale words and tails: "1.5 million", "3 lakh crore", "2½"."""
        read = self._digits_at(draft.j, draft.currency is not None)
        if isinstance(read, Refusal):
            return read._replace(resume=draft.start + 1)
        digits, scale, j = read
        larger = self.words.numbers.scales.get(self.low(j)) if scale > 1 else None
        while larger is not None and larger > scale:  # "3 lakh crore", "7 hundred thousand"
            scale, j = scale * larger, j + 1
            larger = self.words.numbers.scales.get(self.low(j))
        draft.digits, draft.scale, draft.number = digits, scale, digits.scaled(scale)
        draft.share = bool(digits.denominator) and scale == 1
        extra = self._digits_tail(j, digits, scale)
        if extra is not None:
            draft.number, j, draft.literal, draft.share = extra[0], extra[1], True, False
        draft.j = j
        return draft

    def _words_number(self, draft: _Draft, token: Token) -> _Draft | Amount | None:
        """A number in words ("two hundred"), a fraction character ("½"), a word and a
        unit in one ("a six-mile trip") or a multiple ("twice as many")."""
        j, start = draft.j, draft.start
        vulgar = vulgar_fraction(token.text)
        adjective = self._word_adjective(j) if vulgar is None and "-" in token.low else None
        if adjective is not None:
            return adjective._replace(start=start)
        if vulgar is not None:
            draft.number, draft.j, draft.literal, draft.share = vulgar, j + 1, True, True
            return draft
        multiple = self.words.multiple_numbers.get(token.low)
        if multiple is not None and self.low(j + 1) in self.words.multiple_after:
            return Amount(  # "twice as many"
                float(multiple), None, ratio_unit(), None, 1, j, start, j + 1, None, False, True
            )
        words = read_number_words(self.tokens, j, self.words.numbers)
        if words is None:
            return None
        draft.number, draft.j, draft.in_words = _finite(words.value), words.end, True
        draft.literal = words.literal
        draft.share = words.fraction and not words.has_scale and words.value < 1
        if words.has_scale:
            draft.scale = self._last_scale(words.end)
            more = self._continuation(draft.j, draft.number, draft.scale)
            if more is not None:
                draft.number, draft.j = more
        return draft

    def _unit_after(self, draft: _Draft) -> Refusal | None:
        """The unit written after the number ("hectares", "45m", "MUSD", "a 3-inch")."""
        j, currency = draft.j, draft.currency
        unit, unit_text, after_unit = self.unit_at(j)
        if unit is None and draft.digits is not None and draft.scale == 1 and currency is None:
            unit, unit_text, after_unit = self._unit_letter_at(j)
        scaled = self.words.scaled_codes.get(self.tokens[j].text) if j < self.n else None
        if unit is None and scaled is not None and currency is None:
            unit, unit_text, after_unit = scaled[0], self.tokens[j].text, j + 1
            draft.code_scale = scaled[1]
        if draft.code_scale != 1:
            draft.number *= draft.code_scale
            draft.scale *= draft.code_scale
            if not math.isfinite(draft.number):  # "1.5e308 MUSD"
                return Refusal(draft.start, j + 1, TOO_LARGE, j + 1)
        if unit is None and not draft.in_words and self.low(j) in ("-", "‑") and self.glued(j):
            # "a 3-inch screen", "a 45-acre farm": the unit as a hyphenated adjective
            unit, unit_text, after_unit = self.unit_at(j + 1)
            if unit is not None and not self.glued(j + 1):
                unit = None
        if (
            unit is not None
            and draft.scale >= 1_000_000
            and currency is None
            and self.low(after_unit) != "of"
            and (unit_text or "").lower() in self.words.money_pounds
        ):  # "361 million pounds" is money; "5 million pounds of beef" is mass
            unit = self.words.currencies.get("GBP", unit)
        if (
            unit is not None
            and currency is not None
            and (
                unit != currency or self.tokens[j].kind == SYM  # "$ 20.00 $ 37.97": the next sum's
            )
        ):
            unit = None  # "$5 euros" is not read; the currency before the number stands
        draft.unit, draft.unit_text, draft.after_unit = unit, unit_text, after_unit
        return None

    def _unit_tails(self, draft: _Draft) -> Refusal | None:
        """What follows the unit: a rate, cents, a second unit, a scale after a code; or
        a multiple ("three times as many") when no unit was written."""
        unit = draft.unit
        if unit is None:
            if (
                draft.currency is None
                and self.low(draft.j) in self.words.multiple_words
                and self.low(draft.j + 1) in self.words.multiple_after
            ):  # "three times as many"
                draft.unit, draft.unit_text, draft.share = ratio_unit(), None, False
                draft.j += 1
            return None
        unit, draft.unit_text, j = self._rate_tail(draft.after_unit, unit, draft.unit_text)
        draft.number, j = self._subunit_tail(j, draft.number, unit)
        if not draft.in_words and draft.number >= 0:
            draft.number, j = self._compound_tail(j, draft.number, unit)
        scale_after = self.words.numbers.scales.get(self.low(j))
        digits = draft.digits is not None
        if scale_after is not None and draft.scale == 1 and is_currency(unit) and digits:
            draft.number, draft.scale, j = draft.number * scale_after, scale_after, j + 1
            if not math.isfinite(draft.number):  # "75 USD million"
                return Refusal(draft.start, j, TOO_LARGE, j)
        draft.unit, draft.j = unit, j
        return None

    def _finished(self, draft: _Draft, token: Token) -> Amount:
        """The amount of a draft read to its end; ``token`` holds its number."""
        postfix, j = draft.postfix, draft.j
        if postfix is None:
            postfix, j = self.postfix_at(j)
        unit, unit_text = draft.unit, draft.unit_text
        if unit is None and draft.share and draft.currency is None:
            unit = ratio_unit()  # "two-thirds of voters": a share, not a count
        if unit is None:
            unit, unit_text = draft.currency, None
        number, digits, scale = draft.number, draft.digits, draft.scale
        plain_year = (
            digits is not None and len(token.text) == 4 and scale == 1 and unit is None
            and postfix is None and 1800 <= number <= 2100
        )  # fmt: skip
        precision = None if draft.literal else precision_of(abs(number), digits, scale, unit)
        return Amount(
            number, precision, unit, unit_text, scale,
            draft.number_index, draft.start, j, postfix, plain_year, draft.in_words,
        )  # fmt: skip

    def _word_adjective(self, j: int) -> Amount | None:
        """ "a six-mile trip", "a two-hour extension": a number word and a unit in one."""
        token = self.tokens[j]
        head, _, tail = token.low.partition("-")
        number = self.words.numbers.small.get(head)
        if number is None:
            return None
        if tail in self.words.numbers.small:
            return None  # "twenty-five" is a number
        if tail.endswith("-old"):
            return None  # "a six-year-old": an age
        unit = match_unit_words(tail, self.words.lexicon)
        if unit is None:
            return None
        return Amount(
            float(number), None, unit, tail, 1, j, j, j + 1, None, False, True,
        )  # fmt: skip

    def _days_of_month(self, j: int) -> bool:
        """ "16/17 May", "May 16/17": two days in a row of a named month."""
        first, _, last = self.tokens[j].text.partition("/")
        if not (first.isdigit() and last.isdigit() and int(first) + 1 == int(last) <= 31):
            return False
        months, tokens = self.words.months, self.tokens
        following = tokens[j + 1].low if j + 1 < self.n else ""
        return (j + 1 < self.n and tokens[j + 1].text in months) or (
            j >= 1 and tokens[j - 1].text.rstrip(".") in months and following != "of"
        )  # "in May 2/3 of voters" is a share

    def _digits_at(self, j: int, after_currency: bool) -> tuple[Digits, int, int] | Refusal:
        """Digits at token j and the scale word or suffix after them."""
        tokens, n, suffixes = self.tokens, self.n, self.words.numbers.suffixes
        token = tokens[j]
        digits = read_digits(token.text)
        if digits is None:
            return Refusal(j, j + 1, "too many digits to be a figure", j + 1)
        if token.text[0] == "0" and len(token.text) >= 3 and token.text[1].isdigit():
            return Refusal(j, j + 1, f"{token.text!r} is a code (a leading zero)", j + 1)
        if digits.denominator and not proper_fraction(digits, token.text):
            return Refusal(j, j + 1, "a date or code (like 22/04), not a fraction", j + 1)
        if digits.denominator and self._days_of_month(j):
            return Refusal(j, j + 1, "two days of a month (like 16/17 May), not a fraction", j + 1)
        j += 1
        if j < n and tokens[j].kind == WORD and tokens[j].text.isupper():
            capital = self.words.capital_scales.get(tokens[j].low)
            if capital is not None:  # "5 B users", "2M views", "US$ 1MM"
                return digits, capital, j + 1
        if j < n and tokens[j].kind == WORD and self.glued(j):
            suffix = tokens[j].low
            if suffix in self.words.unit_letters and not after_currency:
                after = j + 1
                if after < n and tokens[after].kind == NUM and self.glued(after):
                    written = tokens[after].text
                    if match_unit_words(suffix + written, self.words.lexicon) is None:
                        glued = token.text + tokens[j].text + written  # "5m21": a code
                        return Refusal(j - 1, after + 1, f"{glued!r} is a name or code", after + 1)
                if suffix == "m" and self._million_after(j + 1):
                    return digits, suffixes[suffix], j + 1  # "1m people"
                return digits, 1, j  # "45m", "100t", "24h": the unit is read after
            if suffix in suffixes:
                return digits, suffixes[suffix], j + 1
            if vulgar_fraction(tokens[j].text) is not None:
                return digits, 1, j  # "12½": the fraction is read by _digits_tail
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
            and (after_currency or tokens[j].low not in self.words.currency_only_suffixes)
        ):
            return digits, suffixes[tokens[j].low], j + 1
        return digits, 1, j

    def _million_after(self, j: int) -> bool:
        """Whether the word at token j makes a glued "m" a million ("1m people"); so
        does the end of a clause ("sales of 12m."), as "12k" would."""
        if j >= self.n or (self.tokens[j].kind == SYM and self.tokens[j].text in ".,;:!?)"):
            return True
        if self.tokens[j].kind != WORD:
            return False
        word, words = self.tokens[j].low, self.words
        if word in words.million_m_before:
            return True
        # a plural noun or a unit: "4m viewers", "2.3m barrels"; not "1.8m is", "5m across"
        return word in words.unit_first_words or (
            len(word) > 3
            and word.endswith("s")
            and not word.endswith("ss")
            and word not in words.phrase_stop
        )

    def _last_scale(self, end: int) -> int:
        word = self.tokens[end - 1].low
        return self.words.numbers.suffixes.get(word, 1) if word != "m" else 1

    def postfix_at(self, j: int) -> tuple[Mode | None, int]:
        mode, end = self.match_phrase(j, self.words.postfixes)
        if mode is not None and self.low(end) == "than":
            if self.amount_at(end + 1) is not None:
                return None, j  # "5000 or more than 4500": a second figure's qualifier
            end += 1  # "200 or greater than"
        if mode is not None and self.low(j) in self.words.bound_joiners:
            longer, after = self.match_phrase(j + 1, self.words.qualifiers)
            if longer is not None and after > end:
                return None, j  # "twenty and less or equal than 35": a second bound
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
