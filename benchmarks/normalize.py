"""Rows per second for ``claimrec.normalize`` on large claims tables of realistic variety.

    python benchmarks/normalize.py [--rows 1000000] [--table loose|realistic] [--sample 5000]

The tables are seeded and of realistic variety — many distinct figures, windows
and publication days, so a reader that reads each distinct cell once still has
real work to do:

* ``loose`` (``benchmarks/_loose_tables.py``): one measure per ten rows, figures
  of every bound kind, windows as text relative to publication, as explicit start
  and end dates of random lengths, or none, re-mentions on later days;
* ``realistic`` (``benchmarks/_realistic.py``, the end-to-end benchmark's
  generator, when present): hidden true series per measure, windows written as
  text ("as of …", "from … to …", "in March 2024", "since 2024 as of …").

Both ``normalize`` and the per-row baseline are timed in wall and CPU seconds.
The baseline is what one writes without a table reader: a loop calling
``claimrec.claim`` on each row, with every cache of readings claimrec keeps
(figures, windows, publication dates, measure keys and words, reporter keys,
units) cleared before every row, so each row is read from scratch; the lexicon
and the compiled grammars are built once, before either is timed. ``normalize``
starts from the same cold caches. The loop is timed on the first ``--sample``
rows and extrapolated. Rows/s = rows / CPU seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

import claimrec
from claimrec.read import figures, times

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loose_tables import loose_table


def _tables() -> dict[str, Callable[[int], pd.DataFrame]]:
    found: dict[str, Callable[[int], pd.DataFrame]] = {"loose": lambda n: loose_table(n, seed=15)}
    with contextlib.suppress(ImportError):
        from _realistic import realistic_table

        found["realistic"] = lambda n: realistic_table(n, seed=1)
    return found


# Every cache of readings (bounded caches keyed on input text, words or dates); the
# unbounded ones hold the lexicon, tables and compiled grammars, built once for both.
_READING_CACHES = (
    ("claimrec._text", "fold_word"),
    ("claimrec.units", "_parse_unit_text"),
    ("claimrec.measure", "_fold"),
    ("claimrec.measure", "_cached_key"),
    ("claimrec.measure", "_infer"),
    ("claimrec.reporter", "reporter_key"),
    ("claimrec.read.fields", "_as_of"),
)


def _clear() -> None:
    """Forget every cached reading (figures, windows, dates, measure keys, reporters)."""
    figures.clear_caches()
    times.clear_caches()
    for module, name in _READING_CACHES:
        cached = getattr(sys.modules.get(module), name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _cell(value: object) -> object:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def per_row(table: pd.DataFrame) -> int:
    """claim() on each row, read from scratch; returns the rows that failed."""
    failed = 0
    names = [c for c in claimrec.frame.INPUT_COLUMNS if c in table.columns]
    for cells in table[names].itertuples(index=False, name=None):
        row = dict(zip(names, map(_cell, cells), strict=True))
        _clear()
        window = row.get("window")
        if window is None and row.get("window_end") is not None:
            window = (row.get("window_start"), row["window_end"])
        try:
            claimrec.claim(
                row["value"],
                measure=row["measure"],
                unit=row.get("unit"),
                measure_kind=row.get("measure_kind"),
                window=window,
                published=row.get("published"),
                reporter=row.get("reporter"),
                via=row.get("via"),
                url=row.get("url"),
                document=row.get("document"),
            )
        except claimrec.ClaimrecError:
            failed += 1
    return failed


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    tables = _tables()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--table", choices=sorted(tables), default="loose")
    parser.add_argument("--sample", type=int, default=5_000)
    args = parser.parse_args()

    table = tables[args.table](args.rows)
    distinct = {c: table[c].nunique() for c in table.columns if c != "url"}
    time_columns = [c for c in ("window", "window_start", "window_end", "published") if c in table]
    combos = len(table[time_columns].astype(str).drop_duplicates())
    print(f"python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}")
    print(f"table {args.table!r}, {args.rows:,} rows; distinct: " + ", ".join(
        f"{k} {v:,}" for k, v in distinct.items()
    ) + f"; window/date combinations {combos:,}")  # fmt: skip

    claimrec.normalize(table.head(50), errors="coerce")  # grammar and lexicon built once
    _clear()
    wall, cpu, out = timed(lambda: claimrec.normalize(table, errors="coerce"))
    assert isinstance(out, pd.DataFrame)
    failed = int(out["error"].notna().sum())

    sample = table.head(args.sample)
    loop_wall, loop_cpu, loop_failed = timed(lambda: per_row(sample))
    scale = args.rows / len(sample)

    print()
    print("| method | rows | wall s | CPU s | rows/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| `normalize` (each distinct cell read once) | {args.rows:,} | {wall:.2f} | "
        f"{cpu:.2f} | {args.rows / cpu:,.0f} |"
    )
    print(
        f"| `claim()` per row, read from scratch (extrapolated from {len(sample):,}) | "
        f"{args.rows:,} | {loop_wall * scale:.2f} | {loop_cpu * scale:.2f} | "
        f"{len(sample) / loop_cpu:,.0f} |"
    )
    print(f"\nrows failed (kept with an error): {failed:,}; in the sample loop: {loop_failed:,}")


if __name__ == "__main__":
    main()
