"""Shared test settings: hypothesis profiles and the paths of the bundled data."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

import claimrec

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
#: The seed articles' claims as a user typed them into a spreadsheet.
SEEDS_CSV = ROOT / "examples" / "seeds_claims.csv"

#: A claim no true count can satisfy together with the Ombudsman's 109 in 2024.
AT_MOST_100 = {
    "reporter": "Example Monitor",
    "value": "at most 100",
    "counted": "executions",
    "measure": "executions of Ukrainian POWs",
    "window": "from 2022-02-24 to 2024-12-31",
    "published": "2025-01-15",
}


def with_at_most_100(**extra: str) -> pd.DataFrame:
    """The seeds' claims table plus the contradicting claim (with ``extra`` fields)."""
    row = {**AT_MOST_100, **extra}
    return pd.concat([pd.read_csv(SEEDS_CSV), pd.DataFrame([row])], ignore_index=True)


@pytest.fixture(scope="session")
def seeds_report() -> claimrec.Report:
    return claimrec.reconcile(pd.read_csv(SEEDS_CSV))
