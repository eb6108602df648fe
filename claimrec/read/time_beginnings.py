"""What a pattern may begin with: the first characters (lower case, to a depth) of every
text it may match, read from the standard library's own parse of the pattern (issue 12).

The index of :mod:`claimrec.read.time_index` keys a place in a text by its next few
characters, in lower case, every ASCII space written " " and cut before the first
character that is not ASCII (:func:`key_of`). A pattern's beginnings are written the
same way: a space class stands for " "; a character that is not ASCII, and that no
ASCII character matches when case is ignored, stands as :data:`OTHER`, which no key
holds, so the pattern is tried there only where the key is cut; anything that cannot
be listed (a negated class, a word character) leaves what follows open.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from claimrec.read.time_fragments import trie

__all__ = ["DEPTH", "OTHER", "guard", "key_of", "may_begin", "prefixes"]

#: How many characters the index looks at first.
DEPTH = 3
#: A pattern's character that is not ASCII: a key (ASCII only) is cut before it.
OTHER = "\x80"
_LIMIT = 4000  # more strings than this: the alternative may begin with anything

_sre_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_SPACE = re.compile(r"\s")
#: Every ASCII character ``\s`` matches is written " " in keys and beginnings, and every
#: digit "0" (a pattern's "[0-9]{4}" has one beginning, not ten thousand).
_FOLD = {code: " " for code in range(128) if _SPACE.fullmatch(chr(code))} | dict.fromkeys(
    range(ord("0"), ord("9") + 1), "0"
)

# An expansion: (text, closed); closed: the pattern piece matched exactly this text, so
# what follows it may be appended; open: anything may follow.
_Expansion = set[tuple[str, bool]]
_ANY: _Expansion = {("", False)}


def key_of(text: str) -> str:
    """A piece of text as the index keys it: lower case, spaces " ", digits "0", cut
    before the first character that is not ASCII."""
    if not text.isascii():
        text = text[: next(j for j, ch in enumerate(text) if not ch.isascii())]
    return text.lower().translate(_FOLD)


def _concat(first: _Expansion, second: _Expansion, depth: int) -> _Expansion:
    out: _Expansion = set()
    for a, closed in first:
        if not closed or len(a) >= depth:
            out.add((a[:depth], closed and len(a) < depth))
            continue
        for b, b_closed in second:
            t = a + b
            out.add((t[:depth], b_closed and len(t) < depth))
    return out


@lru_cache(maxsize=4096)
def _folds_to_ascii(code: int) -> bool:
    one = re.compile(re.escape(chr(code)), re.IGNORECASE)
    return any(one.fullmatch(chr(a)) for a in range(128))


def _literal(code: int) -> _Expansion:
    """One character: itself in lower case (a space " ", a digit "0"); one not ASCII is OTHER unless
    an ASCII character matches it when case is ignored (the Kelvin sign matches "k")."""
    if code < 128:
        return {(chr(code).lower().translate(_FOLD), True)}
    return _ANY if _folds_to_ascii(code) else {(OTHER, True)}


def _chars(arg: Any) -> _Expansion:
    """A character class: its characters when few and plain, else anything."""
    found: _Expansion = set()
    for kind, value in arg:
        if kind is _c.LITERAL:
            found |= _literal(value)
        elif kind is _c.RANGE and value[1] - value[0] <= 512:
            for code in range(value[0], value[1] + 1):
                found |= _literal(code)
        elif kind is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
            found.add(("0", True))
        elif kind is _c.CATEGORY and value is _c.CATEGORY_SPACE:
            found |= {(" ", True), (OTHER, True)}
        else:  # a negated class, word characters, a wide range: anything
            return _ANY
        if ("", False) in found:
            return _ANY
    return found


def _repeat(arg: Any, depth: int) -> _Expansion:
    low, high, items = arg
    one = _sequence(items, depth)
    out: _Expansion = set()
    current: _Expansion = {("", True)}
    for count in range(min(high, depth + 1) + 1):
        if count >= low:
            out |= current
        if count == min(high, depth + 1):
            if high > count:  # more repeats than listed: anything may follow
                out |= {(t, False) for t, _ in current}
            break
        current = _concat(current, one, depth)
        if len(current) > _LIMIT:
            return _ANY
    return out


def _item(op: Any, arg: Any, depth: int) -> _Expansion:
    if op is _c.LITERAL:
        return _literal(arg)
    if op is _c.IN:
        return _chars(arg)
    if op is _c.BRANCH:
        return set().union(*(_sequence(branch, depth) for branch in arg[1]))
    if op is _c.SUBPATTERN:
        return _sequence(arg[3], depth)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        return _repeat(arg, depth)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}  # takes no character (a look is a further test only)
    return _ANY


def _sequence(items: Any, depth: int) -> _Expansion:
    current: _Expansion = {("", True)}
    for op, arg in items:
        current = _concat(current, _item(op, arg, depth), depth)
        if len(current) > _LIMIT:
            return _ANY
        if all(not closed or len(t) >= depth for t, closed in current):
            break
    return current


@lru_cache(maxsize=1024)
def prefixes(pattern: str, depth: int = DEPTH) -> tuple[frozenset[str], ...] | None:
    """The beginnings ``pattern`` may match, by length (``[n]``: the strings of n
    characters after which anything may follow; ``[depth]``: the first ``depth``
    characters), written as :func:`key_of` writes text, or None when it may begin with
    anything (or has too many beginnings to list at this depth)."""
    try:
        found = _sequence(_sre_parser.parse(pattern, re.IGNORECASE), depth)
    except Exception:  # a pattern the parser of this Python reads differently: anything
        return None
    if len(found) > _LIMIT or any(t == "" for t, _ in found):
        return None
    return tuple(frozenset(t for t, _ in found if len(t) == n) for n in range(depth + 1))


def may_begin(key: str, begins: tuple[frozenset[str], ...]) -> bool:
    """Whether a pattern with these beginnings may match where the text's key is ``key``
    (shorter than the depth: the text ends, or is not ASCII, after it)."""
    depth = len(begins) - 1
    key = key[:depth]
    known = len(key)
    if any(key[:n] in begins[n] for n in range(known + 1)):
        return True
    return known < depth and any(
        s.startswith(key) for n in range(known + 1, depth + 1) for s in begins[n]
    )


_PIECES = {" ": r"\s", "0": "[0-9]"}


def guard(beginnings: Iterable[tuple[frozenset[str], ...] | None]) -> str:
    """A look ahead that holds wherever a pattern of these beginnings may match: a listed
    beginning (case ignored, any space for " "), or a place where the key is cut (the
    text ends or is not ASCII within DEPTH characters); "" when one may begin with
    anything."""
    found = list(beginnings)
    if any(b is None for b in found):
        return ""
    listed = {s for b in found if b is not None for n in b for s in n if OTHER not in s}
    body = trie(listed, lambda ch: _PIECES.get(ch) or re.escape(ch))
    cut = rf"(?-i:[\x00-\x7f]{{0,{DEPTH - 1}}}(?:[^\x00-\x7f]|\Z))"
    return f"(?={body}|{cut})"
