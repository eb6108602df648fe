"""The source before its verb: the subject of a saying or recording verb.

Between the source and the verb may stand auxiliaries ("has also"), adverbials
("on Monday", "in a statement", "overnight on 16/17 May") and a relative clause
(", who …,", "who have been"); a pronoun ("he said") is the last source named; a
source may be "A, B," (a person and their description), "X (ABC)", "organizers in
New York", or "the head of the commission, Jane Roe," (the commission).
"""

from __future__ import annotations

from claimrec.read.source_phrases import NAME, base
from claimrec.read.source_reader import SourceReader
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter

__all__ = ["SubjectReader"]


class SubjectReader(SourceReader):
    """Reads the source named before a verb."""

    def subject_end(self, verb_start: int, floor: int) -> int:
        """Where the subject of a verb ends: before auxiliaries ("has also"), adverbials
        ("on Monday", "in a statement") and a relative clause (", who …,", "who have
        been")."""
        text, w = self.text, self.words
        position = verb_start
        for _ in range(6):
            words = _words(text, max(floor, position - 40), position)
            last = words[-1] if words else None
            if last and not text[last[2] : position].strip() and last[0].lower() in w.auxiliaries:
                position = last[1]
                continue
            gap_start = max(floor, position - 80)
            adverbial = w.adverbial.search(text, gap_start, position)
            if adverbial is None or adverbial.end() < position:
                break
            position = adverbial.start()
        gap = text[max(floor, position - 250) : position]
        relative = w.relative.search(gap)
        if relative is not None:  # "Shevchenko, who spent …, spoke"
            return position - len(gap) + relative.start()
        words = _words(text, max(floor, position - 40), position)
        if words and words[-1][0].lower() in w.relative_pronouns:  # "officials, who have been"
            opening = words[-1][1]
            if text[words[-1][2] : position].strip() == "" and opening > floor:
                return _strip_comma(text, opening)
        return position

    def subject(self, verb_start: int, floor: int) -> tuple[int, Reporter] | None:
        """The source named before a verb, over auxiliaries and a relative clause."""
        text, w = self.text, self.words
        position = self.subject_end(verb_start, floor)
        words = _words(text, max(floor, position - 40), position)
        if (
            words
            and not text[words[-1][2] : position].strip()
            and words[-1][0].lower() in w.pronouns
        ):
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
                phrase = self.phrase_before(len(text[:opening].rstrip()), floor)
                if phrase is not None:
                    reporter = self.reporter_of(phrase[0], tight)
                    return (phrase[0], reporter) if reporter is not None else None
        if tight > floor and text[tight - 1] == ",":  # "Ukraine's president, Jane Roe, wrote"
            return self.appositive_subject(tight - 1, floor)
        phrase = self.phrase_before(tight, floor)
        if phrase is None:
            return None
        phrase = self.located(phrase, floor)
        titled = self.titled_person(phrase, floor)
        if titled is not None:
            return titled
        reporter = self.anaphor(*phrase) or self.reporter_of(*phrase)
        return (phrase[0], reporter) if reporter is not None else None

    def located(self, phrase: tuple[int, int], floor: int) -> tuple[int, int]:
        """ "organizers in New York": a place after a described source is part of it."""
        text = self.text
        if not all(self.kind(word) == NAME for word, _, _ in _words(text, *phrase)):
            return phrase
        before = _words(text, max(floor, phrase[0] - 20), phrase[0])
        if not before or before[-1][0].lower() not in self.words.locative:
            return phrase
        head = self.phrase_before(len(text[: before[-1][1]].rstrip()), floor)
        if head is None or base(_words(text, *head)[-1][0].lower()) not in self.words.heads:
            return phrase
        return head[0], phrase[1]

    def titled_person(self, phrase: tuple[int, int], floor: int) -> tuple[int, Reporter] | None:
        """ "the head of the commission, Jane Roe, who …, said": the commission."""
        text = self.text
        if not all(self.kind(word) == NAME for word, _, _ in _words(text, *phrase)):
            return None
        comma = len(text[floor : phrase[0]].rstrip()) + floor
        if comma <= floor or text[comma - 1] != ",":
            return None
        described = self.phrase_before(comma - 1, floor)
        if described is None or not self.words.title_of.search(text, floor, described[0]):
            return None
        organisation = self.anaphor(*described) or self.reporter_of(*described)
        if organisation is None:
            return None
        self.speakers.remember(text[phrase[0] : phrase[1]], organisation)
        return described[0], organisation

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
            organisation = self.anaphor(*described) or self.reporter_of(*described)
            if organisation is not None and (
                organisation.resolved or self.words.title_of.search(text, floor, described[0])
            ):
                reporter = organisation  # "the head of the commission, Jane Roe, said"
        self.speakers.remember(text[person[0] : person[1]], reporter)
        return first[0], reporter


def _strip_comma(text: str, position: int) -> int:
    while position > 0 and text[position - 1] in " ,":
        position -= 1
    return position
