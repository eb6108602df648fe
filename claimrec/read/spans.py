"""Words of page text with their character spans, for the extraction readers.

Spans index the page text (``Page.text``), so every reader can quote exactly.
"""

from __future__ import annotations

import re

__all__ = ["BOUNDARY", "TOKEN", "WORD", "words_between"]

#: A word: letters or digits, with inner apostrophes, dots and hyphens ("U.N.", "Kyiv's").
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
#: A word or one punctuation mark.
TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]")
#: Punctuation that ends a clause: a window, a measure or an event never reaches over it.
BOUNDARY = frozenset(',;:()[]{}"“”«»—–!?.')


def words_between(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The words of ``text[start:end]`` as (word, start, end)."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
