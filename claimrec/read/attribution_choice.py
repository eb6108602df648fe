"""Which attribution a figure takes: its sentence's, its quote's, or the article's."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from claimrec.reporter import Reporter, reporter_key

__all__ = ["Attribution", "choose_attribution", "inherit_attributions", "quote_attribution"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution in a sentence: ``text[start:end]`` is the evidence
    ("the union said", "according to the Health Ministry")."""

    start: int  # span of the whole attribution: source and verb
    end: int
    verb_start: int
    verb_end: int
    reporter: Reporter
    saying: bool  # a saying verb (reporting time) rather than a recording verb
    rule: str = "subject"


def choose_attribution(
    start: int, end: int, attributions: Sequence[Attribution], quoted: Attribution | None
) -> Attribution | None:
    """The attribution of the figure at ``start:end`` among its sentence's: the speaker
    of the quote it is in, else the nearest attribution before it, else the first after."""
    if quoted is not None:
        return quoted
    before = [a for a in attributions if a.verb_end <= start and a.start < start]
    if before:
        return before[-1]
    after = [a for a in attributions if a.start >= end]
    if after:
        return after[0]
    return attributions[0] if attributions else None


def quote_attribution(
    quote: tuple[int, int],
    sentence_starts: Sequence[int],
    attributions: Sequence[Sequence[Attribution]],
) -> Attribution | None:
    """The speaker of a quoted passage: named right after it, else right before it."""
    start, end = quote
    index = bisect.bisect_right(sentence_starts, end) - 1
    if index >= 0:
        for a in attributions[index]:
            if a.start >= end and a.start - end <= 40:
                return a
    index = bisect.bisect_right(sentence_starts, start) - 1
    if index >= 0:
        before = [a for a in attributions[index] if a.end <= start and start - a.end <= 40]
        if before:
            return before[-1]
    return None


def inherit_attributions(
    figures: Sequence[tuple[int, bool, Attribution | None]],
    unnamed: Sequence[bool] | None = None,
) -> list[Attribution | None]:
    """The attribution each figure takes when its own sentence names no source.

    ``figures`` are (paragraph, is headline, own attribution) in document order;
    ``unnamed`` marks figures whose sentence leaves its source unnamed on purpose
    ("is believed to"), which are never given one.
    When the article's attributed figures all come from one source, every
    unattributed figure takes that source (an article built on one release: "the
    agency said …", then its figures). Otherwise an unattributed
    figure stays unattributed: a source is never carried over to a sentence that
    does not name one.
    """
    given: list[Attribution | None] = [a for _, _, a in figures]
    sources = {reporter_key(a.reporter.name) for a in given if a is not None}
    attributed = sum(a is not None for a in given)
    if len(sources) == 1 and attributed >= 1:
        only = next(a for a in given if a is not None)
        hedged = unnamed if unnamed is not None else [False] * len(given)
        return [a if a is not None or h else only for a, h in zip(given, hedged, strict=True)]
    return given
