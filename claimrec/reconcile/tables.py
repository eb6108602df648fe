"""The report's claims and corrections tables, built from the claim table, the
mentions and what folding kept (the claims frame only when first read)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from claimrec.reconcile.columns import (
    NO_DAY,
    ClaimTable,
    Mentions,
    dates,
    objects,
    repeated_places,
)
from claimrec.reconcile.series import NOTE_TYPES, Folded
from claimrec.record import MENTION_TEXTS

__all__ = ["ClaimsView", "notes", "reporters_of"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Objects = NDArray[np.object_]


def reporters_of(t: ClaimTable, index: Ints) -> Objects:
    names = t.reporter[index]
    return np.where(names == None, "unattributed", names)  # noqa: E711


def notes(t: ClaimTable, folded: Folded) -> pd.DataFrame:
    n = folded.notes
    kept, dropped = n.kept, n.dropped
    pub = folded.published_earliest
    stated = t.stated
    return pd.DataFrame(
        {
            "type": np.asarray(NOTE_TYPES, dtype=object)[n.kind],
            "reporter": reporters_of(t, kept),
            "measure": t.measure[kept],
            "kept": t.ids[kept],
            "dropped": t.ids[dropped],
            "from_value": [None if math.isnan(x) else x for x in stated[dropped].tolist()],
            "to_value": [None if math.isnan(x) else x for x in stated[kept].tolist()],
            "from_day": dates(t.end_latest[dropped], t.end_latest[dropped] != NO_DAY),
            "to_day": dates(t.end_latest[kept], t.end_latest[kept] != NO_DAY),
            "superseded": n.superseded,
            "_kept": kept,
            "_dropped": dropped,
            "_also": n.also,
            "_kept_published": pub[kept],
            "_dropped_published": pub[dropped],
        }
    )


_CLAIM_COLUMNS = (
    "claim_id",
    "stated",
    "low",
    "high",
    "low_closed",
    "high_closed",
    "kind",
    "precision",
    "unit",
    "measure",
    "measure_kind",
    "method",
    "modality",
    "start_earliest",
    "start_latest",
    "end_earliest",
    "end_latest",
    "window_kind",
    "reporter",
    "reporter_resolved",
    "reporter_kind",
)


class ClaimsView:
    """The claims frame of a report, built when first read: the mentions of the claims
    still compared, with their group. Rows keep their place and label when read from
    a frame; a mention folded into another claim (a qualifier) shows that claim's
    fields, and its own texts where it wrote them."""

    __slots__ = ("folded", "gc", "gg", "mentions", "table")

    def __init__(
        self, table: ClaimTable, mentions: Mentions, folded: Folded, gc: Ints, gg: Ints
    ) -> None:
        self.table, self.mentions, self.folded, self.gc, self.gg = (
            table, mentions, folded, gc, gg,
        )  # fmt: skip

    def counts(self) -> tuple[int, int]:
        rows, _, _ = _claim_rows(self.table, self.mentions, self.folded)
        return int(rows.size), int(self.folded.alive.sum())

    def frame(self) -> pd.DataFrame:
        return _claims_frame(self.table, self.mentions, self.folded, self.gc, self.gg)


def _claim_rows(t: ClaimTable, mentions: Mentions, folded: Folded) -> tuple[Ints, Ints, Ints]:
    """Rows of the claims frame (positions in the mentions frame, in order), the claim
    each was read as and the claim it belongs to now."""
    frame = mentions.frame
    row_claim = folded.row_claim
    rows = np.flatnonzero(folded.alive[row_claim])
    if not mentions.positional:
        # In claim order, each claim's mentions together (those folded into it after).
        rows = rows[np.lexsort((rows, folded.row_origin[rows], row_claim[rows]))]
    origin = folded.row_origin[rows]
    owner = row_claim[rows]
    moved = owner != origin
    if moved.any():
        # Mentions of one claim from one place count once (after folding too).
        receiving = np.zeros(len(t), dtype=bool)
        receiving[owner[moved]] = True
        at = np.flatnonzero(receiving[owner])
        repeats = repeated_places(frame.iloc[rows[at]], owner[at], np.arange(at.size))
        if repeats.size:
            pick = np.setdiff1d(np.arange(rows.size), at[repeats])
            rows, origin, owner = rows[pick], origin[pick], owner[pick]
    return rows, origin, owner


def _replace(out: pd.DataFrame, name: str, at: Ints, values: list[object]) -> None:
    column = out[name].copy()
    column.iloc[at] = pd.Series(values, dtype=column.dtype).to_numpy()
    out[name] = column


def _claims_frame(
    t: ClaimTable, mentions: Mentions, folded: Folded, gc: Ints, gg: Ints
) -> pd.DataFrame:
    """The mentions of the claims still compared, with their group (see ClaimsView)."""
    frame = mentions.frame
    rows, origin, owner = _claim_rows(t, mentions, folded)
    whole = rows.size == len(frame) and bool((rows == np.arange(rows.size)).all())
    out = frame.copy(deep=False) if whole else frame.iloc[rows].copy(deep=False)
    # Claim fields from each claim's first mention.
    first_row = np.full(len(t), -1, dtype=np.int64)
    all_rows = np.arange(len(frame))
    first_row[mentions.claim[::-1]] = all_rows[::-1]
    for name in ("reporter_resolved", "reporter_kind"):
        codes = pd.factorize(frame[name], use_na_sentinel=True)[0]
        differ = np.flatnonzero(codes[rows] != codes[first_row[owner]])
        if differ.size:
            values = frame[name].iloc[first_row[owner[differ]]].tolist()
            _replace(out, name, differ, values)
    moved = np.flatnonzero(owner != origin)
    if moved.size:
        source_rows = first_row[owner[moved]]
        for name in _CLAIM_COLUMNS:
            _replace(out, name, moved, frame[name].iloc[source_rows].tolist())
        own_first_rows = first_row[origin[moved]]
        for name in MENTION_TEXTS:
            column = frame[name]
            mine = objects(column.iloc[rows[moved]])
            own_first = objects(column.iloc[own_first_rows])
            theirs = objects(column.iloc[source_rows])
            written = [
                h if (r != f and h != o) else th
                for h, o, th, r, f in zip(
                    mine.tolist(), own_first.tolist(), theirs.tolist(), rows[moved].tolist(),
                    own_first_rows.tolist(), strict=True,
                )
            ]  # fmt: skip
            _replace(out, name, moved, written)
    group_of = np.full(len(t), -1, dtype=np.int64)
    group_of[gc] = gg
    groups = group_of[owner]
    out["group"] = pd.arrays.IntegerArray(np.where(groups >= 0, groups, 0), groups < 0)
    if not mentions.positional:
        out.index = pd.RangeIndex(len(out))
    return out
