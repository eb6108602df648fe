"""The ``df.claims`` accessor for notebooks: thin calls into the module functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from claimrec.frame import normalize
from claimrec.record import Claim

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = ["ClaimsAccessor"]


@pd.api.extensions.register_dataframe_accessor("claims")
class ClaimsAccessor:
    """``df.claims.normalize()``, ``df.claims.to_claims()``, ``df.claims.reconcile()``."""

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
