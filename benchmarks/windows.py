"""Time windows: claimrec.parse_window against dateparser on the dev expressions.

Run: ``python benchmarks/windows.py [--repeat N]``. Both tools read the same
expressions of ``tests/data/windows_dev.tsv``, each with its row's reference
date (dateparser's ``RELATIVE_BASE``; rows without one give dateparser no
base, and claimrec none either). Throughput is expressions per second:

* claimrec cold — the parse cache cleared before every pass, so each of the
  distinct expressions is really parsed once per pass;
* claimrec warm — repeated expressions served from the cache, as when a
  claims table repeats its windows;
* dateparser — ``dateparser.parse``, or ``dateparser.search.search_dates``
  for range expressions (between / from / to / through / until / and / since
  … as of), whose last date is taken as the end.

Scoring ("right"): claimrec is right when all four window ends and the kind
equal the table's. dateparser returns one datetime, so it is counted right
when its date equals the table's latest end day — a lenient score.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import re
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from claimrec.errors import ClaimrecError
from claimrec.read.times import clear_caches, parse_reference, parse_window

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "windows_dev.tsv"
RANGE = re.compile(r"\b(between|from|to|through|until|and|as of)\b|[-–]", re.IGNORECASE)

Row = dict[str, str]


def load() -> list[Row]:
    with open(DEV, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def claimrec_right(row: Row) -> bool:
    try:
        window = parse_window(row["text"], reference=row["reference"] or None)
    except ClaimrecError:
        return False
    got = [window.start_earliest, window.start_latest, window.end_earliest, window.end_latest]
    want = [
        date.fromisoformat(row[k]) if row[k] else None
        for k in ("start_earliest", "start_latest", "end_earliest", "end_latest")
    ]
    return got == want and window.kind == row["kind"]


def dateparser_reader() -> Callable[[Row], date | None]:
    import dateparser
    from dateparser.search import search_dates

    def base(row: Row) -> dict[str, object]:
        settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
        if row["reference"]:
            latest = parse_reference(row["reference"]).latest
            settings["RELATIVE_BASE"] = datetime(latest.year, latest.month, latest.day)
        return settings

    def read(row: Row) -> date | None:
        settings = base(row)
        if RANGE.search(row["text"]):
            found = search_dates(row["text"], languages=["en"], settings=settings)
            return found[-1][1].date() if found else None
        parsed = dateparser.parse(row["text"], languages=["en"], settings=settings)
        return parsed.date() if parsed else None

    return read


def throughput(run: Callable[[], None], count: int) -> tuple[float, float]:
    """Items per second of wall-clock time and of this process's CPU time (the machine
    may be shared: CPU time is the steadier figure)."""
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return count / (time.perf_counter() - started), count / (time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200, help="passes over the dev table")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    rows = load()
    read_dateparser = dateparser_reader()

    def claimrec_pass() -> None:
        for row in rows:
            with contextlib.suppress(ClaimrecError):
                parse_window(row["text"], reference=row["reference"] or None)

    def claimrec_cold() -> None:
        for _ in range(args.repeat):
            clear_caches()
            claimrec_pass()

    def claimrec_warm() -> None:
        for _ in range(args.repeat):
            claimrec_pass()

    def dateparser_run() -> None:
        for _ in range(max(1, args.repeat // 40)):
            for row in rows:
                read_dateparser(row)

    # Both tools pay a one-off start-up cost (claimrec compiles its grammar,
    # dateparser loads its language data); it is not part of the throughput.
    read_dateparser(rows[0])
    claimrec_pass()
    count = len(rows) * args.repeat
    cold = throughput(claimrec_cold, count)
    warm = throughput(claimrec_warm, count)
    peer = throughput(dateparser_run, len(rows) * max(1, args.repeat // 40))
    ours_right = sum(claimrec_right(row) for row in rows)
    peer_right = sum(read_dateparser(row) == date.fromisoformat(row["end_latest"]) for row in rows)
    print(f"{len(rows)} dev expressions, {args.repeat} passes")
    print(f"| tool | expressions/s | expressions/s of CPU | right (of {len(rows)}) |")
    print("|---|---:|---:|---:|")
    print(f"| claimrec parse_window, cold cache | {cold[0]:,.0f} | {cold[1]:,.0f} | {ours_right} |")
    print(f"| claimrec parse_window, warm cache | {warm[0]:,.0f} | {warm[1]:,.0f} | {ours_right} |")
    print(f"| dateparser parse / search_dates | {peer[0]:,.0f} | {peer[1]:,.0f} | {peer_right} |")
    print(f"speed-up (cold): {cold[0] / peer[0]:.0f}x wall clock, {cold[1] / peer[1]:.0f}x CPU")


if __name__ == "__main__":
    main()
