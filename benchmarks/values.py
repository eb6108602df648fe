"""Figures: parse_value and find_values side by side with quantulum3.

Inputs: the phrases of tests/data/values_dev.tsv and the sentences of the seed
articles, repeated to a meaningful count. claimrec is timed cold (its caches
cleared before every pass, so each distinct input is parsed for real) and warm
(cached); quantulum3 has no cache. Run: ``python benchmarks/values.py``.
"""

from __future__ import annotations

import csv
import re
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from claimrec.read.figures import clear_caches, find_values, parse_value

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 20


def _phrases() -> list[str]:
    with (ROOT / "tests" / "data" / "values_dev.tsv").open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle, delimiter="\t")]


def _sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    return sentences


def _rate(function: Callable[[str], object], inputs: list[str], *, cold: bool) -> float:
    """Inputs per second over REPEATS passes; cold clears claimrec's caches per pass."""
    elapsed = 0.0
    for _ in range(REPEATS):
        if cold:
            clear_caches()
        started = time.perf_counter()
        for text in inputs:
            function(text)
        elapsed += time.perf_counter() - started
    return len(inputs) * REPEATS / elapsed


def _parse_or_none(text: str) -> object:
    try:
        return parse_value(text)
    except ValueError:
        return None


def main() -> None:
    warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is absent
    from quantulum3 import parser  # the peer

    phrases, sentences = _phrases(), _sentences()
    # One-off start-up costs are not throughput: quantulum3 loads its data, claimrec its
    # lexicon and pint's unit registry (built on first use since the registry moved
    # out of import time; about 0.5 s, see benchmarks/startup.py).
    parser.parse(phrases[0])
    _parse_or_none(phrases[0])
    find_values(sentences[0])
    rows: list[tuple[str, Callable[[str], object], list[str]]] = [
        ("phrases/s (values_dev)", _parse_or_none, phrases),
        ("sentences/s (seeds)", find_values, sentences),
    ]
    print(f"{'workload':26} {'inputs':>7} {'claimrec cold':>14} {'claimrec warm':>14} "
          f"{'quantulum3':>11} {'cold ×':>7}")  # fmt: skip
    for label, claimrec_function, inputs in rows:
        cold = _rate(claimrec_function, inputs, cold=True)
        warm = _rate(claimrec_function, inputs, cold=False)
        peer = _rate(parser.parse, inputs, cold=False)
        print(f"{label:26} {len(inputs) * REPEATS:>7} {cold:>14,.0f} {warm:>14,.0f} {peer:>11,.0f} "
              f"{cold / peer:>6.0f}×")  # fmt: skip


if __name__ == "__main__":
    main()
