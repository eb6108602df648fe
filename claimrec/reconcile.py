"""Reconciliation: groups, verdicts with reasons, minimal contradictions, consensus.

Claims meet when they share a measure key and a unit dimension and their
windows overlap or touch (a sort-and-sweep in :mod:`claimrec.grouping`). For a
``flow`` measure the claims of a group are a system of difference constraints
on the cumulative count (:mod:`claimrec.constraints`); for a ``level`` measure
claims about coinciding moments are compared as intervals. Every verdict comes
with a reason written in words and figures.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from claimrec.constraints import (
    FlowSystem,
    Implied,
    find_conflicts,
    flow_system,
    implied_bounds,
    is_feasible,
)
from claimrec.errors import ClaimError
from claimrec.frame import claims_of, to_frame
from claimrec.grouping import group_windows
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.record import Claim, merge_mentions
from claimrec.report import Report
from claimrec.units import convert, unit_name
from claimrec.value import Value, format_number

if TYPE_CHECKING:
    import pint  # annotations only: pint loads with the unit registry, on first use

__all__ = ["Implied", "describe_claim", "describe_value", "reconcile"]

Verdict = Literal["agree", "diverge", "contradict", "single"]

# Day numbers: proleptic ordinals. Open starts sit on an origin before every claim.
_FAR_FUTURE = date.max.toordinal()


# --- describing claims in words ------------------------------------------------------


def describe_value(value: Value) -> str:
    """A figure as a fact-checker would write it: "≥124", ">150", "~12,000 (10,800–13,200)"."""
    unit = unit_name(value.unit)
    suffix = "" if unit == "count" else ("%" if unit == "percent" else f" {unit}")
    stated = format_number(value.stated) + suffix if value.stated is not None else ""
    kind = value.kind
    if kind == "at_least":
        return f"≥{stated}"
    if kind == "more_than":
        return f">{stated}"
    if kind == "at_most":
        return f"≤{stated}"
    if kind == "less_than":
        return f"<{stated}"
    if kind in ("range", "vague"):
        return f"{format_number(value.low)}–{format_number(value.high)}{suffix}"
    if kind == "approx":
        return f"~{stated} ({format_number(value.low)}–{format_number(value.high)})"
    if value.low != value.high:
        return f"{stated} (read as {format_number(value.low)}–{format_number(value.high)})"
    return stated


def _day(day: date | None) -> str:
    return "?" if day is None else day.isoformat()


def _uncertain_day(earliest: date | None, latest: date | None) -> str:
    """A day, or the range it lies in: ``2024-11-06``, ``2022-01-01…2022-12-31``."""
    if earliest is None or latest is None:
        return "an unknown day"
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}…{latest.isoformat()}"


def describe_window(item: Claim) -> str:
    """A window in dates: "from 2022-01-01…2022-12-31 to 2024-11-06", "up to 2025-05-24"."""
    w = item.window
    end = _uncertain_day(w.end_earliest, w.end_latest)
    if w.start_earliest is None:
        return f"up to {end}"
    start = _uncertain_day(w.start_earliest, w.start_latest)
    if start == end:
        return f"on {start}"
    return f"from {start} to {end}"


def describe_claim(item: Claim) -> str:
    reporter = item.reporter.name if item.reporter is not None else "unattributed"
    written = f' ("{item.window.text}")' if item.window.text else ""
    return f"{reporter}: {describe_value(item.value)} {describe_window(item)}{written}"


def _reporter_name(item: Claim) -> str:
    return item.reporter.name if item.reporter is not None else "unattributed"


# --- bounds of a claim in a group's unit ------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bounds:
    lower: float
    upper: float
    lower_strict: bool
    upper_strict: bool


def _bounds(value: Value, unit: pint.Unit, *, whole: bool) -> _Bounds:
    low, high = _in_unit(value.low, value.unit, unit), _in_unit(value.high, value.unit, unit)
    if not whole:
        return _Bounds(low, high, not value.low_closed, not value.high_closed)
    # Counts are whole: the smallest and largest whole numbers in the interval
    # ("over 150" is at least 151, "fewer than 20" at most 19).
    lower, upper = low, high
    if math.isfinite(low):
        lower = float(math.floor(low) + 1 if not value.low_closed else math.ceil(low))
    if math.isfinite(high):
        upper = float(math.ceil(high) - 1 if not value.high_closed else math.floor(high))
    if max(lower, 0.0) > upper:
        # No whole number fits ("0.5 cases", an average): compare it as written.
        return _Bounds(low, high, not value.low_closed, not value.high_closed)
    return _Bounds(max(lower, 0.0), upper, False, False)


# --- windows as day numbers ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Days:
    """A claim's window as ordinals; None where open or unknown."""

    start_earliest: int | None
    start_latest: int | None
    end_earliest: int | None
    end_latest: int | None


def _days(item: Claim) -> _Days:
    w = item.window

    def ordinal(day: date | None) -> int | None:
        return None if day is None else day.toordinal()

    return _Days(
        ordinal(w.start_earliest),
        ordinal(w.start_latest),
        ordinal(w.end_earliest),
        ordinal(w.end_latest),
    )


def _comparable(a: _Days, b: _Days, origin: int) -> float:
    """The best overlap (intersection over union) of two windows under any reading."""
    if a.end_earliest is None or a.end_latest is None:
        return 0.0
    if b.end_earliest is None or b.end_latest is None:
        return 0.0

    def start_range(d: _Days, end_latest: int) -> tuple[int, int]:
        if d.start_earliest is None or d.start_latest is None:
            return (origin, end_latest)
        return (d.start_earliest, d.start_latest)

    sa, sb = start_range(a, a.end_latest), start_range(b, b.end_latest)
    ea = (a.end_earliest, a.end_latest)
    eb = (b.end_earliest, b.end_latest)
    best = 0.0
    # The best reading puts both starts (and both ends) as close as their ranges allow.
    for s in (*sa, *sb):
        s1, s2 = min(max(s, sa[0]), sa[1]), min(max(s, sb[0]), sb[1])
        for e in (*ea, *eb):
            e1, e2 = min(max(e, ea[0]), ea[1]), min(max(e, eb[0]), eb[1])
            if s1 > e1 or s2 > e2:
                continue
            inter = min(e1, e2) - max(s1, s2) + 1
            union = max(e1, e2) - min(s1, s2) + 1
            if inter > 0:
                best = max(best, inter / union)
    return best


def _in_unit(x: float, source: pint.Unit, target: pint.Unit) -> float:
    return convert(x, source, target) if source != target and math.isfinite(x) else x


def _figures_close(a: Value, b: Value, unit: pint.Unit, tolerance: float) -> bool:
    """Stated figures within ``tolerance`` of the larger; ranges when they overlap."""
    if a.stated is not None and b.stated is not None:
        sa, sb = _in_unit(a.stated, a.unit, unit), _in_unit(b.stated, b.unit, unit)
        scale = max(abs(sa), abs(sb))
        return scale == 0 or abs(sa - sb) <= tolerance * scale
    la, ha = _in_unit(a.low, a.unit, unit), _in_unit(a.high, a.unit, unit)
    lb, hb = _in_unit(b.low, b.unit, unit), _in_unit(b.high, b.unit, unit)
    return la <= hb and lb <= ha


# --- mentions, qualifiers, revisions --------------------------------------------------------


def _identity_without_value(item: Claim) -> tuple[str, str, str, str, str]:
    return (
        _reporter_name(item) if item.reporter is not None else "",
        item.measure,
        item.measure_kind,
        str(item.window),
        unit_name(item.unit),
    )


def _is_bare(value: Value) -> bool:
    return value.kind == "exact" and value.stated is not None


def _width(value: Value) -> float:
    return value.high - value.low


def _fold_qualifiers(items: Sequence[Claim]) -> tuple[list[Claim], list[dict[str, object]]]:
    """Mentions of one figure that disagree on its qualifier (a headline's "150 cases"
    over a body's "over 150 cases") are one claim: keep the more precise reading —
    a qualified one over a bare headline figure, else the narrower — and record it."""
    buckets: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        stated = item.value.stated
        if stated is None or item.reporter is None:
            buckets[("unique", item.id)].append(item)
        else:
            buckets[(*_identity_without_value(item), stated)].append(item)
    kept: list[Claim] = []
    notes: list[dict[str, object]] = []
    for bucket in buckets.values():
        if len(bucket) == 1:
            kept.append(bucket[0])
            continue
        # Ties (two open-ended readings) go to the tighter end, then to the text
        # form, so the choice never depends on the order of the input.
        best = min(
            bucket,
            key=lambda c: (_is_bare(c.value), _width(c.value), c.value.low_closed, str(c.value)),
        )
        sources = tuple(dict.fromkeys(s for c in bucket for s in c.sources))
        kept.append(best.with_sources(sources))
        for other in bucket:
            if other is best:
                continue
            notes.append(
                {
                    "type": "qualifier",
                    "reporter": _reporter_name(best),
                    "measure": best.measure,
                    "kept": best.id,
                    "dropped": other.id,
                    "reason": (
                        f"{_reporter_name(best)}'s figure is reported both as "
                        f"{describe_value(other.value)} and as {describe_value(best.value)}; "
                        f"the more precise reading, {describe_value(best.value)}, is kept and "
                        "the mentions count once."
                    ),
                }
            )
    order = {item.id: position for position, item in enumerate(items)}
    kept.sort(key=lambda c: order.get(c.id, len(order)))
    return kept, notes


def _published_after(a: Claim, b: Claim) -> bool:
    pa, pb = a.published, b.published
    return pa is not None and pb is not None and pa.earliest > pb.latest


def _revisions(items: Sequence[Claim]) -> tuple[list[Claim], list[dict[str, object]]]:
    """A later figure from the same reporter about the same measure and window
    supersedes the earlier one (a revision); a reporter's own cumulative total that
    goes down is a correction. Superseded claims leave the comparison."""
    by_series: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    for item in items:
        if item.reporter is not None:
            key = (item.reporter.name, item.measure, item.measure_kind, unit_name(item.unit))
            by_series[key].append(item)
    superseded: set[str] = set()
    notes: list[dict[str, object]] = []
    for series in by_series.values():
        if len(series) < 2:
            continue
        for later in series:
            for earlier in series:
                if earlier is later or earlier.id in superseded:
                    continue
                if not _published_after(later, earlier):
                    continue
                same_window = earlier.window == later.window
                same_start = (
                    earlier.window.start_earliest == later.window.start_earliest
                    and earlier.window.start_latest == later.window.start_latest
                )
                goes_down = (
                    same_start
                    and not same_window
                    and later.value.high < earlier.value.low
                    and (later.window.end_earliest or date.min)
                    >= (earlier.window.end_latest or date.max)
                )
                if not (same_window or goes_down):
                    continue
                superseded.add(earlier.id)
                change = "revision" if same_window else "correction"
                reason = (
                    f"{later.reporter.name if later.reporter else ''} revised its figure for the "
                    f"same window from {describe_value(earlier.value)} to "
                    f"{describe_value(later.value)}"
                    if same_window
                    else f"{later.reporter.name if later.reporter else ''}'s own cumulative "
                    f"total went down, from {describe_value(earlier.value)} "
                    f"{describe_window(earlier)} to {describe_value(later.value)} "
                    f"{describe_window(later)}: the later figure corrects the earlier one"
                )
                notes.append(
                    {
                        "type": change,
                        "reporter": _reporter_name(later),
                        "measure": later.measure,
                        "kept": later.id,
                        "dropped": earlier.id,
                        "reason": reason + ", which is not counted as a disagreement.",
                    }
                )
    return [item for item in items if item.id not in superseded], notes


# --- flow groups: the constraint system -------------------------------------------------------


@dataclass(slots=True)
class _FlowGroup:
    """The constraint system of one flow group, with the claim each constraint came from."""

    claims: list[Claim]
    unit: pint.Unit
    origin: int
    system: FlowSystem
    owner: list[int]  # constraint index → claim position in ``claims``
    bound: list[str]  # constraint index → "lower" or "upper"
    windows: list[tuple[int, int]] = field(default_factory=list)  # constraint → (start, stop)


def _whole_counts(unit: pint.Unit) -> bool:
    return unit_name(unit) == "count"


def _flow_constraints(
    claims: Sequence[Claim], unit: pint.Unit, origin: int
) -> tuple[
    list[int], list[int], list[float], list[float], list[bool], list[bool], list[int], list[str]
]:
    """Each claim bounds the count over its window, read leniently: its lower bound
    over the widest reading of the window, its upper bound over the narrowest, so a
    contradiction found holds under every reading."""
    starts: list[int] = []
    stops: list[int] = []
    lowers: list[float] = []
    uppers: list[float] = []
    lower_strict: list[bool] = []
    upper_strict: list[bool] = []
    owner: list[int] = []
    bound: list[str] = []
    whole = _whole_counts(unit)
    for position, item in enumerate(claims):
        b = _bounds(item.value, unit, whole=whole)
        d = _days(item)
        if d.end_latest is not None and (b.lower > 0 or (b.lower == 0 and b.lower_strict)):
            start = d.start_earliest if d.start_earliest is not None else origin
            starts.append(start)
            stops.append(d.end_latest + 1)
            lowers.append(b.lower)
            uppers.append(math.inf)
            lower_strict.append(b.lower_strict)
            upper_strict.append(False)
            owner.append(position)
            bound.append("lower")
        if d.end_earliest is not None and math.isfinite(b.upper):
            # An open start may be as late as the last day: the narrowest reading.
            start = d.start_latest if d.start_latest is not None else d.end_earliest
            if start <= d.end_earliest:
                starts.append(start)
                stops.append(d.end_earliest + 1)
                lowers.append(-math.inf)
                uppers.append(b.upper)
                lower_strict.append(False)
                upper_strict.append(b.upper_strict)
                owner.append(position)
                bound.append("upper")
    return starts, stops, lowers, uppers, lower_strict, upper_strict, owner, bound


def _flow_group(claims: Sequence[Claim], unit: pint.Unit, origin: int) -> _FlowGroup:
    starts, stops, lowers, uppers, ls, us, owner, bound = _flow_constraints(claims, unit, origin)
    system = flow_system(
        np.asarray(starts, dtype=np.int64),
        np.asarray(stops, dtype=np.int64),
        np.asarray(lowers, dtype=np.float64),
        np.asarray(uppers, dtype=np.float64),
        lower_strict=np.asarray(ls, dtype=bool),
        upper_strict=np.asarray(us, dtype=bool),
    )
    return _FlowGroup(
        claims=list(claims),
        unit=unit,
        origin=origin,
        system=system,
        owner=owner,
        bound=bound,
        windows=list(zip(starts, stops, strict=True)),
    )


def _subsystem_feasible(claims: Sequence[Claim], unit: pint.Unit, origin: int) -> bool:
    return is_feasible(_flow_group(claims, unit, origin).system)


def _minimal_conflicts(group: _FlowGroup, limit: int) -> list[tuple[list[int], _FlowGroup]]:
    """Minimal sets of claims that cannot all be true: each infeasible, each proper
    subset feasible. Found from negative cycles, then shrunk claim by claim."""
    found: list[tuple[list[int], _FlowGroup]] = []
    seen: set[tuple[int, ...]] = set()
    for conflict in find_conflicts(group.system, limit=limit):
        members = sorted({group.owner[i] for i in conflict.members})
        # Shrink at the level of claims: a claim brings all its constraints.
        for position in list(members):
            trial = [m for m in members if m != position]
            if trial and not _subsystem_feasible(
                [group.claims[m] for m in trial], group.unit, group.origin
            ):
                members = trial
        key = tuple(members)
        if key in seen:
            continue
        seen.add(key)
        sub = _flow_group([group.claims[m] for m in members], group.unit, group.origin)
        found.append((members, sub))
    return found


# --- verdicts ------------------------------------------------------------------------------


def _kind_note(item: Claim) -> str | None:
    kind = item.value.kind
    who = _reporter_name(item)
    if kind in ("at_least", "more_than"):
        return f"{who}'s figure is a lower bound"
    if kind in ("at_most", "less_than"):
        return f"{who}'s figure is an upper bound"
    if kind == "approx":
        return f"{who}'s figure is approximate"
    if kind in ("range", "vague"):
        return f"{who} gives a range"
    if item.value.precision is not None:
        return f"{who}'s figure is rounded"
    return None


def _window_note(a: Claim, b: Claim, overlap: float) -> str:
    """How two windows differ, in words: which ends later, which starts earlier or
    gives no start at all."""
    if a.window == b.window:
        return "over the same window"
    da, db = _days(a), _days(b)
    parts: list[str] = []
    if da.end_latest is not None and db.end_latest is not None and da.end_latest != db.end_latest:
        later, earlier = (a, b) if da.end_latest > db.end_latest else (b, a)
        gap = abs(da.end_latest - db.end_latest)
        parts.append(
            f"{_reporter_name(later)}'s window ends up to {gap} day(s) later "
            f"({_day(later.window.end_latest)} against {_day(earlier.window.end_latest)})"
        )
    open_ones = [_reporter_name(c) for c in (a, b) if c.window.start_earliest is None]
    if open_ones:
        parts.append(
            f"{' and '.join(open_ones)} give{'s' if len(open_ones) == 1 else ''} no start, "
            "so the count may reach back further"
        )
    elif a.window.start_earliest != b.window.start_earliest:
        wa, wb = a.window, b.window
        parts.append(
            "they start on different days "
            f"({_uncertain_day(wa.start_earliest, wa.start_latest)} "
            f"against {_uncertain_day(wb.start_earliest, wb.start_latest)})"
        )
    if not parts:
        parts.append("their windows differ in their uncertain ends")
    if overlap >= 0.999:
        return "their windows may coincide but need not: " + "; ".join(parts)
    return "; ".join(parts)


def _pair_flow(
    a: Claim, b: Claim, unit: pint.Unit, origin: int, policy: Policy
) -> tuple[Verdict, str]:
    pair = _flow_group([a, b], unit, origin)
    if not is_feasible(pair.system):
        return "contradict", _conflict_text(pair, [0, 1])
    overlap = _comparable(_days(a), _days(b), origin)
    close = _figures_close(a.value, b.value, unit, policy.agree_tolerance)
    described = f"{describe_claim(a)} and {describe_claim(b)}"
    if close and overlap >= policy.comparable_overlap:
        how = "the same figure" if a.value == b.value else "figures within tolerance"
        if a.window == b.window:
            window = "over the same window"
        else:
            how_much = (
                "may coincide"
                if overlap >= 0.99
                else f"may overlap by {overlap:.0%} of their length"
            )
            window = (
                f"{_reporter_name(a)}'s window ({describe_window(a)}) and "
                f"{_reporter_name(b)}'s ({describe_window(b)}) {how_much} "
                "under some reading of their uncertain ends"
            )
        return "agree", f"{described}: {how}; {window}."
    notes = [_window_note(a, b, overlap)] if a.window != b.window else []
    notes += [n for n in (_kind_note(a), _kind_note(b)) if n]
    if a.method != b.method and (a.method or b.method):
        notes.append(f"methods differ ({a.method or 'unstated'} against {b.method or 'unstated'})")
    lead = "similar figures over windows that are not comparable" if close else "the figures differ"
    return "diverge", f"{described}: {lead}, yet both can be true — " + "; ".join(notes) + "."


def _moment(item: Claim) -> tuple[int, int] | None:
    d = _days(item)
    if d.end_earliest is None or d.end_latest is None:
        return None
    return (d.end_earliest, d.end_latest)


def _pair_level(a: Claim, b: Claim, unit: pint.Unit, policy: Policy) -> tuple[Verdict, str]:
    described = f"{describe_claim(a)} and {describe_claim(b)}"
    ma, mb = _moment(a), _moment(b)
    coincide = ma is not None and mb is not None and ma[0] <= mb[1] and mb[0] <= ma[1]
    if not coincide:
        return (
            "diverge",
            f"{described}: they describe different moments, and a level can change between them.",
        )
    ba = _bounds(a.value, unit, whole=_whole_counts(unit))
    bb = _bounds(b.value, unit, whole=_whole_counts(unit))
    disjoint = ba.upper < bb.lower or bb.upper < ba.lower
    touching_open = (ba.upper == bb.lower and (ba.upper_strict or bb.lower_strict)) or (
        bb.upper == ba.lower and (bb.upper_strict or ba.lower_strict)
    )
    if disjoint or touching_open:
        return (
            "contradict",
            f"{described}: at the same moment (within their date precision) the level cannot be "
            f"both {describe_value(a.value)} and {describe_value(b.value)}.",
        )
    if _figures_close(a.value, b.value, unit, policy.agree_tolerance):
        return "agree", f"{described}: figures within tolerance at the same moment."
    notes = [n for n in (_kind_note(a), _kind_note(b)) if n]
    return (
        "diverge",
        f"{described}: the figures differ, yet both can be true — "
        + "; ".join(notes or ["their intervals overlap"])
        + ".",
    )


# --- conflicts in words -------------------------------------------------------------------------


def _span_text(start: int, stop: int, origin: int) -> str:
    last = date.fromordinal(stop - 1).isoformat()
    if start <= origin:
        return f"up to {last}"
    first = date.fromordinal(start).isoformat()
    return f"from {first} to {last}" if first != last else f"on {first}"


def _conflict_text(group: _FlowGroup, members: Sequence[int]) -> str:
    """The inequality chain of a minimal conflict, in words and figures."""
    conflicts = find_conflicts(group.system, limit=1)
    if not conflicts:
        return "the claims cannot all be true."
    conflict = conflicts[0]
    lowers: list[str] = []
    uppers: list[str] = []
    low_total = 0.0
    high_total = 0.0
    for step in conflict.chain:
        if step.constraint is None:
            continue
        item = group.claims[group.owner[step.constraint]]
        start, stop = group.windows[step.constraint]
        span = _span_text(start, stop, group.origin)
        if group.bound[step.constraint] == "lower":
            bound = float(group.system.lower[step.constraint])
            low_total += bound
            lowers.append(f"{_reporter_name(item)}: at least {format_number(bound)} {span}")
        else:
            bound = float(group.system.upper[step.constraint])
            high_total += bound
            uppers.append(f"{_reporter_name(item)}: at most {format_number(bound)} {span}")
    claims = "; ".join(describe_claim(group.claims[m]) for m in members)
    if not lowers or not uppers:
        return f"{claims} — cannot all be true."
    return (
        f"{' and '.join(lowers)} — but {' and '.join(uppers)}, whose window contains "
        f"{'it' if len(lowers) == 1 else 'them'}; a count cannot fall over time, so it would need "
        f"{format_number(low_total)} ≤ count ≤ {format_number(high_total)}, short by "
        f"{format_number(low_total - high_total)}. (Claims: {claims}.)"
    )


# --- the whole reconciliation ---------------------------------------------------------------------


def _dimension_key(item: Claim) -> str:
    name = unit_name(item.unit)
    if name in ("count", "percent"):
        return name
    return str(item.unit.dimensionality)


def _group_ids(items: Sequence[Claim]) -> np.ndarray:
    keys = pd.factorize(
        pd.Series(
            [f"{c.measure}\x1f{c.measure_kind}\x1f{_dimension_key(c)}" for c in items], dtype=object
        )
    )[0].astype(np.int64)
    starts = np.array(
        [c.window.start_earliest.toordinal() if c.window.start_earliest else 0 for c in items],
        dtype=np.int64,
    )
    ends = np.array(
        [c.window.end_latest.toordinal() if c.window.end_latest else _FAR_FUTURE for c in items],
        dtype=np.int64,
    )
    return np.asarray(group_windows(keys, starts, ends), dtype=np.int64)


def _group_origin(items: Sequence[Claim]) -> int:
    days = [
        d for c in items for d in (c.window.start_earliest, c.window.end_earliest) if d is not None
    ]
    return (min(days).toordinal() if days else date(2000, 1, 1).toordinal()) - 1


def _measure_label(items: Sequence[Claim]) -> str:
    """The measure as most claims of a group write it (ties by text, not order)."""
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[c.measure_text or c.measure] += 1
    return min(counts, key=lambda text: (-counts[text], text))


def _group_unit(items: Sequence[Claim]) -> pint.Unit:
    # The most common unit of the group; every figure is converted to it.
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[unit_name(c.unit)] += 1
    best = min(counts, key=lambda name: (-counts[name], name))  # ties: by name, not order
    return next(c.unit for c in items if unit_name(c.unit) == best)


def _consensus_row(
    group: _FlowGroup, label: str
) -> tuple[float, float, str, str, date | None, date | None]:
    """What all claims of a feasible group imply over its span: the strongest lower
    bound, stated at the earliest end day by which it holds."""
    claims = group.claims
    ends = sorted(
        {d.toordinal() for c in claims for d in (c.window.end_earliest, c.window.end_latest) if d}
    )
    if not ends:
        return (math.nan, math.nan, "", "", None, None)
    if any(c.window.start_earliest is None for c in claims):
        start = group.origin
    else:
        start = min(c.window.start_earliest.toordinal() for c in claims if c.window.start_earliest)
    best = implied_bounds(group.system, start, ends[-1] + 1)
    # The lower bound can only grow with the end day: find the first end that reaches it.
    lo, hi = 0, len(ends) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if implied_bounds(group.system, start, ends[mid] + 1).lower >= best.lower:
            hi = mid
        else:
            lo = mid + 1
    stop = ends[lo] + 1
    implied = implied_bounds(group.system, start, stop)
    text = _implied_text(implied.lower, implied.upper, start, stop, group.origin, label)
    support = sorted({group.owner[i] for i in (*implied.lower_support, *implied.upper_support)})
    rests_on = "; ".join(describe_claim(claims[p]) for p in support)
    first = None if start <= group.origin else date.fromordinal(start)
    return (implied.lower, implied.upper, text, rests_on, first, date.fromordinal(stop - 1))


def _implied_text(low: float, high: float, start: int, stop: int, origin: int, label: str) -> str:
    span = _span_text(start, stop, origin)
    if start <= origin:
        span = f"by {date.fromordinal(stop - 1).isoformat()}"
    if math.isinf(high) and low <= 0:
        return f"the claims set no bound on {label} {span}"
    if math.isinf(high):
        return f"all claims together imply at least {format_number(low)} {label} {span}"
    if low <= 0:
        return f"all claims together imply at most {format_number(high)} {label} {span}"
    if low == high:
        return f"all claims together imply exactly {format_number(low)} {label} {span}"
    return f"all claims together imply {format_number(low)} to {format_number(high)} {label} {span}"


def reconcile(
    claims: pd.DataFrame | Iterable[Claim],
    *,
    policy: Policy = DEFAULT_POLICY,
    pairs_limit: int = 200,
    conflicts_limit: int = 20,
) -> Report:
    """Group claims, judge every group and pair, name minimal contradictions, and
    state what the claims together imply.

    ``claims`` is a list of :class:`~claimrec.Claim` or a claims DataFrame (loose
    or canonical). Mentions of one claim count once. Pairs are listed for groups of
    at most ``pairs_limit`` claims; every group gets a verdict whatever its size.
    """
    items = merge_mentions(claims_of(claims))
    items, qualifier_notes = _fold_qualifiers(items)
    items, revision_notes = _revisions(items)
    if not items:
        return Report.build(
            groups=[],
            pairs=[],
            conflicts=[],
            revisions=qualifier_notes + revision_notes,
            claims=to_frame([]).assign(group=pd.Series(dtype="Int64")),
        )
    ids = _group_ids(items)
    members: dict[int, list[int]] = defaultdict(list)
    for position, gid in enumerate(ids.tolist()):
        members[gid].append(position)

    group_rows: list[dict[str, object]] = []
    pair_rows: list[dict[str, object]] = []
    conflict_rows: list[dict[str, object]] = []
    flow_groups: dict[str, list[_FlowGroup]] = defaultdict(list)
    for gid in sorted(members):
        group_claims = [items[p] for p in members[gid]]
        first = group_claims[0]
        unit = _group_unit(group_claims)
        label = _measure_label(group_claims)
        is_flow = first.measure_kind == "flow" and unit_name(unit) != "percent"
        origin = _group_origin(group_claims)
        verdicts: list[Verdict] = []
        row: dict[str, object] = {
            "group": gid,
            "measure": first.measure,
            "measure_kind": first.measure_kind,
            "unit": unit_name(unit),
            "claims": len(group_claims),
            "consensus_low": math.nan,
            "consensus_high": math.nan,
            "consensus": "",
            "consensus_rests_on": "",
            "start": None,
            "end": None,
        }
        conflicts_here = 0
        if is_flow:
            flow = _flow_group(group_claims, unit, origin)
            flow_groups[first.measure].append(flow)
            if not is_feasible(flow.system):
                for number, (found, sub) in enumerate(_minimal_conflicts(flow, conflicts_limit)):
                    conflicts_here += 1
                    conflict_rows.append(
                        {
                            "group": gid,
                            "conflict": number,
                            "claims": "; ".join(group_claims[m].id for m in found),
                            "reporters": "; ".join(_reporter_name(group_claims[m]) for m in found),
                            "gap": _conflict_gap(sub),
                            "chain": _conflict_text(sub, list(range(len(found)))),
                        }
                    )
            else:
                low, high, text, rests_on, start, end = _consensus_row(flow, label)
                row.update(
                    consensus_low=low,
                    consensus_high=high,
                    consensus=text,
                    consensus_rests_on=rests_on,
                    start=start,
                    end=end,
                )
        if len(group_claims) <= pairs_limit:
            for i in range(len(group_claims)):
                for j in range(i + 1, len(group_claims)):
                    a, b = group_claims[i], group_claims[j]
                    if is_flow:
                        verdict, reason = _pair_flow(a, b, unit, origin, policy)
                    else:
                        verdict, reason = _pair_level(a, b, unit, policy)
                        if verdict == "contradict":
                            conflicts_here += 1
                            conflict_rows.append(
                                {
                                    "group": gid,
                                    "conflict": conflicts_here - 1,
                                    "claims": f"{a.id}; {b.id}",
                                    "reporters": f"{_reporter_name(a)}; {_reporter_name(b)}",
                                    "gap": math.nan,
                                    "chain": reason,
                                }
                            )
                    verdicts.append(verdict)
                    pair_rows.append(
                        {
                            "group": gid,
                            "claim_a": a.id,
                            "claim_b": b.id,
                            "reporter_a": _reporter_name(a),
                            "reporter_b": _reporter_name(b),
                            "verdict": verdict,
                            "reason": reason,
                        }
                    )
        row["verdict"], row["reason"] = _group_verdict(group_claims, verdicts, conflicts_here)
        group_rows.append(row)

    frame = to_frame(items)
    by_id = {c.id: gid for c, gid in zip(items, ids.tolist(), strict=True)}
    frame["group"] = pd.Series(
        [by_id[i] for i in frame["claim_id"]], dtype="Int64", index=frame.index
    )

    def consensus(measure: str, start: date | str | None, end: date | str) -> Implied:
        return _ask(flow_groups, measure, start, end)

    return Report.build(
        groups=group_rows,
        pairs=pair_rows,
        conflicts=conflict_rows,
        revisions=qualifier_notes + revision_notes,
        claims=frame,
        consensus=consensus,
    )


def _conflict_gap(group: _FlowGroup) -> float:
    conflicts = find_conflicts(group.system, limit=1)
    return float(conflicts[0].gap) if conflicts else math.nan


def _group_verdict(
    claims: Sequence[Claim], verdicts: Sequence[Verdict], conflicts: int
) -> tuple[Verdict, str]:
    if len(claims) == 1:
        return "single", f"{describe_claim(claims[0])}: nothing to compare with."
    if conflicts:
        return (
            "contradict",
            f"{conflicts} minimal set(s) of claims cannot all be true; see the conflicts.",
        )
    if verdicts and all(v == "agree" for v in verdicts):
        return "agree", f"all {len(claims)} claims agree."
    disagreeing = sum(1 for v in verdicts if v == "diverge")
    agreeing = sum(1 for v in verdicts if v == "agree")
    return (
        "diverge",
        f"the figures differ ({disagreeing} diverging pair(s), {agreeing} agreeing), yet all "
        f"{len(claims)} claims can be true together.",
    )


def _ask(
    flow_groups: dict[str, list[_FlowGroup]],
    measure: str,
    start: date | str | None,
    end: date | str,
) -> Implied:
    """The tightest range the claims of one flow measure imply for a chosen window."""
    from claimrec.measure import measure_key
    from claimrec.read.times import parse_reference

    key = measure if measure in flow_groups else measure_key(measure)
    groups = flow_groups.get(key)
    if not groups:
        raise ClaimError("no flow claims about this measure", field="measure", text=measure)
    claims = [c for g in groups for c in g.claims]
    last = parse_reference(end).latest.toordinal() if isinstance(end, str) else end.toordinal()
    first: int | None = None
    if start is not None:
        first = (
            parse_reference(start).earliest.toordinal()
            if isinstance(start, str)
            else start.toordinal()
        )
    origin = min(_group_origin(claims), (first if first is not None else last) - 1)
    merged = _flow_group(claims, groups[0].unit, origin)
    if not is_feasible(merged.system):
        raise ClaimError(
            "the claims about this measure contradict each other; see report.conflicts",
            field="measure",
            text=measure,
        )
    return implied_bounds(merged.system, origin if first is None else first, last + 1)
