"""Article pages as text: HTML reduced to text, page furniture, lines, sentences, quotes.

Private helpers of :mod:`claimrec.extract`. Nothing here deletes characters
from a plain-text article: furniture is *masked* (replaced by spaces in a copy
of the same length), so every offset still indexes the text the caller gave.
HTML is first reduced to plain text with the standard library's
``html.parser`` (scripts and styles skipped, nothing evaluated); offsets then
index that plain text.

Every scan here is a single pass over the text or over its lines, with
regular expressions that cannot backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = [
    "Line",
    "Page",
    "Sentence",
    "html_to_text",
    "looks_like_html",
    "read_page",
]

# --- HTML ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
    ]
)
_SKIPPED_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "iframe", "object"]
)
_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|body|head|p|div|br|span|a|h[1-6]|article|section|li|ul|ol|"
    r"table|td|tr|strong|em|b|i|script|style|meta|title)(?:\s[^<>]{0,500})?/?>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\f\v\r\u00a0]+")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML tags (a scraped page rather than plain text)."""
    return _HTML_HINT.search(text) is not None


class _TextCollector(HTMLParser):
    """Collects the visible text of a page; block elements start a new line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block element per line.

    Uses the standard library parser (tolerant of broken markup); script,
    style and similar elements are skipped and nothing is ever evaluated.
    Runs of spaces are collapsed and blank lines kept to one.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


# --- lines and page furniture -------------------------------------------------------

# Blocks after these lines belong to the site, not the article ("Most popular" lists,
# teaser headlines of other articles, comment boxes): everything after them is masked.
_END_MARKERS = re.compile(
    r"(?:most\s+popular|most\s+read|editors?['’]?\s*picks?|share\s+this\s+(?:article|story|post)|"
    r"leave\s+a\s+(?:comment|reply)|you\s+may\s+also\s+like|you\s+might\s+also\s+like|"
    r"related\s+(?:articles|stories|news|posts|content|coverage)|recommended(?:\s+for\s+you)?|"
    r"more\s+stories|more\s+from\s+[^\n]{0,60}|trending(?:\s+now)?|latest\s+news|"
    r"\d*\s*comments?|sign\s+up\s+for\s+[^\n]{0,80}|subscribe(?:\s+to\s+[^\n]{0,80})?)"
    r"\s*:?",
    re.IGNORECASE,
)
# Single lines of furniture: edit links, reading time, link teasers, rewriting prompts.
_FURNITURE_LINE = re.compile(
    r"(?:edit\s+post|\d{1,3}\s+min(?:ute)?s?\s+read|read\s+more\b[^\n]{0,200}|"
    r"(?:please\s+)?(?:rewrite|rephrase|reword|paraphrase|summari[sz]e)\s+(?:this|the\s+following)"
    r"\b[^\n]{0,400}|advertisement|skip\s+to\s+(?:main\s+)?content|by\s+ai|ai)",
    re.IGNORECASE,
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = "mon|tue|wed|thu|fri|sat|sun"
# A line that is only a date and time stamp ("November 11, 2024 7:28 PM", "24 Nov, 2022 22:44").
_TIMESTAMP_TOKEN = re.compile(
    rf"(?:updated|published|posted|last|modified|on|at|{_MONTHS}|(?:{_DAYS})[a-z]{{0,6}}|"
    r"\d{1,4}(?:st|nd|rd|th)?|\d{1,2}:\d{2}(?::\d{2})?|[ap]\.?m\.?|utc|gmt|[a-z]{2,4}t|"
    r"[-+]\d{2}:?\d{2})\.?",
    re.IGNORECASE,
)
_TOKEN_SPLIT = re.compile(r"[\s,|/·•–—-]+")
_WORDISH = re.compile(r"[^\W\d_]{2,}")
_MAX_HEADLINE_WORDS = 30


def _is_timestamp(line: str) -> bool:
    tokens = [t for t in _TOKEN_SPLIT.split(line) if t]
    if not tokens or len(tokens) > 10 or not any(ch.isdigit() for ch in line):
        return False
    return all(_TIMESTAMP_TOKEN.fullmatch(t) for t in tokens)


def _is_junk(line: str) -> bool:
    # Icon lists and menus: many words and no sentence, or one word repeated over and over.
    words = _WORDISH.findall(line.lower())
    if len(words) < 15 or ". " in line:
        return False
    if len(words) > _MAX_HEADLINE_WORDS and not any(ch in line for ch in ".!?"):
        return True
    _, top = Counter(words).most_common(1)[0]
    return top * 6 >= len(words)


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


def _mask_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
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
        if _END_MARKERS.fullmatch(line):
            ended = True
            masked.append((start, end))
        elif _FURNITURE_LINE.fullmatch(line) or _is_timestamp(line) or _is_junk(line):
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

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "pres",
        "prof",
        "rev",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "est",
        "fig",
        "al",
        "e.g",
        "i.e",
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "p.m",
        "a.m",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([^\W_]+(?:\.[^\W_]+)*)\.?[\"”’)\]]*$")
_NEXT_START = re.compile(r"\s+[\"“‘(\[]?([^\W_]|\d)")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        pieces.append((first, m.end()))
        first = m.end()
    if first < end:
        pieces.append((first, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted passages of one line: curly pairs, and straight double quotes taken in pairs."""
    found: list[tuple[int, int]] = []
    opened = -1
    straight = -1
    for i in range(start, end):
        ch = text[i]
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


def read_page(text: str, *, html: bool | None = None) -> Page:
    """Reduce a page to the text spans index, its furniture masked, lines and sentences."""
    if html is None:
        html = looks_like_html(text)
    if html:
        text = html_to_text(text)
    kept, masked = _mask_lines(text)
    chars = list(text) if masked else None
    if chars is not None:
        for start, end in masked:
            chars[start:end] = " " * (end - start)
    scan = "".join(chars) if chars is not None else text
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
        for s, e in _split_sentences(text, inner_start, inner_end):
            stripped = text[s:e]
            s2 = s + (len(stripped) - len(stripped.lstrip()))
            e2 = e - (len(stripped) - len(stripped.rstrip()))
            sentences.append(Sentence(s2, e2, index, False))
    return Page(text, scan, tuple(lines), tuple(sentences), tuple(quotes))
