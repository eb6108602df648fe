"""Article pages as text: HTML reduced to text, page furniture, lines, sentences, quotes.

Part of extraction (:mod:`claimrec.read.claims`). The furniture, the HTML
tags and the abbreviations are lists of the lexicon (page.txt, dates.txt).
Nothing here deletes characters from a plain-text article: furniture is
*masked* (replaced by spaces in a copy of the same length), so every offset
still indexes the text the caller gave. HTML is first reduced to plain text
with the standard library's ``html.parser`` (scripts and styles skipped,
nothing evaluated); offsets then index that plain text.

Every scan here is a single pass over the text or over its lines, with
regular expressions that cannot backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from claimrec._text import alternation
from claimrec.lexicon import Lexicon, lexicon_or_default, per_lexicon

__all__ = [
    "Line",
    "Page",
    "PageWords",
    "Sentence",
    "html_to_text",
    "looks_like_html",
    "read_page",
]

# --- the page's words --------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class PageWords:
    """The page lists of a lexicon, compiled: tags, furniture lines, abbreviations."""

    block_tags: frozenset[str]
    skipped_tags: frozenset[str]
    html_hint: re.Pattern[str]
    end_markers: re.Pattern[str]
    furniture_line: re.Pattern[str]
    timestamp_token: re.Pattern[str]
    abbreviations: frozenset[str]


@per_lexicon
def page_words(lexicon: Lexicon) -> PageWords:
    """The page vocabulary of ``lexicon``, compiled once."""
    words = lexicon.words
    blocks = words("block_tags")
    hint_tags = alternation(blocks | words("html_hint_tags"))
    months = alternation(words("months") | words("month_abbreviations"))
    days = alternation(name[:3] for name in words("weekdays"))
    stamps = alternation(words("timestamp_words"))
    zones = alternation(words("time_zones"))
    suffixes = alternation(words("ordinal_suffixes"))
    return PageWords(
        block_tags=blocks,
        skipped_tags=words("skipped_tags"),
        html_hint=re.compile(
            rf"<(?:!doctype\s+html|{hint_tags})(?:\s[^<>]{{0,500}})?/?>", re.IGNORECASE
        ),
        end_markers=re.compile(lexicon.regex("end_markers") + r"\s*:?", re.IGNORECASE),
        furniture_line=re.compile(lexicon.regex("furniture_lines"), re.IGNORECASE),
        # A line that is only a date and time stamp ("November 11, 2024 7:28 PM").
        timestamp_token=re.compile(
            rf"(?:{stamps}|{months}|{days}[a-z]{{0,6}}|\d{{1,4}}{suffixes}?|"
            r"\d{1,2}:\d{2}(?::\d{2})?|[ap]\.?m\.?|"
            rf"{zones}|[a-z]{{2,4}}t|[-+]\d{{2}}:?\d{{2}})\.?",
            re.IGNORECASE,
        ),
        abbreviations=words("abbreviations") | words("month_abbreviations"),
    )


# --- HTML ---------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\f\v\r\u00a0]+")


def looks_like_html(text: str, *, lexicon: Lexicon | None = None) -> bool:
    """True when the text carries HTML tags (a scraped page rather than plain text)."""
    return page_words(lexicon_or_default(lexicon)).html_hint.search(text) is not None


class _TextCollector(HTMLParser):
    """Collects the visible text of a page; block elements start a new line."""

    def __init__(self, words: PageWords) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._blocks, self._skipped = words.block_tags, words.skipped_tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._skipped:
            self._skipping += 1
        elif tag in self._blocks:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._blocks:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipped:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._blocks:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str, *, lexicon: Lexicon | None = None) -> str:
    """The visible text of an HTML page, one block element per line.

    Uses the standard library parser (tolerant of broken markup); script,
    style and similar elements are skipped and nothing is ever evaluated.
    Runs of spaces are collapsed and blank lines kept to one.
    """
    collector = _TextCollector(page_words(lexicon_or_default(lexicon)))
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


# --- lines and page furniture -------------------------------------------------------

_TOKEN_SPLIT = re.compile(r"[\s,|/·•–—-]+")
_WORDISH = re.compile(r"[^\W\d_]{2,}")
_MAX_HEADLINE_WORDS = 30


def _is_timestamp(line: str, words: PageWords) -> bool:
    # More than 11 pieces means more than 10 tokens: the rest of the line is not split.
    # Counted first: a line of prose has more, and is then not searched for a digit.
    tokens = [t for t in _TOKEN_SPLIT.split(line, maxsplit=11) if t]
    if not tokens or len(tokens) > 10:
        return False
    if not any(map(str.isdigit, line)):
        return False
    return all(words.timestamp_token.fullmatch(t) for t in tokens)


def _is_junk(line: str) -> bool:
    # Icon lists and menus: many words and no sentence, or one word repeated over and over.
    if ". " in line:  # a sentence ends in it: prose
        return False
    words = _WORDISH.findall(line.lower())
    if len(words) < 15:
        return False
    if len(words) > _MAX_HEADLINE_WORDS and not any(ch in line for ch in ".!?"):
        return True
    # short function words ("the", "of") repeat in any sentence: they are not counted
    counted = [word for word in words if len(word) > 3]
    return bool(counted) and max(Counter(counted).values()) * 6 >= len(words)


_TERMINAL = frozenset('.!?…:;"”’»')
_DECOR = " \t\r\u00a0*#>_=|"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the page: ``start``/``end`` exclude decoration (``**``, ``#``)."""

    start: int
    end: int
    headline: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or a headline line) with its span in the page text."""

    start: int
    end: int
    line: int  # index into Page.lines
    headline: bool


@dataclass(frozen=True, slots=True)
class Page:
    """The text spans index, a same-length copy with furniture masked, and its structure."""

    text: str
    scan: str
    lines: tuple[Line, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[tuple[int, int], ...]  # quoted passages (inside the quote marks)


def _mask_lines(text: str, words: PageWords) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Kept and masked (start, end) line spans, in order."""
    spans: list[tuple[int, int]] = []
    position = 0
    for raw in text.split("\n"):
        spans.append((position, position + len(raw)))
        position += len(raw) + 1
    kept: list[tuple[int, int]] = []
    masked: list[tuple[int, int]] = []
    ended = False
    for start, end in spans:
        line = text[start:end].strip(_DECOR)
        if not line:
            continue
        if ended:
            masked.append((start, end))
            continue
        if words.end_markers.fullmatch(line):
            ended = True
            masked.append((start, end))
        elif words.furniture_line.fullmatch(line) or _is_timestamp(line, words) or _is_junk(line):
            masked.append((start, end))
        elif line.endswith(("…", "...")) and not line.endswith((".…", "....")):
            # A truncated teaser of another article, and its headline line before it.
            masked.append((start, end))
            if kept and _is_headline(text[kept[-1][0] : kept[-1][1]]):
                masked.append(kept.pop())
        else:
            kept.append((start, end))
    return kept, masked


def _is_headline(line: str) -> bool:
    line = line.strip(_DECOR)
    if line.endswith(")") and line[-2:-1] in (".", "!", "?"):
        return False
    if not line or line[-1] in _TERMINAL:
        return False
    return 2 <= len(line.split()) <= _MAX_HEADLINE_WORDS


# --- sentences ------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([^\W_]+(?:\.[^\W_]+)*)\.?[\"”’)\]]*$")
_NEXT_START = re.compile(r"\s+[\"“‘(\[]?([^\W_]|\d)")


def _split_sentences(
    text: str, start: int, end: int, abbreviations: frozenset[str]
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    first = start
    for m in _SENTENCE_END.finditer(text, start, end):
        nxt = _NEXT_START.match(text, m.end(), end)
        if nxt is None or not (nxt.group(1).isupper() or nxt.group(1).isdigit()):
            continue
        if m.group().startswith(".") and len(m.group()) == 1:
            before = _WORD_BEFORE.search(text, max(first, m.start() - 20), m.start() + 1)
            if before is not None:
                word = before.group(1).lower()
                if word in abbreviations or (len(word) == 1 and word.isalpha()):
                    continue
        pieces.append((first, m.end()))
        first = m.end()
    if first < end:
        pieces.append((first, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


_QUOTE_MARK = re.compile('[“«„”»"]')


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted passages of one line: curly pairs, and straight double quotes taken in pairs."""
    found: list[tuple[int, int]] = []
    opened = -1
    straight = -1
    for mark in _QUOTE_MARK.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if ch in "“«„" and opened < 0:
            opened = i + 1
        elif ch in "”»" and opened >= 0:
            found.append((opened, i))
            opened = -1
        elif ch == '"':
            if straight < 0:
                straight = i + 1
            else:
                found.append((straight, i))
                straight = -1
    return found


def read_page(text: str, *, html: bool | None = None, lexicon: Lexicon | None = None) -> Page:
    """Reduce a page to the text spans index, its furniture masked, lines and sentences."""
    lexicon = lexicon_or_default(lexicon)
    words = page_words(lexicon)
    if html is None:
        html = looks_like_html(text, lexicon=lexicon)
    if html:
        text = html_to_text(text, lexicon=lexicon)
    kept, masked = _mask_lines(text, words)
    pieces: list[str] = []
    position = 0
    for start, end in sorted(masked):  # lines: they never overlap
        pieces += (text[position:start], " " * (end - start))
        position = end
    scan = "".join(pieces) + text[position:] if pieces else text
    lines: list[Line] = []
    sentences: list[Sentence] = []
    quotes: list[tuple[int, int]] = []
    for start, end in kept:
        raw = text[start:end]
        inner_start = start + (len(raw) - len(raw.lstrip(_DECOR)))
        inner_end = end - (len(raw) - len(raw.rstrip(_DECOR)))
        headline = _is_headline(raw)
        index = len(lines)
        lines.append(Line(inner_start, inner_end, headline))
        quotes.extend(_quotes(text, inner_start, inner_end))
        if headline:
            sentences.append(Sentence(inner_start, inner_end, index, True))
            continue
        for s, e in _split_sentences(text, inner_start, inner_end, words.abbreviations):
            stripped = text[s:e]
            s2 = s + (len(stripped) - len(stripped.lstrip()))
            e2 = e - (len(stripped) - len(stripped.rstrip()))
            sentences.append(Sentence(s2, e2, index, False))
    return Page(text, scan, tuple(lines), tuple(sentences), tuple(quotes))
