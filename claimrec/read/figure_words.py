"""The figure grammar's vocabulary, compiled once per lexicon.

:func:`figure_words` turns the lists of a :class:`~claimrec.lexicon.Lexicon`
(qualifiers.txt, figure_context.txt, numbers.txt, dates.txt, units.txt) into
the lookups the grammar uses per token. Nothing here decides anything: the
rules are in :mod:`claimrec.read.figures` and :mod:`claimrec.read.figure_checks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from claimrec.lexicon import Lexicon, Mode, per_lexicon
from claimrec.read.tokens import ARTICLES, NumberWords, number_words, tokenize
from claimrec.units import currency_units, parse_unit, unit_words

if TYPE_CHECKING:
    import pint

__all__ = ["FigureWords", "PhraseTable", "figure_words"]

#: Phrases as token tuples with their mode, indexed by first token, longest first.
PhraseTable: TypeAlias = dict[str, tuple[tuple[tuple[str, ...], Mode], ...]]


def _phrase_table(entries: dict[str, str]) -> PhraseTable:
    by_first: dict[str, list[tuple[tuple[str, ...], Mode]]] = {}
    for phrase, mode in entries.items():
        key = tuple(token.low for token in tokenize(phrase))
        if key:
            by_first.setdefault(key[0], []).append((key, cast(Mode, mode or "approx")))
    # Longest first: "just under" is tried before "just".
    return {
        first: tuple(sorted(options, key=lambda option: (-len(option[0]), option[0])))
        for first, options in by_first.items()
    }


#: Unicode's fraction characters ("½", "¾", "⅔"): figures on their own.
_VULGAR_FRACTIONS = frozenset(chr(code) for code in (0xBC, 0xBD, 0xBE, *range(0x2150, 0x215F)))


@dataclass(frozen=True, slots=True, eq=False)
class FigureWords:
    """Lookups for the figure grammar; see the lists of the same names in the data files."""

    numbers: NumberWords
    qualifiers: PhraseTable
    postfixes: PhraseTable
    lead_words: PhraseTable
    or_equal_tails: PhraseTable
    bound_joiners: frozenset[str]
    range_words: frozenset[str]  # "to", "through", "or" between the two ends of a range
    percent_words: frozenset[str]  # "percent", "per" (cent), "percents": "per cent of 210"
    score_words: frozenset[str]
    fraction_joiners: PhraseTable
    rate_words: frozenset[str]  # "per", "a", "an", "each": before the time unit of a rate
    rate_time_units: frozenset[str]
    up_to_after: frozenset[str]
    duration_prepositions: frozenset[str]
    currencies: dict[str, pint.Unit]  # "$", "€", "PLN" (codes as written, in capitals)
    currency_prefixes: dict[str, str]  # "us" of "us$" → "us$": the word before a symbol
    currency_words: dict[str, pint.Unit]  # words before a number, as written: "RM", "Rs"
    scaled_codes: dict[str, tuple[pint.Unit, int]]  # "MUSD": a million dollars
    currency_only_suffixes: frozenset[str]  # "m", "b": scales only after a currency
    capital_scales: dict[str, int]  # "M", "B", "MM" in capitals after digits (lower-cased keys)
    unit_letters: dict[str, pint.Unit]  # "m", "t", "h" right after digits
    million_m_before: frozenset[str]  # "1m people": "m" is a million
    second_unit_names: dict[str, str]  # "in" (inch), read only in "5 ft 2 in"
    change_words: frozenset[str]  # "rose", "updated": "from X to Y" is two levels
    count_adjectives: frozenset[str]  # "a 40-member parliament": a count
    count_before: frozenset[str]  # "injuries were 2023": a count, not a year
    multiple_words: frozenset[str]  # "times" of "three times as many"
    multiple_after: frozenset[str]  # "as", "more", "the" after "N times": a multiple
    multiple_numbers: dict[str, int]  # "twice" (as many)
    money_pounds: frozenset[str]  # "pounds" after a million or more: sterling
    part_before: frozenset[str]  # "the second quarter": a part of a period, no fraction
    unit_first_words: frozenset[str]
    unit_symbols: frozenset[str]  # one-character unit names that are not letters: '"', "°"
    word_starts: frozenset[str]  # words a figure may start with (besides number words)
    phrase_only_starts: frozenset[str]  # qualifiers' and articles' first words that start
    #   a figure only as the first word of a phrase ("at" of "at least", "a" of "a hundred")
    article_followers: frozenset[str]  # "a hundred", "a dozen", "a third", "a million"
    symbol_starts: frozenset[str]
    vague_multipliers: dict[str, int]
    months: frozenset[str]  # as written in text: "November", "Nov", "Sept"
    year_before: frozenset[str]
    year_after: frozenset[str]
    name_before: frozenset[str]
    age_before: frozenset[str]
    age_units: tuple[str, ...]
    time_after: frozenset[str]
    one_pronoun_after: frozenset[str]
    one_pronoun_before: frozenset[str]
    phrase_stop: frozenset[str]
    phrase_nouns: frozenset[str]
    of_determiners: frozenset[str]
    topic_prepositions: frozenset[str]
    preposition_after: frozenset[str]
    lexicon: Lexicon


#: Lookups that are one word list of the lexicon each, by the list's name.
_WORD_LISTS = (
    "bound_joiners", "range_words", "score_words", "rate_time_units", "up_to_after",
    "duration_prepositions", "million_m_before", "change_words", "count_adjectives",
    "count_before", "multiple_words", "multiple_after", "money_pounds", "part_before",
    "year_before", "year_after", "name_before", "age_before", "one_pronoun_after",
    "one_pronoun_before", "phrase_stop", "of_determiners", "topic_prepositions",
    "preposition_after",
)  # fmt: skip


def _currency_prefixes(lexicon: Lexicon) -> dict[str, str]:
    """ "us" of "us$" → "us$": the word glued before a currency symbol."""
    units = unit_words(lexicon)
    return {
        alias[: -len(symbol)]: alias
        for alias in units.aliases
        for symbol in units.symbols
        if alias.endswith(symbol) and alias[: -len(symbol)].isalpha()
    }


def _percent_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(
        alias.split()[0]
        for alias, unit in lexicon.table("unit_aliases").items()
        if unit == "percent" and alias.isascii() and alias[0].isalpha()
    )


def _amount_starts(
    lexicon: Lexicon, numbers: NumberWords, prefixes: dict[str, str], percent: frozenset[str]
) -> frozenset[str]:
    """Words an amount may begin with, besides number words."""
    codes = unit_words(lexicon).codes
    return frozenset(
        {"between", "from"}  # the range words of the grammar
        | set(prefixes)
        | {code.lower() for code in codes}
        | {word.lower() for word in lexicon.table("currency_prefixes")}
        | {
            f"{letter.lower()}{code.lower()}"
            for letter in lexicon.numbers("code_scale_prefixes")
            for code in codes
        }
        | numbers.minus
        | set(numbers.fractions)
        | {"half", "quarter", "hundred"}  # "hundred thousand dollars"
        | percent  # "per cent of 210"
        | set(lexicon.numbers("multiple_numbers"))  # "twice as many"
        | _VULGAR_FRACTIONS
    )


def _scaled_codes(
    lexicon: Lexicon, currencies: dict[str, pint.Unit]
) -> dict[str, tuple[pint.Unit, int]]:
    """ "MUSD": a scale letter glued before a currency code."""
    return {
        letter.upper() + code: (unit, factor)
        for letter, factor in lexicon.numbers("code_scale_prefixes").items()
        for code, unit in currencies.items()
        if code.isalpha() and code.isupper()
    }


@per_lexicon
def figure_words(lexicon: Lexicon) -> FigureWords:
    """The figure vocabulary of ``lexicon``."""
    numbers = number_words(lexicon)
    qualifiers = _phrase_table(lexicon.table("qualifiers"))
    currencies = currency_units(lexicon)
    words = lexicon.words
    prefixes = _currency_prefixes(lexicon)
    percent_words = _percent_words(lexicon)
    amount_starts = _amount_starts(lexicon, numbers, prefixes, percent_words)
    starts = set(qualifiers) | set(ARTICLES)
    listed: dict[str, Any] = {name: words(name) for name in _WORD_LISTS}
    return FigureWords(
        numbers=numbers,
        qualifiers=qualifiers,
        postfixes=_phrase_table(lexicon.table("postfixes")),
        lead_words=_phrase_table(dict.fromkeys(words("lead_words"), "")),
        or_equal_tails=_phrase_table(dict.fromkeys(words("or_equal_tails"), "")),
        percent_words=percent_words,
        fraction_joiners=_phrase_table(dict.fromkeys(words("fraction_joiners"), "")),
        rate_words=words("rate_determiners") | {"per", "/"},
        currencies=currencies,
        currency_prefixes=prefixes,
        currency_words={
            word: currencies[code]
            for word, code in lexicon.table("currency_prefixes").items()
            if code in currencies
        },
        scaled_codes=_scaled_codes(lexicon, currencies),
        currency_only_suffixes=words("currency_scale_suffixes"),
        capital_scales=lexicon.numbers("capital_scale_suffixes"),
        unit_letters={
            letter: parse_unit(letter, lexicon=lexicon)
            for letter in words("unit_letters_after_digits")
        },
        second_unit_names=lexicon.table("second_unit_names"),
        multiple_numbers=lexicon.numbers("multiple_numbers"),
        unit_first_words=unit_words(lexicon).first_words,
        unit_symbols=frozenset(
            name for name in unit_words(lexicon).in_text if len(name) == 1 and not name.isalnum()
        ),
        word_starts=frozenset(starts | amount_starts),
        phrase_only_starts=frozenset(starts) - amount_starts - set(numbers.small),
        article_followers=frozenset(
            {"hundred", "dozen"} | set(numbers.scales) | set(numbers.fractions) | {"half"}
        ),
        # Symbols a figure can start with (a lone "." cannot: ".5" is one number token).
        symbol_starts=frozenset(
            set(qualifiers) | {c for c in currencies if len(c) == 1} | {"-", "−"}
        ),
        vague_multipliers={"hundred": 100, **numbers.scales},
        months=frozenset(
            name.capitalize() for name in words("months") | words("month_abbreviations")
        ),
        age_units=tuple(sorted(words("duration_units"))),  # "45 years old", "3 months old"
        time_after=words("day_halves") | words("time_zones"),
        phrase_nouns=words("phrase_nouns") | words("months"),
        lexicon=lexicon,
        **listed,
    )
