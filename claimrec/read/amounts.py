"""Amounts: a number with its currency, scale word, unit and postfix, at some tokens.

The lowest layer of the figure grammar (:mod:`claimrec.read.figures`): "$2bn",
"1.5 million hectares", "30,000+", "two dozen". An amount that cannot be a
figure at all ("3rd", forty digits in a row) comes back as a :class:`Refusal`
with its reason; whether that is an error (``parse_value``) or a token to skip
(``find_values``) is the caller's business.
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from claimrec.lexicon import Mode
from claimrec.read.figure_words import FigureWords, PhraseTable
from claimrec.read.tokens import NUM, SYM, WORD, Digits, Token, read_digits, read_number_words
from claimrec.units import (
    convert,
    is_currency,
    match_unit_words,
    parse_unit,
    percent_unit,
    ratio_unit,
    same_dimension,
)

if TYPE_CHECKING:
    import pint

__all__ = ["Amount", "AmountReader", "Refusal", "precision_of"]


_MINUS_SIGNS = ("-", "−")
_TOO_LARGE = "too large to be a figure (past a float's range)"


def _vulgar(text: str) -> float | None:
    """The value of a fraction character ("½", "¾"), or None."""
    if len(text) != 1 or unicodedata.category(text) != "No":
        return None
    value = unicodedata.numeric(text, -1.0)
    return value if 0 < value < 1 else None


def _proper(digits: Digits, text: str) -> bool:
    """Whether a fraction in digits reads as one ("3/4"), not as a date or code ("22/04")."""
    numerator, _, denominator = text.partition("/")
    if denominator.startswith("0") or numerator.startswith("0"):
        return False
    return 0 < int(numerator) < digits.denominator <= 1000


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
        self.ages: set[int] = set()  # number tokens already read as ages or names
        self.currency_scale = 1  # the factor of a scaled code read by currency_at ("MUSD")

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
            if token.text in self.words.currencies:  # "10 $", "5 €", "100₾"
                return self.words.currencies[token.text], token.text, j + 1
            if token.text in "([{<" and j + 2 < self.n and self.tokens[j + 2].text in ")]}>":
                unit, text, end = self.unit_at(j + 1)  # "20 (kg)"
                if unit is not None and end == j + 2:
                    return unit, text, j + 3
            if token.text in self.words.unit_symbols:  # '10 "', "90°"
                scale = self.low(j + 1)  # "40°C", "100° Celsius": a temperature
                if scale:
                    named = match_unit_words(token.text + scale, self.words.lexicon)
                    named = named or match_unit_words(scale, self.words.lexicon)
                    if named is not None and same_dimension(named, "degC"):
                        return named, token.text + self.tokens[j + 1].text, j + 2
                unit = match_unit_words(token.text, self.words.lexicon)
                if unit is not None:
                    return unit, token.text, j + 1
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
        """A currency written before a number: "$", "US$", "PLN" (in capitals), "RM",
        "MUSD" (a million dollars: the factor is kept in ``currency_scale``)."""
        tokens, words = self.tokens, self.words
        currencies = words.currencies
        self.currency_scale = 1
        if j >= self.n:
            return None, j
        token = tokens[j]
        if token.kind == SYM and token.text in currencies and self.glued(j + 1):
            country = self.low(j + 1)  # "$US 40 million", "$A 5": the country after the sign
            alias = words.currency_prefixes.get(country)
            if alias is not None and alias == country + token.text:
                return match_unit_words(alias, words.lexicon), j + 2
        if token.text in currencies and (token.kind == SYM or token.text.isupper()):
            return currencies[token.text], j + 1  # "$5", "USD 50", "EUR1.2bn", "USD115"
        if token.kind != WORD:
            return None, j
        alias = words.currency_prefixes.get(token.low)
        if token.low == "s" and self.low(j - 1) == "." and self.low(j - 2) == "u":
            alias = words.currency_prefixes.get("us", alias)  # "u.s $ 100" is no S$
        if alias is not None and j + 1 < self.n and alias.endswith(tokens[j + 1].text):
            return match_unit_words(alias, words.lexicon), j + 2  # "US$", "C$", "HK$"
        unit = words.currency_words.get(token.text)
        if unit is not None:
            after = j + 2 if self.low(j + 1) == "." and self.glued(j + 1) else j + 1
            if after < self.n and tokens[after].kind == NUM:
                # "RM 50", "Rs. 400", "R1,500", "R5bn"; but "PS5" is a console, "R10" a code:
                # glued to a short prefix, only a sum written like money is read
                weak = len(token.text) <= 2 and self.glued(after)
                if not weak or self._written_like_money(after):
                    return unit, after
            return None, j
        scaled = words.scaled_codes.get(token.text)
        if scaled is not None:
            self.currency_scale = scaled[1]
            return scaled[0], j + 1
        return None, j

    def _written_like_money(self, j: int) -> bool:
        """Whether the number at token j is written like a sum ("1,500", "2.50", "5bn")."""
        if j >= self.n or self.tokens[j].kind != NUM:
            return False
        text = self.tokens[j].text
        return "," in text or "." in text or self.low(j + 1) in self.words.numbers.suffixes

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
        if i >= self.n:
            return None
        start = i
        sign, code_scale = 1.0, 1
        if self.tokens[i].kind != NUM:
            signed = self.sign_at(i)
            if signed != i:
                sign, i = -1.0, signed
        if self.tokens[i].kind == NUM:  # the common case: no currency before the number
            currency, j = None, i
        else:
            currency, j = self.currency_at(i)
            code_scale = self.currency_scale
            if j >= self.n:
                return None
            if currency is not None and sign > 0:
                signed = self.sign_at(j)  # "$-5"
                if signed != j:
                    sign, j = -1.0, signed
        token = self.tokens[j]
        number_index, digits, scale = j, None, 1
        literal = share = False  # share: a fraction below one ("two-thirds", "3/4", "½")
        if token.kind == NUM:
            read = self._digits_at(j, currency is not None)
            if isinstance(read, Refusal):
                return read._replace(resume=start + 1)
            digits, scale, j = read
            larger = self.words.numbers.scales.get(self.low(j)) if scale > 1 else None
            while larger is not None and larger > scale:  # "3 lakh crore", "7 hundred thousand"
                scale, j = scale * larger, j + 1
                larger = self.words.numbers.scales.get(self.low(j))
            number, in_words = digits.scaled(scale), False
            share = bool(digits.denominator) and scale == 1
            extra = self._digits_tail(j, digits, scale)
            if extra is not None:
                number, j, literal, share = extra[0], extra[1], True, False
        elif token.kind == WORD:
            vulgar = _vulgar(token.text)
            adjective = self._word_adjective(j) if vulgar is None and "-" in token.low else None
            if adjective is not None:
                return adjective._replace(start=start)
            multiple = self.words.multiple_numbers.get(token.low)
            if vulgar is not None:
                number, j, in_words, literal, share = vulgar, j + 1, False, True, True
            elif multiple is not None and self.low(j + 1) in self.words.multiple_after:
                number, j, in_words = float(multiple), j + 1, True  # "twice as many"
                return Amount(
                    number, None, ratio_unit(), None, 1, j - 1, start, j, None, False, True
                )
            else:
                words = read_number_words(self.tokens, j, self.words.numbers)
                if words is None:
                    return None
                number, j, in_words, literal = float(words.value), words.end, True, words.literal
                share = words.fraction and not words.has_scale and words.value < 1
                if words.has_scale:
                    scale = self._last_scale(words.end)
                more = self._continuation(j, number, scale) if words.has_scale else None
                if more is not None:
                    number, j = more
        else:
            return None
        if not math.isfinite(number):  # "1e308 billion"
            return Refusal(start, j, _TOO_LARGE, j)
        number *= sign
        postfix, j = self.postfix_at(j)
        unit, unit_text, after_unit = self.unit_at(j)
        if unit is None and digits is not None and scale == 1 and currency is None:
            unit, unit_text, after_unit = self._unit_letter_at(j)
        scaled = self.words.scaled_codes.get(self.tokens[j].text) if j < self.n else None
        if unit is None and scaled is not None and currency is None:
            unit, unit_text, after_unit = scaled[0], self.tokens[j].text, j + 1
            code_scale = scaled[1]
        if code_scale != 1:
            number, scale = number * code_scale, scale * code_scale
            if not math.isfinite(number):  # "1.5e308 MUSD"
                return Refusal(start, j + 1, _TOO_LARGE, j + 1)
        if unit is None and not in_words and self.low(j) in ("-", "‑") and self.glued(j):
            # "a 3-inch screen", "a 45-acre farm": the unit as a hyphenated adjective
            unit, unit_text, after_unit = self.unit_at(j + 1)
            if unit is not None and not self.glued(j + 1):
                unit = None
        if (
            unit is not None
            and scale >= 1_000_000
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
        if unit is not None:
            j = after_unit
            unit, unit_text, j = self._rate_tail(j, unit, unit_text)
            number, j = self._subunit_tail(j, number, unit)
            if not in_words and number >= 0:
                number, j = self._compound_tail(j, number, unit)
            scale_after = self.words.numbers.scales.get(self.low(j))
            if scale_after is not None and scale == 1 and is_currency(unit) and digits is not None:
                number, scale, j = number * scale_after, scale_after, j + 1  # "75 USD million"
                if not math.isfinite(number):
                    return Refusal(start, j, _TOO_LARGE, j)
        if (
            unit is None
            and currency is None
            and self.low(j) in self.words.multiple_words
            and self.low(j + 1) in self.words.multiple_after
        ):  # "three times as many"
            unit, unit_text, j, share = ratio_unit(), None, j + 1, False
        if postfix is None:
            postfix, j = self.postfix_at(j)
        if unit is None and share and currency is None:
            unit = ratio_unit()  # "two-thirds of voters": a share, not a count
        if unit is None:
            unit, unit_text = currency, None
        plain_year = (
            digits is not None and len(token.text) == 4 and scale == 1 and unit is None
            and postfix is None and 1800 <= number <= 2100
        )  # fmt: skip
        precision = None if literal else precision_of(abs(number), digits, scale, unit)
        return Amount(
            number, precision, unit, unit_text, scale,
            number_index, start, j, postfix, plain_year, in_words,
        )  # fmt: skip

    def _unit_letter_at(self, j: int) -> tuple[pint.Unit | None, str | None, int]:
        """ "45m", "100t", "24h" (glued), "12 m" (spaced): a unit letter after digits."""
        if j >= self.n or self.tokens[j].kind != WORD or self.tokens[j - 1].kind != NUM:
            return None, None, j
        token = self.tokens[j]
        unit = self.words.unit_letters.get(token.text)  # as written: "M" is no metre
        if unit is None or not (self.glued(j) or token.text == "m"):
            return None, None, j
        if self.glued(j + 1) and self.tokens[j + 1].kind == NUM:  # "24703m2", not "m212"
            written = token.text + self.tokens[j + 1].text
            power = match_unit_words(written, self.words.lexicon)
            return (power, written, j + 2) if power is not None else (None, None, j)
        return unit, token.text, j + 1

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
                if fraction is not None and _proper(fraction, following.text):
                    return number + fraction.scaled(1), j + 1
            vulgar = _vulgar(following.text) if following.kind == WORD else None
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

    def _digits_at(self, j: int, after_currency: bool) -> tuple[Digits, int, int] | Refusal:
        """Digits at token j and the scale word or suffix after them."""
        tokens, n, suffixes = self.tokens, self.n, self.words.numbers.suffixes
        token = tokens[j]
        digits = read_digits(token.text)
        if digits is None:
            return Refusal(j, j + 1, "too many digits to be a figure", j + 1)
        if token.text[0] == "0" and len(token.text) >= 3 and token.text[1].isdigit():
            return Refusal(j, j + 1, f"{token.text!r} is a code (a leading zero)", j + 1)
        if digits.denominator and not _proper(digits, token.text):
            return Refusal(j, j + 1, "a date or code (like 22/04), not a fraction", j + 1)
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
            if _vulgar(tokens[j].text) is not None:
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
