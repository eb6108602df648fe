"""The system of difference constraints: its types, its checks, and its graph with
exact integer weights (see :mod:`claimrec.constraints`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from claimrec.errors import ClaimrecError

Bound = Literal["lower", "upper", "monotone"]
_Item = TypeVar("_Item", bound=np.generic)

_MAX_DECIMALS = 12
_GRID_TOLERANCE = 1e-12
_INT64_SAFE = 2**62
_INF = float("inf")


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowSystem:
    """Constraints ``lower[i] <= S(stop[i]) - S(start[i]) <= upper[i]``.

    Build with :func:`flow_system`, which validates the arrays. All arrays are
    read-only and of equal length; ``lower`` may be −inf and ``upper`` +inf
    (no bound on that side); ``*_strict`` make that side a strict inequality.
    """

    start: NDArray[np.int64]
    stop: NDArray[np.int64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    lower_strict: NDArray[np.bool_]
    upper_strict: NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.start.size)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One inequality ``S(head) - S(tail) <= weight`` (``<`` when strict) of a chain.

    ``constraint`` is the constraint index, or None for monotonicity.
    ``bound`` says which inequality: ``"upper"`` (tail = start, head = stop,
    weight = upper), ``"lower"`` (tail = stop, head = start, weight = −lower)
    or ``"monotone"`` (tail a later day, head an earlier one, weight 0; runs of
    monotone steps are merged into one).
    """

    constraint: int | None
    bound: Bound
    tail: int
    head: int
    weight: float
    strict: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """A minimal set of constraints that cannot hold together.

    ``members``: sorted constraint indices; the set is infeasible and every
    proper subset of it is feasible. ``chain``: the inequalities of one
    violated cycle, in order; each step's head is the next step's tail and the
    last head is the first tail, so adding them up gives ``0 <= sum of
    weights``, which fails. ``gap``: by how much it fails, ``−(sum of
    weights)`` in the units of the bounds (``109 − 100 = 9``); 0 when only a
    strict inequality makes the cycle fail.
    """

    members: tuple[int, ...]
    chain: tuple[Step, ...]
    gap: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Implied:
    """The tightest range the constraints imply for ``S(stop) - S(start)``.

    ``lower``/``upper``: the bounds (``upper`` is +inf when nothing bounds it;
    ``lower`` is at least 0 by monotonicity); ``lower_strict``/``upper_strict``:
    whether that side is strict; ``lower_support``/``upper_support``: sorted
    indices of the constraints on the shortest path that gives the bound
    (empty when the bound comes from monotonicity alone or is infinite).
    """

    start: int
    stop: int
    lower: float
    upper: float
    lower_strict: bool
    upper_strict: bool
    lower_support: tuple[int, ...]
    upper_support: tuple[int, ...]


# --- building and validating ---------------------------------------------------


def _frozen(array: NDArray[_Item]) -> NDArray[_Item]:
    array = array.copy()
    array.flags.writeable = False
    return array


def _as_days(values: ArrayLike, field: str) -> NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ClaimrecError("expected a one-dimensional array", field=field, text=array.shape)
    if array.size and array.dtype.kind not in "iu":
        raise ClaimrecError("expected integer day numbers", field=field, text=str(array.dtype))
    if array.dtype.kind == "u" and array.size and int(array.max()) > np.iinfo(np.int64).max:
        raise ClaimrecError("day does not fit in int64", field=field, text=int(array.max()))
    return array.astype(np.int64)


def _as_bounds(values: ArrayLike, field: str) -> NDArray[np.float64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ClaimrecError("expected a one-dimensional array", field=field, text=array.shape)
    if array.size and array.dtype.kind not in "iuf":
        raise ClaimrecError("expected numbers", field=field, text=str(array.dtype))
    result = array.astype(np.float64)
    nan = np.flatnonzero(np.isnan(result))
    if nan.size:
        raise ClaimrecError("bound is NaN", field=field, text=f"constraint {int(nan[0])}")
    return result


def _as_flags(values: ArrayLike | None, size: int, field: str) -> NDArray[np.bool_]:
    if values is None:
        return np.zeros(size, dtype=bool)
    array = np.asarray(values)
    if array.shape != (size,):
        raise ClaimrecError(f"expected {size} flags", field=field, text=array.shape)
    if array.size and array.dtype.kind != "b":
        raise ClaimrecError("expected booleans", field=field, text=str(array.dtype))
    return array.astype(bool)


def _first(mask: NDArray[np.bool_]) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def flow_system(
    start: ArrayLike,
    stop: ArrayLike,
    lower: ArrayLike,
    upper: ArrayLike,
    *,
    lower_strict: ArrayLike | None = None,
    upper_strict: ArrayLike | None = None,
) -> FlowSystem:
    """Validate and freeze a constraint system; see :class:`FlowSystem`.

    Raises :class:`~claimrec.errors.ClaimrecError` naming the field and the
    first offending constraint when arrays disagree in length, days are not
    integers, ``start >= stop``, a bound is NaN, ``lower`` is +inf or
    ``upper`` is −inf, or a constraint's own interval is empty
    (``lower > upper``, or equal with a strict side).
    """
    starts = _as_days(start, "start")
    stops = _as_days(stop, "stop")
    lowers = _as_bounds(lower, "lower")
    uppers = _as_bounds(upper, "upper")
    size = starts.size
    for field, array in (("stop", stops), ("lower", lowers), ("upper", uppers)):
        if array.size != size:
            raise ClaimrecError(f"expected {size} values like start", field=field, text=array.size)
    lower_flags = _as_flags(lower_strict, size, "lower_strict")
    upper_flags = _as_flags(upper_strict, size, "upper_strict")

    checks: tuple[tuple[str, NDArray[np.bool_], str], ...] = (
        ("stop", stops <= starts, "stop must be after start"),
        ("lower", lowers == np.inf, "lower bound is +inf"),
        ("upper", uppers == -np.inf, "upper bound is -inf"),
        ("upper", uppers < lowers, "upper bound is below lower bound"),
        (
            "upper",
            (uppers == lowers) & (lower_flags | upper_flags),
            "empty interval: equal bounds with a strict side",
        ),
    )
    if not np.logical_or.reduce([bad for _, bad, _ in checks]).any():
        checks = ()  # all hold: one pass over the flags, no search for a first failure
    for field, bad, reason in checks:
        index = _first(bad)
        if index is not None:
            raise ClaimrecError(
                reason,
                field=field,
                text=(
                    f"constraint {index}: start={int(starts[index])}, stop={int(stops[index])}, "
                    f"lower={float(lowers[index])}, upper={float(uppers[index])}"
                ),
            )
    return FlowSystem(
        start=_frozen(starts),
        stop=_frozen(stops),
        lower=_frozen(lowers),
        upper=_frozen(uppers),
        lower_strict=_frozen(lower_flags),
        upper_strict=_frozen(upper_flags),
    )


# --- exact integer weights -------------------------------------------------------


def _grid_scale(values: NDArray[np.float64]) -> int:
    """The power of ten that puts every finite bound on an integer grid."""
    if np.array_equal(values, np.rint(values)):
        return 1
    for decimals in range(1, _MAX_DECIMALS + 1):
        scaled = values * 10.0**decimals
        error = np.abs(scaled - np.rint(scaled))
        if np.all(error <= _GRID_TOLERANCE * np.maximum(1.0, np.abs(scaled))):
            return int(10**decimals)
    return int(10**_MAX_DECIMALS)


def _grid_ints(values: NDArray[np.float64], scale: int, k: int) -> NDArray[Any]:
    """Bounds on the grid as integers: int64 when ``value·k`` cannot overflow,
    else Python integers (an object array), which never do."""
    scaled = np.rint(values * float(scale))
    if not scaled.size or np.abs(scaled).max() * k < _INT64_SAFE:
        return scaled.astype(np.int64)
    return np.array([int(v) for v in scaled.tolist()], dtype=object)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Graph:
    """The constraint graph of a subset of a system's constraints."""

    days: NDArray[np.int64]  # sorted node days
    out: list[list[tuple[int, Any, int]]]  # per tail node: (head, folded weight, edge id)
    tails: NDArray[np.int64]  # tail node of each edge id
    heads: NDArray[np.int64]
    n_constraints: int  # edge ids: upper 2i, lower 2i+1, monotone 2m + k (k+1 → k)
    k: int  # folding factor for strictness
    scale: int


def _graph(
    system: FlowSystem,
    subset: NDArray[np.int64] | None = None,
    extra_days: Sequence[int] = (),
) -> _Graph:
    index = np.arange(len(system)) if subset is None else subset
    start = system.start[index]
    stop = system.stop[index]
    lower = system.lower[index]
    upper = system.upper[index]
    lower_strict = system.lower_strict[index]
    upper_strict = system.upper_strict[index]
    m = int(system.start.size)

    extra = np.asarray(extra_days, dtype=np.int64)
    days, node = np.unique(np.concatenate([start, stop, extra]), return_inverse=True)
    n = int(days.size)
    tail_node = node[: start.size]
    head_node = node[start.size : 2 * start.size]
    has_upper = np.isfinite(upper)
    has_lower = np.isfinite(lower)
    finite = np.concatenate([upper[has_upper], lower[has_lower]])
    scale = _grid_scale(finite) if finite.size else 1
    k = int(np.count_nonzero(upper_strict & has_upper) + np.count_nonzero(lower_strict & has_lower))
    k += 1

    # Edge ids: upper bound of constraint i is 2i, lower bound 2i + 1,
    # monotone step from node k + 1 to node k is 2m + k.
    upper_ids = 2 * index[has_upper]
    lower_ids = 2 * index[has_lower] + 1
    monotone_ids = 2 * m + np.arange(max(n - 1, 0), dtype=np.int64)
    tails = np.zeros(2 * m + max(n - 1, 0), dtype=np.int64)
    heads = tails.copy()
    tails[upper_ids], heads[upper_ids] = tail_node[has_upper], head_node[has_upper]
    tails[lower_ids], heads[lower_ids] = head_node[has_lower], tail_node[has_lower]
    tails[2 * m :] = np.arange(1, n)
    heads[2 * m :] = np.arange(n - 1)

    upper_weights = _grid_ints(upper[has_upper], scale, k)
    lower_weights = -_grid_ints(lower[has_lower], scale, k)
    if k > 1:
        upper_weights = upper_weights * k - upper_strict[has_upper].astype(np.int64)
        lower_weights = lower_weights * k - lower_strict[has_lower].astype(np.int64)
    # Per node: lower bounds first, then upper bounds, then the monotone step.
    edges = np.concatenate([lower_ids, upper_ids, monotone_ids])
    weights = np.concatenate(
        [lower_weights, upper_weights, np.zeros(monotone_ids.size, dtype=np.int64)]
    )
    return _Graph(
        days=days,
        out=_adjacency(n, edges, tails, heads, weights),
        tails=tails,
        heads=heads,
        n_constraints=m,
        k=k,
        scale=scale,
    )


def _adjacency(
    n: int,
    edges: NDArray[np.int64],
    tails: NDArray[np.int64],
    heads: NDArray[np.int64],
    weights: NDArray[Any],
) -> list[list[tuple[int, Any, int]]]:
    """Per tail node, its edges as (head, folded weight, edge id) tuples, in the
    order given within a node."""
    # Stable sorts of 16-bit keys are radix sorts: ~20x faster than of int64.
    keys = tails[edges].astype(np.int16) if n < 2**15 else tails[edges]
    order = np.argsort(keys, kind="stable")
    triples = list(
        zip(
            heads[edges][order].tolist(),
            weights[order].tolist(),
            edges[order].tolist(),
            strict=True,
        )
    )
    bounds = np.concatenate([[0], np.cumsum(np.bincount(tails[edges], minlength=n))]).tolist()
    return [triples[bounds[u] : bounds[u + 1]] for u in range(n)]
