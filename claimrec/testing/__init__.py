"""Hypothesis strategies for claimrec, exported for users' own property tests.

``from claimrec.testing import values, windows, claims`` — requires the
``hypothesis`` package (installed with the ``test`` extra).

The strategies live by subject: :mod:`~claimrec.testing.texts` (figures, windows,
reporters, measures), :mod:`~claimrec.testing.systems` (constraint systems),
:mod:`~claimrec.testing.records` (claims), :mod:`~claimrec.testing.tables` (claims
frames) and :mod:`~claimrec.testing.prose` (article text); every name is
importable from ``claimrec.testing`` itself.
"""

from __future__ import annotations

from claimrec.testing.prose import (
    ARTICLE_DOMAINS,
    article_paragraphs,
    articles,
    binding_articles,
    date_texts,
    domain_articles,
    messy_texts,
    phone_texts,
    product_codes,
    score_texts,
)
from claimrec.testing.records import (
    claim_tables,
    claim_values,
    claim_windows,
    claims,
    hidden_counts,
    true_claims,
)
from claimrec.testing.systems import (
    FLOW_FAMILIES,
    consistent_flow_systems,
    flow_systems,
    hidden_series,
    structured_flow_systems,
    window_arrays,
)
from claimrec.testing.tables import (
    claims_tables,
    loose_frames,
    mention_frames,
    messy_cells,
    messy_frames,
    reports_equal,
)
from claimrec.testing.texts import (
    MEASURE_CHUNKS,
    currency_texts,
    figure_texts,
    measure_chunks,
    measure_phrases,
    not_dated_numbers,
    overflowing_figure_texts,
    references,
    reporter_aliases,
    reporter_names,
    values,
    window_texts,
    windows,
    written_days,
)

__all__ = [
    "ARTICLE_DOMAINS",
    "FLOW_FAMILIES",
    "MEASURE_CHUNKS",
    "article_paragraphs",
    "articles",
    "binding_articles",
    "claim_tables",
    "claim_values",
    "claim_windows",
    "claims",
    "claims_tables",
    "consistent_flow_systems",
    "currency_texts",
    "date_texts",
    "domain_articles",
    "figure_texts",
    "flow_systems",
    "hidden_counts",
    "hidden_series",
    "loose_frames",
    "measure_chunks",
    "measure_phrases",
    "mention_frames",
    "messy_cells",
    "messy_frames",
    "messy_texts",
    "not_dated_numbers",
    "overflowing_figure_texts",
    "phone_texts",
    "product_codes",
    "references",
    "reporter_aliases",
    "reporter_names",
    "reports_equal",
    "score_texts",
    "structured_flow_systems",
    "true_claims",
    "values",
    "window_arrays",
    "window_texts",
    "windows",
    "written_days",
]
