"""Reconcile many millions of claims on a Dask LocalCluster, within bounded memory.

    python benchmarks/dask_scale.py [--rows 10000000] [--partitions 40] [--workers 2]
        [--memory-limit 8GB] [--generator realistic|loose|MODULE:FUNCTION] [--check]

The claims table is never built in one process: each partition is generated on a
worker by a seeded generator of loose claims tables (``--generator``: the
end-to-end benchmark's ``benchmarks/_realistic.py`` when present, else
``benchmarks/_loose_tables.py``, or any ``module:function`` taking ``(rows, seed=)``
and returning a loose table), its measures renamed apart so that partitions
describe different measures, then normalized, shuffled by measure key and
reconciled partition by partition (``claimrec.reconcile`` on a Dask DataFrame).
What comes back is small (``DaskReport.sizes``): the verdict counts and the number
of pairs, conflicts, corrections and unread rows, no text written. Printed: wall
time, claims per second, the peak resident memory of each worker process and of
this one, what the workers spilled to disk, the load average during the run, and
per stage (task kind) its span and task seconds.

``--tables`` also writes every table of the report as a Dask DataFrame (texts and
all; the tables wait for every partition, whose reports the workers hold or spill
meanwhile) and counts its rows. ``--check`` (for small ``--rows``) also reconciles
the computed table in memory and checks that the two reports are equal
(``claimrec.testing.reports_equal``).
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import platform
import resource
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster, get_task_stream
from dask.utils import key_split

import claimrec

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

Generator = Callable[..., pd.DataFrame]
_TABLE_NAMES = ("groups", "pairs", "conflicts", "corrections", "claims", "unread")


def _generator(name: str) -> Generator:
    if name == "realistic" or (name == "auto" and (HERE / "_realistic.py").exists()):
        return importlib.import_module("_realistic").realistic_table
    if name in ("loose", "auto"):
        return importlib.import_module("_loose_tables").loose_table
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def _tag(number: int) -> str:
    """A word naming a partition's measures apart ("xab"): letters, so no key collides."""
    letters = ""
    while True:
        letters = chr(ord("a") + number % 26) + letters
        number //= 26
        if not number:
            return "x" + letters


def _part(make: Generator, rows: int, number: int, seed: int) -> pd.DataFrame:
    table = make(rows, seed=seed + number)
    table = table.assign(measure=table["measure"].astype(str) + f" in set {_tag(number)}")
    return table.set_axis(pd.RangeIndex(number * rows, (number + 1) * rows))


def _peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # kB on Linux


def _spilled_gb(dask_worker: Any) -> float:
    """What the worker's memory manager holds on disk now (spilled results)."""
    try:
        return float(dask_worker.data.spilled_total.disk) / 1e9
    except AttributeError:  # a worker without a spill buffer
        return 0.0


class _LoadSampler:
    """The machine's 1-minute load average, read every 10 s while the run lasts."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            self.samples.append(os.getloadavg()[0])
            self._done.wait(10)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def summary(self) -> str:
        s = self.samples or [os.getloadavg()[0]]
        return f"min {min(s):.1f}, mean {sum(s) / len(s):.1f}, max {max(s):.1f} ({len(s)} samples)"


def _stages(tasks: list[dict[str, Any]]) -> list[str]:
    """Per kind of task (its key's name): span from first start to last end, task time."""
    spans: dict[str, list[float]] = {}
    for task in tasks:
        key = task["key"]
        name = key_split(key[0] if isinstance(key, tuple) else key)
        for start_stop in task.get("startstops", ()):
            if start_stop["action"] != "compute":
                continue
            first, last, busy, count = spans.get(name, [math.inf, -math.inf, 0.0, 0])
            spans[name] = [
                min(first, start_stop["start"]),
                max(last, start_stop["stop"]),
                busy + start_stop["stop"] - start_stop["start"],
                count + 1,
            ]
    if not spans:
        return []
    origin = min(v[0] for v in spans.values())
    return [
        f"{name}: {first - origin:.0f} s to {last - origin:.0f} s, "
        f"{busy:.0f} task s in {count:.0f} tasks"
        for name, (first, last, busy, count) in sorted(spans.items(), key=lambda kv: kv[1][0])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--memory-limit", default="8GB", help="per worker")
    parser.add_argument("--generator", default="auto")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--tables", action="store_true", help="also write every table as a Dask DataFrame"
    )
    parser.add_argument("--check", action="store_true", help="compare with the in-memory report")
    args = parser.parse_args()
    make = _generator(args.generator)
    rows = args.rows // args.partitions
    total = rows * args.partitions
    print(f"python {platform.python_version()}, pandas {pd.__version__}, dask {dask.__version__}")
    print(
        f"{total:,} claims in {args.partitions} partitions of {rows:,} "
        f"({make.__module__}.{make.__name__}); {args.workers} worker process(es) x "
        f"{args.threads} thread(s), memory limit {args.memory_limit} each"
    )
    meta = _part(make, 20, 0, args.seed).iloc[:0]

    with (
        LocalCluster(
            n_workers=args.workers,
            threads_per_worker=args.threads,
            memory_limit=args.memory_limit,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        load = _LoadSampler()
        began = time.perf_counter()
        pieces = [dask.delayed(_part)(make, rows, i, args.seed) for i in range(args.partitions)]
        table = dd.from_delayed(pieces, meta=meta, verify_meta=False)
        report = claimrec.reconcile(table)
        with get_task_stream(client) as stream:
            # One small result per partition: counts and verdicts, no text written.
            (sizes,) = dask.compute(report.sizes())
            if args.tables:  # every table written (all partitions held for the numbering)
                written = dask.compute(*(getattr(report, n).shape[0] for n in _TABLE_NAMES))
                print("rows of the written tables:", dict(zip(_TABLE_NAMES, written, strict=True)))
        seconds = time.perf_counter() - began
        load.stop()
        worker_peaks = client.run(_peak_rss_gb)
        spilled = client.run(_spilled_gb)
        print()
        print("| claims | partitions | wall s | claims/s | groups | pairs | conflicts "
              "| corrections | unread | peak RSS per worker |")  # fmt: skip
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        peaks = ", ".join(f"{v:.2f} GB" for v in worker_peaks.values())
        print(
            f"| {total:,} | {args.partitions} | {seconds:.0f} | {total / seconds:,.0f} | "
            f"{sizes['groups']:,} | {sizes['pairs']:,} | {sizes['conflicts']:,} | "
            f"{sizes['corrections']:,} | {sizes['unread']:,} | {peaks} |"
        )
        print(f"\nverdicts: {sizes['verdicts']}; claim rows kept: {sizes['claims']:,}")
        print("spilled to disk at the end, per worker:",
              ", ".join(f"{v:.2f} GB" for v in spilled.values()))  # fmt: skip
        print(f"load average during the run: {load.summary()}")
        print(f"this process: peak RSS {_peak_rss_gb():.2f} GB")
        print("\nstages (from the task stream: first start to last end, and task seconds):")
        for line in _stages(stream.data):
            print("  " + line)
        if args.check:
            computed = table.compute()
            expected = claimrec.reconcile(computed)
            found = claimrec.reconcile(dd.from_pandas(computed, npartitions=args.partitions))
            from claimrec.testing import reports_equal

            print("equal to the in-memory report:", reports_equal(found.compute(), expected))


if __name__ == "__main__":
    main()
