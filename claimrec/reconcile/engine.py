"""The verb: read, fold, group, judge, and explain — on columns.

The claims are read once into a :class:`~claimrec.reconcile.columns.ClaimTable`
(one entry per claim, its id from the ``claim_id`` column); every later step is
an array operation over all claims, groups or pairs at once:

1. fold qualifiers, revisions and corrections (:mod:`.series`);
2. group by sort-and-sweep (:mod:`claimrec.grouping`), one origin per flow measure;
3. bound every claim in its group's unit (:mod:`.bounds`); build the constraints of
   all flow groups in one batch and decide feasibility by shortest paths over all
   of their graphs (:mod:`.flow`, :mod:`.paths`); name the minimal conflicts of the
   few groups that contradict, one group at a time (:mod:`.flow_conflicts`,
   :mod:`claimrec.constraints`);
4. select and judge pairs (:mod:`.pairs`, :mod:`.level`), and the consensus;
5. write the report: every table a DataFrame, its sentences written when read
   (:mod:`.render`); the claims and corrections tables (:mod:`.tables`) and the flow
   constraints kept for later questions (:mod:`.flow_index`).

No :class:`~claimrec.Claim` is built unless the input is a list of them (or a
frame that has to be read cell by cell to name its errors).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd
from numpy.typing import NDArray

import claimrec.reconcile.flow as flow
import claimrec.reconcile.level as level
from claimrec.errors import ClaimError
from claimrec.frame import CANONICAL_COLUMNS, normalize
from claimrec.grouping import group_windows
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.reconcile.bounds import Bounds, bounds, documented, in_units
from claimrec.reconcile.columns import (
    NO_DAY,
    ClaimTable,
    Mentions,
    codes_of,
    dates,
    read_claims_list,
    read_frame,
)
from claimrec.reconcile.flow_conflicts import conflicts as flow_conflicts
from claimrec.reconcile.flow_index import flow_index
from claimrec.reconcile.pairs import (
    Days,
    Grouped,
    comparable,
    difference,
    flow_feasible,
    select_pairs,
)
from claimrec.reconcile.render import FLOW, LEVEL, Renderer
from claimrec.reconcile.segments import first_of_runs
from claimrec.reconcile.series import Folded, _text_form, fold
from claimrec.reconcile.tables import ClaimsView, notes, reporters_of
from claimrec.record import Claim
from claimrec.report import (
    CONFLICT_COLUMNS,
    CORRECTION_COLUMNS,
    GROUP_COLUMNS,
    PAIR_COLUMNS,
    UNREAD_COLUMNS,
    WEIGHT_COLUMNS,
    LazyTable,
    Report,
)
from claimrec.units import parse_unit

__all__ = ["reconcile"]

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Objects = NDArray[np.object_]

_FAR_FUTURE = 10**7  # after every ordinal day
_RANK = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}
_DEFAULT_ORIGIN = date(2000, 1, 1).toordinal() - 1


def _read(
    data: pd.DataFrame | Iterable[Claim], policy: Policy
) -> tuple[ClaimTable, Mentions, list[dict[str, object]]]:
    """The claims of ``data`` and the rows that could not be read (with their errors).

    A loose table is normalized with ``policy``; failed rows, of a loose table or of
    a canonical one read with ``errors="coerce"``, go to the unread list."""
    if not isinstance(data, pd.DataFrame):
        table, mentions = read_claims_list(list(data))
        return table, mentions, []
    canonical = (
        data
        if set(CANONICAL_COLUMNS) <= set(data.columns)
        else normalize(data, errors="coerce", policy=policy)
    )
    unread: list[dict[str, object]] = []
    if "error" in canonical.columns:
        failed = canonical["error"].notna().to_numpy(dtype=bool)
        # normalize keeps rows in order: position i of the output is row i of the input.
        for position in failed.nonzero()[0]:
            unread.append(
                {
                    "row": data.index[int(position)],
                    "error": str(canonical["error"].iloc[int(position)]),
                }
            )
        if failed.any():
            canonical = canonical[~failed]
    table, mentions = read_frame(canonical)
    return table, mentions, unread


def _uniques_by_code(codes: Ints, values: Objects) -> Objects:
    """The value of each code (codes 0..k-1, as given with ``values`` per item)."""
    out = np.empty(int(codes.max(initial=-1)) + 1, dtype=object)
    firsts = np.unique(codes, return_index=True)[1]
    out[codes[firsts]] = values[firsts]
    return out


def _most_common(group: Ints, codes: Ints, texts: Objects, n_groups: int) -> Objects:
    """Per group, the most common of its values (``texts[code]``; ties: the smallest)."""
    best = _most_common_code(group, codes, texts, n_groups)
    out = np.empty(n_groups, dtype=object)
    out[best >= 0] = texts[best[best >= 0]]
    return out


def _most_common_code(group: Ints, codes: Ints, texts: Objects, n_groups: int) -> Ints:
    """Per group, the code of its most common value (ties: the smallest text; -1 for a
    group with no values)."""
    out = np.full(n_groups, -1, dtype=np.int64)
    if group.size == 0:
        return out
    pair = np.unique(group * (int(codes.max()) + 1) + codes, return_counts=True)
    g = pair[0] // (int(codes.max()) + 1)
    code = pair[0] % (int(codes.max()) + 1)
    counts = pair[1]
    frame = pd.DataFrame(
        {"g": g, "n": counts, "text": pd.Series(texts[code], dtype=object).astype(str)}
    )
    frame = frame.sort_values(["g", "n", "text"], ascending=[True, False, True], kind="stable")
    best = frame.drop_duplicates("g")
    out[best["g"].to_numpy()] = code[best.index.to_numpy()]
    return out


def _finite(values: Floats) -> Floats:
    """Sort keys of gaps: missing is -1, +inf very large."""
    out = np.where(np.isnan(values), -1.0, values)
    return np.where(np.isposinf(out), 1e300, np.where(np.isneginf(out), -1.0, out))


def _dimension(name: str) -> str:
    if name in ("count", "percent"):
        return name
    return str(parse_unit(name).dimensionality)


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
    are listed in ``Report.unread``. A canonical frame's ``claim_id`` column is
    taken as the claims' ids. Mentions of one claim count once. A flow group's
    verdict comes from one constraint system over all its claims; the pairs listed
    explain it (see :mod:`claimrec.reconcile.pairs`). ``consensus`` is how level
    groups pick a value: ``"vote"`` (each independent source once) or ``"crh"``
    (votes weighted by a reliability learned from the claims; the weights are in
    ``Report.weights``). Reasons are written when a table is first read.
    """
    if consensus not in ("vote", "crh"):
        raise ClaimError("must be 'vote' or 'crh'", field="consensus", text=str(consensus))
    table, mentions, unread = _read(claims, policy)
    folded = fold(table, mentions.claim, table.published_earliest, table.published_latest)
    return _judge(table, mentions, unread, folded, policy, conflicts_limit, consensus)


def _judge(
    t: ClaimTable,
    mentions: Mentions,
    unread: list[dict[str, object]],
    folded: Folded,
    policy: Policy,
    conflicts_limit: int,
    consensus: str,
) -> Report:
    n_claims = len(t)
    live = np.flatnonzero(folded.alive)
    # A figure the text gives as replaced (modality "superseded") is judged against nothing.
    grouped = live[(t.measure[live] != "") & (t.modality[live] != "superseded")]
    # --- groups: one sort-and-sweep over (measure, kind, dimension, modality) keys -------
    c = t.codes
    unit_codes = c["unit"]
    unit_names = _uniques_by_code(unit_codes, t.unit)
    dimension_code = pd.factorize(
        pd.Series([_dimension(str(u)) if u is not None else "" for u in unit_names], dtype=object)
    )[0].astype(np.int64)
    dims = dimension_code[unit_codes[grouped]] if grouped.size else np.zeros(0, np.int64)
    keys = codes_of(c["measure"][grouped], c["measure_kind"][grouped], dims, c["modality"][grouped])
    starts = np.where(t.start_earliest[grouped] == NO_DAY, 0, t.start_earliest[grouped])
    ends = np.where(t.end_latest[grouped] == NO_DAY, _FAR_FUTURE, t.end_latest[grouped])
    gid = group_windows(keys, starts, ends) if grouped.size else np.zeros(0, dtype=np.int64)
    order = np.lexsort((grouped, gid))
    gc = grouped[order]  # claim table index, group by group in claim order
    gg = gid[order]
    n_groups = int(gg.max(initial=-1)) + 1
    group_first = np.flatnonzero(first_of_runs(gg))
    size = np.diff(np.append(group_first, gg.size)).astype(np.int64)
    gpos = np.arange(gc.size) - np.repeat(group_first, size)
    first_claim = gc[group_first]
    g_measure = t.measure[first_claim]
    g_kind = t.measure_kind[first_claim]
    g_modality = t.modality[first_claim]
    g_unit_code = _most_common_code(gg, unit_codes[gc], unit_names, n_groups)
    g_unit = np.empty(n_groups, dtype=object)
    g_unit[g_unit_code >= 0] = unit_names[g_unit_code[g_unit_code >= 0]]
    other_unit = unit_codes[gc] != g_unit_code[gg]  # a claim not in its group's unit
    claim_unit = t.unit[gc]
    group_unit = g_unit[gg]
    # Labels: the measure as written (each distinct text read once).
    label_codes = codes_of(c["measure_text"][gc], c["measure"][gc])
    label_first = np.unique(label_codes, return_index=True)[1]
    label_texts = np.empty(label_first.size, dtype=object)
    for k, (text, m) in enumerate(
        zip(t.measure_text[gc[label_first]].tolist(), t.measure[gc[label_first]].tolist(),
            strict=True)
    ):  # fmt: skip
        label_texts[k] = (text if text is not None else m).strip()
    g_label = _most_common(gg, label_codes, label_texts, n_groups)
    is_flow = (g_kind == "flow") & (g_unit != "percent")
    # Sources: the reporter, or the claim itself when unattributed.
    source_name = t.reporter[gc].copy()
    source = c["reporter"][gc].copy()
    unattributed = np.flatnonzero(source < 0)
    if unattributed.size:
        source_name[unattributed] = [f"unattributed {i}" for i in t.ids[gc[unattributed]]]
        source[unattributed] = int(source.max(initial=-1)) + 1 + gc[unattributed]
    reporters = np.zeros(n_groups, dtype=np.int64)
    if gc.size:
        distinct = np.unique(codes_of(gg, source), return_index=True)[1]
        reporters = np.bincount(gg[distinct], minlength=n_groups)
    # --- one origin per flow measure ------------------------------------------------------
    flow_claims = gc[g_kind[gg] == "flow"]
    measure_codes, measure_uniques = pd.factorize(pd.Series(t.measure[gc], dtype=object))
    measure_of = measure_codes.astype(np.int64)
    known = np.minimum(
        np.where(t.start_earliest[gc] == NO_DAY, np.iinfo(np.int64).max, t.start_earliest[gc]),
        np.where(t.end_earliest[gc] == NO_DAY, np.iinfo(np.int64).max, t.end_earliest[gc]),
    )
    # Only reported figures fix a measure's origin: a forecast or a model estimate never
    # constrains what the reported counts imply; its own group counts from its own days.
    never = np.iinfo(np.int64).max
    earliest = np.full(len(measure_uniques), never, dtype=np.int64)
    is_flow_claim = (g_kind[gg] == "flow") & (t.modality[gc] == "reported")
    np.minimum.at(earliest, measure_of[is_flow_claim], known[is_flow_claim])
    measure_origin = np.where(earliest == never, _DEFAULT_ORIGIN + 1, earliest) - 1
    own_earliest = np.full(n_groups, never, dtype=np.int64)
    np.minimum.at(own_earliest, gg, known)
    own_origin = np.where(own_earliest == never, _DEFAULT_ORIGIN + 1, own_earliest) - 1
    g_origin = (
        np.where(g_modality == "reported", measure_origin[measure_of[group_first]], own_origin)
        if gc.size
        else np.zeros(0, np.int64)
    )
    del flow_claims
    # --- bounds in each group's unit ------------------------------------------------------
    is_documented = documented(t)
    b = bounds(t, gc, group_unit, policy, is_documented, other_unit)
    unbounded = np.zeros(n_claims, dtype=bool)
    unbounded[gc] = np.isposinf(b.upper)
    # --- flow groups: constraints, feasibility, conflicts, consensus ------------------------
    flow_k = np.flatnonzero(is_flow[gg])
    batch = flow.constraints_of(gg[flow_k], gpos[flow_k], gc[flow_k], t, _take_bounds(b, flow_k))
    feasible, implied = flow.solve(
        t, batch, np.flatnonzero(is_flow), gg[flow_k], gc[flow_k], g_origin, n_groups,
        policy.slack,
    )  # fmt: skip
    conflict_rows: list[dict[str, object]] = []
    conflict_count = np.zeros(n_groups, dtype=np.int64)
    group_gap = np.full(n_groups, math.nan)
    group_relative_gap = np.full(n_groups, math.nan)
    by_group = np.argsort(batch.group, kind="stable")
    batch_groups = batch.group[by_group]
    for g in np.flatnonzero(is_flow & ~feasible).tolist():
        lo, hi = np.searchsorted(batch_groups, [g, g + 1])
        part = batch.take(by_group[lo:hi])
        members = gc[group_first[g] : group_first[g] + size[g]]
        found = flow_conflicts(t, members, part, int(g_origin[g]), policy.slack, conflicts_limit)
        for number, conflict in enumerate(found):
            conflict_rows.append(
                _conflict_row(
                    t,
                    g,
                    number,
                    members[list(conflict.members)],
                    conflict.gap,
                    conflict.relative_gap,
                    conflict.chain,
                )
            )
    # --- pairs ---------------------------------------------------------------------------
    stated_raw = t.stated[gc]
    value_key = np.where(np.isnan(stated_raw), t.low[gc], stated_raw)
    grouped_view = Grouped(
        group=gg,
        source=source,
        end=np.where(t.end_latest[gc] == NO_DAY, 0, t.end_latest[gc]),
        value=(value_key, t.low[gc], t.high[gc]),
    )
    multi = size[gg] > 1
    pairs = select_pairs(_only(grouped_view, multi)) if multi.any() else np.zeros((0, 2), np.int64)
    if multi.any():
        pairs = np.flatnonzero(multi)[pairs]
    pa, pb = pairs[:, 0], pairs[:, 1]
    pg = gg[pa]
    days = Days(t.start_earliest[gc], t.start_latest[gc], t.end_earliest[gc], t.end_latest[gc])
    flow_pair = is_flow[pg]
    stated_unit = in_units(stated_raw, claim_unit, group_unit, other_unit)
    abs_diff, rel_diff = difference(stated_unit[pa], stated_unit[pb])
    verdict_code = np.full(pa.size, 1, dtype=np.int64)  # diverge
    overlap = np.zeros(pa.size)
    close = np.zeros(pa.size, dtype=bool)
    says = np.full(pa.size, -1, dtype=np.int64)
    pair_gap = np.full(pa.size, math.nan)
    fp = np.flatnonzero(flow_pair)
    if fp.size:
        ok = flow_feasible(pa[fp], pb[fp], b, days, g_origin[pg[fp]], policy.slack)
        overlap[fp] = comparable(pa[fp], pb[fp], days, g_origin[pg[fp]])
        low_unit = in_units(t.low[gc], claim_unit, group_unit, other_unit)
        high_unit = in_units(t.high[gc], claim_unit, group_unit, other_unit)
        a_, b_ = pa[fp], pb[fp]
        both = ~np.isnan(stated_unit[a_]) & ~np.isnan(stated_unit[b_])
        close[fp] = np.where(
            both,
            rel_diff[fp] <= policy.agree_tolerance,
            (low_unit[a_] <= high_unit[b_]) & (low_unit[b_] <= high_unit[a_]),
        )
        agree = ok & close[fp] & (overlap[fp] >= policy.comparable_overlap)
        verdict_code[fp] = np.where(~ok, 0, np.where(agree, 2, 1))
    lp = np.flatnonzero(~flow_pair)
    larger = np.zeros(pa.size)
    if lp.size:
        raw = level.Claims(stated_raw, t.low[gc], t.high[gc], t.unit[gc], t.end_earliest[gc],
                           t.end_latest[gc])  # fmt: skip
        found_says, found_gap, found_larger = level.level_pairs(
            pa[lp], pb[lp], raw, b, policy.slack, policy.agree_tolerance
        )
        says[lp] = found_says
        pair_gap[lp] = found_gap
        larger[lp] = found_larger
        verdict_code[lp] = np.select(
            [found_says == level.CONTRADICT, found_says == level.AGREE], [0, 2], default=1
        )
    renderer = Renderer(
        support=implied.support,
        claims=t,
        policy=policy,
        unbounded=unbounded,
        documented=is_documented,
        label=g_label,
        unit=g_unit,
        origin=g_origin,
    )
    # Level contradictions are conflicts of two claims, numbered in pair order.
    level_conflicts = np.flatnonzero((~flow_pair) & (verdict_code == 0))
    if level_conflicts.size:
        order_lc = level_conflicts[np.lexsort((pb[level_conflicts], pa[level_conflicts]))]
        numbers: dict[int, int] = {}
        for p in order_lc.tolist():
            g = int(pg[p])
            number = numbers.get(g, 0)
            numbers[g] = number + 1
            gap = float(pair_gap[p])
            relative = gap / float(larger[p]) if larger[p] > 0 else math.nan
            conflict_rows.append(
                _conflict_row(
                    t,
                    g,
                    number,
                    gc[[pa[p], pb[p]]],
                    gap,
                    relative,
                    renderer.level_chain(int(gc[pa[p]]), int(gc[pb[p]]), gap),
                )
            )
    for row in conflict_rows:
        g = int(row["group"])  # type: ignore[call-overload]
        conflict_count[g] += 1
        relative = float(row["relative_gap"])  # type: ignore[arg-type]
        key = _finite(np.asarray([relative]))[0]
        if conflict_count[g] == 1 or key > _finite(np.asarray([group_relative_gap[g]]))[0]:
            group_gap[g] = float(row["gap"])  # type: ignore[arg-type]
            group_relative_gap[g] = relative
    # --- level consensus ------------------------------------------------------------------
    level_groups = ~is_flow
    weights: dict[str, float] | None = None
    lv = np.flatnonzero(level_groups[gg])
    width = t.high[gc] - t.low[gc]
    published = folded.published_earliest[gc]

    def text_form(k: int) -> str:
        return _text_form(t, int(gc[k]))

    chosen = level.at_latest_moment(
        gg[lv],
        source[lv],
        source_name[lv],
        t.end_earliest[gc][lv],
        t.end_latest[gc][lv],
        published[lv],
        width[lv],
        lambda k: text_form(int(lv[k])),
    )
    chosen = level.Chosen(chosen.group, lv[chosen.claim], chosen.name)
    raw_all = level.Claims(stated_raw, t.low[gc], t.high[gc], t.unit[gc], t.end_earliest[gc],
                           t.end_latest[gc])  # fmt: skip
    if consensus == "crh":
        share_first = (g_kind == "level") | (t.unit[first_claim] == "percent")
        crh_k = np.flatnonzero(share_first[gg])
        crh_chosen = level.at_latest_moment(
            gg[crh_k],
            source[crh_k],
            source_name[crh_k],
            t.end_earliest[gc][crh_k],
            t.end_latest[gc][crh_k],
            published[crh_k],
            width[crh_k],
            lambda k: text_form(int(crh_k[k])),
        )
        crh_chosen = level.Chosen(crh_chosen.group, crh_k[crh_chosen.claim], crh_chosen.name)
        # Objects in the order groups first appear among the claims.
        rank = np.empty(n_groups, dtype=np.int64)
        rank[np.argsort(first_claim, kind="stable")] = np.arange(n_groups)
        weights = level.crh_weights(crh_chosen, raw_all, rank)
    voted = level.level_consensus(chosen, n_groups, raw_all, b, weights)
    # --- group verdicts -------------------------------------------------------------------
    n_pairs = np.bincount(pg, minlength=n_groups)
    n_agree = np.bincount(pg[verdict_code == 2], minlength=n_groups)
    finite_rel = np.where(np.isfinite(rel_diff), rel_diff, -np.inf)
    largest = np.full(n_groups, -np.inf)
    if pa.size:
        np.maximum.at(largest, pg, finite_rel)
    largest = np.where(np.isneginf(largest), math.nan, largest)
    verdict = np.where(
        size == 1,
        3,
        np.where(conflict_count > 0, 0, np.where((n_pairs > 0) & (n_agree == n_pairs), 2, 1)),
    )
    verdict_names = np.array(["contradict", "diverge", "agree", "single"], dtype=object)
    has_flow = is_flow & implied.has
    has_level = ~is_flow & voted.has
    groups_data = pd.DataFrame(
        {
            "group": np.arange(n_groups, dtype=np.int64),
            "measure": g_measure,
            "label": g_label,
            "measure_kind": g_kind,
            "modality": g_modality,
            "unit": g_unit,
            "claims": size,
            "reporters": reporters,
            "verdict": verdict_names[verdict],
            "gap": group_gap,
            "relative_gap": group_relative_gap,
            "largest_difference": largest,
            "start": dates(implied.start, has_flow & (implied.start > g_origin)),
            "end": dates(implied.stop - 1, has_flow),
            "consensus_low": np.where(
                has_flow, implied.low, np.where(has_level, voted.allowed_low, math.nan)
            ),
            "consensus_high": np.where(
                has_flow, implied.high, np.where(has_level, voted.allowed_high, math.nan)
            ),
            "consensus_value": np.where(has_level, voted.value, math.nan),
            "consensus_share": np.where(has_level, voted.share, math.nan),
            "consensus_sources": np.where(has_level, voted.sources, 0),
            "_g": np.arange(n_groups, dtype=np.int64),
            "_first": first_claim,
            "_conflicts": conflict_count,
            "_pairs": n_pairs,
            "_agreeing": n_agree,
            "_consensus": np.where(has_flow, FLOW, np.where(has_level, LEVEL, -1)),
            "_start": implied.start,
            "_stop": implied.stop,
            "_support_start": implied.support_start,
            "_support_stop": implied.support_stop,
            "_supporters": pd.Series(voted.supporters, dtype=object),
            "_weighted": np.full(n_groups, weights is not None),
        }
    )
    group_order = np.lexsort(
        (
            np.arange(n_groups),
            -_finite(largest),
            -_finite(group_relative_gap),
            verdict,
        )
    )
    groups_data = groups_data.iloc[group_order].reset_index(drop=True)
    # --- pairs table ----------------------------------------------------------------------
    # Ids, reporters and verdicts are written when the table is read; rows are sorted
    # here, ids by their rank among the claims' ids.
    id_rank = np.empty(len(t), dtype=np.int64)
    id_rank[np.argsort(t.ids.astype(str), kind="stable")] = np.arange(len(t))
    pairs_data = pd.DataFrame(
        {
            "group": pg,
            "difference": abs_diff,
            "relative_difference": rel_diff,
            "gap": pair_gap,
            "_a": gc[pa],
            "_b": gc[pb],
            "_verdict": verdict_code,
            "_kind": np.where(flow_pair, FLOW, LEVEL),
            "_overlap": overlap,
            "_close": close,
            "_says": says,
        }
    )
    if len(pairs_data):
        pair_order = np.lexsort(
            (id_rank[gc[pb]], id_rank[gc[pa]], pg, -_finite(rel_diff), verdict_code)
        )
        pairs_data = pairs_data.iloc[pair_order].reset_index(drop=True)
    # --- conflicts, corrections, claims -----------------------------------------------------
    conflict_rows.sort(
        key=lambda r: (
            -_finite(np.asarray([float(r["relative_gap"])]))[0],  # type: ignore[arg-type]
            r["group"],
            r["conflict"],
        )
    )
    conflicts = pd.DataFrame(conflict_rows, columns=list(CONFLICT_COLUMNS))
    corrections = notes(t, folded)
    claims_frame = ClaimsView(t, mentions, folded, gc, gg)
    # Only reported groups answer what a measure's counts imply (see the origins above).
    reported_flow = is_flow & (g_modality == "reported")
    index = flow_index(t, batch, reported_flow, feasible, g_measure, g_origin, policy.slack)
    weight_rows = [
        {"reporter": name, "weight": value} for name, value in sorted((weights or {}).items())
    ]
    return Report(
        groups=LazyTable(groups_data, GROUP_COLUMNS, renderer.groups),
        pairs=LazyTable(pairs_data, PAIR_COLUMNS, renderer.pairs),
        conflicts=conflicts,
        corrections=LazyTable(corrections, CORRECTION_COLUMNS, renderer.notes),
        claims=claims_frame,
        unread=pd.DataFrame(unread, columns=list(UNREAD_COLUMNS)),
        weights=pd.DataFrame(weight_rows, columns=list(WEIGHT_COLUMNS)),
        _flow_index=index,
    )


def _take_bounds(b: Bounds, index: Ints) -> Bounds:
    return Bounds(b.lower[index], b.upper[index], b.lower_strict[index], b.upper_strict[index])


def _only(g: Grouped, mask: Bools) -> Grouped:
    return Grouped(
        group=g.group[mask],
        source=g.source[mask],
        end=g.end[mask],
        value=(g.value[0][mask], g.value[1][mask], g.value[2][mask]),
    )


def _conflict_row(
    t: ClaimTable,
    g: int,
    number: int,
    members: Ints,
    gap: float,
    relative_gap: float,
    chain: str,
) -> dict[str, object]:
    return {
        "group": g,
        "conflict": number,
        "claims": "; ".join(str(t.ids[m]) for m in members.tolist()),
        "reporters": "; ".join(str(x) for x in reporters_of(t, members).tolist()),
        "gap": gap,
        "relative_gap": relative_gap,
        "chain": chain,
    }
