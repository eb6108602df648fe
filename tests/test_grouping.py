"""Sort-and-sweep grouping: examples, and agreement with a naive union-find."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimrec.errors import ClaimrecError
from claimrec.grouping import group_windows
from claimrec.testing import window_arrays

INT64_MIN = int(np.iinfo(np.int64).min)
INT64_MAX = int(np.iinfo(np.int64).max)


def naive_groups(
    keys: list[int], starts: list[int], ends: list[int], *, touching: bool = True
) -> list[int]:
    """Union-find over all pairs, numbered by (key, first start) like group_windows."""
    n = len(keys)
    root = list(range(n))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    reach = 1 if touching else 0
    for i in range(n):
        for j in range(i + 1, n):
            meet = starts[j] <= ends[i] + reach and starts[i] <= ends[j] + reach
            if keys[i] == keys[j] and meet:
                root[find(i)] = find(j)
    first: dict[int, tuple[int, int]] = {}
    for i in range(n):
        r = find(i)
        first[r] = min(first.get(r, (keys[i], starts[i])), (keys[i], starts[i]))
    numbering = {r: number for number, r in enumerate(sorted(first, key=first.__getitem__))}
    return [numbering[find(i)] for i in range(n)]


EXAMPLES = [
    pytest.param([0, 0], [1, 6], [5, 9], [0, 0], id="touching-windows-join"),
    pytest.param([0, 0], [1, 7], [5, 9], [0, 1], id="one-day-gap-splits"),
    pytest.param([0, 0], [1, 3], [10, 4], [0, 0], id="nested-window"),
    pytest.param([0, 1], [1, 1], [5, 5], [0, 1], id="different-keys-never-meet"),
    pytest.param([0, 0, 0], [1, 20, 6], [5, 30, 19], [0, 0, 0], id="bridge-joins-three"),
    pytest.param([0, 0, 0], [1, 2, 9], [30, 3, 10], [0, 0, 0], id="long-window-covers-later"),
    pytest.param([5, 2, 5], [0, 0, 100], [1, 1, 101], [1, 0, 2], id="ids-by-key-then-start"),
    pytest.param([0, 0], [INT64_MIN, 10], [9, INT64_MAX], [0, 0], id="sentinels-touch"),
    pytest.param([0, 0], [INT64_MIN, 11], [9, INT64_MAX], [0, 1], id="sentinels-gap"),
    pytest.param([0, 1], [INT64_MIN, INT64_MIN], [INT64_MAX, INT64_MAX], [0, 1], id="extremes"),
    pytest.param([], [], [], [], id="empty"),
]


@pytest.mark.parametrize(("keys", "starts", "ends", "expected"), EXAMPLES)
def test_examples(keys: list[int], starts: list[int], ends: list[int], expected: list[int]) -> None:
    groups = group_windows(
        np.array(keys, dtype=np.int64),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
    )
    assert groups.dtype == np.int64
    assert groups.tolist() == expected


def test_overlap_only_without_touching() -> None:
    groups = group_windows([0, 0, 0], [1, 6, 8], [5, 8, 9], touching=False)
    assert groups.tolist() == [0, 1, 1]


def test_huge_span_of_many_keys_uses_exact_ranks() -> None:
    # Days spanning all of int64 over many keys cannot be offset-encoded.
    keys = np.repeat(np.arange(4), 3)
    starts = np.tile([INT64_MIN, 0, 2**62], 4)
    ends = np.tile([-1, 2**61, INT64_MAX], 4)
    assert group_windows(keys, starts, ends).tolist() == [0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7]


ERRORS = [
    pytest.param([0], [5], [4], "ends", id="end-before-start"),
    pytest.param([0, 1], [5], [6], "starts", id="length-mismatch"),
    pytest.param([0], [5.5], [6], "starts", id="float-days"),
    pytest.param([[0]], [5], [6], "keys", id="two-dimensional"),
]


@pytest.mark.parametrize(("keys", "starts", "ends", "field"), ERRORS)
def test_errors(keys: object, starts: object, ends: object, field: str) -> None:
    with pytest.raises(ClaimrecError) as info:
        group_windows(keys, starts, ends)  # type: ignore[arg-type]
    assert info.value.field == field


@given(window_arrays(), st.booleans())
def test_equals_naive_union_find(arrays: tuple[list[int], ...], touching: bool) -> None:
    keys, starts, ends = arrays
    groups = group_windows(keys, starts, ends, touching=touching)
    assert groups.tolist() == naive_groups(keys, starts, ends, touching=touching)


@given(window_arrays(), st.randoms(use_true_random=False))
def test_input_order_changes_nothing(arrays: tuple[list[int], ...], random: object) -> None:
    keys, starts, ends = (np.array(a, dtype=np.int64) for a in arrays)
    order = np.arange(keys.size)
    random.shuffle(order)  # type: ignore[attr-defined]
    groups = group_windows(keys, starts, ends)
    shuffled = group_windows(keys[order], starts[order], ends[order])
    assert shuffled.tolist() == groups[order].tolist()


@given(window_arrays())
def test_groups_never_mix_keys_and_ids_are_dense(arrays: tuple[list[int], ...]) -> None:
    keys, starts, ends = (np.array(a, dtype=np.int64) for a in arrays)
    groups = group_windows(keys, starts, ends)
    for group in np.unique(groups):
        assert np.unique(keys[groups == group]).size == 1
    assert np.unique(groups).tolist() == list(range(np.unique(groups).size))
