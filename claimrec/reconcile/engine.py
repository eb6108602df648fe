"""The verb: read, fold, group, judge, and explain."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import claimrec.reconcile.flow as flow
import claimrec.reconcile.level as level
from claimrec.describe import describe_claim, reporter_name
from claimrec.errors import ClaimError
from claimrec.frame import to_frame
from claimrec.grouping import group_windows
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.reconcile.ids import Ids
from claimrec.reconcile.pairs import GroupContext, difference, pair_flow, select_pairs
from claimrec.reconcile.reading import read_claims
from claimrec.reconcile.series import corrections, fold_qualifiers, revisions
from claimrec.record import Claim, merge_mentions
from claimrec.report import Report
from claimrec.units import unit_name
from claimrec.value import format_number

if TYPE_CHECKING:
    import pint

__all__ = ["reconcile"]

_FAR_FUTURE = 10**7  # after every ordinal day
_RANK = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}


def _dimension_key(item: Claim) -> str:
    name = unit_name(item.unit)
    if name in ("count", "percent"):
        return name
    return str(item.unit.dimensionality)


def _group_ids(items: Sequence[Claim]) -> np.ndarray:
    keys = pd.factorize(
        pd.Series(
            [
                f"{c.measure}\x1f{c.measure_kind}\x1f{_dimension_key(c)}\x1f{c.modality}"
                for c in items
            ],
            dtype=object,
        )
    )[0].astype(np.int64)
    starts = np.array(
        [c.window.start_earliest.toordinal() if c.window.start_earliest else 0 for c in items],
        dtype=np.int64,
    )
    ends = np.array(
        [c.window.end_latest.toordinal() if c.window.end_latest else _FAR_FUTURE for c in items],
        dtype=np.int64,
    )
    return np.asarray(group_windows(keys, starts, ends), dtype=np.int64)


def _label(items: Sequence[Claim]) -> str:
    """The measure as most claims of a group write it (ties by text, not order)."""
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[(c.measure_text or c.measure).strip()] += 1
    return min(counts, key=lambda text: (-counts[text], text))


def _group_unit(items: Sequence[Claim]) -> pint.Unit:
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[unit_name(c.unit)] += 1
    best = min(counts, key=lambda name: (-counts[name], name))  # ties: by name, not order
    return next(c.unit for c in items if unit_name(c.unit) == best)


def _percent(x: float) -> str:
    return f"{x:.1%}" if math.isfinite(x) else "an unbounded share"


def reconcile(
    claims: pd.DataFrame | Iterable[Claim],
    *,
    policy: Policy = DEFAULT_POLICY,
    conflicts_limit: int = 20,
    consensus: level.ConsensusMethod = "vote",
) -> Report:
    """Group claims, judge every group, name minimal contradictions with their gaps,
    note corrections, and state what the claims together imply.

    ``claims`` is a list of :class:`~claimrec.Claim` or a claims DataFrame (loose or
    canonical); a loose table is read with ``policy``, and rows that cannot be read
    are listed in ``Report.unread``. Mentions of one claim count once. A flow
    group's verdict comes from one constraint system over all its claims; the
    pairs listed explain it (see :mod:`claimrec.reconcile.pairs`). ``consensus``
    is how level groups pick a value: ``"vote"`` (each independent source once) or
    ``"crh"`` (votes weighted by a reliability learned from the claims; the
    weights are in ``Report.weights``).
    """
    if consensus not in ("vote", "crh"):
        raise ClaimError("must be 'vote' or 'crh'", field="consensus", text=str(consensus))
    read, unread = read_claims(claims, policy)
    items = merge_mentions(read)
    ids = Ids()
    items, qualifier_notes = fold_qualifiers(items, ids)
    items, revision_notes = revisions(items, ids)
    items, correction_notes = corrections(items, ids)
    notes = qualifier_notes + revision_notes + correction_notes
    grouped = [c for c in items if c.measure]
    gids = _group_ids(grouped) if grouped else np.zeros(0, dtype=np.int64)
    members: dict[int, list[Claim]] = defaultdict(list)
    for item, gid in zip(grouped, gids.tolist(), strict=True):
        members[gid].append(item)

    # One origin per flow measure, shared by all its running totals. Only reported
    # figures fix it, and only they go into the flow index below: a forecast or a model
    # estimate never constrains what the reported counts imply (nor the other way round).
    origins: dict[str, int] = {}
    by_measure: dict[str, list[Claim]] = defaultdict(list)
    for c in grouped:
        if c.measure_kind == "flow" and c.modality == "reported":
            by_measure[c.measure].append(c)
    for measure, measure_claims in by_measure.items():
        origins[measure] = flow.origin_of(measure_claims)

    weights: dict[str, float] | None = None
    if consensus == "crh":
        weights = level.crh_weights(
            [g for g in members.values() if g[0].measure_kind == "level" or _is_share(g)]
        )

    group_rows: list[dict[str, object]] = []
    pair_rows: list[dict[str, object]] = []
    conflict_rows: list[dict[str, object]] = []
    stored: dict[str, list[tuple[flow.Constraints, bool]]] = defaultdict(list)
    for gid in sorted(members):
        group = members[gid]
        row, pairs, found = _judge(
            gid, group, policy, origins, conflicts_limit, weights, stored, ids
        )
        group_rows.append(row)
        pair_rows.extend(pairs)
        conflict_rows.extend(found)

    frame = to_frame(items)
    by_id = {ids(c): gid for c, gid in zip(grouped, gids.tolist(), strict=True)}
    frame["group"] = pd.Series(
        [by_id.get(i) for i in frame["claim_id"]], dtype="Int64", index=frame.index
    )
    index = flow.FlowIndex(
        measures={
            measure: (flow.merge_constraints([c for c, _ in parts]), origins[measure])
            for measure, parts in stored.items()
        },
        feasible={measure: all(ok for _, ok in parts) for measure, parts in stored.items()},
        slack=policy.slack,
    )
    group_rows.sort(
        key=lambda r: (
            _RANK[str(r["verdict"])],
            -_finite(r["relative_gap"]),
            -_finite(r["largest_difference"]),
            r["group"],
        )
    )
    pair_rows.sort(
        key=lambda r: (
            _RANK[str(r["verdict"])],
            -_finite(r["relative_difference"]),
            r["group"],
            r["claim_a"],
            r["claim_b"],
        )
    )
    conflict_rows.sort(key=lambda r: (-_finite(r["relative_gap"]), r["group"], r["conflict"]))
    weight_rows = [
        {"reporter": name, "weight": value} for name, value in sorted((weights or {}).items())
    ]
    return Report.build(
        groups=group_rows,
        pairs=pair_rows,
        conflicts=conflict_rows,
        corrections=notes,
        claims=frame,
        unread=unread,
        weights=weight_rows,
        flow_index=index,
    )


def _finite(value: object) -> float:
    if value is None or value is pd.NA:
        return -1.0
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else (1e300 if number > 0 else -1.0)


def _is_share(group: Sequence[Claim]) -> bool:
    return unit_name(group[0].unit) == "percent"


def _judge(
    gid: int,
    group: list[Claim],
    policy: Policy,
    origins: dict[str, int],
    conflicts_limit: int,
    weights: dict[str, float] | None,
    stored: dict[str, list[tuple[flow.Constraints, bool]]],
    ids: Ids,
) -> tuple[dict[str, object], list[dict[str, object]], list[dict[str, object]]]:
    first = group[0]
    unit = _group_unit(group)
    label = _label(group)
    is_flow = first.measure_kind == "flow" and unit_name(unit) != "percent"
    origin = (
        origins.get(first.measure, flow.origin_of(group))
        if first.modality == "reported"
        else flow.origin_of(group)
    )
    row: dict[str, object] = {
        "group": gid,
        "measure": first.measure,
        "label": label,
        "measure_kind": first.measure_kind,
        "modality": first.modality,
        "unit": unit_name(unit),
        "claims": len(group),
        "reporters": len({level.source_key(c) for c in group}),
        "verdict": "single",
        "reason": "",
        "gap": math.nan,
        "relative_gap": math.nan,
        "largest_difference": math.nan,
        "start": None,
        "end": None,
        "consensus_low": math.nan,
        "consensus_high": math.nan,
        "consensus": "",
        "consensus_rests_on": "",
        "consensus_value": math.nan,
        "consensus_share": math.nan,
        "consensus_sources": 0,
        "consensus_supporters": "",
    }
    conflict_rows: list[dict[str, object]] = []
    ctx = GroupContext.of(group, unit, origin, policy, ids)
    claim_ids = ctx.ids

    def conflict_row(
        number: int, members: Sequence[int], gap: float, relative_gap: float, chain: str
    ) -> dict[str, object]:
        return {
            "group": gid,
            "conflict": number,
            "claims": "; ".join(claim_ids[m] for m in members),
            "reporters": "; ".join(reporter_name(group[m]) for m in members),
            "gap": gap,
            "relative_gap": relative_gap,
            "chain": chain,
        }

    if is_flow:
        system = flow.build(group, unit, policy, origin)
        feasible = is_feasible_group(system)
        if first.modality == "reported":
            stored[first.measure].append((system.constraints, feasible))
        if not feasible:
            for number, found in enumerate(flow.conflicts(system, conflicts_limit)):
                conflict_rows.append(
                    conflict_row(number, found.members, found.gap, found.relative_gap, found.chain)
                )
        else:
            implied = flow.consensus(system, label)
            if implied is not None:
                row.update(
                    consensus_low=implied.low,
                    consensus_high=implied.high,
                    consensus=implied.text,
                    consensus_rests_on=implied.rests_on,
                    start=implied.start,
                    end=implied.end,
                )
    pair_rows: list[dict[str, object]] = []
    for i, j in select_pairs(group) if len(group) > 1 else []:
        a, b = group[i], group[j]
        gap = math.nan
        if is_flow:
            verdict, reason = pair_flow(ctx, i, j)
        else:
            verdict, reason, gap = level.pair_level(a, b, unit, policy)
            if verdict == "contradict":
                relative_gap = _level_relative_gap(a, b, unit, policy, gap)
                conflict_rows.append(
                    conflict_row(len(conflict_rows), (i, j), gap, relative_gap, reason)
                )
        absolute, relative = difference(a.value, b.value, unit)
        pair_rows.append(
            {
                "group": gid,
                "claim_a": claim_ids[i],
                "claim_b": claim_ids[j],
                "reporter_a": reporter_name(a),
                "reporter_b": reporter_name(b),
                "verdict": verdict,
                "difference": absolute,
                "relative_difference": relative,
                "gap": gap,
                "reason": reason,
            }
        )
    if not is_flow:
        found_consensus = level.level_consensus(group, unit, policy, label, weights)
        if found_consensus is not None:
            row.update(
                consensus_low=found_consensus.allowed_low,
                consensus_high=found_consensus.allowed_high,
                consensus=found_consensus.text,
                consensus_value=found_consensus.value,
                consensus_share=found_consensus.share,
                consensus_sources=found_consensus.sources,
                consensus_supporters="; ".join(found_consensus.supporters),
            )
    differences = [float(p["relative_difference"]) for p in pair_rows]  # type: ignore[arg-type]
    finite = [d for d in differences if math.isfinite(d)]
    row["largest_difference"] = max(finite) if finite else math.nan
    if conflict_rows:
        largest = max(conflict_rows, key=lambda r: _finite(r["relative_gap"]))
        row["gap"], row["relative_gap"] = largest["gap"], largest["relative_gap"]
    row["verdict"], row["reason"] = _group_verdict(group, label, pair_rows, conflict_rows, row)
    return row, pair_rows, conflict_rows


def is_feasible_group(group: flow.FlowGroup) -> bool:
    from claimrec.constraints import is_feasible

    return len(group.system) == 0 or is_feasible(group.system)


def _level_relative_gap(a: Claim, b: Claim, unit: pint.Unit, policy: Policy, gap: float) -> float:
    from claimrec.reconcile.bounds import bounds

    larger = max(bounds(a, unit, policy).lower, bounds(b, unit, policy).lower)
    return gap / larger if larger > 0 else math.nan


def _group_verdict(
    group: Sequence[Claim],
    label: str,
    pairs: Sequence[dict[str, object]],
    conflicts: Sequence[dict[str, object]],
    row: dict[str, object],
) -> tuple[str, str]:
    n = len(group)
    if n == 1:
        return (
            "single",
            f"{describe_claim(group[0])} is the only claim about {label} in its window, so "
            "there is nothing to compare it with.",
        )
    if conflicts:
        gap = float(row["gap"])  # type: ignore[arg-type]
        relative = float(row["relative_gap"])  # type: ignore[arg-type]
        return (
            "contradict",
            f"{len(conflicts)} minimal set(s) of the {n} claims about {label} cannot all be "
            f"true; the largest gap is {format_number(gap)} ({_percent(relative)} of the "
            "figures involved), and each set is listed in the conflicts.",
        )
    verdicts = [str(p["verdict"]) for p in pairs]
    agreeing = verdicts.count("agree")
    diverging = len(verdicts) - agreeing
    if verdicts and diverging == 0:
        return (
            "agree",
            f"All {n} claims about {label} agree: each of the {len(verdicts)} compared pair(s) "
            "gives figures within tolerance over comparable windows.",
        )
    largest = float(row["largest_difference"])  # type: ignore[arg-type]
    spread = (
        f" the largest difference between compared figures is {_percent(largest)};"
        if math.isfinite(largest)
        else ""
    )
    return (
        "diverge",
        f"The {n} claims about {label} can all be true together, yet their figures differ:"
        f"{spread} {diverging} of {len(verdicts)} compared pair(s) diverge and {agreeing} agree.",
    )
