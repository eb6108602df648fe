"""Figures of an article that are not claims: a pronoun "one", an address, an anaphora.

``find_values`` already leaves out dates, years, times and names; these checks
need the article around a figure. The words are the lexicon's claims.txt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.figures import FigureMatch
from claimrec.units import same_dimension

__all__ = ["ClaimFilters", "claim_filters"]


@dataclass(frozen=True, slots=True, eq=False)
class ClaimFilters:
    """The non-claim checks of a lexicon, compiled."""

    anaphora: re.Pattern[str]  # "these two soldiers" refers back to figures already counted
    street: re.Pattern[str]  # "12 Main Street" is an address
    offset: re.Pattern[str]  # "three days after the quake" dates another event

    def is_claim_figure(self, text: str, figure: FigureMatch) -> bool:
        """Whether ``figure`` (found in ``text``) can be a claim."""
        written = figure.text.strip().lower()
        if written == "one":  # "one of the videos", "one Russian soldier": a pronoun
            return False
        if figure.value.kind == "exact" and self.street.match(text, figure.end, figure.end + 80):
            return False
        if same_dimension(figure.value.unit, "hour") and self.offset.match(
            text, figure.end, figure.end + 20
        ):
            return False
        return self.anaphora.search(text, max(0, figure.start - 8), figure.start) is None


@per_lexicon
def claim_filters(lexicon: Lexicon) -> ClaimFilters:
    """The non-claim checks of ``lexicon``, compiled once."""
    streets = alternation(lexicon.words("street_words"))
    return ClaimFilters(
        anaphora=re.compile(rf"(?i)\b{alternation(lexicon.words('anaphora'))}\s+$"),
        street=re.compile(rf"\s+(?:[A-Z][\w'’-]*\s+){{1,3}}{streets}\b"),
        offset=re.compile(rf"(?i)\s+{alternation(lexicon.words('time_offset_after'))}\b"),
    )
