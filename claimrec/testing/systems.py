"""Strategies for difference-constraint systems and the windows they come from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import strategies as st

if TYPE_CHECKING:
    pass


__all__: list[str] = []

# --- constraint systems (constraints.py, grouping.py) -------------------------
__all__ += ["consistent_flow_systems", "flow_systems", "hidden_series", "window_arrays"]

if TYPE_CHECKING:
    from claimrec.constraints import FlowSystem


@st.composite
def window_arrays(
    draw: st.DrawFn, *, max_size: int = 30, max_key: int = 3, max_day: int = 60
) -> tuple[list[int], list[int], list[int]]:
    """``(keys, starts, ends)`` for ``claimrec.grouping.group_windows``: small
    day numbers (end day included) so that windows often overlap or touch."""
    size = draw(st.integers(0, max_size))
    day = st.integers(0, max_day)
    keys = draw(st.lists(st.integers(0, max_key), min_size=size, max_size=size))
    starts = draw(st.lists(day, min_size=size, max_size=size))
    lengths = draw(st.lists(st.integers(0, max_day // 4), min_size=size, max_size=size))
    return keys, starts, [s + n for s, n in zip(starts, lengths, strict=True)]


@st.composite
def hidden_series(draw: st.DrawFn, *, max_days: int = 30, max_daily: int = 4) -> list[int]:
    """A cumulative count ``S(0..days)``: non-decreasing whole numbers, ``S(0) = 0``."""
    daily = draw(st.lists(st.integers(0, max_daily), min_size=1, max_size=max_days))
    series = [0]
    for count in daily:
        series.append(series[-1] + count)
    return series


_SLACKS = (0.0, 0.0, 1.0, 2.0, 5.0)
_FRACTIONAL_SLACKS = (0.0, 0.5, 1.0, 2.25, 5.0)


@st.composite
def consistent_flow_systems(
    draw: st.DrawFn,
    *,
    max_constraints: int = 8,
    max_days: int = 30,
    strict: bool = True,
    fractional: bool = False,
) -> tuple[FlowSystem, list[int]]:
    """``(system, series)``: a ``FlowSystem`` every constraint of which is true of
    the hidden cumulative ``series`` (``series[t]`` is S(t)); always feasible.

    Bounds contain the true window count with some slack, or are absent; with
    ``strict`` some sides are strict (and then exclude the true count's side
    by at least one unit); with ``fractional`` slacks may be non-integers.
    """
    from claimrec.constraints import flow_system

    series = draw(hidden_series(max_days=max_days))
    last = len(series) - 1
    size = draw(st.integers(1, max_constraints))
    slack = st.sampled_from(_FRACTIONAL_SLACKS if fractional else _SLACKS)
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for _ in range(size):
        a = draw(st.integers(0, last - 1))
        b = draw(st.integers(a + 1, last))
        count = series[b] - series[a]
        low_strict = strict and draw(st.booleans())
        high_strict = strict and draw(st.booleans())
        low = count - draw(slack) - (1 if low_strict else 0)
        high = count + draw(slack) + (1 if high_strict else 0)
        starts.append(a)
        stops.append(b)
        lowers.append(low if draw(st.booleans()) else float("-inf"))
        uppers.append(high if draw(st.booleans()) else float("inf"))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    system = flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )
    return system, series


@st.composite
def flow_systems(
    draw: st.DrawFn,
    *,
    max_constraints: int = 7,
    max_day: int = 12,
    max_bound: int = 12,
    strict: bool = False,
) -> FlowSystem:
    """An arbitrary ``FlowSystem`` with whole-number bounds on small windows;
    often infeasible. With ``strict``, some sides are strict inequalities."""
    from claimrec.constraints import flow_system

    size = draw(st.integers(1, max_constraints))
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for _ in range(size):
        a = draw(st.integers(0, max_day - 1))
        b = draw(st.integers(a + 1, max_day))
        low = draw(st.one_of(st.none(), st.integers(0, max_bound)))
        high = draw(st.one_of(st.none(), st.integers(low or 0, max_bound)))
        low_strict = strict and low is not None and draw(st.booleans())
        high_strict = strict and high is not None and draw(st.booleans())
        if low is not None and low == high and (low_strict or high_strict):
            low_strict = high_strict = False  # an empty interval is refused on input
        starts.append(a)
        stops.append(b)
        lowers.append(float("-inf") if low is None else float(low))
        uppers.append(float("inf") if high is None else float(high))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    return flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )


FLOW_FAMILIES = ("random", "rolling", "nested", "series")
__all__ += ["FLOW_FAMILIES", "structured_flow_systems"]

_KINDS = ("lower", "upper", "exact", "range")


def _rolling_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """Several reporters, each with its own window length, step, offset and kind."""
    found: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        width = draw(st.integers(1, last))
        step = draw(st.sampled_from([1, width]))  # daily rolling, or back to back
        first = draw(st.integers(0, last - width))
        kind = draw(st.sampled_from(_KINDS))
        found += [(a, a + width, kind) for a in range(first, last - width + 1, step)]
    return found[:limit]


def _nested_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """Windows sharing an end, a start or a centre, two reporters taking turns."""
    anchor = draw(st.sampled_from(["end", "start", "centre"]))
    kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=2, max_size=2))
    found: list[tuple[int, int, str]] = []
    for size in range(1, last + 1):
        if anchor == "end":
            a, b = last - size, last
        elif anchor == "start":
            a, b = 0, size
        else:
            a, b = max(0, last // 2 - size), min(last, last // 2 + size)
            if (a, b) in {(w[0], w[1]) for w in found}:
                continue
        found.append((a, b, kinds[size % 2]))
    return found[:limit]


def _series_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """One reporter's consecutive period counts and its running totals."""
    period = draw(st.integers(1, 3))
    period_kind = draw(st.sampled_from(["exact", "lower", "range"]))
    total_kind = draw(st.sampled_from(["exact", "lower", "upper"]))
    found: list[tuple[int, int, str]] = []
    for a in range(0, last - period + 1, period):
        found.append((a, a + period, period_kind))
        if draw(st.booleans()):
            found.append((0, a + period, total_kind))
    return found[:limit]


def _random_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(1, limit))):
        a = draw(st.integers(0, last - 1))
        found.append((a, draw(st.integers(a + 1, last)), draw(st.sampled_from(_KINDS))))
    return found


_FAMILY_WINDOWS = {
    "random": _random_windows,
    "rolling": _rolling_windows,
    "nested": _nested_windows,
    "series": _series_windows,
}


@st.composite
def structured_flow_systems(
    draw: st.DrawFn,
    *,
    family: str | None = None,
    max_days: int = 14,
    max_constraints: int = 12,
    strict: bool = False,
    consistent: bool | None = None,
) -> FlowSystem:
    """A ``FlowSystem`` shaped like what reporters publish about one count.

    ``family`` (one of :data:`FLOW_FAMILIES`, drawn when None): ``"rolling"``
    — up to three reporters, each giving daily rolling or back-to-back windows
    of its own length as lower bounds, upper bounds, exact figures or ranges;
    ``"nested"`` — windows sharing an end, a start or a centre, two reporters
    taking turns; ``"series"`` — one reporter's period counts and running
    totals; ``"random"`` — windows anywhere. Figures are those of a hidden
    series give or take a slack; unless ``consistent`` is True some are then
    moved by a few units, so that a drawn system is often infeasible (never,
    with ``consistent=True``). With ``strict``, some sides are strict.
    """
    from claimrec.constraints import flow_system

    if family is None:
        family = draw(st.sampled_from(FLOW_FAMILIES))
    series = draw(hidden_series(max_days=max_days))
    last = len(series) - 1
    windows = _FAMILY_WINDOWS[family](draw, last, max_constraints)
    wrong = draw(st.booleans()) if consistent is None else not consistent
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for a, b, kind in windows:
        count = series[b] - series[a]
        shift = draw(st.integers(-3, 3)) if wrong and draw(st.booleans()) else 0
        low_strict = strict and kind in ("lower", "range") and draw(st.booleans())
        high_strict = strict and kind in ("upper", "range") and draw(st.booleans())
        low = count - (0 if kind == "exact" else draw(st.sampled_from(_SLACKS))) + shift
        high = count + (0 if kind == "exact" else draw(st.sampled_from(_SLACKS))) + shift
        low -= 1 if low_strict else 0
        high += 1 if high_strict else 0
        starts.append(a)
        stops.append(b)
        lowers.append(float(low) if kind != "upper" else float("-inf"))
        uppers.append(float(high) if kind != "lower" else float("inf"))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    return flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )


# (end constraint systems)
