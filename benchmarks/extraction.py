"""Score claim extraction against hand-checked gold: the seeds, and real articles.

    python benchmarks/extraction.py [ARTICLES] [--misses N] [--speed] [--check] [--merge]

Scores ``claimrec.extract_files`` on the bundled ``seeds/`` (publication facts
from ``seeds/publications.csv``, gold in ``tests/data/seeds.gold.jsonl``) and,
when ``ARTICLES`` is given, on a folder of development articles in the format
of the evaluation set: ``NN_name.txt`` starting with ``URL:`` and
``PUBLISHED:`` lines, a blank line and the text, beside ``NN_name.gold.jsonl``
(one gold object per mention). The header is not part of the article: the
body is written to a scratch folder with a ``publications.csv`` sidecar (the
way a user would give publication dates) and extracted from there, so spans
are offsets into the body. quantulum3's ``parser.parse`` runs on the same
texts and is scored on figures, side by side. ``--speed`` also times
extraction on 2,000-word articles assembled from the corpus' paragraphs (wall clock
and CPU time: on a shared machine the CPU rate is the steadier one) and prints the
process' peak memory.
``--check`` runs what ``claimrec check ARTICLES`` runs (publication dates from the
files' own header lines) and prints each contradiction beside what the folder's
INDEX.md expects for its articles. ``--merge`` times ``merge_measures`` on 1k, 2k and
4k distinct measure keys and prints the scaling.

Matching. A gold mention is found by an extracted row of the same document
whose figure equals the gold figure — ``stated`` (``low``/``high`` for
ranges; any figure of kind ``vague`` for a vague gold) — whose kind equals the
gold kind, and whose span overlaps an occurrence of the gold quote in the
document. Seed 003 repeats its own text; a row overlapping *any* occurrence
of a gold quote matches that mention, so the copy neither adds misses nor
false positives.

Scores.

* figure + kind F1 — recall over gold mentions; precision over unique claims
  per document (``(document, claim_id)``): a claim is right when one of its
  rows matches a gold mention. A mention-level precision is printed too.
* reporter — on matched gold mentions. Gold reporters of the articles are
  descriptions ("Pakistan relief operations chief Maj. Gen. Farooq Ahmed
  Khan", "Sudan Doctors Trade Union (SDTU)"), so a reporter is right when
  (a) both are empty, or (b) the extracted canonical name equals the gold, or
  both resolve to the same reporter-table entry, or (c) the content words of
  the extracted name (folded, titles and articles dropped) are all among the
  content words of the gold description or of one of its parentheses, or the
  other way round, or (d) the names in the extracted source (its capitalised
  words) are all in the gold description — "country's Ministry of Health" for
  "Sudan Ministry of Health" — or, when it has no name, its head noun (last
  word) is: "official electoral commission" for "Bahrain electoral
  commission". Words compare folded, with a final "s" dropped, and a word that
  begins the other counts ("Israel" / "Israeli"). The strict rate (canonical
  name equal) is printed too.
* window — on matched gold mentions, both ends at the gold's precision: the
  extracted uncertain end (earliest…latest) lies inside the gold's day, month
  or year; a null gold start means an open start, a null gold end an unknown
  end.
* measure grouping — pairwise F1 over matched gold mentions, across all
  documents of a corpus: pairs sharing a gold measure description vs pairs
  sharing a non-empty extracted measure key.
* quantulum3 has no bound kinds, reporters, windows or measures: its figures
  are scored by value alone (a quantity whose value equals the gold
  ``stated`` and overlaps an occurrence of the quote), at the mention level.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import resource
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import claimrec  # noqa: E402
from claimrec.read.files import usable_cores  # noqa: E402

SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"


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


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path  # article files and their publications.csv
    texts: dict[str, str]  # document name -> text as extracted
    gold: list[Gold]


def _occurrences(text: str, quote: str) -> tuple[tuple[int, int], ...]:
    spans = []
    position = text.find(quote)
    while position >= 0:
        spans.append((position, position + len(quote)))
        position = text.find(quote, position + 1)
    return tuple(spans)


def _gold(index: int, doc: str, row: dict[str, object], text: str) -> Gold:
    quote = str(row["quote"])
    spans = _occurrences(text, quote)
    if not spans:
        raise SystemExit(f"gold quote not in {doc}: {quote!r}")

    def number(name: str) -> float | None:
        value = row.get(name)
        return None if value is None else float(value)  # type: ignore[arg-type]

    def text_or_none(name: str) -> str | None:
        value = row.get(name)
        return None if value is None else str(value)

    return Gold(
        index,
        doc,
        quote,
        number("stated"),
        number("low"),
        number("high"),
        str(row["kind"]),
        str(row["measure"]),
        text_or_none("reporter"),
        text_or_none("window_start"),
        text_or_none("window_end"),
        spans,
    )


def seeds_corpus() -> Corpus:
    texts: dict[str, str] = {}
    gold: list[Gold] = []
    for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        doc = row["doc"]
        if doc not in texts:
            texts[doc] = (SEEDS / doc).read_text(encoding="utf-8")
        gold.append(_gold(len(gold), doc, row, texts[doc]))
    return Corpus("seeds", SEEDS, texts, gold)


_HEADER = re.compile(r"\A((?:[A-Z]+:[^\n]*\n)+)\n")


def articles_corpus(folder: Path, scratch: Path) -> Corpus:
    """Bodies written to ``scratch`` with a publications.csv from their headers."""
    texts: dict[str, str] = {}
    gold: list[Gold] = []
    facts: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = path.with_name(path.stem + ".gold.jsonl")
        if not gold_path.exists():
            continue
        raw = path.read_text(encoding="utf-8")
        header = _HEADER.match(raw)
        fields: dict[str, str] = {}
        body = raw
        if header:
            for line in header.group(1).splitlines():
                key, _, value = line.partition(":")
                fields[key.strip().lower()] = value.strip()
            body = raw[header.end() :]
        (scratch / path.name).write_text(body, encoding="utf-8")
        texts[path.name] = body
        published = fields.get("published", "").split(" ")[0]
        facts.append({"file": path.name, "url": fields.get("url", ""), "published": published})
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold.append(_gold(len(gold), path.name, json.loads(line), body))
    with (scratch / "publications.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "url", "published"])
        writer.writeheader()
        writer.writerows(facts)
    return Corpus("articles", scratch, texts, gold)


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _same_number(a: float | None, b: object) -> bool:
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-9)  # type: ignore[arg-type]


def figure_matches(g: Gold, row: pd.Series) -> bool:
    if row["document"] != g.doc or row["kind"] != g.kind:
        return False
    if pd.isna(row["span_start"]) or pd.isna(row["span_end"]):
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


# Words that say what kind of person or body a source is, not which one.
_TITLES = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "s",
        "via",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "maj",
        "lt",
        "col",
        "sen",
        "rep",
        "prof",
        "professor",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "head",
        "minister",
    ]
)


def _content_words(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text).casefold().replace("’", "'")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", folded.replace("'s ", " ").replace(".", ""))
    stems = {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}
    return frozenset(stems - _TITLES)


def _gold_alternatives(gold: str) -> list[frozenset[str]]:
    inner = re.findall(r"\(([^)]*)\)", gold)
    outer = re.sub(r"\([^)]*\)", " ", gold)
    return [
        w for w in (_content_words(outer), *map(_content_words, inner), _content_words(gold)) if w
    ]


def reporter_ok(g: Gold, row: pd.Series) -> bool:
    got = None if pd.isna(row["reporter"]) else str(row["reporter"])
    if g.reporter is None or got is None:
        return g.reporter is None and got is None
    if got == g.reporter:
        return True
    resolved = claimrec.resolve_reporter(g.reporter)
    if resolved.resolved and resolved.name == got:
        return True
    written = row.get("reporter_as_written")
    names = {got} | ({str(written)} if isinstance(written, str) else set())
    gold_words = _content_words(g.reporter)
    for name in names:
        words = _content_words(name)
        if words and any(words <= alt or alt <= words for alt in _gold_alternatives(g.reporter)):
            return True
        capitals = _content_words(" ".join(w for w in name.split() if w[:1].isupper()))
        key = capitals or _content_words(name.split()[-1]) if name.split() else frozenset()
        if key and all(_word_in(word, gold_words) for word in key):
            return True
    return False


def _word_in(word: str, words: frozenset[str]) -> bool:
    return any(
        w == word or (min(len(w), len(word)) >= 4 and (w.startswith(word) or word.startswith(w)))
        for w in words
    )


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _pairs(labels: dict[int, str]) -> set[tuple[int, int]]:
    return {
        (a, b) for a, b in combinations(sorted(labels), 2) if labels[a] and labels[a] == labels[b]
    }


@dataclass
class Score:
    matched: dict[int, pd.Series]
    row_hits: set[int]
    recall: float
    precision: float
    mention_precision: float
    claims: int
    rows: int
    reporter: float
    reporter_strict: float
    window: float
    pairs_p: float
    pairs_r: float
    gold_pairs: set[tuple[int, int]]
    found_pairs: set[tuple[int, int]]

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def mention_f1(self) -> float:
        return _f1(self.mention_precision, self.recall)

    @property
    def pairs_f1(self) -> float:
        return _f1(self.pairs_p, self.pairs_r)


def score_claimrec(gold: list[Gold], frame: pd.DataFrame) -> Score:
    frame = frame.reset_index(drop=True)
    matched: dict[int, pd.Series] = {}
    row_hits: set[int] = set()
    by_doc = dict(list(frame.groupby("document")))
    for g in gold:
        part = by_doc.get(g.doc)
        if part is None:
            continue
        for i, row in part.iterrows():
            if figure_matches(g, row):
                row_hits.add(int(i))  # type: ignore[call-overload]
                matched.setdefault(g.index, row)
    claims = frame.groupby(["document", "claim_id"]).groups if len(frame) else {}
    claim_hits = sum(1 for rows in claims.values() if any(int(i) in row_hits for i in rows))
    hit = [g for g in gold if g.index in matched]
    strict = [
        g
        for g in hit
        if (None if pd.isna(matched[g.index]["reporter"]) else matched[g.index]["reporter"])
        == g.reporter
    ]
    gold_labels = {g.index: g.measure for g in hit}
    found_labels = {
        g.index: "" if pd.isna(matched[g.index]["measure"]) else str(matched[g.index]["measure"])
        for g in hit
    }
    gold_pairs, found_pairs = _pairs(gold_labels), _pairs(found_labels)
    both = len(gold_pairs & found_pairs)
    return Score(
        matched=matched,
        row_hits=row_hits,
        recall=len(matched) / max(1, len(gold)),
        precision=claim_hits / max(1, len(claims)),
        mention_precision=len(row_hits) / max(1, len(frame)),
        claims=len(claims),
        rows=len(frame),
        reporter=sum(reporter_ok(g, matched[g.index]) for g in hit) / max(1, len(hit)),
        reporter_strict=len(strict) / max(1, len(hit)),
        window=sum(window_ok(g, matched[g.index]) for g in hit) / max(1, len(hit)),
        pairs_p=both / max(1, len(found_pairs)),
        pairs_r=both / max(1, len(gold_pairs)),
        gold_pairs=gold_pairs,
        found_pairs=found_pairs,
    )


@dataclass
class PeerScore:
    recall: float
    precision: float
    quantities: int
    seconds: float
    startup: float
    matched: set[int]

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def score_quantulum(corpus: Corpus) -> PeerScore | None:
    try:
        started = time.perf_counter()
        from quantulum3 import parser

        parser.parse("warm up: 3 km")  # its first call loads its data
        startup = time.perf_counter() - started
    except ImportError:
        return None
    found: list[tuple[str, float, int, int]] = []
    started = time.perf_counter()
    for doc, text in corpus.texts.items():
        for q in parser.parse(text):
            found.append((doc, float(q.value), q.span[0], q.span[1]))
    elapsed = time.perf_counter() - started
    hits: set[int] = set()
    matched: set[int] = set()
    for g in corpus.gold:
        for i, (doc, value, start, end) in enumerate(found):
            if doc == g.doc and _same_number(g.stated, value) and _overlaps(g.spans, start, end):
                hits.add(i)
                matched.add(g.index)
    return PeerScore(
        recall=len(matched) / max(1, len(corpus.gold)),
        precision=len(hits) / max(1, len(found)),
        quantities=len(found),
        seconds=elapsed,
        startup=startup,
        matched=matched,
    )


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def print_scores(corpus: Corpus, ours: Score, theirs: PeerScore | None, seconds: float) -> None:
    docs = len(corpus.texts)
    print(f"\n## {corpus.name}: {len(corpus.gold)} gold mentions in {docs} documents")
    print(f"claimrec: {ours.rows} rows, {ours.claims} unique claims per document, "
          f"{seconds:.2f} s for {docs} files")  # fmt: skip
    if theirs is not None:
        print(f"quantulum3: {theirs.quantities} quantities, {theirs.seconds:.2f} s "
              f"(plus {theirs.startup:.2f} s loading on first call)")  # fmt: skip
    q = theirs
    print()
    print("| score | claimrec | quantulum3 |")
    print("|---|---:|---:|")
    print(f"| figure + kind F1 (unique claims per document) | {ours.f1:.3f} | — |")
    print(f"| figure F1 (mentions; quantulum3 by value only) | {ours.mention_f1:.3f} | "
          f"{_cell(q.f1 if q else None)} |")  # fmt: skip
    print(f"| figure recall (gold mentions found) | {ours.recall:.3f} | "
          f"{_cell(q.recall if q else None)} |")  # fmt: skip
    print(f"| figure precision, unique claims | {ours.precision:.3f} | — |")
    print(f"| figure precision, mentions | {ours.mention_precision:.3f} | "
          f"{_cell(q.precision if q else None)} |")  # fmt: skip
    print(f"| reporter (matched) | {ours.reporter:.3f} | — |")
    print(f"| reporter, canonical name equal (matched) | {ours.reporter_strict:.3f} | — |")
    print(f"| window (matched) | {ours.window:.3f} | — |")
    print(f"| measure grouping pairwise F1 | {ours.pairs_f1:.3f} | — |")
    print(f"  (measure pairs: precision {ours.pairs_p:.3f}, recall {ours.pairs_r:.3f}, "
          f"{len(ours.gold_pairs)} gold pairs, {len(ours.found_pairs)} found)")  # fmt: skip


def print_misses(corpus: Corpus, ours: Score, frame: pd.DataFrame, limit: int) -> None:
    frame = frame.reset_index(drop=True)
    gold = corpus.gold
    matched = ours.matched

    def short(doc: str) -> str:
        return doc[:3] if corpus.name == "seeds" else doc.split("_")[0]

    def capped(lines: Sequence[str], title: str) -> None:
        print(f"\n{title} ({len(lines)}):")
        for line in lines[:limit]:
            print(line)
        if len(lines) > limit:
            print(f"  … {len(lines) - limit} more")

    capped(
        [
            f"  {short(g.doc)} {g.kind} {g.stated}: {g.quote[:90]!r}"
            for g in gold
            if g.index not in matched
        ],
        "Misses — gold mentions not found",
    )
    spurious = []
    groups = frame.groupby(["document", "claim_id"]).groups if len(frame) else {}
    for rows in groups.values():
        if not any(int(i) in ours.row_hits for i in rows):
            row = frame.loc[rows[0]]
            spurious.append(
                f"  {short(str(row['document']))} {row['value_text']!r} ({row['kind']}): "
                f"{str(row['quote'])[:90]!r}"
            )
    capped(spurious, "Extracted claims matching no gold mention")
    capped(
        [
            f"  {short(g.doc)} {g.stated}: gold {g.reporter!r}, got "
            f"{None if pd.isna(matched[g.index]['reporter']) else matched[g.index]['reporter']!r}"
            for g in gold
            if g.index in matched and not reporter_ok(g, matched[g.index])
        ],
        "Reporter mismatches",
    )
    capped(
        [
            f"  {short(g.doc)} {g.stated}: gold {g.window_start}..{g.window_end}, got "
            f"{matched[g.index]['start_earliest']}/{matched[g.index]['start_latest']}.."
            f"{matched[g.index]['end_earliest']}/{matched[g.index]['end_latest']} "
            f"from {matched[g.index]['window_text']!r}"
            for g in gold
            if g.index in matched and not window_ok(g, matched[g.index])
        ],
        "Window mismatches",
    )
    by_index = {g.index: g for g in gold}
    lines = [
        f"  missed: {by_index[a].quote[:40]!r} ~ {by_index[b].quote[:40]!r} "
        f"({matched[a]['measure']!r} vs {matched[b]['measure']!r})"
        for a, b in sorted(ours.gold_pairs - ours.found_pairs)
    ]
    lines += [
        f"  spurious: {by_index[a].quote[:40]!r} ~ {by_index[b].quote[:40]!r} "
        f"({matched[a]['measure']!r}; gold {by_index[a].measure!r} vs {by_index[b].measure!r})"
        for a, b in sorted(ours.found_pairs - ours.gold_pairs)
    ]
    capped(lines, "Measure pairs missed (gold) / spurious (extracted)")


def speed(corpus: Corpus, *, words: int = 2000, articles: int = 100) -> None:
    """Articles of about ``words`` words assembled from the corpus' paragraphs."""
    paragraphs = [p for text in corpus.texts.values() for p in text.split("\n\n") if p.strip()]
    rng = random.Random(7)
    texts = []
    for _ in range(articles):
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        texts.append("\n\n".join(chosen))
    claimrec.extract(texts[0], published="2024-01-01")  # grammar compilation, once
    started, cpu = time.perf_counter(), time.process_time()
    rows = 0
    for i, text in enumerate(texts):
        rows += len(claimrec.extract(text, published="2024-01-01", document=str(i)))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"\n## speed: {articles} articles of about {words} words from {corpus.name}'s paragraphs")
    print(f"{articles / elapsed:.1f} articles/s ({elapsed:.2f} s wall clock, {rows} rows); "
          f"{articles / cpu:.1f} articles/s of CPU time ({cpu:.2f} s); "
          f"peak memory of the process {peak:.0f} MB")  # fmt: skip
    folder_speed(texts)


def folder_speed(texts: Sequence[str]) -> None:
    """The same articles as files of one folder, read as ``claimrec extract FOLDER``
    reads them: in this process, then with one worker process per usable core (what a
    user gets with ``--jobs``; the workers' start-up is inside the wall clock)."""
    cores = usable_cores()
    with tempfile.TemporaryDirectory() as scratch:
        for i, text in enumerate(texts):
            Path(scratch, f"{i:03d}.txt").write_text(text, encoding="utf-8")
        for jobs in sorted({1, cores}):
            started = time.perf_counter()
            frame = claimrec.extract_files([scratch], jobs=jobs, progress=False,
                                           publications={f"{i:03d}.txt": "2024-01-01"
                                                         for i in range(len(texts))})  # fmt: skip
            elapsed = time.perf_counter() - started
            print(f"folder of {len(texts)} files, jobs={jobs}: {len(texts) / elapsed:.1f} "
                  f"articles/s wall clock ({elapsed:.2f} s, {len(frame)} rows)")  # fmt: skip


def check_against_index(folder: Path) -> None:
    """``claimrec check FOLDER`` as a user runs it, each contradiction set beside the
    relations INDEX.md lists for its articles ("**contradict**" in the article's row)."""
    index = (folder / "INDEX.md").read_text(encoding="utf-8")
    expects: dict[str, bool] = {}
    for line in index.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and re.fullmatch(r"\d\d", cells[1]):
            expects[cells[1]] = "**contradict**" in line
    started = time.perf_counter()
    report = claimrec.reconcile(claimrec.extract_files([folder], progress=False))
    elapsed = time.perf_counter() - started
    claims = report.claims.drop_duplicates("claim_id").set_index("claim_id")
    groups = report.groups.set_index("group")
    print(f"\n## claimrec check {folder.name}/ ({elapsed:.2f} s)")
    contradicted = groups[groups["verdict"] == "contradict"]
    print(f"{len(contradicted)} contradicted group(s) of {len(groups)}, "
          f"{len(report.conflicts)} conflict(s)")  # fmt: skip
    expected_hits = 0
    for gid, group in contradicted.iterrows():
        members = report.conflicts[report.conflicts["group"] == gid]
        ids = {i for row in members["claims"] for i in str(row).split("; ")}
        docs = sorted({str(claims.loc[i, "document"])[:2] for i in ids if i in claims.index})
        values = sorted({str(claims.loc[i, "value_text"]) for i in ids if i in claims.index})
        expected = any(expects.get(d, False) for d in docs)
        expected_hits += expected
        mark = "expected by INDEX" if expected else "NOT EXPECTED"
        print(f"  [{mark}] {group['measure']!r} in {', '.join(docs)}: {'; '.join(values)}")
    wanted = sorted(d for d, yes in expects.items() if yes)
    print(f"{expected_hits} of {len(contradicted)} contradicted groups are in articles where "
          f"INDEX.md expects a contradiction; INDEX.md expects them in {len(wanted)} "
          f"article(s): {', '.join(wanted)}")  # fmt: skip


def merge_scaling(sizes: Sequence[int] = (1000, 2000, 4000)) -> None:
    """``merge_measures`` on n distinct keys in one document (half under-specified
    "deaths" keys, half qualified by a place), timed at each size."""
    from dataclasses import replace

    from claimrec.extract import merge_measures
    from claimrec.record import Claim

    base = claimrec.claim("120", measure="deaths", published="2024-05-20", document="one")
    print("\n## merge_measures scaling (distinct keys in one document)")
    previous: float | None = None
    for n in sizes:
        claims: list[Claim] = []
        for i in range(n // 2):
            event = f"event{i}"
            claims.append(replace(base, measure=f"death {event}", measure_text=f"deaths {event}"))
            claims.append(
                replace(base, measure=f"death {event} place{i}",
                        measure_text=f"deaths {event} in Place{i}")
            )  # fmt: skip
        started = time.perf_counter()
        merge_measures(claims)
        elapsed = time.perf_counter() - started
        ratio = "" if previous is None else f" ({elapsed / previous:.2f}x the previous size)"
        print(f"{n} keys: {elapsed * 1000:.1f} ms{ratio}")
        previous = elapsed
    print("(doubling the keys about doubles the time: linear; quadratic would be ~4x)")


def run(corpus: Corpus, *, misses: int) -> None:
    started = time.perf_counter()
    frame = claimrec.extract_files([corpus.folder], progress=False)
    elapsed = time.perf_counter() - started
    ours = score_claimrec(corpus.gold, frame)
    print_scores(corpus, ours, score_quantulum(corpus), elapsed)
    print_misses(corpus, ours, frame, misses)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, help="folder of development articles")
    parser.add_argument("--misses", type=int, default=40, help="misses printed per list")
    parser.add_argument("--speed", action="store_true", help="time 2,000-word articles")
    parser.add_argument("--check", action="store_true", help="claimrec check vs INDEX.md")
    parser.add_argument("--merge", action="store_true", help="merge_measures scaling")
    args = parser.parse_args(argv)
    claimrec.extract("Warm-up: 3 people died on Monday.", published="2024-01-02")
    seeds = seeds_corpus()
    run(seeds, misses=args.misses)
    if args.articles is not None:
        with tempfile.TemporaryDirectory() as scratch:
            articles = articles_corpus(args.articles, Path(scratch))
            run(articles, misses=args.misses)
            if args.speed:
                speed(articles)
        if args.check:
            check_against_index(args.articles)
    elif args.speed:
        speed(seeds)
    if args.merge:
        merge_scaling()


if __name__ == "__main__":
    main()
