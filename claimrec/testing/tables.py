"""Strategies for loose and canonical claims frames, and comparing reports."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from claimrec.testing.records import _EPOCH, claims

if TYPE_CHECKING:
    import pandas as pd


__all__: list[str] = []


@st.composite
def loose_frames(draw: st.DrawFn, *, max_rows: int = 8) -> pd.DataFrame:
    """Loose claims tables as people type them, including cells that cannot be read."""
    import pandas as pd

    rows = draw(st.integers(0, max_rows))
    values = st.sampled_from(
        [
            "at least 124",
            "over 150",
            "109",
            "around 12,000",
            "dozens",
            "30-40",
            "lots",
            "",
            "3.5 million",
        ]
    )
    windows = st.sampled_from(
        [
            "since 2022 as of Nov. 6",
            "in 2024 alone",
            "over the past year",
            "last week",
            "",
            "someday",
        ]
    )
    published = st.sampled_from(["2024-11-11", "2025", "", "not a date"])
    data = {
        "value": [draw(values) for _ in range(rows)],
        "measure": [
            draw(st.sampled_from(["executions of POWs", "missing persons", ""]))
            for _ in range(rows)
        ],
        "window": [draw(windows) for _ in range(rows)],
        "published": [draw(published) for _ in range(rows)],
        "reporter": [
            draw(st.sampled_from(["HUR", "Amnesty", "", "Some Monitor"])) for _ in range(rows)
        ],
    }
    index = draw(st.lists(st.integers(-5, 1000), min_size=rows, max_size=rows, unique=True))
    return pd.DataFrame(data, index=index)


def messy_cells() -> st.SearchStrategy[object]:
    """Any cell a DataFrame may hold: text, numbers of every size, missing values of
    every kind, dates, years as ints, lists, dicts, bytes, sets and odd objects."""

    import numpy as np
    import pandas as pd

    return st.one_of(
        st.sampled_from(
            [
                None,
                math.nan,
                pd.NaT,
                pd.NA,
                math.inf,
                -math.inf,
                2024,
                2024.0,
                0,
                -3,
                10**30,
                -(10**400),
                True,
                "12",
                "at least 124",
                "-12",
                "abc",
                "",
                " ",
                "2024-05-01",
                "12 bananas per fortnight",
                "inf",
                "nan",
                "flow",
                "level",
                b"bytes",
                bytearray(b"x"),
                [1, 2],
                [],
                {"a": 1},
                {1, 2},
                (1, 2),
                (1, [2]),
                ("2024-01-01", "2024-02-01"),
                np.int64(7),
                np.float64("nan"),
                np.array([1, 2]),
                pd.Timestamp("2024-01-02"),
                date(2024, 1, 3),
                object(),
                complex(1, 2),
                "\r=cmd|' /c calc'!A0",
            ]
        ),
        st.text(max_size=12),
        st.integers(),
        st.floats(),
    )


@st.composite
def messy_frames(draw: st.DrawFn, *, max_rows: int = 6, canonical: bool = False) -> pd.DataFrame:
    """Loose claims tables (or canonical ones, when ``canonical``) whose cells may be
    anything, with an index of the caller's own (duplicates included)."""
    import pandas as pd

    from claimrec.frame import CANONICAL_COLUMNS, INPUT_COLUMNS

    rows = draw(st.integers(0, max_rows))
    names = CANONICAL_COLUMNS if canonical else INPUT_COLUMNS
    chosen = ["value", "measure"] if not canonical else list(names)
    chosen += [n for n in names if n not in chosen and draw(st.booleans())]
    data = {
        name: pd.Series([draw(messy_cells()) for _ in range(rows)], dtype=object) for name in chosen
    }
    index = draw(st.lists(st.sampled_from(["a", "b", 3, -1, 2.5]), min_size=rows, max_size=rows))
    frame = pd.DataFrame(data)
    frame.index = pd.Index(index, dtype=object)
    return frame


@st.composite
def mention_frames(draw: st.DrawFn, *, max_claims: int = 4) -> pd.DataFrame:
    """Canonical frames with several mentions per claim, each writing its texts its own
    way ("two" / "2"), rows in any order, under an index of the caller's own."""

    import pandas as pd

    from claimrec.frame import to_frame
    from claimrec.record import Source

    texts = st.sampled_from([None, "", "two", "2", "some 2", "cases", "according to HUR"])
    items = draw(claims(min_size=1, max_size=max_claims))
    spread = []
    for item in items:
        mentions = []
        for number in range(draw(st.integers(1, 3))):
            source = item.sources[0] if item.sources else Source()
            own: dict[str, Any] = {
                name: draw(texts)
                for name in ("value_text", "counted", "measure_text", "reporter_text")
            }
            own["window_text"] = draw(st.sampled_from([None, "", "last week"]))
            if item.reporter is not None:
                own["reporter_as_written"] = draw(st.sampled_from([None, "HUR", "the HUR"]))
            mentions.append(replace(source, span=(number, number + 1), **own))
        spread.append(item.with_sources(mentions))
    frame = to_frame(spread)
    order = draw(st.permutations(range(len(frame))))
    labels = draw(
        st.lists(
            st.one_of(st.integers(-50, 50), st.text(max_size=3)),
            min_size=len(frame),
            max_size=len(frame),
            unique=True,
        )
    )
    shuffled = frame.iloc[list(order)]
    shuffled.index = pd.Index(labels)
    return shuffled


__all__ += [
    "loose_frames",
    "mention_frames",
    "messy_cells",
    "messy_frames",
]


# --- claims tables for reconciliation (reconcile, dask.py) -----------------------------
_FRAME_MEASURES = (
    ("arrests at the border", "flow"),
    ("arrests in the capital", None),
    ("people displaced from the valley", "level"),
    ("voter turnout", "level"),
    ("homes destroyed by floods", "flow"),
    ("wells dug", None),
)
_FRAME_REPORTERS = ("Monitor North", "Monitor South", "the ministry", "OHCHR", None)
_FRAME_OUTLETS = ("Wire One", "Daily Two", "Radio Three", None)
_FRAME_QUALIFIERS = ("", "", "at least ", "more than ", "up to ", "fewer than ", "about ")
_FRAME_MONTHS = ("January", "February", "March", "April", "May", "June")


@st.composite
def claims_tables(draw: st.DrawFn, *, max_rows: int = 30) -> pd.DataFrame:
    """Loose claims tables that give reconcile work of every kind: several measures
    (flow and level, counts and shares), reporters with running totals that may step
    down, overlapping windows (days, periods, months, as-of points, relative ones),
    figures of every bound kind, re-mentions by other outlets, rows that cannot be
    read, under an index of the caller's own (labels may repeat)."""
    import pandas as pd

    def day(offset: int) -> str:
        return (_EPOCH + timedelta(days=offset)).isoformat()

    size = draw(st.integers(0, max_rows))
    rows: list[dict[str, object]] = []
    for _ in range(size):
        if rows and draw(st.integers(0, 4)) == 0:  # a re-mention by another outlet
            again = dict(draw(st.sampled_from(rows)))
            again["via"] = draw(st.sampled_from(_FRAME_OUTLETS))
            rows.append(again)
            continue
        measure, kind = draw(st.sampled_from(_FRAME_MEASURES))
        share = measure == "voter turnout"
        end = draw(st.integers(0, 150))
        start = draw(st.integers(max(0, end - 60), end))
        style = draw(st.integers(0, 6))
        window: object
        if style == 0:
            window = f"from {day(start)} to {day(end)}"
        elif style == 1:
            window = f"as of {day(end)}"
        elif style == 2:
            window = f"in {_FRAME_MONTHS[min(end // 31, 5)]} 2024"
        elif style == 3:
            window = f"since 2024 as of {day(end)}"
        elif style == 4:
            window = "last week"
        elif style == 5:
            window = None  # as of its publication
        else:
            window = draw(st.sampled_from(["", "someday", "from 2024-03-09 to 2024-02-01"]))
        n = draw(st.integers(0, 400))
        figure = draw(st.integers(0, 5))
        value: object
        if share:
            value = f"{draw(st.integers(20, 80))}%"
        elif figure == 0:
            value = f"between {n} and {n + draw(st.integers(0, 60))}"
        elif figure == 1:
            value = draw(st.sampled_from(["dozens", "hundreds", "lots", ""]))
        elif figure == 2:
            value = float(n)  # a number in a cell
        else:
            value = f"{draw(st.sampled_from(_FRAME_QUALIFIERS))}{n:,}"
        rows.append(
            {
                "value": value,
                "measure": measure,
                "measure_kind": kind,
                "window": window,
                "reporter": draw(st.sampled_from(_FRAME_REPORTERS)),
                "published": day(end + draw(st.integers(0, 5))),
                "via": draw(st.sampled_from(_FRAME_OUTLETS)),
            }
        )
    columns = ("value", "measure", "measure_kind", "window", "reporter", "published", "via")
    frame = pd.DataFrame(rows, columns=list(columns)).astype(object)
    labels = draw(st.lists(st.integers(-3, 60), min_size=len(frame), max_size=len(frame)))
    frame.index = pd.Index(labels, dtype="int64")
    return frame


def reports_equal(a: object, b: object) -> bool:
    """True when two :class:`~claimrec.Report` objects say the same: every table equal
    cell by cell and dtype by dtype, the claims with their index labels and groups;
    the corrections (a table reconcile does not sort) in any order."""

    from claimrec.report import Report

    if not isinstance(a, Report) or not isinstance(b, Report):
        return False
    for name in ("groups", "pairs", "conflicts", "unread", "weights"):
        left: pd.DataFrame = getattr(a, name)
        right: pd.DataFrame = getattr(b, name)
        if not left.reset_index(drop=True).equals(right.reset_index(drop=True)):
            return False
    if not (a.claims.equals(b.claims) and a.claims.index.equals(b.claims.index)):
        return False

    def settled(table: pd.DataFrame) -> pd.DataFrame:
        if not len(table):
            return table.reset_index(drop=True)
        order = table.astype(str).sort_values(list(table.columns), kind="stable").index
        return table.loc[order].reset_index(drop=True)

    return settled(a.corrections).equals(settled(b.corrections))


__all__ += ["claims_tables", "reports_equal"]

# (end claims)
