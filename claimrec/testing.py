"""Hypothesis strategies for claimrec, exported for users' own property tests.

``from claimrec.testing import values, windows, claims`` — requires the
``hypothesis`` package (installed with the ``test`` extra).
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__: list[str] = []

# --- figures (value.py, units.py) -------------------------------------------
# (end figures)

# --- windows (window.py) ------------------------------------------------------
# (end windows)

# --- reporters and measures (reporter.py, measure.py) -------------------------
# (end reporters and measures)

# --- constraint systems (constraints.py, grouping.py) -------------------------
# (end constraint systems)

# --- claims (claim.py, frame.py) ----------------------------------------------
# (end claims)

_ = st  # the sections above use it
