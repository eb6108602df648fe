"""claimrec — reconcile numeric claims: figures, bounds, windows and reporters.

The public names are importable from here::

    import claimrec
    claimrec.parse_value("over 150")
    claimrec.parse_window("since 2022 as of Nov. 6", reference="2024-11-11")
    claimrec.reconcile(claims)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimrec import _version, units
from claimrec.accessor import ClaimsAccessor
from claimrec.errors import (
    ClaimError,
    ClaimrecError,
    ClaimsFrameError,
    FigureError,
    PageAsTextWarning,
    ReferenceDateError,
    UnitError,
    UnsafeTextWarning,
    WindowError,
)
from claimrec.export import (
    read_claims,
    report_csv,
    report_json,
    report_schema,
    safe_csv,
    write_claims,
)
from claimrec.extract import extract, extract_files
from claimrec.frame import CANONICAL_COLUMNS, from_frame, to_frame
from claimrec.html import report_html
from claimrec.lexicon import Lexicon
from claimrec.measure import MeasureSynonyms, default_synonyms, infer_measure_kind, measure_key
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.figures import FigureMatch, find_values, parse_value
from claimrec.read.times import find_windows, parse_reference, parse_window
from claimrec.reconcile import Implied
from claimrec.record import Claim, Source, claim, merge_mentions
from claimrec.report import Report
from claimrec.reporter import (
    Reporter,
    ReporterTable,
    default_reporters,
    find_reporters,
    resolve_reporter,
)
from claimrec.units import parse_unit, unit_name
from claimrec.value import Value
from claimrec.verbs import normalize, reconcile
from claimrec.window import DateRange, EventCalendar, Window, WindowMatch

__version__ = _version.__version__

__all__ = [
    "CANONICAL_COLUMNS",
    "DEFAULT_LEXICON",
    "DEFAULT_POLICY",
    "Claim",
    "ClaimError",
    "ClaimrecError",
    "ClaimsAccessor",
    "ClaimsFrameError",
    "DateRange",
    "EventCalendar",
    "FigureError",
    "FigureMatch",
    "Implied",
    "Lexicon",
    "MeasureSynonyms",
    "PageAsTextWarning",
    "Policy",
    "ReferenceDateError",
    "Report",
    "Reporter",
    "ReporterTable",
    "Source",
    "UnitError",
    "UnsafeTextWarning",
    "Value",
    "Window",
    "WindowError",
    "WindowMatch",
    "__version__",
    "claim",
    "default_reporters",
    "default_synonyms",
    "extract",
    "extract_files",
    "find_reporters",
    "find_values",
    "find_windows",
    "from_frame",
    "infer_measure_kind",
    "measure_key",
    "merge_mentions",
    "normalize",
    "parse_reference",
    "parse_unit",
    "parse_value",
    "parse_window",
    "read_claims",
    "reconcile",
    "report_csv",
    "report_html",
    "report_json",
    "report_schema",
    "resolve_reporter",
    "safe_csv",
    "to_frame",
    "unit_name",
    "units",
    "write_claims",
]

if TYPE_CHECKING:
    DEFAULT_LEXICON: Lexicon


def __getattr__(name: str) -> object:
    # The lexicon is read from its data files on first use, not when claimrec is imported.
    if name == "DEFAULT_LEXICON":
        from claimrec.lexicon import default_lexicon

        return default_lexicon()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
