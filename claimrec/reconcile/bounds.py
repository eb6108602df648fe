"""What claims bound: their figures in a group's unit, as whole arrays.

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

import numpy as np
from numpy.typing import NDArray

from claimrec.policy import Policy
from claimrec.reconcile.columns import ClaimTable
from claimrec.units import convert

__all__ = ["Bounds", "bounds", "documented", "in_units"]

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]


@cache
def _documented_words() -> frozenset[str]:
    from claimrec.lexicon import default_lexicon

    return default_lexicon().words("documented_counts")


@cache
def _documented_pattern() -> re.Pattern[str]:
    """One pattern for the word list: a listed word standing as a whole word (between
    non-letters), as if the text were split into runs of letters and each looked up."""
    words = sorted((w for w in _documented_words() if re.fullmatch("[a-z]+", w)), key=len)
    alternatives = "|".join(re.escape(w) for w in reversed(words)) or "(?!)"
    return re.compile(f"(?<![a-z])(?:{alternatives})(?![a-z])")


def documented(t: ClaimTable) -> Bools:
    """Per claim: its method, counted text or measure text calls the count documented,
    verified or confirmed (each distinct text read once)."""
    search = _documented_pattern().search
    out = np.zeros(len(t), dtype=bool)
    for name in ("method", "counted", "measure_text"):
        codes = t.codes[name]
        texts = getattr(t, name)
        firsts = np.unique(codes, return_index=True)[1]
        firsts = firsts[codes[firsts] >= 0]  # code -1: missing
        says = np.zeros(int(codes.max(initial=-1)) + 2, dtype=bool)
        says[codes[firsts]] = [
            isinstance(text, str) and search(text.lower()) is not None
            for text in texts[firsts].tolist()
        ]
        out |= says[codes]
    return out


def in_units(
    values: Floats,
    source: NDArray[np.object_],
    target: NDArray[np.object_],
    differ: Bools | None = None,
) -> Floats:
    """``values[i]`` from unit ``source[i]`` into ``target[i]`` (unit names); infinite
    values and values already in the target unit stay as they are. ``differ`` (where
    the units differ) spares comparing the names."""
    out = values.copy()
    if differ is None:
        differ = source != target
    moved = np.flatnonzero(differ & np.isfinite(values))
    for i in moved.tolist():
        out[i] = convert(float(values[i]), str(source[i]), str(target[i]))
    return out


@dataclass(frozen=True, slots=True)
class Bounds:
    """Per claim: bounds on the true value in its group's unit, with strictness."""

    lower: Floats
    upper: Floats
    lower_strict: Bools
    upper_strict: Bools


def bounds(
    t: ClaimTable,
    index: Ints,
    unit: NDArray[np.object_],
    policy: Policy,
    is_documented: Bools,
    differ: Bools | None = None,
) -> Bounds:
    """Bounds of claims ``index`` in units ``unit`` (one name per claim; ``differ``:
    where it is not the claim's own)."""
    source = t.unit[index]
    low = in_units(t.low[index], source, unit, differ)
    high = in_units(t.high[index], source, unit, differ)
    low_closed = t.low_closed[index]
    upper_closed = t.high_closed[index].copy()
    whole = unit == "count"
    if policy.documented_counts == "at_least":
        doc = whole & (t.measure_kind[index] == "flow") & is_documented[index]
        high = np.where(doc, math.inf, high)
        upper_closed &= ~doc
    lower = low.copy()
    upper = high.copy()
    finite_low = np.isfinite(low)
    finite_high = np.isfinite(high)
    with np.errstate(invalid="ignore"):
        lower[finite_low] = np.where(
            low_closed[finite_low], np.ceil(low[finite_low]), np.floor(low[finite_low]) + 1
        )
        upper[finite_high] = np.where(
            upper_closed[finite_high], np.floor(high[finite_high]), np.ceil(high[finite_high]) - 1
        )
    fits = np.maximum(lower, 0.0) <= upper
    counted = whole & fits
    return Bounds(
        lower=np.where(counted, np.maximum(lower, 0.0), low),
        upper=np.where(counted, upper, high),
        lower_strict=np.where(counted, False, ~low_closed),
        upper_strict=np.where(counted, False, ~upper_closed),
    )
