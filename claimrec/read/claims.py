"""Claims from one article: figures bound to windows, reporters and measures.

:func:`extract` reads one article and returns its claims in the canonical
columns (one row per mention, see ``docs/columns.md``). How the pieces are
bound together is described in ``docs/extraction.md``; the readers are

* figures: :func:`claimrec.read.figures.find_values`, minus figures that are
  not claims (:mod:`claimrec.read.filters`);
* windows: :mod:`claimrec.read.binding` (time expressions from
  :func:`claimrec.read.times.find_windows`, read against the publication date);
* reporters: :mod:`claimrec.read.attribution`;
* measures: :mod:`claimrec.read.measures`;
* the page itself (furniture masked, lines, sentences, quotes):
  :mod:`claimrec.read.page`.

A figure repeated (a headline, a page repeating itself) gives further mentions
of one claim.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pandas as pd

from claimrec._gc import quiet_gc
from claimrec.calendar import DateRange, EventCalendar
from claimrec.errors import ClaimError, ClaimrecError
from claimrec.frame import to_frame
from claimrec.lexicon import Lexicon, lexicon_or_default
from claimrec.measure import MeasureSynonyms
from claimrec.policy import DEFAULT_POLICY, Policy
from claimrec.read.attribution import (
    Attribution,
    Attributor,
    Speakers,
    attribution_words,
    choose_attribution,
    inherit_attributions,
    quote_attribution,
)
from claimrec.read.binding import WindowBinder
from claimrec.read.concepts import (
    ConceptReading,
    SentenceTokens,
    article_subject,
    concept_words,
    read_concept,
    read_modality,
    sentence_tokens,
)
from claimrec.read.fields import read_published
from claimrec.read.figures import FigureMatch, find_values
from claimrec.read.filters import claim_filters
from claimrec.read.measures import MeasureBinder, PhraseWords, merge_measures, phrase_words
from claimrec.read.page import Page, Sentence, read_page
from claimrec.record import Claim, Modality, claim
from claimrec.reporter import Reporter, ReporterTable, find_reporters
from claimrec.sanitize import safe_text
from claimrec.units import dimension_text, unit_name
from claimrec.window import Window

__all__ = ["Options", "PublishedLike", "extract", "page_text", "read_claims"]

PublishedLike = str | date | datetime | DateRange

# Quotes longer than this are cut to the figure's neighbourhood (still an exact span).
_MAX_QUOTE = 800


@dataclass(frozen=True, slots=True)
class Options:
    """How an article is read: the policy and the tables it is read with."""

    policy: Policy = DEFAULT_POLICY
    reporters: ReporterTable | None = None
    synonyms: MeasureSynonyms | None = None
    calendar: EventCalendar | None = None
    lexicon: Lexicon | None = None


@dataclass(slots=True)
class _Found:
    """One figure with what was bound to it, before it becomes a claim."""

    figure: FigureMatch
    sentence: Sentence
    measure: str  # the text the measure key is made of ("" when none could be read)
    window: Window | None
    reporter: Reporter | None
    quote: tuple[int, int]
    attribution: Attribution | None = None
    measure_text: str = ""  # the words the measure was read from
    concept: ConceptReading | None = None
    modality: Modality = "reported"


@dataclass(slots=True)
class _Earlier:
    """What the figures before this one in its sentence were read as."""

    phrases: list[tuple[FigureMatch, str]] = field(default_factory=list)
    concepts: dict[str, ConceptReading | None] = field(default_factory=dict)  # last per unit


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


class _PageReader:
    """Everything read once per page: figures, windows, attributions, sentences."""

    def __init__(self, page: Page, reference: DateRange | None, outlet: str | None,
                 options: Options) -> None:  # fmt: skip
        lexicon = lexicon_or_default(options.lexicon)
        self.page, self.text = page, page.text
        self.windows = WindowBinder(
            page, reference=reference, calendar=options.calendar, lexicon=lexicon
        )
        self.vocab = phrase_words(lexicon, options.synonyms)
        self.measures = MeasureBinder(page.text, self.windows.windows, self.vocab)
        filters = claim_filters(lexicon)
        self.figures = [
            f
            for f in find_values(page.scan, policy=options.policy, lexicon=lexicon)
            if filters.is_claim_figure(page.text, f) and not self.windows.overlaps_window(f)
        ]
        attributor = Attributor(
            page.text,
            find_reporters(page.scan, table=options.reporters),
            Speakers(options.reporters, outlet),
            attribution_words(lexicon),
        )
        self.sentences = page.sentences
        self.attributions = attributor.document(self.sentences)
        self.unnamed = [attributor.leaves_unnamed(s.start, s.end) for s in self.sentences]
        self.windows.read_context(self.sentences, self.attributions, self.figures)
        self.sentence_starts = [s.start for s in self.sentences]
        self.quote_starts = [q[0] for q in page.quotes]
        self.headlines = [page.text[s.start : s.end] for s in self.sentences if s.headline][:3]
        self.concepts = concept_words(lexicon)
        self.tokens = self._sentence_tokens(lexicon)
        self.subject = article_subject(
            [(t, s.headline) for t, s in zip(self.tokens, self.sentences, strict=True)],
            self.concepts,
        )
        self.previous: dict[str, ConceptReading] = {}  # the last reading per unit

    def _sentence_tokens(self, lexicon: Lexicon) -> list[SentenceTokens]:
        spans: list[list[tuple[int, int]]] = [[] for _ in self.sentences]
        for f in self.figures:
            index = bisect.bisect_right(self.sentence_starts, f.start) - 1
            if index >= 0 and f.end <= self.sentences[index].end:
                spans[index].append((f.start, f.end))
        return [
            sentence_tokens(self.text, s.start, s.end, spans[i], lexicon)
            for i, s in enumerate(self.sentences)
        ]

    def concept_for(
        self, figure: FigureMatch, index: int, elided: ConceptReading | None
    ) -> ConceptReading | None:
        tokens = self.tokens[index]
        at = bisect.bisect_left(tokens.starts, figure.start)
        if at >= len(tokens.starts) or tokens.figure[at] < 0 or tokens.starts[at] >= figure.end:
            return None
        if dimension_text(figure.value.unit) == "[time]":
            return None  # durations are read by the phrase reader ("time spent in captivity")
        unit = unit_name(figure.value.unit)
        stated = figure.value.stated
        if unit == "ratio" or (unit == "count" and stated is not None and 0 < stated < 1):
            return None  # "half", "a third", "one in six": a fraction is no count of anything
        reading = read_concept(
            tokens,
            at,
            percent=unit == "percent",
            measured=unit not in ("count", "percent"),
            elided=elided,
            previous=self.previous.get(unit),
            article=self.subject,
            vocab=self.concepts,
            earlier=self.tokens[index - 1] if index > 0 else None,
        )
        if reading is not None:
            self.previous[unit] = reading
        return reading

    def modality_for(self, figure: FigureMatch, index: int, dated: bool) -> Modality:
        tokens = self.tokens[index]
        at = bisect.bisect_left(tokens.starts, figure.start)
        if at >= len(tokens.starts) or tokens.figure[at] < 0:
            return "reported"
        return read_modality(tokens, at, self.concepts, dated=dated)

    def own_time(self, figure: FigureMatch, sentence: Sentence) -> bool:
        """A time expression written right after the figure ("from 6,100 on
        Monday", "from 4,000 in May"): the figure stands as a claim of that time."""
        end = min(sentence.end, figure.end + 40)
        for w in self.windows.windows_in(figure.end, end):
            gap = self.text[figure.end : w.start]
            if len(gap.split()) <= 2 and not any(c.isdigit() or c in ",;" for c in gap):
                return True
        return False

    def phrase_subject(self, phrase: str, figure: FigureMatch) -> tuple[str, str]:
        """A phrase read without a concept, with the article's country and event: "586
        fires" of one article never meets "49 fires" of another."""
        if not phrase or self.vocab.has_qualifier(phrase):
            return phrase, phrase
        subject = self.subject
        extra = [w for w in (subject.country, subject.event) if w]
        written = [w for w in (subject.country_text, subject.event_text) if w]
        if not extra:
            return phrase, phrase
        return f"{phrase} {' '.join(extra)}", f"{phrase} ({', '.join(written)})"

    def bind(self, figure: FigureMatch, earlier: _Earlier) -> _Found | None:
        """The window, reporter, measure and quote of one figure (None outside sentences)."""
        text, sentences = self.text, self.sentences
        index = bisect.bisect_right(self.sentence_starts, figure.start) - 1
        if index < 0 or figure.end > sentences[index].end:
            return None
        sentence, own = sentences[index], self.attributions[index]
        quoted = _inside(self.page.quotes, self.quote_starts, figure.start)
        quote_source = (
            quote_attribution(self.page.quotes[quoted], self.sentence_starts, self.attributions)
            if quoted >= 0
            else None
        )
        attribution = choose_attribution(figure.start, figure.end, own, quote_source)
        reporter = attribution.reporter if attribution is not None else None
        window = self.windows.window_for(figure, sentence, own)
        contexts = [
            text[s.start : s.end]
            for s in sentences[max(0, index - 2) : index]
            if s.line == sentence.line or not s.headline
        ][::-1]
        contexts += [h for h in self.headlines if h != text[sentence.start : sentence.end]]
        phrase = self.measures.measure_for(figure, sentence, earlier.phrases, contexts)
        unit = unit_name(figure.value.unit)
        concept = self.concept_for(figure, index, earlier.concepts.get(unit))
        earlier.phrases.append((figure, phrase))
        earlier.concepts[unit] = concept  # None too: "275,000 rides … compared to 193,000"
        if concept is not None:
            concept = _rate_period(concept, window, self.concepts.period_rates)
            measure, measure_text = concept.key_text, concept.text
        else:
            measure, measure_text = self.phrase_subject(phrase, figure)
        return _Found(
            figure,
            sentence,
            measure,
            window,
            reporter,
            _quote_span(text, sentence, figure),
            attribution,
            measure_text=measure_text,
            concept=concept,
            modality=self.modality_for(figure, index, self.own_time(figure, sentence)),
        )

    def found(self) -> list[_Found]:
        found: list[_Found] = []
        by_sentence: dict[int, _Earlier] = {}
        for figure in self.figures:
            index = bisect.bisect_right(self.sentence_starts, figure.start) - 1
            earlier = by_sentence.get(index)
            if earlier is None:  # one per sentence, not one made per figure and dropped
                earlier = by_sentence[index] = _Earlier()
            try:
                item = self.bind(figure, earlier)
            except ClaimrecError:
                continue  # a figure whose window or measure cannot be read: not a claim
            if item is not None:
                found.append(item)
        windows = self.windows.repeats([(f.figure, f.sentence, f.window) for f in found])
        for item, window in zip(found, windows, strict=True):
            item.window = window
        _inherit_headlines(found, self.vocab)
        _inherit_attributions(
            found,
            [self.unnamed[bisect.bisect_right(self.sentence_starts, f.sentence.start) - 1]
             for f in found],
        )  # fmt: skip
        _repeat_copies(self.page, found)
        return found


def _rate_period(
    reading: ConceptReading, window: Window | None, rates: frozenset[str]
) -> ConceptReading:
    """A rate stated for one calendar month ("inflation for June was 0.8%") is a monthly
    rate, for one year an annual one, when the words name no period."""
    if reading.concept not in rates or reading.period is not None or window is None:
        return reading
    start, end = window.start_earliest, window.end_latest
    if start is None or end is None or start != window.start_latest:
        return reading
    days = (end - start).days + 1
    if start.day == 1 and 28 <= days <= 31:
        return replace(reading, period="monthly")
    if start.day == 1 and start.month == 1 and days in (365, 366):
        return replace(reading, period="annual")
    return reading


def _inherit_headlines(found: list[_Found], vocab: PhraseWords) -> None:
    """A headline's figure repeated in the body is the body's claim: same measure and
    window, and its reporter when the headline names none."""
    # The body's figures by value, in order: a long page has many headline-like lines,
    # and comparing each with every body figure grew with the square of the page.
    body: dict[tuple[float, object], list[_Found]] = {}
    for f in found:
        if not f.sentence.headline and f.figure.value.stated is not None:
            body.setdefault((f.figure.value.stated, f.figure.value.unit), []).append(f)
    for item in found:
        if not item.sentence.headline or item.figure.value.stated is None:
            continue
        mine = vocab.key_tokens(item.measure)
        for other in body.get((item.figure.value.stated, item.figure.value.unit), ()):
            theirs = vocab.key_tokens(other.measure)
            if mine and theirs and not mine & theirs:
                continue
            if not other.measure:
                break  # the body's figure is the headline's, but its measure was not read
            item.measure, item.measure_text = other.measure, other.measure_text
            item.window = other.window
            if item.reporter is None:
                item.reporter, item.attribution = other.reporter, other.attribution
            break


def _inherit_attributions(found: list[_Found], unnamed: Sequence[bool]) -> None:
    """Unattributed figures take the source the article gives them (see
    :func:`claimrec.read.attribution.inherit_attributions`)."""
    given = inherit_attributions(
        [(f.sentence.line, f.sentence.headline, f.attribution) for f in found],
        unnamed,
    )
    for item, attribution in zip(found, given, strict=True):
        if item.attribution is None and attribution is not None:
            item.attribution, item.reporter = attribution, attribution.reporter


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
            item.measure_text = original.measure_text
            item.measure, item.window, item.reporter, item.attribution = (
                original.measure,
                original.window,
                original.reporter,
                original.attribution,
            )


# --- public API -----------------------------------------------------------------------------


def page_text(text: str, *, html: bool | None = None, lexicon: Lexicon | None = None) -> str:
    """The text that spans of :func:`extract` index: ``text`` itself for plain text,
    the visible text for HTML (``html=None`` detects tags)."""
    if not isinstance(text, str):
        raise ClaimError("article text must be a string", field="text", text=repr(text)[:80])
    return read_page(text, html=html, lexicon=lexicon).text


# Reading an article makes many short-lived acyclic objects: see claimrec._gc.
@quiet_gc()
def read_claims(
    text: str,
    *,
    published: PublishedLike | None,
    outlet: str | None,
    url: str | None,
    document: str | None,
    options: Options,
    html: bool | None,
) -> list[Claim]:
    """The claims of one article, measure keys merged within it."""
    if not isinstance(text, str):
        raise ClaimError("article text must be a string", field="text", text=repr(text)[:80])
    text = safe_text(text, where=document or "text")  # before anything reads it
    outlet, url = (None if t is None else safe_text(t, where="outlet/url") for t in (outlet, url))
    published_range = read_published(published)
    reference = published_range  # relative expressions are read against it
    page = read_page(text, html=html, lexicon=options.lexicon)
    claims: list[Claim] = []
    for item in _PageReader(page, reference, outlet, options).found():
        start, end = item.quote
        try:
            made = claim(
                item.figure.value,
                # a figure whose measure cannot be read is kept with an empty measure
                measure=item.measure or f"{item.figure.counted or ''} quantity",
                measure_text=item.measure_text if item.measure else "",
                counted=item.figure.counted,
                window=item.window,
                reporter=item.reporter,
                reporter_text=(
                    page.text[item.attribution.start : item.attribution.end]
                    if item.attribution is not None and item.reporter is not None
                    else None
                ),
                value_text=item.figure.text,
                published=published_range,
                via=outlet or None,
                url=url or None,
                document=document,
                quote=page.text[start:end],
                span=(start, end),
                modality=item.modality,
                policy=options.policy,
                reporters=options.reporters,
                synonyms=options.synonyms,
                calendar=options.calendar,
                lexicon=options.lexicon,
            )
        except ClaimrecError:
            continue  # a figure that cannot stand as a claim (no measure left): not a claim
        # No catch-all measure: a figure whose measure cannot be read is kept, with an
        # empty measure, and never grouped.
        claims.append(made if item.measure else replace(made, measure=""))
    return merge_measures(claims, synonyms=options.synonyms, lexicon=options.lexicon)


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
    lexicon: Lexicon | None = None,
    html: bool | None = None,
) -> pd.DataFrame:
    """The claims found in an article, one row per mention, in ``CANONICAL_COLUMNS``.

    ``published`` (a day, ``"2025-05"`` or ``"2025"``) is the reference for relative
    time expressions and the date a claim without a window stands at. ``outlet``
    becomes ``via``; ``document`` and ``url`` identify the source. ``lexicon``
    gives the words (saying verbs, qualifiers, unit names, …; default: the
    bundled English one). Every row's ``quote`` is
    ``page_text(text)[span_start:span_end]`` — for plain text that is ``text``
    itself; for HTML (``html=True``, or detected when None) it is the page's
    visible text. A figure repeated (a headline, a page repeating itself) gives
    further mentions of one claim (rows sharing ``claim_id``).

    >>> df = extract("Russian forces have executed at least 124 Ukrainian prisoners of war "
    ...              "since 2022 as of Nov. 6, the Prosecutor General's Office said.",
    ...              published="2024-11-11", outlet="Kyiv Independent")
    >>> row = df.iloc[0]
    >>> (float(row["low"]), row["kind"], row["measure"], row["reporter"])
    (124.0, 'at_least', 'execution pow ukrainian', 'Office of the Prosecutor General of Ukraine')
    """
    options = Options(
        policy=policy, reporters=reporters, synonyms=synonyms, calendar=calendar, lexicon=lexicon
    )
    with quiet_gc():
        claims = read_claims(
            text, published=published, outlet=outlet, url=url, document=document,
            options=options, html=html,
        )  # fmt: skip
        return to_frame(claims)
