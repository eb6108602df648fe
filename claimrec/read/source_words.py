"""The attribution vocabulary of a lexicon (attribution.txt), compiled once.

The words say which verbs attribute ("said", "counted"), which nouns head a
described source ("police", "the study"), which words join a name, and the
small patterns around them (", who …,", "according to", "figures from").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, per_lexicon

__all__ = ["AttributionWords", "attribution_words", "triggers"]


@dataclass(frozen=True, slots=True, eq=False)
class AttributionWords:
    """The attribution lists of a lexicon, compiled (see attribution.txt)."""

    saying: frozenset[str]
    plural_saying: frozenset[str]  # "estimates predict": only after a described source
    recording: frozenset[str]
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    name_stop: frozenset[str]
    heads: frozenset[str]  # nouns that head a described source
    modifiers: frozenset[str]  # lower-case words inside a described source
    determiners: frozenset[str]
    connectors: frozenset[str]
    titles: frozenset[str]
    data_nouns: frozenset[str]  # "figures", "estimates", "count"
    data_modifiers: frozenset[str]  # "latest", "preliminary"
    object_verbs: frozenset[str]  # "raised", "released": saying with an object noun
    raised: re.Pattern[str]  # the object that makes them saying ("raised alarm")
    anaphoric: frozenset[str]  # "the union said": the source named before with that word
    generic: frozenset[str]  # "the organization said": the last source named
    parts: frozenset[str]  # "the unit of Verisk said": the last source named
    according: re.Pattern[str]
    data_link: re.Pattern[str]  # " from ", " collected by "
    by: re.Pattern[str]
    relative: re.Pattern[str]  # ", who …, "
    aside: re.Pattern[str]  # ", the main group which …, ": a description of the source
    appositive: re.Pattern[str]  # ", director of (the)"
    abbreviation_gap: re.Pattern[str]
    unnamed: re.Pattern[str]  # "is believed to": a source left unnamed on purpose
    joining_gap: re.Pattern[str]
    times: frozenset[str]  # month and weekday names: they stop a name when capitalised
    passive_verbs: frozenset[str]  # "imposed", "decided": a source only with "by"
    passive_auxiliaries: frozenset[str]  # "were reported by X" is a clause
    adverbial: re.Pattern[str]  # "on Monday", "in a statement" before the verb
    abbreviations: frozenset[str]  # "Co.", "Inc.": a name's last word with its dot
    official: frozenset[str]  # "official": the article's official source
    unofficial: frozenset[str]
    official_heads: frozenset[str]  # what makes a source official
    official_nouns: frozenset[str]  # "official inflation": what an official figure is of
    inference: re.Pattern[str]  # "which would mean": the text's own reckoning
    credit: re.Pattern[str]  # "(Via Al Jazeera)" closing a paragraph
    picture_credits: frozenset[str]  # "(Via Getty Images)": a picture's, not a source
    clause_end: re.Pattern[str]  # where an official mark's clause ends
    locative: frozenset[str]  # "organizers in New York"
    relative_pronouns: frozenset[str]
    title_of: re.Pattern[str]  # "the head of (the)" before an organisation


def _word_sets(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    words = lexicon.words
    times = frozenset(
        phrase
        for name in ("months", "month_abbreviations", "weekdays")
        for phrase in lexicon.numbers(name)
    )
    return {
        "saying": words("saying") | words("plural_saying"),
        "plural_saying": words("plural_saying"),
        "recording": words("recording"),
        "auxiliaries": words("auxiliaries"),
        "pronouns": words("pronouns"),
        "name_stop": words("name_stop"),
        "heads": words("source_heads") | words("titles"),
        "modifiers": words("source_words") | words("source_modifiers"),
        "determiners": words("source_determiners"),
        "connectors": words("source_connectors"),
        "titles": words("titles"),
        "data_nouns": words("source_nouns"),
        "data_modifiers": words("source_modifiers"),
        "object_verbs": words("object_verbs"),
        "anaphoric": words("anaphoric_heads"),
        "generic": words("generic_heads"),
        "parts": words("part_heads"),
        "times": times,
        "passive_verbs": words("passive_verbs"),
        "passive_auxiliaries": words("passive_auxiliaries"),
        "abbreviations": words("name_abbreviations"),
        "official": words("official_marks"),
        "unofficial": words("unofficial_marks"),
        "official_heads": words("official_heads"),
        "official_nouns": words("official_nouns"),
        "picture_credits": words("picture_credits"),
        "locative": words("locative_prepositions"),
        "relative_pronouns": words("relative_pronouns"),
    }


def _phrases(lexicon: Lexicon, name: str) -> str:
    """A word list as a regular expression: its phrases' words over any white space."""
    return alternation(lexicon.words(name)).replace(" ", r"\s+")


def _patterns(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    words = lexicon.words
    prepositions = alternation(words("appositive_prepositions"))
    opening = words("source_determiners") | words("source_modifiers")  # "a new statement"
    days = alternation(frozenset(lexicon.numbers("weekdays")))
    months = alternation(
        frozenset(lexicon.numbers("months")) | lexicon.numbers("month_abbreviations").keys()
    )
    adverbials = lexicon.regex("adverbial_gaps").replace("{day}", days).replace("{month}", months)
    addressees = _phrases(lexicon, "addressees")
    links, participles = _phrases(lexicon, "data_links"), _phrases(lexicon, "data_participles")
    i = re.IGNORECASE
    return {
        "raised": re.compile(
            rf"(?:\s+(?:to|for)\s+{addressees})?"
            rf"\s+(?:{alternation(opening)}\s+){{0,2}}(?:[\w'’\-]+\s+){{0,2}}?"
            rf"{alternation(words('raised_nouns'))}\b",
            i,
        ),
        "according": re.compile(r"\baccording\s+to\s+", i),
        "data_link": re.compile(
            rf"\s+(?:{links}|{participles}\s+(?:to|for)\s+{addressees}\s+by)\s+", i
        ),
        "by": re.compile(r"\s+by\s+", i),
        "relative": re.compile(
            rf",\s+{alternation(words('relative_openers'))}\b[^,;:]{{0,200}},\s*$", i
        ),
        "aside": re.compile(r",\s+(?:a|an|the)\s[^,;:]{0,200},", i),
        "appositive": re.compile(
            rf",\s+(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){{0,8}}?{prepositions}\s+(?:the\s+)?", i
        ),
        "abbreviation_gap": re.compile(r"\.\s+\Z"),
        "unnamed": re.compile(lexicon.regex("unnamed_source"), i),
        "joining_gap": re.compile(r"\s+\Z|\s*&\s*\Z|['’]\s+\Z"),
        "adverbial": re.compile(rf"(?:^|\s){adverbials}\s*\Z", i),
        "inference": re.compile(lexicon.regex("own_inference"), i),
        "credit": re.compile(lexicon.regex("credit_line"), i),
        "clause_end": re.compile(rf"[,;:()]|\s(?:{_phrases(lexicon, 'contrast_openers')})\s", i),
        "title_of": re.compile(
            rf"\b{alternation(words('titles'))}\s+(?:of|at|for)\s+(?:the\s+)?(?:[\w'’\-]+\s+){{0,2}}\Z",
            i,
        ),
    }


@per_lexicon
def attribution_words(lexicon: Lexicon) -> AttributionWords:
    """The attribution vocabulary of ``lexicon``, compiled once."""
    # The two builders' keys are the fields: the dataclass checks names and count.
    fields: dict[str, Any] = {**_word_sets(lexicon), **_patterns(lexicon)}
    return AttributionWords(**fields)


@lru_cache(maxsize=8)
def triggers(w: AttributionWords) -> frozenset[str]:
    """The words (lower-cased, as written) every attribution but "according to" needs
    one of: a saying, recording or object verb, or a data noun ("figures", "AFP's")."""
    nouns = w.data_nouns | {f"{n}{s}" for n in w.data_nouns for s in ("'s", "’s")}
    marks = w.official | w.unofficial | w.passive_verbs
    return w.saying | w.recording | w.object_verbs | nouns | marks
