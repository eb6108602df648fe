"""Extraction: candidate claims from article text, and from folders of articles.

:func:`extract` reads one article and returns its claims in the canonical
columns (one row per mention, see ``docs/columns.md``); :func:`extract_files`
reads files and folders, with publication facts from a sidecar table. How the
pieces are bound together — which time expression governs a figure, who
reported it, what it counts — is described in ``docs/extraction.md``. In short:

* figures come from :func:`claimrec.value.find_values`, windows from
  :func:`claimrec.window.find_windows` (read against the publication date),
  reporter names from :func:`claimrec.reporter.find_reporters`;
* a figure's window is the nearest time expression of its own clause
  (preferring one after the figure), else a reporting date of its sentence
  ("…, X said on Saturday", "In February, X raised alarm over 79 …"), read as
  a total standing at that date; with neither, the claim stands as of the
  publication date (no start is ever invented);
* its reporter is the source an attribution names: "X said/reported/
  recorded …", "according to X", "X's figures", "said <person>, director of
  X", a quote's speaker, "he said" for the last named speaker; the relaying
  outlet is never the reporter;
* its measure is the counted noun phrase joined with the clause's event word
  ("executed at least 124 Ukrainian prisoners of war" → "Ukrainian prisoners
  of war executed"), with the complement of generic nouns ("cases of …"), a
  nationality from the previous sentences or the headline, and a
  conservative merge of under-specified keys into a unique more specific one.

Page furniture (menus, "Most popular" blocks, teasers, reading times, time
stamps, pasted rewriting prompts) is masked, never deleted, so spans index
the text given. HTML input is reduced to plain text first; its spans index
that plain text (:func:`page_text` returns it).
"""

from __future__ import annotations

import bisect
import io
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TextIO

import pandas as pd

from claimrec.errors import ClaimError, ClaimrecError
from claimrec.frame import to_frame
from claimrec.measure import (
    DEPLOYMENT_WORDS,
    FLOW_WORDS,
    LEVEL_WORDS,
    MeasureSynonyms,
    measure_key,
)
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.figures import FigureMatch, find_values
from claimrec.read.page import Page, Sentence, read_page
from claimrec.read.times import find_windows, parse_window
from claimrec.record import Claim, claim, read_published
from claimrec.reporter import (
    Reporter,
    ReporterMatch,
    ReporterTable,
    find_reporters,
    reporter_key,
    resolve_reporter,
)
from claimrec.units import unit_name
from claimrec.window import DateRange, EventCalendar, Window, WindowMatch

__all__ = ["ARTICLE_SUFFIXES", "extract", "extract_files", "page_text"]

#: File name endings :func:`extract_files` reads from folders.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".md")

PublishedLike = str | date | datetime | DateRange

# How far (in characters) around a figure its sentence is searched for windows and
# attributions: bounds the work per figure on hostile one-sentence inputs.
_REACH = 400
# Quotes longer than this are cut to the figure's neighbourhood (still an exact span).
_MAX_QUOTE = 800

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]")
_BOUNDARY = frozenset(',;:()[]{}"“”«»—–!?.')


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


# --- attribution ------------------------------------------------------------------------

_SAYING = frozenset(
    [
        "said",
        "says",
        "say",
        "reported",
        "reports",
        "announced",
        "announces",
        "stated",
        "states",
        "noted",
        "notes",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "posted",
        "posts",
        "claimed",
        "claims",
        "warned",
        "warns",
        "confirmed",
        "confirms",
        "estimated",
        "estimates",
        "explained",
        "emphasized",
        "emphasised",
        "stressed",
        "reminded",
        "reminds",
        "revealed",
        "reveals",
        "cited",
        "cites",
        "published",
        "publishes",
        "spoke",
        "indicated",
        "indicates",
        "alleged",
        "alleges",
        "insisted",
        "insists",
        "declared",
        "declares",
        "tweeted",
        "acknowledged",
        "acknowledges",
        "disclosed",
        "discloses",
        "put",
        "puts",
    ]
)
_RECORDING = frozenset(
    [
        "recorded",
        "records",
        "documented",
        "documents",
        "counted",
        "counts",
        "registered",
        "registers",
        "verified",
        "verifies",
        "tallied",
        "tallies",
        "logged",
        "logs",
        "contains",
        "contained",
        "lists",
        "listed",
        "found",
        "finds",
        "identified",
        "identifies",
    ]
)
_ALARM = re.compile(r"\s+(?:the\s+)?(?:alarm|concerns?)\b", re.IGNORECASE)
_AUXILIARIES = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "previously",
        "earlier",
        "already",
        "recently",
        "repeatedly",
        "reportedly",
        "further",
        "again",
        "has",
        "also",
        "first",
        "then",
        "later",
    ]
)
_PRONOUNS = frozenset({"he", "she", "they"})
_NAME_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "however",
        "but",
        "and",
        "in",
        "on",
        "at",
        "according",
        "meanwhile",
        "earlier",
        "later",
        "former",
        "then",
        "also",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "while",
        "when",
        "as",
        "after",
        "before",
        "since",
    ]
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE_SOURCE = re.compile(
    r"['’]s?\s+(?:latest\s+|own\s+|new\s+|official\s+|preliminary\s+)?"
    r"(?:figures?|data|report|reports|estimates?|count|tally|statistics|records|numbers)\b",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w'’\-]+\s+){0,8}?(?:of|at|for|from|with)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s+(?:who|which|whose|a|an|the)\b[^,;:]{0,200},\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Attribution:
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


class _Speakers:
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


def _name_run_before(text: str, end: int, floor: int) -> tuple[int, str] | None:
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
    while run and run[0][0].lower() in _NAME_STOP:
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


class _Attributor:
    """Finds attributions sentence by sentence, remembering speakers in document order."""

    def __init__(self, text: str, matches: list[ReporterMatch], speakers: _Speakers) -> None:
        self.text = text
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
        m = _APPOSITIVE.match(self.text, end, ceiling)
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
            if text[stop:position].strip() or word.lower() not in _AUXILIARIES:
                break
            words.pop()
            position = start
            skipped += 1
        gap = text[max(floor, position - 250) : position]
        relative = _RELATIVE.search(gap)
        if relative is not None:  # "Shevchenko, who spent …, spoke"
            position = position - len(gap) + relative.start()
            words = _words(text, max(floor, position - 200), position)
        last = self.speakers.last
        if (
            words
            and last is not None
            and words[-1][0].lower() in _PRONOUNS
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
            if word[:1].isupper() or word.lower() in _SAYING or word.lower() in _RECORDING:
                break
            end = start
        run = _name_run_before(text, position, floor)
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

    def sentence(self, start: int, end: int) -> list[_Attribution]:
        text = self.text
        found: list[_Attribution] = []
        for word, w_start, w_end in _words(text, start, end):
            lower = word.lower()
            saying = lower in _SAYING
            if not saying and lower not in _RECORDING:
                if lower == "raised":
                    alarm = _ALARM.match(text, w_end, end)
                    if alarm is None:
                        continue
                    w_end, saying = alarm.end(), True
                else:
                    continue
            subject = self.subject(w_start, start)
            if subject is not None:
                s, reporter = subject
                found.append(_Attribution(s, w_end, w_start, w_end, reporter, saying))
                continue
            before = text[max(start, w_start - 40) : w_start].rstrip()
            if saying and (not before or before[-1] in ',"”'):
                inverted = self.after_verb(w_end, end)
                if inverted is not None:
                    e, reporter = inverted
                    found.append(_Attribution(w_start, e, w_start, w_end, reporter, saying))
        for m in _ACCORDING.finditer(text, start, end):
            hit = self.match_starting(m.end())
            named: Reporter | None = hit.reporter if hit is not None else None
            stop = hit.end if hit is not None else m.end()
            if named is None:
                run = _name_run_after(text, m.end(), end)
                if run is not None:
                    stop, name = run
                    named = self.speakers.resolve_name(name)
            if named is not None:
                found.append(_Attribution(m.start(), stop, m.start(), m.end(), named, True))
        lo = bisect.bisect_left(self.starts, start)
        for match in self.matches[lo:]:
            if match.start >= end:
                break
            if _POSSESSIVE_SOURCE.match(text, match.end, end):
                a = _Attribution(
                    match.start, match.end, match.end, match.end, match.reporter, False
                )
                found.append(a)
        kept = [a for a in found if not self.speakers.is_outlet(a.reporter)]
        kept.sort(key=lambda a: a.start)
        for a in kept:
            self.speakers.last = a.reporter
        return kept


# --- measures -----------------------------------------------------------------------------

_GENERIC = frozenset(
    ["case", "cases", "incident", "incidents", "instance", "instances", "occurrence", "occurrences"]
)
_COUNTING_WORDS = frozenset(
    [
        "another",
        "other",
        "additional",
        "further",
        "separate",
        "distinct",
        "various",
        "more",
        "such",
        "new",
        "documented",
        "confirmed",
        "verified",
        "recorded",
        "reported",
        "registered",
        "total",
        "overall",
    ]
)
_SKIP_AFTER = frozenset(
    [
        "have",
        "has",
        "had",
        "been",
        "being",
        "were",
        "was",
        "are",
        "is",
        "be",
        "allegedly",
        "reportedly",
        "reported",
        "also",
        "all",
        "now",
        "still",
        "currently",
        "already",
        "who",
        "that",
        "which",
    ]
)
_STATE_PP = re.compile(
    r"\s*(?:(?:in|into)\s+(?:[A-Z][\w'’-]*\s+)?(?:captivity|custody|detention)|"
    r"held\s+(?:captive|in\s+captivity)|remain(?:ing)?\s+(?:captive|in\s+captivity|missing))\b"
)
_COMPLEMENT_STOP = frozenset(
    [
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "will",
        "would",
        "could",
        "may",
        "might",
        "to",
        "for",
        "at",
        "from",
        "with",
        "across",
        "against",
        "despite",
        "since",
        "during",
        "over",
        "under",
        "into",
        "on",
        "by",
        "as",
        "than",
        "while",
    ]
)
_GENERIC_KEYS = frozenset({"incident", "instance", "occurrence", "case"})
_DURATION_STOP = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "been",
        "be",
        "who",
        "which",
        "that",
        "for",
        "the",
        "a",
        "an",
        "more",
        "than",
        "less",
        "about",
        "over",
        "nearly",
        "almost",
        "some",
        "around",
        "at",
        "least",
        "up",
        "to",
    ]
)
_DEMONYM_END = ("an", "ese", "ish", "i", "ch")
_NOT_DEMONYM = frozenset({"Human", "Than", "Man", "Woman", "Ocean", "Plan", "Ban", "Ukrainian's"})


@lru_cache(maxsize=16)
def _event_tokens(synonyms: MeasureSynonyms | None) -> frozenset[str]:
    words = FLOW_WORDS | LEVEL_WORDS | DEPLOYMENT_WORDS
    keys = {measure_key(w, synonyms=synonyms) for w in words}
    return frozenset(words | {k for k in keys if k and " " not in k})


def _key_tokens(text: str, synonyms: MeasureSynonyms | None) -> set[str]:
    return set(measure_key(text, synonyms=synonyms).split())


def _event_at(words: Sequence[str], synonyms: MeasureSynonyms | None) -> int:
    """How many of ``words`` (1 or 2, from the front) name an event; 0 when none."""
    events = _event_tokens(synonyms)
    for n in (2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(words[:n])
        tokens = _key_tokens(phrase, synonyms)
        if n == 2:
            # Two words count only as one event phrase of the table ("taken prisoner"),
            # not as an auxiliary and a verb or a noun and a preposition.
            singles = _key_tokens(words[0], synonyms) | _key_tokens(words[1], synonyms)
            if tokens and tokens <= events and tokens != singles:
                return n
            continue
        if tokens & events:
            return n
        if n == 1 and phrase.lower().endswith("ing") and len(phrase) > 5:
            stem = phrase[:-3]
            if _key_tokens(stem + "ed", synonyms) & events:
                return 1
    return 0


def _has_qualifier(text: str) -> bool:
    """A proper adjective or name in a measure ("Ukrainian", "Kursk"): it says whose or where."""
    return any(_is_qualifier(w) for w in _WORD.findall(text))


def _is_qualifier(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word) and word not in _NOT_DEMONYM


def _is_demonym(word: str) -> bool:
    return _is_qualifier(word) and word.endswith(_DEMONYM_END)


_CONTEXT_PHRASE = re.compile(r"((?:[A-Z][a-z]+[ -]){1,2})([A-Za-z][\w'’]*)")


def _with_context(phrase: str, contexts: Iterable[str], synonyms: MeasureSynonyms | None) -> str:
    """Add a nationality the context gives the counted people: "POW executions" after
    "executions of Ukrainian POWs" become "Ukrainian POW executions"."""
    if any(_is_demonym(w) for w in _WORD.findall(phrase)):
        return phrase
    events = _event_tokens(synonyms)
    words = [(m.group(), m.start()) for m in _WORD.finditer(phrase)]
    heads: dict[str, int] = {}
    for word, start in words:
        key = measure_key(word, synonyms=synonyms)
        if key and " " not in key and key not in events:
            heads.setdefault(key, start)
    if not heads:
        return phrase
    for context in contexts:
        for m in _CONTEXT_PHRASE.finditer(context):
            adjectives = m.group(1).strip(" -").split()
            if not adjectives or not _is_demonym(adjectives[-1]) or m.start() == 0:
                continue
            head = measure_key(m.group(2), synonyms=synonyms)
            if head in heads:
                at = heads[head]
                return f"{phrase[:at]}{' '.join(adjectives)} {phrase[at:]}"
    return phrase


@dataclass(slots=True)
class _Found:
    """One figure with what was bound to it, before it becomes a claim."""

    figure: FigureMatch
    sentence: Sentence
    measure: str
    window: Window | None
    reporter: Reporter | None
    quote: tuple[int, int]


class _Binder:
    """Binds figures of one page to their windows, reporters and measures."""

    def __init__(
        self,
        page: Page,
        *,
        reference: DateRange | None,
        calendar: EventCalendar | None,
        synonyms: MeasureSynonyms | None,
    ) -> None:
        self.page = page
        self.text = page.text
        self.reference = reference
        self.calendar = calendar
        self.synonyms = synonyms
        self.windows = (
            find_windows(page.scan, reference=reference, calendar=calendar) if reference else []
        ) or find_windows(page.scan, calendar=calendar)
        self.window_starts = [w.start for w in self.windows]
        self.window_ends = sorted(w.end for w in self.windows)

    # -- windows

    def windows_in(self, start: int, end: int) -> list[WindowMatch]:
        lo = bisect.bisect_left(self.window_starts, start)
        out: list[WindowMatch] = []
        for w in self.windows[lo:]:
            if w.start >= end:
                break
            if w.end <= end:
                out.append(w)
        return out

    def overlaps_window(self, figure: FigureMatch) -> bool:
        i = bisect.bisect_right(self.window_starts, figure.start)
        for w in self.windows[max(0, i - 2) : i + 1]:
            if w.start < figure.end and figure.start < w.end:
                return True
        return False

    def is_reporting_time(
        self, w: WindowMatch, sentence: Sentence, attributions: Sequence[_Attribution]
    ) -> bool:
        text = self.text
        for a in attributions:
            between = text[a.verb_end : w.start] if a.verb_end <= w.start else None
            if between is not None and re.fullmatch(r"\s+(?:(?!that\b)[a-z]+\s+){0,3}", between):
                return True
        lead = text[sentence.start : w.start].strip(" \"“‘'")
        if lead or not text[w.end : w.end + 2].startswith(","):
            return False
        if re.match(r"(?i)\s*(?:since|over|during|throughout|for|from|between|in\s+the\s+past|"
                    r"past|until|through)\b", w.text):  # fmt: skip
            return False
        win = w.window
        if win.start_earliest is None or win.end_earliest is None:
            return False
        if (win.end_earliest - win.start_earliest).days > 31:
            return False
        following = [a for a in attributions if a.verb_start > w.end]
        return bool(following) and following[0].saying

    def window_for(
        self, figure: FigureMatch, sentence: Sentence, attributions: Sequence[_Attribution]
    ) -> Window | None:
        text = self.text
        lo, hi = max(sentence.start, figure.start - _REACH), min(sentence.end, figure.end + _REACH)
        candidates = self.windows_in(lo, hi)
        content: list[WindowMatch] = []
        reporting: list[WindowMatch] = []
        for w in candidates:
            (reporting if self.is_reporting_time(w, sentence, attributions) else content).append(w)
        after = [
            w
            for w in content
            if w.start >= figure.end
            and not any(ch in _BOUNDARY for ch in text[figure.end : w.start])
        ]
        before = [w for w in content if w.end <= figure.start]
        chosen: WindowMatch | None = None
        if after:
            chosen = after[0]
        elif before:
            chosen = before[-1]
        if chosen is not None:
            return self.with_as_of(chosen, content)
        if reporting:
            near = min(reporting, key=lambda w: abs(w.start - figure.start))
            win = near.window
            if win.end_earliest is None or win.end_latest is None:
                return None
            # Reported some day within the expression ("In February"): a total as of then.
            return Window(
                start_earliest=None,
                start_latest=None,
                end_earliest=win.start_earliest or win.end_earliest,
                end_latest=win.end_latest,
                kind="point",
                text=near.text,
            )
        return None

    def with_as_of(self, chosen: WindowMatch, content: Sequence[WindowMatch]) -> Window:
        # "since 2022, as of Nov. 6" found as two expressions: read them together.
        if chosen.text.lower().startswith("since") and "as of" not in chosen.text.lower():
            for w in content:
                if w.start > chosen.end and w.text.lower().startswith("as of"):
                    try:
                        return parse_window(
                            f"{chosen.text} {w.text}",
                            reference=self.reference,
                            calendar=self.calendar,
                        )
                    except ClaimrecError:
                        break
        return chosen.window

    # -- measures

    def measure_for(
        self,
        figure: FigureMatch,
        sentence: Sentence,
        earlier: Sequence[tuple[FigureMatch, str]],
        contexts: Sequence[str],
    ) -> str:
        text, synonyms = self.text, self.synonyms
        events = _event_tokens(synonyms)
        limit = min(sentence.end, figure.end + 200)
        tail = self.tail_words(figure.end, limit)
        counted_words = _WORD.findall(figure.counted or "")
        used = 0
        if counted_words:
            last = counted_words[-1]
            for i, (word, _, _) in enumerate(tail[:14]):
                if word == last:
                    used = i + 1
                    break
        phrase_end = tail[used - 1][2] if used else figure.end
        parts: list[str] = [w for w, _, _ in tail[:used]]
        rest = tail[used:]
        state = _STATE_PP.match(text, phrase_end, limit)
        if state is not None:
            parts.extend(_WORD.findall(state.group()))
            rest = [t for t in rest if t[1] >= state.end()]
        elif (parts and parts[-1].lower() in _GENERIC and rest) or (
            rest and rest[0][0].lower() == "being"
        ):
            parts, rest = self.complement(parts, rest)
        parts = [p for p in parts if p.lower() not in _COUNTING_WORDS and not _adverb(p)]
        phrase = " ".join(parts)
        if figure.value.unit.dimensionality == {"[time]": 1}:
            return self.duration_measure(figure, sentence, phrase, state)
        tokens = _key_tokens(phrase, synonyms)
        governing = self.event_before(figure, sentence, rest)
        if governing and not _key_tokens(governing, synonyms) <= tokens:
            phrase = f"{phrase} {governing}".strip()
        elif not tokens & events:
            phrase = f"{phrase} {self.event_after(rest)}".strip()
        if parts and _key_tokens(phrase, synonyms) <= _GENERIC_KEYS:
            # "24 separate incidents" of what the clause's other figure counts.
            for _, other in reversed(earlier):
                if _key_tokens(other, synonyms) & events:
                    phrase = f"{phrase} of {other}"
                    break
        if parts and _key_tokens(phrase, synonyms) <= _GENERIC_KEYS:
            # "In nearly 100% of cases, prisoners are held in isolation": the next clause.
            phrase = f"{phrase} {self.next_clause(tail, limit)}".strip()
        if not _key_tokens(phrase, synonyms):
            phrase = " ".join(w for w, _, _ in tail[:8] if not _adverb(w))
        phrase = _with_context(phrase, contexts, synonyms)
        unit = unit_name(figure.value.unit)
        if unit == "percent":
            phrase = f"share of {phrase}"
        if not _key_tokens(phrase, synonyms):
            phrase = f"unspecified {unit}"
        return phrase

    def tail_words(self, start: int, limit: int) -> list[tuple[str, int, int]]:
        """Words after a figure up to the end of its clause, a time expression or a figure."""
        text = self.text
        stop = limit
        i = bisect.bisect_left(self.window_starts, start)
        if i < len(self.windows) and self.windows[i].start < stop:
            stop = self.windows[i].start
        out: list[tuple[str, int, int]] = []
        for m in _TOKEN.finditer(text, start, stop):
            token = m.group()
            if len(token) == 1 and token in _BOUNDARY:
                break
            if _WORD.fullmatch(token) is None:
                continue
            if token[:1].isdigit():
                break
            out.append((token, m.start(), m.end()))
            if len(out) >= 20:
                break
        return out

    def next_clause(self, tail: list[tuple[str, int, int]], limit: int) -> str:
        start = tail[-1][2] if tail else None
        if start is None or not self.text[start:limit].lstrip().startswith(","):
            return ""
        comma = self.text.index(",", start)
        words = self.tail_words(comma + 1, limit)[:8]
        return " ".join(w for w, _, _ in words if w.lower() not in _SKIP_AFTER)

    def complement(
        self, parts: list[str], rest: list[tuple[str, int, int]]
    ) -> tuple[list[str], list[tuple[str, int, int]]]:
        """The complement of a generic noun: "cases of …", "cases where Russia executed POWs",
        "cases of soldiers being executed after surrendering"."""
        words = [w for w, _, _ in rest]
        lower = [w.lower() for w in words]
        if lower[:1] == ["where"] or lower[:2] == ["in", "which"]:
            clause = words[1:] if lower[0] == "where" else words[2:]
            clause = clause[:10]
            for i in range(len(clause)):
                n = _event_at(clause[i:], self.synonyms)
                if n:
                    obj = []
                    for w in clause[i + n :]:
                        if w.lower() in _COMPLEMENT_STOP:
                            break
                        obj.append(w)
                    # The subject is the perpetrator: it is not part of what is counted.
                    return [*parts, "of", *obj, *clause[i : i + n]], rest[len(rest) :]
            return parts, rest
        taken: list[str] = []
        i = 0
        if lower[:1] == ["of"]:
            while i < len(words) and lower[i] not in _COMPLEMENT_STOP and lower[i] != "being":
                taken.append(words[i])
                i += 1
        if i < len(words) and lower[i] == "being":
            i += 1
            while i < len(words) and _adverb(words[i]):
                i += 1
            if i < len(words):
                taken.append(words[i])
                i += 1
                if i + 1 < len(words) and lower[i] in ("after", "while", "when", "before"):
                    taken.extend(words[i : i + 2])
                    i += 2
        return [*parts, *taken], rest[i:]

    def duration_measure(
        self, figure: FigureMatch, sentence: Sentence, phrase: str, state: re.Match[str] | None
    ) -> str:
        """How long something lasted: "spent more than two years in captivity" →
        "time spent in captivity"; the unit ("years") is not the measure."""
        before = _words(self.text, max(sentence.start, figure.start - 80), figure.start)
        lead: list[str] = []
        for word, _start, stop in reversed(before):
            if any(ch in _BOUNDARY for ch in self.text[stop : figure.start]) or len(lead) >= 4:
                break
            lead.insert(0, word)
        lead = [w for w in lead if w.lower() not in _DURATION_STOP]
        place = state.group().strip() if state is not None else ""
        words = " ".join([*lead, place]).strip()
        return f"time {words}" if words else f"time {phrase}"

    def event_after(self, rest: list[tuple[str, int, int]]) -> str:
        words = [w for w, _, _ in rest]
        j = 0
        while j < len(words) and j < 4 and words[j].lower() in _SKIP_AFTER:
            j += 1
        n = _event_at(words[j:], self.synonyms)
        if not n:
            return ""
        event = [_event_text(words[j : j + n])]
        j += n
        # "exchanged and returned to Ukraine": coordinated events and a destination.
        if j + 1 < len(words) and words[j].lower() in ("and", "or"):
            m = _event_at(words[j + 1 :], self.synonyms)
            if m:
                event += [words[j], _event_text(words[j + 1 : j + 1 + m])]
                j += 1 + m
        if j + 1 < len(words) and words[j] == "to" and _is_qualifier(words[j + 1]):
            event += words[j : j + 2]
        return " ".join(event)

    def event_before(
        self, figure: FigureMatch, sentence: Sentence, rest: list[tuple[str, int, int]]
    ) -> str:
        """The event verb governing a figure as its object: "executed at least 124 …"."""
        synonyms = self.synonyms
        words = [w for w, _, _ in rest]
        floor = max(sentence.start, figure.start - 80)
        for i in range(figure.start - 1, floor - 1, -1):
            if self.text[i] in _BOUNDARY:
                floor = i + 1
                break
        back = [w for w, _, _ in _words(self.text, floor, figure.start)]
        k = len(back)
        while k > 0 and len(back) - k < 3 and back[k - 1].lower() in _SKIP_AFTER:
            k -= 1
        for n in (2, 1):
            if k - n >= 0 and _event_at(back[k - n : k], synonyms) == n:
                event = _event_text(back[k - n : k])
                if back[k - 1].lower() in DEPLOYMENT_WORDS and words[:1] == ["to"]:
                    destination = [w for w in words[1:3] if w[:1].isupper()]
                    if destination:
                        event = f"{event} to {' '.join(destination)}"
                return event
        return ""


def _event_text(words: Sequence[str]) -> str:
    # "trading" reads as "traded": the table knows past participles.
    if len(words) == 1 and words[0].lower().endswith("ing") and len(words[0]) > 5:
        return words[0][:-3] + "ed"
    return " ".join(words)


def _adverb(word: str) -> bool:
    lower = word.lower()
    return len(lower) > 4 and lower.endswith("ly") and lower not in ("only", "family", "italy")


# --- not claims ----------------------------------------------------------------------------

_ANAPHORA = re.compile(r"(?i)\b(?:these|those|both)\s+$")
_STREET = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Boulevard|Blvd|"
    r"Square|Drive|Highway|Prospekt|Avenida|Strasse|Straße|Vulytsia)\b"
)


def _is_claim_figure(text: str, figure: FigureMatch) -> bool:
    written = figure.text.strip().lower()
    if written == "one":  # "one of the videos", "one Russian soldier": a pronoun, not a count
        return False
    if figure.value.kind == "exact" and _STREET.match(text, figure.end, figure.end + 80):
        return False  # "12 Main Street": an address
    # "these two soldiers" refers back to figures already counted.
    return _ANAPHORA.search(text, max(0, figure.start - 8), figure.start) is None


# --- one page -------------------------------------------------------------------------------


def _quote_span(text: str, sentence: Sentence, figure: FigureMatch) -> tuple[int, int]:
    if sentence.end - sentence.start <= _MAX_QUOTE:
        return sentence.start, sentence.end
    start = max(sentence.start, figure.start - _MAX_QUOTE // 2)
    end = min(sentence.end, figure.end + _MAX_QUOTE // 2)
    # Cut at a space near each end when there is one (a few steps, whatever the text).
    space = text.find(" ", start, min(figure.start, start + 40))
    start = space + 1 if space >= 0 else start
    space = text.rfind(" ", max(figure.end, end - 40), end)
    end = space if space >= 0 else end
    return start, end


def _inside(spans: Sequence[tuple[int, int]], starts: Sequence[int], position: int) -> int:
    i = bisect.bisect_right(starts, position) - 1
    if i >= 0 and spans[i][0] <= position < spans[i][1]:
        return i
    return -1


def _choose_reporter(
    figure: FigureMatch,
    attributions: Sequence[_Attribution],
    quote_attribution: Reporter | None,
) -> Reporter | None:
    if quote_attribution is not None:
        return quote_attribution
    before = [a for a in attributions if a.verb_end <= figure.start and a.start < figure.start]
    if before:
        return before[-1].reporter
    after = [a for a in attributions if a.start >= figure.end]
    if after:
        return after[0].reporter
    return attributions[0].reporter if attributions else None


def _found_on_page(
    page: Page,
    *,
    reference: DateRange | None,
    outlet: str | None,
    policy: Policy,
    reporters: ReporterTable | None,
    synonyms: MeasureSynonyms | None,
    calendar: EventCalendar | None,
) -> list[_Found]:
    text = page.text
    binder = _Binder(page, reference=reference, calendar=calendar, synonyms=synonyms)
    figures = [
        f
        for f in find_values(page.scan, policy=policy)
        if _is_claim_figure(text, f) and not binder.overlaps_window(f)
    ]
    speakers = _Speakers(reporters, outlet)
    attributor = _Attributor(text, find_reporters(page.scan, table=reporters), speakers)
    sentences = page.sentences
    attributions = [attributor.sentence(s.start, s.end) for s in sentences]
    sentence_starts = [s.start for s in sentences]
    quote_starts = [q[0] for q in page.quotes]
    headlines = [text[s.start : s.end] for s in sentences if s.headline][:3]

    found: list[_Found] = []
    by_sentence: dict[int, list[tuple[FigureMatch, str]]] = {}
    for figure in figures:
        index = bisect.bisect_right(sentence_starts, figure.start) - 1
        if index < 0 or figure.end > sentences[index].end:
            continue
        sentence = sentences[index]
        own = attributions[index]
        quoted = _inside(page.quotes, quote_starts, figure.start)
        quote_reporter = (
            _quote_reporter(page, quoted, sentences, sentence_starts, attributions)
            if quoted >= 0
            else None
        )
        reporter = _choose_reporter(figure, own, quote_reporter)
        window = binder.window_for(figure, sentence, own)
        contexts = [
            text[s.start : s.end]
            for s in sentences[max(0, index - 2) : index]
            if s.line == sentence.line or not s.headline
        ][::-1]
        contexts += [h for h in headlines if h != text[sentence.start : sentence.end]]
        earlier = by_sentence.setdefault(index, [])
        measure = binder.measure_for(figure, sentence, earlier, contexts)
        earlier.append((figure, measure))
        quote = _quote_span(text, sentence, figure)
        found.append(_Found(figure, sentence, measure, window, reporter, quote))
    _inherit_headlines(found, synonyms)
    _repeat_copies(page, found)
    return found


def _quote_reporter(
    page: Page,
    quoted: int,
    sentences: Sequence[Sentence],
    sentence_starts: Sequence[int],
    attributions: Sequence[Sequence[_Attribution]],
) -> Reporter | None:
    """The speaker of a quoted passage: named right after it, else right before it."""
    start, end = page.quotes[quoted]
    index = bisect.bisect_right(sentence_starts, end) - 1
    if index >= 0:
        for a in attributions[index]:
            if a.start >= end and a.start - end <= 40:
                return a.reporter
    index = bisect.bisect_right(sentence_starts, start) - 1
    if index >= 0:
        before = [a for a in attributions[index] if a.end <= start and start - a.end <= 40]
        if before:
            return before[-1].reporter
    return None


def _inherit_headlines(found: list[_Found], synonyms: MeasureSynonyms | None) -> None:
    """A headline's figure repeated in the body is the body's claim: same measure and
    window, and its reporter when the headline names none."""
    body = [f for f in found if not f.sentence.headline]
    for item in found:
        if not item.sentence.headline or item.figure.value.stated is None:
            continue
        mine = _key_tokens(item.measure, synonyms)
        for other in body:
            value = other.figure.value
            if value.stated != item.figure.value.stated or value.unit != item.figure.value.unit:
                continue
            theirs = _key_tokens(other.measure, synonyms)
            if mine and theirs and not mine & theirs:
                continue
            item.measure = other.measure
            item.window = other.window
            if item.reporter is None:
                item.reporter = other.reporter
            break


def _repeat_copies(page: Page, found: list[_Found]) -> None:
    """A line repeated word for word (a page that repeats its own text) gives the same
    claims as its first copy: mentions, never new claims."""
    text = page.text
    first: dict[str, int] = {}
    copies: dict[int, int] = {}
    for index, line in enumerate(page.lines):
        key = " ".join(text[line.start : line.end].split())
        if len(key) < 20:
            continue
        if key in first:
            copies[index] = first[key]
        else:
            first[key] = index
    if not copies:
        return
    by_offset: dict[tuple[int, int], _Found] = {}
    for item in found:
        line = page.lines[item.sentence.line]
        by_offset[item.sentence.line, item.figure.start - line.start] = item
    for item in found:
        original_line = copies.get(item.sentence.line)
        if original_line is None:
            continue
        offset = item.figure.start - page.lines[item.sentence.line].start
        original = by_offset.get((original_line, offset))
        if original is not None:
            item.measure, item.window, item.reporter = (
                original.measure,
                original.window,
                original.reporter,
            )


# --- measures across claims -------------------------------------------------------------


def _dimension(item: Claim) -> str:
    unit = item.value.unit
    return unit_name(unit) if unit.dimensionless else str(unit.dimensionality)


def merge_measures(
    claims: Sequence[Claim], *, synonyms: MeasureSynonyms | None = None
) -> list[Claim]:
    """Merge under-specified measure keys into a unique more specific one.

    A key merges into another when (conservatively) all of these hold: it names an
    event ("execution", "missing"); none of its claims' measure texts has a proper
    qualifier (a nationality or place, e.g. "POW executions"); the other key contains
    all its words, has the same unit dimension, and adds only words written as proper
    qualifiers ("Ukrainian"); and that other key is the only inclusion-minimal such
    key. "execution pow" joins "execution pow ukrainian" when nothing else competes;
    a key that is already qualified never moves.
    """
    events = _event_tokens(synonyms)
    qualified: dict[tuple[str, str], bool] = {}
    qualifiers: dict[tuple[str, str], set[str]] = {}
    for item in claims:
        group = (_dimension(item), item.measure)
        text = item.measure_text or item.measure
        qualified[group] = qualified.get(group, False) or _has_qualifier(text)
        bucket = qualifiers.setdefault(group, set())
        for word in _WORD.findall(text):
            if _is_qualifier(word):
                bucket.update(measure_key(word, synonyms=synonyms).split())
    mapping: dict[tuple[str, str], str] = {}
    for (dimension, key), is_qualified in qualified.items():
        tokens = set(key.split())
        if is_qualified or not tokens & events:
            continue
        supersets = [
            other
            for (dim, other) in qualified
            if dim == dimension
            and other != key
            and tokens < set(other.split())
            and set(other.split()) - tokens <= qualifiers[dim, other]
        ]
        minimal = [
            s for s in supersets if not any(set(t.split()) < set(s.split()) for t in supersets)
        ]
        if len(minimal) == 1:
            mapping[dimension, key] = minimal[0]
    if not mapping:
        return list(claims)
    out: list[Claim] = []
    for item in claims:
        target = mapping.get((_dimension(item), item.measure))
        out.append(item if target is None else replace(item, measure=target))
    return out


# --- public API -----------------------------------------------------------------------------


def page_text(text: str, *, html: bool | None = None) -> str:
    """The text that spans of :func:`extract` index: ``text`` itself for plain text,
    the visible text for HTML (``html=None`` detects tags)."""
    if not isinstance(text, str):
        raise ClaimError("article text must be a string", field="text", text=repr(text)[:80])
    return read_page(text, html=html).text


def _claims(
    text: str,
    *,
    published: PublishedLike | None,
    outlet: str | None,
    url: str | None,
    document: str | None,
    policy: Policy,
    reporters: ReporterTable | None,
    synonyms: MeasureSynonyms | None,
    calendar: EventCalendar | None,
    html: bool | None,
) -> list[Claim]:
    if not isinstance(text, str):
        raise ClaimError("article text must be a string", field="text", text=repr(text)[:80])
    published_range = read_published(published)
    reference = published_range  # relative expressions are read against it
    page = read_page(text, html=html)
    found = _found_on_page(
        page,
        reference=reference,
        outlet=outlet,
        policy=policy,
        reporters=reporters,
        synonyms=synonyms,
        calendar=calendar,
    )
    claims: list[Claim] = []
    for item in found:
        start, end = item.quote
        try:
            made = claim(
                item.figure.value,
                measure=item.measure,
                counted=item.figure.counted,
                window=item.window,
                reporter=item.reporter,
                published=published_range,
                via=outlet or None,
                url=url or None,
                document=document,
                quote=page.text[start:end],
                span=(start, end),
                policy=policy,
                reporters=reporters,
                synonyms=synonyms,
                calendar=calendar,
            )
        except ClaimrecError:
            continue  # a figure that cannot stand as a claim (no measure left): not a claim
        claims.append(replace(made, value_text=item.figure.text))
    return merge_measures(claims, synonyms=synonyms)


def extract(
    text: str,
    *,
    published: PublishedLike | None = None,
    outlet: str | None = None,
    url: str | None = None,
    document: str | None = None,
    policy: Policy = DEFAULT_POLICY,
    reporters: ReporterTable | None = None,
    synonyms: MeasureSynonyms | None = None,
    calendar: EventCalendar | None = None,
    html: bool | None = None,
) -> pd.DataFrame:
    """The claims found in an article, one row per mention, in ``CANONICAL_COLUMNS``.

    ``published`` (a day, ``"2025-05"`` or ``"2025"``) is the reference for relative
    time expressions and the date a claim without a window stands at. ``outlet``
    becomes ``via``; ``document`` and ``url`` identify the source. Every row's
    ``quote`` is ``page_text(text)[span_start:span_end]`` — for plain text that is
    ``text`` itself; for HTML (``html=True``, or detected when None) it is the
    page's visible text. A figure repeated (a headline, a page repeating itself)
    gives further mentions of one claim (rows sharing ``claim_id``).

    >>> df = extract("Russian forces have executed at least 124 Ukrainian prisoners of war "
    ...              "since 2022 as of Nov. 6, the Prosecutor General's Office said.",
    ...              published="2024-11-11", outlet="Kyiv Independent")
    >>> row = df.iloc[0]
    >>> (float(row["low"]), row["kind"], row["measure"], row["reporter"])
    (124.0, 'at_least', 'execution pow ukrainian', 'Office of the Prosecutor General of Ukraine')
    """
    claims = _claims(
        text,
        published=published,
        outlet=outlet,
        url=url,
        document=document,
        policy=policy,
        reporters=reporters,
        synonyms=synonyms,
        calendar=calendar,
        html=html,
    )
    return to_frame(claims)


# --- files ------------------------------------------------------------------------------------

PublicationsLike = pd.DataFrame | str | os.PathLike[str] | Mapping[str, object]


def _article_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                )
            )
        elif path.is_file():
            out.append(path)
        else:
            raise ClaimError("no such file or folder", field="paths", text=str(path))
    return list(dict.fromkeys(out))


def _facts_from_frame(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    columns = {str(c).strip().lower(): c for c in frame.columns}
    if "file" not in columns:
        raise ClaimError("a publications table needs a 'file' column", field="publications")
    facts: dict[str, dict[str, str]] = {}
    for _, row in frame.iterrows():
        name = str(row[columns["file"]]).strip()
        entry: dict[str, str] = {}
        for field_name in ("outlet", "url", "published"):
            if field_name in columns:
                cell = row[columns[field_name]]
                if isinstance(cell, str) and cell.strip():
                    entry[field_name] = cell.strip()
                elif cell is not None and not pd.isna(cell) and str(cell).strip():
                    entry[field_name] = str(cell).strip()
        facts[name] = entry
    return facts


def _read_table(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.lstrip().startswith("#")]
    return pd.read_csv(io.StringIO("".join(lines)), dtype=str, keep_default_na=False)


def _publications(publications: PublicationsLike | None) -> dict[str, dict[str, str]]:
    if publications is None:
        return {}
    if isinstance(publications, pd.DataFrame):
        return _facts_from_frame(publications)
    if isinstance(publications, str | os.PathLike):
        return _facts_from_frame(_read_table(Path(publications)))
    facts: dict[str, dict[str, str]] = {}
    for name, value in publications.items():
        if isinstance(value, Mapping):
            facts[str(name)] = {str(k): str(v) for k, v in value.items() if v is not None}
        elif value is not None:
            facts[str(name)] = {"published": str(value)}
    return facts


def _lookup(facts: Mapping[str, dict[str, str]], path: Path) -> dict[str, str]:
    for key in (path.name, str(path), path.stem):
        if key in facts:
            return facts[key]
    return {}


class _Progress:
    """A one-line progress indicator on stderr (no dependency)."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self.shown < 0.1:
            return
        self.shown = now
        width = 24
        filled = width * done // max(1, self.total)
        bar = "#" * filled + "-" * (width - filled)
        elapsed = now - self.started
        self.stream.write(
            f"\rextracting [{bar}] {done}/{self.total} files {elapsed:5.1f}s {name[:30]:<30}"
        )
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _show_progress(progress: bool | None, total: int, stream: TextIO) -> bool:
    if progress is not None:
        return progress
    return total > 20 and bool(getattr(stream, "isatty", lambda: False)())


def extract_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    publications: PublicationsLike | None = None,
    progress: bool | None = None,
    **options: object,
) -> pd.DataFrame:
    """The claims of article files and folders (.txt, .html, .htm, .md), all in one frame.

    Publication facts (``outlet``, ``url``, ``published``) come from
    ``publications`` — a DataFrame, a CSV path or a mapping ``{file: {...}}`` /
    ``{file: published}`` — and otherwise from a ``publications.csv`` next to the
    files (columns ``file,outlet,url,published``, like ``seeds/publications.csv``).
    ``document`` is the file name. Other keyword options go to :func:`extract`.
    Measure keys are then merged across the whole batch (:func:`merge_measures`).
    A progress line is written to stderr when ``progress`` is True, or when it is
    None, stderr is a terminal and there are more than 20 files.
    """
    files = _article_paths(paths)
    given = _publications(publications)
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    stream = sys.stderr
    bar = _Progress(len(files), stream, _show_progress(progress, len(files), stream))
    policy = options.pop("policy", DEFAULT_POLICY)
    reporters = options.pop("reporters", None)
    synonyms = options.pop("synonyms", None)
    calendar = options.pop("calendar", None)
    html_option = options.pop("html", None)
    if options:
        raise ClaimError("unknown option", field="options", text=", ".join(sorted(options)))
    assert isinstance(policy, Policy)
    assert reporters is None or isinstance(reporters, ReporterTable)
    assert synonyms is None or isinstance(synonyms, MeasureSynonyms)
    assert calendar is None or isinstance(calendar, EventCalendar)
    assert html_option is None or isinstance(html_option, bool)
    claims: list[Claim] = []
    for done, path in enumerate(files, start=1):
        folder = path.parent
        if folder not in sidecars:
            sidecar = folder / "publications.csv"
            sidecars[folder] = _publications(sidecar) if sidecar.is_file() else {}
        facts = _lookup(given, path) or _lookup(sidecars[folder], path)
        text = path.read_text(encoding="utf-8", errors="replace")
        is_html = True if path.suffix.lower() in (".html", ".htm") else html_option
        claims.extend(
            _claims(
                text,
                published=facts.get("published") or None,
                outlet=facts.get("outlet") or None,
                url=facts.get("url") or None,
                document=path.name,
                policy=policy,
                reporters=reporters,
                synonyms=synonyms,
                calendar=calendar,
                html=is_html,
            )
        )
        bar.update(done, path.name)
    claims = merge_measures(claims, synonyms=synonyms)
    frame = to_frame(claims)
    return frame.reset_index(drop=True)
