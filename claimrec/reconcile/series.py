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

Superseded claims leave the comparison; every one is listed in the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from claimrec.describe import describe_day, describe_value, reporter_name
from claimrec.reconcile.ids import Ids
from claimrec.record import Claim
from claimrec.units import unit_name

__all__ = ["corrections", "fold_qualifiers", "revisions"]


Note = dict[str, object]


def _note(
    ids: Ids, kind: str, kept: Claim, dropped: Claim, reason: str, superseded: int = 1
) -> Note:
    return {
        "type": kind,
        "reporter": reporter_name(kept),
        "measure": kept.measure,
        "kept": ids(kept),
        "dropped": ids(dropped),
        "from_value": dropped.value.stated,
        "to_value": kept.value.stated,
        "from_day": dropped.window.end_latest,
        "to_day": kept.window.end_latest,
        "superseded": superseded,
        "reason": reason,
    }


def _is_bare(item: Claim) -> bool:
    return item.value.kind == "exact" and item.value.stated is not None


def _same_window_key(item: Claim) -> tuple[object, ...]:
    """What mentions of one reporter's figure for one window share: reporter, measure,
    kind, modality, window and unit (qualifier folding and revisions bucket on it)."""
    return (
        item.reporter.name if item.reporter is not None else None,
        item.measure,
        item.measure_kind,
        item.modality,
        str(item.window),
        unit_name(item.unit),
    )


def fold_qualifiers(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """Mentions of one figure that disagree on its qualifier are one claim: keep the
    more precise reading — a qualified one over a bare headline figure, else the
    narrower — and record it."""
    buckets: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        stated = item.value.stated
        if stated is None or item.reporter is None:
            buckets[("unique", ids(item))].append(item)
        else:
            buckets[(*_same_window_key(item), stated)].append(item)
    kept: list[Claim] = []
    notes: list[Note] = []
    for bucket in buckets.values():
        if len(bucket) == 1:
            kept.append(bucket[0])
            continue
        # Ties go to the tighter end, then to the text form: never to the input order.
        best = min(
            bucket,
            key=lambda c: (
                _is_bare(c),
                c.value.high - c.value.low,
                c.value.low_closed,
                str(c.value),
            ),
        )
        sources = tuple(dict.fromkeys(s for c in bucket for s in c.sources))
        kept.append(best.with_sources(sources))
        for other in bucket:
            if other is best:
                continue
            notes.append(
                _note(
                    ids,
                    "qualifier",
                    best,
                    other,
                    f"{reporter_name(best)}'s figure is reported both as "
                    f"{describe_value(other.value)} and as {describe_value(best.value)}; the "
                    f"more precise reading, {describe_value(best.value)}, is kept and the "
                    "mentions count once.",
                )
            )
    order = {ids(item): position for position, item in enumerate(items)}
    kept.sort(key=lambda c: order.get(ids(c), len(order)))
    return kept, notes


def revisions(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """A later-published figure from the same reporter for the same window supersedes
    the earlier ones (a revision)."""
    buckets: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        if item.reporter is not None and item.published is not None:
            buckets[_same_window_key(item)].append(item)
    superseded: set[str] = set()
    notes: list[Note] = []
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        latest = max(bucket, key=lambda c: (_published(c), str(c.value)))
        for earlier in bucket:
            published = earlier.published
            latest_published = latest.published
            if earlier is latest or published is None or latest_published is None:
                continue
            if not latest_published.earliest > published.latest:
                continue
            superseded.add(ids(earlier))
            notes.append(
                _note(
                    ids,
                    "revision",
                    latest,
                    earlier,
                    f"{reporter_name(latest)} revised its figure for the same window from "
                    f"{describe_value(earlier.value)} (published "
                    f"{describe_day(published.earliest)}) to {describe_value(latest.value)} "
                    f"(published {describe_day(latest_published.earliest)}); the later figure "
                    "replaces the earlier one and the change is not counted as a disagreement.",
                )
            )
    return [item for item in items if ids(item) not in superseded], notes


def _published(item: Claim) -> date:
    return item.published.earliest if item.published is not None else date.min


def _series_key(item: Claim) -> tuple[object, ...] | None:
    """The series a claim belongs to: a reporter's running total of one measure from
    one start (None: not part of a series)."""
    w = item.window
    if (
        item.reporter is None
        or item.measure_kind != "flow"
        or item.value.stated is None
        or w.end_earliest is None
        or not item.measure
    ):
        return None
    return (
        item.reporter.name,
        item.measure,
        item.modality,
        item.method,
        unit_name(item.unit),
        w.start_earliest,
        w.start_latest,
    )


def _order(item: Claim) -> tuple[object, ...]:
    w = item.window
    value = item.value
    return (w.end_latest, w.end_earliest, _published(item), value.stated, value.low, value.high)


def corrections(items: Sequence[Claim], ids: Ids) -> tuple[list[Claim], list[Note]]:
    """Each downward step of a reporter's running total is one correction; the later
    figure supersedes every earlier figure of the series that is above it."""
    series: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for item in items:
        key = _series_key(item)
        if key is not None:
            series[key].append(item)
    superseded: set[str] = set()
    notes: list[Note] = []
    for members in series.values():
        if len(members) < 2:
            continue
        members.sort(key=_order)
        stated = [float(c.value.stated) for c in members if c.value.stated is not None]
        # A figure is superseded when a later figure of its series is lower.
        lowest_after = [float("inf")] * len(members)
        running = float("inf")
        for i in range(len(members) - 1, -1, -1):
            lowest_after[i] = running
            running = min(running, stated[i])
        for i, item in enumerate(members):
            if stated[i] > lowest_after[i]:
                superseded.add(ids(item))
        for i in range(1, len(members)):
            if stated[i] >= stated[i - 1]:
                continue
            earlier, later = members[i - 1], members[i]
            dropped = sum(1 for j in range(i) if stated[j] > stated[i])
            others = dropped - 1
            also = (
                f"; it also replaces {others} earlier figure(s) of the series above it"
                if others > 0
                else ""
            )
            notes.append(
                _note(
                    ids,
                    "correction",
                    later,
                    earlier,
                    f"{reporter_name(later)}'s running total went down, from "
                    f"{describe_value(earlier.value)} up to "
                    f"{describe_day(earlier.window.end_latest)} to "
                    f"{describe_value(later.value)} up to "
                    f"{describe_day(later.window.end_latest)}: the later figure corrects the "
                    f"earlier one{also}, and the step is not counted as a disagreement.",
                    superseded=dropped,
                )
            )
    return [item for item in items if ids(item) not in superseded], notes
