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
* ``data``: "figures from X", "data collected by X", "data sent to reporters by X";
* ``participle``: "…, saying …", "…, tweeting: …": the source of its clause;
* ``official``: "the official tally", "the 2% unofficial estimate": the article's
  first official source (a government, ministry, bureau, police … named before),
  or for "unofficial" the last other one;
* ``own``: "…, which would mean 11 million …": the text's own reckoning, no source;
* ``credit``: "(Via X)" closing a paragraph: X, for figures no named source gives
  (:mod:`claimrec.read.attribution_passes`, with a description named later: "a
  Chinese professor" … "university professor Jane Roe").

Between a source and its verb may stand auxiliaries ("has also"), adverbials ("on
Monday", "in a statement") and a relative clause; a figure inside that relative
clause is not what the source said. A passive after a noun without "was/were"
("the backing predicted by organizers") names the source of that noun phrase only.

A phrase the reporter table knows resolves to its canonical name; one that
holds a known name resolves to it; any other phrase is kept as written
(compared by :func:`claimrec.reporter.reporter_key`). The relaying outlet is
never the reporter, unless the text marks the figure as the outlet's own ("an
AFP tally").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from claimrec.read.attribution_choice import (
    Attribution,
    choose_attribution,
    inherit_attributions,
    quote_attribution,
)
from claimrec.read.attribution_passes import credit_lines, described_then_named
from claimrec.read.attribution_subjects import SubjectReader
from claimrec.read.source_phrases import DETERMINER, HEAD, MODIFIER, NAME, OTHER, base
from claimrec.read.source_reader import Speakers
from claimrec.read.source_words import AttributionWords, attribution_words, triggers
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, ReporterMatch

__all__ = [
    "RULES",
    "Attribution",
    "AttributionWords",
    "Attributor",
    "SentenceSpan",
    "Speakers",
    "attribution_words",
    "choose_attribution",
    "inherit_attributions",
    "quote_attribution",
]

#: The rules an attribution can come from, in the order a sentence is read.
RULES: tuple[str, ...] = (
    "subject",
    "inverted",
    "passive",
    "according",
    "possessive",
    "data",
    "participle",
    "official",
    "own",
    "credit",
)


class SentenceSpan(Protocol):
    """What the attributor reads of a sentence: its span and its paragraph (line)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...


class Attributor(SubjectReader):
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
        # The words verb_at reads; every other word makes no attribution.
        self._verbs = words.saying | words.passive_verbs | words.recording | words.object_verbs
        self._marking = words.official | words.unofficial  # the words marks reads

    # --- after the verb ---------------------------------------------------------------

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
        reporter = self.anaphor(start, end) or self.reporter_of(start, end)
        return (end, reporter) if reporter is not None else None

    # --- data nouns -------------------------------------------------------------------

    def owner(
        self, words: Sequence[tuple[str, int, int]], i: int, floor: int
    ) -> Attribution | None:
        """ "X's figures", "organizers' estimates", "an AFP tally", "the police count"."""
        text, w = self.text, self.words
        j = i - 1
        while j >= 0 and words[j][0].lower() in w.data_modifiers:
            j -= 1
        if j < 0 or text[words[j][2] : words[j + 1][1] if j + 1 < i else words[i][1]].strip(" '’"):
            return None
        owner, _, o_end = words[j]
        possessive = owner.lower().endswith(("'s", "’s")) or text[o_end : o_end + 1] in ("'", "’")
        kind = self.kind(owner)
        if not (possessive or kind == NAME or (kind == HEAD and owner.lower() not in w.titles)):
            return None
        stop = o_end - 2 if owner.lower().endswith(("'s", "’s")) else o_end
        phrase = self.phrase_before(stop, floor)
        if phrase is not None and not possessive and not self.opens(phrase[0], floor):
            return None  # "… by Russia report": not "an AFP tally"
        reporter = self.reporter_of(*phrase) if phrase is not None else None
        if phrase is None or reporter is None:
            return None
        _, w_start, w_end = words[i]
        return Attribution(phrase[0], w_end, w_start, w_end, reporter, False, "possessive")

    def possessives(
        self, start: int, end: int, lowers: Sequence[str] | None = None
    ) -> list[Attribution]:
        """ "X's figures", "organizers' estimates", "an AFP tally", "figures from X"
        (``lowers``: the sentence's words in lower case, when read already)."""
        text, w = self.text, self.words
        found: list[Attribution] = []
        words = _words(text, start, end)
        if lowers is None:
            lowers = [word.lower() for word, _, _ in words]
        bases = [base(lower) for lower in lowers]
        if w.data_nouns.isdisjoint(bases):
            return found  # no data noun: no owner, no data source (most sentences)
        for i, (word, w_start, w_end) in enumerate(words):
            if bases[i] not in w.data_nouns or (word[:1].isupper() and i > 0):
                continue
            owned = self.owner(words, i, start)
            if owned is not None:
                found.append(owned)
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
        reports", "United States", "to estimate")?"""
        word, start, _ = words[i]
        if word[:1].isupper() and i > 0:
            return True
        lower = word.lower()
        w = self.words
        if i > 0 and words[i - 1][0].lower() == "to" and not lower.endswith(("ed", "ing")):
            return True  # an infinitive: "expected to report"
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

    def noun_phrase_start(self, position: int, floor: int) -> int:
        """Where the noun phrase ending at ``position`` opens: its determiner within a
        few words ("the 80 percent backing"), -1 when none is found."""
        text = self.text
        words = _words(text, max(floor, position - 80), position)
        for word, start, stop in reversed(words[-6:]):
            if any(ch in ",;:()" for ch in text[stop:position]):
                return -1
            if self.kind(word) == DETERMINER:
                return start
        return -1

    def leaves_unnamed(self, start: int, end: int) -> bool:
        """Does the sentence say its source is unnamed ("is believed to")?"""
        return self.words.unnamed.search(self.text, start, end) is not None

    def is_weak(self, reporter: Reporter | None) -> bool:
        """An unnamed data source ("estimates", "early reports"), kept as written."""
        if reporter is None or reporter.resolved:
            return False
        w = self.words
        lowers = [
            base(word.lower())
            for word, _, _ in _words(
                reporter.as_written or reporter.name, 0, len(reporter.as_written or reporter.name)
            )
        ]
        return bool(lowers) and all(x in w.data_nouns or x in w.data_modifiers for x in lowers)

    # --- one sentence -----------------------------------------------------------------

    def passive(
        self,
        words: Sequence[tuple[str, int, int]],
        i: int,
        verb_end: int,
        saying: bool,
        floor: int,
        end: int,
    ) -> Attribution | None:
        """ "… were reported by X"; "the backing predicted by X" names its noun phrase."""
        w = self.words
        by = w.by.match(self.text, verb_end, end)
        if by is None:
            return None
        source = self.source_after(by.end(), end)
        if source is None:
            return None
        stop, reporter = source
        w_start = words[i][1]
        reach = -1
        if i > 0 and words[i - 1][0].lower() not in w.passive_auxiliaries:
            reach = self.noun_phrase_start(w_start, floor)
        return Attribution(w_start, stop, w_start, verb_end, reporter, saying, "passive", reach)

    def verb_at(
        self, words: Sequence[tuple[str, int, int]], i: int, start: int, end: int,
        found: Sequence[Attribution],
    ) -> Attribution | None:  # fmt: skip
        """The attribution a verb-like word makes, if any."""
        text, w = self.text, self.words
        word, w_start, w_end = words[i]
        lower = word.lower()
        saying = lower in w.saying
        if lower in w.passive_verbs and not saying and lower not in w.object_verbs:
            return self.passive(words, i, w_end, False, start, end)
        if not saying and lower not in w.recording:
            if lower not in w.object_verbs:
                return None
            alarm = w.raised.match(text, w_end, end)
            if alarm is None:
                return (
                    self.passive(words, i, w_end, False, start, end)
                    if lower in w.passive_verbs
                    else None
                )
            w_end, saying = alarm.end(), True
        if self.is_noun(words, i):
            return None
        if w.by.match(text, w_end, end) is not None:
            return self.passive(words, i, w_end, saying, start, end)
        subject = self.subject(w_start, start)
        if subject is not None and not self.plain_after_name(lower, subject[1]):
            s, reporter = subject
            aside = w.aside.search(text, s, w_start)  # ", the main opposition group which …,"
            return Attribution(
                s, w_end, w_start, w_end, reporter, saying,
                weak=self.is_weak(reporter),
                aside=aside.span() if aside is not None else (-1, -1),
                until=self.relative_clause_end(s, w_end, start, end),
            )  # fmt: skip
        before = text[max(start, w_start - 40) : w_start].rstrip()
        if saying and lower.endswith("ing") and before.endswith(",") and found:
            shared = found[-1].reporter  # "…, tweeting: …": the source of its clause
            return Attribution(w_start, w_end, w_start, w_end, shared, True, "participle")
        if saying and not lower.endswith("ing") and (not before or before[-1] in ",\"”'’"):
            inverted = self.after_verb(w_end, end)
            if inverted is not None:
                e, reporter = inverted
                return Attribution(w_start, e, w_start, w_end, reporter, saying, "inverted")
        return None

    def plain_after_name(self, verb: str, reporter: Reporter) -> bool:
        """A plain form after no described source ("Photos show"): no attribution."""
        if verb not in self.words.plural_saying or reporter.resolved:
            return False
        last = (reporter.as_written or reporter.name).split()[-1].lower()
        return base(last) not in self.words.heads and base(last) not in self.words.data_nouns

    def relative_clause_end(self, source: int, verb_end: int, floor: int, end: int) -> int:
        """Where a relative clause "which officials say …" ends (-1 when the source does
        not open one): it names the source of its own clause only."""
        before = _words(self.text, max(floor, source - 12), source)
        if not before or before[-1][0].lower() not in self.words.relative_pronouns:
            return -1
        clause = self.words.clause_end.search(self.text, verb_end, end)
        return clause.start() if clause is not None else end

    def counts_something(self, words: Sequence[tuple[str, int, int]]) -> bool:
        """Do these words (after "official") name a count or a rate ("tally", "youth
        jobless rate", "inflation")?"""
        w = self.words
        return any(
            base(word.lower()) in w.data_nouns or word.lower() in w.official_nouns
            for word, _, _ in words
        )

    def marks(self, start: int, end: int, found: Sequence[Attribution]) -> list[Attribution]:
        """ "the official tally", "the 2% unofficial estimate"; "which would mean …"."""
        text, w = self.text, self.words
        marked: list[Attribution] = []
        words = _words(text, start, end)
        if self._marking.isdisjoint([word.lower() for word, _, _ in words[:-1]]):
            words = []  # no "official" nor "unofficial": nothing marked (most sentences)
        for i, (word, w_start, w_end) in enumerate(words[:-1]):
            lower = word.lower()
            reporter = (
                self.speakers.official if lower in w.official
                else self.speakers.unofficial if lower in w.unofficial
                else None
            )  # fmt: skip
            following = words[i + 1][0]
            if (
                reporter is None
                or following[:1].isupper()
                or self.kind(following) not in (HEAD, MODIFIER, OTHER)
                or base(following.lower()) in w.titles
                or following.lower() in w.saying
                or not self.counts_something(words[i + 1 : i + 4])
            ):
                continue  # "official language", "an official visit": no figure's source
            reach = -1
            if re.search(r"[\d%]\s*\Z", text[max(start, w_start - 12) : w_start]):
                reach = self.noun_phrase_start(w_start, start)  # "the 2% unofficial estimate"
            clause = w.clause_end.search(text, w_end, end)
            until = clause.start() if clause is not None else end
            marked.append(
                Attribution(
                    w_start, w_end, w_start, w_start, reporter, False, "official", reach,
                    until=until,
                )
            )  # fmt: skip
        if found or marked:
            for m in w.inference.finditer(text[start:end]):
                s, e = start + m.start(), start + m.end()
                marked.append(Attribution(s, e, s, s, None, False, "own"))  # no verb
        return marked

    def sentence(self, start: int, end: int) -> list[Attribution]:
        """The attributions of the sentence at ``start:end``, in order."""
        text, w = self.text, self.words
        found: list[Attribution] = []
        words = _words(text, start, end)
        lowers = [word.lower() for word, _, _ in words]
        if self._triggers.isdisjoint(lowers) and w.according.search(text, start, end) is None:
            return found  # no word an attribution starts from (most sentences)
        verbs = self._verbs
        for i, lower in enumerate(lowers):
            if lower not in verbs:
                continue
            made = self.verb_at(words, i, start, end, found)
            if made is not None and made.reporter is not None:
                found.append(made)
                if self.is_named(made.reporter) and not self.speakers.is_outlet(made.reporter):
                    self.speakers.last = made.reporter  # "…, but he told AFP …"
        for m in w.according.finditer(text, start, end):
            source = self.source_after(m.end(), end)
            if source is not None:
                stop, reporter = source
                found.append(
                    Attribution(m.start(), stop, m.start(), m.end(), reporter, True, "according",
                                weak=self.is_weak(reporter))
                )  # fmt: skip
        found += self.possessives(start, end, lowers)
        return self.keep(found + self.marks(start, end, found))

    def keep(self, found: list[Attribution]) -> list[Attribution]:
        """The attributions kept: not the outlet (unless its own count), not one inside
        another ("according to X's report"); the speakers they name are remembered."""
        kept = [
            a
            for a in found
            if a.reporter is None
            or a.rule in ("possessive", "data")
            or not self.speakers.is_outlet(a.reporter)
        ]
        kept.sort(key=lambda a: (a.start, -a.end))
        kept = [
            a
            for i, a in enumerate(kept)
            if not any(
                b.start <= a.start
                and (a.end <= b.end or (a.start < b.end and b.rule in ("data", "possessive")))
                for b in kept[:i]
            )  # nor one whose source another names ("figures from X show": one)
        ]
        speakers = self.speakers
        for a in kept:
            if a.reporter is None or a.weak:
                continue
            speakers.last = a.reporter
            if not speakers.history or speakers.history[-1] != a.reporter:
                speakers.history.append(a.reporter)
            if a.rule != "official":
                if self.is_official(a):
                    speakers.official = speakers.official or a.reporter
                else:
                    speakers.unofficial = a.reporter
        return kept

    def is_named(self, reporter: Reporter) -> bool:
        """A source with a name (known, or capitalised words), not "a statement"."""
        written = reporter.as_written or reporter.name
        return (
            reporter.resolved
            or any(word[:1].isupper() for word in written.split()[1:])
            or (written[:1].isupper() and len(written.split()) == 1)
        )

    def is_official(self, a: Attribution) -> bool:
        """Is the source a government, ministry, bureau, police … ?"""
        reporter = a.reporter
        if reporter is None:
            return False
        if reporter.resolved:
            return reporter.kind in ("government", "military", "register")
        words = _words(self.text, a.start, a.end)
        return any(base(word.lower()) in self.words.official_heads for word, _, _ in words)

    def document(self, sentences: Sequence[SentenceSpan]) -> list[list[Attribution]]:
        """The attributions of every sentence of a page, in order, with what only the
        whole page tells: credit lines and descriptions named later."""
        found = [self.sentence(s.start, s.end) for s in sentences]
        credit_lines(self, sentences, found)
        described_then_named(self, found)
        return found
