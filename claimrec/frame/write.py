"""Claims → the canonical frame (:func:`to_frame`)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import pandas as pd

from claimrec.frame.columns import CANONICAL_COLUMNS, _typed_frame
from claimrec.record import (
    MENTION_TEXTS,
    Claim,
    Source,
)
from claimrec.reporter import Reporter
from claimrec.units import unit_name
from claimrec.value import Value
from claimrec.window import Window


def _value_fields(value: Value) -> dict[str, object]:
    return {
        "stated": math.nan if value.stated is None else value.stated,
        "low": value.low,
        "high": value.high,
        "low_closed": value.low_closed,
        "high_closed": value.high_closed,
        "kind": value.kind,
        "precision": math.nan if value.precision is None else value.precision,
        "unit": unit_name(value.unit),
    }


def _window_fields(window: Window) -> dict[str, object]:
    return {
        "start_earliest": window.start_earliest,
        "start_latest": window.start_latest,
        "end_earliest": window.end_earliest,
        "end_latest": window.end_latest,
        "window_kind": window.kind,
        "window_text": window.text,
    }


def _reporter_fields(reporter: Reporter | None) -> dict[str, object]:
    if reporter is None:
        return {
            "reporter": None,
            "reporter_as_written": None,
            "reporter_resolved": None,
            "reporter_kind": None,
        }
    return {
        "reporter": reporter.name,
        "reporter_as_written": reporter.as_written,
        "reporter_resolved": reporter.resolved,
        "reporter_kind": reporter.kind,
    }


def _source_fields(source: Source) -> dict[str, object]:
    return {
        "via": source.via,
        "document": source.document,
        "url": source.url,
        "published": None if source.published is None else str(source.published),
        "quote": source.quote,
        "span_start": None if source.span is None else source.span[0],
        "span_end": None if source.span is None else source.span[1],
    }


def _claim_fields(item: Claim) -> dict[str, object]:
    """The canonical fields of a claim, all but those of its sources."""
    fields: dict[str, object] = {"claim_id": item.id}
    fields.update(_value_fields(item.value))
    fields.update(
        value_text=item.value_text or None,
        counted=item.counted,
        measure=item.measure,
        measure_text=item.measure_text or None,
        measure_kind=item.measure_kind,
        method=item.method,
        modality=item.modality,
    )
    fields.update(_window_fields(item.window))
    fields.update(_reporter_fields(item.reporter))
    fields["reporter_text"] = item.reporter_text or None
    return fields


# How each mention text is written when empty (window texts are "", others missing).
_EMPTY_TEXT: dict[str, str] = {"window_text": ""}


def _mention_text(item: Claim, name: str) -> str | None:
    """The claim's own text of a :data:`MENTION_TEXTS` field (None when empty)."""
    texts: dict[str, str | None] = {
        "value_text": item.value_text,
        "counted": item.counted,
        "measure_text": item.measure_text,
        "window_text": item.window.text,
        "reporter_as_written": None if item.reporter is None else item.reporter.as_written,
        "reporter_text": item.reporter_text,
    }
    return texts[name] or None


def to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The canonical claims frame: one row per mention, columns ``CANONICAL_COLUMNS``.

    Each mention's row holds its own texts (``value_text`` … where its source has
    them). When every mention was read from a claims frame (:func:`from_frame`),
    the rows go back to their places and keep that frame's index labels; otherwise
    the index is a RangeIndex.
    """
    # Rows as tuples in the canonical order (a dict per row costs five times the memory:
    # a batch of files can hold hundreds of thousands of rows), then one list per column.
    rows: list[tuple[object, ...]] = []
    places: list[tuple[int | None, Hashable]] = []
    for item in claims:
        shared = _claim_fields(item)
        for source in item.sources or (Source(),):
            row = dict(shared)
            row.update(_source_fields(source))
            for name in MENTION_TEXTS:
                own = getattr(source, name)
                if own is not None:
                    row[name] = own or _EMPTY_TEXT.get(name)
            rows.append(tuple(map(row.__getitem__, CANONICAL_COLUMNS)))
            places.append((source.position, source.row))
    index: pd.Index = pd.RangeIndex(len(rows))
    positions = [position for position, _ in places]
    if rows and None not in positions and len(set(positions)) == len(positions):
        order = sorted(range(len(rows)), key=lambda i: positions[i])  # type: ignore[arg-type,return-value]
        rows = [rows[i] for i in order]
        index = pd.Index([places[i][1] for i in order])
    cells = [list(column) for column in zip(*rows, strict=True)] if rows else []
    del rows
    columns = dict(zip(CANONICAL_COLUMNS, cells or [[] for _ in CANONICAL_COLUMNS], strict=True))
    del cells
    return _typed_frame(columns, index)
