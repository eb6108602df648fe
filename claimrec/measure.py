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
``level`` (a value at a moment) from the wording; see :data:`FLOW_WORDS`,
:data:`LEVEL_WORDS` and :data:`RATIO_WORDS`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal, TypeAlias

from claimrec.errors import ClaimError

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
    "default_synonyms",
    "infer_measure_kind",
    "measure_key",
    "measure_words",
]

MeasureKind: TypeAlias = Literal["flow", "level"]

ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})

# Numbers with their separators stay one word ("2024-11-11", "3,767"); other words may
# hold inner dots or apostrophes ("U.N.", "Russia's").
_WORD = re.compile(r"\d+(?:[-/.,:]\d+)*|[^\W_]+(?:['’‘ʼ.][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

_IRREGULAR: dict[str, str] = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "servicemen": "serviceman",
    "servicewomen": "servicewoman",
    "policemen": "policeman",
    "crises": "crisis",
    "analyses": "analysis",
    "lives": "life",
    "wives": "wife",
    "feet": "foot",
    "teeth": "tooth",
}
# Words that end in "s" but are not plurals (or whose singular looks the same).
_INVARIANT: frozenset[str] = frozenset(
    {
        "series",
        "species",
        "news",
        "means",
        "headquarters",
        "whereabouts",
        "barracks",
        "gas",
        "bias",
        "alias",
        "atlas",
        "canvas",
        "always",
        "perhaps",
        "towards",
        "afterwards",
    }
)


def _singular(word: str) -> str:
    """A conservative singular: only regular English plurals, never a stem."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word in _INVARIANT or not word.isalpha():
        return word
    if word.endswith(("ss", "us", "is")):  # loss, status, crisis
        return word
    if word.endswith("ies") and len(word) > 4:  # casualties
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):  # losses, boxes, churches
        return word[:-2]
    stem = word[:-1]
    return _IRREGULAR.get(stem, stem)


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word).casefold().translate(_APOSTROPHES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith("'s"):
        text = text[:-2]
    return _singular(text.replace("'", "").replace(".", ""))


def measure_words(text: str) -> list[str]:
    """Steps 1–3: folded, singular words without articles, in text order.

    >>> measure_words("Ukraine's prisoners of war")
    ['ukraine', 'prisoner', 'of', 'war']
    """
    words = (_fold(match.group()) for match in _WORD.finditer(text))
    return [word for word in words if word and word not in ARTICLES]


_Phrase: TypeAlias = tuple[str, ...]


def _substitute(words: list[str], table: Mapping[_Phrase, _Phrase], longest: int) -> list[str]:
    # Greedy, left to right, longest phrase first: "soldiers in captivity" beats "in".
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
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


def _key_once(text: str, synonyms: MeasureSynonyms) -> str:
    words = _substitute(measure_words(text), synonyms._table, synonyms._longest)
    return " ".join(sorted(set(words)))


@lru_cache(maxsize=1 << 16)
def _cached_key(text: str, synonyms: MeasureSynonyms) -> str:
    key = _key_once(text, synonyms)
    # Sorting can bring the words of a phrase together ("soldiers captured" →
    # "captured soldier"); repeat until stable so that a key is its own key.
    for _ in range(4):
        again = _key_once(key, synonyms)
        if again == key:
            break
        key = again
    return key


def measure_key(text: str, *, synonyms: MeasureSynonyms | None = None) -> str:
    """The normalized key of a measure; ``""`` when no content word is left.

    >>> measure_key("cases of the execution of Ukrainian prisoners of war")
    'execution pow ukrainian'
    >>> measure_key("Ukrainian POWs executed by Russian forces")
    'execution pow ukrainian'
    """
    if not isinstance(text, str):
        raise ClaimError("a measure must be text", field="measure", text=text)
    return _cached_key(text, synonyms if synonyms is not None else default_synonyms())


# --- flow or level -----------------------------------------------------------------
# Matched against singular, folded words (measure_words), before synonyms.

#: Quantities that are never additive counts of events: a share of executions is a level.
RATIO_WORDS: frozenset[str] = frozenset(
    {
        "share",
        "percentage",
        "percent",
        "proportion",
        "ratio",
        "rate",
        "fraction",
        "average",
        "mean",
        "median",
        "time",
        "duration",
        "length",
        "currently",
    }
)

#: Events counted within a window: additive over time.
FLOW_WORDS: frozenset[str] = frozenset(
    {
        "execution",
        "executed",
        "execute",
        "killing",
        "killed",
        "kill",
        "murder",
        "murdered",
        "death",
        "died",
        "dead",
        "fatality",
        "casualty",
        "injured",
        "injury",
        "wounded",
        "arrest",
        "arrested",
        "detained",
        "detention",
        "abducted",
        "abduction",
        "deported",
        "deportation",
        "captured",
        "capture",
        "taken",
        "exchange",
        "exchanged",
        "swap",
        "swapped",
        "traded",
        "returned",
        "return",
        "released",
        "release",
        "freed",
        "repatriated",
        "repatriation",
        "strike",
        "airstrike",
        "attack",
        "attacked",
        "shelling",
        "bombing",
        "raid",
        "incident",
        "destroyed",
        "damaged",
        "launched",
        "fired",
        "shot",
        "downed",
        "intercepted",
        "evacuated",
        "evacuation",
        "disappearance",
        "violation",
        "interviewed",
        "interview",
    }
)

#: Stocks at a moment; they decide only when no flow word is present
#: ("executions of soldiers in captivity" is a flow).
LEVEL_WORDS: frozenset[str] = frozenset(
    {
        "missing",
        "displaced",
        "idp",
        "refugee",
        "deployed",
        "stationed",
        "held",
        "captive",
        "captivity",
        "remain",
        "remaining",
        "still",
        "listed",
        "registered",
        "population",
        "stock",
        "size",
        "strength",
    }
)

#: "sent"/"dispatched" with "to" and a troop word is a deployment (a level):
#: "North Korean soldiers sent to Russia".
DEPLOYMENT_WORDS: frozenset[str] = frozenset({"sent", "dispatched", "transferred"})
TROOP_WORDS: frozenset[str] = frozenset(
    {"soldier", "troop", "serviceman", "personnel", "force", "fighter", "unit"}
)


@lru_cache(maxsize=1 << 14)
def _infer(text: str, default: MeasureKind) -> MeasureKind:
    words = measure_words(text)
    present = set(words)
    if present & RATIO_WORDS or "%" in text:
        return "level"
    if present & FLOW_WORDS:
        return "flow"
    if present & LEVEL_WORDS:
        return "level"
    if present & DEPLOYMENT_WORDS and "to" in present and present & TROOP_WORDS:
        return "level"
    return default


def infer_measure_kind(text: str, *, default: MeasureKind = "flow") -> MeasureKind:
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
    return _infer(text, default)
