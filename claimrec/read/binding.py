"""Window binding: which time expression governs a figure.

The rules are lists of ``data/en/binding.txt``; ``docs/windows.md`` ("Which
window a figure gets") states them with examples. In order, a figure gets

1. no window when it is itself a length of time ("a two-hour extension");
2. the time expression of its own clause: the first one after it with no other
   figure in between, else the nearest one before it in its sentence — never a
   time of reporting ("…, X said on Saturday"), the base of a comparison
   ("compared with the same period in 2023"), a superlative's "since 2007", nor
   the date of a disaster or a conflict ("the October 8 quake", "last month's
   storm": a toll from it stands as of the report). "since the war began" and
   "in the first hours after the quake" are read with the date the text gives
   the event elsewhere. A "since …" and an "as of …" of one sentence are read
   together; of two nested expressions the narrower governs;
3. the time of the sentence before when it says "that month", "the day's";
4. the day of the event it takes part in: a figure of a march, a vote, a strike,
   an attack ("Saturday's rally", "protests were held on Sunday") when its
   sentence names such an event or its people (marchers, turnout, detained);
5. a reporting time of its sentence, read as a total standing at that date;
6. none: the claim stands as of publication (no start is ever invented; see
   :mod:`claimrec.read.claims`). The evidence, ``Window.text``, is the words the
   window came from.

A figure that is a property of a dated event (its magnitude) stands at the
event's date. Every scan is bounded by the sentence and by :data:`REACH`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from claimrec._text import alternation
from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimrecError
from claimrec.lexicon import Lexicon, per_lexicon
from claimrec.read.attribution import Attribution
from claimrec.read.figures import FigureMatch
from claimrec.read.page import Page, Sentence
from claimrec.read.spans import BOUNDARY
from claimrec.read.times import find_windows, parse_window
from claimrec.window import Window, WindowMatch

__all__ = ["REACH", "BindingWords", "WindowBinder", "binding_words"]

# How far (in characters) around a figure its sentence is searched for windows and
# attributions: bounds the work per figure on hostile one-sentence inputs.
REACH = 400
# How far before or after a time expression its event is looked for.
_NEAR = 90
# Punctuation that ends a clause for good: an "after" window never reaches over it.
_HARD = frozenset(";:—–!?")
# An event dated within this many days before publication is the news itself: the
# counts around it run on (a toll "from the October 8 quake" stands as of the report).
_RECENT_DAYS = 92
_WORDS = r"(?:[\w’'-]+\s+)"
_POSSESSIVE = re.compile(r"['’]s\b")
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]{0,80}[)\]]")


@dataclass(frozen=True, slots=True, eq=False)
class BindingWords:
    """The lists of binding.txt, compiled once per lexicon."""

    events: dict[str, str]  # event noun -> "day" | "disaster" | "ongoing"
    period_opener: re.Pattern[str]
    saying_after: re.Pattern[str]  # "… on Sunday evening said"
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
    rolling: re.Pattern[str]
    anaphora: re.Pattern[str]
    properties: re.Pattern[str]
    since_began: re.Pattern[str]  # "since the war began " before a time
    reference: re.Pattern[str]  # "since the war", "in the first hours after the quake"
    after_units: dict[str, str]
    numbers: dict[str, int]


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
    prepositions = alternation(lexicon.words("binding_event_prepositions"))
    verbs = alternation(lexicon.words("binding_event_verbs"))
    day_nouns = _nouns({k: v for k, v in events.items() if v == "day"}, months)
    day = alternation(lexicon.words("binding_day_words"))
    saying = alternation(lexicon.words("binding_saying_after"))
    edges = alternation(lexicon.words("binding_event_edges"))
    units = lexicon.table("binding_after_units")
    count = alternation(set(lexicon.numbers("small_numbers")) | {"few", "first", "next"})
    numbers = dict(lexicon.numbers("small_numbers"))
    flags = re.IGNORECASE
    return BindingWords(
        events=events,
        period_opener=re.compile(rf"\s*{alternation(lexicon.words('period_openers'))}\b", flags),
        saying_after=re.compile(rf"\s+(?:[a-z]+\s+)?{saying}\b", flags),
        saying_before=re.compile(rf"\b{saying}\s+(?:on\s+)?$", flags),
        possessive=re.compile(rf"['’]s\s+{_WORDS}{{0,3}}?(?P<noun>{noun})\b", flags),
        attributive=re.compile(rf"\s+{_WORDS}{{0,2}}?(?P<noun>{noun})\b", flags),
        determiner_before=re.compile(rf"\b{det}\s+{_WORDS}{{0,2}}$", flags),
        noun_before=re.compile(
            rf"\b(?:{det}|[\w]+['’]s)\s+(?:[\w.,’'-]+\s+){{0,2}}?"
            rf"(?P<noun>{noun})\s+$",
            flags,
        ),
        verb_before=re.compile(rf"\b(?:{verbs})\s+{_WORDS}{{0,4}}$", flags),
        noun_anywhere=re.compile(rf"\b(?P<noun>{noun})\b", flags),
        when_after=re.compile(
            rf",?\s+when\s+(?:the\s+)?{_WORDS}{{0,2}}?(?P<noun>{noun})\s+(?:{verbs})\b", flags
        ),
        in_event_after=re.compile(
            rf"\s+{prepositions}\s+{det}\s+{_WORDS}{{0,3}}?"
            rf"(?P<noun>{day_nouns})\b",
            flags,
        ),
        day_words=re.compile(
            rf"\b(?:{day_nouns}|{day})\b|{lexicon.regex('binding_day_phrases')}"
            rf"|[#@]\w*?{day_nouns}",
            flags,
        ),
        comparison=re.compile(lexicon.regex("binding_comparison"), flags),
        superlative=re.compile(
            rf"\b{det}\s+(?:[\w-]+\s+)?"
            rf"{alternation(lexicon.words('binding_superlatives'))}\s+{_WORDS}{{0,6}}$",
            flags,
        ),
        reporting_lead=re.compile(lexicon.regex("binding_reporting_leads"), flags),
        as_of_lead=re.compile(lexicon.regex("binding_as_of_leads"), flags),
        rolling=re.compile(
            rf"\b(?:{alternation(lexicon.words('rolling_words') | {'last'})})\b", flags
        ),
        anaphora=re.compile(lexicon.regex("binding_anaphora"), flags),
        properties=re.compile(
            rf"\b{alternation(lexicon.words('binding_event_properties'))}\b", flags
        ),
        since_began=re.compile(
            rf"\bsince\s+(?:the\s+)?{_WORDS}{{0,2}}?(?P<noun>{noun})\s+(?:{verbs})"
            rf"(?:\s+(?:on|in))?\s*$",
            flags,
        ),
        reference=re.compile(
            rf"\b(?:in\s+the\s+(?P<count>{count}|\d{{1,3}})\s+"
            rf"(?:(?P<count2>{count}|\d{{1,3}})\s+)?(?P<unit>{alternation(units)})\s+"
            rf"(?:after|following|since)|since)\s+"
            rf"(?:(?:the\s+)?(?:{edges})\s+of\s+)?"
            rf"(?:{det}\s+|(?:(?-i:[A-Z])[\w’'-]*\s+){{1,3}}"
            rf"(?:{verbs}|invaded)\s+(?:the\s+|its\s+)?)?"
            rf"{_WORDS}{{0,2}}?(?P<noun>{noun})\b",
            flags,
        ),
        after_units=units,
        numbers=numbers,
    )


def _nouns(events: dict[str, str], months: frozenset[str]) -> str:
    """An alternation of event nouns; one that is also a month is read in lower case."""
    plain = alternation(k for k in events if k not in months)
    homographs = [k for k in events if k in months]
    if not homographs:
        return plain
    return f"(?:{plain}|(?-i:{alternation(homographs)}))"


@dataclass(frozen=True, slots=True)
class _Event:
    """An event the page dates: its noun, what its figures count, and its date."""

    position: int
    noun: str
    kind: str  # "day" | "disaster" | "ongoing" (binding.txt)
    match: WindowMatch
    named: bool = True  # the text ties the time to the event ("Saturday's rally")


def _singular(noun: str) -> str:
    noun = noun.lower()
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _one_day(window: Window) -> date | None:
    """The day of a window that covers at most two days (an event's day)."""
    first = window.start_earliest or window.end_earliest
    last = window.end_latest
    if first is None or last is None or (last - first).days > 1:
        return None
    return window.end_earliest


def _at(window: Window, text: str) -> Window:
    """A total standing at the window's date: "In February" read as a point."""
    if window.end_earliest is None or window.end_latest is None:
        return window
    return Window(
        start_earliest=None,
        start_latest=None,
        end_earliest=window.start_earliest or window.end_earliest,
        end_latest=window.end_latest,
        kind="point",
        text=text,
    )


def _is_duration(figure: FigureMatch) -> bool:
    unit = figure.value.unit
    try:
        return unit is not None and str(unit.dimensionality) == "[time]"
    except (AttributeError, TypeError, ValueError):
        return False


class WindowBinder:
    """The time expressions of one page, and the window each figure is bound to."""

    def __init__(
        self,
        page: Page,
        *,
        reference: DateRange | None,
        calendar: EventCalendar | None,
        lexicon: Lexicon,
    ) -> None:
        self.text = page.text
        self.reference = reference
        self.calendar = calendar
        self.lexicon = lexicon
        self.words = binding_words(lexicon)
        scan = page.scan
        self.windows = (
            find_windows(scan, reference=reference, calendar=calendar, lexicon=lexicon)
            if reference
            else []
        ) or find_windows(scan, calendar=calendar, lexicon=lexicon)
        self.window_starts = [w.start for w in self.windows]
        # Read by read_context (the page's sentences, attributions and figures).
        self.candidates: list[WindowMatch] = list(self.windows)
        self.candidate_starts = list(self.window_starts)
        self.roles: dict[int, str] = {}  # id(window) -> "event" | "base" (not a figure's)
        self.day_events: list[_Event] = []
        self.onsets: list[_Event] = []
        self.sentence_starts: list[int] = []
        self.sentences: Sequence[Sentence] = ()
        self.attributions: Sequence[Sequence[Attribution]] = ()
        self.figure_starts: list[int] = []
        self.bound: dict[int, Window] = {}  # sentence index -> last window bound in it
        self.onset_positions: list[int] = []
        self.onsets_by_noun: dict[str, tuple[list[_Event], list[int]]] = {}
        self.day_positions: list[int] = []
        self.main_event: _Event | None = None
        # The lede: the first sentence (not a headline) with a figure, and the period
        # (a stated start and end) its figures are bound to, which later figures with no
        # time of their own take ("in the first half of 2024", "since April 15").
        self.lede_index = -1
        self.lede_window: Window | None = None
        self.carried: set[int] = set()  # figures given the lede's period
        self._reported: dict[int, tuple[date, WindowMatch] | None] = {}
        # Where the page says "magnitude", "that month", "marchers": found once, then
        # looked up by position (every figure's scan stays within its reach).
        self.property_marks = [m.start() for m in self.words.properties.finditer(self.text)]
        self.anaphora_marks = [
            (m.start(), m.group()) for m in self.words.anaphora.finditer(self.text)
        ]
        self.anaphora_starts = [start for start, _ in self.anaphora_marks]
        self.day_marks = [m.start() for m in self.words.day_words.finditer(self.text)]
        self._last_content: dict[int, Window | None] = {}

    # --- the page -------------------------------------------------------------------

    def windows_in(self, start: int, end: int) -> list[WindowMatch]:
        lo = bisect.bisect_left(self.candidate_starts, start)
        out: list[WindowMatch] = []
        for w in self.candidates[lo:]:
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

    def read_context(
        self,
        sentences: Sequence[Sentence],
        attributions: Sequence[Sequence[Attribution]],
        figures: Sequence[FigureMatch],
    ) -> None:
        """Read the page's events and the role of each time expression, once."""
        self.sentences, self.attributions = sentences, attributions
        self.sentence_starts = [s.start for s in sentences]
        self.figure_starts = sorted(f.start for f in figures if not _is_duration(f))
        for f in figures:
            index = self._sentence_of(f.start)
            if index >= 0 and not sentences[index].headline:
                self.lede_index = index
                break
        for w in self.windows:
            index = self._sentence_of(w.start)
            if index >= 0:
                self._read_window(w, sentences[index], attributions[index])
        self.onset_positions = [e.position for e in self.onsets]
        self.day_positions = [e.position for e in self.day_events]
        self.main_event = next((e for e in self.day_events if e.named), None) or (
            self.day_events[0] if self.day_events else None
        )
        for event in self.onsets:
            events, positions = self.onsets_by_noun.setdefault(event.noun, ([], []))
            events.append(event)
            positions.append(event.position)
        extra: list[WindowMatch] = []
        for sentence in sentences:
            extra += self._references(sentence)
        if extra:
            self.candidates = sorted(
                [w for w in self.windows if not any(_covers(e, w) for e in extra)] + extra,
                key=lambda w: (w.start, -w.end),
            )
            self.candidate_starts = [w.start for w in self.candidates]

    def _sentence_of(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return -1
        return index

    def _read_window(
        self, w: WindowMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> None:
        """Whether a time expression dates an event, compares, or is a figure's."""
        text, words = self.text, self.words
        before = text[max(sentence.start, w.start - _NEAR) : w.start]
        after = text[w.end : min(sentence.end, w.end + _NEAR)]
        if words.comparison.search(before) and not words.period_opener.match(w.text):
            self.roles[id(w)] = "base"
            return
        if w.text.lower().startswith("since") and words.superlative.search(before):
            self.roles[id(w)] = "base"
            return
        noun, dates_only = self._dated_noun(w, sentence, before, after)
        reporting = self.is_reporting_time(w, sentence, attributions)
        if noun is not None:
            kind = self.words.events.get(" ".join(noun.lower().split()), "")
            event = _Event(w.start, _singular(noun), kind, w)
            if kind in ("disaster", "ongoing"):
                self.onsets.append(event)
                if dates_only and (kind == "ongoing" or self._recent(w.window)):
                    self.roles[id(w)] = "event"
                return
            if kind == "day" and not reporting and _one_day(w.window):
                self.day_events.append(event)
                return
        if reporting or _one_day(w.window) is None:
            return
        lo = max(sentence.start, w.start - _NEAR)
        hi = min(sentence.end, w.end + _NEAR)
        near = words.day_words.search(text, lo, hi)
        if near is not None and not any(ch in ".!?;" for ch in _between(text, near, w)):
            self.day_events.append(_Event(w.start, near.group().lower(), "day", w, named=False))

    def _recent(self, window: Window) -> bool:
        """An event of the last months: its figures are running totals, not its day's."""
        last = window.end_latest or window.start_latest
        if self.reference is None or last is None:
            return True
        return (self.reference.latest - last).days <= _RECENT_DAYS

    def _dated_noun(
        self, w: WindowMatch, sentence: Sentence, before: str, after: str
    ) -> tuple[str | None, bool]:
        """The event noun a time expression dates ("Friday's general strike", "the
        October 8 quake", "the tremor on Sunday", "the quake that hit … Sunday", "…
        on Sunday in a major rally"), and whether it dates only the event (not
        "since April 15, when the conflict erupted": that is the figure's too)."""
        words, opener = self.words, self.words.period_opener.match(w.text)
        m = words.possessive.match(after)
        if m is None and not opener and words.determiner_before.search(before):
            m = words.attributive.match(after)
        if m is None and not opener:
            m = words.noun_before.search(before)
        if m is not None:
            return m["noun"], True
        if words.verb_before.search(before):
            lo = max(sentence.start, w.start - 2 * _NEAR)
            named = _last(words.noun_anywhere, self.text, lo, w.start)
            if named is not None:
                return named, True
        if (m := words.when_after.match(after)) is not None:
            return m["noun"], False
        if (m := words.in_event_after.match(after)) is not None:
            return m["noun"], True
        return None, True

    def _references(self, sentence: Sentence) -> list[WindowMatch]:
        """ "since the war began on Feb. 24", "since the war", "after the storm"."""
        text, words = self.text, self.words
        out: list[WindowMatch] = []
        for w in self.windows_in(sentence.start, sentence.end):
            before = text[max(sentence.start, w.start - _NEAR) : w.start]
            m = words.since_began.search(before)
            if m is None:
                continue
            start = w.start - len(before) + m.start()
            made = self._since(w.window, text[start : w.end])
            if made is not None:
                self.roles[id(w)] = "event"
                out.append(
                    WindowMatch(start=start, end=w.end, text=text[start : w.end], window=made)
                )
        for m in words.reference.finditer(text, sentence.start, sentence.end):
            if any(o.start <= m.start() < o.end for o in out):
                continue
            event = self._event_named(m["noun"], m.start())
            if event is None:
                continue
            made = self._after(event.match.window, m)
            if made is not None:
                out.append(WindowMatch(start=m.start(), end=m.end(), text=m.group(), window=made))
        return out

    def _event_named(self, noun: str, position: int) -> _Event | None:
        """The dated disaster or conflict a noun refers to: the same noun, else any of its kind."""
        if self.words.events.get(" ".join(noun.lower().split())) not in ("disaster", "ongoing"):
            return None
        pool, positions = self.onsets_by_noun.get(
            _singular(noun), (self.onsets, self.onset_positions)
        )
        if not pool:
            return None
        i = bisect.bisect_left(positions, position)
        return pool[i - 1] if i > 0 else pool[0]  # the latest dated before the mention

    def _since(self, event: Window, text: str) -> Window | None:
        first = (event.start_earliest, event.start_latest)
        if first[0] is None:
            first = (event.end_earliest, event.end_latest)
        if first[0] is None or first[1] is None or self.reference is None:
            return None
        try:
            return _period(first[0], first[1], self.reference.earliest, self.reference.latest, text)
        except ClaimrecError:
            return None

    def _after(self, event: Window, m: re.Match[str]) -> Window | None:
        if m["unit"] is None:
            return self._since(event, m.group())
        day = event.start_earliest or event.end_earliest
        if day is None:
            return None
        unit = self.words.after_units.get(m["unit"].lower(), "")
        count = m["count2"] or m["count"]
        n = int(count) if count.isdigit() else self.words.numbers.get(count.lower(), 0)
        if unit == "hour":
            end = day + timedelta(days=(n + 23) // 24 if n else 0)
        elif n and unit in ("day", "week"):
            end = day + timedelta(days=n * (7 if unit == "week" else 1))
        elif n and unit == "month":
            end = _months_later(day, n)
        else:
            return None
        try:
            return _period(day, day, end, end, m.group())
        except ClaimrecError:
            return None

    # --- one figure -----------------------------------------------------------------

    def is_reporting_time(
        self, w: WindowMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> bool:
        text = self.text
        for a in attributions:
            between = text[a.verb_end : w.start] if a.verb_end <= w.start else None
            if between is not None and re.fullmatch(r"\s+(?:(?!that\b)[a-z]+\s+){0,3}", between):
                return True
        if self.words.period_opener.match(w.text):
            return False
        before = text[max(sentence.start, w.start - _NEAR) : w.start]
        if self.words.reporting_lead.search(before):
            return True
        if self.words.saying_before.search(before) and not _POSSESSIVE.match(text, w.end):
            return True  # "…, Khan, said Wednesday the quake left 69,000 injured"
        win = w.window
        if (
            _one_day(win) is not None
            and self.words.saying_after.match(text, w.end, min(sentence.end, w.end + 40))
            and not any(ch in BOUNDARY for ch in text[w.end : w.end + 2])
        ):
            return True  # "data sent by the ministry on Sunday evening said …"
        lead = text[sentence.start : w.start].strip(" \"“‘'")
        if lead or not text[w.end : w.end + 2].startswith(","):
            return False
        if win.start_earliest is None or win.end_earliest is None:
            return False
        if (win.end_earliest - win.start_earliest).days > 31:
            return False
        following = [a for a in attributions if a.verb_start > w.end]
        return bool(following) and following[0].saying

    def window_for(
        self, figure: FigureMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> Window | None:
        window = self._window_for(figure, sentence, attributions)
        index = self._sentence_of(figure.start)
        if window is not None and index >= 0:
            self.bound[index] = window
        return window

    def _window_for(
        self, figure: FigureMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> Window | None:
        if _is_duration(figure):
            return None
        text, words = self.text, self.words
        lo, hi = max(sentence.start, figure.start - REACH), min(sentence.end, figure.end + REACH)
        content: list[WindowMatch] = []
        reporting: list[WindowMatch] = []
        for w in self.windows_in(lo, hi):
            if self.roles.get(id(w)):
                continue
            (reporting if self.is_reporting_time(w, sentence, attributions) else content).append(w)
        chosen = self._own(figure, content)
        near = Sentence(lo, hi, sentence.line, sentence.headline)  # the figure's reach
        prop = self._is_property(figure, near)
        index = self._sentence_of(figure.start)
        if chosen is not None:
            window = self.with_as_of(chosen, content)
            before = text[max(sentence.start, chosen.start - _NEAR) : chosen.start]
            if (prop and _one_day(window)) or words.as_of_lead.search(before):
                return self._from_lede(_at(window, window.text), index)
            window = self._anchored(chosen, window, index)
            if index == self.lede_index and self.lede_window is None and _ranged(window):
                self.lede_window = window
            return self._from_lede(window, index)
        if prop:
            event = self._event_in(near)
            if event is not None:
                return _at(event.match.window, event.match.text)
        i = bisect.bisect_left(self.anaphora_starts, lo)
        if i < len(self.anaphora_starts) and self.anaphora_starts[i] < hi and index > 0:
            earlier = self._earlier_window(index)
            if earlier is not None:
                return replace(earlier, text=self.anaphora_marks[i][1])
        day = self._day_event(near)
        if day is not None:
            return replace(day.match.window, text=day.match.text)
        if reporting:
            nearest = min(reporting, key=lambda w: abs(w.start - figure.start))
            # Reported some day within the expression ("In February"): a total as of then.
            made = _at(nearest.window, nearest.text)
            return self._from_lede(made, index) if made.kind == "point" else None
        if self.lede_window is not None and index > self.lede_index:
            self.carried.add(figure.start)  # a repeat's window comes first (see repeats)
            return self.lede_window  # the period the article's first figures are of
        return None

    def _from_lede(self, window: Window, index: int) -> Window:
        """A total "as of Monday" in an article whose lede counts "since the war began"
        runs from the lede's start."""
        lede = self.lede_window
        if (
            lede is None
            or index <= self.lede_index
            or window.kind != "point"
            or self.reference is None
            or lede.end_latest != self.reference.latest
            or lede.start_earliest is None
            or lede.start_latest is None
            or window.end_earliest is None
        ):
            return window
        try:
            return _period(lede.start_earliest, lede.start_latest, window.end_earliest,
                           window.end_latest, window.text)  # fmt: skip
        except ClaimrecError:
            return window

    def _anchored(self, chosen: WindowMatch, window: Window, index: int) -> Window:
        """ "in the previous 24 hours" counted back from the day the report names."""
        if index < 0 or not self.words.rolling.search(chosen.text):
            return window
        for i in range(index, max(-1, index - 2), -1):
            reported = self._reported_day(i)
            if reported is None:
                continue
            day, w = reported
            if self.reference is not None and day == self.reference.latest:
                return window
            try:
                made = parse_window(
                    chosen.text,
                    reference=DateRange.day(day),
                    calendar=self.calendar,
                    lexicon=self.lexicon,
                )
            except ClaimrecError:
                return window
            return replace(made, text=f"{chosen.text} … {w.text.strip()}")
        return window

    def _reported_day(self, index: int) -> tuple[date, WindowMatch] | None:
        """The first day-long reporting time of a sentence (cached)."""
        if index not in self._reported:
            s, found = self.sentences[index], None
            for w in self.windows_in(s.start, min(s.end, s.start + 4 * REACH)):
                day = _one_day(w.window)
                if day is not None and self.is_reporting_time(w, s, self.attributions[index]):
                    found = (day, w)
                    break
            self._reported[index] = found
        return self._reported[index]

    def repeats(
        self, bound: Sequence[tuple[FigureMatch, Sentence, Window | None]]
    ) -> list[Window | None]:
        """A figure written again takes the window it was given where the text dates it:
        a headline's "35K" that of the body's 35,000, "the 406 killed" that of the 406
        counted "as of March 7" (and so do the other figures of its sentence)."""
        dated: dict[tuple[float, str], Window] = {}
        for figure, _, known in bound:
            key = _repeat_key(figure)
            if known is not None and known.text and key is not None:
                dated.setdefault(key, known)
        out = [None if f.start in self.carried else w for f, _, w in bound]
        taken: dict[int, Window] = {}  # sentence start -> the window a repeat brought
        for i, (figure, sentence, _) in enumerate(bound):
            key = _repeat_key(figure)
            if out[i] is not None or key is None or key not in dated:
                continue
            if sentence.headline or _significant(figure) >= 3:
                out[i] = taken[sentence.start] = dated[key]
        for i, (figure, sentence, window) in enumerate(bound):
            if out[i] is None and sentence.start in taken:
                out[i] = taken[sentence.start]
            elif out[i] is None and figure.start in self.carried:
                out[i] = window
        return out

    def _own(self, figure: FigureMatch, content: Sequence[WindowMatch]) -> WindowMatch | None:
        """The time expression of the figure's own clause."""
        text = self.text
        after: WindowMatch | None = None
        for w in content:
            if w.start < figure.end:
                continue
            gap = text[figure.end : w.start]
            # A restatement in brackets ("93,600 hectares (231,000 acres)") is no other
            # figure between the figure and its time.
            aside = _ASIDE.match(gap)
            skip = figure.end + (aside.end() if aside else 0)
            i = bisect.bisect_left(self.figure_starts, skip)
            other_figure = i < len(self.figure_starts) and self.figure_starts[i] < w.start
            if not any(ch in BOUNDARY for ch in gap) or (
                not other_figure and not any(ch in _HARD for ch in gap)
            ):
                after = w
            break
        before = [w for w in content if w.end <= figure.start]
        chosen = after or (before[-1] if before else None)
        if chosen is None:
            return None
        # A range written before the figure, inside the one after it, governs:
        # "between February 1 and August 5 … 180% this year".
        for w in before:
            if w is not chosen and _inside(w.window, chosen.window):
                return w
        return chosen

    def _is_property(self, figure: FigureMatch, near: Sentence) -> bool:
        """A figure nearest to "magnitude", "epicentre" within its reach."""
        marks = _within(self.property_marks, near.start, near.end)
        if not marks:
            return False
        figures = self._figures_in(near)
        return any(
            min(figures, key=lambda s: abs(s - mark), default=None) == figure.start
            for mark in marks[:8]
        )

    def _figures_in(self, sentence: Sentence) -> list[int]:
        lo = bisect.bisect_left(self.figure_starts, sentence.start)
        hi = bisect.bisect_left(self.figure_starts, sentence.end)
        return self.figure_starts[lo:hi]

    def _event_in(self, near: Sentence) -> _Event | None:
        """The disaster or conflict named near a figure ("the quake"), dated on the page."""
        i = bisect.bisect_left(self.onset_positions, near.start)
        if i < len(self.onsets) and self.onsets[i].position < near.end:
            return self.onsets[i]
        m = self.words.noun_anywhere.search(self.text, near.start, near.end)
        return self._event_named(m["noun"], m.start()) if m is not None else None

    def _earlier_window(self, index: int) -> Window | None:
        """The last time of a figure, or the last content time, of the sentences before."""
        for i in range(index - 1, max(-1, index - 4), -1):
            if i in self.bound:
                return self.bound[i]
            if i not in self._last_content:
                s, found = self.sentences[i], None
                for w in self.windows_in(max(s.start, s.end - 4 * REACH), s.end):
                    if not self.roles.get(id(w)) and not self.is_reporting_time(
                        w, s, self.attributions[i]
                    ):
                        found = w.window
                self._last_content[i] = found
            last = self._last_content[i]
            if last is not None:
                return last
        return None

    def _day_event(self, near: Sentence) -> _Event | None:
        """The dated day event a figure's words speak of (marchers, a vote, an attack):
        one dated near it, else the article's event (the first it names)."""
        if not self.day_events:
            return None
        if not _within(self.day_marks, near.start, near.end):
            return None
        i = bisect.bisect_left(self.day_positions, near.start)
        if i < len(self.day_events) and self.day_events[i].position < near.end:
            return self.day_events[i]
        return self.main_event

    def with_as_of(self, chosen: WindowMatch, content: Sequence[WindowMatch]) -> Window:
        # "since 2022, as of Nov. 6" found as two expressions: read them together.
        low = chosen.text.lower()
        if low.startswith("since") and "as of" not in low:
            for w in content:
                if w is not chosen and w.text.lower().startswith("as of"):
                    try:
                        made = parse_window(
                            f"{chosen.text} {w.text}",
                            reference=self.reference,
                            calendar=self.calendar,
                            lexicon=self.lexicon,
                        )
                        return replace(made, text=f"{chosen.text} … {w.text}")
                    except ClaimrecError:
                        return _joined(chosen, w) or chosen.window
        if chosen.window.kind == "point":
            # "as of March 7 … since the war began": the start from the "since".
            for w in content:
                if w is not chosen and w.text.lower().startswith("since"):
                    return _joined(w, chosen) or chosen.window
        return chosen.window


def _months_later(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _ranged(window: Window) -> bool:
    """A period with a stated start, longer than a day or two ("since April 15")."""
    if window.kind != "period" or window.start_latest is None or window.end_earliest is None:
        return False
    return (window.end_earliest - window.start_latest).days > 1


def _within(marks: list[int], start: int, end: int) -> list[int]:
    """The sorted positions in [start, end)."""
    return marks[bisect.bisect_left(marks, start) : bisect.bisect_left(marks, end)]


def _repeat_key(figure: FigureMatch) -> tuple[float, str] | None:
    stated = figure.value.stated
    if stated is None or _is_duration(figure):
        return None
    return float(stated), str(figure.value.unit)


def _significant(figure: FigureMatch) -> int:
    """Significant digits of the figure's number: 406 has 3, 35,000 has 2."""
    stated = figure.value.stated
    if stated is None:
        return 0
    digits = f"{abs(float(stated)):.6f}".replace(".", "").strip("0")
    return len(digits)


def _joined(since: WindowMatch, point: WindowMatch) -> Window | None:
    s, p = since.window, point.window
    if s.start_earliest is None or s.start_latest is None or p.end_earliest is None:
        return None
    try:
        return _period(
            s.start_earliest,
            s.start_latest,
            p.end_earliest,
            p.end_latest,
            f"{since.text} … {point.text}",
        )
    except ClaimrecError:
        return None


def _period(
    start_earliest: date, start_latest: date, end_earliest: date, end_latest: date | None, text: str
) -> Window:
    return Window(
        start_earliest=start_earliest,
        start_latest=start_latest,
        end_earliest=end_earliest,
        end_latest=end_latest,
        kind="period",
        text=text,
    )


def _inside(inner: Window, outer: Window) -> bool:
    """``inner`` is a strictly narrower period within ``outer``."""
    if inner.kind != "period" or outer.kind != "period":
        return False
    ends = (inner.start_earliest, inner.end_latest, outer.start_earliest, outer.end_latest)
    if any(e is None for e in ends):
        return False
    a, b, c, d = ends
    assert a is not None and b is not None and c is not None and d is not None
    ranged = (
        inner.start_latest is not None
        and inner.end_earliest is not None
        and (inner.start_latest < inner.end_earliest)
    )
    return ranged and c <= a and b <= d and (a, b) != (c, d)


def _covers(outer: WindowMatch, inner: WindowMatch) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _between(text: str, m: re.Match[str], w: WindowMatch) -> str:
    return text[m.end() : w.start] if m.end() <= w.start else text[w.end : m.start()]


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> str | None:
    found = None
    for m in pattern.finditer(text, start, end):
        found = m["noun"]
    return found
