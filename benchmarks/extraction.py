"""Score claim extraction on the seed articles against the hand-checked gold.

    python benchmarks/extraction.py

Runs ``claimrec.extract.extract_files`` on ``seeds/`` (publication facts from
``seeds/publications.csv``) and scores it against ``tests/data/seeds.gold.jsonl``;
runs quantulum3's ``parser.parse`` on the same texts and scores its figures the
same way, side by side. Prints the scores, then every miss.

Matching. A gold mention is found by an extracted row of the same document
whose figure equals the gold figure — ``stated`` (``low``/``high`` when given
for ranges; any figure of kind ``vague`` for a vague gold) — and whose kind
equals the gold kind, and whose span overlaps an occurrence of the gold quote
in the document. Seed 003 repeats its own text; the gold lists the mentions of
the first copy only, so a row overlapping *any* occurrence of a gold quote
matches that mention: the repeated copy neither adds misses nor false
positives.

Scores.

* figure + kind F1 — recall is over gold mentions; precision is over unique
  claims per document (``(document, claim_id)``): a claim is right when one of
  its rows matches a gold mention. Further mentions of a found claim (the
  repeated copy, a headline repeating the body) are therefore not counted
  twice. A mention-level precision (every row) is printed too.
* reporter accuracy — on matched gold mentions: canonical name equal
  (unattributed = no reporter).
* window accuracy — on matched gold mentions: both ends, at the gold's
  precision: the extracted uncertain end (earliest…latest) must lie inside the
  gold's day, month or year; a null gold start means an open start.
* measure grouping — pairwise F1 over matched gold mentions: pairs sharing a
  gold measure description vs pairs sharing an extracted measure key.
* quantulum3 has no bound kinds, reporters, windows or measures: its figures
  are scored by value alone (a quantity whose value equals the gold
  ``stated``, overlapping an occurrence of the quote), at the mention level.
  Vague gold amounts ("thousands") have no stated value, so quantulum3 cannot
  match them.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimrec.extract import extract_files  # noqa: E402

SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"


@dataclass(frozen=True)
class Gold:
    index: int
    doc: str
    quote: str
    stated: float | None
    low: float | None
    high: float | None
    kind: str
    measure: str
    reporter: str | None
    window_start: str | None
    window_end: str | None
    spans: tuple[tuple[int, int], ...]


def _occurrences(text: str, quote: str) -> tuple[tuple[int, int], ...]:
    spans = []
    position = text.find(quote)
    while position >= 0:
        spans.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    return tuple(spans)


def load_gold() -> list[Gold]:
    gold: list[Gold] = []
    texts: dict[str, str] = {}
    for i, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        doc = row["doc"]
        if doc not in texts:
            texts[doc] = (SEEDS / doc).read_text(encoding="utf-8")
        spans = _occurrences(texts[doc], row["quote"])
        if not spans:
            raise SystemExit(f"gold quote not in {doc}: {row['quote']!r}")
        gold.append(
            Gold(
                i,
                doc,
                row["quote"],
                row["stated"],
                row["low"],
                row["high"],
                row["kind"],
                row["measure"],
                row["reporter"],
                row["window_start"],
                row["window_end"],
                spans,
            )
        )
    return gold


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _same_number(a: float | None, b: object) -> bool:
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-9)  # type: ignore[arg-type]


def figure_matches(g: Gold, row: pd.Series) -> bool:
    if row["document"] != g.doc or row["kind"] != g.kind:
        return False
    if not _overlaps(g.spans, int(row["span_start"]), int(row["span_end"])):
        return False
    if g.kind == "vague":
        return True
    if g.kind == "range" and g.low is not None and g.high is not None:
        return _same_number(g.low, row["low"]) and _same_number(g.high, row["high"])
    return _same_number(g.stated, row["stated"])


def _period(text: str) -> tuple[date, date]:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, date.fromordinal(following.toordinal() - 1)
    day = date(*parts)
    return day, day


def _end_ok(gold: str | None, earliest: object, latest: object) -> bool:
    if not isinstance(earliest, date) or not isinstance(latest, date):
        return gold is None and not isinstance(earliest, date)
    if gold is None:
        return False
    low, high = _period(gold)
    return low <= earliest <= high and low <= latest <= high


def window_ok(g: Gold, row: pd.Series) -> bool:
    return _end_ok(g.window_start, row["start_earliest"], row["start_latest"]) and _end_ok(
        g.window_end, row["end_earliest"], row["end_latest"]
    )


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _pairs(labels: dict[int, str]) -> set[tuple[int, int]]:
    return {(a, b) for a, b in combinations(sorted(labels), 2) if labels[a] == labels[b]}


def score_claimrec(gold: list[Gold], frame: pd.DataFrame) -> dict[str, object]:
    matched: dict[int, pd.Series] = {}
    row_hits: set[int] = set()
    for g in gold:
        for i, row in frame.iterrows():
            if figure_matches(g, row):
                row_hits.add(int(i))  # type: ignore[call-overload]
                matched.setdefault(g.index, row)
    claims = frame.groupby(["document", "claim_id"]).groups
    claim_hits = sum(1 for rows in claims.values() if any(int(i) in row_hits for i in rows))
    recall = len(matched) / len(gold)
    precision = claim_hits / max(1, len(claims))
    mention_precision = len(row_hits) / max(1, len(frame))
    reporter_right = [
        g
        for g in gold
        if g.index in matched
        and (None if pd.isna(matched[g.index]["reporter"]) else matched[g.index]["reporter"])
        == g.reporter
    ]
    window_right = [g for g in gold if g.index in matched and window_ok(g, matched[g.index])]
    gold_labels = {g.index: g.measure for g in gold if g.index in matched}
    found_labels = {i: str(row["measure"]) for i, row in matched.items()}
    gold_pairs, found_pairs = _pairs(gold_labels), _pairs(found_labels)
    both = len(gold_pairs & found_pairs)
    pair_p = both / max(1, len(found_pairs))
    pair_r = both / max(1, len(gold_pairs))
    return {
        "matched": matched,
        "row_hits": row_hits,
        "recall": recall,
        "precision": precision,
        "f1": _f1(precision, recall),
        "mention_precision": mention_precision,
        "mention_f1": _f1(mention_precision, recall),
        "claims": len(claims),
        "rows": len(frame),
        "reporter": len(reporter_right) / max(1, len(matched)),
        "window": len(window_right) / max(1, len(matched)),
        "pairs_p": pair_p,
        "pairs_r": pair_r,
        "pairs_f1": _f1(pair_p, pair_r),
        "gold_pairs": gold_pairs,
        "found_pairs": found_pairs,
    }


def score_quantulum(gold: list[Gold]) -> dict[str, object] | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None
    found: list[tuple[str, float, int, int, str]] = []
    started = time.perf_counter()
    for path in sorted(SEEDS.glob("*.txt")):
        for q in parser.parse(path.read_text(encoding="utf-8")):
            found.append((path.name, float(q.value), q.span[0], q.span[1], q.surface))
    elapsed = time.perf_counter() - started
    hits: set[int] = set()
    matched: set[int] = set()
    for g in gold:
        for i, (doc, value, start, end, _) in enumerate(found):
            if doc == g.doc and _same_number(g.stated, value) and _overlaps(g.spans, start, end):
                hits.add(i)
                matched.add(g.index)
    recall = len(matched) / len(gold)
    precision = len(hits) / max(1, len(found))
    return {
        "recall": recall,
        "precision": precision,
        "f1": _f1(precision, recall),
        "found": found,
        "hits": hits,
        "matched": matched,
        "seconds": elapsed,
    }


def main() -> None:
    gold = load_gold()
    started = time.perf_counter()
    frame = extract_files([SEEDS], progress=False)
    elapsed = time.perf_counter() - started
    ours = score_claimrec(gold, frame)
    theirs = score_quantulum(gold)

    print(f"Gold: {len(gold)} mentions in {len({g.doc for g in gold})} documents")
    print(f"claimrec: {ours['rows']} rows, {ours['claims']} unique claims per document, "
          f"{elapsed:.2f} s for the 5 files (first call includes grammar compilation)")  # fmt: skip
    print()
    print("| score | claimrec | quantulum3 |")
    print("|---|---:|---:|")
    q = theirs or {}

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else "—"

    print(f"| figure + kind F1 (unique claims per document) | {ours['f1']:.3f} | — |")
    print(f"| figure F1 (mentions; quantulum3 by value only) | {ours['mention_f1']:.3f} | "
          f"{cell(q.get('f1'))} |")  # fmt: skip
    print(f"| figure recall (gold mentions found) | {ours['recall']:.3f} | "
          f"{cell(q.get('recall'))} |")  # fmt: skip
    print(f"| figure precision, unique claims | {ours['precision']:.3f} | — |")
    print(f"| figure precision, mentions | {ours['mention_precision']:.3f} | "
          f"{cell(q.get('precision'))} |")  # fmt: skip
    print(f"| reporter accuracy (matched) | {ours['reporter']:.3f} | — |")
    print(f"| window accuracy (matched) | {ours['window']:.3f} | — |")
    print(f"| measure grouping pairwise F1 | {ours['pairs_f1']:.3f} | — |")
    print(f"  (measure pairs: precision {ours['pairs_p']:.3f}, recall {ours['pairs_r']:.3f}, "
          f"{len(ours['gold_pairs'])} gold pairs)")  # type: ignore[arg-type]  # fmt: skip
    if theirs is not None:
        print(f"  (quantulum3: {len(theirs['found'])} quantities, {theirs['seconds']:.2f} s)")  # type: ignore[arg-type]

    matched: dict[int, pd.Series] = ours["matched"]  # type: ignore[assignment]
    print("\nMisses — gold mentions not found:")
    for g in gold:
        if g.index not in matched:
            print(f"  {g.doc[:3]} {g.kind} {g.stated}: {g.quote!r}")
    print("\nExtracted claims matching no gold mention:")
    row_hits: set[int] = ours["row_hits"]  # type: ignore[assignment]
    for rows in frame.groupby(["document", "claim_id"]).groups.values():
        if not any(int(i) in row_hits for i in rows):
            row = frame.loc[rows[0]]
            print(
                f"  {str(row['document'])[:3]} {row['value_text']!r} ({row['kind']}): "
                f"{row['quote'][:90]!r}"
            )
    print("\nReporter mismatches:")
    for g in gold:
        if g.index in matched:
            got = matched[g.index]["reporter"]
            got = None if pd.isna(got) else got
            if got != g.reporter:
                print(f"  {g.doc[:3]} {g.stated}: gold {g.reporter!r}, got {got!r}")
    print("\nWindow mismatches:")
    for g in gold:
        if g.index in matched and not window_ok(g, matched[g.index]):
            r = matched[g.index]
            print(f"  {g.doc[:3]} {g.stated}: gold {g.window_start}..{g.window_end}, got "
                  f"{r['start_earliest']}/{r['start_latest']}..{r['end_earliest']}/"
                  f"{r['end_latest']}")  # fmt: skip
    print("\nMeasure pairs missed (gold) / spurious (extracted):")
    by_index = {g.index: g for g in gold}
    gold_pairs: set[tuple[int, int]] = ours["gold_pairs"]  # type: ignore[assignment]
    found_pairs: set[tuple[int, int]] = ours["found_pairs"]  # type: ignore[assignment]
    for a, b in sorted(gold_pairs - found_pairs):
        print(f"  missed: {by_index[a].quote[:40]!r} ~ {by_index[b].quote[:40]!r} "
              f"({matched[a]['measure']!r} vs {matched[b]['measure']!r})")  # fmt: skip
    for a, b in sorted(found_pairs - gold_pairs):
        print(f"  spurious: {by_index[a].quote[:40]!r} ~ {by_index[b].quote[:40]!r} "
              f"({matched[a]['measure']!r})")  # fmt: skip
    if theirs is not None:
        print("\nquantulum3 — gold mentions not found:")
        q_matched: set[int] = theirs["matched"]  # type: ignore[assignment]
        for g in gold:
            if g.index not in q_matched:
                print(f"  {g.doc[:3]} {g.stated}: {g.quote[:70]!r}")


if __name__ == "__main__":
    main()
