"""Figures: the :class:`Value` record, ``parse_value`` for one figure expression,
and ``find_values`` for every figure in running text.

A :class:`Value` is an interval of possible true values with the bound kind as
written ("at least 124" is ``at_least`` [124, ∞)). How words become intervals
is the reading policy (:class:`~claimrec.policy.Policy`, DESIGN §5); the rules
are listed in ``docs/figures.md``.

Every reader here is linear in its input: tokens come from one regex without
nested ambiguous quantifiers, and the grammar looks a bounded number of tokens
ahead of each start position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, NamedTuple, TypeAlias, cast, get_args

import pint

from claimrec._numbers import (
    AGE_BEFORE,
    MONTHS,
    NAME_BEFORE,
    NUM,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    ORDINAL_SUFFIXES,
    PHRASE_NOUNS,
    PHRASE_STOP,
    PREPOSITION_AFTER,
    SCALE_WORDS,
    SYM,
    TIME_AFTER,
    TOPIC_PREPOSITIONS,
    WORD,
    YEAR_AFTER,
    YEAR_BEFORE,
    Digits,
    Token,
    read_digits,
    read_number_words,
    small_number,
    tokenize,
)
from claimrec.errors import ClaimrecError, FigureError, UnitError
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.units import (
    COUNT,
    PERCENT,
    TEXT_UNIT_FIRST_WORDS,
    convert,
    is_currency,
    match_unit_words,
    parse_unit,
    same_dimension,
    unit_name,
)

__all__ = [
    "KINDS",
    "FigureMatch",
    "Kind",
    "Value",
    "clear_caches",
    "find_values",
    "format_number",
    "parse_value",
]

Kind: TypeAlias = Literal[
    "exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague"
]
KINDS: tuple[Kind, ...] = get_args(Kind)

_INF = math.inf


def _number_text(x: float) -> str:
    """Shortest text that reads back to exactly ``x``: "12000", "1.7", "inf"."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def _as_float(x: object, name: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise FigureError(f"{name} must be a number, not {type(x).__name__}", text=repr(x))
    result = float(x)
    if math.isnan(result):
        raise FigureError(f"{name} is not a number (NaN)", text=repr(x))
    return result


def _lower_start(x: float) -> tuple[float, bool]:
    # Upper bounds ("up to 1,000") start at 0: every claimrec unit measures a
    # non-negative amount. A negative figure has no such floor.
    return (0.0, True) if x >= 0 else (-_INF, False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """An interval of possible true values, as a figure was written.

    ``stated`` is the number written (None for ranges and vague amounts);
    ``low``/``high`` the ends (``-inf``/``inf`` where unbounded), each closed
    or open; ``precision`` the rounding unit the writer used (1000 for
    "11,000"), None when the figure is read literally.

    ``str(value)`` is the text form, which :func:`parse_value` reads back to an
    equal Value: ``kind [stated] [low, high) unit [precision=P]``, e.g.
    ``approx 12000 [10800, 13200] count precision=1000``.
    """

    stated: float | None
    low: float
    high: float
    low_closed: bool = True
    high_closed: bool = True
    kind: Kind = "exact"
    unit: pint.Unit = COUNT
    precision: float | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: normalize through the back door
        if self.kind not in KINDS:
            raise FigureError(f"kind must be one of {', '.join(KINDS)}", text=str(self.kind))
        low, high = _as_float(self.low, "low"), _as_float(self.high, "high")
        set_(self, "low", low)
        set_(self, "high", high)
        if self.stated is not None:
            stated = _as_float(self.stated, "stated")
            if math.isinf(stated):
                raise FigureError("the stated figure must be finite", text=repr(self.stated))
            set_(self, "stated", stated)
        if self.precision is not None:
            precision = _as_float(self.precision, "precision")
            if not (precision > 0 and math.isfinite(precision)):
                raise FigureError("precision must be a positive number", text=repr(precision))
            set_(self, "precision", precision)
        set_(self, "low_closed", bool(self.low_closed))
        set_(self, "high_closed", bool(self.high_closed))
        try:
            set_(self, "unit", parse_unit(self.unit))
        except UnitError as error:
            raise FigureError(f"unit: {error.reason}", text=str(self.unit)) from None
        text = self._describe()
        if low > high:
            raise FigureError("low end is above high end", text=text)
        if low == _INF or high == -_INF:
            raise FigureError("an interval cannot start at +inf or end at -inf", text=text)
        if (math.isinf(low) and self.low_closed) or (math.isinf(high) and self.high_closed):
            raise FigureError("an infinite end must be open", text=text)
        if low == high and not (self.low_closed and self.high_closed):
            raise FigureError("the interval is empty", text=text)
        if self.stated is not None and not low <= self.stated <= high:
            raise FigureError("the stated figure lies outside [low, high]", text=text)

    def _describe(self) -> str:
        return f"{self.kind} {self.stated} {self.low}..{self.high}"

    # --- named constructors -------------------------------------------------

    @classmethod
    def exact(cls, x: float, *, unit: pint.Unit | str = COUNT) -> Value:
        """Exactly ``x``: "109"."""
        return cls(stated=x, low=x, high=x, kind="exact", unit=_unit(unit))

    @classmethod
    def rounded(cls, x: float, *, precision: float, unit: pint.Unit | str = COUNT) -> Value:
        """A round figure: half a rounding unit either side, high end open ("11,000")."""
        half = _as_float(precision, "precision") / 2
        low, high = x - half, x + half
        return cls(
            stated=x,
            low=low,
            high=high,
            low_closed=True,
            high_closed=low == high,  # a precision lost in float rounding leaves x itself
            kind="exact",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def approx(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_POLICY.approx_tolerance,
        precision: float | None = None,
        unit: pint.Unit | str = COUNT,
    ) -> Value:
        """About ``x``: ± ``tolerance`` × x, never narrower than half the precision."""
        half = _approx_half(x, tolerance, precision)
        return cls(
            stated=x,
            low=x - half,
            high=x + half,
            kind="approx",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def nearly(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_POLICY.approx_tolerance,
        precision: float | None = None,
        unit: pint.Unit | str = COUNT,
    ) -> Value:
        """Nearly ``x``: below it, within the tolerance — [x − tol·x, x).

        The rounding of x does not widen it: "almost 10,000" is 9,000 up to 10,000.
        """
        low = x - _approx_half(x, tolerance, None)
        return cls(
            stated=x,
            low=low,
            high=x,
            high_closed=low == x,  # a zero width leaves just the figure itself
            kind="approx",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def just_over(
        cls,
        x: float,
        *,
        tolerance: float = DEFAULT_POLICY.approx_tolerance,
        precision: float | None = None,
        unit: pint.Unit | str = COUNT,
    ) -> Value:
        """Just over ``x``: above it, within the tolerance — (x, x + tol·x]."""
        high = x + _approx_half(x, tolerance, None)
        return cls(
            stated=x,
            low=x,
            high=high,
            low_closed=high == x,  # a zero width leaves just the figure itself
            kind="approx",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def at_least(
        cls, x: float, *, unit: pint.Unit | str = COUNT, precision: float | None = None
    ) -> Value:
        """``x`` or more: [x, ∞)."""
        return cls(
            stated=x,
            low=x,
            high=_INF,
            high_closed=False,
            kind="at_least",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def more_than(
        cls, x: float, *, unit: pint.Unit | str = COUNT, precision: float | None = None
    ) -> Value:
        """More than ``x``: (x, ∞)."""
        return cls(
            stated=x,
            low=x,
            high=_INF,
            low_closed=False,
            high_closed=False,
            kind="more_than",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def at_most(
        cls, x: float, *, unit: pint.Unit | str = COUNT, precision: float | None = None
    ) -> Value:
        """Up to ``x``: [0, x] (from -∞ for a negative x)."""
        low, low_closed = _lower_start(_as_float(x, "stated"))
        return cls(
            stated=x,
            low=low,
            high=x,
            low_closed=low_closed,
            kind="at_most",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def less_than(
        cls, x: float, *, unit: pint.Unit | str = COUNT, precision: float | None = None
    ) -> Value:
        """Fewer than ``x``: [0, x) (from -∞ when x is not positive)."""
        low, low_closed = _lower_start(_as_float(x, "stated"))
        if x <= 0:
            low, low_closed = -_INF, False
        return cls(
            stated=x,
            low=low,
            high=x,
            low_closed=low_closed,
            high_closed=False,
            kind="less_than",
            unit=_unit(unit),
            precision=precision,
        )

    @classmethod
    def between(cls, low: float, high: float, *, unit: pint.Unit | str = COUNT) -> Value:
        """A range, both ends included: "between 30 and 40"."""
        return cls(stated=None, low=low, high=high, kind="range", unit=_unit(unit))

    @classmethod
    def vague(cls, low: float, high: float, *, unit: pint.Unit | str = COUNT) -> Value:
        """A vague amount with its documented range: "dozens" is 24–99."""
        return cls(stated=None, low=low, high=high, kind="vague", unit=_unit(unit))

    # --- properties and conversions -----------------------------------------

    @property
    def is_count(self) -> bool:
        """True for a dimensionless count (not a percentage, not money)."""
        return bool(self.unit == COUNT)

    def with_unit(self, unit: pint.Unit | str) -> Value:
        """The same numbers labelled with another unit (no conversion).

        For a bare figure whose unit is given elsewhere, e.g. a table column.
        """
        return replace(self, unit=parse_unit(unit))

    def to(self, unit: pint.Unit | str) -> Value:
        """The same value converted into ``unit``; UnitError across dimensions."""
        target = parse_unit(unit)
        if target == self.unit:
            return self

        def move(x: float) -> float:
            return x if math.isinf(x) else convert(x, self.unit, target)

        precision = None if self.precision is None else abs(move(self.precision))
        stated = None if self.stated is None else move(self.stated)
        return replace(
            self, stated=stated, low=move(self.low), high=move(self.high), unit=target,
            precision=precision,
        )  # fmt: skip

    def to_text(self) -> str:
        """The canonical text form, e.g. ``at_least 124 [124, inf) count``."""
        parts: list[str] = [self.kind]
        if self.stated is not None:
            parts.append(_number_text(self.stated))
        parts.append(
            ("[" if self.low_closed else "(")
            + f"{_number_text(self.low)}, {_number_text(self.high)}"
            + ("]" if self.high_closed else ")")
        )
        parts.append(unit_name(self.unit))
        if self.precision is not None:
            parts.append(f"precision={_number_text(self.precision)}")
        return " ".join(parts)

    def __str__(self) -> str:
        return self.to_text()

    def __reduce__(self) -> tuple[Callable[[str], Value], tuple[str]]:
        # Pickle through the text form: pint units only unpickle into the
        # registry they came from, which a Dask worker would not share.
        return (_value_from_text_form, (self.to_text(),))


def _unit(unit: pint.Unit | str) -> pint.Unit:
    try:
        return parse_unit(unit)
    except UnitError as error:
        raise FigureError(f"unit: {error.reason}", text=str(unit)) from None


def _approx_half(x: float, tolerance: float, precision: float | None) -> float:
    rounding = precision / 2 if precision else 0.0
    return max(abs(_as_float(x, "stated")) * tolerance, rounding)


_NUMBER_FORM = r"-?(?:inf|[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)"
_TEXT_FORM = re.compile(
    rf"({'|'.join(KINDS)}) (?:({_NUMBER_FORM}) )?([\[(])({_NUMBER_FORM}), ({_NUMBER_FORM})([\])])"
    rf" (\S+)(?: precision=({_NUMBER_FORM}))?"
)


def _value_from_text_form(text: str) -> Value:
    match = _TEXT_FORM.fullmatch(text)
    if match is None:
        raise FigureError("not in the canonical text form", text=text)
    kind, stated, low_bracket, low, high, high_bracket, unit, precision = match.groups()
    try:
        parsed_unit = parse_unit(unit)
    except UnitError as error:
        raise FigureError(f"unit: {error.reason}", text=text) from None
    return Value(
        stated=None if stated is None else float(stated),
        low=float(low),
        high=float(high),
        low_closed=low_bracket == "[",
        high_closed=high_bracket == "]",
        kind=cast(Kind, kind),
        unit=parsed_unit,
        precision=None if precision is None else float(precision),
    )


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """One figure found in running text: ``text[start:end] == match.text``."""

    start: int
    end: int
    text: str
    value: Value
    counted: str | None


# --- grammar tables -----------------------------------------------------------

Mode: TypeAlias = Literal[
    "approx", "nearly", "just_over", "at_least", "more_than", "at_most", "less_than"
]


PhraseTable: TypeAlias = dict[str, tuple[tuple[tuple[str, ...], Mode], ...]]


def _phrase_table(entries: dict[Mode, str]) -> PhraseTable:
    """Phrases separated by "|" → mode, indexed by first token, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], Mode]]] = {}
    for mode, phrases in entries.items():
        for phrase in phrases.split("|"):
            key = tuple(token.low for token in tokenize(phrase))
            by_first.setdefault(key[0], []).append((key, mode))
    return {
        first: tuple(sorted(options, key=lambda option: -len(option[0])))
        for first, options in by_first.items()
    }


_QUALIFIERS = _phrase_table(
    {
        "approx": "about|around|approximately|approx|approx.|roughly|some|circa|ca.|~|≈"
        "|an estimated|estimated|est.|an approximate|approximate|in the region of"
        "|on the order of|around about|an average of|on average",
        "nearly": "nearly|almost|close to|just under|just below|just short of|slightly under"
        "|slightly below|slightly less than|slightly fewer than|a little under"
        "|a little less than|not quite|nearly as many as",
        "just_over": "just over|just above|slightly over|slightly above|slightly more than"
        "|a little over|a little more than|just more than",
        "at_least": "at least|no fewer than|no less than|not less than|not fewer than"
        "|a minimum of|minimum of|at the very least|at minimum|≥|>=|at least some",
        "more_than": "more than|over|in excess of|upwards of|upward of|exceeding|above"
        "|greater than|>|well over|well above|well in excess of|well beyond|beyond",
        "at_most": "up to|as many as|no more than|not more than|at most|a maximum of"
        "|maximum of|at the most|≤|<=|as much as|no greater than",
        "less_than": "fewer than|less than|under|below|<|well under|well below",
    }
)
_POSTFIXES = _phrase_table(
    {
        "at_least": "or more|or over|or above|or greater|plus|+|or higher",
        "at_most": "or fewer|or less|or under|or below|or lower",
        "approx": "or so",
    }
)
# Words before a figure that do not change it (parse_value only: "another 50").
_LEAD_WORDS = _phrase_table(
    {
        "approx": "another|a further|an additional|additional|further|only|just|a total of"
        "|total of|a record|a mere|the|all|a reported|reportedly|allegedly|some other"
    }
)

_CURRENCY_SYMBOLS = {symbol: parse_unit(symbol) for symbol in ("$", "€", "£", "₽", "₴", "¥", "₹")}
_CURRENCY_CODES = {
    code.lower(): parse_unit(code)
    for code in ("USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY", "CHF", "INR", "CAD", "AUD")
}
_DASHES = frozenset("-–—−")
_WORD_STARTS = frozenset(
    set(_QUALIFIERS) | {"between", "from", "a", "an", "us"} | set(_CURRENCY_CODES)
)
_SYMBOL_STARTS = frozenset(set(_QUALIFIERS) | set(_CURRENCY_SYMBOLS))
_VAGUE_MULTIPLIED = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_APPROXIMATE_MODES = ("approx",)


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


class _Amount(NamedTuple):
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


class _Found(NamedTuple):
    first: int  # token range [first, last)
    last: int
    value: Value | None  # None: something figure-like that is not a figure (a date)
    counted: str | None


_MAX_FIGURE_TEXT = 2000


class _Reader:
    """The figure grammar over one token list."""

    def __init__(self, tokens: list[Token], policy: Policy) -> None:
        self.tokens = tokens
        self.n = len(tokens)
        self.policy = policy
        self.vague, self.vague_longest, self.vague_starts = _vague_table(policy.vague_amounts)
        self.dates: set[int] = set()  # number tokens already read as parts of dates

    # --- small helpers ------------------------------------------------------

    def low(self, j: int) -> str:
        return self.tokens[j].low if 0 <= j < self.n else ""

    def glued(self, j: int) -> bool:
        """Whether token j touches token j - 1 (no space between)."""
        return 0 < j < self.n and self.tokens[j - 1].end == self.tokens[j].start

    def match_phrase(self, j: int, table: PhraseTable) -> tuple[Mode | None, int]:
        """The longest phrase of ``table`` at token j, and the token after it."""
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

    def skip_lead_words(self, j: int) -> int:
        for _ in range(3):
            if self.match_phrase(j, _QUALIFIERS)[0] is not None:
                return j  # "just under" is a qualifier, not the lead word "just"
            lead, end = self.match_phrase(j, _LEAD_WORDS)
            if lead is None:
                return j
            j = end
        return j

    # --- amounts --------------------------------------------------------------

    def unit_at(self, j: int) -> tuple[pint.Unit | None, str | None, int]:
        """A unit written at token j: "%", "per cent", "hectares", "km²", "roubles"."""
        if j >= self.n:
            return None, None, j
        token = self.tokens[j]
        if token.kind == SYM:
            if token.text == "%":
                return PERCENT, "%", j + 1
            return None, None, j
        if token.kind != WORD or token.low not in TEXT_UNIT_FIRST_WORDS:
            return None, None, j
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
                squared = match_unit_words(phrase + self.tokens[end].text)
                if squared is not None:
                    return squared, phrase + self.tokens[end].text, end + 1
            unit = match_unit_words(phrase)
            if unit is not None:
                return unit, " ".join(word.text for word in words), end
        return None, None, j

    def amount_at(self, i: int, *, strict: bool) -> _Amount | None:
        """A number at token i, with currency before it and scale, unit after it."""
        n, tokens = self.n, self.tokens
        j = i
        currency: pint.Unit | None = None
        if j < n and tokens[j].kind == SYM and tokens[j].text in _CURRENCY_SYMBOLS:
            currency = _CURRENCY_SYMBOLS[tokens[j].text]
            j += 1
        elif j + 1 < n and tokens[j].low == "us" and tokens[j + 1].text == "$":
            currency, j = _CURRENCY_SYMBOLS["$"], j + 2
        elif j < n and tokens[j].low in _CURRENCY_CODES and tokens[j].text.isupper():
            currency = _CURRENCY_CODES[tokens[j].low]
            j += 1
        if j >= n:
            return None
        token = tokens[j]
        number_index = j
        digits: Digits | None = None
        scale = 1
        if token.kind == NUM:
            digits = read_digits(token.text)
            if digits is None:
                if strict:
                    raise FigureError("too many digits to be a figure", text=token.text)
                return None
            j += 1
            if j < n and tokens[j].kind == WORD and self.glued(j):
                suffix = tokens[j].low
                if suffix in SCALE_WORDS:
                    scale = SCALE_WORDS[suffix]
                    j += 1
                elif self.unit_at(j)[0] is None:
                    if strict:
                        what = "an ordinal" if suffix in ORDINAL_SUFFIXES else "a name or code"
                        raise FigureError(
                            f"{token.text + tokens[j].text!r} is {what}, not a figure",
                            text=token.text + tokens[j].text,
                        )
                    return None
            elif (
                j < n
                and tokens[j].kind == WORD
                and tokens[j].low in SCALE_WORDS
                and (currency is not None or tokens[j].low not in ("m", "b"))
            ):
                scale = SCALE_WORDS[tokens[j].low]
                j += 1
            number = digits.scaled(scale)
            in_words = False
        elif token.kind == WORD:
            words = read_number_words(tokens, j)
            if words is None:
                return None
            number, j, in_words = float(words.value), words.end, True
            if words.has_scale:
                scale = _last_scale(tokens, words.end)
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
        precision = _precision(number, digits, scale, unit)
        plain_year = (
            digits is not None
            and len(token.text) == 4
            and scale == 1
            and unit is None
            and postfix is None
            and 1800 <= number <= 2100
        )
        return _Amount(
            number, precision, unit, unit_text, scale, number_index, i, j, postfix, plain_year,
            in_words,
        )  # fmt: skip

    def postfix_at(self, j: int) -> tuple[Mode | None, int]:
        mode, end = self.match_phrase(j, _POSTFIXES)
        if mode is not None and self.low(j) == "plus":
            following = self.tokens[end] if end < self.n else None
            if following is not None and (
                following.kind == NUM or small_number(following.low) is not None
            ):
                return None, j  # "50 plus 20" is arithmetic
        return mode, end

    # --- filters: figure-like things that are not figures ---------------------

    def glue_reason(self, amount: _Amount) -> str | None:
        """Why the number token is part of a name, time, fraction or compound word."""
        k = amount.number_index
        tokens = self.tokens
        if amount.in_words:
            return None
        if k == amount.start and self.glued(k):
            before = tokens[k - 1]
            if before.kind == WORD:
                return "a name or code (letters glued to the number)"
            if before.text in _DASHES and k >= 2 and self.glued(k - 1):
                if tokens[k - 2].kind == WORD:
                    return "a name (like Covid-19)"
                if tokens[k - 2].kind == NUM:
                    return "the second half of a hyphenated pair"
            if before.text in "#/:.'’":
                return "part of a time, fraction, version or name"
        after = k + 1
        if after + 1 < self.n and self.glued(after) and self.glued(after + 1):
            mark, following = tokens[after], tokens[after + 1]
            if mark.text in ":/." and following.kind == NUM:
                return "part of a time, date, fraction or version"
            if (
                mark.text in _DASHES
                and following.kind == WORD
                and small_number(following.low) is None
            ):
                return "part of a compound word (like 45-year-old)"
        return None

    def date_reason(self, amount: _Amount) -> str | None:
        """Why a number is part of a date, a time, an age or page furniture, if it is.

        These rules hold even for parse_value: "24 Nov" is a date wherever it is.
        """
        k = amount.number_index
        tokens = self.tokens
        after = tokens[amount.end] if amount.end < self.n else None
        unit_text = (amount.unit_text or "").lower()
        if after is not None and amount.unit is not None:
            if after.low == "old" and unit_text.startswith(("year", "month", "week", "day")):
                return "an age (like 45 years old)"
            if after.low == "read" and unit_text.startswith("min"):
                return "page furniture (like 2 min read)"
        if amount.in_words or amount.unit is not None or amount.scale != 1 or k != amount.start:
            return None
        number = amount.number
        day_like = number.is_integer() and 1 <= number <= 31
        j = k - 1
        while j >= 0 and tokens[j].text in (".", ","):
            j -= 1
        if j >= 0:
            before = tokens[j]
            if before.text in MONTHS and (day_like or amount.plain_year):
                self.dates.add(k)
                return "part of a date (like Nov. 6 or February 2022)"
            if before.kind == NUM and j in self.dates and amount.plain_year:
                self.dates.add(k)
                return "the year of a date (like November 11, 2024)"
        following = tokens[k + 1] if k + 1 < self.n else None
        if following is not None and following.text == "," and k + 2 < self.n:
            following = tokens[k + 2]
        if following is not None and following.text in MONTHS and day_like:
            self.dates.add(k)
            return "part of a date (like 24 Nov)"
        if after is not None and (after.low in TIME_AFTER or self.is_am_pm(amount.end)):
            return "a time of day (like 7 PM)"
        return None

    def is_am_pm(self, j: int) -> bool:
        """ "a.m." or "p.m." at token j."""
        return self.low(j) in ("a", "p") and self.low(j + 1) == "." and self.low(j + 2) == "m"

    def context_rejects(self, amount: _Amount) -> bool:
        """Years, ages and names, from the words around a bare number in running text."""
        if amount.in_words or amount.unit is not None or amount.scale != 1:
            return False
        k = amount.number_index
        if k != amount.start:
            return False
        before = self.tokens[k - 1] if k > 0 else None
        if before is not None and before.kind == SYM and before.text == "." and k >= 2:
            before = self.tokens[k - 2]  # "No. 3"
        if before is not None and (before.low in AGE_BEFORE or before.low in NAME_BEFORE):
            return True  # "aged 45", "Article 5", "No. 3"
        if amount.plain_year:
            after = self.tokens[amount.end] if amount.end < self.n else None
            if k > 0 and self.tokens[k - 1].low in YEAR_BEFORE:
                return True  # "in 2024", "since 2022"
            if after is None or after.kind != WORD or not after.text.islower():
                return True  # "2024." or "2024 Olympics"
            if after.low in YEAR_AFTER:
                return True  # "2024 alone"
        return False

    def is_pronoun_one(self, amount: _Amount) -> bool:
        """'one' as a pronoun ("one of the servicemen", "no one") is not a figure."""
        if not amount.in_words or self.low(amount.start) != "one" or amount.end != amount.start + 1:
            return False
        following = self.tokens[amount.end] if amount.end < self.n else None
        if following is None or following.kind != WORD or following.low in ONE_PRONOUN_AFTER:
            return True
        return self.low(amount.start - 1) in ONE_PRONOUN_BEFORE

    # --- figures ----------------------------------------------------------------

    def figure_at(self, i: int, *, strict: bool) -> _Found | None:
        vague = self.vague_at(i)
        if vague is not None:
            return vague
        word = self.low(i)
        if word in ("between", "from"):
            found = self.explicit_range_at(i, "and" if word == "between" else "to", strict=strict)
            if found is not None or not strict:
                return found
            if word == "between":
                raise FigureError("'between' needs two figures joined by 'and'", text=word)
        mode, j = self.match_phrase(i, _QUALIFIERS)
        if word in TOPIC_PREPOSITIONS and self.low(i - 1) in PREPOSITION_AFTER:
            return None  # "alarm over 79 cases": the figure is read from the next token
        amount = self.amount_at(j, strict=strict)
        if amount is None:
            return None
        reason = self.glue_reason(amount)
        if reason is not None:
            if strict:
                raise FigureError(f"not a figure: {reason}", text=self._text(i, amount.end))
            return _Found(i, amount.end, None, None)
        if mode is not None and amount.postfix is not None and mode != amount.postfix and strict:
            raise FigureError("two qualifiers that disagree", text=self._text(i, amount.end))
        mode = mode or amount.postfix
        if amount.postfix is None:
            tail = self.range_tail(amount, strict=strict)
            if tail is not None:
                second, low, high, unit = tail
                if mode is None or mode in _APPROXIMATE_MODES:
                    if not strict and mode is None and amount.plain_year and second.plain_year:
                        return _Found(i, second.end, None, None)  # "2022-2024"
                    tolerance = self.policy.approx_tolerance if mode else 0.0
                    value = Value.between(
                        low - abs(low) * tolerance, high + abs(high) * tolerance, unit=unit
                    )
                    return _Found(i, second.end, value, self.counted_after(second))
                if strict:
                    raise FigureError(
                        "a bound (at least, up to, …) cannot apply to a range",
                        text=self._text(i, second.end),
                    )
        if mode is None:
            if strict:
                reason = self.date_reason(amount)
                if reason is not None:
                    raise FigureError(f"not a figure: {reason}", text=self._text(i, amount.end))
            elif (
                self.date_reason(amount) is not None
                or self.context_rejects(amount)
                or self.is_pronoun_one(amount)
            ):
                return _Found(i, amount.end, None, None)
        return _Found(i, amount.end, self.read(amount, mode), self.counted_after(amount))

    def vague_at(self, i: int) -> _Found | None:
        if self.low(i) not in self.vague_starts:
            return None
        for length in range(min(self.vague_longest, self.n - i), 0, -1):
            bounds = self.vague.get(tuple(token.low for token in self.tokens[i : i + length]))
            if bounds is None:
                continue
            low, high = bounds
            j = i + length
            factor = _VAGUE_MULTIPLIED.get(self.low(j))
            if factor is not None and high < 100:
                # "several hundred", "a few thousand": the multiplier's range, scaled
                low, high, j = low * factor, (high + 1) * factor - 1, j + 1
            of = j + 1 if self.low(j) == "of" else j
            unit, _, after_unit = self.unit_at(of)
            if unit is not None and unit != PERCENT:
                return _Found(i, after_unit, Value.vague(low, high, unit=unit), None)
            return _Found(i, j, Value.vague(low, high), self.phrase_at(j))
        return None

    def explicit_range_at(self, i: int, joiner: str, *, strict: bool) -> _Found | None:
        """ "between X and Y", "from X to Y"."""
        first = self.amount_at(i + 1, strict=strict)
        if first is None or first.postfix is not None or self.low(first.end) != joiner:
            return None
        second = self.amount_at(first.end + 1, strict=strict)
        if second is None or second.postfix is not None:
            return None
        combined = self.combine(first, second, strict=strict)
        if combined is None:
            return None
        if not strict and first.plain_year and second.plain_year:
            return _Found(i, second.end, None, None)  # "from 2022 to 2024"
        low, high, unit = combined
        return _Found(
            i, second.end, Value.between(low, high, unit=unit), self.counted_after(second)
        )

    def range_tail(
        self, first: _Amount, *, strict: bool
    ) -> tuple[_Amount, float, float, pint.Unit] | None:
        """ "X-Y", "X–Y", "X to Y" after an amount."""
        k = first.end
        if k >= self.n:
            return None
        separator = self.tokens[k]
        if not (separator.text in _DASHES or separator.low == "to"):
            return None
        second = self.amount_at(k + 1, strict=False)
        if second is None or second.postfix is not None:
            return None
        combined = self.combine(first, second, strict=strict)
        if combined is None:
            return None
        return (second, *combined)

    def combine(
        self, first: _Amount, second: _Amount, *, strict: bool
    ) -> tuple[float, float, pint.Unit] | None:
        """The ends of a range, sharing a scale ("1.5 to 2 million") and a unit."""
        low, high = first.number, second.number
        if first.scale == 1 and second.scale > 1 and low * second.scale <= high:
            low *= second.scale
        unit = second.unit or first.unit or COUNT
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            if not same_dimension(first.unit, second.unit):
                if strict:
                    raise FigureError(
                        "the ends of the range are in different units",
                        text=self._text(first.start, second.end),
                    )
                return None
            low = convert(low, first.unit, second.unit)
        if low > high:
            if strict:
                raise FigureError(
                    "the range's low end is above its high end",
                    text=self._text(first.start, second.end),
                )
            return None
        return low, high, unit

    # --- reading policy -------------------------------------------------------

    def read(self, amount: _Amount, mode: Mode | None) -> Value:
        x = amount.number
        unit = amount.unit or COUNT
        policy = self.policy
        precision = amount.precision if policy.round_figures else None
        tolerance = policy.approx_tolerance
        if mode is None:
            if policy.bare_counts == "at_least" and unit == COUNT:
                return Value.at_least(x, unit=unit, precision=precision)
            if precision is not None:
                return Value.rounded(x, precision=precision, unit=unit)
            return Value.exact(x, unit=unit)
        if mode == "approx":
            return Value.approx(x, tolerance=tolerance, precision=precision, unit=unit)
        if mode == "nearly":
            return Value.nearly(x, tolerance=tolerance, precision=precision, unit=unit)
        if mode == "just_over":
            return Value.just_over(x, tolerance=tolerance, precision=precision, unit=unit)
        if mode == "at_least":
            return Value.at_least(x, unit=unit, precision=precision)
        if mode == "more_than":
            return Value.more_than(x, unit=unit, precision=precision)
        if mode == "at_most":
            return Value.at_most(x, unit=unit, precision=precision)
        return Value.less_than(x, unit=unit, precision=precision)

    # --- the counted noun phrase ----------------------------------------------

    def counted_after(self, amount: _Amount) -> str | None:
        unit = amount.unit
        if unit is None:
            return self.phrase_at(amount.end)
        if unit == PERCENT or is_currency(unit):
            return self.phrase_at(amount.end, of_only=True)
        complement = self.phrase_at(amount.end, of_only=True)
        return f"{amount.unit_text} of {complement}" if complement else amount.unit_text

    def phrase_at(self, j: int, *, of_only: bool = False) -> str | None:
        """The noun phrase starting at token j ("executions of Ukrainian POWs")."""
        tokens, n = self.tokens, self.n
        if self.low(j) == "of":
            j += 1
            if self.low(j) in ("the", "these", "those", "their", "its", "all"):
                j += 1
        elif of_only:
            return None
        words: list[str] = []
        while j < n and len(words) < 8:
            token = tokens[j]
            word = token.low
            if token.kind != WORD:
                break
            if word == "of" and words:
                following = self.low(j + 1)
                if following and tokens[j + 1].kind == WORD and following not in PHRASE_STOP:
                    words.append(token.text)
                    j += 1
                    continue
                break
            if word in PHRASE_STOP or small_number(word) is not None or word in SCALE_WORDS:
                break
            if word not in PHRASE_NOUNS:
                if word.endswith("ly"):
                    break  # "allegedly killed"
                if words and word.endswith(("ed", "ing")):
                    break  # "servicemen released"
            words.append(token.text)
            j += 1
        if len(words) == 1 and words[0].lower().endswith(("ed", "ing")):
            return None  # "five reported receiving": a verb, not a noun
        return " ".join(words) or None

    def _text(self, first: int, last: int) -> str:
        tokens = self.tokens
        return " ".join(token.text for token in tokens[first : min(last, self.n)]) or "?"

    # --- scanning --------------------------------------------------------------

    def scan(self, i: int) -> list[_Found]:
        """Every figure from token i on, left to right, without overlaps."""
        found: list[_Found] = []
        tokens, n = self.tokens, self.n
        vague_starts = self.vague_starts
        while i < n:
            token = tokens[i]
            if token.kind == WORD:
                word = token.low
                if (
                    word not in _WORD_STARTS
                    and word not in vague_starts
                    and small_number(word) is None
                ):
                    i += 1
                    continue
            elif token.kind == SYM and token.text not in _SYMBOL_STARTS:
                i += 1
                continue
            result = self.figure_at(i, strict=False)
            if result is None:
                i += 1
            elif result.value is None:
                i = max(result.last, i + 1)
            else:
                found.append(result)
                i = result.last
        return found


def _last_scale(tokens: list[Token], end: int) -> int:
    word = tokens[end - 1].low
    return SCALE_WORDS.get(word, 1) if word != "m" else 1


def _precision(
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


# --- public functions -------------------------------------------------------------


def _check_arguments(text: object, policy: object) -> None:
    if not isinstance(text, str):
        raise FigureError("a figure must be given as text", text=text)
    if not isinstance(policy, Policy):
        raise ClaimrecError("must be a claimrec Policy", field="policy", text=policy)


def format_number(x: float) -> str:
    """A figure as people read it in reasons and reports: ``12,000``, ``1.5``, ``∞``."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}"


def parse_value(text: str, *, policy: Policy = DEFAULT_POLICY) -> Value:
    """Read ONE figure expression: "over 150", "between 793 and 8,498", "some 50", "dozens".

    A counted noun phrase may follow ("109 executions"), lead words like
    "another" may precede. The canonical text form (``str(value)``) is read
    back exactly. Raises :class:`FigureError` naming the text and the reason
    when there is no figure, or more than one.

    >>> str(parse_value("around 12,000 soldiers"))
    'approx 12000 [10800, 13200] count precision=1000'
    """
    _check_arguments(text, policy)
    if len(text) > _MAX_FIGURE_TEXT:
        raise FigureError("too long to be one figure expression", text=text)
    return _parse_value(text, policy)


@lru_cache(maxsize=8192)
def _parse_value(text: str, policy: Policy) -> Value:
    try:
        return _parse_figure(text, policy)
    except FigureError as error:
        if error.text == text:
            raise
        # The grammar names the fragment it refused; the error names the whole input.
        raise FigureError(f"{error.reason} (in {error.text!r})", text=text) from None


def _parse_figure(text: str, policy: Policy) -> Value:
    if _TEXT_FORM.fullmatch(text.strip()):
        return _value_from_text_form(text.strip())
    tokens = tokenize(text)
    if not tokens:
        raise FigureError("no figure: the text is empty", text=text)
    reader = _Reader(tokens, policy)
    start = reader.skip_lead_words(0)
    found = reader.figure_at(start, strict=True)
    if found is None or found.value is None:
        elsewhere = reader.scan(0)
        if elsewhere:
            raise FigureError(
                "unexpected words before the figure "
                f"{reader._text(elsewhere[0].first, elsewhere[0].last)!r}",
                text=text,
            )
        raise FigureError("no figure found", text=text)
    more = reader.scan(found.last)
    if more:
        raise FigureError(
            f"two figures where one is expected: {reader._text(found.first, found.last)!r} "
            f"and {reader._text(more[0].first, more[0].last)!r}",
            text=text,
        )
    return found.value


_CACHED_TEXT = 20_000  # longer documents are not kept in the cache


def find_values(text: str, *, policy: Policy = DEFAULT_POLICY) -> list[FigureMatch]:
    """Every figure in running text, left to right, without overlaps.

    Dates, years, times, ordinals, ages and names ("Covid-19", "G7") are not
    figures. Each match has its character span, its :class:`Value` (the
    qualifier is inside the span: "at least 124") and the counted noun phrase.

    >>> [(m.text, m.counted) for m in find_values("They killed two captured soldiers on May 24.")]
    [('two', 'captured soldiers')]
    """
    _check_arguments(text, policy)
    if len(text) <= _CACHED_TEXT:
        return list(_find_values_cached(text, policy))
    return list(_find_values(text, policy))


@lru_cache(maxsize=2048)
def _find_values_cached(text: str, policy: Policy) -> tuple[FigureMatch, ...]:
    return _find_values(text, policy)


def _find_values(text: str, policy: Policy) -> tuple[FigureMatch, ...]:
    tokens = tokenize(text)
    reader = _Reader(tokens, policy)
    matches = []
    for found in reader.scan(0):
        assert found.value is not None
        start, end = tokens[found.first].start, tokens[found.last - 1].end
        matches.append(FigureMatch(start, end, text[start:end], found.value, found.counted))
    return tuple(matches)


def clear_caches() -> None:
    """Forget cached results of parse_value and find_values (for benchmarks)."""
    _parse_value.cache_clear()
    _find_values_cached.cache_clear()
