"""Units: one registry, names round-trip, dimensions never mix."""

from __future__ import annotations

import contextlib

import pint
import pytest
from hypothesis import given

from claimrec.errors import ClaimrecError, UnitError
from claimrec.lexicon import DEFAULT_LEXICON
from claimrec.read.figures import find_values, parse_value
from claimrec.testing import currency_texts
from claimrec.units import (
    COUNT,
    PERCENT,
    convert,
    is_currency,
    parse_unit,
    same_dimension,
    unit_name,
    ureg,
)

NAMES = [
    # (written, canonical name)
    ("count", "count"),
    ("", "count"),
    ("%", "percent"),
    ("percent", "percent"),
    ("per cent", "percent"),
    ("hectares", "hectare"),
    ("ha", "hectare"),
    ("acres", "acre"),
    ("km²", "kilometer**2"),
    ("km2", "kilometer**2"),
    ("square kilometres", "kilometer**2"),
    ("kilometres", "kilometer"),
    ("km", "kilometer"),
    ("months", "month"),
    ("years", "year"),
    ("seconds", "second"),
    ("tonnes", "metric_ton"),
    ("$", "USD"),
    ("USD", "USD"),
    ("dollars", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("RUB", "RUB"),
    ("hryvnias", "UAH"),
    ("UAH", "UAH"),
]


@pytest.mark.parametrize(("written", "name"), NAMES, ids=[row[0] or "empty" for row in NAMES])
def test_parse_unit_names(written: str, name: str) -> None:
    unit = parse_unit(written)
    assert isinstance(unit, pint.Unit)
    assert unit_name(unit) == name
    assert parse_unit(unit_name(unit)) == unit


def test_count_is_dimensionless_and_percent_is_not_a_count() -> None:
    assert COUNT.dimensionless
    assert unit_name(COUNT) == "count"
    assert not same_dimension(COUNT, PERCENT)
    with pytest.raises(UnitError):
        convert(50, "percent", "count")


def test_currencies_are_separate_dimensions() -> None:
    assert is_currency(parse_unit("$"))
    assert not is_currency(parse_unit("hectare"))
    assert same_dimension("USD", "$")
    assert not same_dimension("USD", "EUR")
    with pytest.raises(UnitError, match="different dimensions"):
        convert(100, "USD", "RUB")


@pytest.mark.parametrize(
    ("magnitude", "source", "target", "expected"),
    [
        (1, "hectare", "acre", 2.4710538),
        (100, "hectare", "km²", 1.0),
        (2, "years", "months", 24.0),
        (1, "km", "m", 1000.0),
        (5, "USD", "$", 5.0),
        (50, "%", "percent", 50.0),
    ],
)
def test_convert(magnitude: float, source: str, target: str, expected: float) -> None:
    assert convert(magnitude, source, target) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("text", ["furlongs of joy", "2 m", "decade", "(", "m/", "x" * 500, "¤¤"])
def test_unknown_units_raise_unit_error_naming_the_text(text: str) -> None:
    with pytest.raises(UnitError) as caught:
        parse_unit(text)
    assert caught.value.field == "unit"
    assert caught.value.text == text
    assert caught.value.reason


def test_pint_errors_never_leak() -> None:
    for text in ["1/0", "meter +", "**", "[length]", "inf", "nan meter"]:
        with contextlib.suppress(ClaimrecError):
            parse_unit(text)
    with pytest.raises(UnitError):
        convert(1, "meter", "second")


def test_one_registry_and_foreign_units_are_adopted() -> None:
    assert parse_unit("hectare")._REGISTRY is ureg
    foreign = pint.UnitRegistry().Unit("hectare")
    assert parse_unit(foreign) == parse_unit("hectare")


def test_parse_unit_is_cached() -> None:
    assert parse_unit("roubles") is parse_unit("roubles")


# --- every currency the table knows is read as a figure's unit ---------------------------


@given(currency_texts())
def test_parse_value_reads_every_currency_of_the_table(case: tuple[str, str]) -> None:
    text, code = case
    assert unit_name(parse_value(text).unit) == code, text
    assert [unit_name(m.value.unit) for m in find_values(f"It cost {text} in all.")] == [code]


@pytest.mark.parametrize("code", [code for code, _ in DEFAULT_LEXICON.get("currencies").entries])
def test_every_currency_code_before_a_number(code: str) -> None:
    # "PLN 500" was refused once: the figure grammar had its own shorter list of codes.
    assert unit_name(parse_value(f"{code} 500").unit) == code
    assert unit_name(parse_value(f"500 {code}").unit) == code


# --- numbers never reach pint's evaluator (issue 14) --------------------------------------

# Texts pint would evaluate as Python arithmetic: a huge power of a number takes hours or
# all memory; a power of a power grows as fast. Each is refused before pint sees it.
RUNAWAY_POWERS = [
    "202410^9219286621438",
    "7**88888888888888",
    "3^3^3^3^3^3",
    "m^2^2^2^2^2^2^2",
    "(10^10)^(10^10) km",
    "4⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹",
    "1e99999999 m",
]

_CHILD = """
import json, sys
from claimrec.errors import UnitError
from claimrec.units import parse_unit
out = []
for text in json.loads(sys.argv[1]):
    try:
        parse_unit(text)
    except UnitError as error:
        out.append([error.field, error.text, error.reason])
    else:
        out.append(None)
print(json.dumps(out))
"""


def test_runaway_powers_are_refused_without_evaluating_them() -> None:
    # In a child process: on a reader that hands these to pint the child never ends, and
    # the timeout (far above the fraction of a second they take) says so.
    import json
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps(RUNAWAY_POWERS)],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("parse_unit evaluated a runaway power")
    refused = json.loads(done.stdout)
    for text, error in zip(RUNAWAY_POWERS, refused, strict=True):
        assert error is not None, text
        field, shown, reason = error
        assert (field, shown) == ("unit", text)
        assert "unit" in reason and "known" not in reason, reason


NOT_UNITS_WITH_NUMBERS = [
    # (text, what the reason says)
    ("meter^99999999999", "power"),
    ("kilometer**1e300", "power"),
    ("m**2.5", "power"),
    ("m^2^2", "power of a power"),
    ("m²²²", "power"),
    ("12 bananas", "number"),
    ("2^3", "number"),
    ("٣ km", "number"),
    ("½ m", "number"),
    ("(m)^(2)", "number"),
]


@pytest.mark.parametrize(
    ("text", "said"), NOT_UNITS_WITH_NUMBERS, ids=[t for t, _ in NOT_UNITS_WITH_NUMBERS]
)
def test_numbers_in_unit_text_are_refused_with_a_reason(text: str, said: str) -> None:
    with pytest.raises(UnitError) as caught:
        parse_unit(text)
    assert (caught.value.field, caught.value.text) == ("unit", text)
    assert said in caught.value.reason


UNIT_POWERS = [
    # (text with a small power, canonical name)
    ("m^2", "meter**2"),
    ("km**2", "kilometer**2"),
    ("m ** -2", "1/meter**2"),
    ("km²", "kilometer**2"),
    ("m⁻¹", "1/meter"),
    ("1/hour", "1/hour"),
    ("1 / second ** 2", "1/second**2"),
]


@pytest.mark.parametrize(("text", "name"), UNIT_POWERS, ids=[t for t, _ in UNIT_POWERS])
def test_small_powers_of_units_are_still_read(text: str, name: str) -> None:
    unit = parse_unit(text)
    assert unit_name(unit) == name
    assert parse_unit(unit_name(unit)) == unit
