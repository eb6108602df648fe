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

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon
from claimrec.measure import measure_words
from claimrec.read.spans import BOUNDARY
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

# Words of the text as measure.py splits them: numbers with separators stay one word.
_WORD = re.compile(r"\d+(?:[-/.,:]\d+)*|[^\W_]+(?:['’‘ʼ.][^\W_]+)*")
_STRONG = frozenset(";:!?.—–")  # ends a stretch of words even past a figure
_PARENS = frozenset("()[]")
_GAP = frozenset(BOUNDARY) | _STRONG  # the punctuation a word's gap keeps
_AFTER, _BEFORE, _REST = 12, 14, 16  # words looked at on each side
_CLOSE = 6  # words before a figure whose concept competes with the words after it
_SENTENCE = 40  # words of the sentence looked at for an event or an earlier place

Phrase = tuple[str, ...]


def _fold(text: str, lexicon: Lexicon) -> Phrase:
    return tuple(measure_words(text, lexicon=lexicon))


def _table(lexicon: Lexicon, name: str) -> dict[Phrase, str]:
    out: dict[Phrase, str] = {}
    for phrase, value in lexicon.table(name).items():
        words = _fold(phrase, lexicon)
        if words:
            out.setdefault(words, value)
    return out


def _phrases(lexicon: Lexicon, name: str) -> frozenset[Phrase]:
    return frozenset(w for w in (_fold(p, lexicon) for p in lexicon.words(name)) if w)


@dataclass(frozen=True, slots=True, eq=False)
class ConceptWords:
    """The tables of concepts.txt and places.txt, folded once per lexicon."""

    lexicon: Lexicon
    concepts: dict[Phrase, tuple[int, str]]  # phrase -> (rank, concept); lower rank wins
    percent: dict[str, str]
    groups: dict[Phrase, str]
    persons: frozenset[Phrase]
    periods: dict[Phrase, str]
    change: frozenset[str]
    events: dict[Phrase, str]
    nation: frozenset[Phrase]
    place_words: dict[Phrase, str]
    places: dict[Phrase, str]  # country names, demonyms, short forms -> country
    prepositions: frozenset[str]
    not_places: frozenset[str]
    anaphora: frozenset[str]
    event_concepts: frozenset[str]
    skip: frozenset[str]
    stops: frozenset[str]
    event_bound: dict[str, str]
    rates: frozenset[str]
    partitive: frozenset[str]
    roles: frozenset[str]
    generic: frozenset[str]
    complements: frozenset[str]
    level_openers: frozenset[str]
    phrase_enders: frozenset[str]
    place_anaphora: frozenset[str]
    forecast: dict[Phrase, str]
    estimate: dict[Phrase, str]
    superseded: dict[Phrase, str]
    implied_events: dict[str, str]
    period_rates: frozenset[str]
    name_joiners: frozenset[str]
    superseded_openers: frozenset[str]
    change_verbs: frozenset[str]
    longest: int
    # For each table above (by identity): its first words with the length of the longest
    # phrase each begins, so that a word no phrase begins with is passed over at once.
    heads: dict[int, dict[str, int]] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)  # a word of the text -> its fold

    def match(self, table: Collection[Phrase], words: Sequence[str], i: int) -> int:
        """The length of the longest phrase of ``table`` starting at ``words[i]`` (0: none)."""
        heads = self.heads.get(id(table))
        if heads is None:
            return self._slow_match(table, words, i)
        longest = heads.get(words[i], 0) if i < len(words) else 0
        if longest == 1:
            return 1 if (words[i],) in table else 0
        for n in range(min(longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in table:
                return n
        return 0

    def _slow_match(self, table: Collection[Phrase], words: Sequence[str], i: int) -> int:
        for n in range(min(self.longest, len(words) - i), 0, -1):
            if tuple(words[i : i + n]) in table:
                return n
        return 0

    def fold(self, word: str) -> str:
        """One word of the text as the tables write it (cached: a page repeats its words)."""
        folded = self.folded.get(word)
        if folded is None:
            if len(self.folded) > _FOLD_CACHE:
                self.folded.clear()
            words = measure_words(word, lexicon=self.lexicon)
            folded = words[0] if len(words) == 1 else " ".join(words)
            self.folded[word] = folded
        return folded


#: Words whose folds a vocabulary keeps (the cache is emptied when it grows past this).
_FOLD_CACHE = 200_000


def _heads(table: Collection[Phrase]) -> dict[str, int]:
    out: dict[str, int] = {}
    for phrase in table:
        out[phrase[0]] = max(out.get(phrase[0], 0), len(phrase))
    return out


@per_lexicon
def concept_words(lexicon: Lexicon) -> ConceptWords:
    """The concept tables of ``lexicon`` (the default one for None), compiled once."""
    lexicon = lexicon_or_default(lexicon)
    concepts: dict[Phrase, tuple[int, str]] = {}
    ranks: dict[str, int] = {}
    for phrase, concept in lexicon.table("concepts").items():
        words = _fold(phrase, lexicon)
        rank = ranks.setdefault(concept, len(ranks))
        if words:
            concepts.setdefault(words, (rank, concept))
    tables: list[Mapping[Phrase, object]] = [concepts]
    groups = _table(lexicon, "concept_groups")
    periods = _table(lexicon, "concept_periods")
    events = _table(lexicon, "concept_events")
    place_words = _table(lexicon, "place_words")
    places = _table(lexicon, "places")
    persons = _phrases(lexicon, "person_nouns")
    nation = _phrases(lexicon, "nation_words")
    tables += [groups, periods, events, place_words, places]
    cues = ("forecast_cues", "estimate_cues", "superseded_cues")
    tables += [dict.fromkeys(_phrases(lexicon, n), "") for n in cues]
    longest = max(len(p) for t in tables for p in t)
    longest = max(longest, max((len(p) for p in persons | nation), default=1))
    vocab = ConceptWords(
        lexicon=lexicon,
        concepts=concepts,
        percent=lexicon.table("percent_concepts"),
        groups=groups,
        persons=persons,
        periods=periods,
        change=frozenset(w for p in _phrases(lexicon, "concept_change_words") for w in p),
        events=events,
        nation=nation,
        place_words=place_words,
        places=places,
        prepositions=frozenset(w for p in _phrases(lexicon, "place_prepositions") for w in p),
        not_places=lexicon.words("not_places") | _calendar_names(lexicon),
        anaphora=frozenset(w for p in _phrases(lexicon, "measure_anaphora") for w in p),
        event_concepts=lexicon.words("event_concepts"),
        skip=lexicon.words("skip_after")
        | lexicon.words("counting_words")
        | lexicon.words("articles")
        | lexicon.words("counted_skip"),
        stops=lexicon.words("stretch_stops"),
        event_bound=lexicon.table("event_bound_concepts"),
        rates=lexicon.words("rate_concepts"),
        partitive=lexicon.words("partitive_words"),
        roles=frozenset(w for p in _phrases(lexicon, "age_before") for w in p),
        generic=frozenset(w for p in _phrases(lexicon, "generic_nouns") for w in p),
        complements=lexicon.words("complement_openers"),
        level_openers=lexicon.words("level_openers"),
        phrase_enders=lexicon.words("phrase_enders"),
        place_anaphora=lexicon.words("place_anaphora"),
        forecast=dict.fromkeys(_phrases(lexicon, "forecast_cues"), "forecast"),
        estimate=dict.fromkeys(_phrases(lexicon, "estimate_cues"), "estimated"),
        superseded=dict.fromkeys(_phrases(lexicon, "superseded_cues"), "superseded"),
        implied_events=lexicon.table("implied_events"),
        period_rates=lexicon.words("period_rates"),
        name_joiners=lexicon.words("name_joiners"),
        superseded_openers=frozenset(w for p in _phrases(lexicon, "superseded_openers") for w in p),
        change_verbs=frozenset(w for p in _phrases(lexicon, "change_words") for w in p),
        longest=longest,
    )
    for name in vocab.__dataclass_fields__:
        table = getattr(vocab, name)
        if isinstance(table, (dict, frozenset)) and table and isinstance(next(iter(table)), tuple):
            vocab.heads[id(table)] = _heads(table)
    return vocab


def _calendar_names(lexicon: Lexicon) -> frozenset[str]:
    names: set[str] = set()
    for table in ("months", "month_abbreviations", "weekdays"):
        names.update(word.capitalize() for word in lexicon.words(table))
    return frozenset(names)


# --- the words of a sentence ------------------------------------------------------------


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


def sentence_tokens(
    text: str, start: int, end: int, figures: Sequence[tuple[int, int]], lexicon: Lexicon
) -> SentenceTokens:
    """The words of ``text[start:end]``; ``figures`` are (start, end) spans of its figures."""
    vocab = concept_words(lexicon)
    found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    raw: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    figure: list[int] = []
    gap: list[str] = []
    previous = start
    k = 0
    n_figures = len(figures)
    for word, begin, stop in found:
        between = text[previous:begin]
        previous = stop
        inside = -1
        if n_figures:
            while k < n_figures and figures[k][1] <= begin:
                k += 1
            if k < n_figures and figures[k][0] <= begin:
                if figure and figure[-1] == k:
                    ends[-1] = stop  # one token per figure
                    continue
                inside = k
        raw.append(word)
        starts.append(begin)
        ends.append(stop)
        figure.append(inside)
        gap.append("" if between == " " else "".join(ch for ch in between if ch in _GAP))
    fold = vocab.fold
    words = [fold(w) for w in raw]
    plain = SentenceTokens(tuple(raw), tuple(words), tuple(starts), tuple(ends),
                           tuple(figure), tuple(gap))  # fmt: skip
    event_heads = vocab.heads[id(vocab.events)]
    events = tuple(
        (i, n)
        for i, word in enumerate(words)
        if word in event_heads and (n := vocab.match(vocab.events, words, i))
    )
    place_heads = vocab.heads[id(vocab.places)]
    countries = tuple(
        _read_country(plain, i, vocab) if word in place_heads else None
        for i, word in enumerate(words)
    )
    return replace(plain, events=events, countries=countries)


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
            country = _country_at(tokens, i, vocab)
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


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _country_at(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, int] | None:
    """The country named at word i (and how many words name it), when written capitalised."""
    if tokens.countries:
        return tokens.countries[i]
    return _read_country(tokens, i, vocab)


def _read_country(tokens: SentenceTokens, i: int, vocab: ConceptWords) -> tuple[str, int] | None:
    if not _capital(tokens.raw[i]) or tokens.figure[i] >= 0:
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
    country = _country_at(tokens, i, vocab)
    if country is not None:
        name, n = country
        return name, " ".join(tokens.raw[i : i + n]), n
    raw = tokens.raw
    if not _capital(raw[i]) or _plain(raw[i]) in vocab.not_places or tokens.figure[i] >= 0:
        return None
    if (
        i > 0
        and _capital(raw[i - 1])
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
        and _capital(raw[i + n])
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
        and not _capital(raw[k])
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
    elif tokens.words[j] in vocab.name_joiners and j > 0 and _capital(raw[j - 1]):
        return None  # "Bureau of Statistics", "Commissioner for Human Rights": a name
    written = " ".join(_plain(w) for w in raw[i : i + n])
    return written, written, n


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
        if strong:
            if any(ch in _STRONG for ch in gap):
                break
        elif gap.strip("".join(_PARENS)) or (gap and step < 0):
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
    for k in range(len(words)):
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


def _first_in(
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


def _places_in(
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
        and _capital(tokens.raw[i + n])
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
    event = _nearest_event(tokens, at, vocab)
    event_key, event_text = _event_of(event, article)
    found = _best_concept(tokens, _own_phrase(tokens, after, vocab), vocab, event_key)
    region = after
    inherited: ConceptReading | None = None
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
        rest = _stretch(tokens, at, 1, _REST, strong=True)
        found = _best_concept(tokens, rest, vocab, event_key)
        region = rest
    if found is None:
        earlier_level = _earlier_level(tokens, at, vocab)
        inherited = elided if earlier_level or _elliptic(tokens, after, vocab) else None
        if inherited is None and earlier_level:
            inherited = previous
        if inherited is None and previous is not None and _anaphoric(tokens, before, vocab):
            inherited = previous
        if inherited is None:
            return None
    if inherited is not None:
        concept, evidence = inherited.concept, inherited.evidence
        group, period, change = inherited.group, inherited.period, inherited.change
        near = after[:4]
    else:
        assert found is not None
        first, n, concept = found
        if concept in vocab.event_concepts and min(abs(first - at), abs(first + n - 1 - at)) > 3:
            return None  # a property is written next to its value: "a magnitude of 6.1"
        if concept in vocab.implied_events:  # burned area is a fire's, missiles an attack's
            event_key, event_text = _implied_event(concept, event_key, event_text, vocab)
        evidence = " ".join(tokens.raw[first : first + n])
        if percent:
            concept = vocab.percent.get(concept, concept)
        position = region.index(first)
        if region is after:
            near = after[: position + n + 6]
        else:
            near = [*after[:6], *region[max(0, position - 4) :]]
        group_found = _first_in(tokens, near, vocab.groups, vocab, lower=True)
        group = group_found[0] if group_found else None
        if group is None and elided is not None:
            group = elided.group  # "411 civilian deaths and 2,023 injuries"
        if group_found and group_found[1] not in evidence:
            evidence = f"{group_found[1]} {evidence}" if region is after else evidence
        period_found = _first_in(tokens, [*before[-3:], *near], vocab.periods, vocab)
        period = period_found[0] if period_found else None
        change = any(tokens.words[i] in vocab.change for i in [*before[-4:], *after[:4]])
    there = None
    if any(tokens.words[i] in vocab.place_anaphora for i in [*before[-4:], *after[:4]]):
        there = _there(earlier, previous, vocab)  # "the death toll there"
    own = inherited is not None and bool(inherited.place_text)
    place = _subject_place(
        tokens, at, near, after, before, ArticleSubject() if own else article, vocab, there=there
    )
    if concept in vocab.event_concepts:  # a property of the event: "a magnitude of 6.1"
        place = (article.country, article.country_text) if article.country else None
    elif place is None and inherited is not None and inherited.place_text:
        place = (inherited.place or "", inherited.place_text)
    share = percent and not change and concept not in vocab.rates
    return ConceptReading(
        concept=f"share {concept}" if share and not concept.startswith("share ") else concept,
        group=group,
        period=period,
        change=change and percent,
        place=place[0] if place else None,
        place_text=place[1] if place else "",
        event=event_key,
        event_text=event_text,
        evidence=evidence,
    )


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
        place = _places_in(earlier, range(len(earlier.words)), vocab, nearest_last=True)
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
    change ("up from 1.7 million as of Monday") stands as a claim of that time."""
    before = _stretch(tokens, at, -1, _BEFORE, strong=False)[::-1]
    after = _stretch(tokens, at, 1, _REST, strong=True)
    for table, modality in ((vocab.forecast, "forecast"), (vocab.estimate, "estimated")):
        if _first_in(tokens, before, table, vocab) or _first_in(tokens, after, table, vocab):
            return modality  # type: ignore[return-value]  # a Modality literal
    if not dated and _superseded(tokens, at, before, vocab):
        return "superseded"
    return "reported"


def _superseded(
    tokens: SentenceTokens, at: int, before: Sequence[int], vocab: ConceptWords
) -> bool:
    """The clause gives the figure as replaced: "had previously said 800", or the level
    a change started from ("revised to 315 from about 565")."""
    if _first_in(tokens, before, vocab.superseded, vocab):
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
    return first in vocab.prepositions or first in vocab.skip or _capital(tokens.raw[after[0]])


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
        if tokens.gap[i] or _capital(tokens.raw[i]):
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
    ahead = [i for i in near if i > at]
    behind = [i for i in near if i < at]
    for indices, last in ((ahead, False), (behind, True), (after, False), (before, True)):
        place = _places_in(tokens, indices, vocab, nearest_last=last)
        if place is not None:
            return place
        if last and article.country is not None and _nation_word(tokens, near, vocab):
            return article.country, article.country_text  # "the nationwide toll"
    words = [*after, *before, *_stretch(tokens, at, 1, _REST, strong=True)]
    special = _first_in(tokens, sorted(set(words)), vocab.place_words, vocab)
    if special is not None:
        return special
    earlier = [i for i in range(max(0, at - _SENTENCE), at) if tokens.figure[i] < 0]
    place = _places_in(tokens, earlier, vocab, nearest_last=True)
    if place is not None:
        return place
    if there is not None:
        return there
    if article.country is not None:
        return article.country, article.country_text
    return None
