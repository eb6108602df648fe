"""Measures: what a figure counts, as a key shared by claims about the same thing.

"executions of Ukrainian POWs", "Ukrainian prisoners of war executed" and
"cases of the execution of Ukrainian soldiers in captivity" all give the key
``"execution pow ukrainian"``. The steps, in order:

1. Unicode and case folding (accents dropped), words split on anything that
   is not a letter or digit (dates such as ``2024-11-11`` stay one word), a
   possessive "'s" dropped;
2. plural nouns made singular by conservative rules ("casualties" →
   "casualty", "POWs" → "pow", irregulars such as "servicemen");
3. the articles "the", "a", "an" dropped;
4. the synonyms table applied left to right, longest phrase first
   ("prisoners of war" → "pow", "executed" → "execution"); a phrase mapped
   to nothing is dropped — that is how stop words ("of", "cases") and agent
   phrases ("by Russian forces") are removed;
5. the remaining words deduplicated and sorted, so word order never matters.

The steps are repeated on the result until it no longer changes, so the key
of a key is the key itself.

:func:`infer_measure_kind` reads ``flow`` (events within a window) or
``level`` (a value at a moment) from the wording; the word lists are the
lexicon's (``claimrec/data/en/measure_words.txt``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, TypeAlias

from claimrec._text import fold_word
from claimrec.errors import ClaimError
from claimrec.lexicon import Lexicon, default_lexicon, lexicon_or_default, per_lexicon

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ARTICLES",
    "DEPLOYMENT_WORDS",
    "FLOW_WORDS",
    "LEVEL_WORDS",
    "RATIO_WORDS",
    "TROOP_WORDS",
    "MeasureKind",
    "MeasureSynonyms",
    "MeasureWords",
    "default_synonyms",
    "infer_measure_kind",
    "measure_key",
    "measure_vocabulary",
    "measure_words",
]

MeasureKind: TypeAlias = Literal["flow", "level"]

# Numbers with their separators stay one word ("2024-11-11", "3,767"); other words may
# hold inner dots or apostrophes ("U.N.", "Russia's").
_WORD = re.compile(r"\d+(?:[-/.,:]\d+)*|[^\W_]+(?:['’‘ʼ.][^\W_]+)*")


@dataclass(frozen=True, slots=True, eq=False)
class MeasureWords:
    """The measure lists of a lexicon (measure_words.txt, words.txt), as sets."""

    articles: frozenset[str]
    irregular: dict[str, str]  # plural -> singular
    invariant: frozenset[str]
    ratio: frozenset[str]
    flow: frozenset[str]
    level: frozenset[str]
    deployment: frozenset[str]
    troop: frozenset[str]


@per_lexicon
def measure_vocabulary(lexicon: Lexicon | None = None) -> MeasureWords:
    """The measure words of ``lexicon`` (the default one for None)."""
    lexicon = lexicon_or_default(lexicon)
    return MeasureWords(
        articles=lexicon.words("articles"),
        irregular=lexicon.table("irregular_plurals"),
        invariant=lexicon.words("invariant_words"),
        ratio=lexicon.words("ratio_words"),
        flow=lexicon.words("flow_words"),
        level=lexicon.words("level_words"),
        deployment=lexicon.words("deployment_words"),
        troop=lexicon.words("troop_words"),
    )


def _singular(word: str, words: MeasureWords) -> str:
    """A conservative singular: only regular English plurals, never a stem."""
    irregular = words.irregular
    if word in irregular:
        return irregular[word]
    if len(word) <= 3 or not word.endswith("s") or word in words.invariant or not word.isalpha():
        return word
    if word.endswith(("ss", "us", "is")):  # loss, status, crisis
        return word
    if word.endswith("ies") and len(word) > 4:  # casualties
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):  # losses, boxes, churches
        return word[:-2]
    stem = word[:-1]
    return irregular.get(stem, stem)


@lru_cache(maxsize=1 << 16)
def _fold(word: str, words: MeasureWords) -> str:
    # The same folding as reporter names (claimrec._text.fold_word), then singular.
    # Keyed on the lexicon's word lists, hashed by identity (a lexicon hashes in Python).
    return _singular(fold_word(word), words)


def measure_words(text: str, *, lexicon: Lexicon | None = None) -> list[str]:
    """Steps 1–3: folded, singular words without articles, in text order.

    >>> measure_words("Ukraine's prisoners of war")
    ['ukraine', 'prisoner', 'of', 'war']
    """
    return list(_measure_words(text, lexicon_or_default(lexicon)))


@lru_cache(maxsize=1 << 16)
def _measure_words(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    # Read once per text: the readers fold the same words of a page many times over.
    vocabulary = measure_vocabulary(lexicon)
    articles = vocabulary.articles
    words = (_fold(word, vocabulary) for word in _WORD.findall(text))
    return tuple(word for word in words if word and word not in articles)


_Phrase: TypeAlias = tuple[str, ...]


def _substitute(
    words: list[str],
    table: Mapping[_Phrase, _Phrase],
    longest: int,
    starts: Mapping[str, tuple[int, ...]] | None = None,
) -> list[str]:
    # Greedy, left to right, longest phrase first: "soldiers in captivity" beats "in".
    # ``starts`` (the sizes of the phrases each word begins, longest first) skips the
    # sizes no phrase has: most words begin none.
    out: list[str] = []
    i = 0
    count = len(words)
    while i < count:
        sizes = range(min(longest, count - i), 0, -1) if starts is None else starts.get(words[i])
        for size in sizes or ():
            if i + size > count:
                continue
            replacement = table.get(tuple(words[i : i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureSynonyms:
    """An immutable phrase table: ``(phrase, canonical)`` pairs.

    A phrase of one or more words maps to a canonical phrase, or to ``""`` to
    drop it (stop words, agent phrases). Both sides go through the same
    folding as the text, so "prisoners of war" and "Prisoner of War" are one
    entry. Canonical phrases are themselves resolved through the table, and a
    cycle ("a" → "b" → "a") is refused.
    """

    entries: tuple[tuple[str, str], ...] = ()
    _table: dict[_Phrase, _Phrase] = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)
    _starts: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        raw: dict[_Phrase, _Phrase] = {}
        sources: dict[_Phrase, str] = {}
        for phrase, canonical in self.entries:
            words = tuple(measure_words(phrase))
            if not words:
                raise ClaimError("a synonym phrase needs a word", field="measure", text=phrase)
            target = tuple(measure_words(canonical))
            if words in raw and raw[words] != target:
                raise ClaimError(
                    f"mapped to both {sources[words]!r} and {canonical!r}",
                    field="measure",
                    text=phrase,
                )
            raw[words] = target
            sources[words] = canonical
        longest = max((len(words) for words in raw), default=1)
        table: dict[_Phrase, _Phrase] = {}
        for words, target in raw.items():
            table[words] = _settle(list(target), raw, longest, phrase=" ".join(words))
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_longest", longest)
        sizes: dict[str, set[int]] = {}
        for words in table:
            sizes.setdefault(words[0], set()).add(len(words))
        starts = {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}
        object.__setattr__(self, "_starts", starts)
        # Keys are looked up in a cache for every row: hash the table once.
        object.__setattr__(self, "_hash", hash(self.entries))

    def __hash__(self) -> int:
        return self._hash

    def __len__(self) -> int:
        return len(self.entries)

    def with_synonyms(self, synonyms: Mapping[str, str | None]) -> MeasureSynonyms:
        """A copy with more entries; they replace entries for the same phrase.

        ``{"phrase": "canonical"}``; ``""`` or ``None`` drops the phrase from
        keys; mapping a phrase to itself keeps it (undoing a default).
        """
        new = tuple((phrase, canonical or "") for phrase, canonical in synonyms.items())
        replaced = {tuple(measure_words(phrase)) for phrase, _ in new}
        kept = tuple(
            entry for entry in self.entries if tuple(measure_words(entry[0])) not in replaced
        )
        return MeasureSynonyms(entries=kept + new)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str]) -> MeasureSynonyms:
        """Read ``phrase,canonical`` rows (``#`` lines are comments)."""
        with open(path, encoding="utf-8", newline="") as handle:
            return cls(entries=_parse_csv(handle.read(), source=os.fspath(path)))

    def to_frame(self) -> pd.DataFrame:
        """The entries as a DataFrame with columns ``phrase`` and ``canonical``."""
        import pandas as pd

        return pd.DataFrame(list(self.entries), columns=["phrase", "canonical"]).astype("string")


def _settle(
    words: list[str], table: Mapping[_Phrase, _Phrase], longest: int, *, phrase: str
) -> _Phrase:
    # Follow a canonical phrase through the table until it no longer changes.
    for _ in range(8):
        settled = _substitute(words, table, longest)
        if settled == words:
            return tuple(words)
        words = settled
    raise ClaimError("synonyms map this phrase in a cycle", field="measure", text=phrase)


def _parse_csv(text: str, *, source: str) -> tuple[tuple[str, str], ...]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames is None or not {"phrase", "canonical"} <= set(reader.fieldnames):
        raise ClaimError(
            f"{source}: needs columns 'phrase,canonical'", field="measure", text=source
        )
    entries: list[tuple[str, str]] = []
    for number, row in enumerate(reader, start=2):
        phrase = (row["phrase"] or "").strip()
        if not phrase:
            raise ClaimError(f"{source}, row {number}: empty phrase", field="measure", text="")
        entries.append((phrase, (row["canonical"] or "").strip()))
    return tuple(entries)


@cache
def default_synonyms() -> MeasureSynonyms:
    """The bundled table (``claimrec/data/en/measure_synonyms.csv``), read once."""
    data = resources.files("claimrec").joinpath("data", "en", "measure_synonyms.csv")
    return MeasureSynonyms(entries=_parse_csv(data.read_text(encoding="utf-8"), source=data.name))


def _key_once(text: str, synonyms: MeasureSynonyms, lexicon: Lexicon) -> str:
    words = _substitute(
        measure_words(text, lexicon=lexicon), synonyms._table, synonyms._longest, synonyms._starts
    )
    return " ".join(sorted(set(words)))


@lru_cache(maxsize=1 << 16)
def _cached_key(text: str, synonyms: MeasureSynonyms, lexicon: Lexicon) -> str:
    key = _key_once(text, synonyms, lexicon)
    # Sorting can bring the words of a phrase together ("soldiers captured" →
    # "captured soldier"); repeat until stable so that a key is its own key.
    for _ in range(4):
        again = _key_once(key, synonyms, lexicon)
        if again == key:
            break
        key = again
    return key


def measure_key(
    text: str, *, synonyms: MeasureSynonyms | None = None, lexicon: Lexicon | None = None
) -> str:
    """The normalized key of a measure; ``""`` when no content word is left.

    ``lexicon`` gives the plural rules and articles (default: the bundled one).

    >>> measure_key("cases of the execution of Ukrainian prisoners of war")
    'execution pow ukrainian'
    >>> measure_key("Ukrainian POWs executed by Russian forces")
    'execution pow ukrainian'
    """
    if not isinstance(text, str):
        raise ClaimError("a measure must be text", field="measure", text=text)
    table = synonyms if synonyms is not None else default_synonyms()
    return _cached_key(text, table, lexicon_or_default(lexicon))


# --- flow or level -----------------------------------------------------------------
# Matched against singular, folded words (measure_words), before synonyms; the word
# lists are measure_words.txt's ratio_words, flow_words, level_words,
# deployment_words and troop_words.


@lru_cache(maxsize=1 << 14)
def _infer(text: str, default: MeasureKind, lexicon: Lexicon) -> MeasureKind:
    vocabulary = measure_vocabulary(lexicon)
    present = set(measure_words(text, lexicon=lexicon))
    if present & vocabulary.ratio or "%" in text:
        return "level"
    if present & vocabulary.flow:
        return "flow"
    if present & vocabulary.level:
        return "level"
    if present & vocabulary.deployment and "to" in present and present & vocabulary.troop:
        return "level"
    return default


def infer_measure_kind(
    text: str, *, default: MeasureKind = "flow", lexicon: Lexicon | None = None
) -> MeasureKind:
    """``"flow"`` (events in a window) or ``"level"`` (a value at a moment).

    Ratio words (share, percentage, time, …) give ``level``; else any event
    word (executions, killed, released, captured, …) gives ``flow``; else a
    stock word (missing, held, displaced, …) or a deployment ("sent to")
    gives ``level``; else ``default`` — counts without a cue are read as
    events. Callers override the result by passing the kind themselves.

    >>> infer_measure_kind("executions of Ukrainian POWs")
    'flow'
    >>> infer_measure_kind("Ukrainians listed as missing")
    'level'
    """
    if not isinstance(text, str):
        raise ClaimError("a measure must be text", field="measure", text=text)
    return _infer(text, default, lexicon_or_default(lexicon))


if TYPE_CHECKING:
    ARTICLES: frozenset[str]
    RATIO_WORDS: frozenset[str]
    FLOW_WORDS: frozenset[str]
    LEVEL_WORDS: frozenset[str]
    DEPLOYMENT_WORDS: frozenset[str]
    TROOP_WORDS: frozenset[str]

_LISTS = {
    "ARTICLES": "articles",
    "RATIO_WORDS": "ratio_words",
    "FLOW_WORDS": "flow_words",
    "LEVEL_WORDS": "level_words",
    "DEPLOYMENT_WORDS": "deployment_words",
    "TROOP_WORDS": "troop_words",
}


def __getattr__(name: str) -> object:
    # The word lists of the default lexicon, read on first use (not at import).
    if name in _LISTS:
        return default_lexicon().words(_LISTS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
