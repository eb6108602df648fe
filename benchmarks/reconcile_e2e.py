"""``normalize`` and ``reconcile`` end to end on realistic claims tables.

For each size the table comes from :func:`_realistic.realistic_table` (seeded;
100,000 measures at 1M rows, flow and level, windows of random lengths, every
bound kind, re-mentions by other outlets, corrections, a few contradictions).
Each size runs in fresh subprocesses so that peak memory (``ru_maxrss``) is that
of one step:

1. generate the loose table and time ``claimrec.normalize`` on it; the canonical
   frame is pickled to a scratch folder;
2. load the canonical frame, time the *floor* — what any engine must do over the
   same columns: factorize the group keys, turn the day columns into numbers, one
   ``np.lexsort``, one pass for the group boundaries (running maximum of ends) and
   per-group reductions (count, tightest bounds) — then time ``claimrec.reconcile``
   on the frame, and report the ratio.

The parent prints wall times, peak memory, the ratio to the floor and the growth
between consecutive sizes (time ratio against the n and n·log n ratios).

    python benchmarks/reconcile_e2e.py [--sizes 10000 100000 1000000] [--seed 0]
        [--group-size 10000] [--scratch DIR] [--repeat 1]

``--group-size`` builds measures of that many claims instead of ten. The
scratch folder defaults to a temporary one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024  # Linux: KiB


def _child_normalize(size: int, seed: int, group_size: int | None, out: Path) -> dict[str, object]:
    import pandas as pd

    sys.path.insert(0, str(HERE))
    from _realistic import realistic_table

    import claimrec

    began = time.perf_counter()
    loose = realistic_table(size, seed=seed, group_size=group_size)
    generated = time.perf_counter() - began
    claimrec.parse_value("1")  # pint's registry and the lexicon, loaded outside the timing
    began = time.perf_counter()
    canonical = claimrec.normalize(loose, errors="coerce")
    took = time.perf_counter() - began
    pd.to_pickle(canonical, out)
    failed = int(canonical["error"].notna().sum()) if "error" in canonical.columns else 0
    return {
        "rows": len(loose),
        "generate_s": generated,
        "normalize_s": took,
        "unread": failed,
        "peak_rss": _peak_rss_bytes(),
    }


def _ordinals(column: object) -> object:
    """Day numbers of a column of dates (each distinct date converted once); -1 if none."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(column)  # type: ignore[call-overload]
    days = np.fromiter((d.toordinal() for d in uniques), dtype=np.int64, count=len(uniques))
    return np.where(codes >= 0, days[np.maximum(codes, 0)], -1)


def floor(canonical: object) -> int:  # the number of groups
    """Factorize keys, days as numbers, one lexsort, one pass, per-group reductions."""
    import numpy as np
    import pandas as pd

    df = canonical
    assert isinstance(df, pd.DataFrame)
    key = pd.factorize(
        df["measure"].astype(object) + "\x1f" + df["measure_kind"].astype(object)
        + "\x1f" + df["unit"].astype(object)
    )[0]  # fmt: skip
    start = _ordinals(df["start_earliest"])
    end = _ordinals(df["end_latest"])
    low = df["low"].to_numpy(dtype=np.float64)
    high = df["high"].to_numpy(dtype=np.float64)
    order = np.lexsort((start, key))
    k, s, e = key[order], start[order], end[order]  # type: ignore[index]
    new = np.empty(len(k), dtype=bool)
    new[:1] = True
    new[1:] = k[1:] != k[:-1]
    running = np.maximum.accumulate(e + k.astype(np.int64) * 10**7)
    new[1:] |= s[1:] > running[:-1] - k[1:].astype(np.int64) * 10**7
    firsts = np.flatnonzero(new)
    counts = np.diff(np.append(firsts, len(k)))
    tightest_low = np.maximum.reduceat(low[order], firsts)
    tightest_high = np.minimum.reduceat(high[order], firsts)
    assert counts.size == tightest_low.size == tightest_high.size
    return int(counts.size)


def _child_reconcile(path: Path, repeat: int) -> dict[str, object]:
    import gc

    import pandas as pd

    import claimrec

    canonical = pd.read_pickle(path)
    if "error" in canonical.columns:
        canonical = canonical[canonical["error"].isna()].drop(columns=["error"])
    claimrec.parse_value("1")
    baseline = _peak_rss_bytes()
    floor_best = math.inf
    floor_cpu = math.inf
    for _ in range(3):
        began, began_cpu = time.perf_counter(), time.process_time()
        groups_floor = floor(canonical)
        floor_best = min(floor_best, time.perf_counter() - began)
        floor_cpu = min(floor_cpu, time.process_time() - began_cpu)
    best = math.inf
    best_cpu = math.inf
    report = None
    for _ in range(repeat):
        report = None
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        report = claimrec.reconcile(canonical)
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - began_cpu)
    assert report is not None
    began = time.perf_counter()
    summary = report.summary()
    summary_s = time.perf_counter() - began
    peak = _peak_rss_bytes()
    began = time.perf_counter()
    claims_rows = len(report.claims)
    claims_s = time.perf_counter() - began
    began = time.perf_counter()
    pairs = len(report.pairs)
    reasons = int(report.pairs["reason"].str.len().sum()) if pairs else 0
    pairs_s = time.perf_counter() - began
    verdicts = report.groups["verdict"].value_counts().to_dict()
    kinds = report.corrections["type"].value_counts().to_dict()
    return {
        "claims": len(canonical),
        "floor_s": floor_best,
        "floor_cpu_s": floor_cpu,
        "reconcile_cpu_s": best_cpu,
        "claims_frame_s": claims_s,
        "claims_rows": claims_rows,
        "floor_groups": groups_floor,
        "reconcile_s": best,
        "summary_s": summary_s,
        "summary_lines": len(summary.splitlines()),
        "pairs_with_reasons_s": pairs_s,
        "reason_chars": reasons,
        "baseline_rss": baseline,
        "peak_rss": peak,
        "groups": len(report.groups),
        "verdicts": {str(k): int(v) for k, v in verdicts.items()},
        "pairs": pairs,
        "conflicts": len(report.conflicts),
        "corrections": {str(k): int(v) for k, v in kinds.items()},
    }


def _run_child(args: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _gb(n: object) -> str:
    return f"{float(n) / 1e9:.2f} GB"  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--group-size", type=int, default=None)
    parser.add_argument("--scratch", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=1, help="reconcile runs per size (best)")
    parser.add_argument("--child", choices=["normalize", "reconcile"], default=None)
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--path", type=Path, default=None)
    args = parser.parse_args()
    if args.child == "normalize":
        print(json.dumps(_child_normalize(args.size, args.seed, args.group_size, args.path)))
        return
    if args.child == "reconcile":
        print(json.dumps(_child_reconcile(args.path, args.repeat)))
        return

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    shape = f"measures of {args.group_size} claims" if args.group_size else "10 claims/measure"
    print(f"realistic tables, seed {args.seed}, {shape}")
    results: list[tuple[int, dict[str, object], dict[str, object]]] = []
    with tempfile.TemporaryDirectory(dir=args.scratch) as scratch:
        for size in args.sizes:
            path = Path(scratch) / f"canonical-{size}.pkl"
            common = ["--size", str(size), "--seed", str(args.seed), "--path", str(path)]
            if args.group_size:
                common += ["--group-size", str(args.group_size)]
            norm = _run_child(["--child", "normalize", *common])
            rec = _run_child(["--child", "reconcile", "--repeat", str(args.repeat), *common])
            path.unlink()
            results.append((size, norm, rec))
            print(
                f"\n{size:,} rows ({rec['claims']:,} read, {norm['unread']} unread):"
                f"\n  normalize  {norm['normalize_s']:8.2f} s   peak {_gb(norm['peak_rss'])}"
                f"\n  reconcile  {rec['reconcile_s']:8.2f} s   (cpu {rec['reconcile_cpu_s']:.2f} s)"
                f"   peak {_gb(rec['peak_rss'])} (input frame loaded: {_gb(rec['baseline_rss'])})"
                f"\n  floor      {rec['floor_s']:8.3f} s   (cpu {rec['floor_cpu_s']:.3f} s)"
                f"   reconcile / floor = "
                f"{float(rec['reconcile_s']) / float(rec['floor_s']):.1f}x"  # type: ignore[arg-type]
                f"\n  then: summary {rec['summary_s']:.2f} s ({rec['summary_lines']} lines), "
                f"claims frame {rec['claims_frame_s']:.2f} s ({rec['claims_rows']:,} rows), "
                f"pairs with reasons {rec['pairs_with_reasons_s']:.2f} s"
                f"\n  {rec['groups']:,} groups {rec['verdicts']}, {rec['pairs']:,} pairs, "
                f"{rec['conflicts']:,} conflicts, corrections {rec['corrections']}",
                flush=True,
            )
    if len(results) > 1:
        print("\ngrowth between sizes (wall time ratio, cpu in brackets; n ratio; n log n ratio):")
        for (n1, norm1, rec1), (n2, norm2, rec2) in itertools.pairwise(results):
            nr = n2 / n1
            nl = n2 * math.log(n2) / (n1 * math.log(n1))
            rr = float(rec2["reconcile_s"]) / float(rec1["reconcile_s"])  # type: ignore[arg-type]
            rc = float(rec2["reconcile_cpu_s"]) / float(rec1["reconcile_cpu_s"])  # type: ignore[arg-type]
            ff = float(rec2["floor_s"]) / float(rec1["floor_s"])  # type: ignore[arg-type]
            no = float(norm2["normalize_s"]) / float(norm1["normalize_s"])  # type: ignore[arg-type]
            print(
                f"  {n1:,} -> {n2:,}: reconcile {rr:.1f}x (cpu {rc:.1f}x), floor {ff:.1f}x, "
                f"normalize {no:.1f}x; n {nr:.1f}x, n log n {nl:.1f}x"
            )


if __name__ == "__main__":
    main()
