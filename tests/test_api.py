"""API names that cannot trap a user: the accessor cannot hide a column, and the
record module and the claim() function have different names."""

from __future__ import annotations

import importlib
import types
import warnings

import pandas as pd
import pytest
from conftest import SEEDS_CSV

import claimrec


def test_the_claim_function_is_not_a_module() -> None:
    record = importlib.import_module("claimrec.record")
    assert isinstance(record, types.ModuleType)
    assert callable(claimrec.claim) and not isinstance(claimrec.claim, types.ModuleType)
    assert claimrec.claim is record.claim
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("claimrec.claim")


def test_the_accessor_is_df_claimrec() -> None:
    loose = pd.read_csv(SEEDS_CSV)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pd.testing.assert_frame_equal(loose.claimrec.normalize(), claimrec.normalize(loose))
        assert len(loose.claimrec.to_claims()) > 0


def test_a_claims_column_is_the_column() -> None:
    report = claimrec.reconcile(pd.read_csv(SEEDS_CSV))
    assert isinstance(report.groups.claims, pd.Series)
    assert report.groups.claims.tolist() == report.groups["claims"].tolist()


def test_the_old_accessor_name_warns() -> None:
    loose = pd.read_csv(SEEDS_CSV)
    with pytest.warns(DeprecationWarning, match=r"df\.claimrec"):
        normalized = loose.claims.normalize()
    pd.testing.assert_frame_equal(normalized, claimrec.normalize(loose))
