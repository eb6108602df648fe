"""Claims as DataFrames: normalize loose tables, convert claims to and from frames.

The canonical claims frame has one row per mention (a claim relayed by three
outlets is three rows sharing one ``claim_id``); its columns are listed in
``CANONICAL_COLUMNS`` and documented in ``docs/columns.md``.

Work is done per distinct input, not per row: a column of a million cells
with a few thousand distinct figures parses a few thousand figures, and the
results are spread back onto the rows with numpy ``take``.

The parts: :mod:`~claimrec.frame.columns` (the canonical columns and their dtypes),
:mod:`~claimrec.frame.write` (claims → frame), :mod:`~claimrec.frame.read` (frame →
claims), :mod:`~claimrec.frame.cells` (input columns read per distinct cell) and
:mod:`~claimrec.frame.loose` (``normalize``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from claimrec.frame.columns import CANONICAL_COLUMNS, INPUT_COLUMNS, Errors
from claimrec.frame.loose import normalize
from claimrec.frame.read import from_frame
from claimrec.frame.write import to_frame
from claimrec.record import Claim
from claimrec.sanitize import safe_record

__all__ = [
    "CANONICAL_COLUMNS",
    "INPUT_COLUMNS",
    "Errors",
    "claims_of",
    "from_frame",
    "normalize",
    "to_frame",
]


def claims_of(data: pd.DataFrame | Iterable[Claim]) -> list[Claim]:
    """Claims from a list of claims, a canonical frame, or a loose table."""
    if isinstance(data, pd.DataFrame):
        canonical = data if set(CANONICAL_COLUMNS) <= set(data.columns) else normalize(data)
        if "error" in canonical.columns:
            canonical = canonical[canonical["error"].isna()]
        return from_frame(canonical)
    return [safe_record(item) for item in data]
