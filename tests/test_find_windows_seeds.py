"""find_windows on the seed articles, read against their publication dates."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import DATA, SEEDS

from claimrec.read.times import find_windows, parse_reference
from claimrec.window import DateRange, WindowMatch


def _publications() -> dict[str, str]:
    with open(SEEDS / "publications.csv", newline="", encoding="utf-8") as handle:
        return {row["file"]: row["published"] for row in csv.DictReader(handle)}


PUBLISHED = _publications()


def _found(doc: str) -> list[WindowMatch]:
    text = (SEEDS / doc).read_text(encoding="utf-8")
    found = find_windows(text, reference=PUBLISHED[doc])
    for m in found:
        assert text[m.start : m.end] == m.text
    return found


# (document, expression as written, its window in the text form)
EXPECTED = [
    ("000_9dfda098a2a7daba.txt", "since 2022 as of Nov. 6", "2022-01-01~2022-12-31/2024-11-06"),
    ("000_9dfda098a2a7daba.txt", "on Nov. 11", "2024-11-11"),
    ("000_9dfda098a2a7daba.txt", "in 2024", "2024-01-01/2024-11-11"),
    ("000_9dfda098a2a7daba.txt", "in November 2023", "2023-11-01/2023-11-30"),
    ("001_7f0a35f6303d18f8.txt", "on May 24", "2025-05-24"),
    ("001_7f0a35f6303d18f8.txt", "on March 19", "2025-03-19"),
    ("001_7f0a35f6303d18f8.txt", "Since 2024", "2024-01-01~2024-12-31/2025-05-24"),
    ("001_7f0a35f6303d18f8.txt", "In February", "2025-02-01/2025-02-28"),
    ("001_7f0a35f6303d18f8.txt", "since the beginning of the full-scale invasion",
     "2022-02-24/2025-05-24"),
    ("002_04c1dd306935731e.txt", "over past year", "2024-01-01~2024-12-31/2025-01-01~2025-12-31"),
    ("002_04c1dd306935731e.txt", "over the past year",
     "2024-01-01~2024-12-31/2025-01-01~2025-12-31"),
    ("002_04c1dd306935731e.txt", "Over the past year",
     "2024-01-01~2024-12-31/2025-01-01~2025-12-31"),
    # Published some day of 2025: the latest December before it is 2024's,
    # or 2025's when the article is from December 2025.
    ("002_04c1dd306935731e.txt", "In December", "2024-12-01~2025-12-01/2024-12-31~2025-12-31"),
    ("002_04c1dd306935731e.txt", "in 2024 alone", "2024-01-01/2024-12-31"),
    ("003_16f483c57f592d0a.txt", "on Saturday", "2025-01-11"),
    ("003_16f483c57f592d0a.txt", "in February 2022", "2022-02-01/2022-02-28"),
    ("003_16f483c57f592d0a.txt", "last August", "2024-08-01/2024-08-31"),
    ("004_35d2a6a0fae7b787.txt", "24 Nov, 2022", "2022-11-24"),
    ("004_35d2a6a0fae7b787.txt", "on Thursday", "2022-11-24"),
    ("004_35d2a6a0fae7b787.txt", "on Wednesday", "2022-11-23"),
    ("004_35d2a6a0fae7b787.txt", "this week", "2022-11-21/2022-11-24"),
    ("004_35d2a6a0fae7b787.txt", "last week", "2022-11-14/2022-11-20"),
    ("004_35d2a6a0fae7b787.txt", "Last week", "2022-11-14/2022-11-20"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "expression", "window"),
    [pytest.param(d, e, w, id=f"{d[:3]}-{e.replace(' ', '_')}") for d, e, w in EXPECTED],
)
def test_expression_found_with_its_window(doc: str, expression: str, window: str) -> None:
    matches = [m for m in _found(doc) if m.text == expression]
    assert matches, f"{expression!r} not found in {doc}"
    assert {str(m.window) for m in matches} == {window}


@pytest.mark.parametrize("doc", sorted(PUBLISHED))
def test_figures_are_not_windows(doc: str) -> None:
    text = (SEEDS / doc).read_text(encoding="utf-8")
    found = _found(doc)
    for figure in ("124", "150", "109", "55,000", "3,767", "12,000", "79", "36", "43"):
        at = text.find(figure)
        while at != -1:
            assert not any(m.start <= at < m.end for m in found), (figure, doc)
            at = text.find(figure, at + 1)


def _gold() -> list[dict[str, object]]:
    lines = (DATA / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _ends(value: object) -> DateRange:
    return parse_reference(str(value))


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param(c, id=f"{str(c['doc'])[:3]}-{str(c['quote'])[:30].replace(' ', '_')}")
        for c in _gold()
        if c["window_start"] is not None
    ],
)
def test_gold_windows_with_a_start_are_found(claim: dict[str, object]) -> None:
    # Every gold window with a start is one that find_windows reads in its document.
    start, end = _ends(claim["window_start"]), _ends(claim["window_end"])
    wanted = (start.earliest, start.latest, end.earliest, end.latest)
    windows = {
        (m.window.start_earliest, m.window.start_latest, m.window.end_earliest, m.window.end_latest)
        for m in _found(str(claim["doc"]))
    }
    assert wanted in windows
