"""What a claim bounds: its figure in a group's unit, and its window as day numbers.

A count is whole ("over 150" is at least 151). A count a monitor calls
documented, verified or confirmed (word list ``claimrec/data/en/documented.txt``)
is a lower bound on the true count under ``Policy.documented_counts="at_least"``,
the default. Day numbers are proleptic ordinals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from claimrec.policy import Policy
from claimrec.units import convert, unit_name
from claimrec.value import Value

if TYPE_CHECKING:
    import pint

    from claimrec.record import Claim

__all__ = ["Bounds", "Days", "bounds", "days", "in_unit", "is_documented"]


@dataclass(frozen=True, slots=True)
class Bounds:
    lower: float
    upper: float
    lower_strict: bool
    upper_strict: bool


@dataclass(frozen=True, slots=True)
class Days:
    """A claim's window as ordinals; None where open (no start) or unknown (no end)."""

    start_earliest: int | None
    start_latest: int | None
    end_earliest: int | None
    end_latest: int | None


@cache
def _documented_words() -> frozenset[str]:
    from claimrec.lexicon import default_lexicon

    return default_lexicon().words("documented_counts")


_WORD = re.compile(r"[a-z]+")


def is_documented(item: Claim) -> bool:
    """True when the claim's method, counted text or measure text calls the count
    documented, verified or confirmed (a monitor's count)."""
    words = _documented_words()
    for text in (item.method, item.counted, item.measure_text):
        if text and any(word in words for word in _WORD.findall(text.lower())):
            return True
    return False


def in_unit(x: float, source: pint.Unit, target: pint.Unit) -> float:
    if source is target or not math.isfinite(x) or source == target:
        return x
    return convert(x, source, target)


def whole_counts(unit: pint.Unit) -> bool:
    return unit_name(unit) == "count"


def bounds(item: Claim, unit: pint.Unit, policy: Policy) -> Bounds:
    """The claim's bounds on the true value, in ``unit``."""
    value: Value = item.value
    low, high = in_unit(value.low, value.unit, unit), in_unit(value.high, value.unit, unit)
    upper_closed = value.high_closed
    whole = whole_counts(unit)
    if (
        whole
        and policy.documented_counts == "at_least"
        and item.measure_kind == "flow"
        and is_documented(item)
    ):
        high, upper_closed = math.inf, False
    if not whole:
        return Bounds(low, high, not value.low_closed, not upper_closed)
    # Counts are whole: the smallest and largest whole numbers in the interval
    # ("over 150" is at least 151, "fewer than 20" at most 19).
    lower, upper = low, high
    if math.isfinite(low):
        lower = float(math.floor(low) + 1 if not value.low_closed else math.ceil(low))
    if math.isfinite(high):
        upper = float(math.ceil(high) - 1 if not upper_closed else math.floor(high))
    if max(lower, 0.0) > upper:
        # No whole number fits ("0.5 cases", an average): compare it as written.
        return Bounds(low, high, not value.low_closed, not upper_closed)
    return Bounds(max(lower, 0.0), upper, False, False)


def days(item: Claim) -> Days:
    w = item.window
    return Days(
        None if w.start_earliest is None else w.start_earliest.toordinal(),
        None if w.start_latest is None else w.start_latest.toordinal(),
        None if w.end_earliest is None else w.end_earliest.toordinal(),
        None if w.end_latest is None else w.end_latest.toordinal(),
    )
