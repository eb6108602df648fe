"""A spreadsheet of claims → a reconciliation report (HTML, JSON and safe CSV).

Run from the repository root::

    python examples/report_from_spreadsheet.py examples/seeds_claims.csv --out reports/

The spreadsheet has one claim per row, with columns named like
``claimrec.claim``'s parameters (``value``, ``measure``, ``window``, ``reporter``,
``published``, ``via``, ``url``, ``quote``; see docs/columns.md). The script exits
with status 1 when the claims contradict each other, like ``claimrec check``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import claimrec
from claimrec.export import write_claims

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", nargs="?", default=str(HERE / "seeds_claims.csv"))
    parser.add_argument("--out", default=".", help="folder for report.html/.json/.csv")
    args = parser.parse_args(argv)

    # Read every cell as text, as typed: "2025" stays a year, not the number 2025.0.
    loose = pd.read_csv(args.table, dtype=str, keep_default_na=False)
    # errors="coerce" keeps failed rows with an `error` column instead of stopping.
    claims = claimrec.normalize(loose, errors="coerce")
    failed = claims[claims["error"].notna()]
    for label, message in failed["error"].items():
        print(f"skipped row {label}: {message}", file=sys.stderr)

    report = claimrec.reconcile(claims[claims["error"].isna()].drop(columns="error"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    report.to_html(out / "report.html", title=f"Claims of {Path(args.table).name}")
    report.to_json(out / "report.json")
    report.to_csv(out / "report.csv")  # formula-like cells are neutralized
    write_claims(claims, out / "claims.csv")  # the canonical table, reusable later
    print(report.summary().splitlines()[0])
    print(f"wrote {out / 'report.html'}, report.json, report.csv, claims.csv")
    return 1 if report.has_contradictions else 0


if __name__ == "__main__":
    sys.exit(main())
