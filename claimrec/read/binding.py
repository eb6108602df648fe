"""Window binding: which time expression governs a figure.

The rules are lists of ``data/en/binding.txt``; ``docs/windows.md`` ("Which
window a figure gets") states them with examples. In order, a figure gets

1. no window when it is itself a length of time ("a two-hour extension");
2. the time expression of its own clause: the first one after it with no other
   figure (and no new clause) in between, else the nearest one before it in its
   sentence — never a time of reporting ("…, X said on Saturday"), the base of
   a comparison ("compared with the same period in 2023"), a superlative's
   "since 2007", nor the date of a recent disaster or of a conflict ("the
   October 8 quake", "last month's storm": a toll from it stands as of the
   report). "since the war began" and "in the first hours after the quake" are
   read with the date the text gives the event elsewhere. A "since …" and an
   "as of …" of one sentence are read together; a range before the figure
   inside a broader time after it governs;
3. the time of the sentence before when it says "that month", "the day's";
4. the day of the event it takes part in: a figure of a march, a vote, a strike,
   an attack ("Saturday's rally", "protests were held on Sunday") when its
   words name such an event or its people (marchers, turnout, detained);
5. a reporting time of its sentence, read as a total standing at that date;
6. the period (or the event's day) the lede's figures are bound to;
7. none: the claim stands as of publication (no start is ever invented; see
   :mod:`claimrec.read.claims`).

A figure written again ("the 1,284 dead") takes the window of its dated
mention (:meth:`WindowBinder.repeats`); a property of a dated event (its
magnitude) and a level on a day ("stood at 96 on Tuesday") stand at that day.
The evidence, ``Window.text``, is the words the window came from (parts joined
with " … "). Every scan is bounded by the sentence and by :data:`REACH`; the
words the rules look for are found once per page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimrecError
from claimrec.lexicon import Lexicon
from claimrec.read.attribution import Attribution
from claimrec.read.binding_dates import (
    DatedEvent,
    after_event,
    at,
    between,
    covers,
    inside,
    is_duration,
    joined,
    one_day,
    period,
    ranged,
    repeat_key,
    shifted,
    significant,
    since_event,
    singular,
    within,
)
from claimrec.read.binding_words import BindingWords, binding_words
from claimrec.read.figures import FigureMatch
from claimrec.read.page import Page, Sentence
from claimrec.read.spans import BOUNDARY
from claimrec.read.times import find_windows
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
_POSSESSIVE = re.compile(r"['’]s\b")
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]{0,80}[)\]]")
# A few lower-case words between a saying verb and a time ("said on Monday"), no "that".
_VERB_GAP = re.compile(r"\s+(?:(?!that\b)[a-z]+\s+){0,3}")


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
        self.day_events: list[DatedEvent] = []
        self.onsets: list[DatedEvent] = []
        self.sentence_starts: list[int] = []
        self.sentences: Sequence[Sentence] = ()
        self.attributions: Sequence[Sequence[Attribution]] = ()
        self.figure_starts: list[int] = []
        self.bound: dict[int, Window] = {}  # sentence index -> last window bound in it
        self.onset_positions: list[int] = []
        self.onsets_by_noun: dict[str, tuple[list[DatedEvent], list[int]]] = {}
        self.onsets_by_kind: dict[str, tuple[list[DatedEvent], list[int]]] = {
            "disaster": ([], []),
            "ongoing": ([], []),
        }
        self.day_positions: list[int] = []
        self.main_event: DatedEvent | None = None
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
        hi = bisect.bisect_left(self.candidate_starts, end, lo)  # not a copy of the rest
        return [w for w in self.candidates[lo:hi] if w.end <= end]

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
        self.figure_starts = sorted(f.start for f in figures if not is_duration(f))
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
            for table, key in (
                (self.onsets_by_noun, event.noun),
                (self.onsets_by_kind, event.kind),
            ):
                events, positions = table.setdefault(key, ([], []))
                events.append(event)
                positions.append(event.position)
        extra: list[WindowMatch] = []
        for sentence in sentences:
            extra += self._references(sentence)
        if extra:
            self.candidates = sorted(
                [w for w in self.windows if not any(covers(e, w) for e in extra)] + extra,
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
        noun, dates_only = self.words.dated_noun(
            self.text, w, sentence.start, before, after, near=_NEAR
        )
        reporting = self.is_reporting_time(w, sentence, attributions)
        if noun is not None:
            kind = self.words.events.get(" ".join(noun.lower().split()), "")
            event = DatedEvent(w.start, singular(noun), kind, w)
            if kind in ("disaster", "ongoing"):
                self.onsets.append(event)
                if dates_only and (kind == "ongoing" or self._recent(w.window)):
                    self.roles[id(w)] = "event"
                return
            if kind == "day" and not reporting and one_day(w.window):
                self.day_events.append(event)
                return
        if reporting or one_day(w.window) is None:
            return
        lo = max(sentence.start, w.start - _NEAR)
        hi = min(sentence.end, w.end + _NEAR)
        near = words.day_words.search(text, lo, hi)
        if near is not None and not any(ch in ".!?;" for ch in between(text, near, w)):
            self.day_events.append(DatedEvent(w.start, near.group().lower(), "day", w, named=False))

    def _recent(self, window: Window) -> bool:
        """An event of the last months: its figures are running totals, not its day's."""
        last = window.end_latest or window.start_latest
        if self.reference is None or last is None:
            return True
        return (self.reference.latest - last).days <= _RECENT_DAYS

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
            made = since_event(w.window, text[start : w.end], self.reference)
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
            made = after_event(event.match.window, m, self.reference, self.words)
            if made is not None:
                out.append(WindowMatch(start=m.start(), end=m.end(), text=m.group(), window=made))
        return out

    def _event_named(self, noun: str, position: int) -> DatedEvent | None:
        """The dated disaster or conflict a noun refers to: the same noun, else any of its kind."""
        kind = self.words.events.get(" ".join(noun.lower().split()))
        if kind not in ("disaster", "ongoing"):
            return None
        pool, positions = self.onsets_by_noun.get(singular(noun)) or self.onsets_by_kind[kind]
        if not pool:
            return None
        i = bisect.bisect_left(positions, position)
        return pool[i - 1] if i > 0 else pool[0]  # the latest dated before the mention

    # --- one figure -----------------------------------------------------------------

    def is_reporting_time(
        self, w: WindowMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> bool:
        text = self.text
        for a in attributions:
            between = text[a.verb_end : w.start] if a.verb_end <= w.start else None
            if between is not None and _VERB_GAP.fullmatch(between):
                return True
        if self.words.period_opener.match(w.text):
            return False
        before = text[max(sentence.start, w.start - _NEAR) : w.start]
        if self.words.reporting_lead.search(before):
            return True
        if (
            one_day(w.window) is not None
            and self.words.saying_before.search(before)
            and not _POSSESSIVE.match(text, w.end)
        ):
            return True  # "…, Khan, said Wednesday the quake left 69,000 injured"
        win = w.window
        if (
            one_day(win) is not None
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
        if is_duration(figure):
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
            lead = text[max(sentence.start, figure.start - 40) : figure.start]
            if (
                (prop or words.level_verb.search(lead)) and one_day(window)
            ) or words.as_of_lead.search(before):
                return self._from_lede(at(window, window.text), index)
            window = self._anchored(chosen, window, index)
            if (
                index == self.lede_index
                and self.lede_window is None
                and (ranged(window) or any(e.match is chosen for e in self.day_events))
            ):
                self.lede_window = window
            return self._from_lede(window, index)
        if prop:
            event = self._event_in(near)
            if event is not None:
                return at(event.match.window, event.match.text)
        i = bisect.bisect_left(self.anaphora_starts, lo)
        if i < len(self.anaphora_starts) and self.anaphora_starts[i] < hi and index > 0:
            earlier = self._earlier_window(index)
            if earlier is not None:
                return replace(earlier, text=self.anaphora_marks[i][1])
        standing = self.words.standing.search(
            text, max(sentence.start, figure.start - 40), min(sentence.end, figure.end + 40)
        )
        day = None if standing else self._day_event(near)
        if day is not None:
            return replace(day.match.window, text=day.match.text)
        if reporting:
            nearest = min(reporting, key=lambda w: abs(w.start - figure.start))
            # Reported some day within the expression ("In February"): a total as of then.
            made = at(nearest.window, nearest.text)
            return self._from_lede(made, index) if made.kind == "point" else None
        if self.lede_window is not None and index > self.lede_index and not standing:
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
            return period(lede.start_earliest, lede.start_latest, window.end_earliest,
                           window.end_latest, window.text)  # fmt: skip
        except ClaimrecError:
            return window

    def _anchored(self, chosen: WindowMatch, window: Window, index: int) -> Window:
        """ "in the previous 24 hours" counted back from the day the report names."""
        reference = self.reference
        if (
            index < 0
            or reference is None
            or reference.precision != "day"
            or window.end_latest != reference.latest
            or not self.words.rolling.search(chosen.text)
        ):
            return window
        for i in range(index, max(-1, index - 2), -1):
            reported = self._reported_day(i)
            if reported is None:
                continue
            day, w = reported
            shift = day - reference.latest
            if not shift:
                return window
            return Window(
                start_earliest=shifted(window.start_earliest, shift),
                start_latest=shifted(window.start_latest, shift),
                end_earliest=shifted(window.end_earliest, shift),
                end_latest=shifted(window.end_latest, shift),
                kind=window.kind,
                text=f"{chosen.text} … {w.text.strip()}",
            )
        return window

    def _reported_day(self, index: int) -> tuple[date, WindowMatch] | None:
        """The first day-long reporting time of a sentence (cached)."""
        if index not in self._reported:
            s, found = self.sentences[index], None
            for w in self.windows_in(s.start, min(s.end, s.start + 4 * REACH)):
                day = one_day(w.window)
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
        keys = [repeat_key(figure) for figure, _, _ in bound]
        for (_, _, known), key in zip(bound, keys, strict=True):
            if known is not None and known.text and key is not None:
                dated.setdefault(key, known)
        out = [None if f.start in self.carried else w for f, _, w in bound]
        taken: dict[int, Window] = {}  # sentence start -> the window a repeat brought
        for i, (figure, sentence, _) in enumerate(bound):
            key = keys[i]
            if out[i] is not None or key is None or key not in dated:
                continue
            if sentence.headline or significant(figure) >= 3:
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
                not other_figure
                and not any(ch in _HARD for ch in gap)
                and not self.words.clause_join.search(gap)
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
            if w is not chosen and inside(w.window, chosen.window):
                return w
        return chosen

    def _is_property(self, figure: FigureMatch, near: Sentence) -> bool:
        """A figure nearest to "magnitude", "epicentre" within its reach."""
        marks = within(self.property_marks, near.start, near.end)
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

    def _event_in(self, near: Sentence) -> DatedEvent | None:
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

    def _day_event(self, near: Sentence) -> DatedEvent | None:
        """The dated day event a figure's words speak of (marchers, a vote, an attack):
        one dated near it, else the article's event (the first it names)."""
        if not self.day_events:
            return None
        if not within(self.day_marks, near.start, near.end):
            return None
        i = bisect.bisect_left(self.day_positions, near.start)
        if i < len(self.day_events) and self.day_events[i].position < near.end:
            return self.day_events[i]
        return self.main_event

    def with_as_of(self, chosen: WindowMatch, content: Sequence[WindowMatch]) -> Window:
        """A "since …" and an "as of …" of one sentence read together ("since 2022, as
        of Nov. 6"; "as of March 7 … since the war began")."""
        low = chosen.text.lower()
        if low.startswith("since") and "as of" not in low:
            for w in content:
                if w is not chosen and w.text.lower().startswith("as of"):
                    return joined(chosen, w) or chosen.window
        if chosen.window.kind == "point":
            for w in content:
                if w is not chosen and w.text.lower().startswith("since"):
                    return joined(w, chosen) or chosen.window
        return chosen.window
