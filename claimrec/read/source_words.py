"""The attribution vocabulary of a lexicon (attribution.txt), compiled once.

The words say which verbs attribute ("said", "counted"), which nouns head a
described source ("police", "the study"), which words join a name, and the
small patterns around them (", who …,", "according to", "figures from").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, per_lexicon

__all__ = ["AttributionWords", "attribution_words", "triggers"]


@dataclass(frozen=True, slots=True, eq=False)
class AttributionWords:
    """The attribution lists of a lexicon, compiled (see attribution.txt)."""

    saying: frozenset[str]
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
    anaphoric: frozenset[str]  # "the organization said": the source named before
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
    inference: re.Pattern[str]  # "which would mean": the text's own reckoning
    credit: re.Pattern[str]  # "(Via Al Jazeera)" closing a paragraph
    picture_credits: frozenset[str]  # "(Via Getty Images)": a picture's, not a source
    clause_end: re.Pattern[str]  # where an official mark's clause ends
    locative: frozenset[str]  # "organizers in New York"
    title_of: re.Pattern[str]  # "the head of (the)" before an organisation


@per_lexicon
def attribution_words(lexicon: Lexicon) -> AttributionWords:
    """The attribution vocabulary of ``lexicon``, compiled once."""
    words = lexicon.words
    prepositions = alternation(words("appositive_prepositions"))
    opening = words("source_determiners") | words("source_modifiers")  # "a new statement"
    times = frozenset(
        phrase
        for name in ("months", "month_abbreviations", "weekdays")
        for phrase in lexicon.numbers(name)
    )
    days = alternation(frozenset(lexicon.numbers("weekdays")))
    months = alternation(
        frozenset(lexicon.numbers("months")) | lexicon.numbers("month_abbreviations").keys()
    )
    adverbials = lexicon.regex("adverbial_gaps").replace("{day}", days).replace("{month}", months)
    addressees = alternation(words("addressees")).replace(" ", r"\s+")
    participles = alternation(words("data_participles")).replace(" ", r"\s+")
    links = alternation(words("data_links")).replace(" ", r"\s+")
    return AttributionWords(
        saying=words("saying"),
        recording=words("recording"),
        auxiliaries=words("auxiliaries"),
        pronouns=words("pronouns"),
        name_stop=words("name_stop"),
        heads=words("source_heads") | words("titles"),
        modifiers=words("source_words") | words("source_modifiers"),
        determiners=words("source_determiners"),
        connectors=words("source_connectors"),
        titles=words("titles"),
        data_nouns=words("source_nouns"),
        data_modifiers=words("source_modifiers"),
        object_verbs=words("object_verbs"),
        raised=re.compile(
            rf"(?:\s+(?:to|for)\s+{addressees})?"
            rf"\s+(?:{alternation(opening)}\s+){{0,2}}(?:[\w'’\-]+\s+){{0,2}}?"
            rf"{alternation(words('raised_nouns'))}\b",
            re.I,
        ),
        anaphoric=words("anaphoric_heads"),
        according=re.compile(r"\baccording\s+to\s+", re.IGNORECASE),
        data_link=re.compile(
            rf"\s+(?:{links}|{participles}\s+(?:to|for)\s+{addressees}\s+by)\s+", re.IGNORECASE
        ),
        by=re.compile(r"\s+by\s+", re.IGNORECASE),
        relative=re.compile(
            rf",\s+{alternation(words('relative_openers'))}\b[^,;:]{{0,200}},\s*$", re.IGNORECASE
        ),
        aside=re.compile(r",\s+(?:a|an|the)\s[^,;:]{0,200},", re.IGNORECASE),
        appositive=re.compile(
            rf",\s+(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){{0,8}}?{prepositions}\s+(?:the\s+)?",
            re.IGNORECASE,
        ),
        abbreviation_gap=re.compile(r"\.\s+\Z"),
        unnamed=re.compile(lexicon.regex("unnamed_source"), re.IGNORECASE),
        joining_gap=re.compile(r"\s+\Z|\s*&\s*\Z|['’]\s+\Z"),
        times=times,
        passive_verbs=words("passive_verbs"),
        passive_auxiliaries=words("passive_auxiliaries"),
        adverbial=re.compile(rf"(?:^|\s){adverbials}\s*\Z", re.IGNORECASE),
        abbreviations=words("name_abbreviations"),
        official=words("official_marks"),
        unofficial=words("unofficial_marks"),
        official_heads=words("official_heads"),
        inference=re.compile(lexicon.regex("own_inference"), re.IGNORECASE),
        credit=re.compile(lexicon.regex("credit_line"), re.IGNORECASE),
        picture_credits=words("picture_credits"),
        clause_end=re.compile(rf"[,;:()]|\s(?:{alternation(words('contrast_openers'))})\s", re.I),
        locative=words("locative_prepositions"),
        title_of=re.compile(
            rf"\b{alternation(words('titles'))}\s+(?:of|at|for)\s+(?:the\s+)?\Z", re.IGNORECASE
        ),
    )


@lru_cache(maxsize=8)
def triggers(w: AttributionWords) -> frozenset[str]:
    """The words (lower-cased, as written) every attribution but "according to" needs
    one of: a saying, recording or object verb, or a data noun ("figures", "AFP's")."""
    nouns = w.data_nouns | {f"{n}{s}" for n in w.data_nouns for s in ("'s", "’s")}
    marks = w.official | w.unofficial | w.passive_verbs
    return w.saying | w.recording | w.object_verbs | nouns | marks
