"""Words of page text with their character spans, for the extraction readers.

Spans index the page text (``Page.text``), so every reader can quote exactly.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

__all__ = ["BOUNDARY", "TOKEN", "WORD", "words_between"]

#: A word: letters or digits, with inner apostrophes, dots and hyphens ("U.N.", "Kyiv's").
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
#: A word or one punctuation mark.
TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]")
#: Punctuation that ends a clause: a window, a measure or an event never reaches over it.
BOUNDARY = frozenset(',;:()[]{}"“”«»—–!?.')

Word = tuple[str, int, int]


class _Words(NamedTuple):
    """The words of one whole text, read once: the readers ask for the words of many
    overlapping stretches of the same page (about three times its length in all)."""

    text: str | None  # the text they belong to
    words: list[Word] | None  # None until the text is asked about a second time
    starts: list[int]
    ends: list[int]


# The text asked about last, and its words once it has been asked about twice. Texts
# shorter than _SHORT are read where asked; longer than _LONG, too (memory stays small).
_last = _Words(None, None, [], [])
_SHORT, _LONG = 2_000, 256 * 1024


def _local(text: str, start: int, end: int) -> list[Word]:
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def _page_words(text: str) -> _Words | None:
    global _last
    last = _last  # read once: another thread may replace it
    if last.text is text and last.words is not None:
        return last
    if not _SHORT <= len(text) <= _LONG:
        return None
    if last.text is not text:
        _last = _Words(text, None, [], [])  # asked once: read where asked
        return None
    words = _local(text, 0, len(text))
    _last = last = _Words(text, words, [w[1] for w in words], [w[2] for w in words])
    return last


def words_between(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` as (word, start, end): exactly what reading the
    stretch alone gives, including words it cuts ("Ukrai" of "Ukraine")."""
    length = len(text)
    start, end = max(0, min(start, length)), max(0, min(end, length))
    if end <= start:
        return []
    page = _page_words(text)
    if page is None or page.words is None:
        return _local(text, start, end)
    words, starts, ends = page.words, page.starts, page.ends
    first = bisect.bisect_left(starts, start)  # the first word starting inside
    last = bisect.bisect_right(ends, end, lo=first)  # words ending inside: [first, last)
    cut_head = first > 0 and ends[first - 1] > start  # a word cut at the start
    cut_tail = last < len(words) and starts[last] < end  # a word cut at the end
    if not (cut_head or cut_tail):
        return words[first:last]
    head = _local(text, start, min(ends[first - 1], end)) if cut_head else []
    tail = _local(text, max(starts[last], start), end) if cut_tail else []
    return head + words[first:last] + tail
