"""Reasons in words, written when a table is read.

The engine stores why it judged as it did in structured columns (claim indices,
codes, overlaps, gaps); the sentences of the ``reason``, ``consensus`` and
``consensus_rests_on`` columns are written from them here, for the rows asked
for: the whole table when a user reads ``report.pairs``, a few rows for the
summary. Every reason is a full sentence naming the figures, windows and bounds
that make the claims compatible or not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.describe import describe_figure
from claimrec.policy import Policy
from claimrec.reconcile.columns import NO_DAY, ClaimTable
from claimrec.reconcile.level import AGREE, CONTRADICT, DIFFER, MOMENTS, SLACK
from claimrec.value import format_number

__all__ = ["Renderer"]

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]

FLOW, LEVEL = 0, 1
VERDICTS = ("contradict", "diverge", "agree", "single")


def _percent(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "an unbounded share"


class _Words:
    """Claims in words for one rendering: columns read as Python lists when many rows
    are written, each day, window, figure and claim written once."""

    def __init__(self, t: ClaimTable, rows: int) -> None:
        self.t = t
        self.many = rows > 2_000
        self.lists: dict[str, object] = {}
        self.iso: dict[int, str] = {}
        self.claims: dict[int, str] = {}
        self.windows: dict[int, str] = {}
        self.figures: dict[int, str] = {}

    def col(self, name: str) -> Any:
        found = self.lists.get(name)
        if found is None:
            array = getattr(self.t, name)
            found = self.lists[name] = array.tolist() if self.many else array
        return found

    def day(self, n: int) -> str:
        text = self.iso.get(n)
        if text is None:
            text = self.iso[n] = date.fromordinal(int(n)).isoformat()
        return text

    def known(self, n: int) -> str:
        """A day, or "an unknown day" (as :func:`describe_day`)."""
        return "an unknown day" if n == NO_DAY else self.day(n)

    def uncertain(self, earliest: int, latest: int) -> str:
        if earliest == NO_DAY or latest == NO_DAY:
            return "an unknown day"
        if earliest == latest:
            return self.day(earliest)
        return f"{self.day(earliest)}…{self.day(latest)}"

    def window(self, i: int) -> str:
        text = self.windows.get(i)
        if text is None:
            ee, el = self.col("end_earliest")[i], self.col("end_latest")[i]
            se, sl = self.col("start_earliest")[i], self.col("start_latest")[i]
            if ee == NO_DAY:
                text = "over an unknown window"
            else:
                end = self.uncertain(ee, el)
                if se == NO_DAY:
                    text = f"up to {end}"
                else:
                    start = self.uncertain(se, sl)
                    text = f"on {start}" if start == end else f"from {start} to {end}"
            self.windows[i] = text
        return text

    def figure(self, i: int) -> str:
        text = self.figures.get(i)
        if text is None:
            stated = float(self.col("stated")[i])
            text = self.figures[i] = describe_figure(
                str(self.col("kind")[i]),
                None if math.isnan(stated) else stated,
                float(self.col("low")[i]),
                float(self.col("high")[i]),
                str(self.col("unit")[i]),
            )
        return text

    def reporter(self, i: int) -> str:
        name = self.col("reporter")[i]
        return "unattributed" if name is None else str(name)

    def claim(self, i: int) -> str:
        """ "HUR: >150 up to 2025-05-24 ("as of May 24")" — as :func:`describe_claim`."""
        text = self.claims.get(i)
        if text is None:
            written = self.col("window_text")[i]
            shown = f' ("{written}")' if written else ""
            text = f"{self.reporter(i)}: {self.figure(i)} {self.window(i)}{shown}"
            self.claims[i] = text
        return text


@dataclass(frozen=True, slots=True)
class Renderer:
    """What the sentences need: the claims (after folding), the policy, per claim
    whether its bounds are unbounded above (documented counts) and per group its
    label, unit and origin."""

    support: Ints  # claims flow consensus rests on: rows ``_support_start:_support_stop``
    claims: ClaimTable
    policy: Policy
    unbounded: Bools  # per claim: upper bound infinite in its group's unit
    documented: Bools  # per claim
    label: NDArray[np.object_]  # per group
    unit: NDArray[np.object_]  # per group (unit name)
    origin: Ints  # per group

    # --- pairs ----------------------------------------------------------------------

    def pairs(self, data: pd.DataFrame) -> dict[str, list[str]]:
        out: list[str] = []
        w = _Words(self.claims, len(data))
        a_index = data["_a"].to_numpy()
        b_index = data["_b"].to_numpy()
        for a, b, kind, verdict, overlap, close, says, gap in zip(
            a_index.tolist(),
            b_index.tolist(),
            data["_kind"].tolist(),
            data["_verdict"].tolist(),
            data["_overlap"].tolist(),
            data["_close"].tolist(),
            data["_says"].tolist(),
            data["gap"].tolist(),
            strict=True,
        ):
            described = f"{w.claim(a)} and {w.claim(b)}"
            if kind == FLOW:
                out.append(self._flow_pair(w, a, b, verdict != 0, overlap, close, described))
            else:
                out.append(self._level_pair(w, a, b, says, gap, described))
        t = self.claims
        names = np.where(t.reporter == None, "unattributed", t.reporter)  # noqa: E711
        verdicts = np.asarray(VERDICTS, dtype=object)[data["_verdict"].to_numpy()]
        return {
            "claim_a": t.ids[a_index].tolist(),
            "claim_b": t.ids[b_index].tolist(),
            "reporter_a": names[a_index].tolist(),
            "reporter_b": names[b_index].tolist(),
            "verdict": verdicts.tolist(),
            "reason": out,
        }

    def _flow_pair(
        self,
        w: _Words,
        a: int,
        b: int,
        feasible: bool,
        overlap: float,
        close: bool,
        described: str,
    ) -> str:
        policy = self.policy
        if not feasible:
            return (
                f"{described} cannot both be true: a count cannot fall over time, and one's "
                "lower bound is above the other's upper bound for a window it contains."
            )
        same_window = self._same_window(w, a, b)
        if close and overlap >= policy.comparable_overlap:
            how = "the same figure" if self._same_value(w, a, b) else "figures within tolerance"
            if same_window:
                window = "over the same window"
            else:
                how_much = (
                    "may coincide"
                    if overlap >= 0.99
                    else f"may overlap by {overlap:.0%} of their length"
                )
                window = (
                    f"{w.reporter(a)}'s window ({w.window(a)}) and "
                    f"{w.reporter(b)}'s ({w.window(b)}) {how_much} under some "
                    "reading of their uncertain ends"
                )
            return f"{described} agree: {how}, {window}."
        notes = [] if same_window else self._window_notes(w, a, b)
        notes += [n for n in (self._kind_note(w, a), self._kind_note(w, b)) if n]
        method = w.col("method")
        ma, mb = method[a], method[b]
        if ma != mb and (ma or mb):
            notes.append(f"methods differ ({ma or 'unstated'} against {mb or 'unstated'})")
        if not notes:
            notes.append("their bounds overlap")
        lead = (
            "give similar figures over windows that are not comparable"
            if close
            else "give different figures"
        )
        return f"{described} {lead}, yet both can be true: " + "; ".join(notes) + "."

    def _level_pair(self, w: _Words, a: int, b: int, says: int, gap: float, described: str) -> str:
        if says == MOMENTS:
            return f"{described} describe different moments, and a level can change between them."
        if says == CONTRADICT:
            return (
                f"{described}: at the same moment (within their date precision) the level "
                f"cannot be both {w.figure(a)} and {w.figure(b)}; they "
                f"are {format_number(gap)} apart."
            )
        if says == SLACK:
            return (
                f"{described}: the intervals miss each other by {format_number(gap)}, within "
                f"the policy's slack of {self.policy.slack:.0%}."
            )
        if says == AGREE:
            return f"{described}: the figures are within tolerance at the same moment."
        assert says == DIFFER
        return (
            f"{described}: the figures differ, yet both can be true at the same moment because "
            "their intervals overlap."
        )

    def level_chain(self, a: int, b: int, gap: float) -> str:
        w = _Words(self.claims, 1)
        return self._level_pair(w, a, b, CONTRADICT, gap, f"{w.claim(a)} and {w.claim(b)}")

    def _same_window(self, w: _Words, a: int, b: int) -> bool:
        return all(
            w.col(name)[a] == w.col(name)[b]
            for name in ("start_earliest", "start_latest", "end_earliest", "end_latest",
                         "window_kind")
        )  # fmt: skip

    def _same_value(self, w: _Words, a: int, b: int) -> bool:
        def same(name: str) -> bool:
            x, y = w.col(name)[a], w.col(name)[b]
            nan = isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y)
            return bool(nan or x == y)

        return all(
            same(name)
            for name in ("stated", "low", "high", "low_closed", "high_closed", "kind", "unit",
                         "precision")
        )  # fmt: skip

    def _kind_note(self, w: _Words, i: int) -> str | None:
        kind = w.col("kind")[i]
        who = w.reporter(i)
        if kind not in ("at_least", "more_than") and self.unbounded[i] and self.documented[i]:
            return f"{who}'s figure is a documented count, a lower bound on the true count"
        if kind in ("at_least", "more_than"):
            return f"{who}'s figure is a lower bound"
        if kind in ("at_most", "less_than"):
            return f"{who}'s figure is an upper bound"
        if kind == "approx":
            return f"{who}'s figure is approximate"
        if kind in ("range", "vague"):
            return f"{who} gives a range"
        if not math.isnan(float(w.col("precision")[i])):
            return f"{who}'s figure is rounded"
        return None

    def _window_notes(self, w: _Words, a: int, b: int) -> list[str]:
        """How two windows differ, in words."""
        parts: list[str] = []
        end_latest = w.col("end_latest")
        la, lb = end_latest[a], end_latest[b]
        if la != NO_DAY and lb != NO_DAY and la != lb:
            later, earlier = (a, b) if la > lb else (b, a)
            gap = abs(int(la) - int(lb))
            parts.append(
                f"{w.reporter(later)}'s window ends up to {gap} day(s) later "
                f"({w.day(end_latest[later])} against {w.day(end_latest[earlier])}), and a "
                "count can grow in between"
            )
        se, sl = w.col("start_earliest"), w.col("start_latest")
        open_a, open_b = se[a] == NO_DAY, se[b] == NO_DAY
        if open_a != open_b:
            running, dated = (a, b) if open_a else (b, a)
            parts.append(
                f"{w.reporter(running)} gives a running total from the start of the count "
                f"while {w.reporter(dated)} counts {w.window(dated)}"
            )
        elif not open_a and se[a] != se[b]:
            parts.append(
                "they start on different days "
                f"({w.uncertain(se[a], sl[a])} against {w.uncertain(se[b], sl[b])})"
            )
        if not parts:
            parts.append("their windows differ in their uncertain ends")
        return parts

    # --- groups ---------------------------------------------------------------------

    def groups(self, data: pd.DataFrame) -> dict[str, list[str]]:
        reasons: list[str] = []
        texts: list[str] = []
        rests: list[str] = []
        supporters: list[str] = []
        w = _Words(self.claims, len(data))
        columns = list(data.columns)
        for values in zip(*(data[name].tolist() for name in columns), strict=True):
            row = dict(zip(columns, values, strict=True))
            g = int(row["_g"])
            label = str(row["label"])
            n = int(row["claims"])
            verdict = str(row["verdict"])
            if verdict == "single":
                reasons.append(
                    f"{w.claim(int(row['_first']))} is the only claim about {label} in "
                    "its window, so there is nothing to compare it with."
                )
            elif verdict == "contradict":
                reasons.append(
                    f"{int(row['_conflicts'])} minimal set(s) of the {n} claims about {label} "
                    f"cannot all be true; the largest gap is {format_number(float(row['gap']))} "
                    f"({_percent(float(row['relative_gap']))} of the figures involved), and "
                    "each set is listed in the conflicts."
                )
            elif verdict == "agree":
                reasons.append(
                    f"All {n} claims about {label} agree: each of the {int(row['_pairs'])} "
                    "compared pair(s) gives figures within tolerance over comparable windows."
                )
            else:
                largest = float(row["largest_difference"])
                spread = (
                    f" the largest difference between compared figures is {_percent(largest)};"
                    if math.isfinite(largest)
                    else ""
                )
                agreeing = int(row["_agreeing"])
                total = int(row["_pairs"])
                reasons.append(
                    f"The {n} claims about {label} can all be true together, yet their figures "
                    f"differ:{spread} {total - agreeing} of {total} compared pair(s) diverge "
                    f"and {agreeing} agree."
                )
            text, rest, support = "", "", ""
            if row["_consensus"] == FLOW:
                text = _implied_text(
                    float(row["consensus_low"]),
                    float(row["consensus_high"]),
                    int(row["_start"]),
                    int(row["_stop"]),
                    int(self.origin[g]),
                    label,
                )
                rest = "; ".join(
                    w.claim(int(i))
                    for i in self.support[int(row["_support_start"]) : int(row["_support_stop"])]
                )
            elif row["_consensus"] == LEVEL:
                names: tuple[str, ...] = row["_supporters"]
                support = "; ".join(names)
                text = _level_text(
                    float(row["consensus_value"]),
                    names,
                    int(row["consensus_sources"]),
                    float(row["consensus_share"]),
                    float(row["consensus_low"]),
                    float(row["consensus_high"]),
                    str(self.unit[g]),
                    label,
                    weighted=bool(row["_weighted"]),
                )
            texts.append(text)
            rests.append(rest)
            supporters.append(support)
        return {
            "reason": reasons,
            "consensus": texts,
            "consensus_rests_on": rests,
            "consensus_supporters": supporters,
        }

    # --- corrections ----------------------------------------------------------------

    def notes(self, data: pd.DataFrame) -> dict[str, list[str]]:
        w = _Words(self.claims, len(data))
        end = w.col("end_latest")
        out: list[str] = []
        for kind, kept, dropped, also, kept_pub, dropped_pub in zip(
            data["type"].tolist(),
            data["_kept"].tolist(),
            data["_dropped"].tolist(),
            data["_also"].tolist(),
            data["_kept_published"].tolist(),
            data["_dropped_published"].tolist(),
            strict=True,
        ):
            if kind == "qualifier":
                out.append(
                    f"{w.reporter(kept)}'s figure is reported both as {w.figure(dropped)} and "
                    f"as {w.figure(kept)}; the more precise reading, {w.figure(kept)}, is kept "
                    "and the mentions count once."
                )
            elif kind == "revision":
                out.append(
                    f"{w.reporter(kept)} revised its figure for the same window from "
                    f"{w.figure(dropped)} (published {w.known(dropped_pub)}) to "
                    f"{w.figure(kept)} (published {w.known(kept_pub)}); the later "
                    "figure replaces the earlier one and the change is not counted as a "
                    "disagreement."
                )
            else:
                more = (
                    f"; it also replaces {also} earlier figure(s) of the series above it"
                    if also > 0
                    else ""
                )
                out.append(
                    f"{w.reporter(kept)}'s running total went down, from {w.figure(dropped)} "
                    f"up to {w.known(end[dropped])} to "
                    f"{w.figure(kept)} up to {w.known(end[kept])}: "
                    f"the later figure corrects the earlier one{more}, and the step is not "
                    "counted as a disagreement."
                )
        return {"reason": out}


def _implied_text(low: float, high: float, start: int, stop: int, origin: int, label: str) -> str:
    if start <= origin:
        span = f"by {date.fromordinal(stop - 1).isoformat()}"
    else:
        last = date.fromordinal(stop - 1).isoformat()
        first = date.fromordinal(start).isoformat()
        span = f"from {first} to {last}" if first != last else f"on {first}"
    if math.isinf(high) and low <= 0:
        return f"the claims set no bound on {label} {span}."
    if math.isinf(high):
        return f"all claims together imply at least {format_number(low)} {label} {span}."
    if low <= 0:
        return f"all claims together imply at most {format_number(high)} {label} {span}."
    if low == high:
        return f"all claims together imply exactly {format_number(low)} {label} {span}."
    return (
        f"all claims together imply {format_number(low)} to {format_number(high)} {label} {span}."
    )


def _level_text(
    value: float,
    supporters: tuple[str, ...],
    sources: int,
    share: float,
    allowed_low: float,
    allowed_high: float,
    unit: str,
    label: str,
    *,
    weighted: bool,
) -> str:
    suffix = "" if unit == "count" else f" {unit}"
    figure_text = format_number(value) + suffix
    how = "the most reliable weight" if weighted else "the most independent sources"
    agreeing = (
        f"{len(supporters)} of {sources} sources ({share:.0%}"
        + (" of the weight" if weighted else "")
        + f"): {', '.join(supporters)}"
    )
    if allowed_low <= allowed_high:
        allowed = (
            f"every claim allows {format_number(allowed_low)} to {format_number(allowed_high)}"
            f"{suffix}"
        )
    else:
        allowed = "no single value satisfies every claim"
    return (
        f"the value of {label} supported by {how} is {figure_text}, given by {agreeing}; {allowed}."
    )
