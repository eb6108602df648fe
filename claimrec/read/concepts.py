"""Concepts and subjects: what a figure counts and what the text ties it to.

A figure's measure is read as a *concept* family ("died", "deaths", "killed",
"fatalities" and "the death toll" are all ``death``) with its *subject*: the
group counted ("civilians"), the place ("in Pakistan", "Sudan's", the
article's country for "nationwide"), the event ("the quake") and a period or
step ("monthly", "new"). The key is their words; claims from different
articles meet only when concept and subject agree. A figure whose concept
cannot be read gets no concept here (the phrase reader of
:mod:`claimrec.read.measures` may still read one); there is no catch-all.

The tables are the lexicon's ``concepts.txt`` and ``places.txt``; every
comparison is on folded words (:func:`claimrec.measure.measure_words`).
The reading is linear in the sentence: each figure looks at a bounded number
of words around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from claimrec.read.concept_tokens import (
    STRONG,
    ArticleSubject,
    SentenceTokens,
    article_subject,
    first_in,
    is_capital,
    places_in,
    sentence_tokens,
)
from claimrec.read.concept_words import ConceptWords, concept_words
from claimrec.record import Modality

__all__ = [
    "ArticleSubject",
    "ConceptReading",
    "ConceptWords",
    "SentenceTokens",
    "article_subject",
    "concept_words",
    "read_concept",
    "read_modality",
    "sentence_tokens",
]

_STRONG = STRONG  # ends a stretch of words even past a figure
_PARENS = frozenset("()[]")
_PAREN_CHARS = "".join(sorted(_PARENS))
_AFTER, _BEFORE, _REST = 12, 14, 16  # words looked at on each side
_CLOSE = 6  # words before a figure whose concept competes with the words after it
_SENTENCE = 40  # words of the sentence looked at for an event or an earlier place


# --- one figure -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConceptReading:
    """A figure's concept with its subject: the key words and the words read."""

    concept: str
    group: str | None = None
    period: str | None = None
    change: bool = False
    place: str | None = None
    event: str | None = None
    evidence: str = ""  # the concept's words as written, with the group's
    place_text: str = ""
    event_text: str = ""

    @property
    def key_text(self) -> str:
        """The words the measure key is made of."""
        parts = [self.concept, self.group, self.period, "change" if self.change else None]
        parts += [self.place, self.event]
        return " ".join(p for p in parts if p)

    @property
    def text(self) -> str:
        """The measure as read: "civilians killed (Sudan, clashes)"."""
        where = ", ".join(t for t in (self.place_text, self.event_text) if t)
        return f"{self.evidence} ({where})" if where else self.evidence


def _stretch(
    tokens: SentenceTokens, at: int, step: int, limit: int, *, strong: bool,
    stops: frozenset[str] = frozenset(),
) -> list[int]:  # fmt: skip
    """Word indices from figure word ``at`` in direction ``step``: up to punctuation (only
    strong punctuation, skipping figures and brackets, when ``strong``) or a figure."""
    out: list[int] = []
    i = at + step
    n = len(tokens.words)
    steps = 0
    while 0 <= i < n and len(out) < limit and steps < 3 * limit:  # bounded, whatever the text
        steps += 1
        gap = tokens.gap[i] if step > 0 else tokens.gap[i + 1]
        if gap:
            if strong:
                if not _STRONG.isdisjoint(gap):
                    break
            elif step < 0 or gap.strip(_PAREN_CHARS):
                break
        if tokens.figure[i] >= 0:
            if not strong:
                break
        elif step > 0 and not strong and tokens.words[i] in stops:
            break
        elif tokens.words[i]:
            out.append(i)
        i += step
    return out


def _rank(found: tuple[int, int, str], vocab: ConceptWords) -> int:
    return min(rank for rank, concept in vocab.concepts.values() if concept == found[2])


def _best_concept(
    tokens: SentenceTokens, indices: Sequence[int], vocab: ConceptWords, event: str | None
) -> tuple[int, int, str] | None:
    """(first word, words, concept) of the strongest concept among consecutive ``indices``."""
    words = [tokens.words[i] for i in indices]
    best: tuple[int, int, int, str] | None = None
    heads = vocab.heads.get(id(vocab.concepts))
    for k in range(len(words)):
        if heads is not None and words[k] not in heads:
            continue  # no concept begins with it
        n = vocab.match(vocab.concepts, words, k)
        if n:
            rank, concept = vocab.concepts[tuple(words[k : k + n])]
            bound = vocab.event_bound.get(concept)
            if bound is not None and bound not in (event or "").split() and n == 1:
                continue  # "cases" outside an epidemic
            if best is None or rank < best[0]:
                best = (rank, k, n, concept)
    if best is None:
        return None
    _, k, n, concept = best
    return indices[k], n, concept


def read_concept(
    tokens: SentenceTokens,
    at: int,
    *,
    percent: bool,
    measured: bool = False,
    elided: ConceptReading | None,
    previous: ConceptReading | None,
    article: ArticleSubject,
    vocab: ConceptWords,
    earlier: SentenceTokens | None = None,
) -> ConceptReading | None:
    """The concept and subject of the figure at word ``at`` of a sentence.

    ``elided`` is the reading of the sentence's previous figure in the same unit (an
    elided "including 750,000 in Los Angeles" takes its concept); ``previous`` is the
    article's previous reading in the same unit, for "put it at 51.5 percent";
    ``earlier`` the sentence before, whose last place "there" names.
    """
    after = _stretch(tokens, at, 1, _AFTER, strong=False, stops=vocab.stops)
    before = _stretch(tokens, at, -1, _BEFORE, strong=False)[::-1]
    event_key, event_text = _event_of(_nearest_event(tokens, at, vocab), article)
    located = _locate(tokens, at, after, before, event_key, measured=measured, vocab=vocab)
    if located is None:
        return None
    found, region = located
    inherited: ConceptReading | None = None
    if found is None:
        inherited = _inherited(tokens, at, after, before, elided, previous, vocab)
        if inherited is None:
            return None
        parts = _Parts(inherited.concept, inherited.evidence, inherited.group,
                       inherited.period, inherited.change, after[:4])  # fmt: skip
    else:
        own = _own_parts(tokens, at, found, region, after, before, elided, vocab)
        if own is None:
            return None
        parts = own
        if parts.concept in vocab.implied_events:  # a burned area is a fire's
            event_key, event_text = _implied_event(parts.concept, event_key, event_text, vocab)
        if percent:
            parts = replace(parts, concept=vocab.percent.get(parts.concept, parts.concept))
    place = _place_of(tokens, at, parts, after, before, article, vocab,
                      inherited=inherited, earlier=earlier, previous=previous)  # fmt: skip
    concept, change = parts.concept, parts.change
    share = percent and not change and concept not in vocab.rates
    return ConceptReading(
        concept=f"share {concept}" if share and not concept.startswith("share ") else concept,
        group=parts.group,
        period=parts.period,
        change=change and percent,
        place=place[0] if place else None,
        place_text=place[1] if place else "",
        event=event_key,
        event_text=event_text,
        evidence=parts.evidence,
    )


@dataclass(frozen=True, slots=True)
class _Parts:
    """A figure's concept with its group, period and change, and the words near it."""

    concept: str
    evidence: str
    group: str | None
    period: str | None
    change: bool
    near: Sequence[int]


def _locate(
    tokens: SentenceTokens, at: int, after: list[int], before: list[int],
    event_key: str | None, *, measured: bool, vocab: ConceptWords,
) -> tuple[tuple[int, int, str] | None, list[int]] | None:  # fmt: skip
    """The strongest concept of the figure's clause and the words it was found in;
    None when the figure counts no concept at all (a thing, an age, a part)."""
    found = _best_concept(tokens, _own_phrase(tokens, after, vocab), vocab, event_key)
    region = after
    if _counts_things(tokens, after, vocab) and (found is None or found[0] > after[0]):
        return None  # "24 incidents", "586 fires": what is counted is a thing, not a concept
    if _role_before(tokens, before, vocab):
        return None  # "between the ages of 16 and 24": an age, not a count
    if _partitive(tokens, after, vocab):
        return None  # "several of which": a part of another figure's count
    close = _best_concept(tokens, _since_stop(tokens, before[-_CLOSE:], vocab), vocab, event_key)
    adjacent = found is not None and found[2] in vocab.event_concepts and found[0] == after[0]
    if (
        close is not None
        and not adjacent
        and (found is None or _rank(close, vocab) < _rank(found, vocab))
    ):
        found, region = close, before  # "police detained 40 protesters": the verb wins
    if found is None:
        found = _best_concept(tokens, before, vocab, event_key)
        region = before
    if found is None and measured:
        region = _stretch(tokens, at, 1, _REST, strong=True)
        found = _best_concept(tokens, region, vocab, event_key)
    return found, region


def _inherited(
    tokens: SentenceTokens, at: int, after: list[int], before: list[int],
    elided: ConceptReading | None, previous: ConceptReading | None, vocab: ConceptWords,
) -> ConceptReading | None:  # fmt: skip
    """The reading a figure with no concept of its own takes: its sentence's previous
    figure's (an elided or earlier level), or the article's previous one ("put it at")."""
    earlier_level = _earlier_level(tokens, at, vocab)
    inherited = elided if earlier_level or _elliptic(tokens, after, vocab) else None
    if inherited is None and earlier_level:
        inherited = previous
    if inherited is None and previous is not None and _anaphoric(tokens, before, vocab):
        inherited = previous
    return inherited


def _own_parts(
    tokens: SentenceTokens, at: int, found: tuple[int, int, str], region: list[int],
    after: list[int], before: list[int], elided: ConceptReading | None, vocab: ConceptWords,
) -> _Parts | None:  # fmt: skip
    """The concept found with the group and period written near it."""
    first, n, concept = found
    if concept in vocab.event_concepts and min(abs(first - at), abs(first + n - 1 - at)) > 3:
        return None  # a property is written next to its value: "a magnitude of 6.1"
    evidence = " ".join(tokens.raw[first : first + n])
    position = region.index(first)
    if region is after:
        near = after[: position + n + 6]
    else:
        near = [*after[:6], *region[max(0, position - 4) :]]
    group_found = first_in(tokens, near, vocab.groups, vocab, lower=True)
    group = group_found[0] if group_found else None
    if group is None and elided is not None:
        group = elided.group  # "411 civilian deaths and 2,023 injuries"
    if group_found and group_found[1] not in evidence:
        evidence = f"{group_found[1]} {evidence}" if region is after else evidence
    period_found = first_in(tokens, [*before[-3:], *near], vocab.periods, vocab)
    period = period_found[0] if period_found else None
    change = any(tokens.words[i] in vocab.change for i in [*before[-4:], *after[:4]])
    return _Parts(concept, evidence, group, period, change, near)


def _place_of(
    tokens: SentenceTokens, at: int, parts: _Parts, after: list[int], before: list[int],
    article: ArticleSubject, vocab: ConceptWords, *, inherited: ConceptReading | None,
    earlier: SentenceTokens | None, previous: ConceptReading | None,
) -> tuple[str, str] | None:  # fmt: skip
    there = None
    if any(tokens.words[i] in vocab.place_anaphora for i in [*before[-4:], *after[:4]]):
        there = _there(earlier, previous, vocab)  # "the death toll there"
    own = inherited is not None and bool(inherited.place_text)
    subject = ArticleSubject() if own else article
    place = _subject_place(tokens, at, parts.near, after, before, subject, vocab, there=there)
    if parts.concept in vocab.event_concepts:  # a property of the event: "a magnitude of 6.1"
        return (article.country, article.country_text) if article.country else None
    if place is None and inherited is not None and inherited.place_text:
        return inherited.place or "", inherited.place_text
    return place


def _event_of(event: tuple[str, str] | None, article: ArticleSubject) -> tuple[str | None, str]:
    """The sentence's event, else the article's; the article's when it names the same
    family more precisely ("the pandemic" in an article about COVID-19)."""
    if event is None:
        return article.event, article.event_text
    if article.event and set(event[0].split()) < set(article.event.split()):
        return article.event, article.event_text
    return event


def _implied_event(
    concept: str, event_key: str | None, event_text: str, vocab: ConceptWords
) -> tuple[str, str]:
    implied = vocab.implied_events[concept]
    return implied, (event_text if event_key == implied else implied)


def _there(
    earlier: SentenceTokens | None, previous: ConceptReading | None, vocab: ConceptWords
) -> tuple[str, str] | None:
    """The place "there" names: the last place of the sentence before, else the place of
    the article's previous figure in the same unit."""
    if earlier is not None:
        place = places_in(earlier, range(len(earlier.words)), vocab, nearest_last=True)
        if place is not None:
            return place
    if previous is not None and previous.place_text:
        return previous.place or "", previous.place_text
    return None


def read_modality(
    tokens: SentenceTokens, at: int, vocab: ConceptWords, *, dated: bool = False
) -> Modality:
    """``forecast``, ``estimated``, ``superseded`` or ``reported``: the cues of the
    figure's clause (the words before it in its clause, the words after it to the end of
    the clause). ``dated``: the figure has a time of its own, so an earlier level of a
    change ("up from 6,100 on Monday") stands as a claim of that time."""
    before = _stretch(tokens, at, -1, _BEFORE, strong=False)[::-1]
    after = _stretch(tokens, at, 1, _REST, strong=True)
    for table, modality in ((vocab.forecast, "forecast"), (vocab.estimate, "estimated")):
        if first_in(tokens, before, table, vocab) or first_in(tokens, after, table, vocab):
            return modality  # type: ignore[return-value]  # a Modality literal
    if not dated and _superseded(tokens, at, before, vocab):
        return "superseded"
    return "reported"


def _superseded(
    tokens: SentenceTokens, at: int, before: Sequence[int], vocab: ConceptWords
) -> bool:
    """The clause gives the figure as replaced: "had previously said 75", or the level
    a change started from ("cut the toll to 42 from nearly 70")."""
    if first_in(tokens, before, vocab.superseded, vocab):
        return True
    j = at - 1
    while j >= 0 and tokens.words[j] == "" and tokens.figure[j] < 0:
        j -= 1
    if j < 0 or tokens.gap[j + 1] or tokens.words[j] not in vocab.superseded_openers:
        return False
    clause = _stretch(tokens, at, -1, _BEFORE, strong=True)
    changes = vocab.change_verbs | vocab.change  # "revised … from", "up from"
    return any(tokens.words[i] in changes for i in clause)


def _own_phrase(tokens: SentenceTokens, after: Sequence[int], vocab: ConceptWords) -> list[int]:
    """The words after a figure that may give its concept: all of the clause, unless the
    counted noun is itself a concept ("180 missiles at Israel … the killings of …"): then
    its own phrase, up to the first preposition."""
    if not after or not vocab.match(vocab.concepts, tokens.words, after[0]):
        return list(after)
    out = [after[0]]
    for i in after[1:]:
        if tokens.words[i] in vocab.phrase_enders:
            break
        out.append(i)
    return out


def _since_stop(tokens: SentenceTokens, before: Sequence[int], vocab: ConceptWords) -> list[int]:
    """The words before a figure after the last coordinator: in "411 civilian deaths and
    2,023 injuries" the deaths are the other figure's."""
    out = list(before)
    for k in range(len(out) - 1, -1, -1):
        if tokens.words[out[k]] in vocab.stops:
            return out[k + 1 :]
    return out


def _elliptic(tokens: SentenceTokens, after: Sequence[int], vocab: ConceptWords) -> bool:
    """A figure with nothing of its own after it, or only a place or a preposition
    ("including 750,000 in Los Angeles"): it counts what the previous figure counts."""
    if not after:
        return True
    first = tokens.words[after[0]]
    if (first,) in vocab.persons:  # "600,000 people in Washington"
        return len(after) < 2 or tokens.words[after[1]] in vocab.prepositions
    return first in vocab.prepositions or first in vocab.skip or is_capital(tokens.raw[after[0]])


def _earlier_level(tokens: SentenceTokens, at: int, vocab: ConceptWords) -> bool:
    """The figure is the level a change started from: "revised to 315 from about 565",
    "up from the 57,597 announced earlier"."""
    j = at - 1
    while j >= 0 and tokens.words[j] == "" and tokens.figure[j] < 0:
        j -= 1
    return j >= 0 and not tokens.gap[j + 1] and tokens.words[j] in vocab.level_openers


def _role_before(tokens: SentenceTokens, before: Sequence[int], vocab: ConceptWords) -> bool:
    return any(tokens.words[i] in vocab.roles for i in before[-3:])


def _partitive(tokens: SentenceTokens, after: Sequence[int], vocab: ConceptWords) -> bool:
    words = [tokens.words[i] for i in after[:2]]
    return len(words) == 2 and words[0] == "of" and words[1] in vocab.partitive


def _counts_things(tokens: SentenceTokens, after: Sequence[int], vocab: ConceptWords) -> bool:
    """The figure is followed by a noun that is no person, group, concept or place ("24
    separate incidents", "586 fires")."""
    words = tokens.words
    for i in after[:3]:
        if tokens.gap[i] or is_capital(tokens.raw[i]):
            return False
        if words[i] in vocab.prepositions:
            return False
        if words[i] in vocab.skip:
            continue
        if vocab.match(vocab.groups, words, i) or vocab.match(vocab.periods, words, i):
            return False
        if vocab.match(vocab.concepts, words, i):
            return False  # "300 protesters were detained": the people counted
        if (words[i],) in vocab.persons or vocab.match(vocab.place_words, words, i):
            return False
        if words[i] in vocab.generic:  # "cases of …", "cases where …": their complement counts
            following = tokens.words[i + 1] if i + 1 < len(words) else ""
            return following not in vocab.complements
        raw = tokens.raw[i]
        if raw.isalpha() and raw.endswith("s") and words[i] != raw.lower():
            return True  # a plural noun: "45 schools", "two contradictory sets"
    return False


def _nearest_event(tokens: SentenceTokens, at: int, vocab: ConceptWords) -> tuple[str, str] | None:
    """The event named nearest to the figure in its sentence ("in March" is a month:
    capitalised calendar names name no event)."""
    best: tuple[int, str, str] | None = None
    for i, n in tokens.events:
        if abs(i - at) > _SENTENCE or (i > at and i - at == _SENTENCE):
            continue
        if tokens.raw[i] in vocab.not_places or tokens.figure[i] >= 0:
            continue
        if best is None or abs(i - at) < best[0]:
            best = (
                abs(i - at),
                vocab.events[tokens.words[i : i + n]],
                " ".join(tokens.raw[i : i + n]),
            )
    return None if best is None else (best[1], best[2])


def _nation_word(tokens: SentenceTokens, near: Sequence[int], vocab: ConceptWords) -> bool:
    """A word of the figure's phrase that puts it in the article's country."""
    words = [tokens.words[i] for i in near]
    return any(vocab.match(vocab.nation, words, k) for k in range(len(words)))


def _anaphoric(tokens: SentenceTokens, before: Sequence[int], vocab: ConceptWords) -> bool:
    return any(tokens.words[i] in vocab.anaphora for i in before[-4:])


def _subject_place(
    tokens: SentenceTokens,
    at: int,
    near: Sequence[int],
    after: Sequence[int],
    before: Sequence[int],
    article: ArticleSubject,
    vocab: ConceptWords,
    *,
    there: tuple[str, str] | None = None,
) -> tuple[str, str] | None:
    """The place a figure is about: a country word in its noun phrase ("Ukrainian
    prisoners"), a place in its clause (after the figure, then before), the nearest place
    earlier in the sentence, a place word ("abroad"); else the article's country."""
    if article.country is not None and _nation_word(tokens, before[-4:], vocab):
        return article.country, article.country_text  # "… could lower the nationwide toll to"
    ahead = [i for i in near if i > at]
    behind = [i for i in near if i < at]
    for indices, last in ((ahead, False), (behind, True), (after, False), (before, True)):
        place = places_in(tokens, indices, vocab, nearest_last=last)
        if place is not None:
            return place
    words = [*after, *before, *_stretch(tokens, at, 1, _REST, strong=True)]
    special = first_in(tokens, sorted(set(words)), vocab.place_words, vocab)
    if special is not None:
        return special
    earlier = [i for i in range(max(0, at - _SENTENCE), at) if tokens.figure[i] < 0]
    place = places_in(tokens, earlier, vocab, nearest_last=True)
    if place is not None:
        return place
    if there is not None:
        return there
    if article.country is not None:
        return article.country, article.country_text
    return None
