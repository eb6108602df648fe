"""The binding vocabulary: the lists of ``data/en/binding.txt`` compiled into the
patterns :class:`claimrec.read.binding.WindowBinder` reads a page with, once per lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimrec._text import alternation, longest_first
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.window import WindowMatch

__all__ = ["BindingWords", "binding_words"]

_WORDS = r"(?:[\w’'-]+\s+)"


@dataclass(frozen=True, slots=True, eq=False)
class BindingWords:
    """The lists of binding.txt, compiled once per lexicon."""

    events: dict[str, str]  # event noun -> "day" | "disaster" | "ongoing"
    period_opener: re.Pattern[str]
    saying_after: re.Pattern[str]  # "… on Sunday evening said"
    clause_join: re.Pattern[str]  # ", and the …" in the gap to a later time
    standing: re.Pattern[str]
    saying_before: re.Pattern[str]  # "said Wednesday …"
    possessive: re.Pattern[str]  # after a time: "'s general strike"
    attributive: re.Pattern[str]  # after a time: " quake" (after a determiner)
    determiner_before: re.Pattern[str]
    noun_before: re.Pattern[str]  # "the tremor " before a time
    verb_before: re.Pattern[str]  # "that hit the province " before a time
    noun_anywhere: re.Pattern[str]
    when_after: re.Pattern[str]  # ", when the conflict erupted"
    in_event_after: re.Pattern[str]  # " in a major rally"
    day_words: re.Pattern[str]
    comparison: re.Pattern[str]
    superlative: re.Pattern[str]
    reporting_lead: re.Pattern[str]
    as_of_lead: re.Pattern[str]
    level_verb: re.Pattern[str]
    rolling: re.Pattern[str]
    anaphora: re.Pattern[str]
    properties: re.Pattern[str]
    since_began: re.Pattern[str]  # "since the war began " before a time
    reference: re.Pattern[str]  # "since the war", "in the first hours after the quake"
    after_units: dict[str, str]
    numbers: dict[str, int]

    def dated_noun(
        self, text: str, w: WindowMatch, floor: int, before: str, after: str, *, near: int
    ) -> tuple[str | None, bool]:
        """The event noun a time expression dates ("Friday's general strike", "the
        October 8 quake", "the tremor on Sunday", "the quake that hit … Sunday", "…
        on Sunday in a major rally"), and whether it dates only the event (not
        "since April 15, when the conflict erupted" nor "died in the floods last
        week": those are the figure's too)."""
        words, opener = self, self.period_opener.match(w.text)
        m = words.possessive.match(after)
        if m is None and not opener and words.determiner_before.search(before):
            m = words.attributive.match(after)
        if m is not None:
            return m["noun"], True
        if not opener and (m := words.noun_before.search(before)) is not None:
            return m["noun"], False  # "died in the floods last week": the deaths' time too
        if words.verb_before.search(before):
            lo = max(floor, w.start - 2 * near)
            named = _last(words.noun_anywhere, text, lo, w.start)
            if named is not None:
                return named, True
        if (m := words.when_after.match(after)) is not None:
            return m["noun"], False
        if (m := words.in_event_after.match(after)) is not None:
            return m["noun"], True
        return None, True


@per_lexicon
def binding_words(lexicon: Lexicon) -> BindingWords:
    """The binding vocabulary of ``lexicon``, compiled."""
    events = {
        k: v
        for k, v in lexicon.table("binding_events").items()
        if v in ("day", "disaster", "ongoing")
    }
    months = lexicon.words("months")
    noun = _nouns(events, months)
    det = alternation(lexicon.words("binding_determiners"))
    verbs = alternation(lexicon.words("binding_event_verbs"))
    saying = alternation(lexicon.words("binding_saying_after"))
    units = lexicon.table("binding_after_units")
    numbers = dict(lexicon.numbers("small_numbers"))
    flags = re.IGNORECASE
    return BindingWords(
        events=events,
        period_opener=re.compile(rf"\s*{alternation(lexicon.words('period_openers'))}\b", flags),
        saying_after=re.compile(rf"\s+(?:[a-z]+\s+)?{saying}\b", flags),
        clause_join=re.compile(
            rf"[,;)\]]\s*{alternation(lexicon.words('binding_clause_joins'))}"
            rf"(?:\s*,|\s+(?:{det}|{alternation(lexicon.words('pronouns') | {'it', 'we'})})\b)",
            flags,
        ),
        standing=re.compile(rf"\b{alternation(lexicon.words('binding_standing_words'))}\b", flags),
        saying_before=re.compile(rf"\b{saying}\s+(?:on\s+)?$", flags),
        **_event_nouns(lexicon, events, det),
        comparison=re.compile(lexicon.regex("binding_comparison"), flags),
        superlative=re.compile(
            rf"\b{det}\s+(?:[\w-]+\s+)?"
            rf"{alternation(lexicon.words('binding_superlatives'))}\s+{_WORDS}{{0,6}}$",
            flags,
        ),
        reporting_lead=re.compile(lexicon.regex("binding_reporting_leads"), flags),
        as_of_lead=re.compile(lexicon.regex("binding_as_of_leads"), flags),
        level_verb=re.compile(lexicon.regex("binding_level_verbs"), flags),
        rolling=re.compile(
            rf"\b{alternation(lexicon.words('rolling_words'))}\s+\S+\s+"
            rf"{alternation(lexicon.words('duration_units'))}",
            flags,
        ),
        anaphora=re.compile(lexicon.regex("binding_anaphora"), flags),
        properties=re.compile(
            rf"\b{alternation(lexicon.words('binding_event_properties'))}\b", flags
        ),
        **_references(lexicon, noun, det, verbs),
        after_units=units,
        numbers=numbers,
    )


def _event_nouns(lexicon: Lexicon, events: dict[str, str], det: str) -> dict[str, re.Pattern[str]]:
    """The patterns that find the event noun around a time ("Friday's general strike",
    "the tremor on Sunday") and the words that name a day's event."""
    months = lexicon.words("months")
    noun = _nouns(events, months)
    verbs = alternation(lexicon.words("binding_event_verbs"))
    prepositions = alternation(lexicon.words("binding_event_prepositions"))
    day_nouns = _nouns({k: v for k, v in events.items() if v == "day"}, months)
    day = _grouped(lexicon.words("binding_day_words"))
    flags = re.IGNORECASE
    return {
        "possessive": re.compile(rf"['’]s\s+{_WORDS}{{0,3}}?(?P<noun>{noun})\b", flags),
        "attributive": re.compile(rf"\s+{_WORDS}{{0,2}}?(?P<noun>{noun})\b", flags),
        "determiner_before": re.compile(rf"\b{det}\s+{_WORDS}{{0,2}}$", flags),
        "noun_before": re.compile(
            rf"\b(?:{det}|[\w]+['’]s)\s+(?:[\w.,’'-]+\s+){{0,2}}?"
            rf"(?P<noun>{noun})\s+$",
            flags,
        ),
        "verb_before": re.compile(rf"\b(?:{verbs})\s+{_WORDS}{{0,4}}$", flags),
        "noun_anywhere": re.compile(rf"\b(?P<noun>{noun})\b", flags),
        "when_after": re.compile(
            rf",?\s+when\s+(?:the\s+)?{_WORDS}{{0,2}}?(?P<noun>{noun})\s+(?:{verbs})\b", flags
        ),
        "in_event_after": re.compile(
            rf"\s+{prepositions}\s+{det}\s+{_WORDS}{{0,3}}?"
            rf"(?P<noun>{day_nouns})\b",
            flags,
        ),
        "day_words": re.compile(
            rf"\b(?:{day_nouns}|{day})\b|{lexicon.regex('binding_day_phrases')}"
            rf"|[#@]\w*?{day_nouns}",
            flags,
        ),
    }


def _references(lexicon: Lexicon, noun: str, det: str, verbs: str) -> dict[str, re.Pattern[str]]:
    """ "since the war began", "in the first hours after the quake": an event as a start."""
    edges = alternation(lexicon.words("binding_event_edges"))
    units = lexicon.table("binding_after_units")
    count = alternation(set(lexicon.numbers("small_numbers")) | {"few", "first", "next"})
    flags = re.IGNORECASE
    return {
        "since_began": re.compile(
            rf"\bsince\s+(?:the\s+)?{_WORDS}{{0,2}}?(?P<noun>{noun})\s+(?:{verbs})"
            rf"(?:\s+(?:on|in))?\s*$",
            flags,
        ),
        "reference": re.compile(
            rf"\b(?:in\s+the\s+(?P<count>{count}|\d{{1,3}})\s+"
            rf"(?:(?P<count2>{count}|\d{{1,3}})\s+)?(?P<unit>{alternation(units)})\s+"
            rf"(?:after|following|since)|since)\s+"
            rf"(?:(?:the\s+)?(?:{edges})\s+of\s+)?"
            rf"(?:{det}\s+|(?:(?-i:[A-Z])[\w’'-]*\s+){{1,3}}"
            rf"(?:{verbs}|invaded)\s+(?:the\s+|its\s+)?)?"
            rf"{_WORDS}{{0,2}}?(?P<noun>{noun})\b",
            flags,
        ),
    }


def _grouped(phrases: Iterable[str]) -> str:
    """An alternation of literal phrases grouped by first letter (so that a scan tries
    a few branches per word, not all of them), longest first within a group."""
    groups: dict[str, list[str]] = {}
    for phrase in longest_first(p.lower() for p in phrases):
        groups.setdefault(phrase[0], []).append(phrase)
    if not groups:
        return "(?!)"
    branches = [
        re.escape(first) + alternation(p[1:] for p in group)
        for first, group in sorted(groups.items())
    ]
    return "(?:" + "|".join(branches) + ")"


def _nouns(events: dict[str, str], months: frozenset[str]) -> str:
    """An alternation of event nouns; one that is also a month is read in lower case."""
    plain = _grouped(k for k in events if k not in months)
    homographs = [k for k in events if k in months]
    if not homographs:
        return plain
    return f"(?:{plain}|(?-i:{alternation(homographs)}))"


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> str | None:
    """The noun of the last match of ``pattern`` in ``text[start:end]``."""
    found = None
    for m in pattern.finditer(text, start, end):
        found = m["noun"]
    return found
