"""Series and consensus on generated data with a known truth.

Part 1 — running totals. A claims table shaped like state-level COVID-19 deaths:
55 series × 160 days × 2 reporters, each figure a running total "as of" a day.
The official tracker's series has known downward steps (reclassifications); a
dashboard copies it, some figures as text ("9,930"); a monitor gives lower
bounds on a few days, all true, and another a few (injected, known) 20% above
the official total of their day, which no count allows. Printed: corrections
found against the steps in the data, contradictions found against the injected
ones, pair verdicts by relative difference, wall time, peak memory, and the
length of the text summary.

Part 2 — level consensus. Departure times of flights from many sources with a
known truth: reliable sources, noisy ones, and one wrong feed that several
outlets echo (mentions of one claim) and two aggregators copy under their own
names. Printed: the share of flights where plain majority over rows, the vote
over independent sources (``consensus="vote"``) and the weighted vote
(``consensus="crh"``) find the truth.

Run: ``python benchmarks/series.py [--series 55] [--days 160] [--flights 400]``.
A file of your own can replace part 1's table: ``--table path.csv`` with columns
reporter, value, measure, window (and optionally measure_kind).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta

import pandas as pd

import claimrec

SEED = 20200301
DAY0 = date(2020, 3, 1)
OFFICIAL, DASHBOARD = "State Health Department", "University Dashboard"
MONITOR, OTHER_MONITOR = "Independent Monitor", "Another Monitor"


def _peak_gb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def deaths_table(
    series: int, days: int, rng: random.Random
) -> tuple[pd.DataFrame, set[tuple[str, str, int]], set[tuple[str, int]]]:
    """The claims table; the (reporter, measure, day) of every downward step of a
    reporter's series; the (measure, day) of every injected impossible figure (a
    monitor's lower bound 20% above the official total of that day)."""
    rows: list[dict[str, object]] = []
    steps: set[tuple[str, str, int]] = set()
    injected: set[tuple[str, int]] = set()
    for s in range(series):
        measure = f"COVID-19 deaths in state {s:02d}"
        size = rng.uniform(0.2, 5.0)
        official: list[int] = []
        total = 0
        for day in range(days):
            wave = 40 * size * (1 + (day / 40) ** 2) / (1 + (day / 60) ** 4)
            total += int(rng.expovariate(1 / max(wave, 0.1)))
            if day > 5 and total > 50 and rng.random() < 0.01:
                # A reclassification: from this day on, the count is lower.
                total -= max(1, int(total * rng.uniform(0.002, 0.03)))
            official.append(total)
        for name in (OFFICIAL, DASHBOARD):
            steps.update(
                (name, measure, d) for d in range(1, days) if official[d] < official[d - 1]
            )
            for day, figure in enumerate(official):
                # The dashboard copies the official figures, some as text ("9,930").
                cell = f"{figure:,}" if name == DASHBOARD and rng.random() < 0.3 else float(figure)
                rows.append(_row(name, cell, measure, day))
        # Monitors' lower bounds: one's below every later official figure, a few of
        # another's (injected) 20% above the official total of their day.
        for day in range(days):
            if rng.random() < 0.03:
                floor = int(0.9 * min(official[day:]))
                if floor > 0:
                    rows.append(_row(MONITOR, f"at least {floor}", measure, day))
            elif rng.random() < 0.003 and official[day] > 20:
                figure = f"at least {int(official[day] * 1.2) + 1}"
                rows.append(_row(OTHER_MONITOR, figure, measure, day))
                injected.add((measure, day))
    return pd.DataFrame(rows), steps, injected


def _row(reporter: str, value: object, measure: str, day: int) -> dict[str, object]:
    return {
        "reporter": reporter,
        "value": value,
        "measure": measure,
        "measure_kind": "flow",
        "window": f"as of {(DAY0 + timedelta(days=day)).isoformat()}",
    }


def _day(value: object) -> int:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return -1
    return (pd.Timestamp(value).date() - DAY0).days  # type: ignore[arg-type]


def part_one(args: argparse.Namespace) -> None:
    rng = random.Random(SEED)
    if args.table:
        table = pd.read_csv(args.table)
        steps: set[tuple[str, str, int]] = set()
        injected: set[tuple[str, int]] = set()
    else:
        table, steps, injected = deaths_table(args.series, args.days, rng)
    print(f"Part 1: running totals, {len(table):,} rows", flush=True)
    began = time.perf_counter()
    canonical = claimrec.normalize(table)
    read = time.perf_counter() - began
    began = time.perf_counter()
    report = claimrec.reconcile(canonical)
    took = time.perf_counter() - began
    print(f"  normalize {read:.2f} s, reconcile {took:.2f} s, peak memory {_peak_gb():.2f} GB")

    notes = getattr(report, "corrections", None)
    notes = report.revisions if notes is None else notes
    corrections = notes[notes["type"] == "correction"]
    found: Counter[tuple[str, str, int]] = Counter()
    ends = dict(zip(report.claims["claim_id"], report.claims["end_latest"], strict=False))
    for row in corrections.to_dict(orient="records"):
        # The day of the lower figure (older reports name only the claim kept).
        day = _day(row["to_day"]) if "to_day" in row else _day(ends.get(row["kept"]))
        found[(str(row["reporter"]), str(row["measure"]), day)] += 1
    wanted = Counter({(r, claimrec.measure_key(m), d): 1 for r, m, d in steps})
    exact = sum(1 for k in wanted if found.get(k) == 1)
    missed = sum(1 for k in wanted if k not in found)
    repeated = sum(1 for k in wanted if found.get(k, 0) > 1)
    extra = sum(n for k, n in found.items() if k not in wanted)
    print(
        f"  corrections: {len(steps)} downward steps in the data; found exactly once {exact}, "
        f"missed {missed}, reported more than once {repeated}, found where there is none {extra}"
    )
    conflicts = report.conflicts
    flagged: set[tuple[str, int]] = set()
    by_id = dict(zip(report.claims["claim_id"], report.claims["end_latest"], strict=False))
    owner = dict(zip(report.claims["claim_id"], report.claims["measure"], strict=False))
    for row in conflicts.to_dict(orient="records"):
        for claim_id in str(row["claims"]).split("; "):
            if claim_id in by_id:
                flagged.add((owner[claim_id], _day(by_id[claim_id])))
    hit = sum(1 for m, d in injected if (claimrec.measure_key(m), d) in flagged)
    print(
        f"  contradictions: {len(conflicts)} minimal conflict(s); injected impossible figures "
        f"{len(injected)}, flagged {hit}"
    )
    pairs = report.pairs
    if "relative_difference" in pairs.columns:
        bins = pd.cut(
            pairs["relative_difference"].astype(float),
            [-0.1, 0.0, 0.01, 0.05, 0.10, float("inf")],
            labels=["0", "≤1%", "1–5%", "5–10%", ">10%"],
        )
        table_of = pd.crosstab(bins, pairs["verdict"])
        print("  pair verdicts by relative difference of the figures:")
        for line in table_of.to_string().splitlines():
            print("    " + line)
    print(f"  groups: {report.groups['verdict'].value_counts().to_dict()}; pairs {len(pairs):,}")
    lines = report.summary().splitlines()
    print(f"  text summary: {len(lines)} lines, {len(report.summary()):,} characters")


def flights_table(flights: int, rng: random.Random) -> tuple[pd.DataFrame, dict[str, float]]:
    rows: list[dict[str, object]] = []
    truth: dict[str, float] = {}
    good = [f"Airport Board {k}" for k in range(4)]
    noisy = [f"Travel Site {k}" for k in range(3)]
    for f in range(flights):
        measure = f"departure time of flight {f:04d}"
        true = float(rng.randrange(360, 1380, 5))
        truth[claimrec.measure_key(measure)] = true

        def row(
            reporter: str, value: float, via: str | None = None, measure: str = measure
        ) -> dict[str, object]:
            return {
                "reporter": reporter,
                "value": value,
                "measure": measure,
                "measure_kind": "level",
                "window": "on 2024-05-01",
                "via": via,
            }

        for name in good:
            value = true if rng.random() < 0.7 else true + rng.choice([-10, -5, 5, 10])
            rows.append(row(name, value))
        for name in noisy:
            rows.append(row(name, true + rng.choice([-30, -15, 0, 15, 30, 45])))
        wrong = true if rng.random() < 0.3 else true + rng.choice([-20, 20, 40])
        rows.append(row("Flight Feed", wrong))
        for outlet in range(5):  # echoes: one claim, several mentions
            rows.append(row("Flight Feed", wrong, via=f"Echo Outlet {outlet}"))
        for copier in ("Aggregator One", "Aggregator Two"):  # copies under their own name
            rows.append(row(copier, wrong))
    return pd.DataFrame(rows), truth


def part_two(args: argparse.Namespace) -> None:
    rng = random.Random(SEED + 1)
    table, truth = flights_table(args.flights, rng)
    print(f"\nPart 2: level consensus, {args.flights} flights, {len(table):,} rows", flush=True)
    canonical = claimrec.normalize(table)
    majority_right = 0
    for measure, rows in canonical.groupby("measure"):
        counts = Counter(rows["stated"].astype(float))
        best = min(counts, key=lambda v: (-counts[v], v))
        majority_right += best == truth[str(measure)]
    results = {"plain majority over rows": majority_right / len(truth)}
    for method in ("vote", "crh"):
        began = time.perf_counter()
        try:
            report = claimrec.reconcile(canonical, consensus=method)  # type: ignore[arg-type]
        except TypeError:  # a claimrec without level consensus
            print(f"  {method}: not available in this claimrec")
            continue
        took = time.perf_counter() - began
        right = sum(
            float(row.get("consensus_value", "nan")) == truth[str(row["measure"])]
            for row in report.groups.to_dict(orient="records")
        )
        results[f"{method} ({took:.2f} s)"] = right / len(truth)
        if method == "crh":
            weights = report.weights.sort_values("weight", ascending=False)
            print("  CRH weights: " + ", ".join(
                f"{r} {w:.2f}" for r, w in zip(weights["reporter"], weights["weight"], strict=True)
            ))  # fmt: skip
    for name, share in results.items():
        print(f"  {name}: {share:.1%} of flights right")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=int, default=55)
    parser.add_argument("--days", type=int, default=160)
    parser.add_argument("--flights", type=int, default=400)
    parser.add_argument("--table", help="a claims CSV of your own for part 1")
    parser.add_argument("--part", choices=["1", "2", "both"], default="both")
    args = parser.parse_args(argv)
    print(f"claimrec {claimrec.__version__}, Python {sys.version.split()[0]}")
    if args.part in ("1", "both"):
        part_one(args)
    if args.part in ("2", "both"):
        part_two(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
