"""Level groups: figures of a state at a moment (prices, turnout, troops deployed).

Two level claims about coinciding moments contradict when no value lies in both
of their intervals (beyond ``Policy.slack``); about different moments they may
both be true, since a level can change.

Where level claims conflict, the consensus is the value supported by the most
independent sources at the group's latest moment: each reporter counts once
(echoes through other outlets and repeated mentions are one claim already),
its most recent, most precise claim at that moment. With ``consensus="crh"``
each source's vote is weighted by a reliability learned from all level groups
of the report (CRH, Li et al. 2014: truths are weighted medians, a source's
weight is ``log(total loss / its loss)``, iterated a fixed number of times —
deterministic). The report gives the supporters, the share of sources (or
weight) that agree, and the range every claim allows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from claimrec.describe import describe_claim, describe_value
from claimrec.policy import Policy
from claimrec.reconcile.bounds import bounds, days
from claimrec.record import Claim
from claimrec.units import unit_name
from claimrec.value import format_number

if TYPE_CHECKING:
    import pint

__all__ = ["ConsensusMethod", "LevelConsensus", "crh_weights", "level_consensus", "pair_level"]

ConsensusMethod = Literal["vote", "crh"]
_CRH_ROUNDS = 20


def moment(item: Claim) -> tuple[int, int] | None:
    d = days(item)
    if d.end_earliest is None or d.end_latest is None:
        return None
    return (d.end_earliest, d.end_latest)


def pair_level(a: Claim, b: Claim, unit: pint.Unit, policy: Policy) -> tuple[str, str, float]:
    """Verdict, reason and gap of two level claims."""
    described = f"{describe_claim(a)} and {describe_claim(b)}"
    ma, mb = moment(a), moment(b)
    if ma is None or mb is None or not (ma[0] <= mb[1] and mb[0] <= ma[1]):
        return (
            "diverge",
            f"{described} describe different moments, and a level can change between them.",
            math.nan,
        )
    ba, bb = bounds(a, unit, policy), bounds(b, unit, policy)
    if ba.upper < bb.lower:
        gap, larger = bb.lower - ba.upper, bb.lower
    elif bb.upper < ba.lower:
        gap, larger = ba.lower - bb.upper, ba.lower
    else:
        gap, larger = 0.0, 0.0
    touching_open = (ba.upper == bb.lower and (ba.upper_strict or bb.lower_strict)) or (
        bb.upper == ba.lower and (bb.upper_strict or ba.lower_strict)
    )
    if gap > 0 or touching_open:
        forgiven = larger > 0 and gap <= policy.slack * abs(larger)
        if not forgiven:
            return (
                "contradict",
                f"{described}: at the same moment (within their date precision) the level "
                f"cannot be both {describe_value(a.value)} and {describe_value(b.value)}; they "
                f"are {format_number(gap)} apart.",
                gap,
            )
        return (
            "diverge",
            f"{described}: the intervals miss each other by {format_number(gap)}, within the "
            f"policy's slack of {policy.slack:.0%}.",
            gap,
        )
    if _close(a, b, policy):
        return "agree", f"{described}: the figures are within tolerance at the same moment.", 0.0
    return (
        "diverge",
        f"{described}: the figures differ, yet both can be true at the same moment because "
        "their intervals overlap.",
        0.0,
    )


def _close(a: Claim, b: Claim, policy: Policy) -> bool:
    sa, sb = a.value.stated, b.value.stated
    if sa is None or sb is None or unit_name(a.unit) != unit_name(b.unit):
        return a.value.low <= b.value.high and b.value.low <= a.value.high
    scale = max(abs(sa), abs(sb))
    return scale == 0 or abs(sa - sb) <= policy.agree_tolerance * scale


# --- consensus -------------------------------------------------------------------------------


def source_key(item: Claim) -> str:
    return item.reporter.name if item.reporter is not None else f"unattributed {item.id}"


def _point(item: Claim) -> float | None:
    """The figure a source gives: its stated number, or the middle of a finite range."""
    if item.value.stated is not None:
        return float(item.value.stated)
    if math.isfinite(item.value.low) and math.isfinite(item.value.high):
        return (item.value.low + item.value.high) / 2
    return None


def _at_latest_moment(claims: Sequence[Claim]) -> dict[str, Claim]:
    """Each source's claim at the group's latest moment: its most recent, most precise."""
    dated = [(c, moment(c)) for c in claims]
    known = [m for _, m in dated if m is not None]
    if not known:
        return {}
    latest = max(known, key=lambda m: (m[0], m[1]))
    chosen: dict[str, Claim] = {}
    for item, m in dated:
        if m is None or not (m[0] <= latest[1] and latest[0] <= m[1]):
            continue
        key = source_key(item)
        current = chosen.get(key)
        if current is None or _preference(item) < _preference(current):
            chosen[key] = item
    return chosen


def _preference(item: Claim) -> tuple[object, ...]:
    published = item.published
    return (
        -(published.earliest.toordinal() if published is not None else 0),
        item.value.high - item.value.low,
        str(item.value),
    )


@dataclass(frozen=True, slots=True)
class LevelConsensus:
    value: float
    supporters: tuple[str, ...]
    sources: int
    share: float
    allowed_low: float
    allowed_high: float
    text: str


def level_consensus(
    claims: Sequence[Claim],
    unit: pint.Unit,
    policy: Policy,
    label: str,
    weights: Mapping[str, float] | None = None,
) -> LevelConsensus | None:
    chosen = _at_latest_moment(claims)
    if len(chosen) < 2:
        return None
    names = sorted(chosen)
    low = np.empty(len(names))
    high = np.empty(len(names))
    weight = np.empty(len(names))
    candidates: list[float] = []
    for i, name in enumerate(names):
        b = bounds(chosen[name], unit, policy)
        low[i], high[i] = b.lower, b.upper
        weight[i] = 1.0 if weights is None else max(weights.get(name, 0.0), 0.0)
        point = _point(chosen[name])
        if point is not None:
            candidates.append(min(max(point, b.lower), b.upper))
    candidates.extend(x for x in (*low, *high) if math.isfinite(x))
    if not candidates:
        return None
    values = np.unique(np.asarray(candidates, dtype=np.float64))
    # support(v) = total weight of sources whose interval contains v.
    support = ((low[None, :] <= values[:, None]) & (values[:, None] <= high[None, :])) @ weight
    best = int(np.argmax(support))  # ties: the smallest value, deterministically
    value = float(values[best])
    total = float(weight.sum())
    supporters = tuple(n for i, n in enumerate(names) if low[i] <= value <= high[i])
    share = float(support[best]) / total if total > 0 else 0.0
    allowed_low, allowed_high = float(low.max()), float(high.min())
    suffix = "" if unit_name(unit) == "count" else f" {unit_name(unit)}"
    figure = format_number(value) + suffix
    how = "the most independent sources" if weights is None else "the most reliable weight"
    agreeing = (
        f"{len(supporters)} of {len(names)} sources ({share:.0%}"
        + (" of the weight" if weights is not None else "")
        + f"): {', '.join(supporters)}"
    )
    if allowed_low <= allowed_high:
        allowed = (
            f"every claim allows {format_number(allowed_low)} to {format_number(allowed_high)}"
            f"{suffix}"
        )
    else:
        allowed = "no single value satisfies every claim"
    text = f"the value of {label} supported by {how} is {figure}, given by {agreeing}; {allowed}."
    return LevelConsensus(value, supporters, len(names), share, allowed_low, allowed_high, text)


def crh_weights(groups: Sequence[Sequence[Claim]]) -> dict[str, float]:
    """Source reliabilities learned from the level groups (CRH with absolute loss).

    Each group with at least two sources is one object; its truth is the weighted
    median of the sources' figures; a source's loss is its absolute distance to
    the truths, each divided by that object's spread; its weight is
    ``log(total loss / its loss)``. Iterated a fixed number of rounds from equal
    weights, in sorted order: the result is deterministic.
    """
    objects: list[tuple[list[str], np.ndarray]] = []
    for claims in groups:
        chosen = _at_latest_moment(claims)
        pairs = sorted((name, _point(c)) for name, c in chosen.items())
        named = [(n, p) for n, p in pairs if p is not None]
        if len(named) >= 2:
            objects.append(([n for n, _ in named], np.asarray([p for _, p in named])))
    sources = sorted({n for names, _ in objects for n in names})
    if not sources:
        return {}
    index = {n: i for i, n in enumerate(sources)}
    weights = np.ones(len(sources))
    for _ in range(_CRH_ROUNDS):
        loss = np.zeros(len(sources))
        for names, values in objects:
            w = weights[[index[n] for n in names]]
            truth = _weighted_median(values, w)
            spread = float(np.std(values)) or 1.0
            for n, v in zip(names, values, strict=True):
                loss[index[n]] += abs(float(v) - truth) / spread
        loss = np.maximum(loss, 1e-9)
        weights = np.log(loss.sum() / loss)
        weights = np.maximum(weights, 1e-9)
    return {n: float(weights[i]) for n, i in index.items()}


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.lexsort((values,))
    v, w = values[order], weights[order]
    cumulative = np.cumsum(w)
    half = cumulative[-1] / 2
    return float(v[int(np.searchsorted(cumulative, half))])
