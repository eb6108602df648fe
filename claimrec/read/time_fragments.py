"""The named fragments the time rules are written in (``{month}``, ``{year}``, …),
built per lexicon, and the pattern helpers: :func:`compose`, :func:`trie`,
:func:`first_guard`."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from claimrec._text import alternation
from claimrec.lexicon import Lexicon
from claimrec.read.time_vocabulary import time_words

# --- fragments --------------------------------------------------------------------------


# The standard library's own parser of patterns (no stubs: typed loosely).
_sre_parser: Any = importlib.import_module("re._parser")
_sre_constants: Any = importlib.import_module("re._constants")


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern may begin with (None: any) and whether it may match
    nothing; conservative: anything not understood may begin with any character."""
    chars: set[str] = set()
    for op, arg in items:  # a re._parser.SubPattern
        got, empty = _first_of(op, arg)
        if got is None:
            return None, False
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _first_of(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    c = _sre_constants
    if op is c.LITERAL:
        ch = chr(arg)
        return {ch.lower(), ch.upper()}, False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is c.LITERAL:
                chars |= {chr(value).lower(), chr(value).upper()}
            elif kind is c.RANGE and value[1] - value[0] < 128:
                for code in range(value[0], value[1] + 1):
                    chars |= {chr(code).lower(), chr(code).upper()}
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars |= set("0123456789")
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                chars |= set(" \t\n\r\f\v")
            else:
                return None, False
        return chars, False
    if op is c.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in arg[1]:
            got, branch_empty = _first_chars(branch)
            if got is None:
                return None, False
            union |= got
            empty = empty or branch_empty
        return union, empty
    if op is c.SUBPATTERN:
        return _first_chars(arg[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        got, empty = _first_chars(arg[2])
        return got, empty or arg[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # takes no character
    return None, False


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters ``pattern`` may begin with (read without case: both cases of a
    letter), or None when it may begin with any or match nothing."""
    try:
        chars, empty = _first_chars(_sre_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # a pattern the parser of this Python reads differently: any
        return None
    if chars is None or empty or not chars:
        return None
    return frozenset(chars)


def first_guard(pattern: str) -> str:
    """A lookahead for the characters ``pattern`` may begin with, or "" when any may do
    (put before an alternative of a long alternation, it fails in one step where the
    alternative cannot begin)."""
    chars = first_chars(pattern)
    if chars is None:
        return ""
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in chars)) + "])"


_FRAGMENT = re.compile(r"\{([a-z_]+)\}")


def compose(template: str, parts: dict[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by the fragment of that name (regex
    quantifiers such as ``{1,4}`` are left alone)."""
    return _FRAGMENT.sub(lambda m: parts[m.group(1)], template)


def trie(phrases: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """One regex for many phrases, factored by their common beginnings ("christmas",
    "christmas day", "christmas eve" -> ``christmas(?:\\ day|\\ eve)?``): a phrase list of
    any length fails in a step or two where none begins. ``piece`` writes one character
    (a space may stand for any run of spaces). Longer phrases are tried first."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [piece(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(root)})" if root else "(?!)"


def _spaced(ch: str) -> str:
    """A character of a phrase: spaces and hyphens match either, an apostrophe is optional
    and may be curly."""
    if ch in " -":
        return r"[\s-]{1,2}"
    if ch == "'":
        return "['’]?"
    return re.escape(ch)


def _names(names: list[str], *, capital: bool, cased: frozenset[str] = frozenset()) -> str:
    if capital:
        # In running text "may" and "march" are verbs: those names must be capitalised.
        plain = trie(n for n in names if n not in cased)
        capitals = [f"(?-i:{n[0].upper()}){re.escape(n[1:])}" for n in names if n in cased]
        capitals.sort(key=lambda pattern: -len(pattern))
        return "|".join([*capitals, plain])
    return trie(names)


def _phrases(names: Iterable[str]) -> str:
    """Phrases whose spaces and hyphens match either, curly or straight apostrophes."""
    return trie((" ".join(re.split(r"[\s-]+", name)) for name in names), _spaced)


@lru_cache(maxsize=32)
def fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The named fragments rules are written in, for ``lexicon``; ``capital`` asks for
    running text: capitalised names where they are also common words, capital Q and H."""
    return {
        **_name_fragments(lexicon, capital),
        **_number_fragments(lexicon, capital),
        **_word_fragments(lexicon, capital),
    }


def _name_fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """Months, weekdays and days of the month."""
    words = lexicon.words
    tw = time_words(lexicon)
    cased = words("cased_names")
    full, short = sorted(words("months")), sorted(words("month_abbreviations"))
    days, short_days = sorted(words("weekdays")), sorted(words("weekday_abbreviations"))
    suffixes = "|".join(sorted(words("ordinal_suffixes")))

    def month_names(capital: bool) -> str:
        return (
            rf"(?:(?:{_names(full, capital=capital, cased=cased)})(?![a-z])"
            rf"|(?:{_names(short, capital=capital, cased=cased)})(?![a-z])\.?)"
        )

    return {
        # Only abbreviations take a full stop ("Nov."); "August." ends a sentence.
        "month": month_names(capital),
        "month_any": month_names(False),
        "weekday": rf"(?:(?:{_names(days, capital=capital, cased=cased)})(?![a-z])"
        rf"|(?:{_names(short_days, capital=capital, cased=cased)})(?![a-z])\.?)",
        "weekdays_plural": rf"(?:{_names(days, capital=False)})s?(?![a-z])",
        "ordinal_suffix": f"(?:{suffixes})",
        "day": rf"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?(?![0-9a-z]|[,.][0-9])",
        # a day glued to the month after it ("22april")
        "tight_day": rf"(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?(?![0-9])",
        # a day right after its month's glue ("september.16th")
        "glued_day": rf"(?:[12][0-9]|3[01]|0?[1-9])(?:{suffixes})?"
        r"(?![0-9a-z]|\.[0-9]|,[0-9]{1,3}(?![0-9]))",
        "nth_day": _phrases(w for w in tw.day_ordinals if not w[0].isdigit()) + r"(?![a-z])",
        "day_count": _phrases(tw.day_counts) + r"(?![a-z])",
        "week_ordinal": alternation(w for w, n in tw.day_ordinals.items() if n <= 5) + r"(?![a-z])",
    }


def _number_fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """Years in digits and in words, counts."""
    words = lexicon.words
    tw = time_words(lexicon)
    units = lexicon.numbers("small_numbers")
    counts = "|".join(sorted((w for w, n in units.items() if n > 0), key=lambda w: (-len(w), w)))
    digit_words = "|".join(sorted(w for w, n in units.items() if 0 < n < 10))
    teens = "|".join(
        sorted((w for w, n in units.items() if 10 <= n < 20), key=lambda w: (-len(w), w))
    )
    tens = "|".join(sorted(words("tens")))
    n99 = rf"(?:(?:{tens})(?:[\s-]{{1,2}}(?:{digit_words}))?|{teens})"
    centuries = "|".join(sorted(w for w in tw.century_words if " " not in w))
    return {
        "year": r"(?<![0-9,.$£€])(?:1[89][0-9]{2}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])",
        "long_year": r"(?:1[0-9]{3}|20[0-9]{2}|2100)(?![0-9]|[,.][0-9])",  # after a day only
        # "two thousand" alone is a year only in an expression read alone
        "year_words": r"(?:two\s{1,4}thousand"
        + rf"(?:\s{{1,4}}(?:and\s{{1,4}})?(?:{n99}|{digit_words}))"
        + ("" if capital else "?")
        + rf"|(?:{centuries})\s{{1,4}}(?:hundred|(?:oh|zero)\s{{1,4}}(?:{digit_words})|{n99}))"
        r"(?![a-z])",
        "number": rf"(?:[0-9]{{1,4}}|(?:{tens})(?:[- ](?:{digit_words}))?|{counts}|an?)",
        "vague_count": alternation(tw.vague_counts),
    }


def _word_fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The word lists of time_words.txt, units, letters and spacing."""
    words = lexicon.words
    tw = time_words(lexicon)
    units = sorted(words("duration_units"))
    return {
        "day_followers": alternation(words("day_followers")),
        "relative_to": alternation(words("relative_to_words")),
        "weekday_anchor": alternation(words("weekday_anchors")),
        "quarter_letter": "(?-i:Q)" if capital else "Q",
        "half_letter": "(?-i:H)" if capital else "H",
        "space": r"\s{1,4}",
        "md_space": "" if capital else r"\s{0,2}",  # "October. 2" only alone
        "gap": r"\s?" if capital else r"\s{0,2}",
        "duration_unit": "(?:" + "|".join(f"{u}s?" for u in units) + ")",
        "duration_units": "(?:" + "|".join(f"{u}s" for u in units) + ")",
        "calendar_unit": alternation(words("calendar_units")),
        "rolling_word": alternation(words("rolling_words")),
        "day_word": alternation(words("day_words")) + r"(?![a-z])",
        "now_word": alternation(words("now_words")) + r"(?![a-z])",
        "next_word": alternation(words("next_words")),
        "this_word": alternation(words("this_words")),
        "rest_word": alternation(words("rest_words")),
        "offset_after": alternation(words("offset_after")) + r"(?![a-z])",
        "offset_before": alternation(words("offset_before")) + r"(?![a-z])",
        "ordinal": alternation(tw.ordinals),
        "season": _phrases(tw.seasons) + r"(?![a-z])",
        "holiday": _phrases(tw.holidays) + r"(?![a-z])",
        "decade_word": _phrases(tw.decade_words) + r"(?![a-z])",
        "century_word": alternation(tw.century_words),
        "to": rf"(?:\s{{1,4}}{alternation(words('to_words'))}\s{{1,4}}|\s{{0,2}}[-–—]\s{{0,2}})",
    }


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def unnamed(pattern: str) -> str:
    return _GROUP_NAME.sub("(?:", pattern)


@lru_cache(maxsize=32)
def expression_fragments(lexicon: Lexicon, capital: bool) -> dict[str, str]:
    """The fragments of the atoms plus those of parts and compounds."""
    words = lexicon.words
    thirds = sorted(words("thirds"), key=lambda w: (-len(w), w))
    return {
        **fragments(lexicon, capital),
        "part_ordinal": alternation(time_words(lexicon).ordinals.keys() | words("last_part_words")),
        "edge": alternation(words("edges")),
        "third": alternation(thirds),
        "week_to": alternation(words("week_to_words")),
        # "mid-2023": a hyphen may join a third to what it divides
        "part_glue": r"(?:\s{1,4}|(?:" + "|".join(f"(?<={t})" for t in thirds) + ")-)",
        "event_verb": alternation(words("event_verbs")),
        "to": rf"(?:\s{{1,4}}{alternation(words('to_words'))}\s{{1,4}}|\s{{0,2}}[-–—]\s{{0,2}})",
        "preposition": alternation(words("prepositions")),
        "until_word": alternation(words("until_words") | words("as_of_words") | words("to_words")),
        "as_of_word": alternation(words("as_of_words")),
        "bound_word": alternation(words("bound_words")),
        "offset_bound": alternation(words("offset_bounds")),
        # a day of the month alone, at one end of a range ("from 4 to 22 January")
        "bare_day": r"(?:the\s{1,4})?(?:(?<![0-9,.])(?:[12][0-9]|3[01]|0?[1-9])"
        rf"(?:{alternation(words('ordinal_suffixes'))})?|"
        + fragments(lexicon, capital)["nth_day"]
        + r")(?![\w-]|[,.][0-9])",
    }
