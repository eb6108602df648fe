"""Units of figures: one pint registry for the whole library.

* Counts are dimensionless (``COUNT``); the thing counted ("executions") is kept
  as text beside the figure, never as a unit.
* Percent is pint's ``percent``. Pint calls it dimensionless, but a share is not
  a count: :func:`same_dimension` keeps the two apart, so "80%" never meets
  "80 cases".
* Durations, area, length and mass are pint's own units.
* Each currency is its own dimension (``USD = [currency_USD]``): claimrec never
  converts one currency into another, since exchange rates change with the day.

How reports write units ("roubles", "sq km", "$") is data: ``units.txt`` of
the lexicon, in pint's definition syntax; a :class:`~claimrec.lexicon.Lexicon`
with more aliases or currencies reads more (``lexicon.with_unit_aliases``,
``lexicon.with_currency``; a new currency becomes a dimension of the shared
registry when a reader first uses that lexicon). The registry is built on first
use, not at import: ``ureg``, ``COUNT`` and ``PERCENT`` are made when first
asked for.

Pint's exceptions never leave this module: every failure is a
:class:`~claimrec.errors.UnitError` naming the text and the reason.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, TypeGuard

from claimrec.errors import UnitError
from claimrec.lexicon import Lexicon, default_lexicon, lexicon_or_default, per_lexicon

__all__ = [
    "COUNT",
    "CURRENCIES",
    "PERCENT",
    "convert",
    "count_unit",
    "currency_units",
    "dimension_text",
    "is_currency",
    "is_unit",
    "parse_unit",
    "percent_unit",
    "ratio_unit",
    "registry",
    "same_dimension",
    "unit_name",
    "unit_text",
    "unit_words",
    "ureg",
]

_LONGEST_UNIT_TEXT = 200  # pint's parser is not meant for arbitrary prose

# Pint evaluates the numbers of a unit expression as Python does: "202410^9219286621438"
# would compute an integer of trillions of digits. So no text reaches pint with a number
# in it but a small power of a unit ("km**2", "m^-1", "km²") and the one of "1/hour".
_NUMBER = re.compile(
    r"(?<![\w.])(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+\-]?[0-9]+)?|(?![0-9])\d"
)
_SUPERSCRIPT = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_PLAIN_SCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_POWER_BEFORE = re.compile(r"(?:\*\*|\^)\s*[+\-]?\s*\Z")
_AFTER_POWER = re.compile(r"\s*(?:\*\*|\^|[0-9.])")
_LARGEST_POWER = 99


def _number_refusal(text: str) -> str | None:
    """Why ``text`` holds a number pint must not evaluate, or None when it holds none."""
    if not any(c.isnumeric() for c in text):
        return None
    plain = _SUPERSCRIPT.sub(lambda m: "**" + m.group().translate(_PLAIN_SCRIPT), text)
    for found in _NUMBER.finditer(plain):
        number, before, after = found.group(), plain[: found.start()], plain[found.end() :]
        if _POWER_BEFORE.search(before) is None:
            if number == "1" and after.lstrip().startswith("/"):
                continue  # "1/hour", as pint writes a rate's unit
            return "a number is not a unit"
        if not number.isdigit() or int(number) > _LARGEST_POWER:
            return f"a power of a unit is a whole number up to {_LARGEST_POWER}"
        if _AFTER_POWER.match(after):
            return "a power of a power is not a unit"
    if any(c.isnumeric() and not c.isascii() for c in _NUMBER.sub("", plain)):
        return "a number is not a unit"  # "½ m"; digits inside a name ("inch_H2O_39F") are kept
    return None


def is_unit(value: object) -> TypeGuard[pint.Unit]:
    """Whether ``value`` is a pint unit (of any registry), without importing pint."""
    pint = sys.modules.get("pint")  # no pint imported: nothing can be a pint unit
    return pint is not None and isinstance(value, pint.Unit)


def _codes(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(code for code, _ in lexicon.get("currencies").entries)


@cache
def registry() -> pint.UnitRegistry[float]:
    """The one registry every claimrec unit belongs to (built on first use)."""
    import pint  # about 0.2 s: imported with the registry, on first use

    made: pint.UnitRegistry[float] = pint.UnitRegistry()
    for code in _codes(default_lexicon()):
        made.define(f"{code} = [currency_{code}]")
    for name, definition in _subunits(default_lexicon()):
        made.define(f"{name} = {definition.replace(' ', ' * ')}")
    lexicon = default_lexicon()
    if "unit_definitions" in lexicon.names:  # "ratio": a share written as a plain number
        for name, definition in lexicon.get("unit_definitions").entries:
            made.define(f"{name} = {definition}")
    return made


@cache
def ratio_unit() -> pint.Unit:
    """A share written as a plain number or in words ("two-thirds", "one in six",
    "three times as many"): dimensionless like percent, never a count."""
    return registry().Unit("ratio")


def _subunits(lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """Fixed parts of currencies: ("cent_usd", "0.01 USD")."""
    if "currency_subunits" not in lexicon.names:
        return ()
    return tuple(lexicon.get("currency_subunits").entries)


def _define_currencies(codes: frozenset[str], lexicon: Lexicon | None = None) -> None:
    ureg = registry()
    for code in sorted(codes):
        if code not in ureg:
            ureg.define(f"{code} = [currency_{code}]")
    for name, definition in _subunits(lexicon) if lexicon is not None else ():
        if name not in ureg:
            ureg.define(f"{name} = {definition.replace(' ', ' * ')}")


@cache
def count_unit() -> pint.Unit:
    """The unit of counts: pint's ``dimensionless``."""
    return registry().Unit("dimensionless")


@cache
def percent_unit() -> pint.Unit:
    """Pint's ``percent``: a share, never a count."""
    return registry().Unit("percent")


@dataclass(frozen=True, slots=True)
class UnitWords:
    """What a lexicon says about writing units, lower-cased.

    ``aliases`` maps a written name to a pint expression; ``in_text`` are the
    names read after a number in running text (``cell_only_units`` left out);
    ``first_words`` their first words ("square" of "square kilometres", "km"
    of "km2"); ``symbols`` the one-character currency signs read before a
    number ("$", "€"); ``codes`` the currency codes (upper case).
    """

    aliases: dict[str, str]
    in_text: frozenset[str]
    first_words: frozenset[str]
    symbols: frozenset[str]
    codes: frozenset[str]


@per_lexicon
def unit_words(lexicon: Lexicon | None = None) -> UnitWords:
    """The unit names of ``lexicon`` (the default one for None), compiled once."""
    lexicon = lexicon_or_default(lexicon)
    aliases = {"": "dimensionless", **lexicon.table("unit_aliases")}
    codes = lexicon.words("currencies")
    cell_only = lexicon.words("cell_only_units") | {""}
    in_text = frozenset(name for name in aliases if name not in cell_only)
    first = {name.split()[0] for name in in_text} | {name.rstrip("23") for name in in_text}
    symbols = frozenset(
        name
        for name, unit in aliases.items()
        if len(name) == 1 and not name.isalnum() and unit in codes
    )
    return UnitWords(aliases, in_text, frozenset(first), symbols, codes)


def _family(unit: pint.Unit) -> object:
    """What a unit measures: its dimensionality, with shares kept apart from counts."""
    if unit.dimensionless:
        return "count" if unit == count_unit() else "share"
    return unit.dimensionality


@lru_cache(maxsize=1024)
def _parse_unit_text(text: str, lexicon: Lexicon) -> pint.Unit:
    words = unit_words(lexicon)
    _define_currencies(words.codes, lexicon)
    key = " ".join(text.lower().split())
    expression = words.aliases.get(key)
    if expression is None:  # not a name of the lexicon: pint reads the text itself
        expression = " ".join(text.split())
        refusal = _number_refusal(expression)
        if refusal is not None:
            raise UnitError(refusal, text=text)
    try:
        unit = registry().Unit(expression)
    except Exception as error:  # pint raises many types (syntax, undefined, type errors)
        raise UnitError(f"not a known unit ({type(error).__name__})", text=text) from None
    if unit.dimensionless and unit != count_unit() and not _is_plain_ratio(unit):
        # pint's logarithmic dimensionless units (decade, octave) are not claim units.
        raise UnitError("not a unit for counts or shares", text=text)
    return unit


def _is_plain_ratio(unit: pint.Unit) -> bool:
    """A dimensionless unit that is a fixed multiple of one (percent, permille, ppm)."""
    ureg = registry()
    try:
        one = float(ureg.Quantity(1.0, unit).to(count_unit()).magnitude)
        two = float(ureg.Quantity(2.0, unit).to(count_unit()).magnitude)
    except Exception:  # logarithmic units refuse or misbehave
        return False
    return math.isfinite(one) and one > 0 and math.isclose(two, 2 * one)


def parse_unit(text: str | pint.Unit, *, lexicon: Lexicon | None = None) -> pint.Unit:
    """The unit written as ``text``: a name, plural, symbol or code.

    >>> unit_name(parse_unit("roubles")), unit_name(parse_unit("km²")), unit_name(parse_unit(""))
    ('RUB', 'kilometer**2', 'count')

    ``lexicon`` gives the names (default: the bundled one). Raises
    :class:`UnitError` naming the text when it is not a unit.
    """
    lexicon = lexicon_or_default(lexicon)
    if is_unit(text):
        if text._REGISTRY is registry():
            return text
        return _parse_unit_text(str(text), lexicon)
    if not isinstance(text, str):
        raise UnitError("a unit must be given as text", text=text)
    if len(text) > _LONGEST_UNIT_TEXT:
        raise UnitError("too long to be a unit", text=text)
    return _parse_unit_text(text, lexicon)


def match_unit_words(phrase: str, lexicon: Lexicon | None = None) -> pint.Unit | None:
    """The unit a lower-cased phrase of running text names, or None (no error)."""
    lexicon = lexicon_or_default(lexicon)
    if phrase not in unit_words(lexicon).in_text:
        return None
    return _parse_unit_text(phrase, lexicon)


@per_lexicon
def currency_units(lexicon: Lexicon | None = None) -> dict[str, pint.Unit]:
    """Every way a currency is written before a number, as written: symbols ("$", "€")
    and codes in capitals ("PLN"), each with its unit."""
    lexicon = lexicon_or_default(lexicon)
    words = unit_words(lexicon)
    return {name: _parse_unit_text(name, lexicon) for name in words.symbols | words.codes}


# pint formats a unit anew at each str() (a few microseconds); every claim's id and row
# write its unit's name, the binders the units of every figure several times, and units
# are few: both texts are kept per unit (bounded).
@lru_cache(maxsize=4096)
def unit_name(unit: pint.Unit) -> str:
    """The canonical short name used in tables: "count", "percent", "USD", "hectare", …

    ``parse_unit(unit_name(u)) == u`` for every claimrec unit.
    """
    return "count" if unit == count_unit() else unit_text(unit).replace(" ", "")


@lru_cache(maxsize=4096)
def unit_text(unit: pint.Unit) -> str:
    """``str(unit)``, as pint writes it ("meter ** 2", "percent")."""
    return str(unit)


@lru_cache(maxsize=4096)
def dimension_text(unit: pint.Unit) -> str:
    """``str(unit.dimensionality)``, as pint writes it ("[time]", "[length] ** 2")."""
    return str(unit.dimensionality)


@lru_cache(maxsize=4096)  # the figure grammar asks it of every amount read
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
        return float(registry().Quantity(magnitude, source).to(target).magnitude)
    except Exception as error:  # pint errors must not leak
        raise UnitError(
            f"cannot convert into {unit_name(target)} ({type(error).__name__})",
            text=unit_name(source),
        ) from None


if TYPE_CHECKING:
    import pint

    #: The one registry (see :func:`registry`).
    ureg: pint.UnitRegistry[float]
    #: Dimensionless counts.
    COUNT: pint.Unit
    #: Percent, a share.
    PERCENT: pint.Unit
    #: The currency codes of the default lexicon.
    CURRENCIES: tuple[str, ...]


def __getattr__(name: str) -> object:
    # Built on first use: pint's registry takes about half a second to load.
    if name == "ureg":
        return registry()
    if name == "COUNT":
        return count_unit()
    if name == "PERCENT":
        return percent_unit()
    if name == "CURRENCIES":
        return _codes(default_lexicon())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
