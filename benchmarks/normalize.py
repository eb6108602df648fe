"""Rows per second for ``claimrec.normalize`` on a large generated claims table.

The table repeats strings the way real claim tables do: a few thousand distinct
figures, a few hundred windows, measures and reporters over a million rows.
Each distinct string is read once; the benchmark shows what that buys by also
timing a per-row loop of ``claimrec.claim`` on a sample.

    python benchmarks/normalize.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import random
import time

import numpy as np
import pandas as pd

import claimrec

QUALIFIERS = ["", "at least ", "over ", "up to ", "around ", "nearly ", "fewer than ", "some "]
WINDOWS = [
    "since 2022 as of Nov. 6",
    "over the past year",
    "in 2024 alone",
    "last month",
    "in February",
    "since the beginning of the full-scale invasion",
    "between March and May 2023",
    "Q3 2024",
    "last week",
    "",
]
MEASURES = [
    "executions of Ukrainian POWs",
    "Ukrainians listed as missing",
    "civilians killed in {place}",
    "POWs returned in exchanges",
    "drone strikes on {place}",
]
PLACES = [f"Oblast {i}" for i in range(60)]
REPORTERS = [
    "HUR",
    "Amnesty International",
    "OHCHR",
    "Prosecutor General's Office",
    "ACLED",
    "UNHCR",
    "Ukrainian Red Cross",
    "Some Local Monitor {i}",
]
PUBLISHED = [f"2025-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 8, 15, 22)] + [
    "2025",
    "2024",
]


def make_table(rows: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    figures = [
        f"{rng.choice(QUALIFIERS)}{rng.choice([rng.randint(2, 999), rng.randint(1, 99) * 1000])}"
        for _ in range(3000)
    ]
    measures = [m.format(place=p) for m in MEASURES for p in PLACES[:20]]
    reporters = [r.format(i=i) for r in REPORTERS for i in range(20)]
    pick = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "value": np.array(figures, dtype=object)[pick.integers(0, len(figures), rows)],
            "measure": np.array(measures, dtype=object)[pick.integers(0, len(measures), rows)],
            "window": np.array(WINDOWS, dtype=object)[pick.integers(0, len(WINDOWS), rows)],
            "published": np.array(PUBLISHED, dtype=object)[pick.integers(0, len(PUBLISHED), rows)],
            "reporter": np.array(reporters, dtype=object)[pick.integers(0, len(reporters), rows)],
            "via": np.array(["Kyiv Independent", "Ukrinform", "DW", "RT"], dtype=object)[
                pick.integers(0, 4, rows)
            ],
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--loop-sample", type=int, default=20_000)
    args = parser.parse_args()

    table = make_table(args.rows)
    distinct = {c: table[c].nunique() for c in table.columns}
    print(f"python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}")
    print(f"{args.rows:,} rows; distinct: " + ", ".join(f"{k} {v:,}" for k, v in distinct.items()))

    started = time.perf_counter()
    out = claimrec.normalize(table, errors="coerce")
    normalize_seconds = time.perf_counter() - started
    failed = int(out["error"].notna().sum())

    sample = table.head(args.loop_sample)
    started = time.perf_counter()
    for row in sample.itertuples(index=False):
        with contextlib.suppress(claimrec.ClaimrecError):
            claimrec.claim(
                row.value,
                measure=row.measure,
                window=row.window or None,
                published=row.published,
                reporter=row.reporter,
                via=row.via,
            )
    loop_seconds = (time.perf_counter() - started) / len(sample) * args.rows

    print()
    print("| method | rows | seconds | rows/s |")
    print("|---|---:|---:|---:|")
    print(
        f"| `normalize` (columnar, each distinct string read once) | {args.rows:,} | "
        f"{normalize_seconds:.2f} | {args.rows / normalize_seconds:,.0f} |"
    )
    print(
        f"| `claim()` per row in a Python loop (extrapolated from {len(sample):,}) | "
        f"{args.rows:,} | {loop_seconds:.2f} | {args.rows / loop_seconds:,.0f} |"
    )
    print(f"\nrows failed (kept with an error): {failed:,}")


if __name__ == "__main__":
    main()
