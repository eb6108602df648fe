"""Attribution: who gave a figure, from the words of its sentence.

"X said / reported / recorded …", "according to X", "X's figures", "…, said
Veronika Velch, director of X", "he said" (the last named speaker). Known
names come from the reporter table (:func:`claimrec.reporter.find_reporters`);
the verbs and the small words around them are the lexicon's attribution.txt.
The relaying outlet is never the reporter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, ReporterMatch, ReporterTable, reporter_key, resolve_reporter

__all__ = ["Attribution", "AttributionWords", "Attributor", "Speakers", "attribution_words"]


@dataclass(frozen=True, slots=True, eq=False)
class AttributionWords:
    """The attribution lists of a lexicon, compiled (see attribution.txt)."""

    saying: frozenset[str]
    recording: frozenset[str]
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    name_stop: frozenset[str]
    raised: re.Pattern[str]  # what follows "raised" for it to be saying ("raised alarm")
    according: re.Pattern[str]
    possessive_source: re.Pattern[str]  # "'s (latest) figures"
    appositive: re.Pattern[str]  # ", director of (the)"
    relative: re.Pattern[str]  # ", who …, "


@per_lexicon
def attribution_words(lexicon: Lexicon) -> AttributionWords:
    """The attribution vocabulary of ``lexicon``, compiled once."""
    words = lexicon.words
    nouns, modifiers = alternation(words("source_nouns")), alternation(words("source_modifiers"))
    prepositions = alternation(words("appositive_prepositions"))
    return AttributionWords(
        saying=words("saying"),
        recording=words("recording"),
        auxiliaries=words("auxiliaries"),
        pronouns=words("pronouns"),
        name_stop=words("name_stop"),
        raised=re.compile(rf"\s+(?:the\s+)?{alternation(words('raised_nouns'))}\b", re.I),
        according=re.compile(r"\baccording\s+to\s+(?:the\s+)?", re.IGNORECASE),
        possessive_source=re.compile(rf"['’]s?\s+(?:{modifiers}\s+)?{nouns}\b", re.IGNORECASE),
        appositive=re.compile(
            rf",\s+(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){{0,8}}?{prepositions}\s+(?:the\s+)?",
            re.IGNORECASE,
        ),
        relative=re.compile(
            rf",\s+{alternation(words('relative_openers'))}\b[^,;:]{{0,200}},\s*$", re.IGNORECASE
        ),
    )


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # span of the whole attribution: name and verb
    end: int
    verb_start: int
    verb_end: int
    reporter: Reporter
    saying: bool  # a saying verb (reporting time) rather than a recording verb


def _is_name_word(word: str) -> bool:
    if not word[:1].isupper():
        return False
    return any(ch.islower() for ch in word) or (len(word) <= 5 and word.isalpha())


class Speakers:
    """Who has been named so far: people mapped to their organisation, and the last speaker."""

    def __init__(self, table: ReporterTable | None, outlet: str | None) -> None:
        self.table = table
        self.outlet_key = reporter_key(outlet) if outlet else None
        self.people: dict[str, Reporter] = {}
        self.last: Reporter | None = None

    def is_outlet(self, reporter: Reporter) -> bool:
        if not self.outlet_key:
            return False
        keys = {reporter_key(reporter.name), reporter_key(reporter.as_written or reporter.name)}
        return self.outlet_key in keys

    def remember(self, name: str, organisation: Reporter) -> None:
        words = name.split()
        self.people[name] = organisation
        if len(words) >= 2:
            self.people[words[-1]] = organisation

    def resolve_name(self, name: str) -> Reporter | None:
        known = self.people.get(name)
        if known is not None:
            return known
        reporter = resolve_reporter(name, table=self.table)
        if reporter.resolved or len(name.split()) >= 2:
            return reporter
        return None


def _name_run_before(
    text: str, end: int, floor: int, name_stop: frozenset[str]
) -> tuple[int, str] | None:
    """A run of capitalised words ending exactly at ``end``: a person's name."""
    words = _words(text, max(floor, end - 120), end)
    run: list[tuple[str, int, int]] = []
    position = end
    for word, start, stop in reversed(words):
        if text[stop:position].strip() or not _is_name_word(word):
            break
        run.append((word, start, stop))
        position = start
    run.reverse()
    while run and run[0][0].lower() in name_stop:
        run.pop(0)
    if not run or text[run[-1][2] : end].strip():
        return None
    return run[0][1], " ".join(word for word, _, _ in run)


def _name_run_after(text: str, start: int, ceiling: int) -> tuple[int, str] | None:
    words = _words(text, start, min(ceiling, start + 120))
    run: list[tuple[str, int, int]] = []
    position = start
    for word, s, e in words:
        if text[position:s].strip() or not _is_name_word(word):
            break
        run.append((word, s, e))
        position = e
    if not run:
        return None
    return run[-1][2], " ".join(word for word, _, _ in run)


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

    def match_ending(self, end: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.end_keys, end)
        if i < len(self.end_keys) and self.end_keys[i] == end:
            return self.matches[self.ends[i][1]]
        return None

    def match_starting(self, start: int) -> ReporterMatch | None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] == start:
            return self.matches[i]
        return None

    def organisation_after(self, end: int, ceiling: int) -> Reporter | None:
        """The organisation of an appositive: "Veronika Velch, director of Amnesty …"."""
        m = self.words.appositive.match(self.text, end, ceiling)
        if m is None:
            return None
        found = self.match_starting(m.end())
        return found.reporter if found is not None else None

    def subject(self, verb_start: int, floor: int) -> tuple[int, Reporter] | None:
        """The reporter named before a verb, over auxiliaries and short descriptions."""
        text = self.text
        words = _words(text, max(floor, verb_start - 300), verb_start)
        position = verb_start
        skipped = 0
        while words and skipped < 3:
            word, start, stop = words[-1]
            if text[stop:position].strip() or word.lower() not in self.words.auxiliaries:
                break
            words.pop()
            position = start
            skipped += 1
        gap = text[max(floor, position - 250) : position]
        relative = self.words.relative.search(gap)
        if relative is not None:  # "Shevchenko, who spent …, spoke"
            position = position - len(gap) + relative.start()
            words = _words(text, max(floor, position - 200), position)
        last = self.speakers.last
        if (
            words
            and last is not None
            and words[-1][0].lower() in self.words.pronouns
            and not text[words[-1][2] : position].strip()
        ):
            return words[-1][1], last  # "he said": the last named speaker
        tight = position
        while tight > floor and text[tight - 1].isspace():
            tight -= 1
        direct = self.match_ending(tight)
        if direct is not None:
            return direct.start, direct.reporter
        # A known name, possibly followed by a few lowercase words of description
        # ("Amnesty International international human rights organization recorded").
        end = position
        for word, start, stop in reversed(words[-7:]):
            if text[stop:end].strip():
                break
            found = self.match_ending(stop)
            if found is not None:
                return found.start, found.reporter
            lower = word.lower()
            if word[:1].isupper() or lower in self.words.saying or lower in self.words.recording:
                break
            end = start
        run = _name_run_before(text, position, floor, self.words.name_stop)
        if run is not None:
            start, name = run
            reporter = self.speakers.resolve_name(name)
            if reporter is not None:
                return start, reporter
        return None

    def after_verb(self, verb_end: int, ceiling: int) -> tuple[int, Reporter] | None:
        """Inverted order: '…," said Veronika Velch, director of Amnesty International.'"""
        text = self.text
        m = re.compile(r"\s+(?:by\s+)?(?:the\s+)?").match(text, verb_end, ceiling)
        start = m.end() if m else verb_end
        found = self.match_starting(start)
        if found is not None:
            return found.end, found.reporter
        run = _name_run_after(text, start, ceiling)
        if run is None:
            return None
        end, name = run
        organisation = self.organisation_after(end, ceiling)
        if organisation is not None:
            self.speakers.remember(name, organisation)
            return end, organisation
        reporter = self.speakers.resolve_name(name)
        return (end, reporter) if reporter is not None else None

    def sentence(self, start: int, end: int) -> list[Attribution]:
        text = self.text
        found: list[Attribution] = []
        for word, w_start, w_end in _words(text, start, end):
            lower = word.lower()
            saying = lower in self.words.saying
            if not saying and lower not in self.words.recording:
                if lower == "raised":
                    alarm = self.words.raised.match(text, w_end, end)
                    if alarm is None:
                        continue
                    w_end, saying = alarm.end(), True
                else:
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
                    found.append(Attribution(w_start, e, w_start, w_end, reporter, saying))
        for m in self.words.according.finditer(text, start, end):
            hit = self.match_starting(m.end())
            named: Reporter | None = hit.reporter if hit is not None else None
            stop = hit.end if hit is not None else m.end()
            if named is None:
                run = _name_run_after(text, m.end(), end)
                if run is not None:
                    stop, name = run
                    named = self.speakers.resolve_name(name)
            if named is not None:
                found.append(Attribution(m.start(), stop, m.start(), m.end(), named, True))
        lo = bisect.bisect_left(self.starts, start)
        for match in self.matches[lo:]:
            if match.start >= end:
                break
            if self.words.possessive_source.match(text, match.end, end):
                a = Attribution(match.start, match.end, match.end, match.end, match.reporter, False)
                found.append(a)
        kept = [a for a in found if not self.speakers.is_outlet(a.reporter)]
        kept.sort(key=lambda a: a.start)
        for a in kept:
            self.speakers.last = a.reporter
        return kept
