"""The cyclic collector is paused only while claimrec reads, and left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pandas as pd
import pytest

import claimrec
from claimrec._gc import quiet_gc

ARTICLE = "Officials said 40 people died on Monday."


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_extract_and_normalize_leave_collection_on() -> None:
    claimrec.extract(ARTICLE, published="2024-05-08")
    assert gc.isenabled()
    claimrec.normalize(pd.DataFrame({"value": ["at least 4"], "measure": ["deaths"],
                                     "published": ["2024-05-08"]}))  # fmt: skip
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_a_caller_who_turned_collection_off_finds_it_off() -> None:
    gc.disable()
    claimrec.extract(ARTICLE, published="2024-05-08")
    assert not gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_paused_inside_and_on_again_after_an_error() -> None:
    seen: list[bool] = []

    def read_then_fail() -> None:
        with quiet_gc():
            seen.append(gc.isenabled())
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        read_then_fail()
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_a_nested_pause_ends_with_the_outer_one() -> None:
    with quiet_gc():
        with quiet_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
