"""Seeded claims tables of realistic shape, for the end-to-end benchmarks.

``realistic_table(n, seed=...)`` returns a *loose* claims table (the columns a
user types into a spreadsheet: ``value``, ``measure``, ``measure_kind``,
``window``, ``reporter``, ``published``, ``via``, ``url``) of exactly ``n`` rows:

* one measure per 10 rows on average (100,000 measures at 1M rows), each a
  hidden true series: ``flow`` (a cumulative count, 75%) or ``level`` (a
  random walk, 25%; a fifth of them shares in percent);
* one to six reporters per measure (a few national monitors that report on many
  measures, many local offices), each reporting figures on random days;
* windows of random lengths: running totals "as of" a day (no start), periods
  "from … to …" of one day to a year, calendar months "in March 2024", "since
  <year> as of …", single days;
* every bound kind, each derived from the true value of its window so that
  honest claims are true: exact (as text, or as a number in a numeric cell),
  at least, more than, up to, fewer than, about, a range, vague words;
* re-mentions: about a third of the claims relayed again by one to three other
  outlets (same reporter and figure, another ``via``);
* corrections: 3% of running-total series step down once (a revised total);
* contradictions: 1% of the measures get one figure 30–60% off its truth;
* ``group_size`` (e.g. 10,000): instead of ten claims per measure, measures of
  that many claims (many reporters over years), to check growth with large
  groups.

Everything comes from one ``numpy.random.Generator(seed)``: the same arguments
give the same table.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

__all__ = ["realistic_table"]

_FIRST_DAY = date(2019, 1, 1).toordinal()
_LAST_DAY = date(2025, 12, 31).toordinal()
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_FLOW_NOUNS = (
    "cholera cases",
    "deaths from the outbreak",
    "people detained",
    "drone strikes",
    "arrests at protests",
    "civilians killed",
    "measles cases",
    "homes destroyed",
    "asylum applications",
    "executions of prisoners",
)
_LEVEL_NOUNS = (
    "people displaced",
    "troops deployed",
    "hospital beds occupied",
    "people listed as missing",
    "prisoners held",
)
_SHARE_NOUNS = ("unemployment rate", "vaccination coverage", "voter turnout")
_PLACES = ("district", "province", "county", "region", "municipality", "oblast")
_NATIONAL = (
    "Amnesty International",
    "Human Rights Watch",
    "UNHCR",
    "OHCHR",
    "ACLED",
    "World Health Organization",
    "Red Cross",
    "Interior Ministry",
    "Health Ministry",
    "National Statistics Office",
    "Ombudsman",
    "General Staff",
)
_VAGUE = (("dozens", 24, 99), ("hundreds", 200, 999), ("thousands", 2_000, 9_999))


def _day_text(day: int, style: int) -> str:
    d = date.fromordinal(day)
    if style == 0:
        return d.isoformat()
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _figure(x: float, share: bool) -> str:
    if share:
        return f"{x:.1f}%"
    return f"{round(x):,}"


def _value_text(kind: str, truth: float, share: bool, rng: np.random.Generator) -> object:
    """A figure of ``kind`` that is true of ``truth`` (a count or a share)."""
    if share:
        truth = round(truth, 1)
    if kind == "number":
        return float(truth) if share else float(round(truth))
    if kind == "exact":
        return _figure(truth, share)
    if kind == "at_least":
        return "at least " + _figure(truth * rng.uniform(0.7, 1.0), share)
    if kind == "more_than":
        return "more than " + _figure(max(truth * rng.uniform(0.6, 0.98) - 1, 0), share)
    if kind == "at_most":
        return "up to " + _figure(truth * rng.uniform(1.0, 1.3) + 1, share)
    if kind == "less_than":
        return "fewer than " + _figure(truth * rng.uniform(1.02, 1.4) + 1, share)
    if kind == "approx":
        if share or truth < 100:
            return "about " + _figure(truth, share)
        digits = max(len(str(int(truth))) - 2, 1)
        return "about " + f"{int(round(truth, -digits)):,}"
    if kind == "range":
        low, high = truth * rng.uniform(0.8, 1.0), truth * rng.uniform(1.0, 1.25) + 1
        if share:
            return f"between {low:.1f}% and {high:.1f}%"
        return f"between {int(low):,} and {int(high) + 1:,}"
    for word, low_v, high_v in _VAGUE:  # vague: a word whose range holds the truth
        if not share and low_v <= truth <= high_v:
            return word
    return _figure(truth, share)


_KINDS = np.array(
    ["exact", "number", "at_least", "more_than", "at_most", "less_than", "approx", "range", "vague"]
)
_KIND_SHARES = np.array([0.34, 0.16, 0.12, 0.06, 0.06, 0.04, 0.12, 0.05, 0.05])


def realistic_table(n: int, *, seed: int = 0, group_size: int | None = None) -> pd.DataFrame:
    """A loose claims table of ``n`` rows; see the module docstring."""
    rng = np.random.default_rng(seed)
    per_measure = group_size or 10  # rows per measure
    # Rows per claim: 1 + re-mentions (a third of claims get 1–3 more outlets).
    claims_wanted = max(1, int(n / 1.6))
    n_measures = max(1, n // per_measure)
    local_reporters = max(50, n_measures // 4)
    outlets = [f"Outlet {k}" for k in range(300)]
    rows: list[dict[str, object]] = []
    measure_of_claim = rng.integers(0, n_measures, claims_wanted)
    counts = np.bincount(measure_of_claim, minlength=n_measures)
    for m in range(n_measures):
        k = int(counts[m])
        if k == 0:
            continue
        u = rng.random()
        kind = "flow" if u < 0.75 else "level"
        share = kind == "level" and rng.random() < 0.2
        place = f"{_PLACES[m % len(_PLACES)]} {m}"
        if share:
            text = f"{_SHARE_NOUNS[m % len(_SHARE_NOUNS)]} in {place}"
        elif kind == "flow":
            text = f"{_FLOW_NOUNS[m % len(_FLOW_NOUNS)]} in {place}"
        else:
            text = f"{_LEVEL_NOUNS[m % len(_LEVEL_NOUNS)]} in {place}"
        span = int(rng.integers(30, 1500 if group_size else 400))
        first = int(rng.integers(_FIRST_DAY, _LAST_DAY - span))
        # Hidden truth per day of the span.
        if kind == "flow":
            daily = rng.negative_binomial(1, 1 / (1 + rng.uniform(0.2, 40)), span)
            # Counted from the series' first day, which the first claim names (so the
            # measure's origin, the day before every day named, is the true one).
            truth = np.cumsum(daily).astype(np.float64)
        elif share:
            truth = np.clip(rng.uniform(5, 80) + np.cumsum(rng.normal(0, 0.3, span)), 0.1, 99.9)
        else:
            truth = np.maximum(
                rng.uniform(100, 50_000) * np.exp(np.cumsum(rng.normal(0, 0.01, span))), 1.0
            )
        n_rep = min(1 + int(rng.geometric(0.45)), 6) if not group_size else max(2, k // 200)
        names = [
            _NATIONAL[int(x)] if rng.random() < 0.4 else f"Local Office {int(y)}"
            for x, y in zip(
                rng.integers(0, len(_NATIONAL), n_rep),
                rng.integers(0, local_reporters, n_rep),
                strict=True,
            )
        ]
        if group_size:
            names = [f"{name} {j}" for j, name in enumerate(names)]
        reporter_of = rng.integers(0, n_rep, k)
        ends = np.sort(rng.integers(0, span, k))
        ends[0] = 0
        kinds = rng.choice(_KINDS, size=k, p=_KIND_SHARES)
        window_style = rng.random(k)
        step_down = kind == "flow" and rng.random() < 0.03
        step_reporter = int(reporter_of[k // 2])
        wrong = int(rng.integers(0, k)) if rng.random() < 0.01 else -1
        kind_given = rng.random() < 0.85
        for j in range(k):
            end = int(ends[j])
            day = first + end
            w = window_style[j]
            start_offset: int | None
            if kind == "level":
                window = f"as of {_day_text(day, j % 2)}" if w < 0.7 else f"on {_day_text(day, 0)}"
                value = float(truth[end])
            elif w < 0.55 or j == 0:
                window, start_offset = f"as of {_day_text(day, j % 2)}", None
                value = float(truth[end])
            elif w < 0.75:
                length = int(np.exp(rng.uniform(0, np.log(365))))
                start_offset = max(0, end - length)
                window = f"from {_day_text(first + start_offset, 0)} to {_day_text(day, 0)}"
                value = float(truth[end] - (truth[start_offset - 1] if start_offset else 0))
            elif w < 0.85:
                d = date.fromordinal(day)
                month_first = date(d.year, d.month, 1).toordinal()
                if month_first < first:
                    window, value = f"as of {_day_text(day, 0)}", float(truth[end])
                else:
                    following = date(d.year + d.month // 12, d.month % 12 + 1, 1).toordinal()
                    last = min(following - 1, first + span - 1)
                    window = f"in {_MONTHS[d.month - 1]} {d.year}"
                    if last != following - 1:  # the month runs past the series
                        window = f"from {_day_text(month_first, 0)} to {_day_text(last, 0)}"
                    prior = truth[month_first - first - 1] if month_first > first else 0.0
                    value = float(truth[last - first] - prior)
                    day = last
            elif w < 0.92:
                d = date.fromordinal(first)
                window = f"since {d.year + 1} as of {_day_text(day, 1)}"
                year_start = date(d.year + 1, 1, 1).toordinal()
                if year_start > day:
                    window, value = f"as of {_day_text(day, 0)}", float(truth[end])
                else:
                    # "since <year>" starts somewhere in that year: true of the whole year.
                    prior = truth[year_start - first - 1]
                    value = float(truth[end] - prior)
            else:
                window = f"on {_day_text(day, 0)}"
                value = float(truth[end] - (truth[end - 1] if end else 0.0))
            if j == wrong:
                value *= float(rng.choice([0.4, 0.6, 1.4, 1.6]))
            if (
                step_down
                and j > k // 2
                and int(reporter_of[j]) == step_reporter
                and window.startswith("as of")
            ):
                value *= 0.9  # a revised running total, lower than the reporter's earlier ones
            figure = _value_text(str(kinds[j]), value, share, rng)
            reporter = names[int(reporter_of[j])]
            published = date.fromordinal(day + int(rng.integers(0, 4))).isoformat()
            row = {
                "value": figure,
                "measure": text,
                "measure_kind": kind if kind_given else None,
                "window": window,
                "reporter": reporter,
                "published": published,
                "via": outlets[int(rng.integers(0, len(outlets)))],
                "url": f"https://news.example/{m}/{j}",
            }
            rows.append(row)
            if rng.random() < 1 / 3:
                for extra in range(int(rng.integers(1, 4))):
                    again = dict(row)
                    again["via"] = outlets[int(rng.integers(0, len(outlets)))]
                    again["url"] = f"https://news.example/{m}/{j}/{extra}"
                    rows.append(again)
    frame = pd.DataFrame(rows)
    if len(frame) >= n:
        frame = frame.iloc[:n]
    else:  # top up with re-mentions of the first rows
        extra_rows = frame.iloc[np.arange(n - len(frame)) % len(frame)].copy()
        extra_rows["url"] = [f"{u}/again" for u in extra_rows["url"]]
        frame = pd.concat([frame, extra_rows])
    return frame.reset_index(drop=True)
