"""Units of figures: one pint registry for the whole library.

* Counts are dimensionless (``COUNT``); the thing counted ("executions") is kept
  as text beside the figure, never as a unit.
* Percent is pint's ``percent``. Pint calls it dimensionless, but a share is not
  a count: :func:`same_dimension` keeps the two apart, so "80%" never meets
  "80 cases".
* Durations, area, length and mass are pint's own units.
* Each currency is its own dimension (``USD = [currency_USD]``): claimrec never
  converts one currency into another, since exchange rates change with the day.

Pint's exceptions never leave this module: every failure is a
:class:`~claimrec.errors.UnitError` naming the text and the reason.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pint

from claimrec.errors import UnitError

__all__ = [
    "COUNT",
    "CURRENCIES",
    "PERCENT",
    "convert",
    "is_currency",
    "parse_unit",
    "same_dimension",
    "unit_name",
    "ureg",
]

#: The one registry every claimrec unit belongs to.
ureg: pint.UnitRegistry[float] = pint.UnitRegistry()

#: Currency codes claimrec knows, each defined as its own dimension.
CURRENCIES: tuple[str, ...] = (
    "USD",
    "EUR",
    "GBP",
    "RUB",
    "UAH",
    "CNY",
    "JPY",
    "CHF",
    "INR",
    "CAD",
    "AUD",
    "PLN",
    "TRY",
)
for _code in CURRENCIES:
    ureg.define(f"{_code} = [currency_{_code}]")

COUNT: pint.Unit = ureg.Unit("dimensionless")
PERCENT: pint.Unit = ureg.Unit("percent")

# Words and symbols as written in reports, lower-cased, mapped to a pint
# expression. Looked up before pint's own parser, which knows neither plurals
# like "roubles" nor symbols like "$".
_ALIASES: dict[str, str] = {
    "": "dimensionless",
    "count": "dimensionless",
    "counts": "dimensionless",
    "dimensionless": "dimensionless",
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "pct": "percent",
}


def _alias(expression: str, *names: str) -> None:
    for name in names:
        _ALIASES[name] = expression


_alias("second", "second", "seconds", "sec", "secs", "s")
_alias("minute", "minute", "minutes", "min", "mins")
_alias("hour", "hour", "hours", "hr", "hrs", "h")
_alias("day", "day", "days")
_alias("week", "week", "weeks", "wk", "wks")
_alias("month", "month", "months", "mo")
_alias("year", "year", "years", "yr", "yrs")
_alias("century", "century", "centuries")
_alias("hectare", "hectare", "hectares", "ha")
_alias("acre", "acre", "acres")
_alias(
    "kilometer**2",
    "km2",
    "km²",
    "sq km",
    "square kilometre",
    "square kilometres",
    "square kilometer",
    "square kilometers",
)
_alias("meter**2", "m2", "m²", "sq m", "square metre", "square metres", "square meter")
_alias("meter**2", "square meters")
_alias("mile**2", "sq mi", "square mile", "square miles")
_alias("kilometer", "kilometre", "kilometres", "kilometer", "kilometers", "km")
_alias("meter", "metre", "metres", "meter", "meters", "m")
_alias("centimeter", "centimetre", "centimetres", "centimeter", "centimeters", "cm")
_alias("mile", "mile", "miles", "mi")
_alias("foot", "foot", "feet", "ft")
_alias("kilogram", "kilogram", "kilograms", "kilo", "kilos", "kg")
_alias("gram", "gram", "grams", "g")
_alias("metric_ton", "tonne", "tonnes", "ton", "tons", "metric ton", "metric tons", "t")
# "pounds" alone is read as mass; money in pounds is written "£" or "pounds sterling".
_alias("pound", "pound", "pounds", "lb", "lbs")
_alias("USD", "$", "us$", "usd", "dollar", "dollars", "us dollar", "us dollars")
_alias("EUR", "€", "eur", "euro", "euros")
_alias("GBP", "£", "gbp", "pound sterling", "pounds sterling", "sterling")
_alias("RUB", "₽", "rub", "rouble", "roubles", "ruble", "rubles")
_alias("UAH", "₴", "uah", "hryvnia", "hryvnias", "hryvnya", "hryvnyas", "hryvna", "hryvnas")
_alias("CNY", "cny", "yuan", "renminbi")
_alias("JPY", "¥", "jpy", "yen")
_alias("CHF", "chf", "swiss franc", "swiss francs")
_alias("INR", "₹", "inr", "indian rupee", "indian rupees")
_alias("CAD", "cad", "canadian dollar", "canadian dollars")
_alias("AUD", "aud", "australian dollar", "australian dollars")
_alias("PLN", "pln", "zloty", "zlotys", "zlotych")
_alias("TRY", "try", "lira", "liras", "lire", "turkish lira")

# Short symbols that are too ambiguous in running text ("5 s", "a 4 g network")
# are accepted by parse_unit but not read after a number in an article.
_NOT_IN_RUNNING_TEXT = frozenset(
    {"", "s", "h", "m", "g", "t", "mo", "mi", "try", "count", "counts"}
)

#: Unit words read after a number in running text, lower-cased.
TEXT_UNIT_WORDS: frozenset[str] = frozenset(
    name for name in _ALIASES if name not in _NOT_IN_RUNNING_TEXT and name != "dimensionless"
)

#: First words of TEXT_UNIT_WORDS ("square" of "square kilometres", "km" of "km2").
TEXT_UNIT_FIRST_WORDS: frozenset[str] = frozenset(
    {name.split()[0] for name in TEXT_UNIT_WORDS} | {name.rstrip("23") for name in TEXT_UNIT_WORDS}
)

_LONGEST_UNIT_TEXT = 200  # pint's parser is not meant for arbitrary prose


def _family(unit: pint.Unit) -> object:
    """What a unit measures: its dimensionality, with shares kept apart from counts."""
    if unit.dimensionless:
        return "count" if unit == COUNT else "share"
    return unit.dimensionality


@lru_cache(maxsize=1024)
def _parse_unit_text(text: str) -> pint.Unit:
    key = " ".join(text.lower().split())
    expression = _ALIASES.get(key, " ".join(text.split()))
    try:
        unit = ureg.Unit(expression)
    except Exception as error:  # pint raises many types (syntax, undefined, type errors)
        raise UnitError(f"not a known unit ({type(error).__name__})", text=text) from None
    if unit.dimensionless and unit != COUNT and not _is_plain_ratio(unit):
        # pint's logarithmic dimensionless units (decade, octave) are not claim units.
        raise UnitError("not a unit for counts or shares", text=text)
    return unit


def _is_plain_ratio(unit: pint.Unit) -> bool:
    """A dimensionless unit that is a fixed multiple of one (percent, permille, ppm)."""
    try:
        one = float(ureg.Quantity(1.0, unit).to(COUNT).magnitude)
        two = float(ureg.Quantity(2.0, unit).to(COUNT).magnitude)
    except Exception:  # logarithmic units refuse or misbehave
        return False
    return math.isfinite(one) and one > 0 and math.isclose(two, 2 * one)


def parse_unit(text: str | pint.Unit) -> pint.Unit:
    """The unit written as ``text``: a name, plural, symbol or code.

    >>> unit_name(parse_unit("roubles")), unit_name(parse_unit("km²")), unit_name(parse_unit(""))
    ('RUB', 'kilometer**2', 'count')

    Raises :class:`UnitError` naming the text when it is not a unit.
    """
    if isinstance(text, pint.Unit):
        if text._REGISTRY is ureg:
            return text
        return _parse_unit_text(str(text))
    if not isinstance(text, str):
        raise UnitError("a unit must be given as text", text=text)
    if len(text) > _LONGEST_UNIT_TEXT:
        raise UnitError("too long to be a unit", text=text)
    return _parse_unit_text(text)


def match_unit_words(phrase: str) -> pint.Unit | None:
    """The unit a lower-cased phrase of running text names, or None (no error)."""
    if phrase not in TEXT_UNIT_WORDS:
        return None
    return _parse_unit_text(phrase)


def unit_name(unit: pint.Unit) -> str:
    """The canonical short name used in tables: "count", "percent", "USD", "hectare", …

    ``parse_unit(unit_name(u)) == u`` for every claimrec unit.
    """
    if unit == COUNT:
        return "count"
    return str(unit).replace(" ", "")


def is_currency(unit: pint.Unit) -> bool:
    """True for money: a unit whose dimension is one of the currency dimensions."""
    dimensions = dict(unit.dimensionality)
    return len(dimensions) == 1 and next(iter(dimensions)).startswith("[currency_")


def same_dimension(a: pint.Unit | str, b: pint.Unit | str) -> bool:
    """Whether figures in ``a`` and ``b`` can be compared (converted into each other).

    Counts and percentages are not the same dimension here, though pint treats
    both as dimensionless; two currencies never are.
    """
    return _family(parse_unit(a)) == _family(parse_unit(b))


def convert(magnitude: float, from_unit: pint.Unit | str, to_unit: pint.Unit | str) -> float:
    """``magnitude`` in ``from_unit`` expressed in ``to_unit``.

    >>> convert(2, "years", "months")
    24.0

    Raises :class:`UnitError` when the units are of different dimensions.
    """
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source == target:
        return float(magnitude)
    if not same_dimension(source, target):
        raise UnitError(
            f"cannot convert {unit_name(source)} into {unit_name(target)}: different dimensions",
            text=unit_name(source),
        )
    try:
        return float(ureg.Quantity(magnitude, source).to(target).magnitude)
    except Exception as error:  # pint errors must not leak
        raise UnitError(
            f"cannot convert into {unit_name(target)} ({type(error).__name__})",
            text=unit_name(source),
        ) from None
