"""The ``df.claimrec`` accessor for notebooks: thin calls into the module functions.

It is named after the library so that it cannot hide a column: a claims frame may
well have a ``claims`` column (``report.groups.claims`` is one). The old name
``df.claims`` still works for one release, with a DeprecationWarning, on frames
that have no ``claims`` column.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import pandas as pd

from claimrec.frame import normalize
from claimrec.record import Claim

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = ["ClaimsAccessor"]


@pd.api.extensions.register_dataframe_accessor("claimrec")
class ClaimsAccessor:
    """``df.claimrec.normalize()``, ``df.claimrec.to_claims()``, ``df.claimrec.reconcile()``."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def normalize(self, **options: Any) -> pd.DataFrame:
        """:func:`claimrec.normalize` of this frame (the frame itself is not changed)."""
        return normalize(self._frame, **options)

    def to_claims(self) -> list[Claim]:
        """The claims of this frame (normalized first when it is a loose table)."""
        from claimrec.frame import claims_of

        return claims_of(self._frame)

    def reconcile(self, **options: Any) -> Report:
        """:func:`claimrec.reconcile` of this frame's claims."""
        from claimrec.reconcile import reconcile

        return reconcile(self._frame, **options)


class _DeprecatedClaimsAccessor:
    """``df.claims``: the old name of ``df.claimrec``; a column named ``claims`` wins."""

    def __get__(self, frame: pd.DataFrame | None, owner: type) -> Any:
        if frame is None:
            return ClaimsAccessor
        if "claims" in frame.columns:
            return frame["claims"]
        warnings.warn(
            "df.claims is deprecated: use df.claimrec (it cannot clash with a column)",
            DeprecationWarning,
            stacklevel=2,
        )
        return ClaimsAccessor(frame)


# pandas' own attribute lookup gives a column before a class attribute only through
# __getattr__, which an accessor (a class attribute) bypasses: this descriptor looks
# at the columns first, so report.groups.claims is the column.
pd.DataFrame.claims = _DeprecatedClaimsAccessor()  # type: ignore[attr-defined]
