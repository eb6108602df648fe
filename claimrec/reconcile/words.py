"""Claims of a :class:`~claimrec.reconcile.columns.ClaimTable` in words, one at a time:
the figures, days and windows :mod:`claimrec.describe` writes for records, read
from the table's columns (no record is built)."""

from __future__ import annotations

import math
from datetime import date

from claimrec.describe import describe_days, describe_figure
from claimrec.reconcile.columns import NO_DAY, ClaimTable

__all__ = ["claim_text", "day", "figure", "reporter", "window"]


def day(number: int) -> date | None:
    return None if number == NO_DAY else date.fromordinal(number)


def reporter(t: ClaimTable, i: int) -> str:
    name = t.reporter[i]
    return "unattributed" if name is None else str(name)


def figure(t: ClaimTable, i: int) -> str:
    stated = float(t.stated[i])
    return describe_figure(
        str(t.kind[i]),
        None if math.isnan(stated) else stated,
        float(t.low[i]),
        float(t.high[i]),
        str(t.unit[i]),
    )


def window(t: ClaimTable, i: int) -> str:
    return describe_days(
        day(int(t.start_earliest[i])),
        day(int(t.start_latest[i])),
        day(int(t.end_earliest[i])),
        day(int(t.end_latest[i])),
    )


def claim_text(t: ClaimTable, i: int) -> str:
    """ "HUR: >150 up to 2025-05-24 ("as of May 24")" — as :func:`describe_claim`."""
    text = t.window_text[i]
    written = f' ("{text}")' if text else ""
    return f"{reporter(t, i)}: {figure(t, i)} {window(t, i)}{written}"
