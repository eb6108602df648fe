"""The first pass's index (issue 12): trying only the atoms that may begin with a place's
next characters finds exactly what the whole scanner finds.

The index is a speed-up and nothing else, so the properties compare it with the full
scan on generated text: near the window grammar, news-like articles and hostile input,
read in running text and alone. The beginnings of a few patterns are checked by hand.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimrec.calendar import default_calendar
from claimrec.lexicon import default_lexicon
from claimrec.read.time_beginnings import DEPTH, OTHER, prefixes
from claimrec.read.time_index import atom_index
from claimrec.read.time_scan import atom_scanner, skeleton_of
from claimrec.testing import articles, messy_texts, window_texts


def _same_both_ways(text: str) -> None:
    for running_text in (True, False):
        full = atom_scanner(default_calendar(), default_lexicon(), running_text)
        index = atom_index(default_calendar(), default_lexicon(), running_text)
        assert skeleton_of(text, index, running_text) == skeleton_of(text, full, running_text)


@settings(max_examples=150, deadline=None)
@given(st.lists(window_texts(), max_size=6).map(" ".join))
def test_the_index_finds_what_the_scanner_finds_near_the_grammar(text: str) -> None:
    _same_both_ways(text)


@settings(max_examples=40, deadline=None)
@given(articles())
def test_the_index_finds_what_the_scanner_finds_in_articles(text: str) -> None:
    _same_both_ways(text)


@settings(max_examples=60, deadline=None)
@given(messy_texts())
def test_the_index_finds_what_the_scanner_finds_in_hostile_text(text: str) -> None:
    _same_both_ways(text)


GLUED = [
    "mid-2023 and Q3-2024, then 4/22 and 16/17 May",
    "the 19th-century war; twenty-first; Sept.30; 2019/Sep/01",
    "İstanbul on 3 May; ſome Kelvin K 2024; “last week”",  # non-ASCII: the full scan
    "in 3 weeks it will be Christmas Eve",
    "in\u00a02024 and in\t2023; the\tfirst half of\n2022; the ’90s, the '80s",
    "for the first 3\u2009days; and 2 weeks after; for two weeks starting May 1",
]


@pytest.mark.parametrize("text", GLUED)
def test_the_index_finds_what_the_scanner_finds_on_written_cases(text: str) -> None:
    _same_both_ways(text)


BEGINNINGS = {
    "literal_word": ("next{1,2}", {"nex"}),
    "optional_article": ("(?:the )?end", {"the", "end"}),
    "digits_are_one_digit": ("[12][0-9]{3}", {"000"}),
    "a_space_class_is_one_blank": (r"in\s+[0-9]", {"in ", "in" + OTHER}),
    "case_is_folded": ("(?-i:Q)[1-4]", {"q0"}),
    "curly_quote_cuts_the_key": ("[’'][0-9]0s", {"'00", OTHER + "00"}),
}  # fmt: skip


@pytest.mark.parametrize(("pattern", "want"), BEGINNINGS.values(), ids=list(BEGINNINGS))
def test_beginnings_of_a_pattern(pattern: str, want: set[str]) -> None:
    found = prefixes(pattern)
    assert found is not None
    assert set().union(*found) == want
    assert all(len(s) <= DEPTH for s in want)


@pytest.mark.parametrize("pattern", [r".x", r"[^a]b", "(?:a)?", r"\w+", "\u212a"])
def test_a_pattern_that_may_begin_with_anything_has_no_beginnings(pattern: str) -> None:
    assert prefixes(pattern) is None
