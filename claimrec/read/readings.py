"""How an amount becomes a figure: the reading policy and the counted noun phrase.

:class:`ReadingReader` reads an :class:`~claimrec.read.amounts.Amount` with its
qualifier into a :class:`~claimrec.value.Value` ("more than 5,000", a bare round
"11,000") by the :class:`~claimrec.policy.Policy`, and finds what the figure
counts ("executions of Ukrainian POWs"). :class:`Found` is a figure read at
some tokens, the record every layer above passes on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from claimrec.lexicon import Mode
from claimrec.policy import Policy
from claimrec.read.amounts import Amount, AmountReader, Refusal
from claimrec.read.figure_words import FigureWords
from claimrec.read.tokens import WORD, Token, tokenize
from claimrec.units import count_unit, is_currency, percent_unit, ratio_unit
from claimrec.value import Value

if TYPE_CHECKING:
    import pint

__all__ = ["Found", "ReadingReader"]


class Found(NamedTuple):
    """A figure read at tokens [first, last)."""

    first: int
    last: int
    value: Value
    counted: str | None
    objection: Refusal | None = None  # why it is not one expression (parse_value only)
    in_running_text: str | None = None  # why it is no figure in an article (find_values)
    bare: Amount | None = None  # the amount, read without a qualifier: context may refuse it
    mode: Mode | None = None  # the qualifier's reading ("more than 93,600 hectares")


# Qualifier modes → Value constructors; a bare figure is read by the policy.
_READINGS: dict[Mode, Callable[[float, pint.Unit, float | None, float], Value]] = {
    "exact": lambda x, u, p, t: Value.exact(x, unit=u),  # "exactly 195", "equal to 20"
    "approx": lambda x, u, p, t: Value.approx(x, tolerance=t, precision=p, unit=u),
    "nearly": lambda x, u, p, t: Value.nearly(x, tolerance=t, precision=p, unit=u),
    "just_over": lambda x, u, p, t: Value.just_over(x, tolerance=t, precision=p, unit=u),
    "at_least": lambda x, u, p, t: Value.at_least(x, unit=u, precision=p),
    "more_than": lambda x, u, p, t: Value.more_than(x, unit=u, precision=p),
    "at_most": lambda x, u, p, t: Value.at_most(x, unit=u, precision=p),
    "less_than": lambda x, u, p, t: Value.less_than(x, unit=u, precision=p),
}


@lru_cache(maxsize=32)
def _vague_table(
    amounts: tuple[tuple[str, float, float], ...],
) -> tuple[dict[tuple[str, ...], tuple[float, float]], int, frozenset[str]]:
    table = {
        tuple(token.low for token in tokenize(phrase)): (float(low), float(high))
        for phrase, low, high in amounts
    }
    table.pop((), None)
    longest = max((len(key) for key in table), default=0)
    return table, longest, frozenset(key[0] for key in table)


class ReadingReader(AmountReader):
    """Amounts read as figures by a policy, with their counted noun phrases."""

    def __init__(self, source: str, tokens: list[Token], policy: Policy, words: FigureWords):
        super().__init__(source, tokens, words)
        self.policy = policy
        self.vague, self.vague_longest, self.vague_starts = _vague_table(policy.vague_amounts)

    # --- reading policy -------------------------------------------------------

    def read(self, amount: Amount, mode: Mode | None) -> Value:
        x = amount.number
        unit = amount.unit or count_unit()
        policy = self.policy
        precision = amount.precision if policy.round_figures else None
        if mode is not None:
            return _READINGS[mode](x, unit, precision, policy.approx_tolerance)
        if policy.bare_counts == "at_least" and unit == count_unit():
            return Value.at_least(x, unit=unit, precision=precision)
        if precision is not None:
            return Value.rounded(x, precision=precision, unit=unit)
        return Value.exact(x, unit=unit)

    def overflows(self, amount: Amount, mode: Mode | None) -> bool:
        """Whether :meth:`read` may widen the amount past a float's range ("about
        1.7e308": its high end would be inf, which no stated figure may have); either
        way, so "nearly -1.7e308" is refused too."""
        x = abs(amount.number)
        widened = (amount.precision or 0.0) / 2
        if mode in ("approx", "nearly", "just_over"):
            widened = max(widened, x * self.policy.approx_tolerance)
        return not math.isfinite(x + widened)

    # --- the counted noun phrase ----------------------------------------------

    def counted_after(self, amount: Amount) -> str | None:
        unit = amount.unit
        if unit is None:
            return self.phrase_at(amount.end)
        if unit == percent_unit() or unit == ratio_unit() or is_currency(unit):
            return self.phrase_at(amount.end, of_only=True)
        complement = self.phrase_at(amount.end, of_only=True)
        return f"{amount.unit_text} of {complement}" if complement else amount.unit_text

    def phrase_at(self, j: int, *, of_only: bool = False) -> str | None:
        """The noun phrase starting at token j ("executions of Ukrainian POWs")."""
        tokens, n, words = self.tokens, self.n, self.words
        if self.low(j) == "of":
            j += 1
            if self.low(j) in words.of_determiners:
                j += 1
        elif of_only:
            return None
        phrase: list[str] = []
        while j < n and len(phrase) < 8 and tokens[j].kind == WORD:
            word = tokens[j].low
            if word == "of" and phrase:
                following = self.low(j + 1)
                if not following or tokens[j + 1].kind != WORD or following in words.phrase_stop:
                    break
            elif self._ends_phrase(word, bool(phrase)):
                break
            phrase.append(tokens[j].text)
            j += 1
        if len(phrase) == 1 and phrase[0].lower().endswith(("ed", "ing")):
            return None  # "five reported receiving": a verb, not a noun
        return " ".join(phrase) or None

    def _ends_phrase(self, word: str, started: bool) -> bool:
        words = self.words
        if word in words.phrase_stop or word in words.numbers.small:
            return True
        if word in words.numbers.suffixes:
            return True
        if word in words.phrase_nouns:
            return False
        # "allegedly killed"; "servicemen released"
        return word.endswith("ly") or (started and word.endswith(("ed", "ing")))
