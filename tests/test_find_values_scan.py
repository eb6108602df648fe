"""The scan's prefilter: the tokens it never looks at are words that start no figure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimrec.lexicon import default_lexicon
from claimrec.policy import DEFAULT_POLICY
from claimrec.read.figure_words import figure_words
from claimrec.read.figures import _Reader, _scan_starts, _visited
from claimrec.read.tokens import WORD, tokenize
from claimrec.testing import articles, figure_texts


def _passed_over(text: str) -> list[tuple[int, str]]:
    """Tokens the prefilter leaves out that the scan's own word checks would look at."""
    tokens = tokenize(text)
    words = figure_words(default_lexicon())
    reader = _Reader(text, tokens, DEFAULT_POLICY, words)
    visited = set(_visited(tokens, _scan_starts(words, reader.vague_starts)))
    small = words.numbers.small
    looked_at = []
    for i, token in enumerate(tokens):
        if i in visited:
            continue
        word = token.low
        if (
            token.kind != WORD
            or word in words.word_starts
            or word in reader.vague_starts
            or word in small
            or ("-" in word and word.partition("-")[0] in small)
        ):
            looked_at.append((i, token.text))
    return looked_at


@given(st.lists(figure_texts(), min_size=1, max_size=4).map(" and ".join))
def test_prefilter_keeps_every_token_a_figure_text_may_start_at(text: str) -> None:
    assert _passed_over(text) == []


@given(articles())
def test_prefilter_keeps_every_token_an_article_may_start_a_figure_at(text: str) -> None:
    assert _passed_over(text) == []


def test_prefilter_on_a_mixed_sentence() -> None:
    text = "Officials said a few dozen, then over 2,000, five-year-olds — -3% in €5bn terms."
    tokens = tokenize(text)
    words = figure_words(default_lexicon())
    reader = _Reader(text, tokens, DEFAULT_POLICY, words)
    kept = {tokens[i].low for i in _visited(tokens, _scan_starts(words, reader.vague_starts))}
    assert {"a", "over", "2,000", "five-year-olds", "-", "3", "€", "5"} <= kept
    assert "officials" not in kept and "terms" not in kept
    assert _passed_over(text) == []
