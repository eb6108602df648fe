"""Operations on runs of equal keys in sorted arrays (segments), without Python loops.

A *layout* of segments (each a run of consecutive positions) is padded into
square blocks by size class (lengths up to 1, 2, 4, 8, … positions), so that a
running minimum or maximum restarted at each segment is one
``np.minimum.accumulate(axis=1)`` per block: exact for any values, infinities
included, in O(n) memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Layout", "first_of_runs", "layout"]

Ints = NDArray[np.int64]


def first_of_runs(keys: Ints) -> NDArray[np.bool_]:
    """True where a run of equal (sorted) keys starts."""
    first = np.ones(keys.size, dtype=bool)
    if keys.size > 1:
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return first


@dataclass(frozen=True, slots=True)
class Layout:
    """Segments ``[starts[k], starts[k] + lengths[k])`` of an array of ``size`` positions,
    padded by size class: ``blocks[c]`` is a (segments × width) matrix of positions,
    ``size`` (an extra padding slot) where a segment is shorter than the width."""

    size: int
    blocks: tuple[Ints, ...]

    def accumulate(
        self,
        ufunc: np.ufunc,
        values: NDArray[np.float64],
        *,
        reverse: bool = False,
        pad: float,
    ) -> NDArray[np.float64]:
        """``ufunc.accumulate`` restarted at each segment (from its end when
        ``reverse``); ``pad`` is the ufunc's neutral value (inf for minimum)."""
        extended = np.append(values, pad)
        out = values.copy()
        for block in self.blocks:
            matrix = extended[block]
            if reverse:
                result = ufunc.accumulate(matrix[:, ::-1], axis=1)[:, ::-1]
            else:
                result = ufunc.accumulate(matrix, axis=1)
            real = block < self.size
            out[block[real]] = result[real]
        return out

    def accumulate_int(
        self, ufunc: np.ufunc, values: Ints, *, reverse: bool = False, pad: int
    ) -> Ints:
        extended = np.append(values, np.int64(pad))
        out = values.copy()
        for block in self.blocks:
            matrix = extended[block]
            if reverse:
                result = ufunc.accumulate(matrix[:, ::-1], axis=1)[:, ::-1]
            else:
                result = ufunc.accumulate(matrix, axis=1)
            real = block < self.size
            out[block[real]] = result[real]
        return out


def layout(starts: Ints, lengths: Ints, size: int) -> Layout:
    """The padded layout of segments given by their first positions and lengths."""
    blocks: list[Ints] = []
    if starts.size == 0:
        return Layout(size, ())
    classes = np.ceil(np.log2(np.maximum(lengths, 1))).astype(np.int64)
    for c in np.unique(classes).tolist():
        chosen = np.flatnonzero(classes == c)
        width = int(lengths[chosen].max())
        offsets = np.arange(width, dtype=np.int64)
        matrix = starts[chosen, None] + offsets[None, :]
        matrix[offsets[None, :] >= lengths[chosen, None]] = size
        blocks.append(matrix)
    return Layout(size, tuple(blocks))


def runs_layout(keys: Ints) -> Layout:
    """The layout of the runs of equal keys of a sorted array."""
    first = np.flatnonzero(first_of_runs(keys))
    lengths = np.diff(np.append(first, keys.size)).astype(np.int64)
    return layout(first.astype(np.int64), lengths, int(keys.size))
