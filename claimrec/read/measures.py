"""Measure binding: what a figure counts, as a phrase read around it.

The counted noun phrase joined with the clause's event word ("executed at
least 124 Ukrainian prisoners of war" → "Ukrainian prisoners of war
executed"), the complement of generic nouns ("cases of …"), a nationality
from the previous sentences or the headline; then, across claims, a
conservative merge of under-specified keys into a unique more specific one
(:func:`merge_measures`). The words are the lexicon's measure_words.txt; keys
are :func:`claimrec.measure.measure_key`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from claimrec.lexicon import Lexicon, lexicon_or_default
from claimrec.measure import MeasureSynonyms, measure_key, measure_vocabulary, measure_words
from claimrec.read.figures import FigureMatch
from claimrec.read.page import Sentence
from claimrec.read.spans import BOUNDARY, TOKEN, WORD, words_between
from claimrec.record import Claim
from claimrec.units import dimension_text, unit_name
from claimrec.window import WindowMatch

if TYPE_CHECKING:
    import pint

__all__ = ["MeasureBinder", "PhraseWords", "event_text", "merge_measures", "phrase_words"]

_CONTEXT_PHRASE = re.compile(r"((?:[A-Z][a-z]+[ -]){1,2})([A-Za-z][\w'’]*)")
_BOUNDARY_CHAR = re.compile("[" + re.escape("".join(sorted(BOUNDARY))) + "]")


@dataclass(frozen=True, slots=True, eq=False)
class PhraseWords:
    """The measure-phrase lists of a lexicon with a synonyms table, and the tests on
    words built from them (see measure_words.txt)."""

    lexicon: Lexicon
    synonyms: MeasureSynonyms | None
    events: frozenset[str]  # event words and their keys
    generic: frozenset[str]
    generic_keys: frozenset[str]
    counting: frozenset[str]
    skip_after: frozenset[str]
    complement_stop: frozenset[str]
    duration_stop: frozenset[str]
    deployment: frozenset[str]
    captivity: re.Pattern[str]  # "in (Russian) captivity", "held captive", "remain missing"
    joiners: frozenset[str]  # "after" of "executed after surrendering"
    demonym_endings: tuple[str, ...]
    not_demonyms: frozenset[str]
    not_adverbs: frozenset[str]

    # The key words of the phrases asked about (a page asks about the same few often).
    keys: dict[str, frozenset[str]] = field(default_factory=dict)

    def key_tokens(self, text: str) -> frozenset[str]:
        known = self.keys.get(text)
        if known is None:
            if len(self.keys) > _KEY_CACHE:
                self.keys.clear()
            key = measure_key(text, synonyms=self.synonyms, lexicon=self.lexicon)
            known = self.keys[text] = frozenset(key.split())
        return known

    def event_at(self, words: Sequence[str]) -> int:
        """How many of ``words`` (1 or 2, from the front) name an event; 0 when none."""
        events = self.events
        for n in (2, 1):
            if len(words) < n:
                continue
            phrase = " ".join(words[:n])
            tokens = self.key_tokens(phrase)
            if n == 2:
                # Two words count only as one event phrase of the table ("taken prisoner"),
                # not as an auxiliary and a verb or a noun and a preposition.
                singles = self.key_tokens(words[0]) | self.key_tokens(words[1])
                if tokens and tokens <= events and tokens != singles:
                    return n
                continue
            if tokens & events:
                return n
            ing = phrase.lower().endswith("ing") and len(phrase) > 5
            if ing and self.key_tokens(phrase[:-3] + "ed") & events:
                return 1
        return 0

    def is_qualifier(self, word: str) -> bool:
        """A proper adjective or name ("Ukrainian", "Kursk"): it says whose or where."""
        return (
            word[:1].isupper()
            and any(ch.islower() for ch in word)
            and (word not in self.not_demonyms)
        )

    def is_demonym(self, word: str) -> bool:
        return self.is_qualifier(word) and word.endswith(self.demonym_endings)

    def has_qualifier(self, text: str) -> bool:
        return any(self.is_qualifier(w) for w in WORD.findall(text))

    def adverb(self, word: str) -> bool:
        lower = word.lower()
        return len(lower) > 4 and lower.endswith("ly") and lower not in self.not_adverbs

    def with_context(self, phrase: str, contexts: Iterable[str]) -> str:
        """Add a nationality the context gives the counted people: "POW executions" after
        "executions of Ukrainian POWs" become "Ukrainian POW executions"."""
        heads = _phrase_heads(self, phrase)
        if not heads:
            return phrase
        for context in contexts:
            for head, adjectives in _context_heads(self, context):
                at = heads.get(head)
                if at is not None:
                    return f"{phrase[:at]}{adjectives} {phrase[at:]}"
        return phrase


@lru_cache(maxsize=4096)
def _phrase_heads(vocab: PhraseWords, phrase: str) -> Mapping[str, int]:
    """Where each head word of a phrase without a nationality starts, by key (empty when
    the phrase names one): the same phrases come back for many figures of a page."""
    if any(vocab.is_demonym(w) for w in WORD.findall(phrase)):
        return {}
    heads: dict[str, int] = {}
    for m in WORD.finditer(phrase):
        key = measure_key(m.group(), synonyms=vocab.synonyms, lexicon=vocab.lexicon)
        if key and " " not in key and key not in vocab.events:
            heads.setdefault(key, m.start())
    return heads


@lru_cache(maxsize=4096)
def _context_heads(vocab: PhraseWords, context: str) -> tuple[tuple[str, str], ...]:
    """The (head key, nationality words) of each "Ukrainian POWs" of a context sentence,
    in order: read once, though every figure of the next sentences asks."""
    found: list[tuple[str, str]] = []
    for m in _CONTEXT_PHRASE.finditer(context):
        adjectives = m.group(1).strip(" -").split()
        if not adjectives or not vocab.is_demonym(adjectives[-1]) or m.start() == 0:
            continue
        head = measure_key(m.group(2), synonyms=vocab.synonyms, lexicon=vocab.lexicon)
        found.append((head, " ".join(adjectives)))
    return tuple(found)


@lru_cache(maxsize=16)
def phrase_words(lexicon: Lexicon | None, synonyms: MeasureSynonyms | None) -> PhraseWords:
    """The measure-phrase vocabulary of ``lexicon`` keyed by ``synonyms``, compiled once."""
    return _phrase_words(lexicon_or_default(lexicon), synonyms)


#: Phrases whose key words a vocabulary keeps (emptied when it grows past this).
_KEY_CACHE = 100_000


@lru_cache(maxsize=32)
def _phrase_words(lexicon: Lexicon, synonyms: MeasureSynonyms | None) -> PhraseWords:
    words = lexicon.words
    vocabulary = measure_vocabulary(lexicon)
    event_words = vocabulary.flow | vocabulary.level | vocabulary.deployment
    keys = {measure_key(w, synonyms=synonyms, lexicon=lexicon) for w in event_words}
    generic = words("generic_nouns")
    states = lexicon.regex("state_phrases")
    return PhraseWords(
        lexicon=lexicon,
        synonyms=synonyms,
        events=frozenset(event_words | {k for k in keys if k and " " not in k}),
        generic=generic,
        # the singular words of the generic nouns, as they appear in keys
        generic_keys=frozenset(w for n in generic for w in measure_words(n, lexicon=lexicon)),
        counting=words("counting_words"),
        skip_after=words("skip_after"),
        complement_stop=words("complement_stop"),
        duration_stop=words("duration_stop"),
        deployment=vocabulary.deployment,
        captivity=re.compile(rf"\s*{states}\b"),
        joiners=words("complement_joiners"),
        demonym_endings=tuple(sorted(words("demonym_endings"))),
        not_demonyms=words("not_demonyms"),
        not_adverbs=words("not_adverbs"),
    )


class MeasureBinder:
    """Reads the measure phrase of each figure of one page."""

    def __init__(self, text: str, windows: Sequence[WindowMatch], vocab: PhraseWords) -> None:
        self.text = text
        self.windows = windows
        self.window_starts = [w.start for w in windows]
        self.vocab = vocab

    def measure_for(
        self,
        figure: FigureMatch,
        sentence: Sentence,
        earlier: Sequence[tuple[FigureMatch, str]],
        contexts: Sequence[str],
    ) -> str:
        text, vocab = self.text, self.vocab
        events = vocab.events
        limit = min(sentence.end, figure.end + 200)
        tail = self.tail_words(figure.end, limit)
        counted_words = WORD.findall(figure.counted or "")
        used = 0
        if counted_words:
            last = counted_words[-1]
            for i, (word, _, _) in enumerate(tail[:14]):
                if word == last:
                    used = i + 1
                    break
        phrase_end = tail[used - 1][2] if used else figure.end
        parts: list[str] = [w for w, _, _ in tail[:used]]
        rest = tail[used:]
        state = vocab.captivity.match(text, phrase_end, limit)
        if state is not None:
            parts.extend(WORD.findall(state.group()))
            rest = [t for t in rest if t[1] >= state.end()]
        elif (parts and parts[-1].lower() in vocab.generic and rest) or (
            rest and rest[0][0].lower() == "being"
        ):
            parts, rest = self.complement(parts, rest)
        parts = [p for p in parts if p.lower() not in vocab.counting and not self.vocab.adverb(p)]
        phrase = " ".join(parts)
        if dimension_text(figure.value.unit) == "[time]":
            return self.duration_measure(figure, sentence, phrase, state)
        tokens = vocab.key_tokens(phrase)
        governing = self.event_before(figure, sentence, rest)
        if governing and not vocab.key_tokens(governing) <= tokens:
            phrase = f"{phrase} {governing}".strip()
        elif not tokens & events:
            phrase = f"{phrase} {self.event_after(rest)}".strip()
        if parts and vocab.key_tokens(phrase) <= vocab.generic_keys:
            # "24 separate incidents" of what the clause's other figure counts.
            for _, other in reversed(earlier):
                if vocab.key_tokens(other) & events:
                    phrase = f"{phrase} of {other}"
                    break
        if parts and vocab.key_tokens(phrase) <= vocab.generic_keys:
            # "In nearly 100% of cases, prisoners are held in isolation": the next clause.
            phrase = f"{phrase} {self.next_clause(tail, limit)}".strip()
        if not vocab.key_tokens(phrase):
            phrase = " ".join(w for w, _, _ in tail[:8] if not self.vocab.adverb(w))
        phrase = vocab.with_context(phrase, contexts)
        if not vocab.key_tokens(phrase):
            return ""  # no catch-all: a measure that cannot be read stays empty
        if unit_name(figure.value.unit) == "percent":
            phrase = f"share of {phrase}"
        return phrase

    def tail_words(self, start: int, limit: int) -> list[tuple[str, int, int]]:
        """Words after a figure up to the end of its clause, a time expression or a figure."""
        text = self.text
        stop = limit
        i = bisect.bisect_left(self.window_starts, start)
        if i < len(self.windows) and self.windows[i].start < stop:
            stop = self.windows[i].start
        out: list[tuple[str, int, int]] = []
        for m in TOKEN.finditer(text, start, stop):
            token = m.group()
            # A word starts with a letter or digit (\w is str.isalnum and "_"), a mark not.
            if not token[0].isalnum():
                if token in BOUNDARY:
                    break
                continue
            if token[:1].isdigit():
                break
            out.append((token, m.start(), m.end()))
            if len(out) >= 20:
                break
        return out

    def next_clause(self, tail: list[tuple[str, int, int]], limit: int) -> str:
        start = tail[-1][2] if tail else None
        if start is None or not self.text[start:limit].lstrip().startswith(","):
            return ""
        comma = self.text.index(",", start)
        words = self.tail_words(comma + 1, limit)[:8]
        return " ".join(w for w, _, _ in words if w.lower() not in self.vocab.skip_after)

    def complement(
        self, parts: list[str], rest: list[tuple[str, int, int]]
    ) -> tuple[list[str], list[tuple[str, int, int]]]:
        """The complement of a generic noun: "cases of …", "cases where Russia executed POWs",
        "cases of soldiers being executed after surrendering"."""
        words = [w for w, _, _ in rest]
        lower = [w.lower() for w in words]
        if lower[:1] == ["where"] or lower[:2] == ["in", "which"]:
            clause = words[1:] if lower[0] == "where" else words[2:]
            clause = clause[:10]
            for i in range(len(clause)):
                n = self.vocab.event_at(clause[i:])
                if n:
                    obj = []
                    for w in clause[i + n :]:
                        if w.lower() in self.vocab.complement_stop:
                            break
                        obj.append(w)
                    # The subject is the perpetrator: it is not part of what is counted.
                    return [*parts, "of", *obj, *clause[i : i + n]], rest[len(rest) :]
            return parts, rest
        taken: list[str] = []
        i = 0
        if lower[:1] == ["of"]:
            while (
                i < len(words)
                and lower[i] not in self.vocab.complement_stop
                and lower[i] != "being"
            ):
                taken.append(words[i])
                i += 1
        if i < len(words) and lower[i] == "being":
            i += 1
            while i < len(words) and self.vocab.adverb(words[i]):
                i += 1
            if i < len(words):
                taken.append(words[i])
                i += 1
                if i + 1 < len(words) and lower[i] in self.vocab.joiners:
                    taken.extend(words[i : i + 2])
                    i += 2
        return [*parts, *taken], rest[i:]

    def duration_measure(
        self, figure: FigureMatch, sentence: Sentence, phrase: str, state: re.Match[str] | None
    ) -> str:
        """How long something lasted: "spent more than two years in captivity" →
        "time spent in captivity"; the unit ("years") is not the measure."""
        before = words_between(self.text, max(sentence.start, figure.start - 80), figure.start)
        lead: list[str] = []
        for word, _start, stop in reversed(before):
            if any(ch in BOUNDARY for ch in self.text[stop : figure.start]) or len(lead) >= 4:
                break
            lead.insert(0, word)
        lead = [w for w in lead if w.lower() not in self.vocab.duration_stop]
        place = state.group().strip() if state is not None else ""
        words = " ".join([*lead, place]).strip() or phrase
        return f"time {words}" if self.vocab.key_tokens(words) else ""

    def event_after(self, rest: list[tuple[str, int, int]]) -> str:
        words = [w for w, _, _ in rest]
        j = 0
        while j < len(words) and j < 4 and words[j].lower() in self.vocab.skip_after:
            j += 1
        n = self.vocab.event_at(words[j:])
        if not n:
            return ""
        event = [event_text(words[j : j + n])]
        j += n
        # "exchanged and returned to Ukraine": coordinated events and a destination.
        if j + 1 < len(words) and words[j].lower() in ("and", "or"):
            m = self.vocab.event_at(words[j + 1 :])
            if m:
                event += [words[j], event_text(words[j + 1 : j + 1 + m])]
                j += 1 + m
        if j + 1 < len(words) and words[j] == "to" and self.vocab.is_qualifier(words[j + 1]):
            event += words[j : j + 2]
        return " ".join(event)

    def event_before(
        self, figure: FigureMatch, sentence: Sentence, rest: list[tuple[str, int, int]]
    ) -> str:
        """The event verb governing a figure as its object: "executed at least 124 …"."""
        vocab = self.vocab
        words = [w for w, _, _ in rest]
        floor = max(sentence.start, figure.start - 80)
        for mark in _BOUNDARY_CHAR.finditer(self.text, floor, figure.start):
            floor = mark.end()  # just past the last clause mark before the figure
        back = [w for w, _, _ in words_between(self.text, floor, figure.start)]
        k = len(back)
        while k > 0 and len(back) - k < 3 and back[k - 1].lower() in self.vocab.skip_after:
            k -= 1
        for n in (2, 1):
            if k - n >= 0 and self.vocab.event_at(back[k - n : k]) == n:
                event = event_text(back[k - n : k])
                if back[k - 1].lower() in vocab.deployment and words[:1] == ["to"]:
                    destination = [w for w in words[1:3] if w[:1].isupper()]
                    if destination:
                        event = f"{event} to {' '.join(destination)}"
                return event
        return ""


def event_text(words: Sequence[str]) -> str:
    # "trading" reads as "traded": the table knows past participles.
    if len(words) == 1 and words[0].lower().endswith("ing") and len(words[0]) > 5:
        return words[0][:-3] + "ed"
    return " ".join(words)


# --- measures across claims -------------------------------------------------------------


def _dimension(item: Claim) -> str:
    return _unit_dimension(item.value.unit)


@lru_cache(maxsize=4096)  # asked up to three times of every claim; units are few
def _unit_dimension(unit: pint.Unit) -> str:
    return unit_name(unit) if unit.dimensionless else dimension_text(unit)


def merge_measures(
    claims: Sequence[Claim],
    *,
    synonyms: MeasureSynonyms | None = None,
    lexicon: Lexicon | None = None,
) -> list[Claim]:
    """Merge under-specified measure keys into a unique more specific one, per article.

    A key merges into another when (conservatively) all of these hold: both are read in
    the same document (an article's "POW executions" may be its own "Ukrainian POW
    executions", never another article's — claims about different places never get one
    place's name); the key names an event ("execution", "missing"); none of its claims'
    measure texts has a proper qualifier (a nationality or place); the other key contains
    all its words, has the same unit dimension, and adds only words written as proper
    qualifiers ("Ukrainian"); and that other key is the only inclusion-minimal such key.
    "execution pow" joins "execution pow ukrainian" when nothing else competes; a key
    that is already qualified never moves. Claims without a document are one batch.
    Then a figure written again in the article (same value of at least
    :data:`_REPEAT_DIGITS` significant digits, same unit dimension) takes the key of its
    most specific mention when every other mention's key is part of it or empty.

    The work is linear in the claims and in the distinct keys of each document (each
    key offers the keys it may absorb — itself without up to :data:`_MAX_DROPPED` of its
    qualifier words — to an index), not quadratic.
    """
    vocab = phrase_words(lexicon, synonyms)
    by_document: dict[str | None, list[int]] = {}
    for i, item in enumerate(claims):
        document = item.sources[0].document if item.sources else None
        by_document.setdefault(document, []).append(i)
    out = list(claims)
    for indices in by_document.values():
        mapping = _merge_keys([claims[i] for i in indices], vocab)
        for i in indices if mapping else ():
            item = claims[i]
            target = mapping.get((_dimension(item), item.measure))
            if target is not None:
                out[i] = replace(item, measure=target)
        for i, (measure, text) in _repeats(out, indices).items():
            out[i] = replace(out[i], measure=measure, measure_text=text)
    return out


#: How many significant digits make a figure written twice in one article the same
#: figure: "406 … the 406 killed", not "40 seats … 40 percent".
_REPEAT_DIGITS = 3


@lru_cache(maxsize=4096)
def _distinctive(value: float) -> bool:
    digits = f"{abs(value):.12g}".replace(".", "").lstrip("0").split("e")[0]
    return len(digits) >= _REPEAT_DIGITS


def _repeats(claims: Sequence[Claim], indices: Sequence[int]) -> dict[int, tuple[str, str]]:
    """A figure written again in one article ("642 civilian deaths" … "the clinics
    counted 642 deaths in all") counts what its most specific mention counts, when every
    other mention's key is part of that one (or was not read)."""
    buckets: dict[tuple[str, float], list[int]] = {}
    for i in indices:
        stated = claims[i].value.stated
        if stated is not None and _distinctive(stated):
            buckets.setdefault((_dimension(claims[i]), stated), []).append(i)
    out: dict[int, tuple[str, str]] = {}
    for members in buckets.values():
        keyed = [i for i in members if claims[i].measure]
        if len(members) < 2 or not keyed:
            continue
        widest = max(keyed, key=lambda i: len(claims[i].measure.split()))
        tokens = set(claims[widest].measure.split())
        if not all(set(claims[i].measure.split()) <= tokens for i in keyed):
            continue
        for i in members:
            if claims[i].measure != claims[widest].measure:
                out[i] = (claims[widest].measure, claims[widest].measure_text)
    return out


@lru_cache(maxsize=4096)  # an article's claims share a few measure texts
def _qualifier_keys(vocab: PhraseWords, text: str) -> tuple[bool, frozenset[str]]:
    """Whether a measure text has a proper qualifier ("Ukrainian"), and its key words."""
    words = [word for word in WORD.findall(text) if vocab.is_qualifier(word)]
    keys = (measure_key(w, synonyms=vocab.synonyms, lexicon=vocab.lexicon) for w in words)
    return bool(words), frozenset(part for key in keys for part in key.split())


#: How many qualifier words a key may add to the key it absorbs.
_MAX_DROPPED = 3


def _merge_keys(claims: Sequence[Claim], vocab: PhraseWords) -> dict[tuple[str, str], str]:
    events = vocab.events
    qualified: dict[tuple[str, str], bool] = {}
    qualifiers: dict[tuple[str, str], set[str]] = {}
    for item in claims:
        if not item.measure:
            continue  # an empty measure is never grouped, never merged
        group = (_dimension(item), item.measure)
        has_qualifier, keys = _qualifier_keys(vocab, item.measure_text or item.measure)
        qualified[group] = qualified.get(group, False) or has_qualifier
        qualifiers.setdefault(group, set()).update(keys)
    # Each key offers itself to the keys it could absorb: itself minus a few of its
    # qualifier words (bounded: at most 2**_MAX_DROPPED - 1 offers per key).
    offers: dict[tuple[str, frozenset[str]], list[frozenset[str]]] = {}
    for (dimension, key), _ in qualified.items():
        tokens = frozenset(key.split())
        extra = sorted(tokens & qualifiers[dimension, key])[:_MAX_DROPPED]
        for size in range(1, len(extra) + 1):
            for dropped in combinations(extra, size):
                core = tokens.difference(dropped)
                if core:
                    offers.setdefault((dimension, core), []).append(tokens)
    mapping: dict[tuple[str, str], str] = {}
    for (dimension, key), is_qualified in qualified.items():
        tokens = frozenset(key.split())
        if is_qualified or not tokens & events:
            continue
        supersets = offers.get((dimension, tokens))
        if not supersets:
            continue
        smallest = min(supersets, key=lambda t: (len(t), sorted(t)))
        if all(smallest <= other for other in supersets) and all(
            other == smallest or len(other) > len(smallest) for other in supersets
        ):
            mapping[dimension, key] = " ".join(sorted(smallest))
    return mapping
