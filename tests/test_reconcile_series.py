"""Running totals, series and corrections, gaps and slack, level consensus, and what
reconcile reads: checked against the reference in reconcile_oracle (scipy's linprog)."""

from __future__ import annotations

import pickle
import random
from collections import Counter
from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from reconcile_oracle import DAY0, lp_feasible, minimal, running_total, superseded

import claimrec
from claimrec.policy import Policy
from claimrec.record import Claim, Source, claim
from claimrec.testing import loose_frames
from claimrec.value import Value

# --- running totals of two reporters: the LP oracle ------------------------------------------


@st.composite
def perturbed_totals(draw: st.DrawFn) -> tuple[list[Claim], set[str], float]:
    """Two reporters' running totals of one hidden non-decreasing count, some figures
    of one reporter moved up or down by a share; returns claims, moved ids, slack."""
    days = draw(st.integers(8, 40))
    daily = draw(st.lists(st.integers(0, 30), min_size=days, max_size=days))
    hidden = [sum(daily[: d + 1]) + 10 for d in range(days)]
    slack = draw(st.sampled_from([0.0, 0.05, 0.2]))
    items: list[Claim] = []
    for reporter in ("Health Ministry", "University Tracker"):
        chosen = draw(st.sets(st.integers(0, days - 1), min_size=2, max_size=days))
        for day in sorted(chosen):
            items.append(running_total(reporter, day, Value.exact(float(hidden[day]))))
    moved: set[str] = set()
    for _ in range(draw(st.integers(0, 2))):
        position = draw(st.integers(0, len(items) - 1))
        share = draw(st.sampled_from([-0.5, -0.3, -0.1, -0.03, 0.03, 0.1, 0.3, 0.5]))
        old = items[position]
        figure = float(round((old.value.stated or 0) * (1 + share)))
        if figure == old.value.stated or old.id in moved:
            continue
        items[position] = running_total(
            old.reporter.name if old.reporter else "", _day(old), Value.exact(figure)
        )
        moved.add(items[position].id)
    return items, moved, slack


def _day(item: Claim) -> int:
    assert item.window.end_latest is not None
    return (item.window.end_latest - DAY0).days


@settings(max_examples=60, deadline=None)
@given(perturbed_totals())
def test_running_totals_conflicts_match_the_lp(case: tuple[list[Claim], set[str], float]) -> None:
    items, moved, slack = case
    report = claimrec.reconcile(items, policy=Policy(slack=slack))
    by_id = {c.id: c for c in items}
    kept = [c for c in by_id.values() if c.id not in superseded(list(by_id.values()))]
    assert set(report.claims["claim_id"]) == {c.id for c in kept}
    sets = [frozenset(row.split("; ")) for row in report.conflicts["claims"]]
    # A contradiction exactly when the kept claims cannot all be true beyond the slack.
    assert bool(sets) == (not lp_feasible(kept, slack=slack))
    for members in sets:
        chosen = [by_id[i] for i in sorted(members)]
        assert minimal(chosen, slack=slack)
        assert members & moved  # the true figures never conflict among themselves
    outside = [c for c in kept if not any(c.id in s for s in sets)]
    assert lp_feasible(outside, slack=slack)
    if len(moved) == 1 and sets:
        assert all(next(iter(moved)) in s for s in sets)
    gaps = list(report.conflicts["relative_gap"])
    assert gaps == sorted(gaps, reverse=True)
    assert all(g > slack for g in gaps)


def test_a_figure_20_percent_above_the_official_total_is_flagged_with_its_gap() -> None:
    official = [running_total("General Staff", d, Value.exact(1000.0 + 10 * d)) for d in range(5)]
    monitor = running_total("Monitor", 2, Value.at_least(1224.0))  # 20% above day 2
    report = claimrec.reconcile([*official, monitor])
    assert len(report.conflicts) == 1
    conflict = report.conflicts.iloc[0]
    assert conflict["gap"] == 1224 - 1020
    assert abs(conflict["relative_gap"] - 204 / 1224) < 1e-9
    assert "at least 1,224" in conflict["chain"] and "at most 1,020" in conflict["chain"]
    forgiving = claimrec.reconcile([*official, monitor], policy=Policy(slack=0.2))
    assert forgiving.conflicts.empty
    assert forgiving.groups.iloc[0]["verdict"] != "contradict"


def test_one_reporter_against_another_going_down_is_a_contradiction_not_a_correction() -> None:
    # "1,000" from one reporter against a later "900" from another: not "agree".
    items = [
        running_total("First Outlet", 3, Value.exact(1000.0)),
        running_total("Second Outlet", 6, Value.exact(900.0)),
    ]
    report = claimrec.reconcile(items)
    assert report.groups.iloc[0]["verdict"] == "contradict"
    assert report.corrections.empty
    assert report.conflicts.iloc[0]["gap"] == 100


# --- series with known downward steps -----------------------------------------------------


def _series_with_steps(rng: random.Random, days: int) -> tuple[list[int], set[int]]:
    figures: list[int] = []
    steps: set[int] = set()
    level = 9_000
    for day in range(days):
        if day > 2 and rng.random() < 0.12:
            level -= rng.randint(1, 40)
            steps.add(day)
        else:
            level += rng.randint(0, 40)
        figures.append(level)
    return figures, steps


def _as_text(figure: int, style: str) -> object:
    if style == "number":
        return float(figure)
    if style == "text":
        return f"{figure:,}"  # "9,930" looks like a round figure in prose
    return f"about {figure:,}"


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["number", "text", "about"]))
def test_each_downward_step_is_one_correction(seed: int, style: str) -> None:
    rng = random.Random(seed)
    figures, steps = _series_with_steps(rng, 60)
    rows = [
        {
            "reporter": "State Health Department",
            "value": _as_text(figure, style),
            "measure": "deaths from the outbreak",
            "measure_kind": "flow",
            "window": f"as of {(DAY0 + timedelta(days=day)).isoformat()}",
        }
        for day, figure in enumerate(figures)
    ]
    report = claimrec.reconcile(pd.DataFrame(rows))
    assert report.unread.empty
    corrections = report.corrections[report.corrections["type"] == "correction"]
    found = {(row["to_day"] - DAY0).days for row in corrections.to_dict(orient="records")}
    assert len(corrections) == len(steps)
    assert found == steps
    for row in corrections.to_dict(orient="records"):
        day = (row["to_day"] - DAY0).days
        assert row["from_value"] == figures[day - 1] and row["to_value"] == figures[day]
        assert f"{figures[day - 1]:,}" in row["reason"] and f"{figures[day]:,}" in row["reason"]
    assert report.conflicts.empty


def test_a_falling_level_is_never_a_correction() -> None:
    items = [
        running_total("Defence Ministry", d, Value.exact(float(f)), kind="level")
        for d, f in enumerate([5000, 5200, 4800, 4100, 4300])
    ]
    report = claimrec.reconcile(items)
    assert report.corrections.empty
    assert len(report.claims) == 5
    assert report.conflicts.empty


def test_own_about_is_no_licence_to_go_down() -> None:
    items = [
        claim("about 1,456,610", measure="losses", reporter="General Staff",
              window=(None, "2024-05-01")),
        claim("about 1,200,000", measure="losses", reporter="General Staff",
              window=(None, "2024-06-01")),
    ]  # fmt: skip
    report = claimrec.reconcile(items)
    assert list(report.corrections["type"]) == ["correction"]
    assert "1,456,610" in report.corrections.iloc[0]["reason"]


def test_pairs_in_one_series_are_consecutive_only() -> None:
    items = [running_total("Tracker", d, Value.exact(100.0 + d)) for d in range(30)]
    report = claimrec.reconcile(items)
    assert len(report.pairs) == 29
    assert report.groups.iloc[0]["claims"] == 30


# --- documented counts, modality, measures -------------------------------------------------


def test_documented_count_is_a_lower_bound_by_default() -> None:
    documented = claim(
        "79",
        measure="executions of POWs",
        counted="documented cases",
        reporter="UN Monitoring Mission",
        window=(None, "2025-02-28"),
    )
    larger = claim("at least 124", measure="executions of POWs", reporter="Prosecutor General",
                   window=("2022-01-01", "2024-11-06"))  # fmt: skip
    assert claimrec.reconcile([documented, larger]).conflicts.empty
    exact = Policy(documented_counts="exact")
    assert len(claimrec.reconcile([documented, larger], policy=exact).conflicts) == 1


@st.composite
def marked_texts(draw: st.DrawFn) -> str:
    """Texts mixing the documented-count words (as they are, capitalised, glued to other
    letters or digits) with other words and punctuation."""
    from claimrec.reconcile.bounds import _documented_words

    listed = sorted(_documented_words())
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(listed),
                st.sampled_from(listed).map(str.upper),
                st.sampled_from(listed).map(lambda w: "un" + w),
                st.sampled_from(listed).map(lambda w: w + "ly"),
                st.sampled_from(listed).map(lambda w: w + "3"),
                st.text(alphabet="abcdeéXYZ -,.;()'1", max_size=8),
            ),
            max_size=6,
        )
    )
    joiners = draw(st.lists(st.sampled_from([" ", "", "-", ", ", "/"]), min_size=len(pieces),
                            max_size=len(pieces)))  # fmt: skip
    return "".join(p + j for p, j in zip(pieces, joiners, strict=True))


@given(marked_texts())
@settings(max_examples=200)
def test_a_documented_word_counts_only_as_a_whole_word(text: str) -> None:
    import re

    from claimrec.reconcile.bounds import _documented_pattern, _documented_words

    words = _documented_words()
    expected = any(w in words for w in re.findall("[a-z]+", text.lower()))
    assert (_documented_pattern().search(text.lower()) is not None) == expected


def test_forecasts_are_never_judged_against_reported_counts() -> None:
    reported = claim(
        "4,000",
        measure="new jobs",
        reporter="Statistics Office",
        window=("2025-01-01", "2025-01-31"),
    )
    forecast = claim("9,000", measure="new jobs", reporter="Bank Economists",
                     window=("2025-01-01", "2025-01-31"), modality="forecast")  # fmt: skip
    report = claimrec.reconcile([reported, forecast])
    assert len(report.groups) == 2
    assert set(report.groups["verdict"]) == {"single"}


def test_claims_without_a_measure_are_never_grouped() -> None:
    from dataclasses import replace

    items = [
        replace(running_total("A", 3, Value.exact(10.0)), measure="", measure_text="20 of them"),
        replace(running_total("B", 3, Value.exact(20.0)), measure="", measure_text="20 of them"),
    ]
    report = claimrec.reconcile(items)
    assert report.groups.empty
    assert report.claims["group"].isna().all()


# --- reasons, labels and the summary ------------------------------------------------------


def test_group_labels_are_in_the_claims_words() -> None:
    items = [
        claim("19", measure="COVID-19 deaths in Texas", reporter="A", window=(None, "2020-04-01")),
        claim("21", measure="COVID-19 deaths in Texas", reporter="B", window=(None, "2020-04-02")),
        claim("22", measure="Covid deaths, Texas", reporter="C", window=(None, "2020-04-03")),
    ]
    report = claimrec.reconcile(items)
    assert report.groups.iloc[0]["label"] == "COVID-19 deaths in Texas"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_every_reason_is_a_full_sentence(seed: int) -> None:
    rng = random.Random(seed)
    items = [
        running_total(rng.choice(["A", "B", "C"]), rng.randint(0, 20),
                      rng.choice([Value.exact(float(rng.randint(0, 300))),
                                  Value.at_least(float(rng.randint(0, 300))),
                                  Value.at_most(float(rng.randint(0, 300))),
                                  Value.approx(float(rng.randint(1, 300)), tolerance=0.1)]),
                      kind=rng.choice(["flow", "level"]))
        for _ in range(rng.randint(1, 12))
    ]  # fmt: skip
    report = claimrec.reconcile(items)
    texts = [*report.groups["reason"], *report.pairs["reason"], *report.conflicts["chain"]]
    for text in texts:
        assert text and text.strip().endswith((".", ".)")), text
        for empty in ("— .", ": .", ", .", "; .", "— ;", "()"):
            assert empty not in text, text


def test_summary_stays_short_whatever_the_size() -> None:
    rng = random.Random(7)
    items = []
    for series in range(120):
        for reporter in ("A", "B"):
            total = 0
            for day in range(0, 40, 4):
                total += rng.randint(0, 5)
                figure = total + (rng.randint(-3, 3) if reporter == "B" else 0)
                items.append(
                    claim(str(max(figure, 0)), measure=f"deaths in county {series}",
                          reporter=reporter, window=(None, (DAY0 + timedelta(days=day))))
                )  # fmt: skip
    report = claimrec.reconcile(items)
    summary = report.summary()
    assert len(summary.splitlines()) < 80
    assert summary.splitlines()[0].startswith(f"{len(report.claims)} mention(s)")
    if len(report.conflicts):
        assert "Contradictions, largest gap first:" in summary


# --- level consensus ----------------------------------------------------------------------


def _level(reporter: str, figure: float, via: str | None = None) -> Claim:
    return Claim(
        value=Value.exact(figure),
        measure="departure delay flight 12",
        measure_text="departure delay of flight 12",
        measure_kind="level",
        window=claimrec.Window.day(date(2024, 5, 1)),
        reporter=claimrec.resolve_reporter(reporter),
        sources=(Source(via=via),) if via else (),
    )


_SOURCES = [f"Source {k}" for k in range(8)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([10.0, 15.0, 20.0, 45.0]), min_size=2, max_size=8), st.randoms())
def test_level_consensus_ignores_order_and_echoes(figures: list[float], rng: random.Random) -> None:
    items = [_level(_SOURCES[i], f) for i, f in enumerate(figures)]
    base = claimrec.reconcile(items).groups.iloc[0]
    shuffled = list(items)
    rng.shuffle(shuffled)
    again = claimrec.reconcile(shuffled).groups.iloc[0]
    echoed = [*items, *(_level(c.reporter.name, c.value.stated or 0, "Echo Daily")
                        for c in items[:1] if c.reporter)]  # fmt: skip
    with_echo = claimrec.reconcile(echoed).groups.iloc[0]
    for row in (again, with_echo):
        assert row["consensus_value"] == base["consensus_value"]
        assert row["consensus_supporters"] == base["consensus_supporters"]
        assert row["consensus_share"] == base["consensus_share"]


@given(st.sampled_from([10.0, 15.0, 20.0]), st.integers(2, 8))
def test_unanimous_levels_give_their_value(figure: float, n: int) -> None:
    report = claimrec.reconcile([_level(_SOURCES[i], figure) for i in range(n)])
    row = report.groups.iloc[0]
    assert row["consensus_value"] == figure
    assert row["consensus_share"] == 1.0
    assert row["verdict"] == "agree"


def test_vote_and_weights_beat_a_majority_of_echoes() -> None:
    items: list[Claim] = []
    truth: dict[str, float] = {}
    rng = random.Random(3)
    for flight in range(40):
        true = float(rng.randrange(300, 1300, 5))
        truth[f"departure delay flight {flight}"] = true
        for k in range(3):
            off = 0.0 if rng.random() < 0.8 else rng.choice([-10.0, 10.0])
            items.append(_flight(flight, f"Airport {k}", true + off))
        wrong = true if rng.random() < 0.3 else true + rng.choice([-20.0, 20.0])
        for outlet in range(5):  # one feed, echoed by five outlets: one claim
            items.append(_flight(flight, "Flight Feed", wrong, via=f"Outlet {outlet}"))
        items.append(_flight(flight, "Aggregator", wrong))  # a copy under its own name
    rows = Counter[tuple[str, float]]()
    for c in items:
        rows[(c.measure, c.value.stated or 0.0)] += len(c.sources) or 1
    majority = 0
    for measure, true in truth.items():
        options = {v: n for (m, v), n in rows.items() if m == measure}
        majority += min(options, key=lambda v: (-options[v], v)) == true

    def right(report: claimrec.Report) -> int:
        return sum(
            row["consensus_value"] == truth[row["measure"]]
            for row in report.groups.to_dict(orient="records")
        )

    voted = right(claimrec.reconcile(items))
    weighted_report = claimrec.reconcile(items, consensus="crh")
    weighted = right(weighted_report)
    assert voted > majority
    assert weighted >= voted
    table = weighted_report.weights
    weights = dict(zip(table["reporter"], table["weight"], strict=True))
    assert min(weights[f"Airport {k}"] for k in range(3)) > weights["Flight Feed"]


def _flight(number: int, reporter: str, figure: float, via: str | None = None) -> Claim:
    return Claim(
        value=Value.exact(figure),
        measure=f"departure delay flight {number}",
        measure_text=f"departure delay of flight {number}",
        measure_kind="level",
        window=claimrec.Window.day(date(2024, 5, 1)),
        reporter=claimrec.resolve_reporter(reporter),
        sources=(Source(via=via),) if via else (Source(),),
    )


# --- what reconcile reads -------------------------------------------------------------------


_POLICIES = st.builds(
    Policy,
    numbers_as_text=st.booleans(),
    approx_tolerance=st.sampled_from([0.05, 0.1, 0.3]),
    bare_counts=st.sampled_from(["exact", "at_least"]),
    documented_counts=st.sampled_from(["exact", "at_least"]),
    round_figures=st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(loose_frames(), _POLICIES)
def test_a_loose_table_is_read_with_the_policy(frame: pd.DataFrame, policy: Policy) -> None:
    direct = claimrec.reconcile(frame, policy=policy)
    normalized = claimrec.normalize(frame, policy=policy, errors="coerce")
    assert direct.equals(claimrec.reconcile(normalized, policy=policy))


def test_numeric_cells_follow_the_policy_when_read_loose() -> None:
    frame = pd.DataFrame(
        [
            {"reporter": "A", "value": 11000.0, "measure": "measles cases in Lagos",
             "window": "as of 2024-01-05"},
            {"reporter": "B", "value": "at least 11,400", "measure": "measles cases in Lagos",
             "window": "as of 2024-01-03"},
        ]
    )  # fmt: skip
    exact = claimrec.reconcile(frame)
    assert exact.groups.iloc[0]["verdict"] == "contradict"
    as_text = claimrec.reconcile(frame, policy=Policy(numbers_as_text=True))
    assert as_text.groups.iloc[0]["verdict"] != "contradict"  # 11,000 covers up to 11,500


def test_unread_rows_are_in_the_report() -> None:
    frame = pd.DataFrame(
        [
            {
                "reporter": "A",
                "value": "109",
                "measure": "measles cases in Lagos",
                "window": "in 2024",
            },
            {
                "reporter": "B",
                "value": "lots",
                "measure": "measles cases in Lagos",
                "window": "in 2024",
            },
        ],
        index=[10, 11],
    )
    report = claimrec.reconcile(frame)
    assert list(report.unread["row"]) == [11]
    assert "value" in report.unread.iloc[0]["error"]
    assert "1 unread row(s)" in report.summary()
    assert len(report.claims) == 1


def test_the_report_pickles() -> None:
    items = [running_total("A", d, Value.exact(10.0 + d)) for d in range(5)]
    report = claimrec.reconcile(items)
    back = pickle.loads(pickle.dumps(report))
    assert back.equals(report)
    assert (
        back.consensus("deaths from the outbreak", start=None, end="2024-03-05").lower
        == report.consensus("deaths from the outbreak", start=None, end="2024-03-05").lower
    )


def test_running_totals_share_the_origin_a_named_event_gives() -> None:
    # "since the start of the full-scale invasion" fixes the start of what is counted;
    # a bare running total of the same measure counts from that start too, so an upper
    # bound on the total later is below a lower bound inside it.
    def said(reporter: str, value: str, window: str) -> Claim:
        return claim(
            value,
            measure="prisoners of war executed",
            window=window,
            reporter=reporter,
            published="2023-06-01",
        )

    since_event = said("Monitor", "at least 100", "since the start of the full-scale invasion")
    later_total = said("Ministry", "at most 90", "as of 2023-06-01")
    inside = said("Researchers", "at least 50", "from June 2022 to December 2022")
    report = claimrec.reconcile([since_event, later_total])
    assert report.groups.iloc[0]["verdict"] == "contradict"
    assert "2022-02-24" in report.conflicts.iloc[0]["chain"]
    assert (
        claimrec.reconcile(
            [inside, said("Ministry", "at most 40", "as of 2023-06-01")]
        ).groups.iloc[0]["verdict"]
        == "contradict"
    )
    compatible = claimrec.reconcile(
        [since_event, said("Ministry", "at most 120", "as of 2023-06-01")]
    )
    assert compatible.groups.iloc[0]["verdict"] != "contradict"
