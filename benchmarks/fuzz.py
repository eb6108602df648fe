"""Fuzz every public reader with generated hostile input; time them on growing input.

    python benchmarks/fuzz.py                 # 100,000 inputs per entry point
    python benchmarks/fuzz.py --inputs 5000 --scaling-mb 1,2,4
    python benchmarks/fuzz.py --inputs 0 --scaling-mb "" --big-file ARTICLES --big-mb 50
    python benchmarks/fuzz.py --only extract --scaling-mb "" --dense ""   # one entry point

For each entry point (parse_value, find_values, parse_window, find_windows,
parse_reference, parse_unit, extract, normalize, reconcile) it counts the inputs that
were read, refused with a claimrec error, or raised anything else (which must be 0:
each one is printed, with its input). Then it times each text reader on inputs of
growing size (default 1, 2, 5 and 10 MB) built from the same generator and prints
seconds per MB: linear time means that figure stays flat.

Inputs come from a seeded generator (no data files): figure-like, window-like and
attribution-like fragments, HTML and page furniture, lone surrogates, control and
formula characters, random code points, and, for the table readers, frames whose
cells may be anything (lists, dicts, bytes, NaN, NaT, ±inf, huge ints, years).
``extract`` is also timed on figures packed as densely as text allows ("1," repeated:
one figure every two characters), at growing counts.

``--big-file ARTICLES`` writes one plain-text file of ``--big-mb`` MB of dense news
prose — the bodies of the article files in the folder ARTICLES (``*.txt``; header
lines such as ``URL:`` dropped), repeated with every digit changed at random so that
no figure repeats — and runs ``claimrec extract FILE -o claims.parquet`` on it in a
child process, printing wall-clock and CPU seconds, seconds per MB, the claims found
and the child's peak resident memory.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

import claimrec
from claimrec.read.files import PARALLEL_BYTES, usable_cores

FRAGMENTS = (
    "at least", "more than", "over", "nearly", "about", "some", "up to", "between", "and",
    "to", "-", "–", "%", "per cent", "million", "billion", "thousand", "dozens", "hundreds",
    "1,234", "12.5", "3/4", "½", "10^9", "1e308", "0x1F", "٣", "१२", "twelve", "twenty-one",
    "since", "as of", "until", "last week", "in 2024", "from May to June", "Q3 2023",
    "the past 24 hours", "Nov. 6", "2024-13-45", "since 1900", "9999-12-31", "yesterday",
    "said", "according to", "the UN", "police", "officials told", "Reuters reported",
    "people", "deaths", "km", "km/h", "hectares", "°C", "USD", "$", "€", "tonnes",
    "<p>", "</p>", "<script>alert(1)</script>", "<!--", "-->", "&amp;", "&#0;", "<br>",
    "\n", "\n\n", "\r", "\t", " ", "  ", ".", ",", ";", ":", "(", ")", "“", "”", "\"", "'",
    "=cmd|' /c calc'!A0", "+1", "@SUM(A1)", "\x00", "\x0b", "\u2028", "\u202e", "\ufeff",
)  # fmt: skip
CELLS: tuple[object, ...] = (
    None, math.nan, pd.NaT, pd.NA, math.inf, -math.inf, 2024, 2024.0, -3, 10**30,
    -(10**400), True, b"bytes", [1, 2], {"a": 1}, {1}, (1, 2), (1, [2]), np.int64(7),
    np.array([1, 2]), pd.Timestamp("2024-01-02"), date(2024, 1, 3), complex(1, 2),
)  # fmt: skip
INPUT_COLUMNS = ("value", "measure", "unit", "window", "published", "reporter", "span_start")


def random_text(rng: random.Random, pieces: int) -> str:
    out: list[str] = []
    for _ in range(pieces):
        roll = rng.random()
        if roll < 0.6:
            out.append(rng.choice(FRAGMENTS))
        elif roll < 0.75:
            out.append(str(rng.randint(-(10**6), 10**12)))
        elif roll < 0.85:
            out.append(chr(rng.randint(0xD800, 0xDFFF)))  # a lone surrogate
        else:
            out.append(chr(rng.randint(1, 0x10FFFF)))
        out.append(" " if rng.random() < 0.7 else "")
    return "".join(out)


def random_cell(rng: random.Random) -> object:
    if rng.random() < 0.5:
        return random_text(rng, rng.randint(0, 6))
    return rng.choice(CELLS)


def random_frame(rng: random.Random, rows: int) -> pd.DataFrame:
    data = {
        name: pd.Series([random_cell(rng) for _ in range(rows)], dtype=object)
        for name in INPUT_COLUMNS
    }
    return pd.DataFrame(data)


@dataclass
class Tally:
    read: int = 0
    refused: int = 0
    other: int = 0
    examples: list[str] = field(default_factory=list)


def _run(tally: Tally, call: Callable[[], object], shown: object) -> None:
    try:
        call()
    except claimrec.ClaimrecError:
        tally.refused += 1
    except Exception:
        tally.other += 1
        if len(tally.examples) < 5:
            tally.examples.append(f"{shown!r}\n{traceback.format_exc(limit=-3)}")
    else:
        tally.read += 1


def text_entry_points() -> dict[str, Callable[[str], object]]:
    return {
        "parse_value": claimrec.parse_value,
        "find_values": claimrec.find_values,
        "parse_window": lambda t: claimrec.parse_window(t, reference="2024-11-11"),
        "find_windows": lambda t: claimrec.find_windows(t, reference="2024-11-11"),
        "parse_reference": claimrec.parse_reference,
        "parse_unit": claimrec.parse_unit,
        "extract": lambda t: claimrec.extract(t, published="2024-11-11"),
    }


def _done(name: str, tally: Tally, wall: float, cpu: float) -> None:
    """One entry point's counts as soon as it is done (a long run is useful in part)."""
    print(f"  ({name}: {tally.read:,} read, {tally.refused:,} claimrec errors, "
          f"{tally.other:,} other; {wall:.1f} s wall, {cpu:.1f} s cpu)", flush=True)  # fmt: skip


ENTRY_POINTS = (
    "parse_value", "find_values", "parse_window", "find_windows", "parse_reference",
    "parse_unit", "extract", "normalize", "reconcile",
)  # fmt: skip


def fuzz(
    inputs: int,
    seed: int,
    only: tuple[str, ...] = ENTRY_POINTS,
    rows: int = 100,
    shard: tuple[int, int] = (0, 1),
) -> dict[str, Tally]:
    """Each entry point of ``only`` on ``inputs`` generated inputs. The inputs of one
    entry point do not depend on which others run (each has its own seeded generator).
    For the table readers an input is a row: frames of ``rows`` rows each, so that
    100,000 inputs are 1,000 calls, not 100,000 (a frame's set-up dominates a small
    one's cost); a frame refused counts once. ``shard`` ``(i, n)`` runs only the
    inputs whose number is ``i`` modulo ``n`` (all are still generated, so the ``n``
    shards together run exactly the inputs of one unsharded run, in ``n`` processes)."""
    part, parts = shard
    tallies: dict[str, Tally] = {}
    if not inputs:
        return tallies
    for name, reader in text_entry_points().items():
        if name not in only:
            continue
        rng = random.Random(f"{seed}-{name}")
        tally = tallies[name] = Tally()
        short = name in ("parse_value", "parse_window", "parse_reference", "parse_unit")
        began, cpu = time.perf_counter(), time.process_time()
        for number in range(inputs):
            text = random_text(rng, rng.randint(1, 8 if short else 40))
            if number % parts == part:
                _run(tally, lambda reader=reader, text=text: reader(text), text)
        _done(name, tally, time.perf_counter() - began, time.process_time() - cpu)
    # Tables: frames of ``rows`` rows, so 100,000 inputs are 100,000 rows.
    for name in ("normalize", "reconcile"):
        if name not in only:
            continue
        rng = random.Random(f"{seed}-{name}")
        tally = tallies[name] = Tally()
        began, cpu = time.perf_counter(), time.process_time()
        for number in range(max(1, inputs // rows)):
            frame = random_frame(rng, rows)
            if number % parts != part:
                continue
            if name == "normalize":

                def call(frame: pd.DataFrame = frame) -> object:
                    out = claimrec.normalize(frame, errors="coerce")
                    assert len(out) == len(frame), "rows in != rows out"
                    return claimrec.normalize(frame, errors="raise")
            else:

                def call(frame: pd.DataFrame = frame) -> object:
                    return claimrec.reconcile(claimrec.normalize(frame, errors="coerce"))

            _run(tally, call, frame.head(3).to_dict(orient="list"))
        _done(name, tally, time.perf_counter() - began, time.process_time() - cpu)
    return tallies


def prose(rng: random.Random, megabytes: float) -> str:
    """Fresh generated prose of about ``megabytes`` MB (UTF-8): sentences of fragments,
    paragraphs apart, none repeated (no reader's cache sees a text twice)."""
    target = int(megabytes * 1_000_000)
    out: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(random_text(rng, 30) + "." for _ in range(rng.randint(1, 4)))
        out.append(paragraph)
        size += len(paragraph.encode("utf-8", "replace")) + 2
    return "\n\n".join(out)


MEASURES = ("deaths", "people displaced", "homes destroyed", "hectares burned", "arrests")
REPORTERS = ("the UN", "police", "the ministry", "Reuters", "the Red Cross", "the mayor")
VALUES = ("at least {n}", "about {n}", "{n}", "more than {n}", "between {n} and {m}", "up to {n}")
WINDOWS = ("in {y}", "since {y}", "last week", "from May to June {y}", "in March {y}", "")


def claims_frame(rng: random.Random, megabytes: float) -> pd.DataFrame:
    """A loose claims table of about ``megabytes`` MB of CSV: valid rows (figures,
    measures, windows, reporters, dates), so that reconcile has groups to read."""
    rows: dict[str, list[str]] = {c: [] for c in ("value", "measure", "window", "reporter")}
    rows["published"] = []
    size, target = 0, int(megabytes * 1_000_000)
    while size < target:
        n = rng.randint(1, 5000)
        row = (
            rng.choice(VALUES).format(n=n, m=n + rng.randint(1, 500)),
            f"{rng.choice(MEASURES)} in district {rng.randint(1, 300)}",
            rng.choice(WINDOWS).format(y=rng.randint(2015, 2024)),
            rng.choice(REPORTERS),
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for name, cell in zip(rows, row, strict=True):
            rows[name].append(cell)
        size += sum(map(len, row)) + 5
    return pd.DataFrame(rows)


def _extract_file(text: str) -> object:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "article.txt"
        path.write_text(text, encoding="utf-8", errors="replace")  # no surrogate in a file
        # The encoding given: the generated text's control characters and NULs would
        # otherwise (rightly) make the file look binary. Plain text at every size: its
        # tags would make a file read whole (up to 2 MiB) an HTML page, whose comments
        # and scripts hide about half of it, while a streamed file is plain text.
        return claimrec.extract_files(path, progress=False, jobs=1, encoding="utf-8",
                                      html=False,
                                      publications={"article.txt": "2024-11-11"})  # fmt: skip


TEXT_SCALED: dict[str, Callable[[str], object]] = {
    "find_values": claimrec.find_values,
    "find_windows": lambda t: claimrec.find_windows(t, reference="2024-11-11"),
    "extract": lambda t: claimrec.extract(t, published="2024-11-11", html=False),
    "extract_files": _extract_file,
    "parse_value": claimrec.parse_value,
    "parse_window": lambda t: claimrec.parse_window(t, reference="2024-11-11"),
    "parse_reference": claimrec.parse_reference,
    "parse_unit": claimrec.parse_unit,
}
TABLE_SCALED: dict[str, Callable[[pd.DataFrame], object]] = {
    "normalize": lambda f: claimrec.normalize(f, errors="coerce"),
    "reconcile": lambda f: claimrec.reconcile(claimrec.normalize(f, errors="coerce")),
}
SCALED = tuple(TEXT_SCALED) + tuple(TABLE_SCALED)


def scaling(
    sizes_mb: list[float], seed: int, only: tuple[str, ...] = SCALED
) -> dict[str, list[tuple[float, float, float]]]:
    """(MB, CPU seconds per MB, wall seconds per MB) of each entry point of ``only`` on
    one fresh input of each size: generated prose for the text readers (the
    ``parse_*`` readers given the whole text as one expression), a loose claims
    table of that many MB of CSV for ``normalize`` and ``reconcile``."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for name in only:
        rng = random.Random(f"{seed}-{name}-scaling")
        out[name] = []
        with contextlib.suppress(claimrec.ClaimrecError):  # warm up: grammars compiled
            if name in TEXT_SCALED:
                TEXT_SCALED[name](prose(rng, 0.01))
            else:
                TABLE_SCALED[name](claims_frame(rng, 0.01))
        for size in sizes_mb:
            if name in TEXT_SCALED:
                given: object = prose(rng, size)
                megabytes = len(str(given).encode("utf-8", "replace")) / 1e6
                call: Callable[[], object] = lambda r=TEXT_SCALED[name], g=given: r(g)  # noqa: E731
            else:
                given = claims_frame(rng, size)
                megabytes = len(given.to_csv(index=False).encode("utf-8")) / 1e6  # type: ignore[attr-defined]
                call = lambda r=TABLE_SCALED[name], g=given: r(g)  # noqa: E731
            began, cpu = time.perf_counter(), time.process_time()
            refused = ""
            try:
                call()
            except claimrec.ClaimrecError as error:
                refused = f"  refused: {error.reason[:60]}"
            cpu = time.process_time() - cpu
            wall = time.perf_counter() - began
            del given
            out[name].append((megabytes, cpu / megabytes, wall / megabytes))
            print(f"  {name:<14} {megabytes:6.1f} MB  {cpu:8.1f} s cpu  {cpu / megabytes:7.3f} "
                  f"s/MB cpu  ({wall:.1f} s wall){refused}", flush=True)  # fmt: skip
    return out


def growth_line(name: str, points: list[tuple[float, float, float]]) -> str:
    """CPU seconds per MB at each size, and the largest over the smallest: about 1
    when time is linear, about the ratio of the sizes when it is quadratic."""
    per_mb = ", ".join(f"{m:.1f} MB {c:.3f}" for m, c, _ in points)
    first, last = points[0][1], points[-1][1]
    ratio = last / first if first > 1e-9 else float("nan")
    return f"  {name:<16} s/MB cpu: {per_mb}; growth {ratio:.2f}"


def dense_figures(counts: list[int]) -> list[tuple[int, float]]:
    """Seconds per figure of ``extract`` on "1," repeated (a figure every two characters)."""
    out: list[tuple[int, float]] = []
    for count in counts:
        started = time.process_time()
        rows = len(claimrec.extract("1," * count, published="2024-11-11"))
        seconds = time.process_time() - started
        out.append((count, seconds))
        print(f"  extract '1,' x {count:>9,}  {rows:>9,} rows  {seconds:8.2f} s cpu  "
              f"{1e6 * seconds / count:6.1f} µs per figure", flush=True)  # fmt: skip
    return out


_HEADER_LINE = re.compile(r"\A(?:[A-Z]+:[^\n]*\n)+\n")


def write_big_file(articles: Path, megabytes: float, path: Path, seed: int) -> int:
    """``megabytes`` MB of the folder's article bodies, every digit changed at random."""
    bodies = [
        _HEADER_LINE.sub("", p.read_text(encoding="utf-8")) for p in sorted(articles.glob("*.txt"))
    ]
    bodies = [b.strip() for b in bodies if b.strip()]
    if not bodies:
        raise SystemExit(f"no article text in {articles}")
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            body = re.sub(r"[0-9]", lambda _: str(rng.randint(0, 9)), rng.choice(bodies))
            chunk = body + "\n\n"
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return written


# The command line in a child that reports its own CPU time and peak memory (a forked
# child's peak would count the parent's pages too).
_CHILD = """
import json, resource, sys
from claimrec.cli import main
status = main(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker processes, ended
with open(sys.argv[1], "w") as handle:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
               "workers_cpu": workers.ru_utime + workers.ru_stime,
               "worker_peak_kb": workers.ru_maxrss}, handle)
sys.exit(status)
"""


def big_file(articles: Path, megabytes: float, seed: int, jobs: int | None) -> dict[str, float]:
    """Extract one big file through the command line, in a child process (with
    ``--jobs`` when given; else the command's default). CPU seconds are the child's
    and its workers'; peak memory is the child's, plus the largest worker's times the
    number of workers (an upper bound: they need not peak together)."""
    with tempfile.TemporaryDirectory() as scratch:
        path, output = Path(scratch) / "big.txt", Path(scratch) / "claims.parquet"
        size = write_big_file(articles, megabytes, path, seed)
        report = Path(scratch) / "usage.json"
        started = time.perf_counter()
        command = [
            sys.executable,
            "-c",
            _CHILD,
            str(report),
            "extract",
            str(path),
            "-o",
            str(output),
        ]
        if jobs is not None:
            command += ["--jobs", str(jobs)]
        child = subprocess.Popen(command)
        together = _tree_peak_while(child)
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, command)
        wall = time.perf_counter() - started
        usage = json.loads(report.read_text(encoding="utf-8"))
        rows = len(pd.read_parquet(output, columns=["claim_id"]))
    workers = jobs if jobs is not None else (usable_cores() if size > PARALLEL_BYTES else 1)
    workers = workers if workers > 1 else 0
    cpu, workers_cpu = usage["cpu"], usage["workers_cpu"]
    figures = {
        "megabytes": size / 1e6,
        "jobs": float(max(1, workers)),
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "workers_cpu_seconds": workers_cpu,
        "rows": float(rows),
        "peak_rss_mb": usage["peak_kb"] / 1024,  # kilobytes on Linux
        "worker_peak_rss_mb": usage["worker_peak_kb"] / 1024,
    }
    peak = figures["peak_rss_mb"] + workers * figures["worker_peak_rss_mb"]
    figures["total_peak_rss_mb"] = peak
    figures["sampled_peak_rss_mb"] = together
    print(f"big file: {size / 1e6:.1f} MB, {rows:,} rows, {max(1, workers)} job(s): "
          f"{wall:.1f} s wall; cpu {cpu:.1f} s in the command, {workers_cpu:.1f} s in its "
          f"workers ({(cpu + workers_cpu) / (size / 1e6):.2f} s/MB); peak memory "
          f"{figures['peak_rss_mb']:,.0f} MB + {workers} x "
          f"{figures['worker_peak_rss_mb']:,.0f} MB = at most {peak:,.0f} MB; "
          f"sampled together (the command and its workers, every 0.1 s): "
          f"{together:,.0f} MB")  # fmt: skip
    return figures


def _tree_rss_kb(pid: int) -> int:
    """Resident kilobytes of a process and all its descendants (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        proc = Path("/proc", str(current))
        try:
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in (proc / "task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


def _tree_peak_while(child: subprocess.Popen[bytes]) -> float:
    """The largest sum of resident memory of ``child`` and its workers, in MB, sampled
    every 0.1 s until it ends."""
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss_kb(child.pid))
        time.sleep(0.1)
    return peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per entry point")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--rows", type=int, default=100, help="rows per fuzzed frame")
    parser.add_argument(
        "--shard", default="0/1", help="I/N: run the inputs numbered I modulo N (of 0..N-1)"
    )
    parser.add_argument("--scaling-mb", default="1,2,5,10", help="input sizes to time, in MB")
    parser.add_argument(
        "--scale", default=",".join(SCALED), help="entry points to time, comma-separated"
    )
    parser.add_argument("--dense", default="10000,100000", help="counts of '1,' for extract")
    parser.add_argument("--big-file", type=Path, help="folder of articles for the big file")
    parser.add_argument("--big-mb", type=float, default=50, help="size of the big file, in MB")
    parser.add_argument("--big-jobs", type=int, help="--jobs for the big file (default: its own)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--only", default=",".join(ENTRY_POINTS), help="entry points to fuzz, comma-separated"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # replaced surrogates warn by design
    started = time.perf_counter()
    only = tuple(name for name in args.only.split(",") if name)
    unknown = sorted(set(only) - set(ENTRY_POINTS))
    if unknown:
        parser.error(f"no such entry point: {', '.join(unknown)}")
    part, _, parts = args.shard.partition("/")
    if not (part.isdigit() and parts.isdigit() and int(part) < int(parts)):
        parser.error(f"--shard is I/N with 0 <= I < N, not {args.shard!r}")
    tallies = fuzz(args.inputs, args.seed, only, args.rows, (int(part), int(parts)))
    if tallies:
        print(f"fuzz: {args.inputs:,} inputs per entry point "
              f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
        print(f"  {'entry point':<16}{'read':>10}{'claimrec errors':>18}{'other exceptions':>18}")
    for name, tally in tallies.items():
        print(f"  {name:<16}{tally.read:>10,}{tally.refused:>18,}{tally.other:>18,}")
    for name, tally in tallies.items():
        for example in tally.examples:
            print(f"MISS {name}: {example}")
    sizes = [float(s) for s in args.scaling_mb.split(",") if s]
    scaled = tuple(name for name in args.scale.split(",") if name)
    unknown = sorted(set(scaled) - set(SCALED))
    if unknown:
        parser.error(f"no such entry point to scale: {', '.join(unknown)}")
    figures: dict[str, list[tuple[float, float, float]]] = {}
    if sizes and scaled:
        print("scaling (CPU seconds per MB; flat = linear):")
        figures = scaling(sizes, args.seed, scaled)
    if figures:
        print("growth (CPU s/MB at the largest size over the smallest; ~1 = linear):")
    for name, points in figures.items():
        print(growth_line(name, points))
    counts = [int(c) for c in args.dense.split(",") if c]
    if counts:
        print("dense figures (extract):")
    dense = dense_figures(counts)
    big = big_file(args.big_file, args.big_mb, args.seed, args.big_jobs) if args.big_file else None
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "fuzz": {n: [t.read, t.refused, t.other] for n, t in tallies.items()},
                    "scaling": figures,
                    "dense": dense,
                    "big_file": big,
                },
                handle,
                indent=1,
            )
    return 1 if any(t.other for t in tallies.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
