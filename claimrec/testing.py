"""Hypothesis strategies for claimrec, exported for users' own property tests.

``from claimrec.testing import values, windows, claims`` — requires the
``hypothesis`` package (installed with the ``test`` extra).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from claimrec.read.times import parse_reference
from claimrec.value import Value
from claimrec.window import DateRange, Window

if TYPE_CHECKING:
    import pandas as pd

    from claimrec.record import Claim

__all__: list[str] = []

# --- figures (value.py, units.py) -------------------------------------------
_UNIT_NAMES = (
    "count", "percent", "USD", "RUB", "hectare", "acre", "month", "year", "kilometer", "ratio",
    "kilometer/hour",
)  # fmt: skip
_QUALIFIER_WORDS = (
    "", "at least ", "more than ", "over ", "up to ", "fewer than ", "about ", "some ",
    "nearly ", "just over ", "an estimated ", "no more than ", "~", "exactly ", "as high as ",
    "equal to ", "as few as ",
)  # fmt: skip
_FIGURE_NOUNS = ("", " executions", " prisoners of war", " people", " cases of torture")
_FIGURE_UNITS = ("", "%", " percent", " hectares", " months", " roubles", " km/hr", "m tall")


@st.composite
def values(draw: st.DrawFn) -> object:
    """Valid :class:`claimrec.value.Value` objects of every kind, through the constructors."""
    from claimrec.value import Value

    magnitude = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
    x = draw(magnitude)
    unit = draw(st.sampled_from(_UNIT_NAMES))
    kind = draw(st.sampled_from(("exact", "rounded", "approx", "nearly", "just_over",
                                 "at_least", "more_than", "at_most", "less_than", "range",
                                 "vague")))  # fmt: skip
    if kind in ("range", "vague"):
        y = draw(magnitude)
        low, high = min(x, y), max(x, y)
        return (Value.between if kind == "range" else Value.vague)(low, high, unit=unit)
    if kind == "exact":
        return Value.exact(x, unit=unit)
    precision = draw(st.sampled_from((None, 1.0, 10.0, 100.0, 1000.0, 1e6)))
    if kind == "rounded":
        return Value.rounded(x, precision=precision or 1000.0, unit=unit)
    if kind in ("approx", "nearly", "just_over"):
        tolerance = draw(st.floats(min_value=0.0, max_value=0.5))
        make = getattr(Value, kind)
        return make(x, tolerance=tolerance, precision=precision, unit=unit)
    return getattr(Value, kind)(x, unit=unit, precision=precision)


def _number_texts() -> st.SearchStrategy[str]:
    whole = st.integers(min_value=0, max_value=10**9)
    return st.one_of(
        whole.map(str),
        whole.map(lambda n: f"{n:,}"),
        st.integers(min_value=1, max_value=999).map(lambda n: f"{n / 10:g} million"),
        st.integers(min_value=1, max_value=99).map(lambda n: f"{n}k"),
        st.sampled_from(
            (
                "two",
                "twenty-one",
                "a dozen",
                "a hundred and two",
                "five",
                "3 B",
                "2M",
                "2.5^2",
                "1,5",
                "fifty - two",
                "one hundred and three quarters",
                "45 lakh",
                "1.1^3",
            )
        ),
    )


@st.composite
def figure_texts(draw: st.DrawFn) -> str:
    """Figure expressions as reporters write them: "at least 1,240 executions", "30-40%"."""
    if draw(st.booleans()) and draw(st.booleans()):
        low = draw(st.integers(min_value=0, max_value=10_000))
        high = low + draw(st.integers(min_value=0, max_value=10_000))
        if low >= 1800 and high <= 2100:
            low %= 1000  # "between 1800 and 1900" is a span of years in running text
        form = draw(st.sampled_from(("between {} and {}", "{}-{}", "{} to {}", "from {} to {}")))
        return form.format(low, high) + draw(st.sampled_from(_FIGURE_NOUNS))
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        return draw(st.sampled_from(("dozens of POWs", "hundreds", "several", "a few",
                                     "tens of thousands", "several thousand", "tens of shells",
                                     "three times as many", "one in six adults",
                                     "two-thirds of voters", "5 feet 2 inches", "12, or 13 years",
                                     "80-to-90 percent", "20 through 30", "2 hours 30 minutes",
                                     "about an hour", "more than one in five")))  # fmt: skip
    qualifier = draw(st.sampled_from(_QUALIFIER_WORDS))
    number = draw(_number_texts())
    unit = draw(st.sampled_from(_FIGURE_UNITS))
    noun = draw(st.sampled_from(_FIGURE_NOUNS)) if not unit else ""
    return f"{qualifier}{number}{unit}{noun}"


__all__ += ["figure_texts", "values"]
# (end figures)

# --- windows (window.py) ------------------------------------------------------

__all__ += ["references", "window_texts", "windows"]


@st.composite
def currency_texts(draw: st.DrawFn) -> tuple[str, str]:
    """(text, code): a figure in a currency the default lexicon knows, written with its
    code before or after the number, its symbol, or one of its words."""
    from claimrec.lexicon import default_lexicon
    from claimrec.units import unit_words

    words = unit_words(default_lexicon())
    code = draw(st.sampled_from(sorted(words.codes)))
    number = draw(st.sampled_from(("500", "12,000", "2.5 million", "40")))
    names = sorted(
        name
        for name, unit in words.aliases.items()
        if unit == code and name in words.in_text and name not in words.symbols and name.isalpha()
    )
    forms = [f"{code} {number}", f"{number} {code}"]
    forms += [
        f"{symbol}{number}" for symbol in sorted(words.symbols) if words.aliases[symbol] == code
    ]
    forms += [f"{number} {name}" for name in names]
    return draw(st.sampled_from(forms)), code


@st.composite
def references(draw: st.DrawFn, *, min_year: int = 1990, max_year: int = 2060) -> DateRange:
    """Reference dates at day, month or year precision."""
    day = draw(st.dates(min_value=date(min_year, 1, 1), max_value=date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "year":
        return DateRange.year(day.year)
    if precision == "month":
        return DateRange.month(day.year, day.month)
    return DateRange.day(day)


@st.composite
def windows(draw: st.DrawFn, *, min_year: int = 1900, max_year: int = 2100) -> Window:
    """Valid windows: exact or uncertain ends, open starts, points and unknown ends."""
    low, high = date(min_year, 1, 1), date(max_year, 12, 31)
    point = draw(st.integers(0, 2)) == 0
    days = sorted(draw(st.lists(st.dates(min_value=low, max_value=high), min_size=4, max_size=4)))
    if draw(st.booleans()):  # exact ends
        days = [days[0], days[0], days[3], days[3]]
    start_earliest: date | None = days[0]
    start_latest: date | None = days[draw(st.sampled_from([0, 1, 2]))]
    end_earliest: date | None = days[2]
    end_latest: date | None = days[3]
    if point or draw(st.integers(0, 9)) == 0:
        start_earliest = start_latest = None
    if draw(st.integers(0, 19)) == 0:
        end_earliest = end_latest = None
    return Window(
        start_earliest=start_earliest,
        start_latest=start_latest,
        end_earliest=end_earliest,
        end_latest=end_latest,
        kind="point" if point else "period",
    )


_WINDOW_WORDS = (
    "since", "as of", "by", "the end of", "between", "and", "from", "to", "through", "until",
    "in", "on", "over", "the", "past", "last", "this", "week", "weeks", "month", "months",
    "year", "years", "days", "hours", "24", "12", "two", "alone", "yesterday", "today",
    "Thursday", "February", "Nov.", "Sept.", "May", "6", "29", "31", "0", "2022", "2024",
    "1899", "9999", "2020-21", "Q3", "H1", "first", "half", "third", "quarter", "of", "early",
    "mid-", "late", "week to", "full-scale invasion", "beginning of the", "began", "ago", "-",
    "–", "/", "~", "@", "..", ",", ".", "2024-11-06", "2024-02-30", "0000-00-00", "\n",
    # issue 11: numeric dates, the future, parts, named days, shifts, bounds
    "3/7/2017", "22/04", "2019/12", "2010-11", "13.5.2015", "1.2.10", "'70s", "eighties",
    "twenty-first", "century", "next", "coming", "this coming", "tomorrow", "tonight",
    "later", "earlier", "rest of the", "within", "more than", "before", "after", "weekend",
    "Christmas", "Easter", "summer", "fall", "week of", "first Friday of", "a year earlier",
    "the same period last year", "so far this year", "year to date", "from now", "hence",
    "nineteen", "seventy", "two thousand and", "Wed", "sun", "fifth", "Friday the 13th",
)  # fmt: skip


def window_texts() -> st.SearchStrategy[str]:
    """Texts near the window grammar (its words in random order) and arbitrary text."""
    near = st.lists(st.sampled_from(_WINDOW_WORDS), max_size=8).map(" ".join)
    return st.one_of(near, st.text(max_size=40))


__all__ += ["not_dated_numbers", "written_days"]


@st.composite
def not_dated_numbers(draw: st.DrawFn) -> str:
    """Phone numbers and product codes in a few words: no time window is in them."""
    digits = st.text("0123456789", min_size=3, max_size=4)
    letters = st.text("ABCDEFGHKMXZ", min_size=1, max_size=3)
    kind = draw(st.sampled_from(["phone", "international", "code", "sku"]))
    if kind == "phone":
        return f"call {draw(digits)}-{draw(digits)}{draw(digits)}"
    if kind == "international":
        return f"dial +{draw(st.integers(1, 99))} {draw(digits)} {draw(digits)} {draw(digits)}"
    if kind == "code":
        return f"part {draw(letters)}{draw(digits)}-{draw(digits)}"
    return f"SKU {draw(letters)}-{draw(digits)}/{draw(letters)}{draw(digits)}"


_DAY_FORMS = ("{month} {day}, {year}", "{day} {month} {year}", "{iso}", "on {month} {day}, {year}")


@st.composite
def written_days(
    draw: st.DrawFn, *, min_year: int = 1800, max_year: int = 2100
) -> tuple[str, date]:
    """A day written out in a sentence ("... on March 3, 2021 ..."), and the day."""
    day = draw(st.dates(date(min_year, 1, 1), date(max_year, 12, 31)))
    form = draw(st.sampled_from(_DAY_FORMS))
    written = form.format(month=day.strftime("%B"), day=day.day, year=day.year, iso=day.isoformat())
    return f"Officials said {written} was the date.", day


# (end windows)

# --- reporters and measures (reporter.py, measure.py) -------------------------
__all__ += ["measure_chunks", "measure_phrases", "reporter_aliases", "reporter_names"]

# Pieces of measure text that form no synonym phrase across their borders, so
# that shuffling them must not change the key.
MEASURE_CHUNKS: tuple[str, ...] = (
    "executions",
    "executed",
    "Ukrainian",
    "Russian",
    "prisoners of war",
    "POWs",
    "soldiers in captivity",
    "by Russian forces",
    "in Kursk Oblast",
    "missing",
    "civilians",
    "released",
    "North Korean",
    "incidents",
    "cases",
    "of",
    "the",
    "2024",
    "deported",
    "children",
)


def measure_chunks(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    """Lists of measure-text pieces (join them with spaces for a phrase)."""
    return st.lists(st.sampled_from(MEASURE_CHUNKS), min_size=min_size, max_size=max_size)


def measure_phrases(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    """Measure texts such as "executions of Ukrainian POWs by Russian forces"."""
    return measure_chunks(min_size=min_size, max_size=max_size).map(" ".join)


def _respell(alias: str, article: str, case: str, curly: bool, suffix: str) -> str:
    text = {"lower": alias.lower(), "upper": alias.upper(), "title": alias.title()}.get(case, alias)
    return article + (text.replace("'", "’") if curly else text) + suffix


def _spellings(alias: str) -> st.SearchStrategy[str]:
    # The same name as writers vary it: case, a leading article, a possessive,
    # curly apostrophes, doubled spaces.
    return st.builds(
        _respell,
        st.just(alias),
        st.sampled_from(["", "the ", "The ", "  "]),
        st.sampled_from(["as is", "lower", "upper", "title"]),
        st.booleans(),
        st.sampled_from(["", "'s", "’s", " "]),
    )


def reporter_aliases() -> st.SearchStrategy[tuple[str, str]]:
    """``(name as written, canonical name)`` pairs from the default reporter table."""
    from claimrec.reporter import default_reporters

    pairs = sorted(
        (alias, entry.canonical)
        for entry in default_reporters().entries
        for alias in (entry.canonical, *entry.aliases)
    )
    return st.sampled_from(pairs).flatmap(
        lambda pair: _spellings(pair[0]).map(lambda written: (written, pair[1]))
    )


def reporter_names() -> st.SearchStrategy[str]:
    """Reporter names as found in tables: known aliases, variants, or any text at all."""
    return st.one_of(
        reporter_aliases().map(lambda pair: pair[0]),
        st.text(max_size=60),
        st.text(alphabet="'’‘.()-, sHURUN", max_size=30),
    )


# (end reporters and measures)

# --- constraint systems (constraints.py, grouping.py) -------------------------
__all__ += ["consistent_flow_systems", "flow_systems", "hidden_series", "window_arrays"]

if TYPE_CHECKING:
    from claimrec.constraints import FlowSystem


@st.composite
def window_arrays(
    draw: st.DrawFn, *, max_size: int = 30, max_key: int = 3, max_day: int = 60
) -> tuple[list[int], list[int], list[int]]:
    """``(keys, starts, ends)`` for ``claimrec.grouping.group_windows``: small
    day numbers (end day included) so that windows often overlap or touch."""
    size = draw(st.integers(0, max_size))
    day = st.integers(0, max_day)
    keys = draw(st.lists(st.integers(0, max_key), min_size=size, max_size=size))
    starts = draw(st.lists(day, min_size=size, max_size=size))
    lengths = draw(st.lists(st.integers(0, max_day // 4), min_size=size, max_size=size))
    return keys, starts, [s + n for s, n in zip(starts, lengths, strict=True)]


@st.composite
def hidden_series(draw: st.DrawFn, *, max_days: int = 30, max_daily: int = 4) -> list[int]:
    """A cumulative count ``S(0..days)``: non-decreasing whole numbers, ``S(0) = 0``."""
    daily = draw(st.lists(st.integers(0, max_daily), min_size=1, max_size=max_days))
    series = [0]
    for count in daily:
        series.append(series[-1] + count)
    return series


_SLACKS = (0.0, 0.0, 1.0, 2.0, 5.0)
_FRACTIONAL_SLACKS = (0.0, 0.5, 1.0, 2.25, 5.0)


@st.composite
def consistent_flow_systems(
    draw: st.DrawFn,
    *,
    max_constraints: int = 8,
    max_days: int = 30,
    strict: bool = True,
    fractional: bool = False,
) -> tuple[FlowSystem, list[int]]:
    """``(system, series)``: a ``FlowSystem`` every constraint of which is true of
    the hidden cumulative ``series`` (``series[t]`` is S(t)); always feasible.

    Bounds contain the true window count with some slack, or are absent; with
    ``strict`` some sides are strict (and then exclude the true count's side
    by at least one unit); with ``fractional`` slacks may be non-integers.
    """
    from claimrec.constraints import flow_system

    series = draw(hidden_series(max_days=max_days))
    last = len(series) - 1
    size = draw(st.integers(1, max_constraints))
    slack = st.sampled_from(_FRACTIONAL_SLACKS if fractional else _SLACKS)
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for _ in range(size):
        a = draw(st.integers(0, last - 1))
        b = draw(st.integers(a + 1, last))
        count = series[b] - series[a]
        low_strict = strict and draw(st.booleans())
        high_strict = strict and draw(st.booleans())
        low = count - draw(slack) - (1 if low_strict else 0)
        high = count + draw(slack) + (1 if high_strict else 0)
        starts.append(a)
        stops.append(b)
        lowers.append(low if draw(st.booleans()) else float("-inf"))
        uppers.append(high if draw(st.booleans()) else float("inf"))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    system = flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )
    return system, series


@st.composite
def flow_systems(
    draw: st.DrawFn,
    *,
    max_constraints: int = 7,
    max_day: int = 12,
    max_bound: int = 12,
    strict: bool = False,
) -> FlowSystem:
    """An arbitrary ``FlowSystem`` with whole-number bounds on small windows;
    often infeasible. With ``strict``, some sides are strict inequalities."""
    from claimrec.constraints import flow_system

    size = draw(st.integers(1, max_constraints))
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for _ in range(size):
        a = draw(st.integers(0, max_day - 1))
        b = draw(st.integers(a + 1, max_day))
        low = draw(st.one_of(st.none(), st.integers(0, max_bound)))
        high = draw(st.one_of(st.none(), st.integers(low or 0, max_bound)))
        low_strict = strict and low is not None and draw(st.booleans())
        high_strict = strict and high is not None and draw(st.booleans())
        if low is not None and low == high and (low_strict or high_strict):
            low_strict = high_strict = False  # an empty interval is refused on input
        starts.append(a)
        stops.append(b)
        lowers.append(float("-inf") if low is None else float(low))
        uppers.append(float("inf") if high is None else float(high))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    return flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )


FLOW_FAMILIES = ("random", "rolling", "nested", "series")
__all__ += ["FLOW_FAMILIES", "structured_flow_systems"]

_KINDS = ("lower", "upper", "exact", "range")


def _rolling_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """Several reporters, each with its own window length, step, offset and kind."""
    found: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        width = draw(st.integers(1, last))
        step = draw(st.sampled_from([1, width]))  # daily rolling, or back to back
        first = draw(st.integers(0, last - width))
        kind = draw(st.sampled_from(_KINDS))
        found += [(a, a + width, kind) for a in range(first, last - width + 1, step)]
    return found[:limit]


def _nested_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """Windows sharing an end, a start or a centre, two reporters taking turns."""
    anchor = draw(st.sampled_from(["end", "start", "centre"]))
    kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=2, max_size=2))
    found: list[tuple[int, int, str]] = []
    for size in range(1, last + 1):
        if anchor == "end":
            a, b = last - size, last
        elif anchor == "start":
            a, b = 0, size
        else:
            a, b = max(0, last // 2 - size), min(last, last // 2 + size)
            if (a, b) in {(w[0], w[1]) for w in found}:
                continue
        found.append((a, b, kinds[size % 2]))
    return found[:limit]


def _series_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    """One reporter's consecutive period counts and its running totals."""
    period = draw(st.integers(1, 3))
    period_kind = draw(st.sampled_from(["exact", "lower", "range"]))
    total_kind = draw(st.sampled_from(["exact", "lower", "upper"]))
    found: list[tuple[int, int, str]] = []
    for a in range(0, last - period + 1, period):
        found.append((a, a + period, period_kind))
        if draw(st.booleans()):
            found.append((0, a + period, total_kind))
    return found[:limit]


def _random_windows(draw: st.DrawFn, last: int, limit: int) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for _ in range(draw(st.integers(1, limit))):
        a = draw(st.integers(0, last - 1))
        found.append((a, draw(st.integers(a + 1, last)), draw(st.sampled_from(_KINDS))))
    return found


_FAMILY_WINDOWS = {
    "random": _random_windows,
    "rolling": _rolling_windows,
    "nested": _nested_windows,
    "series": _series_windows,
}


@st.composite
def structured_flow_systems(
    draw: st.DrawFn,
    *,
    family: str | None = None,
    max_days: int = 14,
    max_constraints: int = 12,
    strict: bool = False,
    consistent: bool | None = None,
) -> FlowSystem:
    """A ``FlowSystem`` shaped like what reporters publish about one count.

    ``family`` (one of :data:`FLOW_FAMILIES`, drawn when None): ``"rolling"``
    — up to three reporters, each giving daily rolling or back-to-back windows
    of its own length as lower bounds, upper bounds, exact figures or ranges;
    ``"nested"`` — windows sharing an end, a start or a centre, two reporters
    taking turns; ``"series"`` — one reporter's period counts and running
    totals; ``"random"`` — windows anywhere. Figures are those of a hidden
    series give or take a slack; unless ``consistent`` is True some are then
    moved by a few units, so that a drawn system is often infeasible (never,
    with ``consistent=True``). With ``strict``, some sides are strict.
    """
    from claimrec.constraints import flow_system

    if family is None:
        family = draw(st.sampled_from(FLOW_FAMILIES))
    series = draw(hidden_series(max_days=max_days))
    last = len(series) - 1
    windows = _FAMILY_WINDOWS[family](draw, last, max_constraints)
    wrong = draw(st.booleans()) if consistent is None else not consistent
    starts, stops, lowers, uppers, lower_strict, upper_strict = [], [], [], [], [], []
    for a, b, kind in windows:
        count = series[b] - series[a]
        shift = draw(st.integers(-3, 3)) if wrong and draw(st.booleans()) else 0
        low_strict = strict and kind in ("lower", "range") and draw(st.booleans())
        high_strict = strict and kind in ("upper", "range") and draw(st.booleans())
        low = count - (0 if kind == "exact" else draw(st.sampled_from(_SLACKS))) + shift
        high = count + (0 if kind == "exact" else draw(st.sampled_from(_SLACKS))) + shift
        low -= 1 if low_strict else 0
        high += 1 if high_strict else 0
        starts.append(a)
        stops.append(b)
        lowers.append(float(low) if kind != "upper" else float("-inf"))
        uppers.append(float(high) if kind != "lower" else float("inf"))
        lower_strict.append(low_strict)
        upper_strict.append(high_strict)
    return flow_system(
        starts, stops, lowers, uppers, lower_strict=lower_strict, upper_strict=upper_strict
    )


# (end constraint systems)

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
    import math

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
    from dataclasses import replace

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
    "claim_values",
    "claim_windows",
    "claims",
    "hidden_counts",
    "loose_frames",
    "mention_frames",
    "messy_cells",
    "messy_frames",
    "true_claims",
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

# --- extraction (extract.py) -------------------------------------------------------
_ARTICLE_SENTENCES = (
    "Russian forces have executed at least 124 Ukrainian prisoners of war since 2022 "
    "as of Nov. 6, the Prosecutor General's Office said.",
    "Over the past year, Amnesty International has recorded 109 executions of Ukrainian "
    "soldiers in captivity.",
    "In February, the U.N. Human Rights Monitoring Mission in Ukraine raised alarm over 79 "
    "documented cases of POW executions across 24 separate incidents.",
    "The state register contains data on approximately 55,000 missing persons.",
    "North Korea is believed to have sent around 12,000 soldiers to Russia.",
    "Moscow and Kiev conducted another swap, with some 50 Russian servicemen released on Thursday.",
    '"In nearly 100% of cases, prisoners are held in isolation," Velch noted.',
    "Some 80% of the cases were recorded in 2024, said Yurii Belousov, a senior "
    "representative of the Prosecutor General's Office.",
    "Dozens of civilians were killed last week, according to the UN.",
    "Between 793 and 8,498 people were displaced in the first half of 2024.",
    "He said the figure could reach more than two years of work.",
    "The hostilities have not stopped.",
)
_JUNK_PIECES = (
    "<p>", "</p>", "<div class='x'>", "</div>", "<script>alert(1)</script>", "<br/>",
    "&amp;", "&#8217;", "<!--", "-->", "<", ">", "Most popular", "Editors' Picks",
    "Read More", "2 min read", "November 11, 2024 7:28 PM", "icon bookmark icon ",
    "rewrite this content and keep HTML tags", "“", "”", '"', "…", "\n", "\n\n", " ",
    "1,1,1,1,", "since since since ", "over over 150 ", "(((", ")))", "U.N.", "Nov.",
)  # fmt: skip


@st.composite
def article_paragraphs(draw: st.DrawFn, *, max_paragraphs: int = 6) -> list[str]:
    """Paragraphs of news-like prose with figures, windows and attributions."""
    count = draw(st.integers(min_value=1, max_value=max_paragraphs))
    paragraphs = []
    for _ in range(count):
        sentences = draw(st.lists(st.sampled_from(_ARTICLE_SENTENCES), min_size=1, max_size=3))
        paragraphs.append(" ".join(sentences))
    return paragraphs


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Whole article texts: paragraphs joined by blank lines, sometimes with a headline."""
    paragraphs = draw(article_paragraphs())
    if draw(st.booleans()):
        paragraphs.insert(0, "Amnesty International records 109 executions of POWs")
    return "\n\n".join(paragraphs)


@st.composite
def messy_texts(draw: st.DrawFn, *, max_pieces: int = 40) -> str:
    """Hostile input: article pieces, HTML-ish junk, page furniture and random unicode."""
    pieces = st.one_of(
        st.sampled_from(_ARTICLE_SENTENCES),
        st.sampled_from(_JUNK_PIECES),
        st.text(max_size=30),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
    )
    return "".join(draw(st.lists(pieces, max_size=max_pieces)))


__all__ += ["article_paragraphs", "articles", "messy_texts"]
# (end extraction)

_ = st  # the sections above use it


# --- things that look like figures but are not (issue 11) ---------------------------

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """A date as news writes it, numbers and all: "3/14/2021", "2021-03-14",
    "14 March 2021", "March 3-7", "March 14, 2021"."""
    year = draw(st.integers(1950, 2049))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    name = _MONTH_NAMES[month - 1]
    return draw(
        st.sampled_from(
            [
                f"{month}/{day}/{year}",
                f"{day}/{month}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day} {name} {year}",
                f"{name} {day}, {year}",
                f"{name} {day}-{day + 2}",
                f"{day:02d}.{month:02d}.{year}",
            ]
        )
    )


@st.composite
def phone_texts(draw: st.DrawFn) -> str:
    """A phone number: "+44 20 7946 0958", "555-0100-22", "+1-202-555-0143"."""
    groups = draw(st.lists(st.integers(10, 9999), min_size=3, max_size=4))
    country = draw(st.integers(1, 99))
    parts = [f"{g:04d}" if g >= 1000 else str(g) for g in groups]
    return draw(
        st.sampled_from(
            [
                f"+{country} " + " ".join(parts),
                f"+{country}-" + "-".join(parts),
                "-".join(parts),
            ]
        )
    )


def _currency_codes() -> frozenset[str]:
    from claimrec.lexicon import DEFAULT_LEXICON

    return DEFAULT_LEXICON.words("currencies")


@st.composite
def product_codes(draw: st.DrawFn) -> str:
    """A product or part code: "XK-3371", "A320neo", "12-345-678", "SKU 0042".

    Its letters are never a currency code: "USD115" is a sum of money.
    """
    letters = draw(
        st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=1, max_size=3).filter(
            lambda prefix: prefix not in _currency_codes()
        )
    )
    digits = draw(st.integers(1, 99999))
    return draw(
        st.sampled_from(
            [
                f"{letters}-{digits}",
                f"{letters}{digits}",
                f"{digits % 100}-{digits}-{digits % 1000:03d}",
                f"SKU {digits:05d}",
            ]
        )
    )


@st.composite
def score_texts(draw: st.DrawFn) -> str:
    """A sports score or a vote tally: "won 3-1", "a 2-2 draw", "the vote was 52-48"."""
    first = draw(st.integers(0, 60))
    second = draw(st.integers(0, 60))
    high, low = max(first, second), min(first, second)
    return draw(
        st.sampled_from(
            [
                f"won {high}-{low}",
                f"a {low}-{low} draw",
                f"lost {high}-{low} at home",
                f"the vote was {high}-{low}",
                f"{high}-{low} in the final",
            ]
        )
    )


__all__ += ["date_texts", "phone_texts", "product_codes", "score_texts"]


# --- window binding (issue 12) --------------------------------------------------------

# Sentences of the binding families (our own words): dated events, their people,
# times of reporting, comparisons, anaphora and figures with no time at all.
_BINDING_SENTENCES = (
    "Thousands of nurses marched through the capital on Saturday.",
    "Police put the crowd at 14,000, while organisers counted 35,000 marchers.",
    "Voters went to the polls on Sunday, and turnout reached 58 percent.",
    "The toll from last week's storm rose to 212, officials said on Tuesday.",
    "The October 3 quake left more than 1,900 people injured.",
    "Since the fighting began on March 9, some 640,000 people have fled.",
    "As of May 2, hospitals had recorded 1,284 deaths.",
    "Of the 1,284 dead, 310 were children.",
    "Exports fell 12% compared with the same period in 2025.",
    "It was the worst drought since 2011, with 46 districts affected.",
    "The jobless rate hit 7.2% in March.",
    "That month's rate for graduates was 11.5%.",
    "In the first 48 hours after the quake, rescuers reached 70 villages.",
    "The ministry on Monday evening said 96 people had been detained.",
    "The region has 2.4 million residents.",
    "Voting was extended by two hours.",
    "A 19-year-old was among 8 people hurt.",
    "Crossings dropped to 94,000 in the first half of 2026.",
)


@st.composite
def binding_articles(draw: st.DrawFn, *, max_paragraphs: int = 5) -> str:
    """Articles of the window-binding families, sentences in any order."""
    count = draw(st.integers(min_value=1, max_value=max_paragraphs))
    paragraphs = [
        " ".join(draw(st.lists(st.sampled_from(_BINDING_SENTENCES), min_size=1, max_size=3)))
        for _ in range(count)
    ]
    return "\n\n".join(paragraphs)


__all__ += ["binding_articles"]


# --- articles of unrelated domains (measures that must never meet) -------------------

__all__ += ["ARTICLE_DOMAINS", "domain_articles"]

#: Short news items per domain, written for these tests: ``{place}``, ``{reporter}`` and
#: ``{a}``/``{b}`` (whole numbers) are filled in. Items of different domains count
#: different things (or the same thing in a different event), so claims from two of
#: them must never share a group, even about the same country.
ARTICLE_DOMAINS: dict[str, str] = {
    "earthquake": (
        "At least {a} people died in {place} after the earthquake, {reporter} said. "
        "Another {b} people were injured by the quake."
    ),
    "flood": (
        "Floods in {place} killed {a} people this week, {reporter} said. "
        "About {b} homes were flooded after days of rain."
    ),
    "conflict": (
        "Fighting in {place} has killed {a} civilians since March, {reporter} said. "
        "More than {b} people have fled their homes because of the war."
    ),
    "protest": (
        "Organizers said {a} protesters marched in {place} on Saturday. "
        "Police said {b} demonstrators were detained during the protest."
    ),
    "epidemic": (
        "{place} reported {a} new cholera cases on Monday, {reporter} said. "
        "The outbreak has killed {b} people so far."
    ),
    "inflation": (
        "Annual inflation in {place} rose to {a}% in May, {reporter} said. "
        "Food prices climbed for a third month."
    ),
    "wildfire": (
        "Wildfires have burned {a} hectares in {place} this summer, {reporter} said. "
        "Firefighters evacuated {b} residents from two villages."
    ),
    "measles": (
        "Measles has killed {a} people in {place} this year, {reporter} said. "
        "Nurses vaccinated {b} children in the worst-hit districts."
    ),
    "storm": (
        "{reporter} lowered the storm death toll in {place} to {a} from about {b} after "
        "a recount. The storm's winds reached 180 kilometres per hour."
    ),
    "election": (
        "Turnout in the {place} election reached {a} percent on Sunday, {reporter} said. "
        "Some {b} polling stations stayed open late."
    ),
    "detentions": (
        "Police detained {a} demonstrators in the capital of {place} on Sunday, "
        "{reporter} said. A further {b} were held overnight in other towns."
    ),
}
_PLACES = ("Peru", "Kenya", "Greece", "Nepal", "Chile", "Portugal", "Indonesia", "Canada")
_SOURCES = ("officials", "the interior ministry", "the Red Cross", "local authorities",
            "the national statistics office", "a government spokesperson")  # fmt: skip


@st.composite
def domain_articles(draw: st.DrawFn, *, domain: str | None = None) -> tuple[str, str]:
    """``(domain, text)``: a short article of one of :data:`ARTICLE_DOMAINS` (or the one
    given), about a drawn country, source and figures."""
    name = domain if domain is not None else draw(st.sampled_from(sorted(ARTICLE_DOMAINS)))
    text = ARTICLE_DOMAINS[name].format(
        place=draw(st.sampled_from(_PLACES)),
        reporter=draw(st.sampled_from(_SOURCES)),
        a=draw(st.integers(min_value=2, max_value=90)) * 10 + 3,
        b=draw(st.integers(min_value=2, max_value=900)) * 10 + 7,
    )
    return name, text
