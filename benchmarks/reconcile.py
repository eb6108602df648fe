"""Reconciliation kernels against the peers a user would pick instead.

* Grouping: ``claimrec.grouping.group_windows`` vs ``bioframe.cluster`` on the
  same windows (and a bare ``np.lexsort`` of the same keys, the floor).
* Feasibility: ``claimrec.constraints.is_feasible`` vs
  ``scipy.optimize.linprog(method="highs")`` on the same single groups of
  10,000 constraints; ``find_conflicts`` and ``implied_bounds`` timed too.

Run: ``python benchmarks/reconcile.py`` (needs the ``bench`` extra).
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import bioframe
import numpy as np
import pandas as pd
import scipy
from scipy import sparse
from scipy.optimize import linprog

from claimrec.constraints import (
    FlowSystem,
    find_conflicts,
    flow_system,
    implied_bounds,
    is_feasible,
)
from claimrec.grouping import group_windows

YEARS = 10
DAYS = 365 * YEARS
SEED = 20250524


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        began = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - began)
    return best, result


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = int(np.unique(np.stack([a, b]), axis=1).shape[1])
    return pairs == int(np.unique(a).size) == int(np.unique(b).size)


# --- grouping ----------------------------------------------------------------------


def windows(rng: np.random.Generator, n: int, n_keys: int) -> tuple[np.ndarray, ...]:
    keys = rng.integers(0, n_keys, n)
    starts = rng.integers(0, DAYS, n)
    # Lengths from one day to years: log-uniform.
    lengths = np.exp(rng.uniform(0, np.log(3 * 365), n)).astype(np.int64) - 1
    return keys, starts, starts + lengths


def bench_grouping(rng: np.random.Generator) -> list[tuple[str, str, str]]:
    n, n_keys = 1_000_000, 100_000
    keys, starts, ends = windows(rng, n, n_keys)
    ours_time, ours = best_of(3, lambda: group_windows(keys, starts, ends))
    sort_time, _ = best_of(3, lambda: np.lexsort((starts, keys)))
    frame = pd.DataFrame(
        {
            "chrom": pd.Categorical(keys.astype(str)),
            "start": starts,
            "end": ends + 1,  # half-open; min_dist=0 joins touching windows
        }
    )
    theirs_time, clustered = best_of(1, lambda: bioframe.cluster(frame, min_dist=0))
    theirs = clustered["cluster"].to_numpy()
    same = same_partition(ours, theirs)
    groups = f"{np.unique(ours).size:,} groups"
    return [
        (f"group_windows, {n:,} windows / {n_keys:,} keys", f"{ours_time * 1e3:.0f} ms", groups),
        ("bioframe.cluster(min_dist=0), same windows", f"{theirs_time * 1e3:.0f} ms",
         f"same partition: {same}"),
        ("np.lexsort((starts, keys)) alone", f"{sort_time * 1e3:.0f} ms", ""),
        ("speed-up vs bioframe / cost vs bare sort", f"{theirs_time / ours_time:.0f}×",
         f"{ours_time / sort_time:.1f}× the sort"),
    ]  # fmt: skip


# --- feasibility -------------------------------------------------------------------


def claims(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """One group of m claims, all true of a hidden daily series."""
    daily = rng.poisson(3.0, DAYS)
    series = np.concatenate([[0], np.cumsum(daily)])
    start = rng.integers(0, DAYS, m)
    length = np.minimum(np.exp(rng.uniform(0, np.log(3 * 365), m)).astype(np.int64), DAYS - start)
    open_start = rng.random(m) < 0.1
    start[open_start] = 0  # "since the beginning": the common origin
    stop = start + np.maximum(length, 1)
    count = series[stop] - series[start]
    kind = rng.integers(0, 5, m)  # exact, at least, at most, range, approximate
    slack_low = rng.integers(0, 30, m)
    slack_high = rng.integers(0, 30, m)
    lower = np.where(np.isin(kind, [1, 3]), count - slack_low, -np.inf)
    upper = np.where(np.isin(kind, [2, 3]), count + slack_high, np.inf)
    lower = np.where(kind == 0, count, lower)
    upper = np.where(kind == 0, count, upper)
    lower = np.where(kind == 4, np.floor(count * 0.9), lower)
    upper = np.where(kind == 4, np.ceil(count * 1.1), upper)
    return flow_system(start, stop, lower, upper), series


def contradicted(system: FlowSystem, series: np.ndarray, rng: np.random.Generator) -> FlowSystem:
    """Replace two claims by a contradiction: ≥ the true count on a window, and
    an upper bound 5 below it on a window that contains it."""
    a = int(rng.integers(1, DAYS // 2))
    b = a + int(rng.integers(30, 400))
    wide_a, wide_b = a - int(rng.integers(0, a)), b + int(rng.integers(0, DAYS - b))
    count = float(series[b] - series[a])
    i, j = rng.choice(len(system), 2, replace=False)
    start, stop = system.start.copy(), system.stop.copy()
    lower, upper = system.lower.copy(), system.upper.copy()
    start[i], stop[i], lower[i], upper[i] = a, b, count, np.inf
    start[j], stop[j], lower[j], upper[j] = wide_a, wide_b, -np.inf, count - 5
    return flow_system(start, stop, lower, upper)


def lp_feasible(system: FlowSystem) -> bool:
    """The same system as a linear programme over S at the node days."""
    days = np.unique(np.concatenate([system.start, system.stop]))
    a = np.searchsorted(days, system.start)
    b = np.searchsorted(days, system.stop)
    n = days.size
    has_upper = np.isfinite(system.upper)
    has_lower = np.isfinite(system.lower)
    # Rows: S(b) - S(a) <= U;  S(a) - S(b) <= -L;  S(k) - S(k+1) <= 0.
    plus = np.concatenate([b[has_upper], a[has_lower], np.arange(n - 1)])
    minus = np.concatenate([a[has_upper], b[has_lower], np.arange(1, n)])
    rows = np.arange(plus.size)
    matrix = sparse.csr_matrix(
        (
            np.concatenate([np.ones(plus.size), -np.ones(minus.size)]),
            (np.concatenate([rows, rows]), np.concatenate([plus, minus])),
        ),
        shape=(plus.size, n),
    )
    rhs = np.concatenate([system.upper[has_upper], -system.lower[has_lower], np.zeros(n - 1)])
    result = linprog(np.zeros(n), A_ub=matrix, b_ub=rhs, bounds=(None, None), method="highs")
    if result.status not in (0, 2):
        raise RuntimeError(result.message)
    return bool(result.status == 0)


def bench_feasibility(rng: np.random.Generator) -> list[tuple[str, str, str]]:
    m, cases = 10_000, 3
    rows: list[tuple[str, str, str]] = []
    ratios: list[float] = []
    for label in ("feasible", "infeasible"):
        ours_times, lp_times, answers, extra = [], [], [], []
        for _ in range(cases):
            system, series = claims(rng, m)
            if label == "infeasible":
                system = contradicted(system, series, rng)
            ours_time, ours = best_of(3, partial(is_feasible, system))
            lp_time, theirs = best_of(1, partial(lp_feasible, system))
            ours_times.append(ours_time)
            lp_times.append(lp_time)
            answers.append(f"{ours}/{theirs}")
            if label == "infeasible":
                took, conflicts = best_of(1, partial(find_conflicts, system, limit=10))
                sizes = ",".join(str(len(c.members)) for c in conflicts)
                extra.append((took, f"{len(conflicts)} conflict(s) of size {sizes}"))
            else:
                took, implied = best_of(1, partial(implied_bounds, system, 0, DAYS))
                truth = int(series[-1])
                extra.append((took, f"{implied.lower:.0f} ≤ {truth} ≤ {implied.upper:.0f}"))
        ours_ms = np.median(ours_times) * 1e3
        lp_ms = np.median(lp_times) * 1e3
        ratios.append(lp_ms / ours_ms)
        rows.append(
            (f"is_feasible, {cases} {label} groups of {m:,}", f"{ours_ms:.0f} ms",
             f"answers (claimrec/linprog): {' '.join(answers)}")
        )  # fmt: skip
        rows.append((f"linprog(highs), same {label} groups", f"{lp_ms:.0f} ms", ""))
        what = "find_conflicts(limit=10)" if label == "infeasible" else "implied_bounds, 10 years"
        detail = "; ".join(text for _, text in extra)
        rows.append((what, f"{np.median([t for t, _ in extra]) * 1e3:.0f} ms", detail))
    rows.append(
        ("speed-up vs linprog (feasible / infeasible)", " / ".join(f"{r:.0f}×" for r in ratios), "")
    )
    return rows


def main() -> None:
    rng = np.random.default_rng(SEED)
    print(
        f"cores: {os.cpu_count()}, {platform.machine()} | python {sys.version.split()[0]}, "
        f"numpy {np.__version__}, pandas {pd.__version__}, bioframe {bioframe.__version__}, "
        f"scipy {scipy.__version__}"
    )
    print("times: median over groups of the best of 3 runs (peers: 1 run)\n")
    rows = bench_grouping(rng) + bench_feasibility(rng)
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | {'time':>9} | notes |")
    print(f"|{'-' * (width + 2)}|{'-' * 11}|-------|")
    for what, took, notes in rows:
        print(f"| {what:<{width}} | {took:>9} | {notes} |")


if __name__ == "__main__":
    main()
