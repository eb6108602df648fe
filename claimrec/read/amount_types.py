"""The records of the amount layer: an :class:`Amount` read at some tokens, or a
:class:`Refusal` saying why the tokens there are no figure."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from claimrec.lexicon import Mode

if TYPE_CHECKING:
    import pint

__all__ = ["TOO_LARGE", "Amount", "Refusal"]

TOO_LARGE = "too large to be a figure (past a float's range)"


class Refusal(NamedTuple):
    """Tokens [first, last) that are not a figure, and why; running text is read
    on from token ``resume`` (the end of the refused tokens, or just the next
    token when a figure may still start inside them)."""

    first: int
    last: int
    reason: str
    resume: int


class Amount(NamedTuple):
    """A number with its scale and unit, as found at some tokens."""

    number: float
    precision: float | None  # rounding unit if it were read as a round figure
    unit: pint.Unit | None  # None when no unit was written
    unit_text: str | None
    scale: int  # the scale word's factor, 1 without one
    number_index: int  # the token holding the number
    start: int
    end: int  # first token after the amount
    postfix: Mode | None
    plain_year: bool  # four plain digits that could be a year
    in_words: bool
