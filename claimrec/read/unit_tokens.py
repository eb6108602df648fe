"""Units and currencies written at tokens: "%", "hectares", "km²", "$", "US$", "PLN".

The token helpers every layer of the figure grammar uses (:class:`TokenReader`:
the lower-cased word at a token, whether two tokens touch, the longest phrase of
a table) and the units read after a number or the currency before one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimrec.lexicon import Mode
from claimrec.read.figure_words import FigureWords, PhraseTable
from claimrec.read.tokens import NUM, SYM, WORD, Token
from claimrec.units import match_unit_words, percent_unit, same_dimension

if TYPE_CHECKING:
    import pint

__all__ = ["TokenReader"]


class TokenReader:
    """Token helpers, units and currencies over one token list."""

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
            if end > n:
                continue
            for m in range(1, len(key)):  # a loop, not all(): this runs at every candidate
                if tokens[j + m].low != key[m]:
                    break
            else:
                return mode, end
        return None, j

    def text(self, first: int, last: int) -> str:
        """The text of tokens [first, last), for messages."""
        last = min(last, self.n)
        if first >= last:
            return "?"
        return self.source[self.tokens[first].start : self.tokens[last - 1].end]

    # --- units and currencies ---------------------------------------------------

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
