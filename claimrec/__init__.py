"""claimrec — reconcile numeric claims: figures, bounds, windows and reporters."""

from __future__ import annotations

from claimrec.errors import (
    ClaimError,
    ClaimrecError,
    ClaimsFrameError,
    FigureError,
    ReferenceDateError,
    UnitError,
    WindowError,
)
from claimrec.policy import DEFAULT_POLICY, Policy

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_POLICY",
    "ClaimError",
    "ClaimrecError",
    "ClaimsFrameError",
    "FigureError",
    "Policy",
    "ReferenceDateError",
    "UnitError",
    "WindowError",
    "__version__",
]
