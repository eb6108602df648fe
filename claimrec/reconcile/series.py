"""One reporter's figures over time: repeated mentions, revisions and corrections.

* Mentions of one figure that disagree on its qualifier (a headline's "150" over
  a body's "over 150") are one claim: the more precise reading is kept.
* A later figure from the same reporter for the same window is a revision: it
  supersedes the earlier one.
* A reporter's series of a running total (its figures of one measure from one
  start, in the order of their end days) is compared figure by figure at the
  stated values — a reporter's own "about" is no licence to go down. Each
  downward step is one correction, naming both figures and days; the later
  figure supersedes every earlier figure of the series above it. Levels may go
  down: they are never corrected.

Superseded claims leave the comparison; every one is listed in the report. All
three passes work on the claim table's columns: buckets and series are runs of
one lexicographic sort, their decisions array operations; only ties that the
figures' text form breaks look at single claims.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from claimrec.reconcile.columns import NO_DAY, ClaimTable, codes_of
from claimrec.reconcile.segments import first_of_runs, runs_layout
from claimrec.textform import ValueForm, value_text

__all__ = ["Folded", "Notes", "fold"]

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Notes:
    """Superseded figures, in report order: ``kind`` (0 qualifier, 1 revision,
    2 correction), the claim ``kept`` and the claim ``dropped`` (table indices),
    ``superseded`` (how many figures the kept one replaces) and ``also`` (for a
    correction: how many earlier figures besides the one before it)."""

    kind: Ints
    kept: Ints
    dropped: Ints
    superseded: Ints
    also: Ints

    def __len__(self) -> int:
        return int(self.kind.size)


NOTE_TYPES = ("qualifier", "revision", "correction")


@dataclass(frozen=True, slots=True)
class Folded:
    """The outcome of the three passes."""

    alive: Bools  # per claim: still compared
    row_claim: Ints  # per mention row: the claim it now belongs to
    row_origin: Ints  # per mention row: the claim it was read as
    published_earliest: Ints  # per claim, of its first mention after folding
    published_latest: Ints
    notes: Notes


def _text_form(t: ClaimTable, i: int) -> str:
    stated = float(t.stated[i])
    precision = float(t.precision[i])
    return value_text(
        ValueForm(
            kind=str(t.kind[i]),
            stated=None if np.isnan(stated) else stated,
            low=float(t.low[i]),
            high=float(t.high[i]),
            low_closed=bool(t.low_closed[i]),
            high_closed=bool(t.high_closed[i]),
            unit=str(t.unit[i]),
            precision=None if np.isnan(precision) else precision,
        )
    )


def _runs(keys: Ints, *sort_keys: NDArray[np.generic]) -> tuple[Ints, Ints, Ints]:
    """Positions sorted by key then ``sort_keys`` (first most significant) then position;
    the run id and run start of each sorted position."""
    order = np.lexsort((np.arange(keys.size), *reversed(sort_keys), keys))
    first = first_of_runs(keys[order])
    run = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    return order.astype(np.int64), run.astype(np.int64), starts.astype(np.int64)


def _qualifiers(t: ClaimTable, alive: Bools, window: Ints) -> tuple[Ints, list[tuple[int, int]]]:
    """Per claim, the claim it folds into (itself when kept), and the notes."""
    into = np.arange(len(t), dtype=np.int64)
    c = t.codes
    eligible = np.flatnonzero(alive & ~np.isnan(t.stated) & (c["reporter"] >= 0))
    if eligible.size < 2:
        return into, []
    e = eligible
    keys = codes_of(
        c["reporter"][e], c["measure"][e], c["measure_kind"][e], c["modality"][e], window[e],
        c["unit"][e], t.stated[e],
    )  # fmt: skip
    sizes = np.bincount(keys)
    shared = sizes[keys] > 1
    if not shared.any():
        return into, []
    e, keys = e[shared], keys[shared]
    bare = (t.kind[e] == "exact").astype(np.int64)
    width = t.high[e] - t.low[e]
    closed = t.low_closed[e].astype(np.int64)
    order, _, starts = _runs(keys, bare, width, closed)
    members = e[order]
    notes: list[tuple[int, int]] = []
    # Buckets in order of their first member (claim order), members in claim order.
    first_member = np.minimum.reduceat(members, starts)
    for k in np.argsort(first_member, kind="stable").tolist():
        lo = int(starts[k])
        hi = int(starts[k + 1]) if k + 1 < starts.size else members.size
        bucket = members[lo:hi]
        top = order[lo]
        ties = [
            int(p)
            for p in range(lo, hi)
            if bare[order[p]] == bare[top]
            and width[order[p]] == width[top]
            and closed[order[p]] == closed[top]
        ]
        best = int(members[ties[0]])
        if len(ties) > 1:  # the text form breaks the tie, then claim order
            best = min((int(members[p]) for p in ties), key=lambda i: (_text_form(t, i), i))
        for other in np.sort(bucket).tolist():
            if other != best:
                into[other] = best
                notes.append((best, other))
    return into, notes


def _revisions(
    t: ClaimTable, alive: Bools, window: Ints, pub_e: Ints, pub_l: Ints
) -> tuple[Bools, list[tuple[int, int]]]:
    superseded = np.zeros(len(t), dtype=bool)
    c = t.codes
    e = np.flatnonzero(alive & (c["reporter"] >= 0) & (pub_e != NO_DAY))
    if e.size < 2:
        return superseded, []
    keys = codes_of(c["reporter"][e], c["measure"][e], c["measure_kind"][e], c["modality"][e],
                    window[e], c["unit"][e])  # fmt: skip
    sizes = np.bincount(keys)
    shared = sizes[keys] > 1
    e, keys = e[shared], keys[shared]
    if e.size == 0:
        return superseded, []
    order, _, starts = _runs(keys, -pub_e[e])
    members = e[order]
    notes: list[tuple[int, int]] = []
    first_member = np.minimum.reduceat(members, starts)
    for k in np.argsort(first_member, kind="stable").tolist():
        lo = int(starts[k])
        hi = int(starts[k + 1]) if k + 1 < starts.size else members.size
        bucket = members[lo:hi]
        newest = pub_e[bucket[0]]
        tied = [int(i) for i in bucket if pub_e[i] == newest]
        latest = tied[0]
        if len(tied) > 1:  # max() keeps the first of equal keys: claim order
            ranked = sorted(tied)
            texts = {i: _text_form(t, i) for i in ranked}
            best_text = max(texts.values())
            latest = next(i for i in ranked if texts[i] == best_text)
        for earlier in np.sort(bucket).tolist():
            if earlier == latest or not pub_e[latest] > pub_l[earlier]:
                continue
            superseded[earlier] = True
            notes.append((latest, earlier))
    return superseded, notes


def _corrections(
    t: ClaimTable, alive: Bools, pub_e: Ints
) -> tuple[Bools, list[tuple[int, int, int, int]]]:
    superseded = np.zeros(len(t), dtype=bool)
    c = t.codes
    e = np.flatnonzero(
        alive
        & (c["reporter"] >= 0)
        & (t.measure_kind == "flow")
        & ~np.isnan(t.stated)
        & (t.end_earliest != NO_DAY)
        & (t.measure != "")
    )
    if e.size < 2:
        return superseded, []
    keys = codes_of(c["reporter"][e], c["measure"][e], c["modality"][e], c["method"][e],
                    c["unit"][e], t.start_earliest[e], t.start_latest[e])  # fmt: skip
    order, run, starts = _runs(
        keys, t.end_latest[e], t.end_earliest[e], pub_e[e], t.stated[e], t.low[e], t.high[e]
    )
    members = e[order]
    stated = t.stated[members]
    # A figure is superseded when a later figure of its series is lower.
    lowest_after = runs_layout(run).accumulate(np.minimum, stated, reverse=True, pad=np.inf)
    later = np.append(lowest_after[1:], np.inf)
    later[np.append(run[1:] != run[:-1], True)] = np.inf
    superseded[members[stated > later]] = True
    steps = np.flatnonzero((~first_of_runs(run)) & (stated < np.roll(stated, 1)))
    found: list[tuple[int, int, int, int]] = []
    if steps.size == 0:
        return superseded, found
    series_start = starts[run[steps]]
    first_member = np.minimum.reduceat(members, starts)
    # Series in order of their first member, steps in series order.
    rank = np.argsort(np.argsort(first_member, kind="stable"), kind="stable")
    for p in steps[np.lexsort((steps, rank[run[steps]]))].tolist():
        lo = int(series_start[np.searchsorted(steps, p)])
        dropped = int(np.count_nonzero(stated[lo:p] > stated[p]))
        found.append((int(members[p]), int(members[p - 1]), dropped, dropped - 1))
    return superseded, found


def fold(t: ClaimTable, row_claim: Ints, pub_e: Ints, pub_l: Ints) -> Folded:
    """Qualifiers, then revisions, then corrections (see the module docstring)."""
    alive = np.ones(len(t), dtype=bool)
    window = t.window_key()
    into, qualifier_notes = _qualifiers(t, alive, window)
    row_origin = row_claim
    row_claim = into[row_claim]
    alive &= into == np.arange(len(t))
    if qualifier_notes:
        # A kept figure's first mention is now the first of all the folded ones.
        first_row = np.full(len(t), -1, dtype=np.int64)
        rows = np.arange(row_claim.size)
        order = np.lexsort((rows, row_origin, row_claim))
        starts = first_of_runs(row_claim[order])
        first_row[row_claim[order][starts]] = order[starts]
        kept = np.flatnonzero(first_row >= 0)
        pub_e, pub_l = pub_e.copy(), pub_l.copy()
        pub_e[kept] = pub_e[row_origin[first_row[kept]]]
        pub_l[kept] = pub_l[row_origin[first_row[kept]]]
    revised, revision_notes = _revisions(t, alive, window, pub_e, pub_l)
    alive &= ~revised
    corrected, correction_notes = _corrections(t, alive, pub_e)
    alive &= ~corrected
    kinds = [0] * len(qualifier_notes) + [1] * len(revision_notes) + [2] * len(correction_notes)
    kept_ids = [k for k, _ in qualifier_notes] + [k for k, _ in revision_notes]
    dropped_ids = [d for _, d in qualifier_notes] + [d for _, d in revision_notes]
    superseded = [1] * (len(qualifier_notes) + len(revision_notes))
    also = [0] * (len(qualifier_notes) + len(revision_notes))
    for k, d, s, a in correction_notes:
        kept_ids.append(k)
        dropped_ids.append(d)
        superseded.append(s)
        also.append(a)
    notes = Notes(
        np.asarray(kinds, dtype=np.int64),
        np.asarray(kept_ids, dtype=np.int64),
        np.asarray(dropped_ids, dtype=np.int64),
        np.asarray(superseded, dtype=np.int64),
        np.asarray(also, dtype=np.int64),
    )
    return Folded(alive, row_claim, row_origin, pub_e, pub_l, notes)
