"""Reconciliation kernels against the peers a user would pick instead.

* Grouping: ``claimrec.grouping.group_windows`` vs ``bioframe.cluster`` given
  its best configuration (every window on one chromosome, the key encoded in
  the coordinates, so that bioframe makes one pass instead of one per key),
  vs a plain pandas sort plus a running maximum of ends per key, and vs a bare
  ``np.lexsort`` of the same keys (the floor).
* Feasibility: ``claimrec.constraints.is_feasible`` vs
  ``scipy.optimize.linprog(method="highs")`` on the same systems, over the
  families reporters produce (random windows; two reporters' rolling yearly
  totals, one giving lower and one upper bounds; four reporters' rolling
  windows of four lengths; nested windows; a long single-reporter series of
  daily counts and running totals) and with contradictions injected, at
  several sizes up to 10,000 constraints. Both tools are timed the same way:
  the same number of runs, interleaved (claimrec, linprog, claimrec, …),
  the best kept for each; each time includes building the tool's input from the arrays
  (claimrec's graph, linprog's sparse matrix). The ratio and the growth
  exponent between sizes (log t₂/t₁ ÷ log m₂/m₁: 1 is linear) are printed.
  ``find_conflicts`` and ``implied_ranges`` are timed too.
* Start-up (importing the tool and its first call, in a fresh interpreter) is
  reported separately for every tool and excluded from the tables.

Run: ``python benchmarks/reconcile.py [--repeats 3] [--sizes 1000,3000,10000]``
(needs the ``bench`` extra). ``--skip-grouping`` leaves out the 1M-window part.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
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
    implied_ranges,
    is_feasible,
)
from claimrec.grouping import group_windows

YEARS = 10
DAYS = 365 * YEARS
SEED = 20250524


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    result = run()
    return time.perf_counter() - began, result


def interleaved(repeats: int, runs: dict[str, Callable[[], Any]]) -> dict[str, tuple[float, Any]]:
    """Best (shortest) time and last result of each run, the runs taking turns: every
    tool gets the same number of runs and is kept at its best."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, Any] = {}
    for _ in range(repeats):
        for name, run in runs.items():
            took, results[name] = timed(run)
            times[name].append(took)
    return {name: (min(times[name]), results[name]) for name in runs}


def growth(sizes: list[int], times: list[float]) -> str:
    steps = [
        math.log(times[i + 1] / times[i]) / math.log(sizes[i + 1] / sizes[i])
        for i in range(len(sizes) - 1)
        if times[i] > 0 and times[i + 1] > 0
    ]
    return " → ".join(f"{s:.2f}" for s in steps)


def startup(code: str) -> float:
    """Seconds a fresh interpreter spends in ``code`` (imports and a first call)."""
    script = f"import time\nbegan = time.perf_counter()\n{code}\nprint(time.perf_counter() - began)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


# --- grouping ----------------------------------------------------------------------


def windows(rng: np.random.Generator, n: int, n_keys: int) -> tuple[np.ndarray, ...]:
    keys = rng.integers(0, n_keys, n)
    starts = rng.integers(0, DAYS, n)
    # Lengths from one day to years: log-uniform.
    lengths = np.exp(rng.uniform(0, np.log(3 * 365), n)).astype(np.int64) - 1
    return keys, starts, starts + lengths


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = int(np.unique(np.stack([a, b]), axis=1).shape[1])
    return pairs == int(np.unique(a).size) == int(np.unique(b).size)


def bioframe_one_chromosome(keys: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """bioframe's best configuration: one chromosome, each key in its own stretch
    of coordinates (far enough apart that windows of two keys never touch),
    half-open intervals (end + 1) so that ``min_dist=0`` joins touching ones."""
    stride = int(ends.max() - starts.min()) + 10
    offset = keys * stride - int(starts.min())
    frame = pd.DataFrame(
        {"chrom": "all", "start": starts + offset, "end": ends + 1 + offset}, copy=False
    )
    return bioframe.cluster(frame, min_dist=0)["cluster"].to_numpy()


def pandas_running_max(keys: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """What a pandas user writes: sort, running maximum of ends per key, a new
    group where a window starts more than a day after every earlier one."""
    frame = pd.DataFrame({"key": keys, "start": starts, "end": ends}, copy=False)
    frame = frame.sort_values(["key", "start"], kind="stable")
    reach = frame.groupby("key", sort=False)["end"].cummax()
    new_key = frame["key"].ne(frame["key"].shift())
    new_group = new_key | frame["start"].gt(reach.shift() + 1)
    groups = new_group.cumsum().to_numpy() - 1
    result = np.empty(len(frame), dtype=np.int64)
    result[frame.index.to_numpy()] = groups
    return result


def bench_grouping(rng: np.random.Generator, repeats: int) -> list[tuple[str, str, str]]:
    n, n_keys = 1_000_000, 100_000
    keys, starts, ends = windows(rng, n, n_keys)
    measured = interleaved(
        repeats,
        {
            "claimrec": lambda: group_windows(keys, starts, ends),
            "bioframe": lambda: bioframe_one_chromosome(keys, starts, ends),
            "pandas": lambda: pandas_running_max(keys, starts, ends),
            "lexsort": lambda: np.lexsort((starts, keys)),
        },
    )
    ours_time, ours = measured["claimrec"]
    rows = [
        (f"group_windows, {n:,} windows / {n_keys:,} keys", f"{ours_time * 1e3:.0f} ms",
         f"{np.unique(ours).size:,} groups"),
    ]  # fmt: skip
    for name, label in (
        ("bioframe", "bioframe.cluster(min_dist=0), one chromosome, keys encoded"),
        ("pandas", "pandas sort_values + groupby cummax"),
        ("lexsort", "np.lexsort((starts, keys)) alone (floor)"),
    ):
        took, result = measured[name]
        note = f"{took / ours_time:.2f}× claimrec's time"
        if name != "lexsort":
            note += f"; same partition: {same_partition(ours, result)}"
        rows.append((label, f"{took * 1e3:.0f} ms", note))
    return rows


# --- constraint systems --------------------------------------------------------------


def hidden_series(rng: np.random.Generator, days: int) -> np.ndarray:
    """S(0..days): a daily count whose rate drifts (1 to 6 a day)."""
    rate = 3.5 + 2.5 * np.sin(np.linspace(0, 6 * np.pi, days))
    return np.concatenate([[0], np.cumsum(rng.poisson(rate))])


def figures(
    rng: np.random.Generator, count: np.ndarray, kind: np.ndarray, slack: int
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds true of ``count``: kind 0 exact, 1 at least, 2 at most, 3 a range,
    4 about (±10%), with up to ``slack`` units of slack."""
    count = count.astype(np.float64)
    low = count - rng.integers(0, slack + 1, count.size)
    high = count + rng.integers(0, slack + 1, count.size)
    lower = np.where(np.isin(kind, [1, 3]), low, -np.inf)
    upper = np.where(np.isin(kind, [2, 3]), high, np.inf)
    lower = np.where(kind == 0, count, lower)
    upper = np.where(kind == 0, count, upper)
    lower = np.where(kind == 4, np.floor(count * 0.9), lower)
    upper = np.where(kind == 4, np.ceil(count * 1.1), upper)
    return lower, upper


def system_of(
    rng: np.random.Generator,
    series: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    kind: np.ndarray,
    slack: int,
) -> FlowSystem:
    lower, upper = figures(rng, series[stop] - series[start], kind, slack)
    return flow_system(start, stop, lower, upper)


def random_family(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """Windows anywhere in 10 years (log-uniform lengths, 10% running totals),
    every kind, slack up to 30."""
    series = hidden_series(rng, DAYS)
    start = rng.integers(0, DAYS, m)
    length = np.minimum(np.exp(rng.uniform(0, np.log(3 * 365), m)).astype(np.int64), DAYS - start)
    start[rng.random(m) < 0.1] = 0
    stop = start + np.maximum(length, 1)
    return system_of(rng, series, start, stop, rng.integers(0, 5, m), 30), series


def rolling_two_family(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """Two outlets publish a rolling 365-day total every day, up to the same
    day: one counts from a day earlier and says "at least", the other "at
    most". Bellman–Ford by rounds needs about as many rounds as the window
    has days here."""
    per = m // 2
    width = 365
    series = hidden_series(rng, per + width + 1)
    end = np.arange(per) + width + 1
    start = np.concatenate([end - width - 1, end - width])
    stop = np.concatenate([end, end])
    kind = np.concatenate([np.full(per, 1), np.full(per, 2)])
    return system_of(rng, series, start, stop, kind, 0), series


def rolling_four_family(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """Four reporters, each a daily rolling window of its own length (7, 30,
    90, 365 days) and kind (at least, at most, exact, range)."""
    per = m // 4
    widths = (7, 30, 90, 365)
    series = hidden_series(rng, per + max(widths) + 1)
    end = np.arange(per) + max(widths) + 1
    start = np.concatenate([end - w for w in widths])
    stop = np.tile(end, len(widths))
    kind = np.repeat([1, 2, 0, 3], per)
    return system_of(rng, series, start, stop, kind, 3), series


def nested_family(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """Windows that all end on the same day and start one day further back
    each; two reporters take turns, one "at least", the other "at most"."""
    series = hidden_series(rng, m + 1)
    start = m - np.arange(1, m + 1)
    stop = np.full(m, m)
    kind = np.where(np.arange(m) % 2 == 0, 1, 2)
    return system_of(rng, series, start, stop, kind, 2), series


def series_family(rng: np.random.Generator, m: int) -> tuple[FlowSystem, np.ndarray]:
    """One reporter's long series: the exact count of every day and a running
    total since the start ("at least") every day."""
    days = m // 2
    series = hidden_series(rng, days)
    day = np.arange(days)
    start = np.concatenate([day, np.zeros(days, dtype=np.int64)])
    stop = np.concatenate([day + 1, day + 1])
    kind = np.concatenate([np.zeros(days, dtype=np.int64), np.ones(days, dtype=np.int64)])
    return system_of(rng, series, start, stop, kind, 2), series


def contradicted(
    system: FlowSystem, series: np.ndarray, rng: np.random.Generator, count: int
) -> FlowSystem:
    """Replace ``2·count`` claims by ``count`` contradictions: at least the true
    count on a window, and 5 fewer at most on a window that contains it."""
    days = series.size - 1
    start, stop = system.start.copy(), system.stop.copy()
    lower, upper = system.lower.copy(), system.upper.copy()
    picked = rng.choice(len(system), 2 * count, replace=False)
    for i, j in picked.reshape(-1, 2):
        a = int(rng.integers(1, days - 30))
        b = min(days, a + int(rng.integers(30, 400)))
        wide_a, wide_b = a - int(rng.integers(0, a)), b + int(rng.integers(0, days - b + 1))
        true = float(series[b] - series[a])
        start[i], stop[i], lower[i], upper[i] = a, b, true, np.inf
        start[j], stop[j], lower[j], upper[j] = wide_a, max(wide_b, b), -np.inf, true - 5
    return flow_system(start, stop, lower, upper)


FAMILIES: dict[str, Callable[[np.random.Generator, int], tuple[FlowSystem, np.ndarray]]] = {
    "random windows": random_family,
    "two reporters, rolling years": rolling_two_family,
    "four reporters, rolling 7-365 days": rolling_four_family,
    "nested windows, two reporters": nested_family,
    "one reporter: daily counts + totals": series_family,
}


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


def bench_feasibility(
    rng: np.random.Generator, sizes: list[int], repeats: int
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Rows of the feasibility table and of the conflicts / implied-bounds table."""
    rows: list[tuple[str, ...]] = []
    extra: list[tuple[str, ...]] = []
    for family, make in FAMILIES.items():
        for label in ("feasible", "10 contradictions"):
            ours_times, lp_times = [], []
            for m in sizes:
                system, series = make(rng, m)
                if label != "feasible":
                    system = contradicted(system, series, rng, 10)
                measured = interleaved(
                    repeats,
                    {
                        "claimrec": lambda s=system: is_feasible(s),
                        "linprog": lambda s=system: lp_feasible(s),
                    },
                )
                (ours, answer), (theirs, lp_answer) = measured["claimrec"], measured["linprog"]
                ours_times.append(ours)
                lp_times.append(theirs)
                rows.append(
                    (family, label, f"{m:,}", f"{ours * 1e3:.1f}", f"{theirs * 1e3:.0f}",
                     f"{theirs / ours:.0f}×", "yes" if answer == lp_answer else "NO")
                )  # fmt: skip
                if m != sizes[-1]:
                    continue
                if label == "feasible":
                    ends = np.unique(system.stop)
                    took, implied = timed(
                        lambda s=system, e=ends: implied_ranges(s, np.zeros(e.size, int), e)
                    )
                    truth = int(series[int(ends[-1])])
                    contains = implied[-1].lower <= truth <= implied[-1].upper
                    extra.append(
                        (family, f"implied_ranges from day 0 to each of {ends.size:,} ends",
                         f"{took * 1e3:.0f}", f"last range contains the hidden total: {contains}")
                    )  # fmt: skip
                else:
                    took, conflicts = timed(lambda s=system: find_conflicts(s, limit=100))
                    sizes_found = sorted(len(c.members) for c in conflicts)
                    extra.append(
                        (family, "find_conflicts(limit=100), 10 contradictions",
                         f"{took * 1e3:.0f}",
                         f"{len(conflicts)} disjoint minimal conflicts, sizes {sizes_found}")
                    )  # fmt: skip
            ours_growth, lp_growth = growth(sizes, ours_times), growth(sizes, lp_times)
            rows.append((family, label, "growth", ours_growth, lp_growth, "", ""))
    return rows, extra


STARTUP = (
    (
        "claimrec.constraints + is_feasible",
        "from claimrec.constraints import flow_system, is_feasible\n"
        "is_feasible(flow_system([0, 0], [5, 5], [3, -1e300], [1e300, 2]))",
    ),
    (
        "scipy.optimize + linprog(highs)",
        "from scipy.optimize import linprog\n"
        "linprog([0, 0], A_ub=[[1, -1]], b_ub=[0], bounds=(None, None), method='highs')",
    ),
    (
        "claimrec.grouping + group_windows",
        "from claimrec.grouping import group_windows\ngroup_windows([0], [0], [1])",
    ),
    (
        "bioframe + cluster",
        "import bioframe, pandas as pd\n"
        "bioframe.cluster(pd.DataFrame({'chrom': ['a'], 'start': [0], 'end': [1]}))",
    ),
)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--skip-grouping", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = np.random.default_rng(SEED)
    print(
        f"cores: {os.cpu_count()}, {platform.machine()} | python {sys.version.split()[0]}, "
        f"numpy {np.__version__}, pandas {pd.__version__}, bioframe {bioframe.__version__}, "
        f"scipy {scipy.__version__} | load average {os.getloadavg()[0]:.1f}"
    )
    print(f"times: best of {args.repeats} interleaved runs of each tool\n")
    print("Start-up (fresh interpreter: import, then a first call on a tiny input)")
    print(table(("tool", "seconds"), [(name, f"{startup(code):.2f}") for name, code in STARTUP]))
    if not args.skip_grouping:
        print("\nGrouping")
        print(table(("what", "time", "notes"), bench_grouping(rng, args.repeats)))
    rows, extra = bench_feasibility(rng, sizes, args.repeats)
    print("\nFeasibility (ms; growth: exponent between consecutive sizes, 1 = linear)")
    header = ("family", "system", "constraints", "is_feasible", "linprog", "speed-up", "same")
    print(table(header, rows))
    print(f"\nConflicts and implied bounds at {sizes[-1]:,} constraints (ms)")
    print(table(("family", "what", "time", "result"), extra))


if __name__ == "__main__":
    main()
