"""Start-up: what ``import claimrec`` adds to importing pandas, ``claimrec --help``,
``claimrec check`` on a small table, and what the first use of each lazily built
part costs.

    python benchmarks/startup.py [--repeat N] [--compare PATH] [--check CSV]

Each measurement is a fresh interpreter (``python -c …``), run ``--repeat``
times; the median is printed, as wall time and as the child's CPU time (user +
system, from ``getrusage``), which a busy machine inflates less. Byte-code
caching is switched on for the runs (and one warm-up run writes the caches),
as in an installed package: a session with ``PYTHONDONTWRITEBYTECODE`` set
would otherwise time the compiler.
``--compare PATH`` times another checkout of claimrec (a folder holding its
``claimrec`` package) in the same run, interleaved, for a before/after figure.
The targets: under 0.3 s added to pandas, under 1 s for ``--help``.

``import claimrec`` builds nothing it can build later: the second table times, in
one fresh interpreter each, the first call that builds each part (pint's unit
registry, the lexicon and the figure grammar, the window grammar, the measure
and reporter tables) and ``import claimrec.dask`` (Dask itself, loaded only
there).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_IMPORT = (
    "import time; t = time.perf_counter(); import pandas; p = time.perf_counter(); "
    "q = time.process_time(); import claimrec; c = time.perf_counter(); "
    "r = time.process_time(); "
    "import sys; print(p - t, c - p, r - q, 'pint' in sys.modules, claimrec.__file__)"
)
_HELP = "import sys; sys.argv = ['claimrec', '--help']; from claimrec.cli import main; main()"
_CHECK = (
    "import sys; sys.argv = ['claimrec', 'check', {path!r}]; from claimrec.cli import main; main()"
)
# First uses, each timed after `import claimrec` in a fresh interpreter.
_FIRST_USES = {
    "parse_unit('hectares') (pint's registry)": "claimrec.parse_unit('hectares')",
    "parse_value('at least 1,240') (lexicon, figure grammar)": (
        "claimrec.parse_value('at least 1,240')"
    ),
    "parse_window('since March 2024', …) (window grammar)": (
        "claimrec.parse_window('since March 2024', reference='2024-06-01')"
    ),
    "measure_key('executions of POWs') (measure tables)": (
        "claimrec.measure_key('executions of POWs')"
    ),
    "resolve_reporter('the UN') (reporter table)": "claimrec.resolve_reporter('the UN')",
    "import claimrec.dask (Dask)": "import claimrec.dask",
}
_FIRST = (
    "import time, claimrec; t = time.perf_counter(); c = time.process_time(); {call}; "
    "print(time.perf_counter() - t, time.process_time() - c)"
)


def _env(source: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(source)
    return env


def _import_times(source: Path) -> tuple[float, float, float, bool]:
    """Seconds to import pandas, then claimrec (wall and CPU), and whether pint came too."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT], env=_env(source), cwd=source, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    pandas, claimrec, claimrec_cpu, pint, where = out.stdout.split()
    if not Path(where).is_relative_to(source):
        raise SystemExit(f"imported {where}, not the checkout in {source}")
    return float(pandas), float(claimrec), float(claimrec_cpu), pint == "True"


def _run_time(source: Path, code: str) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh interpreter running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code], env=_env(source), cwd=source, capture_output=True,
        check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _help_time(source: Path) -> float:
    return _run_time(source, _HELP)[0]


def _first_use(source: Path, call: str) -> tuple[float, float] | None:
    """Wall and CPU seconds of the first ``call`` after ``import claimrec``."""
    out = subprocess.run(
        [sys.executable, "-c", _FIRST.format(call=call)], env=_env(source), cwd=source,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    words = out.stdout.split()
    return (float(words[-2]), float(words[-1])) if out.returncode == 0 and words else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--compare", type=Path, help="another checkout to time beside this one")
    parser.add_argument(
        "--check",
        type=Path,
        default=ROOT / "examples" / "seeds_claims.csv",
        help="a small claims table for `claimrec check` (default: the example spreadsheet)",
    )
    args = parser.parse_args()
    check = _CHECK.format(path=str(args.check.resolve()))
    sources = {"this checkout": ROOT}
    if args.compare is not None:
        sources["compared"] = args.compare.resolve()
    for source in sources.values():  # warm-up: write the byte-code caches
        _import_times(source)
        _help_time(source)
    samples: dict[str, list[tuple[float, ...]]] = {name: [] for name in sources}
    for _ in range(args.repeat):
        for name, source in sources.items():  # interleaved: both see the same load
            pandas, claimrec, claimrec_cpu, pint = _import_times(source)
            help_wall, help_cpu = _run_time(source, _HELP)
            check_wall, check_cpu = _run_time(source, check)
            samples[name].append(
                (pandas, claimrec, float(pint), help_wall, help_cpu, check_wall, check_cpu,
                 claimrec_cpu)
            )  # fmt: skip
    print(
        "| checkout | pandas | import claimrec after pandas (CPU) | pint loaded "
        "| claimrec --help (CPU) | claimrec check (CPU) |"
    )
    print("|---|---:|---:|---|---:|---:|")
    for name, rows in samples.items():
        m = [statistics.median(r[k] for r in rows) for k in range(8)]
        pint = "yes" if any(r[2] for r in rows) else "no"
        print(
            f"| {name} | {m[0]:.3f} s | {m[1]:.3f} s ({m[7]:.3f} s) | {pint} "
            f"| {m[3]:.3f} s ({m[4]:.3f} s) | {m[5]:.3f} s ({m[6]:.3f} s) |"
        )
    rows = len(args.check.read_text(encoding="utf-8").splitlines()) - 1
    print(f"\n`claimrec check {args.check.name}`: a table of {rows} rows.")
    print("\n| first use, after `import claimrec` | seconds (CPU) |")
    print("|---|---:|")
    for label, call in _FIRST_USES.items():
        found = [_first_use(ROOT, call) for _ in range(max(1, args.repeat // 2))]
        times = [t for t in found if t is not None]
        shown = (
            f"{statistics.median(t[0] for t in times):.3f} s "
            f"({statistics.median(t[1] for t in times):.3f} s)"
            if times
            else "not available"
        )
        print(f"| {label} | {shown} |")


if __name__ == "__main__":
    main()
