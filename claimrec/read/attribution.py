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

from collections.abc import Sequence
from operator import itemgetter

from claimrec.read.attribution_choice import (
    Attribution,
    choose_attribution,
    inherit_attributions,
    quote_attribution,
)
from claimrec.read.source_phrases import DETERMINER, NAME, base
from claimrec.read.source_reader import SourceReader, Speakers
from claimrec.read.source_words import AttributionWords, attribution_words, triggers
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, ReporterMatch

__all__ = [
    "RULES",
    "Attribution",
    "AttributionWords",
    "Attributor",
    "Speakers",
    "attribution_words",
    "choose_attribution",
    "inherit_attributions",
    "quote_attribution",
]

#: The rules an attribution can come from, in the order a sentence is read.
RULES: tuple[str, ...] = ("subject", "inverted", "passive", "according", "possessive", "data")


class Attributor(SourceReader):
    """Finds attributions sentence by sentence, remembering speakers in document order."""

    def __init__(
        self,
        text: str,
        matches: list[ReporterMatch],
        speakers: Speakers,
        words: AttributionWords,
    ) -> None:
        super().__init__(text, matches, speakers, words)
        self._triggers = triggers(words)

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
        names = [self.kind(word) == NAME for word, _, _ in _words(text, *second)]
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

    def after_verb(self, verb_end: int, ceiling: int) -> tuple[int, Reporter] | None:
        """Inverted order: '…," said Veronika Velch, director of Amnesty International.'"""
        phrase = self.phrase_after(verb_end, ceiling)
        if phrase is None:
            return None
        start, end = phrase
        words = _words(self.text, start, end)
        organisation = None
        if all(self.kind(word) == NAME for word, _, _ in words):
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
        if base(last) in self.words.data_nouns:
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
            if base(word.lower()) not in w.data_nouns or (word[:1].isupper() and i > 0):
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
                if possessive or self.kind(owner) == NAME:
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
        return self.kind(before[-1][0]) == DETERMINER

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
