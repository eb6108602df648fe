"""Claims on Dask: the same report as in memory, whatever the partitions.

Skipped only when Dask is not installed (the ``dev`` extra installs it). The
property tests run on Dask's synchronous scheduler; one test runs on a
``distributed`` LocalCluster (threads, for speed).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

import claimrec  # noqa: E402
import claimrec.dask as claimrec_dask  # noqa: E402
from claimrec.testing import claims_tables, reports_equal  # noqa: E402


@pytest.fixture(autouse=True)
def synchronous() -> Iterator[None]:
    # Dask turns text columns of Python objects into its own strings when it builds a
    # frame (a number in a text column becomes text); kept off here so that the pandas
    # table and the Dask frame hold the same cells (test_cells_as_dask_holds_them).
    with dask.config.set({"scheduler": "synchronous", "dataframe.convert-string": False}):
        yield


def _answer(report: object, measure: str, start: date | None, end: date) -> object:
    try:
        found = report.consensus(measure, start=start, end=end)  # type: ignore[attr-defined]
    except claimrec.ClaimrecError as error:
        return (type(error).__name__, error.field, error.reason)
    return found


_ASKED = [
    (None, date(2024, 3, 31)),
    (date(2024, 2, 1), date(2024, 2, 29)),
    (date(2024, 1, 1), date(2024, 6, 30)),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=claims_tables(), partitions=st.sampled_from([1, 3, 7]))
def test_dask_report_equals_in_memory_report(table: pd.DataFrame, partitions: int) -> None:
    expected = claimrec.reconcile(table)
    lazy = claimrec.reconcile(dd.from_pandas(table, npartitions=partitions, sort=False))
    assert isinstance(lazy, claimrec_dask.DaskReport)
    found = lazy.compute()
    assert reports_equal(found, expected)
    assert lazy.sizes().compute() == _sizes(expected)
    # Consensus questions are answered per measure, by the partition that holds it.
    persisted = lazy.persist()
    for measure in [*sorted(set(expected.groups["measure"])), "no such measure"]:
        for start, end in _ASKED:
            assert _answer(persisted, measure, start, end) == _answer(expected, measure, start, end)
            assert _answer(found, measure, start, end) == _answer(expected, measure, start, end)


@settings(max_examples=15, deadline=None)
@given(table=claims_tables(max_rows=20))
def test_partitions_of_any_size_give_one_report(table: pd.DataFrame) -> None:
    reports = [
        claimrec_dask.reconcile(
            dd.from_pandas(table, npartitions=n, sort=False), npartitions=shuffled
        ).compute()
        for n, shuffled in ((1, 1), (3, 2), (7, 5), (2, 9))
    ]
    assert all(reports_equal(report, reports[0]) for report in reports[1:])


def _sizes(report: claimrec.Report) -> dict[str, object]:
    """The rows of each table of an in-memory report, and its groups per verdict."""
    sizes: dict[str, object] = {
        name: len(getattr(report, name))
        for name in ("groups", "pairs", "conflicts", "corrections", "claims", "unread", "weights")
    }
    order = {"contradict": 0, "diverge": 1, "agree": 2, "single": 3}
    counts = report.groups["verdict"].value_counts().to_dict()
    sizes["verdicts"] = {str(v): int(counts[v]) for v in sorted(counts, key=order.__getitem__)}
    return sizes


def test_reading_the_tables_leaves_a_partition_as_dask_measured_it() -> None:
    # The worker spills a partition's report by the size Dask measured when the task
    # ended; writing a table (reasons, the claims frame) must not grow it afterwards.
    from dask.sizeof import sizeof

    import claimrec._dask_parts as parts

    canonical = claimrec.normalize(_table(), errors="coerce")
    part = parts.reconcile_part(
        parts.placed(canonical, {"number": 0}),
        policy=claimrec.DEFAULT_POLICY,
        conflicts_limit=20,
        consensus="vote",
    )
    measured = sizeof(part)
    assert measured > sizeof(canonical)  # it holds the claims it was given
    (numbers,) = parts.numbering(part.group_keys)
    for name in parts.TABLES:
        assert len(parts.part_table(part, numbers, name)) == parts.sizes_of(part)[name]
    # (pandas caches a few hundred bytes of index facts; a kept table would be far more)
    assert sizeof(part) < 1.05 * measured


def test_reports_equal_sees_a_changed_cell() -> None:
    table = _table()
    report = claimrec.reconcile(table)
    assert reports_equal(report, claimrec.reconcile(table))
    changed = report.groups.copy()
    changed.loc[0, "verdict"] = "agree" if changed.loc[0, "verdict"] != "agree" else "diverge"
    other = type(report)(
        groups=changed,
        pairs=report.pairs,
        conflicts=report.conflicts,
        corrections=report.corrections,
        claims=report.claims,
        unread=report.unread,
        weights=report.weights,
    )
    assert not reports_equal(report, other)
    relabelled = type(report)(
        groups=report.groups,
        pairs=report.pairs,
        conflicts=report.conflicts,
        corrections=report.corrections,
        claims=report.claims.set_axis(range(len(report.claims))),
        unread=report.unread,
        weights=report.weights,
    )
    assert not reports_equal(report, relabelled)


def _table() -> pd.DataFrame:
    """Two reporters' running totals of one measure (one steps down, one contradicts),
    a level measure with agreeing figures, a flow measure whose claims agree, and a
    row that cannot be read."""
    rows = [
        ("120", "arrests at the border", "flow", "as of 2024-02-01", "Monitor North", "Wire One"),
        (
            "at least 150",
            "arrests at the border",
            "flow",
            "as of 2024-03-01",
            "Monitor North",
            None,
        ),
        ("140", "arrests at the border", "flow", "as of 2024-04-01", "Monitor North", None),
        (
            "about 300",
            "people displaced from the valley",
            "level",
            "as of 2024-03-05",
            "OHCHR",
            None,
        ),
        (
            "310",
            "people displaced from the valley",
            "level",
            "as of 2024-03-05",
            "the ministry",
            None,
        ),
        (
            "90",
            "arrests at the border",
            "flow",
            "from 2024-01-01 to 2024-01-20",
            "Monitor South",
            None,
        ),
        ("plenty", "wells dug", None, "in May 2024", "OHCHR", None),
        (
            "5,000",
            "arrests at the border",
            "flow",
            "from 2024-01-02 to 2024-01-04",
            "Monitor South",
            None,
        ),
        ("40", "homes destroyed by floods", "flow", "in January 2024", "OHCHR", "Daily Two"),
        (
            "at least 30",
            "homes destroyed by floods",
            "flow",
            "in January 2024",
            "Monitor South",
            None,
        ),
    ]
    columns = ["value", "measure", "measure_kind", "window", "reporter", "via"]
    table = pd.DataFrame(rows, columns=columns, index=range(10, 10 + len(rows))).astype(object)
    return table.assign(published="2024-04-02")


def test_cells_as_dask_holds_them() -> None:
    # With Dask's string conversion on, the report is that of the frame Dask holds.
    table = _table()
    table["value"] = [120.0, "at least 150", 140, "about 300", "310", 90, "x", "5", 40, "30"]
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(table, npartitions=3, sort=False)
        assert reports_equal(claimrec.reconcile(ddf).compute(), claimrec.reconcile(ddf.compute()))


def test_repeated_labels_and_partitions_of_their_own() -> None:
    # Partitions read from files each count their rows from 0: labels repeat.
    table = _table()
    first, second = table.iloc[:4].reset_index(drop=True), table.iloc[4:].reset_index(drop=True)
    ddf = dd.concat([dd.from_pandas(first, npartitions=1), dd.from_pandas(second, npartitions=2)])
    expected = claimrec.reconcile(pd.concat([first, second]))
    found = claimrec.reconcile(ddf).compute()
    assert reports_equal(found, expected)
    assert list(found.claims.index) == list(expected.claims.index)
    assert found.unread["row"].tolist() == expected.unread["row"].tolist() == [2]


def test_lazy_tables_hold_the_report_rows() -> None:
    table = _table()
    lazy = claimrec.reconcile(dd.from_pandas(table, npartitions=3, sort=False)).persist()
    report = lazy.compute()
    groups = lazy.groups.compute().sort_values("group").reset_index(drop=True)
    expected = report.groups.sort_values("group").reset_index(drop=True)
    assert groups["group"].tolist() == expected["group"].tolist()
    assert groups["verdict"].tolist() == expected["verdict"].tolist()
    assert groups["reason"].tolist() == expected["reason"].tolist()
    claims = lazy.claims.compute()
    assert sorted(claims.index) == sorted(report.claims.index)
    assert set(claims["claim_id"]) == set(report.claims["claim_id"])
    assert len(lazy.pairs.compute()) == len(report.pairs)
    assert len(lazy.conflicts.compute()) == len(report.conflicts) > 0
    assert len(lazy.corrections.compute()) == len(report.corrections) > 0
    assert lazy.unread.compute()["row"].tolist() == [16]
    assert lazy.groups.verdict.value_counts().compute().to_dict() == (
        report.groups["verdict"].value_counts().to_dict()
    )


def test_normalize_by_partitions_equals_normalize() -> None:
    table = _table()
    ddf = dd.from_pandas(table, npartitions=3, sort=False)
    lazy = claimrec.normalize(ddf, errors="coerce")
    assert isinstance(lazy, dd.DataFrame)
    found = lazy.compute()
    expected = claimrec.normalize(table, errors="coerce")
    assert found.equals(expected)
    assert list(found.dtypes) == list(lazy.dtypes)


def test_a_canonical_dask_frame_is_reconciled_as_given() -> None:
    canonical = claimrec.normalize(_table(), errors="coerce")
    canonical = canonical[canonical["error"].isna()].drop(columns=["error"])
    found = claimrec.reconcile(dd.from_pandas(canonical, npartitions=2, sort=False)).compute()
    assert reports_equal(found, claimrec.reconcile(canonical))


def test_a_bad_canonical_row_is_named_by_its_label() -> None:
    canonical = claimrec.normalize(_table(), errors="coerce")
    canonical = canonical[canonical["error"].isna()].drop(columns=["error"])
    canonical.loc[13, "kind"] = "sideways"
    lazy = claimrec.reconcile(dd.from_pandas(canonical, npartitions=2, sort=False))
    with pytest.raises(claimrec.ClaimsFrameError) as raised:
        lazy.compute()
    assert [error.row for error in raised.value.errors] == [13]


def test_weighted_consensus_is_refused_on_dask() -> None:
    ddf = dd.from_pandas(_table(), npartitions=2, sort=False)
    with pytest.raises(claimrec.ClaimError) as raised:
        claimrec.reconcile(ddf, consensus="crh")
    assert raised.value.field == "consensus"
    with pytest.raises(claimrec.ClaimError):
        claimrec_dask.reconcile(ddf, npartitions=0)


def test_on_a_local_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    table = _table()
    expected = claimrec.reconcile(table)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        dask.config.set(scheduler="distributed"),
    ):
        lazy = claimrec.reconcile(dd.from_pandas(table, npartitions=3, sort=False)).persist()
        # The partitions' reports are held by the cluster, as futures.
        futures = [task for part in lazy.parts for task in dict(part.dask).values()]
        distributed.wait(futures)
        assert futures
        assert all(isinstance(f, distributed.Future) and f.status == "finished" for f in futures)
        # ... and the scheduler knows their size (what it spills by), not a few bytes.
        sizes = client.nbytes(keys=[f.key for f in futures], summary=False)
        assert all(size > 10_000 for size in sizes.values()), sizes
        assert reports_equal(lazy.compute(), expected)
        for measure in ("arrests at the border", "wells dug", "homes destroyed by floods"):
            for start, end in _ASKED:
                assert _answer(lazy, measure, start, end) == _answer(expected, measure, start, end)
