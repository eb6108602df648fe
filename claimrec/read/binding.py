"""Window binding: which time expression governs a figure.

A figure's window is the nearest time expression of its own clause
(preferring one after the figure), else a reporting date of its sentence
("…, X said on Saturday", "In February, X raised alarm over 79 …"), read as a
total standing at that date; with neither, the claim stands as of the
publication date (no start is ever invented; see :mod:`claimrec.read.claims`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

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

__all__ = ["REACH", "WindowBinder"]

# How far (in characters) around a figure its sentence is searched for windows and
# attributions: bounds the work per figure on hostile one-sentence inputs.
REACH = 400


@per_lexicon
def _period_opener(lexicon: Lexicon) -> re.Pattern[str]:
    # A window starting "since / over / during …" is the figure's, never a reporting time.
    return re.compile(rf"(?i)\s*{alternation(lexicon.words('period_openers'))}\b")


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
        scan = page.scan
        self.windows = (
            find_windows(scan, reference=reference, calendar=calendar, lexicon=lexicon)
            if reference
            else []
        ) or find_windows(scan, calendar=calendar, lexicon=lexicon)
        self.window_starts = [w.start for w in self.windows]

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
        self, w: WindowMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> bool:
        text = self.text
        for a in attributions:
            between = text[a.verb_end : w.start] if a.verb_end <= w.start else None
            if between is not None and re.fullmatch(r"\s+(?:(?!that\b)[a-z]+\s+){0,3}", between):
                return True
        lead = text[sentence.start : w.start].strip(" \"“‘'")
        if lead or not text[w.end : w.end + 2].startswith(","):
            return False
        if _period_opener(self.lexicon).match(w.text):
            return False
        win = w.window
        if win.start_earliest is None or win.end_earliest is None:
            return False
        if (win.end_earliest - win.start_earliest).days > 31:
            return False
        following = [a for a in attributions if a.verb_start > w.end]
        return bool(following) and following[0].saying

    def window_for(
        self, figure: FigureMatch, sentence: Sentence, attributions: Sequence[Attribution]
    ) -> Window | None:
        text = self.text
        lo, hi = max(sentence.start, figure.start - REACH), min(sentence.end, figure.end + REACH)
        candidates = self.windows_in(lo, hi)
        content: list[WindowMatch] = []
        reporting: list[WindowMatch] = []
        for w in candidates:
            (reporting if self.is_reporting_time(w, sentence, attributions) else content).append(w)
        after = [
            w
            for w in content
            if w.start >= figure.end
            and not any(ch in BOUNDARY for ch in text[figure.end : w.start])
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
                            lexicon=self.lexicon,
                        )
                    except ClaimrecError:
                        break
        return chosen.window
