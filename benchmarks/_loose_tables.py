"""A seeded generator of loose claims tables of realistic shape, for the benchmarks.

``loose_table(rows, seed=...)`` returns a table like the ones people assemble from
many articles: about one measure per ten rows (flow and level, a share of them in
a unit other than a count), figures of every bound kind written the ways
reporters write them, windows given as text relative to the publication date, as
explicit start and end dates of random lengths, or not at all (standing as of
publication), and re-mentions: a figure of one reporter relayed by other outlets
on other days. At a million rows it holds several hundred thousand distinct
(window, start, end, published) combinations, so a reader that parses each
distinct combination once still has real work to do.

Everything is drawn from one ``numpy`` generator, so a seed gives the same table.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

__all__ = ["loose_table"]

_QUALIFIERS = (
    "", "", "", "at least ", "more than ", "over ", "up to ", "fewer than ", "about ",
    "around ", "nearly ", "some ", "an estimated ", "no more than ", "just over ",
)  # fmt: skip
_NOUNS = (
    "civilians killed", "people displaced", "homes destroyed", "schools damaged",
    "prisoners of war returned", "drone strikes", "people detained", "journalists killed",
    "hospitals attacked", "children evacuated", "refugees registered", "wildfires recorded",
    "hectares burned", "cases of cholera", "people missing", "migrants rescued",
    "executions of prisoners", "power outages", "bridges destroyed", "aid convoys blocked",
    "households without water", "landmine casualties", "shelters opened", "flights cancelled",
    "protesters arrested",
)  # fmt: skip
_SYLLABLES = ("var", "nol", "kes", "dra", "mir", "tov", "lun", "zhe", "pol", "rat", "sen", "ost")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_RELATIVE = (
    "last week", "last month", "over the past year", "so far this year", "in the past month",
    "this week", "over the past six months", "since the start of the year",
)  # fmt: skip
_REPORTERS = (
    "OHCHR", "UNHCR", "Amnesty International", "Human Rights Watch", "ACLED", "WHO",
    "the Red Cross", "the Interior Ministry", "the regional governor", "local officials",
)  # fmt: skip
_OUTLETS = ("Reuters", "AP", "AFP", "BBC", "DW", "Kyiv Independent", "Ukrinform", "Al Jazeera")
_EPOCH = date(2022, 1, 1)
_DAYS = 4 * 365


def _places(rng: np.random.Generator, count: int) -> list[str]:
    picks = rng.integers(0, len(_SYLLABLES), size=(count, 3))
    names = {"".join(_SYLLABLES[i] for i in row).capitalize() for row in picks.tolist()}
    return sorted(names)


def _figures(rng: np.random.Generator, count: int) -> list[str]:
    magnitudes = rng.choice([10, 100, 1_000, 10_000, 100_000, 1_000_000], size=count)
    numbers = (rng.random(count) * magnitudes * 9 + magnitudes / 10).astype(np.int64)
    qualifiers = rng.integers(0, len(_QUALIFIERS), size=count)
    styles = rng.integers(0, 10, size=count)
    out: list[str] = []
    for n, q, style in zip(numbers.tolist(), qualifiers.tolist(), styles.tolist(), strict=True):
        qualifier = _QUALIFIERS[q]
        if style == 0 and n >= 1_000_000:
            out.append(f"{qualifier}{n / 1e6:.1f} million")
        elif style == 1:
            out.append(f"between {n:,} and {n + n // 5 + 1:,}")
        elif style == 2:
            out.append(f"{n}-{n + n // 10 + 1}")
        elif style == 3:
            out.append(f"{qualifier}{n}")
        elif style == 4 and n >= 1000:
            out.append(f"{qualifier}{round(n, -3):,}")
        else:
            out.append(f"{qualifier}{n:,}")
    return out


def _window_texts(start: np.ndarray, end: np.ndarray, style: np.ndarray) -> list[str]:
    """Window texts a reporter would write for the days ``start``..``end`` (offsets from
    the epoch, never after publication): relative phrases, since-a-month, a month,
    a span of months, since-a-year."""
    out: list[str] = []
    for first, last, kind in zip(start.tolist(), end.tolist(), style.tolist(), strict=True):
        a = _EPOCH + timedelta(days=first)
        b = _EPOCH + timedelta(days=last)
        if kind == 0:
            out.append(_RELATIVE[(first + last) % len(_RELATIVE)])
        elif kind == 1:
            out.append(f"since {_MONTHS[a.month - 1]} {a.year}")
        elif kind == 2:
            out.append(f"in {_MONTHS[a.month - 1]} {a.year}")
        elif kind == 3 and a.year == b.year and a.month < b.month:
            out.append(f"between {_MONTHS[a.month - 1]} and {_MONTHS[b.month - 1]} {b.year}")
        else:
            out.append(f"since {a.year}")
    return out


def loose_table(rows: int, *, seed: int = 15) -> pd.DataFrame:
    """A loose claims table of ``rows`` rows (see the module docstring)."""
    rng = np.random.default_rng(seed)
    places = _places(rng, 1200)
    measure_count = max(1, rows // 10)
    noun_of = rng.integers(0, len(_NOUNS), size=measure_count)
    place_of = rng.integers(0, len(places), size=measure_count)
    district_of = rng.integers(1, 100, size=measure_count)
    measures = sorted(
        {
            f"{_NOUNS[n]} in {places[p]} district {d}"
            for n, p, d in zip(
                noun_of.tolist(), place_of.tolist(), district_of.tolist(), strict=True
            )
        }
    )
    figures = _figures(rng, max(1, rows // 3))
    reporters = list(_REPORTERS) + [f"the {p} monitoring group" for p in places[:400]]

    # An original claim per ~1.5 rows; the other rows re-mention one of them.
    originals = max(1, (rows * 2) // 3)
    measure = rng.integers(0, len(measures), size=originals)
    figure = rng.integers(0, len(figures), size=originals)
    reporter = rng.integers(0, len(reporters), size=originals)
    published_day = rng.integers(0, _DAYS, size=originals)
    style = rng.choice(3, size=originals, p=[0.35, 0.4, 0.25])  # text, dates, none
    start_day = published_day - rng.integers(1, 400, size=originals)
    end_day = np.minimum(published_day, start_day + rng.integers(0, 400, size=originals))
    texts = np.asarray(
        _window_texts(start_day, end_day, rng.integers(0, 5, size=originals)), dtype=object
    )

    mention = np.concatenate(
        [np.arange(originals), rng.integers(0, originals, size=rows - originals)]
    )[:rows]
    relayed_later = np.where(np.arange(rows) < originals, 0, rng.integers(0, 30, size=rows))
    outlet = rng.integers(0, len(_OUTLETS), size=rows)

    def day(offsets: np.ndarray) -> np.ndarray:
        base = np.datetime64(_EPOCH.isoformat(), "D")
        return np.datetime_as_string(base + offsets.astype("timedelta64[D]"), unit="D")

    row_style = style[mention]
    published = day(published_day[mention] + relayed_later)
    window = np.where(row_style == 0, texts[mention], None)
    starts = np.where(row_style == 1, day(start_day[mention]).astype(object), None)
    ends = np.where(row_style == 1, day(end_day[mention]).astype(object), None)
    kinds = np.where(
        rng.random(rows) < 0.3, None, np.where(rng.random(rows) < 0.7, "flow", "level")
    )
    units = np.where(rng.random(rows) < 0.05, "USD", None)
    documents = rng.integers(0, max(1, rows // 6), size=rows)
    return pd.DataFrame(
        {
            "value": np.asarray(figures, dtype=object)[figure[mention]],
            "unit": units.astype(object),
            "measure": np.asarray(measures, dtype=object)[measure[mention]],
            "measure_kind": kinds.astype(object),
            "window": window,
            "window_start": starts,
            "window_end": ends,
            "published": published.astype(object),
            "reporter": np.asarray(reporters, dtype=object)[reporter[mention]],
            "via": np.asarray(_OUTLETS, dtype=object)[outlet],
            "document": np.char.add("article-", documents.astype(str)).astype(object),
        }
    )


if __name__ == "__main__":  # a glance at the shape
    table = loose_table(20_000)
    print(table.head(12).to_string())
    combos = table[["window", "window_start", "window_end", "published"]].astype(str)
    print({c: table[c].nunique() for c in table.columns})
    print("distinct window/date combinations:", len(combos.drop_duplicates()))
