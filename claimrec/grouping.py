"""Sort-and-sweep grouping of time windows that share a key.

Claims meet when they share a key (measure × unit dimension, factorized by the
caller) and their windows overlap or touch; a group is a connected set of such
claims. One lexicographic sort and a running maximum of window
ends per key find every group in O(n log n) without comparing pairs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from claimrec.errors import ClaimrecError

__all__ = ["group_windows"]

# Offsets of the running-maximum encoding must stay clear of int64 overflow.
_ENCODING_LIMIT = 2**62


def _day_array(values: ArrayLike, field: str) -> NDArray[np.int64]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ClaimrecError("expected a one-dimensional array", field=field, text=array.shape)
    if array.size and (array.dtype.kind not in "iu"):
        raise ClaimrecError(
            "expected integers (day numbers or codes)", field=field, text=str(array.dtype)
        )
    if array.dtype.kind == "u" and array.size and int(array.max()) > np.iinfo(np.int64).max:
        raise ClaimrecError("value does not fit in int64", field=field, text=int(array.max()))
    return array.astype(np.int64, copy=False)


def group_windows(
    keys: ArrayLike,
    starts: ArrayLike,
    ends: ArrayLike,
    *,
    touching: bool = True,
) -> NDArray[np.int64]:
    """Group ids of windows ``[starts[i], ends[i]]`` (end day included) per key.

    Two windows with the same key meet when they overlap or, with ``touching``
    (the default), when one ends the day before the other starts. A group is a
    connected set of windows that meet. Ids run from 0 in order of (key, first
    start of the group), so they do not depend on the order of the input rows.

    Any int64 day numbers are accepted, including sentinels such as the
    smallest int64 for an open start: no arithmetic on days can overflow.
    """
    key = _day_array(keys, "keys")
    start = _day_array(starts, "starts")
    end = _day_array(ends, "ends")
    n = key.size
    if start.size != n or end.size != n:
        raise ClaimrecError(
            "keys, starts and ends must have the same length",
            field="starts",
            text=f"{n}, {start.size}, {end.size}",
        )
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    backwards = np.flatnonzero(end < start)
    if backwards.size:
        first = int(backwards[0])
        raise ClaimrecError(
            "window ends before it starts",
            field="ends",
            text=f"row {first}: start={int(start[first])}, end={int(end[first])}",
        )

    order = np.lexsort((start, key))
    key_sorted = key[order]
    start_sorted = start[order]
    end_sorted = end[order]
    first_of_key = np.empty(n, dtype=bool)
    first_of_key[0] = True
    np.not_equal(key_sorted[1:], key_sorted[:-1], out=first_of_key[1:])
    segment = np.cumsum(first_of_key) - 1

    # Running maximum of ends restarted at each key: give each key segment an
    # offset larger than any end of the segments before it, so one
    # np.maximum.accumulate never carries a maximum across a key boundary.
    # Ends are first mapped to small non-negative codes (a shift, or dense
    # ranks when the shifted span would overflow) and mapped back afterwards.
    low = int(end_sorted.min())
    span = int(end_sorted.max()) - low + 1
    n_segments = int(segment[-1]) + 1
    ranks: NDArray[np.int64] | None = None
    if span * n_segments < _ENCODING_LIMIT:
        # Unsigned subtraction is exact here: every difference is below span.
        code = (end_sorted.astype(np.uint64) - np.uint64(low & (2**64 - 1))).astype(np.int64)
    else:
        ranked, inverse = np.unique(end_sorted, return_inverse=True)
        ranks = ranked.astype(np.int64)
        code = inverse.astype(np.int64)
        span = int(ranked.size)
    running = np.maximum.accumulate(code + segment * span) - segment * span
    if ranks is None:
        running_end = (running.astype(np.uint64) + np.uint64(low & (2**64 - 1))).astype(np.int64)
    else:
        running_end = ranks[running]

    # Row i starts a group when its key is new or it starts more than one day
    # (touching) or more than zero days after every earlier window of its key.
    # The gap is computed in uint64 where start > previous end, so it is exact.
    previous_end = running_end[:-1]
    later = start_sorted[1:]
    after = later > previous_end
    if touching:
        gap = later.astype(np.uint64) - previous_end.astype(np.uint64)
        after &= gap > np.uint64(1)
    new_group = first_of_key.copy()
    new_group[1:] |= after
    group_sorted = np.cumsum(new_group, dtype=np.int64) - 1
    groups = np.empty(n, dtype=np.int64)
    groups[order] = group_sorted
    return groups
