"""Start-up: what ``import claimrec`` adds to importing pandas, and ``claimrec --help``.

    python benchmarks/startup.py [--repeat N] [--compare PATH]

Each measurement is a fresh interpreter (``python -c …``), run ``--repeat``
times; the median is printed. Byte-code caching is switched on for the runs
(and one warm-up run writes the caches), as in an installed package: a session
with ``PYTHONDONTWRITEBYTECODE`` set would otherwise time the compiler.
``--compare PATH`` times another checkout of claimrec (a folder holding its
``claimrec`` package) in the same run, interleaved, for a before/after figure.
The targets: under 0.3 s added to pandas, under 1 s for ``--help``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_IMPORT = (
    "import time; t = time.perf_counter(); import pandas; p = time.perf_counter(); "
    "import claimrec; c = time.perf_counter(); "
    "import sys; print(p - t, c - p, 'pint' in sys.modules, claimrec.__file__)"
)
_HELP = "import sys; sys.argv = ['claimrec', '--help']; from claimrec.cli import main; main()"


def _env(source: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(source)
    return env


def _import_times(source: Path) -> tuple[float, float, bool]:
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT], env=_env(source), cwd=source, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    pandas, claimrec, pint, where = out.stdout.split()
    if not Path(where).is_relative_to(source):
        raise SystemExit(f"imported {where}, not the checkout in {source}")
    return float(pandas), float(claimrec), pint == "True"


def _help_time(source: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _HELP], env=_env(source), cwd=source, capture_output=True,
        check=False,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--compare", type=Path, help="another checkout to time beside this one")
    args = parser.parse_args()
    sources = {"this checkout": ROOT}
    if args.compare is not None:
        sources["compared"] = args.compare.resolve()
    for source in sources.values():  # warm-up: write the byte-code caches
        _import_times(source)
        _help_time(source)
    samples: dict[str, list[tuple[float, float, bool, float]]] = {name: [] for name in sources}
    for _ in range(args.repeat):
        for name, source in sources.items():  # interleaved: both see the same load
            pandas, claimrec, pint = _import_times(source)
            samples[name].append((pandas, claimrec, pint, _help_time(source)))
    print("| checkout | pandas | import claimrec (after pandas) | pint loaded | claimrec --help |")
    print("|---|---:|---:|---|---:|")
    for name, rows in samples.items():
        pandas = statistics.median(r[0] for r in rows)
        claimrec = statistics.median(r[1] for r in rows)
        help_time = statistics.median(r[3] for r in rows)
        pint = "yes" if any(r[2] for r in rows) else "no"
        print(f"| {name} | {pandas:.3f} s | {claimrec:.3f} s | {pint} | {help_time:.3f} s |")


if __name__ == "__main__":
    main()
