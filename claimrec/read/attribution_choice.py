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
    ("the union said", "according to the Health Ministry").

    ``reporter`` is None for the text's own reckoning ("…, which would mean 11
    million"): the figures after it have no source. ``reach`` >= 0 marks a
    post-modifier ("the 80 percent backing predicted by organizers", "the 2%
    unofficial estimate"): it names the source of the figures in
    ``text[reach:start]`` only. ``weak`` marks an unnamed data source
    ("estimates put it at …"): a named speaker governing it ("X said initial
    estimates showed …") and a credit line ("(Via X)") come first. ``aside`` is an
    appositive description of the source between it and its verb (", the main
    opposition group, which withdrew its 17 lawmakers,"): the writer's words, so a
    figure in it is not what the source said. (A relative clause right after a
    person's name, "Jane Roe, who spent two years in captivity, said", is the
    person's own account and stays attributed to them.) ``until`` >= 0 ends the
    reach of a mark that qualifies its own clause only ("official inflation was
    0.8%, …"), and such a mark never names the source of a figure before it.
    """

    start: int  # span of the whole attribution: source and verb
    end: int
    verb_start: int
    verb_end: int
    reporter: Reporter | None
    saying: bool  # a saying verb (reporting time) rather than a recording verb
    rule: str = "subject"
    reach: int = -1
    weak: bool = False
    aside: tuple[int, int] = (-1, -1)  # the source's description between it and its verb
    until: int = -1  # >= 0: names the source of figures before this offset only


def choose_attribution(
    start: int, end: int, attributions: Sequence[Attribution], quoted: Attribution | None
) -> Attribution | None:
    """The attribution of the figure at ``start:end`` among its sentence's: the speaker
    of the quote it is in, else a post-modifier of its own noun phrase, else the
    nearest attribution before it, else the first after. A figure inside the
    writer's description of a source ("X, the group which withdrew its 17
    lawmakers, warned") is not what X said."""
    if quoted is not None:
        return quoted
    usable = [a for a in attributions if not a.aside[0] <= start < a.aside[1]]
    if len(usable) < len(attributions) and not any(
        a.reach >= 0 or a.verb_end <= start for a in usable
    ):
        a, b = next(a.aside for a in attributions if a.aside[0] <= start < a.aside[1])
        return Attribution(a, b, a, a, None, False, "own")  # the writer's: never inherited
    own = [a for a in usable if 0 <= a.reach <= start and end <= a.start]
    if own:
        return own[0]
    forward = [a for a in usable if a.reach < 0]
    before = [
        a for a in forward if a.verb_end <= start and a.start < start and not 0 <= a.until <= start
    ]
    after = [a for a in forward if a.start >= end and a.until < 0]
    rest = [a for a in forward if a.until < 0]
    chosen = before[-1] if before else after[0] if after else rest[0] if rest else None
    if chosen is not None and chosen.weak:
        governing = [
            a
            for a in forward
            if not a.weak and a.reporter is not None and a.verb_end <= chosen.start
        ]
        if governing:
            return governing[-1]  # "X said initial estimates showed …": X's
    return chosen


def quote_attribution(
    quote: tuple[int, int],
    sentence_starts: Sequence[int],
    attributions: Sequence[Sequence[Attribution]],
) -> Attribution | None:
    """The speaker of a quoted passage: named right after it, else right before it
    (in its sentence, or closing the sentence before: '… Roe said. "We …"')."""
    start, end = quote
    index = bisect.bisect_right(sentence_starts, end) - 1
    if index >= 0:
        for a in attributions[index]:
            if a.start >= end and a.start - end <= 40 and a.reporter is not None:
                return a
    index = bisect.bisect_right(sentence_starts, start) - 1
    if index >= 0:
        before = [
            a
            for a in attributions[index]
            if a.end <= start and start - a.end <= 40 and a.reporter is not None
        ]
        if before:
            return before[-1]
        if index > 0:
            closing = [
                a
                for a in attributions[index - 1]
                if a.reporter is not None and 0 <= start - a.end <= 4 and a.saying
            ]
            if closing:
                return closing[-1]
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
    does not name one. A figure the text reckons itself ("which would mean …") has
    an attribution without a reporter, and keeps it.
    """
    given: list[Attribution | None] = [a for _, _, a in figures]
    named = [a for a in given if a is not None and a.reporter is not None]
    sources = {reporter_key(a.reporter.name) for a in named if a.reporter is not None}
    if len(sources) == 1:
        only = named[0]
        hedged = unnamed if unnamed is not None else [False] * len(given)
        return [a if a is not None or h else only for a, h in zip(given, hedged, strict=True)]
    return given
