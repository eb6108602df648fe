"""Reading raises the garbage collector's first threshold only while it reads."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import claimrec
from claimrec._collector import fewer_collections


@pytest.fixture
def default_threshold() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_extract_leaves_the_threshold_as_it_found_it(
    default_threshold: tuple[int, int, int],
) -> None:
    claimrec.extract("Officials said 40 people died on Monday.", published="2024-05-08")
    assert gc.get_threshold() == default_threshold


def test_the_threshold_is_raised_inside_and_restored_after_an_error(
    default_threshold: tuple[int, int, int],
) -> None:
    seen: list[tuple[int, int, int]] = []

    def read_then_fail() -> None:
        with fewer_collections():
            seen.append(gc.get_threshold())
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        read_then_fail()
    assert seen[0][0] > default_threshold[0]
    assert seen[0][1:] == default_threshold[1:]
    assert gc.get_threshold() == default_threshold


def test_a_caller_who_turned_collection_off_or_raised_it_is_left_alone(
    default_threshold: tuple[int, int, int],
) -> None:
    gc.set_threshold(1_000_000, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 1_000_000
    gc.disable()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold()[0] == 700
    finally:
        gc.enable()


def test_a_nested_read_keeps_the_outer_setting(
    default_threshold: tuple[int, int, int],
) -> None:
    with fewer_collections():
        raised = gc.get_threshold()
        with fewer_collections():
            assert gc.get_threshold() == raised
        assert gc.get_threshold() == raised
    assert gc.get_threshold() == default_threshold
