"""Attribution: who gave a figure, from the words of its sentence.

A source is a *noun phrase* read by a small grammar whose words are the
lexicon's attribution.txt: names (capitalised words, joined by "of", "and",
"&"), described sources headed by a source noun ("police", "local
authorities", "an aid-agency spokesperson", "the study"), and
"<organisation> <title> <person>" ("Interior Ministry spokeswoman Ann Doe").
The phrase is attributed by one of these rules (``RULES``, name → reader):

* ``subject``: the phrase before a saying or recording verb, over auxiliaries
  and a relative clause ("the union has also reported", "X, who …, said");
  "he/she/they/it said" is the last source named;
* ``inverted``: '…," said X' and '…, said X, director of Y';
* ``passive``: "… were reported by X";
* ``according``: "according to X", "according to figures from X";
* ``possessive``: "X's figures", "organizers' estimates", "an X tally";
* ``data``: "figures from X", "data collected by X".

A phrase the reporter table knows resolves to its canonical name; one that
holds a known name resolves to it; any other phrase is kept as written
(compared by :func:`claimrec.reporter.reporter_key`). The relaying outlet is
never the reporter, unless the text marks the figure as the outlet's own ("an
AFP tally").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, ReporterMatch, ReporterTable, reporter_key, resolve_reporter

__all__ = [
    "RULES",
    "Attribution",
    "AttributionWords",
    "Attributor",
    "Speakers",
    "attribution_words",
    "choose_attribution",
    "quote_attribution",
]

#: The rules an attribution can come from, in the order a sentence is read.
RULES: tuple[str, ...] = ("subject", "inverted", "passive", "according", "possessive", "data")

_MAX_PHRASE = 10  # words in one source phrase
_MAX_UNKNOWN = 2  # unknown lower-case words in a row inside a phrase ("relief operations")


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
    appositive: re.Pattern[str]  # ", director of (the)"
    abbreviation_gap: re.Pattern[str]
    unnamed: re.Pattern[str]  # "is believed to": a source left unnamed on purpose
    joining_gap: re.Pattern[str]


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
    return AttributionWords(
        saying=words("saying"),
        recording=words("recording"),
        auxiliaries=words("auxiliaries"),
        pronouns=words("pronouns"),
        name_stop=words("name_stop") | times,
        heads=words("source_heads") | words("titles"),
        modifiers=words("source_words") | words("source_modifiers"),
        determiners=words("source_determiners"),
        connectors=words("source_connectors"),
        titles=words("titles"),
        data_nouns=words("source_nouns"),
        data_modifiers=words("source_modifiers"),
        object_verbs=words("object_verbs"),
        raised=re.compile(
            rf"\s+(?:{alternation(opening)}\s+){{0,2}}(?:[\w'’\-]+\s+){{0,2}}?"
            rf"{alternation(words('raised_nouns'))}\b",
            re.I,
        ),
        anaphoric=words("anaphoric_heads"),
        according=re.compile(r"\baccording\s+to\s+", re.IGNORECASE),
        data_link=re.compile(rf"\s+{alternation(words('data_links'))}\s+", re.IGNORECASE),
        by=re.compile(r"\s+by\s+", re.IGNORECASE),
        relative=re.compile(
            rf",\s+{alternation(words('relative_openers'))}\b[^,;:]{{0,200}},\s*$", re.IGNORECASE
        ),
        appositive=re.compile(
            rf",\s+(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){{0,8}}?{prepositions}\s+(?:the\s+)?",
            re.IGNORECASE,
        ),
        abbreviation_gap=re.compile(r"\.\s+\Z"),
        unnamed=re.compile(lexicon.regex("unnamed_source"), re.IGNORECASE),
        joining_gap=re.compile(r"\s+\Z|\s*&\s*\Z|['’]\s+\Z"),
    )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution in a sentence: ``text[start:end]`` is the evidence
    ("the union said", "according to the Health Ministry")."""

    start: int  # span of the whole attribution: source and verb
    end: int
    verb_start: int
    verb_end: int
    reporter: Reporter
    saying: bool  # a saying verb (reporting time) rather than a recording verb
    rule: str = "subject"


# Kinds of word in a source phrase.
_NAME, _HEAD, _MODIFIER, _CONNECTOR, _DETERMINER, _STOP, _OTHER = range(7)


def _base(lower: str) -> str:
    if lower.endswith(("'s", "’s")):
        return lower[:-2]
    return lower


class Speakers:
    """Who has been named so far: people mapped to their organisation, and the last speaker."""

    def __init__(self, table: ReporterTable | None, outlet: str | None) -> None:
        self.table = table
        self.outlet_key = reporter_key(outlet) if outlet else None
        self.people: dict[str, Reporter] = {}
        self.history: list[Reporter] = []  # sources named, in order
        self.last: Reporter | None = None

    def is_outlet(self, reporter: Reporter) -> bool:
        if not self.outlet_key:
            return False
        keys = {reporter_key(reporter.name), reporter_key(reporter.as_written or reporter.name)}
        return self.outlet_key in keys

    def remember(self, name: str, organisation: Reporter) -> None:
        words = name.split()
        self.people[reporter_key(name)] = organisation
        if len(words) >= 2:
            self.people[reporter_key(words[-1])] = organisation

    def known(self, name: str) -> Reporter | None:
        return self.people.get(reporter_key(name))


@lru_cache(maxsize=8)
def _triggers(w: AttributionWords) -> frozenset[str]:
    """The words (lower-cased, as written) every attribution but "according to" needs
    one of: a saying, recording or object verb, or a data noun ("figures", "AFP's")."""
    nouns = w.data_nouns | {f"{n}{s}" for n in w.data_nouns for s in ("'s", "’s")}
    return w.saying | w.recording | w.object_verbs | nouns


class Attributor:
    """Finds attributions sentence by sentence, remembering speakers in document order."""

    def __init__(
        self,
        text: str,
        matches: list[ReporterMatch],
        speakers: Speakers,
        words: AttributionWords,
    ) -> None:
        self.text = text
        self.words = words
        self.matches = matches
        self.starts = [m.start for m in matches]
        self.ends = sorted((m.end, i) for i, m in enumerate(matches))
        self.end_keys = [e for e, _ in self.ends]
        self.speakers = speakers
        self._kinds: dict[str, int] = {}
        self._triggers = _triggers(words)

    # --- the phrase grammar -----------------------------------------------------------

    def kind(self, word: str) -> int:
        known = self._kinds.get(word)
        if known is not None:
            return known
        w = self.words
        lower = word.lower()
        base = _base(lower)
        if lower in w.connectors:
            kind = _CONNECTOR
        elif lower in w.determiners:
            kind = _DETERMINER
        elif lower in w.name_stop or base in w.name_stop or not word[:1].isalpha():
            kind = _STOP
        elif word[:1].isupper():
            kind = _NAME
        elif base in w.heads:
            kind = _HEAD
        elif base in w.modifiers or base != lower:
            kind = _MODIFIER
        else:
            kind = _OTHER
        self._kinds[word] = kind
        return kind

    def _joins(self, gap: str, word: str) -> bool:
        """May ``word`` and the next word of a phrase be separated by ``gap``?"""
        if not gap:
            return False
        if self.words.joining_gap.match(gap):
            return not gap.lstrip().startswith(("'", "’")) or word.lower().endswith("s")
        # "Maj. Gen. Farooq", "U.S. officials": a short capitalised abbreviation.
        return bool(
            self.words.abbreviation_gap.match(gap)
            and word[:1].isupper()
            and (len(word) <= 4 or "." in word)
        )

    def match_ending(self, end: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.end_keys, end)
        if i < len(self.end_keys) and self.end_keys[i] == end:
            return self.matches[self.ends[i][1]]
        return None

    def match_covering(self, position: int) -> ReporterMatch | None:
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.matches[i].start < position < self.matches[i].end:
            return self.matches[i]
        return None

    def phrase_before(self, end: int, floor: int) -> tuple[int, int] | None:
        """The source phrase ending at ``end`` (its last word a name or a source noun);
        a known name is one unit ("the U.N. Mission in Ukraine said")."""
        text = self.text
        known = self.match_ending(end)
        if known is not None and known.start >= floor:
            return known.start, end
        words = _words(text, max(floor, end - 200), end)
        if not words or text[words[-1][2] : end].strip():
            return None
        taken: list[tuple[int, int, int]] = []  # (start, end, kind), right to left
        position = end
        unknown = 0
        for word, start, stop in reversed(words):
            if taken and not self._joins(text[stop:position], word):
                break
            kind = self.kind(word)
            if kind in (_DETERMINER, _STOP) or len(taken) >= _MAX_PHRASE:
                break
            if not taken and kind not in (_NAME, _HEAD):
                return None
            unknown = unknown + 1 if kind == _OTHER else 0
            if unknown > _MAX_UNKNOWN:
                break
            taken.append((start, stop, kind))
            position = start
        while taken and taken[-1][2] in (_OTHER, _CONNECTOR):
            taken.pop()
        if not taken:
            return None
        left = taken[-1][0]
        covering = self.match_covering(left)
        if covering is not None and covering.start >= floor:
            left = covering.start
        return left, taken[0][1]

    def phrase_after(self, start: int, ceiling: int) -> tuple[int, int] | None:
        """The source phrase starting at ``start`` (determiners skipped)."""
        text = self.text
        words = _words(text, start, min(ceiling, start + 200))
        taken: list[tuple[int, int, int]] = []
        position = start
        unknown = 0
        for word, w_start, stop in words:
            gap = text[position:w_start]
            if gap.strip() and not (taken and self._joins(gap, text[taken[-1][0] : taken[-1][1]])):
                break
            kind = self.kind(word)
            if kind == _DETERMINER and not taken:
                position = stop
                continue
            if kind in (_DETERMINER, _STOP) or len(taken) >= _MAX_PHRASE:
                break
            unknown = unknown + 1 if kind == _OTHER else 0
            if unknown > _MAX_UNKNOWN or (kind == _OTHER and not taken):
                break
            taken.append((w_start, stop, kind))
            position = stop
        while taken and taken[-1][2] not in (_NAME, _HEAD):
            taken.pop()
        if not taken:
            return None
        return taken[0][0], taken[-1][1]

    # --- from a phrase to a reporter --------------------------------------------------

    def known_inside(self, start: int, end: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.matches) and self.matches[i].end <= end:
            return self.matches[i]
        return None

    def reporter_of(self, start: int, end: int) -> Reporter | None:
        """The reporter a phrase names: known, an organisation before a title, or as written."""
        text, w = self.text, self.words
        phrase = text[start:end]
        known = self.known_inside(start, end)
        if known is not None:
            if known.start > start or known.end < end:
                self.remember_person(known.end, end, known.reporter)
            return known.reporter
        words = _words(text, start, end)
        lowers = [_base(word.lower()) for word, _, _ in words]
        if all(lower in w.data_nouns or lower in w.data_modifiers for lower in lowers):
            if all(lower in w.data_nouns for lower in lowers):
                return None  # "the figures": no source named
            return resolve_reporter(phrase, table=self.speakers.table)  # "official figures"
        for i, lower in enumerate(lowers):
            if lower not in w.titles:
                continue
            person_at = next(
                (j for j in range(i + 1, len(words)) if self.kind(words[j][0]) == _NAME), None
            )
            if i == 0 or person_at is None:
                break
            organisation = self._organisation(words[:i])
            person = text[words[person_at][1] : end]
            if organisation is None:  # "Finance Minister Jane Roe": the person
                reporter = self.speakers.known(person) or resolve_reporter(
                    person, table=self.speakers.table
                )
            else:
                reporter = organisation
            self.speakers.remember(person, reporter)
            return reporter
        remembered = self.speakers.known(phrase)
        if remembered is not None:
            return remembered
        return resolve_reporter(phrase, table=self.speakers.table)

    def _organisation(self, words: Sequence[tuple[str, int, int]]) -> Reporter | None:
        """The organisation words before a title, when they name one ("LAPD", "Interior
        Ministry"); not a place or a field alone ("Boston", "Finance")."""
        w = self.words
        while words and self.kind(words[0][0]) in (_CONNECTOR, _OTHER):
            words = words[1:]
        if not words:
            return None
        text = self.text[words[0][1] : words[-1][2]]
        reporter = resolve_reporter(text, table=self.speakers.table)
        if reporter.resolved:
            return reporter
        has_head = any(_base(word.lower()) in w.heads - w.titles for word, _, _ in words)
        acronym = len(words) == 1 and words[0][0].isupper() and len(words[0][0]) >= 2
        return reporter if has_head or acronym else None

    def remember_person(self, start: int, end: int, organisation: Reporter) -> None:
        # "Amnesty International researcher Jane Roe": Jane Roe speaks for Amnesty.
        names = [word for word, _, _ in _words(self.text, start, end) if word[:1].isupper()]
        if names:
            self.speakers.remember(" ".join(names), organisation)

    def organisation_after(self, end: int, ceiling: int) -> Reporter | None:
        """The organisation of an appositive: "Veronika Velch, director of Amnesty …"."""
        m = self.words.appositive.match(self.text, end, ceiling)
        if m is None:
            return None
        phrase = self.phrase_after(m.end(), ceiling)
        if phrase is None:
            return None
        return self.reporter_of(*phrase)

    # --- the rules --------------------------------------------------------------------

    def subject(self, verb_start: int, floor: int) -> tuple[int, Reporter] | None:
        """The source named before a verb, over auxiliaries and a relative clause."""
        text, w = self.text, self.words
        words = _words(text, max(floor, verb_start - 300), verb_start)
        position = verb_start
        skipped = 0
        while words and skipped < 3:
            word, start, stop = words[-1]
            if text[stop:position].strip() or word.lower() not in w.auxiliaries:
                break
            words.pop()
            position = start
            skipped += 1
        gap = text[max(floor, position - 250) : position]
        relative = w.relative.search(gap)
        if relative is not None:  # "Shevchenko, who spent …, spoke"
            position = position - len(gap) + relative.start()
            words = _words(text, max(floor, position - 200), position)
        if words and not text[words[-1][2] : position].strip():
            last_word = words[-1][0].lower()
            if last_word in w.pronouns:
                if self.speakers.last is not None:
                    return words[-1][1], self.speakers.last  # "he said": the last source
                return None
        tight = position
        while tight > floor and text[tight - 1].isspace():
            tight -= 1
        if tight > floor and text[tight - 1] in ")]":  # "the Doctors' Committee (CCSD) said"
            bracket = "(" if text[tight - 1] == ")" else "["
            opening = text.rfind(bracket, max(floor, tight - 40), tight)
            if opening > floor:
                phrase = self.phrase_before(text[:opening].rstrip().__len__(), floor)
                if phrase is not None:
                    reporter = self.reporter_of(phrase[0], tight)
                    return (phrase[0], reporter) if reporter is not None else None
        if tight > floor and text[tight - 1] == ",":  # "Ukraine's president, Jane Roe, wrote"
            return self.appositive_subject(tight - 1, floor)
        phrase = self.phrase_before(tight, floor)
        if phrase is None:
            return None
        reporter = self.anaphor(*phrase) or self.reporter_of(*phrase)
        return (phrase[0], reporter) if reporter is not None else None

    def appositive_subject(self, comma: int, floor: int) -> tuple[int, Reporter] | None:
        """ "A, B, said": A described by B (or B by A); the name of the two is the source."""
        text = self.text
        second = self.phrase_before(comma, floor)
        if second is None:
            return None
        before = text[max(floor, second[0] - 3) : second[0]]
        if not before.rstrip().endswith(","):
            return None
        first_end = text.rfind(",", floor, second[0])
        first = self.phrase_before(first_end, floor) if first_end > floor else None
        names = [self.kind(word) == _NAME for word, _, _ in _words(text, *second)]
        if first is None:
            # "The country's head of relief operations, Jane Roe, said": a description
            # the grammar cannot read, then a name: the name is the source.
            if not all(names) or first_end <= floor:
                return None
            named = self.reporter_of(*second)
            return (second[0], named) if named is not None else None
        person, described = (second, first) if all(names) else (first, second)
        reporter = self.reporter_of(*person)
        if reporter is None:
            return None
        if not reporter.resolved:
            organisation = self.reporter_of(*described)
            if organisation is not None and organisation.resolved:
                reporter = organisation
        self.speakers.remember(text[person[0] : person[1]], reporter)
        return first[0], reporter

    def anaphor(self, start: int, end: int) -> Reporter | None:
        """ "the union said" after "the Doctors' Union (DU)": the source named before."""
        text = self.text
        words = _words(text, start, end)
        if len(words) != 1 or self.kind(words[0][0]) != _HEAD:
            return None
        before = _words(text, max(0, start - 6), start)
        if not before or before[-1][0].lower() != "the":
            return None
        head = words[0][0].lower()
        stem = head[:-1] if head.endswith("s") and len(head) > 3 else head
        for reporter in reversed(self.speakers.history):
            if stem in reporter_key(reporter.as_written or reporter.name).split() or any(
                word.startswith(stem) for word in reporter_key(reporter.name).split()
            ):
                return reporter
        if head in self.words.anaphoric and self.speakers.last is not None:
            return self.speakers.last
        return None

    def after_verb(self, verb_end: int, ceiling: int) -> tuple[int, Reporter] | None:
        """Inverted order: '…," said Veronika Velch, director of Amnesty International.'"""
        phrase = self.phrase_after(verb_end, ceiling)
        if phrase is None:
            return None
        start, end = phrase
        words = _words(self.text, start, end)
        organisation = None
        if all(self.kind(word) == _NAME for word, _, _ in words):
            organisation = self.organisation_after(end, ceiling)
        if organisation is not None:
            self.speakers.remember(self.text[start:end], organisation)
            return end, organisation
        reporter = self.reporter_of(start, end)
        return (end, reporter) if reporter is not None else None

    def source_after(self, position: int, ceiling: int) -> tuple[int, Reporter] | None:
        """The source after "according to" / "by": a phrase, and for data ("figures from
        X", "data collected by X") the source of the data."""
        phrase = self.phrase_after(position, ceiling)
        if phrase is None:
            return None
        start, end = phrase
        last = self.text[start:end].split()[-1].lower()
        if _base(last) in self.words.data_nouns:
            link = self.words.data_link.match(self.text, end, ceiling)
            if link is not None:
                further = self.phrase_after(link.end(), ceiling)
                if further is not None:
                    start, end = further
        reporter = self.reporter_of(start, end)
        return (end, reporter) if reporter is not None else None

    def possessives(self, start: int, end: int) -> list[Attribution]:
        """ "X's figures", "organizers' estimates", "an AFP tally", "figures from X"."""
        text, w = self.text, self.words
        found: list[Attribution] = []
        words = _words(text, start, end)
        for i, (word, w_start, w_end) in enumerate(words):
            if _base(word.lower()) not in w.data_nouns or (word[:1].isupper() and i > 0):
                continue
            j = i - 1
            while j >= 0 and words[j][0].lower() in w.data_modifiers:
                j -= 1
            if j >= 0 and not text[words[j][2] : words[j + 1][1] if j + 1 < i else w_start].strip(
                " '’"
            ):
                owner, _, o_end = words[j]
                possessive = owner.lower().endswith(("'s", "’s")) or text[o_end : o_end + 1] in (
                    "'",
                    "’",
                )
                if possessive or self.kind(owner) == _NAME:
                    stop = o_end - 2 if owner.lower().endswith(("'s", "’s")) else o_end
                    phrase = self.phrase_before(stop, start)
                    if phrase is not None and not possessive and not self.opens(phrase[0], start):
                        phrase = None  # "… by Russia report": not "an AFP tally"
                    if phrase is not None:
                        reporter = self.reporter_of(*phrase)
                        if reporter is not None:
                            found.append(
                                Attribution(
                                    phrase[0], w_end, w_start, w_end, reporter, False, "possessive"
                                )
                            )
                            continue
            link = w.data_link.match(text, w_end, end)
            if link is not None and link.group().strip().lower() != "of":
                source = self.source_after(link.end(), end)
                if source is not None:
                    stop, reporter = source
                    found.append(
                        Attribution(w_start, stop, w_start, w_end, reporter, False, "data")
                    )
        return found

    def is_noun(self, words: Sequence[tuple[str, int, int]], i: int) -> bool:
        """Is the verb-like word at ``i`` a noun here ("official estimates of", "the
        reports", "United States")?"""
        word, start, _ = words[i]
        if word[:1].isupper() and i > 0:
            return True
        lower = word.lower()
        w = self.words
        if lower not in w.data_nouns and lower not in w.heads:
            return False
        if i + 1 < len(words) and words[i + 1][0].lower() == "of":
            return True
        if i == 0:
            return False
        previous = words[i - 1][0]
        before = previous.lower()
        return (
            before in w.determiners
            or before in w.data_modifiers
            or before.endswith(("'s", "’s"))
            or self.text[words[i - 1][2] : start].strip() in ("'", "’")
        )

    def opens(self, position: int, floor: int) -> bool:
        """Does a noun phrase open at ``position`` (sentence start or a determiner)?"""
        before = _words(self.text, max(floor, position - 12), position)
        if not before or self.text[floor:position].strip() == "":
            return True
        return self.kind(before[-1][0]) == _DETERMINER

    def leaves_unnamed(self, start: int, end: int) -> bool:
        """Does the sentence say its source is unnamed ("is believed to")?"""
        return self.words.unnamed.search(self.text, start, end) is not None

    def sentence(self, start: int, end: int) -> list[Attribution]:
        text, w = self.text, self.words
        found: list[Attribution] = []
        words = _words(text, start, end)
        if self._triggers.isdisjoint(map(str.lower, map(itemgetter(0), words))) and (
            w.according.search(text, start, end) is None
        ):
            return found  # no word an attribution starts from (most sentences)
        for i, (word, w_start, w_end) in enumerate(words):
            lower = word.lower()
            saying = lower in w.saying
            if not saying and lower not in w.recording:
                if lower in w.object_verbs:
                    alarm = w.raised.match(text, w_end, end)
                    if alarm is None:
                        continue
                    w_end, saying = alarm.end(), True
                else:
                    continue
            if self.is_noun(words, i):
                continue
            by = w.by.match(text, w_end, end)
            if by is not None:  # "… were reported by X"
                source = self.source_after(by.end(), end)
                if source is not None:
                    e, reporter = source
                    found.append(
                        Attribution(w_start, e, w_start, w_end, reporter, saying, "passive")
                    )
                continue
            subject = self.subject(w_start, start)
            if subject is not None:
                s, reporter = subject
                found.append(Attribution(s, w_end, w_start, w_end, reporter, saying))
                continue
            before = text[max(start, w_start - 40) : w_start].rstrip()
            if saying and (not before or before[-1] in ',"”'):
                inverted = self.after_verb(w_end, end)
                if inverted is not None:
                    e, reporter = inverted
                    found.append(
                        Attribution(w_start, e, w_start, w_end, reporter, saying, "inverted")
                    )
        for m in w.according.finditer(text, start, end):
            source = self.source_after(m.end(), end)
            if source is not None:
                stop, reporter = source
                found.append(
                    Attribution(m.start(), stop, m.start(), m.end(), reporter, True, "according")
                )
        found += self.possessives(start, end)
        kept = [
            a
            for a in found
            if a.rule in ("possessive", "data") or not self.speakers.is_outlet(a.reporter)
        ]
        kept.sort(key=lambda a: (a.start, -a.end))
        kept = [  # an attribution inside another ("according to X's report") is part of it
            a
            for i, a in enumerate(kept)
            if not any(b.start <= a.start and a.end <= b.end for b in kept[:i])
        ]
        for a in kept:
            self.speakers.last = a.reporter
            if not self.speakers.history or self.speakers.history[-1] != a.reporter:
                self.speakers.history.append(a.reporter)
        return kept


# --- which attribution a figure takes --------------------------------------------------


def choose_attribution(
    start: int, end: int, attributions: Sequence[Attribution], quoted: Attribution | None
) -> Attribution | None:
    """The attribution of the figure at ``start:end`` among its sentence's: the speaker
    of the quote it is in, else the nearest attribution before it, else the first after."""
    if quoted is not None:
        return quoted
    before = [a for a in attributions if a.verb_end <= start and a.start < start]
    if before:
        return before[-1]
    after = [a for a in attributions if a.start >= end]
    if after:
        return after[0]
    return attributions[0] if attributions else None


def quote_attribution(
    quote: tuple[int, int],
    sentence_starts: Sequence[int],
    attributions: Sequence[Sequence[Attribution]],
) -> Attribution | None:
    """The speaker of a quoted passage: named right after it, else right before it."""
    start, end = quote
    index = bisect.bisect_right(sentence_starts, end) - 1
    if index >= 0:
        for a in attributions[index]:
            if a.start >= end and a.start - end <= 40:
                return a
    index = bisect.bisect_right(sentence_starts, start) - 1
    if index >= 0:
        before = [a for a in attributions[index] if a.end <= start and start - a.end <= 40]
        if before:
            return before[-1]
    return None


def inherit_attributions(
    figures: Sequence[tuple[int, bool, Attribution | None]],
    unnamed: Sequence[bool] | None = None,
) -> list[Attribution | None]:
    """The attribution each figure takes when its own sentence names no source.

    ``figures`` are (paragraph, is headline, own attribution) in document order;
    ``unnamed`` marks figures whose sentence leaves its source unnamed on purpose
    ("is believed to"), which are never given one.
    When the article's attributed figures all come from one source, every
    unattributed figure takes that source (an article built on one release: "the
    agency said …", then its figures). Otherwise an unattributed
    figure stays unattributed: a source is never carried over to a sentence that
    does not name one.
    """
    given: list[Attribution | None] = [a for _, _, a in figures]
    sources = {reporter_key(a.reporter.name) for a in given if a is not None}
    attributed = sum(a is not None for a in given)
    if len(sources) == 1 and attributed >= 1:
        only = next(a for a in given if a is not None)
        hedged = unnamed if unnamed is not None else [False] * len(given)
        return [a if a is not None or h else only for a, h in zip(given, hedged, strict=True)]
    return given
