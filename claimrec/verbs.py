"""The top-level verbs on claims tables, pandas or Dask.

:func:`claimrec.normalize` and :func:`claimrec.reconcile` take a pandas
DataFrame (or, for ``reconcile``, a list of claims) and work in memory; given a
Dask DataFrame they hand it to :mod:`claimrec.dask`, which reads it by
partitions and reconciles it by measure. Dask is imported only then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast, overload

import pandas as pd

from claimrec.frame import normalize as normalize_frame
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.reconcile import reconcile as reconcile_claims

if TYPE_CHECKING:
    import dask.dataframe as dd

    from claimrec.calendar import EventCalendar
    from claimrec.dask import DaskReport
    from claimrec.frame import Errors
    from claimrec.lexicon import Lexicon
    from claimrec.measure import MeasureSynonyms
    from claimrec.reconcile.level import ConsensusMethod
    from claimrec.record import Claim
    from claimrec.report import Report
    from claimrec.reporter import ReporterTable

__all__ = ["normalize", "reconcile"]


def _is_dask(data: object) -> bool:
    import sys

    module = sys.modules.get("dask.dataframe")  # not loaded: it cannot be a Dask frame
    return module is not None and isinstance(data, module.DataFrame)


@overload
def normalize(
    df: dd.DataFrame,
    *,
    errors: Errors = ...,
    columns: Mapping[str, str] | None = ...,
    policy: Policy = ...,
    reporters: ReporterTable | None = ...,
    synonyms: MeasureSynonyms | None = ...,
    calendar: EventCalendar | None = ...,
    lexicon: Lexicon | None = ...,
) -> dd.DataFrame: ...


@overload
def normalize(
    df: pd.DataFrame,
    *,
    errors: Errors = ...,
    columns: Mapping[str, str] | None = ...,
    policy: Policy = ...,
    reporters: ReporterTable | None = ...,
    synonyms: MeasureSynonyms | None = ...,
    calendar: EventCalendar | None = ...,
    lexicon: Lexicon | None = ...,
) -> pd.DataFrame: ...


def normalize(
    df: pd.DataFrame | dd.DataFrame,
    *,
    errors: Errors = "raise",
    columns: Mapping[str, str] | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame | dd.DataFrame:
    """The canonical claims frame of a table of loose claims
    (:func:`claimrec.frame.normalize`); a Dask DataFrame is normalized partition by
    partition (:func:`claimrec.dask.normalize`) and stays lazy."""
    options: dict[str, Any] = {
        "errors": errors,
        "columns": columns,
        "policy": policy,
        "reporters": reporters,
        "synonyms": synonyms,
        "calendar": calendar,
        "lexicon": lexicon,
    }
    if _is_dask(df):
        from claimrec.dask import normalize as normalize_dask

        return normalize_dask(cast("dd.DataFrame", df), **options)
    return normalize_frame(cast(pd.DataFrame, df), **options)


@overload
def reconcile(
    claims: dd.DataFrame,
    *,
    policy: Policy = ...,
    conflicts_limit: int = ...,
    consensus: ConsensusMethod = ...,
) -> DaskReport: ...


@overload
def reconcile(
    claims: pd.DataFrame | Iterable[Claim],
    *,
    policy: Policy = ...,
    conflicts_limit: int = ...,
    consensus: ConsensusMethod = ...,
) -> Report: ...


def reconcile(
    claims: pd.DataFrame | Iterable[Claim] | dd.DataFrame,
    *,
    policy: Policy = DEFAULT_POLICY,
    conflicts_limit: int = 20,
    consensus: ConsensusMethod = "vote",
) -> Report | DaskReport:
    """Group claims, judge every group, name minimal contradictions with their gaps,
    note corrections, and state what the claims together imply
    (:func:`claimrec.reconcile.reconcile`, whose options these are).

    A Dask DataFrame is reconciled on Dask by measure
    (:func:`claimrec.dask.reconcile`): the result is a lazy
    :class:`~claimrec.dask.DaskReport` whose ``compute()`` is the report of the
    computed frame.
    """
    if _is_dask(claims):
        from claimrec.dask import reconcile as reconcile_dask

        return reconcile_dask(
            cast("dd.DataFrame", claims),
            policy=policy,
            conflicts_limit=conflicts_limit,
            consensus=consensus,
        )
    return reconcile_claims(
        cast("pd.DataFrame | Iterable[Claim]", claims),
        policy=policy,
        conflicts_limit=conflicts_limit,
        consensus=consensus,
    )
