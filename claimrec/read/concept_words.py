"""The concept tables of a lexicon, folded once: what :mod:`claimrec.read.concepts`
looks words up in.

The tables are the lexicon's ``concepts.txt`` and ``places.txt``; every phrase is
folded as measure keys fold words (:func:`claimrec.measure.measure_words`). Each table
is indexed by the first word of its phrases, so that a lookup at a word no phrase
begins with costs one dictionary probe; the folds of the text's words are cached with
the vocabulary (a page repeats its words).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon
from claimrec.measure import measure_words

__all__ = ["ConceptWords", "Phrase", "concept_words"]

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


def _ranked(lexicon: Lexicon) -> dict[Phrase, tuple[int, str]]:
    """phrase -> (rank, concept): a family listed earlier in concepts.txt ranks lower."""
    concepts: dict[Phrase, tuple[int, str]] = {}
    ranks: dict[str, int] = {}
    for phrase, concept in lexicon.table("concepts").items():
        words = _fold(phrase, lexicon)
        rank = ranks.setdefault(concept, len(ranks))
        if words:
            concepts.setdefault(words, (rank, concept))
    return concepts


@per_lexicon
def concept_words(lexicon: Lexicon) -> ConceptWords:
    """The concept tables of ``lexicon`` (the default one for None), compiled once."""
    lexicon = lexicon_or_default(lexicon)
    concepts = _ranked(lexicon)
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
    _index_heads(vocab)
    return vocab


def _index_heads(vocab: ConceptWords) -> None:
    """Index every phrase table of ``vocab`` by its phrases' first words."""
    for name in vocab.__dataclass_fields__:
        table = getattr(vocab, name)
        if isinstance(table, (dict, frozenset)) and table and isinstance(next(iter(table)), tuple):
            vocab.heads[id(table)] = _heads(table)


def _calendar_names(lexicon: Lexicon) -> frozenset[str]:
    names: set[str] = set()
    for table in ("months", "month_abbreviations", "weekdays"):
        names.update(word.capitalize() for word in lexicon.words(table))
    return frozenset(names)
