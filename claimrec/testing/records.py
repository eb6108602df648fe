"""Strategies for claims: windows, values, claim objects and claims tables as lists."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from claimrec.read.times import parse_reference
from claimrec.value import Value
from claimrec.window import Window

if TYPE_CHECKING:
    from claimrec.record import Claim


__all__: list[str] = []

# --- claims (claim.py, frame.py) ----------------------------------------------

_EPOCH = date(2024, 1, 1)
_MEASURES = ("executions of Ukrainian POWs", "Ukrainians listed as missing", "area burned")
_REPORTERS = ("HUR", "Amnesty International", "Example Monitor", None)


@st.composite
def claim_windows(draw: st.DrawFn, *, days: int = 60) -> Window:
    """Windows with exact, uncertain or open starts within ``days`` of 2024-01-01."""
    a = draw(st.integers(0, days - 1))
    b = draw(st.integers(a, days - 1))
    start_slack = draw(st.sampled_from([0, 0, 3]))
    end_slack = draw(st.sampled_from([0, 0, 2]))
    open_start = draw(st.booleans()) and draw(st.booleans())
    s_early = _EPOCH + timedelta(days=max(0, a - start_slack))
    s_late = _EPOCH + timedelta(days=a)
    e_early = _EPOCH + timedelta(days=b)
    e_late = _EPOCH + timedelta(days=b + end_slack)
    return Window(
        start_earliest=None if open_start else s_early,
        start_latest=None if open_start else s_late,
        end_earliest=e_early,
        end_latest=e_late,
        kind="point" if open_start else "period",
        text="",
    )


@st.composite
def claims(
    draw: st.DrawFn, *, min_size: int = 0, max_size: int = 6, unit: str = "count"
) -> list[Claim]:
    """Lists of claims with assorted figures, windows, reporters and sources."""
    from claimrec.measure import measure_key
    from claimrec.record import Claim, Source
    from claimrec.reporter import resolve_reporter

    size = draw(st.integers(min_size, max_size))
    out: list[Claim] = []
    for _ in range(size):
        measure = draw(st.sampled_from(_MEASURES))
        reporter = draw(st.sampled_from(_REPORTERS))
        value = draw(claim_values(unit=unit))
        window = draw(claim_windows())
        span_start = draw(st.integers(0, 500))
        source = Source(
            document=draw(st.sampled_from([None, "doc-1.txt"])),
            url=draw(st.sampled_from([None, "https://example.org/a?b=1"])),
            via=draw(st.sampled_from([None, "Kyiv Independent", "Ukrinform"])),
            published=draw(
                st.sampled_from([None, parse_reference("2025"), parse_reference("2024-03-01")])
            ),
            quote=draw(st.sampled_from([None, '=HYPERLINK("x")', "«109» executions, <b>bold</b>"])),
            span=draw(st.sampled_from([None, (span_start, span_start + 12)])),
        )
        out.append(
            Claim(
                value=value,
                measure=measure_key(measure),
                measure_text=measure,
                measure_kind=draw(st.sampled_from(["flow", "level"])),
                window=window,
                reporter=None if reporter is None else resolve_reporter(reporter),
                counted=draw(st.sampled_from([None, "cases", "executions"])),
                method=draw(st.sampled_from([None, "documented"])),
                sources=(source,),
            )
        )
    return out


@st.composite
def claim_values(draw: st.DrawFn, *, unit: str = "count") -> Value:
    """Figures of every kind, on whole numbers so that counts stay meaningful."""
    from claimrec.units import parse_unit

    u = parse_unit(unit)
    x = float(draw(st.integers(0, 300)))
    y = x + float(draw(st.integers(0, 100)))
    kind = draw(
        st.sampled_from(
            ["exact", "at_least", "more_than", "at_most", "less_than", "approx", "range", "vague"]
        )
    )
    if kind == "exact":
        return Value.exact(x, unit=u)
    if kind == "at_least":
        return Value.at_least(x, unit=u)
    if kind == "more_than":
        return Value.more_than(x, unit=u)
    if kind == "at_most":
        return Value.at_most(y, unit=u)
    if kind == "less_than":
        return Value.less_than(y + 1, unit=u)
    if kind == "approx":
        return Value.approx(max(x, 10.0), tolerance=0.1, unit=u)
    if kind == "range":
        return Value.between(x, y, unit=u)
    return Value.vague(x, y, unit=u)


@st.composite
def hidden_counts(draw: st.DrawFn, *, days: int = 60) -> list[int]:
    """A hidden cumulative count: ``counts[d]`` events on day d of 2024."""
    return draw(st.lists(st.integers(0, 5), min_size=days, max_size=days))


@st.composite
def true_claims(
    draw: st.DrawFn, counts: list[int], *, min_size: int = 1, max_size: int = 8
) -> list[Claim]:
    """Flow claims that are all true of the hidden daily ``counts``: each figure's
    interval contains the true count over the true window, and each uncertain
    window contains the true one among its readings."""
    from claimrec.measure import measure_key
    from claimrec.record import Claim, Source
    from claimrec.reporter import resolve_reporter

    days = len(counts)
    size = draw(st.integers(min_size, max_size))
    out: list[Claim] = []
    for index in range(size):
        a = draw(st.integers(0, days - 1))
        b = draw(st.integers(a, days - 1))
        true = float(sum(counts[a : b + 1]))
        start_slack = draw(st.integers(0, 3))
        end_slack = draw(st.integers(0, 3))
        start_shift = draw(st.integers(0, start_slack))
        end_shift = draw(st.integers(0, end_slack))
        open_start = a == 0 and draw(st.booleans())
        window = Window(
            start_earliest=None if open_start else _EPOCH + timedelta(days=a - start_shift),
            start_latest=None
            if open_start
            else _EPOCH + timedelta(days=a - start_shift + start_slack),
            end_earliest=_EPOCH + timedelta(days=b - end_shift),
            end_latest=_EPOCH + timedelta(days=b - end_shift + end_slack),
            kind="point" if open_start else "period",
            text="",
        )
        if not open_start and window.start_latest > window.end_earliest:  # type: ignore[operator]
            window = Window.between(_EPOCH + timedelta(days=a), _EPOCH + timedelta(days=b))
        kind = draw(
            st.sampled_from(
                ["exact", "at_least", "more_than", "at_most", "less_than", "approx", "range"]
            )
        )
        below = float(draw(st.integers(0, int(true))))
        above = true + float(draw(st.integers(0, 20)))
        if (
            kind == "exact"
            and window.start_earliest == window.start_latest
            and window.end_earliest == window.end_latest
            and not open_start
        ):
            value = Value.exact(true)
        elif kind == "at_least" or kind == "exact":
            value = Value.at_least(below)
        elif kind == "more_than" and true >= 1:
            value = Value.more_than(true - 1 - float(draw(st.integers(0, int(true) - 1))))
        elif kind == "at_most":
            value = Value.at_most(above)
        elif kind == "less_than":
            value = Value.less_than(above + 1)
        elif kind == "approx" and true >= 10:
            value = Value.approx(true, tolerance=0.1)
        else:
            value = Value.between(below, above)
        out.append(
            Claim(
                value=value,
                measure=measure_key("executions of Ukrainian POWs"),
                measure_text="executions of Ukrainian POWs",
                measure_kind="flow",
                window=window,
                reporter=resolve_reporter(f"Reporter {index}"),
                sources=(Source(quote=f"claim {index}"),),
            )
        )
    return out


_TABLE_MEASURES = (
    ("deaths from the outbreak", "flow"),
    ("people detained", "flow"),
    ("troops deployed", "level"),
    ("voter turnout", "level"),
    ("area burned", "flow"),
)


@st.composite
def claim_tables(draw: st.DrawFn, *, max_claims: int = 24, reporters: int = 4) -> list[Claim]:
    """Claims tables of the shapes reconciliation meets, for comparing engines: several
    measures, flow and level, running totals and dated windows (some with uncertain
    ends), every bound kind, shares and areas in two units, unattributed claims,
    documented counts, forecasts, mentions relayed by several outlets, one figure
    under two qualifiers, revisions (same window, later publication) and series that
    step down. ``reporters`` may exceed nine, so that the nearest-reporters walk is
    used."""
    from claimrec.measure import measure_key
    from claimrec.record import Claim, Source
    from claimrec.reporter import resolve_reporter

    names = [f"Reporter {k}" for k in range(reporters)]
    size = draw(st.integers(1, max_claims))
    out: list[Claim] = []
    for index in range(size):
        text, kind = draw(st.sampled_from(_TABLE_MEASURES))
        unit = "count"
        if text == "voter turnout":
            unit = "percent"
        elif text == "area burned":
            unit = draw(st.sampled_from(["hectare", "acre"]))
        value = draw(claim_values(unit=unit))
        if draw(st.integers(0, 3)) == 0:
            day = draw(st.integers(0, 40))
            end_slack = draw(st.sampled_from([0, 0, 1]))
            window = Window(
                start_earliest=None,
                start_latest=None,
                end_earliest=_EPOCH + timedelta(days=day),
                end_latest=_EPOCH + timedelta(days=day + end_slack),
                kind="point",
                text=draw(st.sampled_from(["", "as of the latest count"])),
            )
        else:
            window = draw(claim_windows(days=40))
        reporter = draw(st.sampled_from([*names, None]))
        published = draw(
            st.sampled_from(
                [None, parse_reference("2024-03-01"), parse_reference("2024-04-01"),
                 parse_reference("2024")]
            )
        )  # fmt: skip
        outlets = draw(st.lists(st.sampled_from(["Daily A", "Daily B", "Wire C"]), max_size=2,
                                unique=True))  # fmt: skip
        sources = tuple(Source(via=o, published=published) for o in outlets) or (
            Source(published=published),
        )
        item = Claim(
            value=value,
            measure="" if draw(st.integers(0, 15)) == 0 else measure_key(text),
            measure_text=text,
            measure_kind=kind,  # type: ignore[arg-type]
            window=window,
            reporter=None if reporter is None else resolve_reporter(reporter),
            counted=draw(st.sampled_from([None, "cases", "documented cases"])),
            method=draw(st.sampled_from([None, None, "confirmed"])),
            modality=draw(st.sampled_from(["reported", "reported", "reported", "forecast"])),
            sources=sources,
        )
        out.append(item)
        twist = draw(st.integers(0, 5))
        if twist == 1 and value.stated is not None:  # the same figure, another qualifier
            again = Source(via="Wire C", quote=f"again {index}")
            out.append(
                replace(item, value=Value.at_least(value.stated, unit=value.unit), sources=(again,))
            )
        elif twist == 2:  # a revision: same window, published later
            later = draw(claim_values(unit=unit))
            revised = Source(published=parse_reference("2024-06-01"))
            out.append(replace(item, value=later, sources=(revised,)))
        elif twist == 3 and item.reporter is not None:  # a series that steps down
            step = draw(st.integers(1, 30))
            figure = max(0.0, (value.stated or value.low if math.isfinite(value.low) else 0) - 5)
            out.append(replace(
                item,
                value=Value.exact(figure, unit=value.unit),
                window=Window.as_of(_EPOCH + timedelta(days=40 + step)),
            ))  # fmt: skip
    return out


__all__ += [
    "claim_tables",
    "claim_values",
    "claim_windows",
    "claims",
    "hidden_counts",
    "true_claims",
]
