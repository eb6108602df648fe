"""The reading policy: every default that turns words into numbers, in one place.

A :class:`Policy` is passed to the functions that read figures, windows and
claims; ``DEFAULT_POLICY`` is used when none is given. Policies are frozen and
hashable, so results can be cached per policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

__all__ = ["DEFAULT_POLICY", "DEFAULT_VAGUE_AMOUNTS", "Policy"]

BareCounts = Literal["exact", "at_least"]
DocumentedCounts = Literal["exact", "at_least"]

#: Documented ranges of vague amounts, as (phrase, low, high), both ends included.
DEFAULT_VAGUE_AMOUNTS: tuple[tuple[str, float, float], ...] = (
    ("a couple", 2, 2),
    ("a few", 2, 5),
    ("several", 3, 9),
    ("tens", 20, 99),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("several thousand", 3_000, 9_999),
    ("tens of thousands", 20_000, 99_999),
    ("hundreds of thousands", 200_000, 999_999),
    ("millions", 2_000_000, 9_999_999),
    ("several million", 3_000_000, 9_999_999),
    ("tens of millions", 20_000_000, 99_999_999),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """How figures are read and how claims are compared.

    * ``approx_tolerance`` — how wide "around / about / some …" is, relative to
      the figure (0.10: "around 12,000" is 10,800–13,200). "nearly / almost"
      are below the figure within it, "just over" above it.
    * ``round_figures`` — a round figure ("11,000", "1.1 million") covers half
      a unit of its last non-zero digit; False reads it literally.
    * ``bare_counts`` — ``"exact"`` reads "109" as exactly 109; ``"at_least"``
      reads bare counts as documented lower bounds, as casualty recorders
      often mean them.
    * ``vague_amounts`` — the ranges of "dozens", "hundreds", "several", …
    * ``agree_tolerance`` — two figures agree when they differ by at most this
      fraction of the larger one (or their intervals overlap, for ranges).
    * ``comparable_overlap`` — two windows are comparable (a condition for
      ``agree``) when, under some reading of their uncertain ends, their
      intersection covers at least this fraction of their union.
    * ``numbers_as_text`` — a figure given as a number (a numeric cell) is
      exactly that number (False, the default); True reads it as if written in
      prose, so "11000" covers 10,500–11,500 like "11,000" does.
    * ``documented_counts`` — ``"at_least"`` (the default) reads a count a
      monitor calls documented, verified or confirmed as a lower bound on the
      true count; ``"exact"`` takes it at its word.
    * ``slack`` — contradictions whose gap is at most this share of the figures
      involved are forgiven (0, the default, forgives nothing).
    """

    approx_tolerance: float = 0.10
    round_figures: bool = True
    bare_counts: BareCounts = "exact"
    vague_amounts: tuple[tuple[str, float, float], ...] = field(default=DEFAULT_VAGUE_AMOUNTS)
    agree_tolerance: float = 0.10
    comparable_overlap: float = 0.8
    numbers_as_text: bool = False
    documented_counts: DocumentedCounts = "at_least"
    slack: float = 0.0

    def __post_init__(self) -> None:
        from claimrec.errors import ClaimrecError

        if not 0 <= self.approx_tolerance < 1:
            raise ClaimrecError(
                "must be at least 0 and below 1",
                field="approx_tolerance",
                text=str(self.approx_tolerance),
            )
        if self.bare_counts not in ("exact", "at_least"):
            raise ClaimrecError(
                "must be 'exact' or 'at_least'", field="bare_counts", text=str(self.bare_counts)
            )
        if not 0 <= self.agree_tolerance < 1:
            raise ClaimrecError(
                "must be at least 0 and below 1",
                field="agree_tolerance",
                text=str(self.agree_tolerance),
            )
        if not 0 < self.comparable_overlap <= 1:
            raise ClaimrecError(
                "must be above 0 and at most 1",
                field="comparable_overlap",
                text=str(self.comparable_overlap),
            )
        if self.documented_counts not in ("exact", "at_least"):
            raise ClaimrecError(
                "must be 'exact' or 'at_least'",
                field="documented_counts",
                text=str(self.documented_counts),
            )
        if not 0 <= self.slack < 1:
            raise ClaimrecError(
                "must be at least 0 and below 1", field="slack", text=str(self.slack)
            )
        for phrase, low, high in self.vague_amounts:
            if not low <= high:
                raise ClaimrecError("low end is above high end", field="vague_amounts", text=phrase)

    def vague_range(self, phrase: str) -> tuple[float, float] | None:
        """The (low, high) range of a vague amount, or None when it is not one."""
        key = " ".join(phrase.lower().split())
        for known, low, high in self.vague_amounts:
            if known == key:
                return (low, high)
        return None

    def replace(self, **changes: object) -> Policy:
        """A copy with some settings changed: ``policy.replace(bare_counts="at_least")``."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_POLICY = Policy()
