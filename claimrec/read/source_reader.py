"""From a source phrase to a reporter, remembering who has been named.

A phrase the reporter table knows resolves to its canonical name; one that
holds a known name resolves to it; "<organisation> <title> <person>" is the
organisation, and the person is remembered as speaking for it; any other
phrase is kept as written (compared by :func:`claimrec.reporter.reporter_key`).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimrec.read.source_phrases import CONNECTOR, HEAD, NAME, OTHER, SourcePhrases, base
from claimrec.read.source_words import AttributionWords
from claimrec.read.spans import words_between as _words
from claimrec.reporter import Reporter, ReporterMatch, ReporterTable, reporter_key, resolve_reporter

__all__ = ["SourceReader", "Speakers"]


class Speakers:
    """Who has been named so far: people mapped to their organisation, and the last speaker."""

    def __init__(self, table: ReporterTable | None, outlet: str | None) -> None:
        self.table = table
        self.outlet_key = reporter_key(outlet) if outlet else None
        self.people: dict[str, Reporter] = {}
        self.history: list[Reporter] = []  # sources named, in order
        self.last: Reporter | None = None
        self.official: Reporter | None = None  # the first official source named
        self.unofficial: Reporter | None = None  # the last other source named

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


class SourceReader(SourcePhrases):
    """Reads source phrases into reporters; ``speakers`` is what the text named so far."""

    def __init__(
        self, text: str, matches: list[ReporterMatch], speakers: Speakers, words: AttributionWords
    ) -> None:
        super().__init__(text, matches, words)
        self.speakers = speakers

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
        lowers = [base(word.lower()) for word, _, _ in words]
        if all(lower in w.data_nouns or lower in w.data_modifiers for lower in lowers):
            return self.data_source(phrase, lowers)
        owner = len(lowers)
        while (
            owner > 0
            and words[owner - 1][0].islower()
            and (lowers[owner - 1] in w.data_nouns or lowers[owner - 1] in w.data_modifiers)
        ):
            owner -= 1  # lower-case data words: "Survey" and "Statistics" are in names
        if (
            0 < owner < len(lowers)
            and lowers[-1] in w.data_nouns
            and not any(x in w.data_nouns for x in lowers[:owner])
        ):
            last, _, stop = words[owner - 1]
            stop -= 2 if last.lower().endswith(("'s", "’s")) else 0
            return self.reporter_of(start, stop)  # "a Daily Ledger tally": its owner
        titled = self.titled(words, lowers, end)
        if titled is not None:
            return titled
        remembered = self.speakers.known(phrase)
        if remembered is not None:
            return remembered
        if words and all(self.kind(word) == NAME for word, _, _ in words):
            phrase = text[self.name_start(words, lowers) : end]  # "Major-General Jane Roe"
        return resolve_reporter(phrase, table=self.speakers.table)

    def data_source(self, phrase: str, lowers: Sequence[str]) -> Reporter:
        """ "official figures": the article's official source; "unofficial estimates": the
        other one; any other phrase of data words ("estimates", "early reports") is an
        unnamed source, kept as written."""
        w = self.words
        if any(lower in w.official for lower in lowers) and self.speakers.official is not None:
            return self.speakers.official
        if any(lower in w.unofficial for lower in lowers) and self.speakers.unofficial is not None:
            return self.speakers.unofficial
        return resolve_reporter(phrase, table=self.speakers.table)

    def titled(
        self, words: Sequence[tuple[str, int, int]], lowers: Sequence[str], end: int
    ) -> Reporter | None:
        """ "<organisation> <title> <person>": the organisation, or the person when the
        words before the title name none ("Finance Minister Jane Roe")."""
        w = self.words
        for i, lower in enumerate(lowers):
            if lower not in w.titles:
                continue
            j = i + 1
            while j < len(words) and lowers[j] in w.titles:  # "relief official Maj. Gen. …"
                j += 1
            if i == 0 or j >= len(words) or self.kind(words[j][0]) != NAME:
                return None
            organisation = self._organisation(words[:i])
            person = self.text[words[j][1] : end]
            if organisation is None:
                reporter = self.speakers.known(person) or resolve_reporter(
                    person, table=self.speakers.table
                )
            else:
                reporter = organisation
            self.speakers.remember(person, reporter)
            return reporter
        return None

    def name_start(self, words: Sequence[tuple[str, int, int]], lowers: Sequence[str]) -> int:
        """Where a person's name starts after the ranks before it ("Maj. Gen.", "Dr"): a
        person is named without them, as in the reporter table."""
        w = self.words
        i = 0
        while i < len(words) - 1 and all(
            part in w.titles for part in lowers[i].replace(".", "").split("-")
        ):
            i += 1
        if i and any(lower in w.titles for lower in lowers[i:]):
            i = 0  # "Deputy Interior Minister Jane Roe": a description, kept whole
        return words[i][1]

    def _organisation(self, words: Sequence[tuple[str, int, int]]) -> Reporter | None:
        """The organisation words before a title, when they name one ("LAPD", "Interior
        Ministry"); not a place or a field alone ("Boston", "Finance")."""
        w = self.words
        while words and self.kind(words[0][0]) in (CONNECTOR, OTHER):
            words = words[1:]
        if not words:
            return None
        text = self.text[words[0][1] : words[-1][2]]
        reporter = resolve_reporter(text, table=self.speakers.table)
        if reporter.resolved:
            return reporter
        has_head = any(base(word.lower()) in w.heads - w.titles for word, _, _ in words)
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

    def part_of(self, head: str, start: int) -> bool:
        """Is ``head`` a definite "the (…-based) unit / subsidiary" of an organisation?"""
        if head.lower() not in self.words.parts:
            return False
        before = _words(self.text, max(0, start - 40), start)[-3:]
        return any(word.lower() == "the" for word, _, _ in before)

    def anaphor(self, start: int, end: int) -> Reporter | None:
        """ "the union said" after "the Doctors' Union (DU)": the source named before."""
        text = self.text
        words = _words(text, start, end)
        of = next((i for i, (word, _, _) in enumerate(words) if word.lower() == "of"), 0)
        if 0 < of <= 3 and self.part_of(words[of - 1][0], start):
            return self.speakers.last  # "the Boston-based unit of Verisk": the firm named before
        if len(words) != 1 or self.kind(words[0][0]) != HEAD:
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
        if head in self.words.generic and self.speakers.last is not None:
            return self.speakers.last
        return None
