"""Claims in words: the one describer of figures, days, windows and claims.

Reasons (:mod:`claimrec.reconcile`), the text summary (:mod:`claimrec.report`)
and the HTML page (:mod:`claimrec.html`) all write figures and windows with
these functions, so a figure reads the same everywhere: "≥124", ">150",
"~12,000 (10,800–13,200)", "2,000–9,999", "up to 2025-05-24".
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from claimrec.units import unit_name
from claimrec.value import Value, format_number

if TYPE_CHECKING:
    from claimrec.record import Claim
    from claimrec.window import Window

__all__ = [
    "describe_claim",
    "describe_day",
    "describe_days",
    "describe_figure",
    "describe_value",
    "describe_window",
    "reporter_name",
    "uncertain_day",
]


def describe_figure(kind: str, stated: float | None, low: float, high: float, unit: str) -> str:
    """A figure from its parts: kind, stated number (None or NaN when none), bounds and unit
    name ("count", "percent", or a unit written after the number)."""
    suffix = "" if unit == "count" else ("%" if unit == "percent" else f" {unit}")
    has_stated = stated is not None and not math.isnan(stated)
    text = format_number(stated) + suffix if has_stated and stated is not None else ""
    if kind in ("at_least", "more_than") and text:
        return ("≥" if kind == "at_least" else ">") + text
    if kind in ("at_most", "less_than") and text:
        return ("≤" if kind == "at_most" else "<") + text
    if kind == "approx" and text:
        return f"~{text} ({format_number(low)}–{format_number(high)})"
    if not text or kind in ("range", "vague"):
        return f"{format_number(low)}–{format_number(high)}{suffix}"
    if low != high:
        return f"{text} ({format_number(low)}–{format_number(high)})"
    return text


def describe_value(value: Value) -> str:
    """A figure as a fact-checker would write it: "≥124", ">150", "~12,000 (10,800–13,200)"."""
    return describe_figure(value.kind, value.stated, value.low, value.high, unit_name(value.unit))


def describe_day(day: date | None) -> str:
    return "an unknown day" if day is None else day.isoformat()


def uncertain_day(earliest: date | None, latest: date | None) -> str:
    """A day, or the range it lies in: ``2024-11-06``, ``2022-01-01…2022-12-31``."""
    if earliest is None or latest is None:
        return "an unknown day"
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}…{latest.isoformat()}"


def describe_window(window: Window) -> str:
    """A window in dates: "from 2022-01-01…2022-12-31 to 2024-11-06", "up to 2025-05-24"
    (a running total: no start stated), "over an unknown window" (the text says so)."""
    return describe_days(
        window.start_earliest, window.start_latest, window.end_earliest, window.end_latest
    )


def describe_days(
    start_earliest: date | None,
    start_latest: date | None,
    end_earliest: date | None,
    end_latest: date | None,
) -> str:
    """:func:`describe_window` from a window's four days."""
    if end_earliest is None:
        return "over an unknown window"
    end = uncertain_day(end_earliest, end_latest)
    if start_earliest is None:
        return f"up to {end}"
    start = uncertain_day(start_earliest, start_latest)
    if start == end:
        return f"on {start}"
    return f"from {start} to {end}"


def reporter_name(item: Claim) -> str:
    return item.reporter.name if item.reporter is not None else "unattributed"


def describe_claim(item: Claim) -> str:
    """ "HUR: >150 up to 2025-05-24 ("as of May 24")"."""
    written = f' ("{item.window.text}")' if item.window.text else ""
    window = describe_window(item.window)
    return f"{reporter_name(item)}: {describe_value(item.value)} {window}{written}"
