"""Small text helpers every reader shares: folding, missing cells, number text.

One copy of each: the reporter table, the measure keys and the event calendar
compare words by the same :func:`fold_word`; every "is this cell missing" test
is :func:`is_missing`; every figure written back as text goes through
:func:`number_text` (exact, for text forms and ids) or :func:`format_number`
(for people). Nothing here imports the rest of claimrec.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "alternation",
    "fold_quotes",
    "fold_word",
    "format_number",
    "is_missing",
    "longest_first",
    "number_text",
    "shorten",
]

#: Apostrophes as outlets write them, all read as the plain "'".
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
#: Hyphen, en dash, em dash and minus: the marks that join ranges and compounds.
DASHES = "-–—−"


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """The comparable form of one word: no case, accents, possessive "'s",
    apostrophes or inner dots ("Ukraine’s" → "ukraine", "U.N." → "un")."""
    text = unicodedata.normalize("NFKD", word).casefold().translate(APOSTROPHES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "").replace(".", "")


def fold_quotes(text: str) -> str:
    """``text`` with curly apostrophes read as straight ones, nothing else changed."""
    return text.translate(APOSTROPHES)


def is_missing(value: object) -> bool:
    """A missing cell: None, NaN, pandas' NA or NaT, or text that is only blanks."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    kind = type(value)
    # pandas' missing markers, recognised without importing pandas
    return kind.__module__.startswith("pandas") and kind.__name__ in ("NAType", "NaTType")


def shorten(text: str, limit: int = 120) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut (hostile inputs can be
    megabytes long; a message should stay readable)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_text(x: float) -> str:
    """The shortest text that reads back to exactly ``x``: "12000", "1.7", "inf"."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def format_number(x: float) -> str:
    """A figure as people read it in reasons and reports: ``12,000``, ``1.5``, ``∞``."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}"


def longest_first(phrases: Iterable[str]) -> list[str]:
    """Phrases ordered so that a longer one is tried before any shorter one.

    The one rule for overlapping phrases everywhere in claimrec ("just under"
    before "under", "full-scale invasion of Ukraine" before "full-scale
    invasion"); ties are broken alphabetically so that results never depend
    on the order of a set.
    """
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


def alternation(phrases: Iterable[str], *, escape: bool = True) -> str:
    """A regex alternation of ``phrases``, longest first; never matches when empty.

    With ``escape`` the phrases are literal text and a space in a phrase matches
    a run of up to four white-space characters.
    """
    ordered = longest_first(phrases)
    if not ordered:
        return "(?!)"
    if escape:
        ordered = [r"\s{1,4}".join(re.escape(word) for word in p.split()) for p in ordered]
    return "(?:" + "|".join(ordered) + ")"
