"""Reports and claims tables as files: JSON, spreadsheet-safe CSV, Parquet.

* :func:`report_json` — a report as a JSON-ready dict: claim values as schema.org
  ``QuantitativeValue``, windows as ISO 8601 intervals, verdicts as
  ``ClaimReview``-like records. The shape is documented by the JSON Schema
  shipped as ``claimrec/data/report.schema.json`` (:func:`report_schema`).
* :func:`report_csv` and :func:`safe_csv` — CSV that is safe to open in a
  spreadsheet: a text cell that a spreadsheet would run as a formula gets a
  leading ``'``.
* :func:`write_claims` / :func:`read_claims` — claims tables as ``.csv``,
  ``.parquet`` or ``.json``; canonical frames round-trip.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Hashable, Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import pandas as pd

from claimrec.errors import ClaimError
from claimrec.frame import CANONICAL_COLUMNS, normalize
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.sanitize import safe_data

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = [
    "TABLE_FORMATS",
    "read_claims",
    "read_table",
    "report_csv",
    "report_json",
    "report_schema",
    "safe_csv",
    "table_format",
    "write_claims",
]

#: File suffixes of claims tables, and the format each one means.
TABLE_FORMATS: Mapping[str, str] = {".csv": "csv", ".parquet": "parquet", ".json": "json"}

SCHEMA_ID = "https://claimrec.invalid/report.schema.json"

# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV
# injection"). A spreadsheet also starts a new row at a bare carriage return or line
# feed, so the same holds for the text after any line break inside a cell: each such
# place gets one quote. Places already starting with quotes before such a character
# get one more, so that reading back strips exactly one quote where one was added.
_PREFIX = r"'*[=+\-@\t\r]"
_BREAK = "\r\n"
_FORMULA = re.compile(rf"(?:^|(?<=[{_BREAK}]))(?={_PREFIX})")
_NEUTRALIZED = re.compile(rf"(?:^|(?<=[{_BREAK}]))'(?={_PREFIX})")
# Python's csv writer quotes a cell holding "\n" but not one holding a bare "\r",
# which a spreadsheet takes for a line end: every text cell is quoted instead, so
# no line break, tab or semicolon inside a cell can start a row or a cell, whatever
# separators the spreadsheet is told to use. Numbers stay unquoted.
_QUOTING: Literal[2] = csv.QUOTE_NONNUMERIC

PathOrBuffer = str | Path | IO[str]


# --- small conversions ------------------------------------------------------------------


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: object) -> str | None:
    if _missing(value):
        return None
    text = str(value)
    return text if text else None


def _number(value: object) -> float | None:
    """A JSON number, or None for missing and unbounded values (JSON has no infinity)."""
    if _missing(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def _int(value: object) -> int | None:
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def _bool(value: object) -> bool | None:
    return None if _missing(value) else bool(value)


def _day(value: object) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


# --- JSON ----------------------------------------------------------------------------


def quantitative_value(row: Mapping[Hashable, Any]) -> dict[str, Any]:
    """A claim's figure as a schema.org ``QuantitativeValue`` (plus claimrec's bound kind).

    ``minValue`` / ``maxValue`` are null where the interval is unbounded; ``lowClosed``
    / ``highClosed`` say whether each end belongs to it ("over 150" has an open low end).
    """
    return {
        "@type": "QuantitativeValue",
        "value": _number(row.get("stated")),
        "minValue": _number(row.get("low")),
        "maxValue": _number(row.get("high")),
        "unitText": _text(row.get("unit")) or "count",
        "kind": _text(row.get("kind")),
        "lowClosed": _bool(row.get("low_closed")),
        "highClosed": _bool(row.get("high_closed")),
        "precision": _number(row.get("precision")),
        "text": _text(row.get("value_text")),
    }


def iso_interval(row: Mapping[Hashable, Any]) -> str:
    """The widest reading of a window as an ISO 8601 interval; ``..`` marks an open or
    unknown end ("../2025-05-24": everything up to that day, included)."""
    start = _day(row.get("start_earliest")) or ".."
    end = _day(row.get("end_latest")) or ".."
    return f"{start}/{end}"


def window_json(row: Mapping[Hashable, Any]) -> dict[str, Any]:
    return {
        "interval": iso_interval(row),
        "startEarliest": _day(row.get("start_earliest")),
        "startLatest": _day(row.get("start_latest")),
        "endEarliest": _day(row.get("end_earliest")),
        "endLatest": _day(row.get("end_latest")),
        "kind": _text(row.get("window_kind")),
        "text": _text(row.get("window_text")),
    }


def _mention(row: Mapping[Hashable, Any]) -> dict[str, Any]:
    return {
        "via": _text(row.get("via")),
        "document": _text(row.get("document")),
        "url": _text(row.get("url")),
        "published": _text(row.get("published")),
        "quote": _text(row.get("quote")),
        "spanStart": _int(row.get("span_start")),
        "spanEnd": _int(row.get("span_end")),
    }


def _claim_ref(claim_id: str) -> dict[str, str]:
    return {"@type": "Claim", "@id": f"#claim-{claim_id}"}


def _review(verdict: object, reason: object, claim_ids: list[str]) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "reviewRating": {"@type": "Rating", "alternateName": _text(verdict)},
        "reviewBody": _text(reason) or "",
        "itemReviewed": [_claim_ref(claim_id) for claim_id in claim_ids],
        "author": {"@type": "SoftwareApplication", "name": "claimrec"},
    }


def _claims_json(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per claim (``claim_id``), its mentions listed in order."""
    records: dict[str, dict[str, Any]] = {}
    rows: list[dict[Hashable, Any]] = claims.to_dict(orient="records")
    for position, row in enumerate(rows):
        claim_id = _text(row.get("claim_id")) or f"row-{position}"
        known = records.get(claim_id)
        if known is not None:
            known["mentions"].append(_mention(row))
            continue
        records[claim_id] = {
            "@type": "Claim",
            "@id": f"#claim-{claim_id}",
            "id": claim_id,
            "group": _int(row.get("group")),
            "value": quantitative_value(row),
            "counted": _text(row.get("counted")),
            "measure": _text(row.get("measure")),
            "measureText": _text(row.get("measure_text")),
            "measureKind": _text(row.get("measure_kind")),
            "method": _text(row.get("method")),
            "window": window_json(row),
            "reporter": {
                "name": _text(row.get("reporter")),
                "asWritten": _text(row.get("reporter_as_written")),
                "kind": _text(row.get("reporter_kind")),
                "resolved": _bool(row.get("reporter_resolved")),
            },
            "mentions": [_mention(row)],
        }
    return list(records.values())


def _split(cell: object) -> list[str]:
    text = _text(cell)
    return [] if text is None else [part.strip() for part in text.split(";") if part.strip()]


def report_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict (``json.dumps`` works on it as is).

    Claim values follow schema.org ``QuantitativeValue``; windows are ISO 8601
    intervals of their widest reading with open ends as ``..``, plus the explicit
    earliest/latest days of uncertain ends; group and pair verdicts are
    ``ClaimReview``-like records whose ``reviewRating.alternateName`` is the verdict
    and ``reviewBody`` the reason. The shape is ``claimrec/data/report.schema.json``.
    """
    from claimrec._version import __version__

    claims = _claims_json(report.claims)
    by_group: dict[int, list[str]] = {}
    for item in claims:
        if item["group"] is not None:
            by_group.setdefault(item["group"], []).append(item["id"])
    groups: list[dict[str, Any]] = []
    for row in report.groups.to_dict(orient="records"):
        gid = int(row["group"])
        ids = by_group.get(gid, [])
        groups.append(
            {
                "group": gid,
                "measure": _text(row["measure"]),
                "measureKind": _text(row["measure_kind"]),
                "unit": _text(row["unit"]),
                "claimCount": int(row["claims"]),
                "verdict": _text(row["verdict"]),
                "reason": _text(row["reason"]) or "",
                "start": _day(row["start"]),
                "end": _day(row["end"]),
                "consensus": {
                    "@type": "QuantitativeValue",
                    "minValue": _number(row["consensus_low"]),
                    "maxValue": _number(row["consensus_high"]),
                    "unitText": _text(row["unit"]) or "count",
                    "interval": (
                        f"{_day(row['start']) or '..'}/{_day(row['end']) or '..'}"
                        if _text(row["consensus"])
                        else None
                    ),
                    "description": _text(row["consensus"]),
                    "restsOn": _text(row["consensus_rests_on"]),
                },
                "claims": ids,
                "review": _review(row["verdict"], row["reason"], ids),
            }
        )
    pairs = [
        {
            "group": int(row["group"]),
            "claims": [str(row["claim_a"]), str(row["claim_b"])],
            "reporters": [_text(row["reporter_a"]), _text(row["reporter_b"])],
            "verdict": _text(row["verdict"]),
            "review": _review(
                row["verdict"], row["reason"], [str(row["claim_a"]), str(row["claim_b"])]
            ),
        }
        for row in report.pairs.to_dict(orient="records")
    ]
    conflicts = [
        {
            "group": int(row["group"]),
            "conflict": int(row["conflict"]),
            "claims": _split(row["claims"]),
            "reporters": _split(row["reporters"]),
            "gap": _number(row["gap"]),
            "chain": _text(row["chain"]) or "",
        }
        for row in report.conflicts.to_dict(orient="records")
    ]
    revisions = [
        {
            "type": _text(row["type"]),
            "reporter": _text(row["reporter"]),
            "measure": _text(row["measure"]),
            "kept": _text(row["kept"]),
            "dropped": _text(row["dropped"]),
            "reason": _text(row["reason"]) or "",
        }
        for row in report.revisions.to_dict(orient="records")
    ]
    counts = report.groups["verdict"].value_counts().to_dict() if len(report.groups) else {}
    return {
        "@context": "https://schema.org",
        "$schema": SCHEMA_ID,
        "generator": {"name": "claimrec", "version": __version__},
        "summary": {
            "mentions": len(report.claims),
            "claims": len(claims),
            "groups": len(report.groups),
            "verdicts": {
                v: int(counts.get(v, 0)) for v in ("contradict", "diverge", "agree", "single")
            },
        },
        "groups": groups,
        "pairs": pairs,
        "conflicts": conflicts,
        "revisions": revisions,
        "claims": claims,
    }


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`report_json`'s output."""
    text = resources.files("claimrec").joinpath("data/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


# --- spreadsheet-safe CSV -------------------------------------------------------------


def neutralize(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, with ``'`` put before the
    formula's first character — at the start and after every line break inside it."""
    if isinstance(cell, str) and (cell[:1] in _FORMULA_FIRST or "\r" in cell or "\n" in cell):
        return _FORMULA.sub("'", cell)
    return cell


_FORMULA_FIRST = frozenset("'=+-@\t\r")


def unneutralize(cell: str) -> str:
    """Undo :func:`neutralize`: strip each quote it added, nothing else."""
    if cell[:1] == "'" or "\r" in cell or "\n" in cell:
        return _NEUTRALIZED.sub("", cell)
    return cell


def _is_text_column(column: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype)
    )


def neutralized(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas; numeric
    and boolean columns are untouched (``-inf`` and ``-2`` stay numbers)."""
    out = df.copy()
    for name in out.columns:
        column = out[name]
        if _is_text_column(column):
            out[name] = column.astype(object).map(neutralize)
    return out


def safe_csv(
    df: pd.DataFrame, path_or_buffer: PathOrBuffer | None = None, **to_csv: Any
) -> str | None:
    """``df.to_csv`` with formula-like text cells neutralized (``"=1+1"`` → ``"'=1+1"``,
    ``"a\\r=1"`` → ``"a\\r'=1"``) and every text cell quoted.

    Quoting every text cell keeps a cell holding a line break (a bare carriage
    return too), a tab or a semicolon one cell in any spreadsheet; numbers stay
    unquoted. Returns the CSV text when ``path_or_buffer`` is None, like pandas.
    ``index`` defaults to False; ``quoting``, ``quotechar``, ``escapechar`` and
    ``doublequote`` cannot be changed (they are what keeps the file safe).
    """
    for option in ("quoting", "quotechar", "escapechar", "doublequote"):
        if option in to_csv:
            raise ClaimError(
                "safe_csv sets this itself: it is what keeps every cell one cell",
                field=option,
                text=repr(to_csv[option]),
            )
    to_csv.setdefault("index", False)
    text: str | None = neutralized(df).to_csv(path_or_buffer, quoting=_QUOTING, **to_csv)
    return text


def report_csv(report: Report, path_or_buffer: PathOrBuffer | None = None) -> str | None:
    """The report as one spreadsheet-safe CSV: one row per mention (the canonical
    claims columns and ``group``), with its group's ``verdict``, ``reason`` and
    ``consensus``. Returns the text when ``path_or_buffer`` is None."""
    verdicts = report.groups[["group", "verdict", "reason", "consensus"]].rename(
        columns={
            "verdict": "group_verdict",
            "reason": "group_reason",
            "consensus": "group_consensus",
        }
    )
    claims = report.claims.copy()
    claims["group"] = claims["group"].astype("Int64")
    verdicts = verdicts.assign(group=verdicts["group"].astype("Int64"))
    table = claims.merge(verdicts, on="group", how="left")
    return safe_csv(table, path_or_buffer)


# --- claims tables ----------------------------------------------------------------------


def table_format(path: str | Path) -> str:
    """``csv``, ``parquet`` or ``json`` from a file name; ClaimError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise ClaimError(
            "unknown table format (use .csv, .parquet or .json)", field="path", text=str(path)
        )
    return TABLE_FORMATS[suffix]


def _parquet_needed(error: ImportError) -> ClaimError:
    return ClaimError(
        f"Parquet needs pyarrow: pip install -e '.[parquet]' in the claimrec repository ({error})",
        field="path",
        text="",
    )


def _json_cell(value: object) -> object:
    """JSON has no infinity or dates: write them as text ``from_frame`` reads back."""
    if _missing(value):
        return None
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def write_claims(df: pd.DataFrame, path: str | Path) -> None:
    """Write a claims table as ``.csv`` (spreadsheet-safe), ``.parquet`` or ``.json``
    (an array of records; ±inf as ``"inf"``/``"-inf"``, dates as ISO days)."""
    kind = table_format(path)
    if kind == "csv":
        safe_csv(df, path)
    elif kind == "parquet":
        try:
            df.to_parquet(path, index=False)
        except ImportError as error:
            raise _parquet_needed(error) from None
    else:
        records = [
            {str(name): _json_cell(cell) for name, cell in row.items()}
            for row in df.to_dict(orient="records")
        ]
        Path(path).write_text(json.dumps(records, ensure_ascii=False, indent=1), "utf-8")


def read_table(path: str | Path) -> pd.DataFrame:
    """A claims table as stored, without normalizing: CSV cells as text (empty cells
    are empty strings, neutralizing quotes stripped), Parquet as typed, JSON records
    as parsed."""
    kind = table_format(path)
    if kind == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        return raw.map(lambda cell: unneutralize(cell) if isinstance(cell, str) else cell)
    if kind == "parquet":
        try:
            return pd.read_parquet(path)
        except ImportError as error:
            raise _parquet_needed(error) from None
    data = safe_data(json.loads(Path(path).read_text("utf-8")), where=str(path))
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise ClaimError("expected a JSON array of records (objects)", field="path", text=str(path))
    return pd.DataFrame.from_records(data)


def read_claims(
    path: str | Path,
    *,
    errors: Literal["raise", "coerce"] = "raise",
    policy: Policy = DEFAULT_POLICY,
) -> pd.DataFrame:
    """The canonical claims frame of a ``.csv``, ``.parquet`` or ``.json`` table.

    A canonical table (all of ``CANONICAL_COLUMNS``, as :func:`write_claims`
    writes it) is re-validated and gets its documented dtypes back; its other
    columns (``group``, ``error``, …) are kept as read. A loose table (``value``,
    ``measure``, …, as people type it) is normalized. ``errors`` is
    :func:`claimrec.normalize`'s.
    """
    raw = read_table(path)
    if len(raw.columns) == 0 and len(raw) == 0:
        return normalize(pd.DataFrame(columns=list(CANONICAL_COLUMNS)), errors=errors)
    if not set(CANONICAL_COLUMNS) <= set(raw.columns):
        return normalize(raw, errors=errors, policy=policy)
    canonical = normalize(raw, errors=errors, policy=policy)
    for name in raw.columns:
        if name not in canonical.columns:
            canonical[name] = raw[name]
    return canonical


def to_csv_text(df: pd.DataFrame) -> str:
    """The spreadsheet-safe CSV text of a frame."""
    buffer = io.StringIO()
    safe_csv(df, buffer)
    return buffer.getvalue()
