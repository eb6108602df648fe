"""The timeline chart of a group, as inline SVG, and the labels it and the page share.

One row per claim: the widest reading of its window as a light bar, its certain part
solid, an arrow where the window has no start; beside it the figure on a value
scale, in red when the claim is in a conflict. Text from the claims table is
escaped (:func:`html.escape`): the chart sits inside the HTML report, whose text is
untrusted.
"""

from __future__ import annotations

import html
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from claimrec.describe import describe_figure
from claimrec.export import _day, _text
from claimrec.value import format_number

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = ["figure_label", "group_timeline_svg", "window_label"]

_MAX_TIMELINE_ROWS = 60
_BAR = "#3f6fb0"
_CONFLICT = "#c0392b"

Row = Mapping[Hashable, Any]


def _e(value: object) -> str:
    """Escaped text of a cell; missing cells are empty."""
    text = _text(value)
    return "" if text is None else html.escape(text, quote=True)


# --- figures and windows in words ------------------------------------------------------


def _tick_number(x: float) -> str:
    return format_number(float(f"{x:.3g}"))


def _float(value: object, default: float) -> float:
    if value is None or value is pd.NA:
        return default
    number = float(value)  # type: ignore[arg-type]
    return default if math.isnan(number) else number


def figure_label(row: Row) -> str:
    """A claim's figure with its bounds, as the reasons write it: "≥124", ">150",
    "~12,000 (10,800–13,200)", "2,000–9,999", "11,000 (10,500–11,500)"."""
    stated = _float(row.get("stated"), math.nan)
    return describe_figure(
        _text(row.get("kind")) or "exact",
        None if math.isnan(stated) else stated,
        _float(row.get("low"), -math.inf),
        _float(row.get("high"), math.inf),
        _text(row.get("unit")) or "count",
    )


def _date(value: object) -> date | None:
    day = _day(value)
    return None if day is None else date.fromisoformat(day)


def _span(earliest: date | None, latest: date | None) -> str:
    if earliest is None:
        return ".."
    if latest is None or latest == earliest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}~{latest.isoformat()}"


def window_label(row: Row) -> str:
    """A window in claimrec's notation: ``start/end``, ``a~b`` an uncertain day
    between a and b, ``..`` an open start or an unknown end (end day included)."""
    start = _span(_date(row.get("start_earliest")), _date(row.get("start_latest")))
    end = _span(_date(row.get("end_earliest")), _date(row.get("end_latest")))
    if start == ".." and end == "..":
        return "unknown"
    return f"{start}/{end}"


# --- the timeline chart -------------------------------------------------------------------

# Geometry of one chart, in SVG user units (the SVG scales to the page width).
_WIDTH = 1000
_NAME_RIGHT = 215  # reporter names end here
_CHART_LEFT, _CHART_RIGHT = 225, 640  # the date axis
_VALUE_LEFT, _VALUE_RIGHT = 665, 815  # the value scale
_LABEL_LEFT = 825  # the figure label
_ROW = 26
_TOP = 8
_AXIS = 34


@dataclass(frozen=True, slots=True)
class _Claim:
    claim_id: str
    row: Row
    start_earliest: date | None
    start_latest: date | None
    end_earliest: date | None
    end_latest: date | None
    low: float
    high: float
    in_conflict: bool


def _in_group(frame: pd.DataFrame, group: int) -> pd.Series:
    # A claim outside every group has a missing group number: not in this one.
    return frame["group"].eq(group).fillna(False).astype(bool)


def _group_claims(report: Report, group: int) -> list[_Claim]:
    """The distinct claims of a group (one per ``claim_id``), in claims-frame order."""
    frame = report.claims
    if "group" not in frame.columns or len(frame) == 0:
        return []
    rows = frame[_in_group(frame, group)]
    conflicting: set[str] = set()
    conflicts = report.conflicts[report.conflicts["group"] == group]
    for cell in conflicts["claims"]:
        conflicting.update(part.strip() for part in str(cell).split(";"))
    seen: dict[str, _Claim] = {}
    for position, row in enumerate(rows.to_dict(orient="records")):
        claim_id = _text(row.get("claim_id")) or f"row-{position}"
        if claim_id in seen:
            continue
        seen[claim_id] = _Claim(
            claim_id=claim_id,
            row=row,
            start_earliest=_date(row.get("start_earliest")),
            start_latest=_date(row.get("start_latest")),
            end_earliest=_date(row.get("end_earliest")),
            end_latest=_date(row.get("end_latest")),
            low=_float(row.get("low"), -math.inf),
            high=_float(row.get("high"), math.inf),
            in_conflict=claim_id in conflicting,
        )
    return list(seen.values())


def _date_domain(claims: Sequence[_Claim]) -> tuple[date, date] | None:
    days = [
        d
        for c in claims
        for d in (c.start_earliest, c.start_latest, c.end_earliest, c.end_latest)
        if d is not None
    ]
    if not days:
        return None
    lo, hi = min(days), max(days) + timedelta(days=1)  # the end day is included
    pad = max(timedelta(days=15), (hi - lo) * 0.04)
    # Open starts fade in from the left edge: leave room for the fade.
    open_start = any(c.start_earliest is None for c in claims)
    pad_left = max(pad, (hi - lo) * 0.25) if open_start else pad
    return lo - pad_left, hi + pad


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Year ticks for long spans, month ticks for shorter ones, days for a few weeks."""
    years = [date(y, 1, 1) for y in range(lo.year, hi.year + 1) if lo <= date(y, 1, 1) <= hi]
    if len(years) >= 3:
        step = max(1, math.ceil(len(years) / 8))
        return [(d, str(d.year)) for d in years[::step]]
    months: list[date] = []
    cursor = date(lo.year, lo.month, 1)
    while cursor <= hi:
        if cursor >= lo:
            months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    if len(months) >= 2:
        step = next(s for s in (1, 2, 3, 6, 12) if len(months) / s <= 7)
        return [(d, d.strftime("%Y-%m")) for d in months if (d.month - 1) % step == 0]
    span = (hi - lo).days
    step_days = next(s for s in (1, 2, 7, 14, 28) if span / s <= 7)
    return [
        (lo + timedelta(days=k), (lo + timedelta(days=k)).isoformat())
        for k in range(0, span + 1, step_days)
    ][:8]


def _value_domain(claims: Sequence[_Claim]) -> tuple[float, float]:
    finite = [x for c in claims for x in (c.low, c.high) if math.isfinite(x)]
    if not finite:
        return 0.0, 1.0
    lo, hi = min(finite), max(finite)
    pad = (abs(lo) * 0.5 or 1.0) if lo == hi else (hi - lo) * 0.08
    # Counts and shares are not negative: do not draw the scale below zero for them.
    floor = 0.0 if lo >= 0 else -math.inf
    return max(floor, lo - pad), hi + pad


def _defs(uid: str) -> str:
    parts = ["<defs>"]
    for name, color in (("n", _BAR), ("c", _CONFLICT)):
        parts.append(
            f'<linearGradient id="{uid}-fade-{name}" x1="0" x2="1" y1="0" y2="0">'
            f'<stop offset="0" stop-color="{color}" stop-opacity="0"/>'
            f'<stop offset="0.7" stop-color="{color}" stop-opacity="0.95"/></linearGradient>'
            f'<pattern id="{uid}-hatch-{name}" width="6" height="6" '
            'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{color}" fill-opacity="0.18"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{color}" stroke-width="2.5" '
            'stroke-opacity="0.7"/></pattern>'
        )
    parts.append("</defs>")
    return "".join(parts)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def group_timeline_svg(report: Report, group: int) -> str:
    """The timeline of one group as inline SVG: each claim's window as a bar on a
    date axis (hatched where an end is uncertain, fading to the left edge where the
    start is open), and its figure on a value scale (● closed end, ○ open end,
    an arrow where unbounded) with its label."""
    claims = _group_claims(report, group)
    shown = claims[:_MAX_TIMELINE_ROWS]
    if not shown:
        return ""
    uid = f"cr-g{int(group)}"
    domain = _date_domain(shown)
    vlo, vhi = _value_domain(shown)
    height = _TOP + _ROW * len(shown) + _AXIS

    def x_value(v: float) -> float:
        if v == -math.inf:
            return _VALUE_LEFT
        if v == math.inf:
            return _VALUE_RIGHT
        return _VALUE_LEFT + (v - vlo) / (vhi - vlo) * (_VALUE_RIGHT - _VALUE_LEFT)

    def x_day(d: date) -> float:
        assert domain is not None
        lo, hi = domain
        return _CHART_LEFT + (d - lo).days / max(1, (hi - lo).days) * (_CHART_RIGHT - _CHART_LEFT)

    label = (
        f"Timeline of {len(claims)} claim(s): windows on a date axis and figures on a value scale"
    )
    out = [
        f'<svg class="cr-timeline" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" aria-label="{html.escape(label)}">',
        _defs(uid),
    ]
    bottom = _TOP + _ROW * len(shown)
    for i, c in enumerate(shown):
        y = _TOP + i * _ROW
        mid = y + _ROW / 2
        tone = "c" if c.in_conflict else "n"
        color = _CONFLICT if c.in_conflict else _BAR
        reporter = _text(c.row.get("reporter")) or "unattributed"
        figure = figure_label(c.row)
        window = window_label(c.row)
        written = _text(c.row.get("window_text"))
        tip = f"{reporter}: {figure}, window {window}" + (f' ("{written}")' if written else "")
        out.append(f'<g class="cr-row" data-claim="{html.escape(c.claim_id)}">')
        out.append(f"<title>{html.escape(tip)}</title>")
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{_WIDTH}" height="{_ROW}" fill="#f4f6f9"/>')
        out.append(
            f'<text x="{_NAME_RIGHT}" y="{mid + 4:.1f}" text-anchor="end" class="cr-name">'
            f"{html.escape(_shorten(reporter, 29))}</text>"
        )
        out.extend(_window_marks(c, mid, uid, tone, color, x_day, domain is not None))
        out.extend(_value_marks(c, mid, color, x_value))
        out.append(
            f'<text x="{_LABEL_LEFT}" y="{mid + 4:.1f}" class="cr-figure">'
            f"{html.escape(figure)}</text></g>"
        )
    # Axes: dates under the windows, the value range under the value scale.
    out.append(
        f'<line x1="{_CHART_LEFT}" x2="{_CHART_RIGHT}" y1="{bottom + 2}" y2="{bottom + 2}" '
        'stroke="#555"/>'
    )
    if domain is not None:
        for day, text in _ticks(*domain):
            x = x_day(day)
            out.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_TOP}" y2="{bottom + 6}" '
                'stroke="#999" stroke-dasharray="2 3" stroke-width="0.6"/>'
                f'<text x="{x:.1f}" y="{bottom + 20}" text-anchor="middle" class="cr-tick">'
                f"{html.escape(text)}</text>"
            )
    out.append(
        f'<line x1="{_VALUE_LEFT}" x2="{_VALUE_RIGHT}" y1="{bottom + 2}" y2="{bottom + 2}" '
        'stroke="#555"/>'
        f'<text x="{_VALUE_LEFT}" y="{bottom + 20}" class="cr-tick">'
        f"{html.escape(_tick_number(vlo))}</text>"
        f'<text x="{_VALUE_RIGHT}" y="{bottom + 20}" text-anchor="end" class="cr-tick">'
        f"{html.escape(_tick_number(vhi))}</text>"
    )
    out.append("</svg>")
    if len(claims) > len(shown):
        out.append(
            f'<p class="cr-note">The chart shows the first {len(shown)} of '
            f"{len(claims)} claims.</p>"
        )
    return "".join(out)


def _window_marks(
    c: _Claim,
    mid: float,
    uid: str,
    tone: str,
    color: str,
    x_day: Any,
    has_domain: bool,
) -> list[str]:
    if not has_domain or c.end_earliest is None or c.end_latest is None:
        return [
            f'<text x="{_CHART_LEFT + 4}" y="{mid + 4:.1f}" class="cr-unknown">'
            "window unknown</text>"
        ]
    top, h = mid - 6, 12
    end_core = x_day(c.end_earliest + timedelta(days=1))
    end_wide = x_day(c.end_latest + timedelta(days=1))
    marks: list[str] = []

    def rect(x0: float, x1: float, fill: str, css: str) -> None:
        width = max(x1 - x0, 1.5)  # a single day stays visible
        marks.append(
            f'<rect class="{css}" x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{h}" fill="{fill}" rx="1.5"/>'
        )

    if c.start_earliest is None or c.start_latest is None:
        if _text(c.row.get("measure_kind")) == "level":
            # A level at a moment: a diamond on the day (hatched if that day is uncertain).
            if end_wide - end_core > 1:
                rect(x_day(c.end_earliest), end_wide, f"url(#{uid}-hatch-{tone})", "cr-uncertain")
            x = x_day(c.end_latest)
            marks.append(
                f'<path class="cr-point" d="M{x:.1f} {mid - 7:.1f} l6 7 l-6 7 l-6 -7 z" '
                f'fill="{color}"/>'
            )
            return marks
        # No start given: the count runs from any earlier day, so the bar fades in.
        rect(_CHART_LEFT, end_core, f"url(#{uid}-fade-{tone})", "cr-open")
    else:
        start_core = x_day(c.start_latest)
        if c.start_latest > c.start_earliest:
            rect(x_day(c.start_earliest), start_core, f"url(#{uid}-hatch-{tone})", "cr-uncertain")
        if end_core > start_core:
            rect(start_core, end_core, color, "cr-core")
    if c.end_latest > c.end_earliest:
        rect(end_core, end_wide, f"url(#{uid}-hatch-{tone})", "cr-uncertain")
    return marks


def _value_marks(c: _Claim, mid: float, color: str, x_value: Any) -> list[str]:
    """The figure's interval on the value scale: ● closed end, ○ open end, ➜ unbounded."""
    x0, x1 = x_value(c.low), x_value(c.high)
    marks = [
        f'<line x1="{_VALUE_LEFT}" x2="{_VALUE_RIGHT}" y1="{mid}" y2="{mid}" stroke="#ccc"/>',
        f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{mid}" y2="{mid}" stroke="{color}" '
        'stroke-width="3"/>',
    ]
    for value, x, closed, direction in (
        (c.low, x0, bool(c.row.get("low_closed")), -1),
        (c.high, x1, bool(c.row.get("high_closed")), 1),
    ):
        if math.isinf(value):
            tip = x + 2 * direction
            marks.append(
                f'<path class="cr-arrow" d="M{tip:.1f} {mid} l{-8 * direction} -5 '
                f'l0 10 z" fill="{color}"/>'
            )
        else:
            fill = color if closed else "#fff"
            marks.append(
                f'<circle class="cr-end-{"closed" if closed else "open"}" cx="{x:.1f}" cy="{mid}" '
                f'r="3.5" fill="{fill}" stroke="{color}" stroke-width="1.5"/>'
            )
    return marks
