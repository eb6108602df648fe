"""What reconcile reads: claims from a list or a table, with the policy applied to
every value it reads, and the rows it could not read kept for the report."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from claimrec.frame import CANONICAL_COLUMNS, from_frame, normalize
from claimrec.policy import Policy
from claimrec.record import Claim
from claimrec.sanitize import safe_record

__all__ = ["UNREAD_COLUMNS", "read_claims"]

#: Columns of ``Report.unread``: the row label (of the table given) and its error.
UNREAD_COLUMNS = ("row", "error")


def read_claims(
    data: pd.DataFrame | Iterable[Claim], policy: Policy
) -> tuple[list[Claim], list[dict[str, object]]]:
    """The claims of ``data`` and the rows that could not be read (with their errors).

    A loose table is normalized with ``policy`` (so "11000" in a numeric cell and
    "about 11,000" in a text cell are read as the policy says); failed rows, of a
    loose table or of a canonical one read with ``errors="coerce"``, go to the
    unread list instead of raising.
    """
    if not isinstance(data, pd.DataFrame):
        return [safe_record(item) for item in data], []
    canonical = (
        data
        if set(CANONICAL_COLUMNS) <= set(data.columns)
        else normalize(data, errors="coerce", policy=policy)
    )
    unread: list[dict[str, object]] = []
    if "error" in canonical.columns:
        failed = canonical["error"].notna().to_numpy(dtype=bool)
        # normalize keeps rows in order: position i of the output is row i of the input.
        for position in failed.nonzero()[0]:
            unread.append(
                {
                    "row": data.index[int(position)],
                    "error": str(canonical["error"].iloc[int(position)]),
                }
            )
        if failed.any():
            canonical = canonical[~failed]
    return from_frame(canonical), unread
