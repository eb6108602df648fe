"""The words of a sentence as the concept reader sees them, the places they name and
the article's own subject (the country and event it names most).

:func:`sentence_tokens` folds a sentence's words once; the event phrases and the
countries of the sentence are found then, not for every figure that asks.
:func:`places_in` reads the place named among some of its words ("in Los Angeles",
"the United States and the Caribbean"); :func:`first_in` the first phrase of a table.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from claimrec.lexicon import Lexicon
from claimrec.read.concept_words import ConceptWords, Phrase, concept_words
from claimrec.read.spans import BOUNDARY

__all__ = [
    "STRONG",
    "ArticleSubject",
    "SentenceTokens",
    "article_subject",
    "country_at",
    "first_in",
    "is_capital",
    "places_in",
    "sentence_tokens",
]

# Words of the text as measure.py splits them: numbers with separators stay one word.
_WORD = re.compile(r"\d+(?:[-/.,:]\d+)*|[^\W_]+(?:['’‘ʼ.][^\W_]+)*")
# Splits a text into the text between words and the words (kept: one group).
_SPLIT = re.compile("(" + _WORD.pattern + ")")
STRONG = frozenset(";:!?.—–")  # ends a stretch of words even past a figure
_GAP = frozenset(BOUNDARY) | STRONG  # the punctuation a word's gap keeps


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """The folded words of one sentence with their spans; ``figure[i]`` is the index of
    the figure a word belongs to (-1: none); ``gap[i]`` the punctuation before word i."""

    raw: tuple[str, ...]
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    figure: tuple[int, ...]
    gap: tuple[str, ...]
    # Found once per sentence, though every figure of it asks: the event phrases (first
    # word, words) and the country each word begins (None: none), as _country_at reads it.
    events: tuple[tuple[int, int], ...] = ()
    countries: tuple[tuple[str, int] | None, ...] = ()
    # The place read at word i (the places of a figure's words are asked for up to five
    # times over overlapping words): filled as asked.
    places: dict[int, tuple[str, str, int] | None] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )


def sentence_tokens(
    text: str, start: int, end: int, figures: Sequence[tuple[int, int]], lexicon: Lexicon
) -> SentenceTokens:
    """The words of ``text[start:end]``; ``figures`` are (start, end) spans of its figures."""
    vocab = concept_words(lexicon)
    pieces = _SPLIT.split(text[start:end])  # the text before each word, the word, …
    if len(pieces) < 2:
        return SentenceTokens((), (), (), (), (), ())
    # Every word with the text before it, read in one pass; the spans follow from the
    # lengths. (A split, not a search per word: a search would restart inside a long run
    # of punctuation at each of its characters.)
    between, raw = pieces[0:-1:2], pieces[1::2]
    at = list(accumulate(map(len, pieces), initial=start))
    starts, ends = at[1:-2:2], at[2:-1:2]
    known = _GAPS.get
    gap = [g if (g := known(b)) is not None else _gap_of(b) for b in between]
    figure = [-1] * len(raw)
    if figures:
        dropped = _mark_figures(figures, starts, ends, figure)
        if dropped:
            kept = [i for i in range(len(raw)) if i not in dropped]
            raw, starts, ends = (
                [raw[i] for i in kept],
                [starts[i] for i in kept],
                [ends[i] for i in kept],
            )
            figure, gap = [figure[i] for i in kept], [gap[i] for i in kept]
    folded, fold = vocab.folded, vocab.fold
    words = [f if (f := folded.get(w)) is not None else fold(w) for w in raw]
    plain = SentenceTokens(tuple(raw), tuple(words), tuple(starts), tuple(ends),
                           tuple(figure), tuple(gap))  # fmt: skip
    event_heads = vocab.heads[id(vocab.events)]
    events: tuple[tuple[int, int], ...] = ()
    if not event_heads.keys().isdisjoint(words):
        events = tuple(
            (i, n)
            for i, word in enumerate(words)
            if word in event_heads and (n := vocab.match(vocab.events, words, i))
        )
    place_heads = vocab.heads[id(vocab.places)]
    if place_heads.keys().isdisjoint(words):
        countries: tuple[tuple[str, int] | None, ...] = (None,) * len(words)
    else:
        countries = tuple(
            _read_country(plain, i, vocab) if word in place_heads else None
            for i, word in enumerate(words)
        )
    return SentenceTokens(plain.raw, plain.words, plain.starts, plain.ends, plain.figure,
                          plain.gap, events, countries)  # fmt: skip


def _mark_figures(
    figures: Sequence[tuple[int, int]], starts: list[int], ends: list[int], figure: list[int]
) -> set[int]:
    """Marks the words inside each figure (``figure[i]``: its index) and returns the words
    dropped: a figure is one token, spanning all its words."""
    dropped: set[int] = set()
    n_figures = len(figures)
    k = 0
    last = -1  # the last word kept
    lo = bisect.bisect_left(starts, figures[0][0])  # words before it are in no figure
    hi = bisect.bisect_left(starts, max(e for _, e in figures))  # nor those after all
    for i in range(lo, hi):
        begin = starts[i]
        while k < n_figures and figures[k][1] <= begin:
            k += 1
        if k < n_figures and figures[k][0] <= begin:
            if last >= 0 and figure[last] == k:
                ends[last] = ends[i]  # one token per figure
                dropped.add(i)
                continue
            figure[i] = k
        last = i
    return dropped


# The punctuation kept of the text between two words, by that text (a page repeats its
# few kinds of gap: " ", ", ", ". "); emptied when it grows past _GAP_CACHE.
_GAPS: dict[str, str] = {" ": ""}
_GAP_CACHE = 10_000


def _gap_of(between: str) -> str:
    kept = "".join(ch for ch in between if ch in _GAP)
    if len(_GAPS) > _GAP_CACHE:
        _GAPS.clear()
        _GAPS[" "] = ""
    _GAPS[between] = kept
    return kept


# --- the article's own subject ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleSubject:
    """What an article is about when a figure's sentence does not say: its country (the
    one it names most) and its event (the family it names most; a headline counts twice)."""

    country: str | None = None
    country_text: str = ""
    event: str | None = None
    event_text: str = ""


def article_subject(
    sentences: Sequence[tuple[SentenceTokens, bool]], vocab: ConceptWords
) -> ArticleSubject:
    """The country and event an article names most (ties: the first named)."""
    countries: Counter[str] = Counter()
    events: Counter[str] = Counter()
    first: dict[str, int] = {}
    written: dict[str, str] = {}
    order = 0
    for tokens, headline in sentences:
        weight = 2 if headline else 1
        spots = dict(tokens.events)
        if tokens.countries:
            spots.update((i, 0) for i, c in enumerate(tokens.countries) if c and i not in spots)
        else:
            spots.update((i, 0) for i in range(len(tokens.words)) if i not in spots)
        base = order
        order += len(tokens.words)
        for i in sorted(spots):
            at = base + i + 1
            country = country_at(tokens, i, vocab)
            if country is not None:
                countries[country[0]] += weight
                first.setdefault("c:" + country[0], at)
                written.setdefault("c:" + country[0], tokens.raw[i])
            n = spots[i] or vocab.match(vocab.events, tokens.words, i)
            if n and tokens.raw[i] not in vocab.not_places:
                event = vocab.events[tokens.words[i : i + n]]
                events[event] += weight
                first.setdefault("e:" + event, at)
                written.setdefault("e:" + event, " ".join(tokens.raw[i : i + n]))
    main = min(countries, key=lambda c: (-countries[c], first["c:" + c]), default=None)
    named = min(events, key=lambda e: (-events[e], first["e:" + e]), default=None)
    return ArticleSubject(
        country=main,
        country_text=written.get(f"c:{main}", ""),
        event=named,
        event_text=written.get(f"e:{named}", ""),
    )


def is_capital(word: str) -> bool:
    return word[:1].isupper()


def country_at(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, int] | None:
    """The country named at word i (and how many words name it), when written capitalised."""
    if tokens.countries:
        return tokens.countries[i]
    return _read_country(tokens, i, vocab)


def _read_country(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, int] | None:
    if not is_capital(tokens.raw[i]) or tokens.figure[i] >= 0:
        return None
    n = vocab.match(vocab.places, tokens.words, i)
    if not n or any(tokens.gap[j] for j in range(i + 1, i + n)):
        return None
    return vocab.places[tokens.words[i : i + n]], n


def _names_other(tokens: SentenceTokens, i: int, n: int, vocab: ConceptWords) -> bool:
    """A place at words [i, i+n) that modifies a name ("U.S. Geological Survey") or is
    the agent of the counted event ("where Russia executed POWs"): not the subject."""
    k = i + n
    if k >= len(tokens.words) or tokens.gap[k]:
        return False
    following = tokens.raw[k]
    if following[:1].isupper() and following[1:2].islower():  # a name, not "POWs"
        return vocab.match(vocab.places, tokens.words, k) == 0
    j = i - 1
    while j >= 0 and tokens.words[j] == "":
        j -= 1
    if j >= 0 and tokens.words[j] in vocab.prepositions - vocab.name_joiners:
        return False  # "the floods in Norland killed 47": where, not who ("of POW …" is)
    return vocab.match(vocab.concepts, tokens.words, k) > 0 and not tokens.raw[i].endswith("s")


def _plain(word: str) -> str:
    """A word without its possessive ("Friday's" → "Friday")."""
    for ending in ("'s", "’s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _place_at(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, str, int] | None:
    """A place named at word i: (key text, as written, words). A country of the table, or a
    capitalised name right after a place preposition ("in Los Angeles") or right before a
    lower-case event word ("the Los Angeles march")."""
    known = tokens.places
    if i in known:
        return known[i]
    place = known[i] = _read_place(tokens, i, vocab)
    return place


def _read_place(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, str, int] | None:
    country = country_at(tokens, i, vocab)
    if country is not None:
        name, n = country
        return name, " ".join(tokens.raw[i : i + n]), n
    raw = tokens.raw
    if not is_capital(raw[i]) or _plain(raw[i]) in vocab.not_places or tokens.figure[i] >= 0:
        return None
    if (
        i > 0
        and is_capital(raw[i - 1])
        and not tokens.gap[i]
        and tokens.figure[i - 1] < 0
        and _plain(raw[i - 1]) not in vocab.not_places
        and tokens.words[i - 1] not in vocab.prepositions
        and tokens.words[i - 1] != ""
    ):
        return None  # "Angeles" of "Los Angeles": a name starts before it
    n = 0
    while (
        i + n < len(raw)
        and is_capital(raw[i + n])
        and _plain(raw[i + n]) not in vocab.not_places
        and tokens.figure[i + n] < 0
        and (n == 0 or not tokens.gap[i + n])
        and n < 4
    ):
        n += 1
    if n == 0:
        return None
    k = i + n
    before_event = (
        k < len(raw)
        and not tokens.gap[k]
        and not is_capital(raw[k])
        and vocab.match(vocab.events, tokens.words, k) > 0
    )
    j = i - 1
    while j >= max(0, i - 3) and tokens.words[j] == "":  # articles fold to nothing
        j -= 1
    if j < 0 or tokens.words[j] not in vocab.prepositions:
        if not before_event:
            return None
    elif any(tokens.gap[m] for m in range(j + 1, i + 1)):
        return None
    elif tokens.words[j] in vocab.name_joiners and j > 0 and is_capital(raw[j - 1]):
        return None  # "Bureau of Statistics", "Centre for Disaster Studies": a name
    written = " ".join(_plain(w) for w in raw[i : i + n])
    return written, written, n


def first_in(
    tokens: SentenceTokens, indices: Sequence[int], table: Mapping[Phrase, str],
    vocab: ConceptWords, *, lower: bool = False,
) -> tuple[str, str] | None:  # fmt: skip
    words = [tokens.words[i] for i in indices]
    heads = vocab.heads.get(id(table))
    for k in range(len(words)):
        if heads is not None and words[k] not in heads:
            continue
        raw = tokens.raw[indices[k]]
        if lower and raw[:1].isupper() and raw[1:2].islower() and indices[k] > 0:
            continue  # "Women's Marches" names an event, it counts no women
        n = vocab.match(table, words, k)
        if n:
            return table[tuple(words[k : k + n])], " ".join(tokens.raw[indices[k + j]]
                                                            for j in range(n))  # fmt: skip
    return None


def places_in(
    tokens: SentenceTokens, indices: Sequence[int], vocab: ConceptWords, *, nearest_last: bool
) -> tuple[str, str] | None:
    """The place named among ``indices`` (the first; the last when ``nearest_last``), with
    places joined by "and" kept together ("the United States and the Caribbean")."""
    found: list[tuple[int, str, str, int]] = []
    wanted = set(indices)
    covered = -1
    for i in sorted(wanted):
        if i < covered:
            continue  # inside a place already found ("Los Angeles", not "Angeles")
        place = _place_at(tokens, i, vocab)
        if place is not None:
            covered = i + place[2]
        if (
            place is not None
            and all(i + j in wanted for j in range(place[2]))
            and not _names_other(tokens, i, place[2], vocab)
        ):
            found.append((i, *place))
    if not found:
        return None
    at = len(found) - 1 if nearest_last else 0
    first = last = at
    while first > 0 and _joined(tokens, found[first - 1][0] + found[first - 1][3], found[first][0]):
        first -= 1
    while last + 1 < len(found) and _joined(
        tokens, found[last][0] + found[last][3], found[last + 1][0]
    ):
        last += 1
    group = found[first : last + 1]
    tail = _joined_name(tokens, group[-1][0] + group[-1][3], vocab)
    if tail is not None:  # "the United States and the Caribbean"
        group = [*group, tail]
    keys = sorted({g[1] for g in group})
    return " ".join(keys), " and ".join(g[2] for g in group)


def _joined_name(
    tokens: SentenceTokens, end: int, vocab: ConceptWords
) -> tuple[int, str, str, int] | None:
    """A capitalised name joined by "and" right after a place: a place too."""
    i = end
    if i >= len(tokens.words) or tokens.words[i] != "and" or tokens.gap[i]:
        return None
    i += 1
    while i < len(tokens.words) and tokens.words[i] == "" and not tokens.gap[i]:
        i += 1
    n = 0
    while (
        i + n < len(tokens.raw)
        and is_capital(tokens.raw[i + n])
        and _plain(tokens.raw[i + n]) not in vocab.not_places
        and tokens.figure[i + n] < 0
        and not tokens.gap[i + n]
        and n < 3
    ):
        n += 1
    if n == 0:
        return None
    written = " ".join(_plain(w) for w in tokens.raw[i : i + n])
    return i, written, written, n


def _joined(tokens: SentenceTokens, end: int, start: int) -> bool:
    between = tokens.words[end:start]
    return (
        bool(between)
        and all(w in ("and", "") for w in between)
        and not any(tokens.gap[j] for j in range(end, start + 1))
    )
